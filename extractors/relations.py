"""Relation of a cited document to the citing one, and relations reported between others.

Cue words are data (data/relations.json). A mention's relation comes from its clause — the
text from the last clause boundary (unit start, ";", ". ", ":", "(") up to the type word:
- a cue right before the type word ("Căn cứ", "Thực hiện", "Tiếp nhận", "theo", "thay thế"…);
- a paragraph opening with "Căn cứ" makes every top-level item of its ";" list `can_cu`;
- a mention following another citation in the same clause describes that citation (it is
  nested: "Nghị quyết số 11 … sửa đổi … Nghị quyết số 71 …") -> `other`, and the cue between
  the two is a relation the document *reports* (11 -sua_doi-> 71);
- coordinated mentions ("Nghị định số 267 và Nghị định số 268") share the relation;
- a unit holding only a citation (a notes cell "Quyết định số 05-QĐ/BCĐ ngày … (STT13)") is
  the source of that row: `theo`; a paragraph opening with a citation and ending with ";"
  (a basis list without the word "Căn cứ") is `can_cu`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from extractors.doctypes import type_regex

DATA = Path(__file__).parent / "data"
RELATIONS = ("can_cu", "thuc_hien", "tra_loi", "sua_doi", "thay_the", "bai_bo", "huong_dan",
             "kem_theo", "theo", "other")


@lru_cache(maxsize=None)
def _cues() -> dict:
    with open(DATA / "relations.json", encoding="utf-8") as f:
        return json.load(f)


def _cue_list(kind: str) -> list[tuple[str, str]]:
    pairs = [(c, rel) for rel, cs in _cues()[kind].items() for c in cs]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


_BOUNDARY = re.compile(r";|:|\(|\)|\.\s+(?=[^\W\d_])|\n(?=\s*[-–+•*])|\t|\n(?=\s*(?:V/v|v/v|Về việc|Kính gửi|Căn cứ)\b)")


def clause_start(ft: str, unit_start: int, pos: int) -> int:
    """Start of the clause containing `pos` inside its unit."""
    seg = ft[unit_start:pos]
    last = 0
    for m in _BOUNDARY.finditer(seg):
        last = m.end()
    return unit_start + last


_MARKER = re.compile(r"^(?:[-–+•*]\s*|\d+(?:\.\d+)*[.)]\s*|[a-zđ][.)]\s*|[ivxlc]+[.\-–]\s*|\(\d+\)\s*|v/v\s*|về việc\s*)+")


def cue_before(prefix: str) -> str | None:
    """Relation of an own cue ending the prefix ("… Căn cứ", "Thực hiện các", "theo")."""
    p = _norm(prefix)
    p = re.sub(r"\b(các|những|tại|nội dung|tinh thần|kết luận tại)$", lambda m: m.group(0) if m.group(0) == "tại" else "", p).strip()
    for cue, rel in _cue_list("own"):
        if p == cue or p.endswith(" " + cue):
            return rel
    return None


def own_relation(prefix: str, clause_is_unit_start: bool, unit_text: str, basis_paragraph: bool,
                 only_citation: bool, prev_basis_line: bool, in_table: bool) -> str:
    """Relation of a top-level (not nested) mention from the words before it in its clause."""
    p = _MARKER.sub("", _norm(prefix))
    rel = cue_before(p)
    if rel == "theo" and p.endswith("tại"):
        rel = "theo" if re.match(r"^(theo|trên cơ sở|căn cứ|thực hiện)\b", p) else "other"
    if rel in ("thuc_hien",) and not re.match(
            r"^(để |nhằm |tiếp tục |khẩn trương )?(triển khai|thực hiện|tổ chức|quán triệt|cụ thể hóa|hưởng ứng)", p):
        rel = "other"
    if rel == "can_cu" and not re.match(r"^căn cứ", p):
        rel = None
    if rel == "tra_loi" and not re.match(r"^(tiếp nhận|phúc đáp|trả lời|theo đề nghị|nhận được)", p):
        rel = None
    if rel:
        return rel
    if p.startswith(("căn cứ",)) and len(p.split()) <= 3:
        return "can_cu"
    if p == "":
        if only_citation:
            return "theo" if (in_table or not unit_text.rstrip().endswith(";")) and not prev_basis_line else "can_cu"
        if basis_paragraph:
            return "can_cu"
        if clause_is_unit_start and not in_table and (unit_text.rstrip().endswith(";") or prev_basis_line):
            return "can_cu"
    if p.startswith("trên cơ sở") or p.startswith("theo "):
        return "theo"
    return "other"


def coordinated(between: str) -> bool:
    """Text between two mentions that only coordinates them ("và", ",", "và các")."""
    b = _norm(between)
    return bool(re.fullmatch(r"(ngày \S+ )?(,|và|cùng|;)?\s*(và )?(các )?", b))


def reported_cue(between: str) -> str | None:
    """A relation cue stated between an earlier citation and a later one (the last one wins)."""
    b = _norm(between)
    best: tuple[int, str] | None = None
    for cue, rel in _cue_list("reported"):
        for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", b):
            # the cue must govern the later citation: nothing but modifiers after it
            if best is None or m.start() > best[0]:
                best = (m.start(), rel)
    if best is None:
        return None
    tail = b[best[0]:]
    if re.search(r"(?i)(?<!\w)(" + type_regex() + r")(?!\w)", tail[:-1] if tail else tail):
        # a type word after the cue: the cue belongs to an unnumbered document in between
        return None
    return best[1]


def combine(relations: list[str]) -> str:
    """One relation per cited document: the first mention's, or the first non-`other` later."""
    for r in relations:
        if r != "other":
            return r
    return "other"
