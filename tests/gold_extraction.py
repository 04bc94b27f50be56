"""Turn a corpus gold file into an extraction dict (the shape `extract()` returns), for store and
graph tests that must not depend on the extractors.

The gold has no reported relations; the ones seed004 states in its first Căn cứ clause
("Nghị quyết số 11/NQ-CP … sửa đổi, bổ sung, cập nhật Nghị quyết số 71/NQ-CP … Chương trình
hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW …", corpus/seed004.txt lines 7-10)
are added here by hand.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extractors.identity import file_key, make_key

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

REPORTED = {
    "seed004": [
        {"source": "11/NQ-CP", "target": "71/NQ-CP", "relation": "sua_doi",
         "quote": "Nghị quyết số 11/NQ-CP ngày 14/01/2026 của Chính phủ sửa đổi, bổ sung, cập nhật Nghị quyết số 71/NQ-CP"},
        {"source": "71/NQ-CP", "target": "57-NQ/TW", "relation": "thuc_hien",
         "quote": "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW"},
    ],
}


def _year(d: str | None) -> str | None:
    return d[:4] if d else None


def gold_extraction(seed: str, sha256: str | None = None, fmt: str = "docx") -> dict:
    """Extraction dict of `corpus/<seed>.gold.json`; the sha256 is that of the .docx by default."""
    gold = json.loads((CORPUS / f"{seed}.gold.json").read_text(encoding="utf-8"))
    path = CORPUS / f"{seed}.{fmt}"
    sha = sha256 or hashlib.sha256(path.read_bytes()).hexdigest()
    doc = dict(gold["document"])
    doc["key"] = make_key(doc.get("number"), _year(doc.get("date")) or _year(doc.get("date_partial"))) \
        or file_key(sha)
    citations = []
    for c in gold["citations"]:
        c = dict(c)
        c["key"] = make_key(c["number"], _year(c.get("date")))
        c.setdefault("span", None)
        c.setdefault("page", None)
        citations.append(c)
    return {
        "file": path.name, "sha256": sha, "format": fmt, "pages": None, "ocr": False,
        "document": doc, "citations": citations,
        "named_citations": gold.get("named_citations", []),
        "reported_relations": REPORTED.get(seed, []),
        "tasks": gold.get("tasks", []), "warnings": [],
    }


SEEDS = ("seed000", "seed001", "seed002", "seed003", "seed004")


def build_gold_db(path, order=SEEDS):
    """A database holding the five gold extractions, saved in `order`, one transaction each."""
    from pipeline.store import open_db, save_extraction
    db = open_db(path)
    keys = {}
    for seed in order:
        with db.conn:
            keys[seed] = save_extraction(db, gold_extraction(seed), str(CORPUS / f"{seed}.docx"))
    return db, keys


def synthetic(sha: str, number: str | None, date: str | None, citations=(), doc_type="Công văn",
              issuer="Ủy ban nhân dân tỉnh Đồng Tháp", subject="thử nghiệm", tasks=(), reported=()) -> dict:
    """A small hand-made extraction (identity edge cases the corpus does not have)."""
    from extractors.identity import make_key
    cits = []
    for c in citations:
        c = {"type": "Thông báo", "issuer": None, "relation": "can_cu", "quote": "", "span": None, "page": None,
             "date": None, **c}
        c["key"] = make_key(c["number"], _year(c.get("date")))
        cits.append(c)
    key = make_key(number, _year(date)) or file_key(sha)
    return {"file": f"{sha[:8]}.txt", "sha256": sha, "format": "txt", "pages": None, "ocr": False,
            "document": {"type": doc_type, "number": number, "key": key, "date": date, "issuer": issuer,
                         "subject": subject, "is_draft": False},
            "citations": cits, "named_citations": [], "reported_relations": list(reported),
            "tasks": list(tasks), "warnings": []}
