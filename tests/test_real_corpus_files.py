"""Consistency of our own real test sets: tests/real and tests/real2 … tests/real10.

Each holds public Vietnamese administrative documents (no document in two sets), annotated by
hand in the gold schema of the fixtures; real2 … real10 were annotated without running the
extractors, as held-out checks (real4 adds Party, mass-organisation, ward and damaged-text
documents, and the first prose tasks; real5 adds a Thông báo kết luận, Party congress and standing-board
resolutions without header, a school document, numbered basis lists, shared-type-word lists and a
post-07/2025 decision; real6 adds ministries' circulars and letters (Bộ Y tế, Bộ Tài chính, Ngân hàng
Nhà nước), HĐND resolutions, a district plan, text layers that drop dashes or words, and recurring
prose tasks in a header-less notice; real7 adds departments, district and commune bodies, district
education offices and the Red Cross, with 19 prose tasks; real8 adds the National Assembly, decrees, a joint
circular, Government Office letters and conclusions, Party guides and programmes; real9 56 prose tasks of
notices and letters; real10 documents from
1985-2012 and after the 2025 reorganisation). These tests only check the files against each other (never
an extractor): every text has a gold, every gold parses and follows the schema (ISO dates, SPEC
relation labels), and every citation number and quote, every named citation and the document's
own number, subject, place and signer occur in the text after whitespace collapse — so the gold
cannot drift from the text it annotates.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SETS = {"real": 32, "real2": 24, "real3": 24, "real4": 24, "real5": 24, "real6": 24, "real7": 24, "real8": 24, "real9": 24, "real10": 24, "real11": 5, "real12": 24, "real13": 24, "real14": 24, "real15": 24, "real16": 17, "real17": 24, "real18": 24, "real19": 16, "real20": 16, "real21": 16, "real22": 24, "real23": 16, "real24": 24}   # folder -> minimum number of documents
TEXTS = sorted(p for name in SETS for p in (TESTS / name).glob("*.txt"))
GOLDS = sorted(p for name in SETS for p in (TESTS / name).glob("*.gold.json"))

RELATIONS = {"can_cu", "thuc_hien", "tra_loi", "sua_doi", "thay_the", "bai_bo",
             "huong_dan", "kem_theo", "theo", "other"}
DOCUMENT_KEYS = {"type", "number", "date", "issuer", "place", "signer", "signer_title",
                 "signing_authority", "subject", "recipients", "distribution", "is_draft"}
CITATION_KEYS = {"type", "number", "date", "issuer", "relation", "quote"}
NAMED_KEYS = {"type", "name", "date", "quote"}


def flat(text: str) -> str:
    """NFC with whitespace runs collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(gold_path: Path) -> str:
    return gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")


def joined(text: str) -> str:
    """Like flat, but a line break after '-' or '/' (a broken number) joins without a space."""
    return flat(re.sub(r"(?<=[-/])[ \t]*\n\s*", "", unicodedata.normalize("NFC", text)))


def occurs(needle: str, text: str) -> bool:
    """Needle occurs in the text, whitespace-insensitively or with broken numbers joined."""
    return flat(needle) in flat(text) or joined(needle) in joined(text)


def is_iso(value: str | None) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def gold_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.split('.')[0]}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_set_is_big_enough(name: str) -> None:
    texts = list((TESTS / name).glob("*.txt"))
    assert len(texts) >= SETS[name], f"only {len(texts)} documents in tests/{name}"
    assert len(list((TESTS / name).glob("*.gold.json"))) == len(texts)


def test_no_document_in_two_sets() -> None:
    """Held-out sets hold other documents than the development set (number and date differ)."""
    seen: dict[tuple, str] = {}
    for path in GOLDS:
        doc = load(path)["document"]
        if doc["number"]:
            ident = (doc["number"], doc["date"])
            assert ident not in seen, (path.name, seen.get(ident))
            seen[ident] = gold_id(path)


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_text_has_a_gold(txt: Path) -> None:
    assert txt.with_name(txt.stem + ".gold.json").exists()
    text = txt.read_text(encoding="utf-8")
    assert text.strip()
    assert unicodedata.is_normalized("NFC", text), "text is not NFC"


@pytest.mark.parametrize("gold_path", GOLDS, ids=gold_id)
def test_gold_schema(gold_path: Path) -> None:
    gold = load(gold_path)
    assert gold["id"] == gold_path.name.split(".")[0]
    assert gold["source"].startswith("http")
    doc = gold["document"]
    assert DOCUMENT_KEYS <= set(doc), DOCUMENT_KEYS - set(doc)
    assert doc["type"] and doc["issuer"]
    assert isinstance(doc["is_draft"], bool)
    assert is_iso(doc["date"])
    if doc["number"] == "":
        assert doc.get("number_symbol"), "a blank number needs its printed symbol"
    if doc.get("date_partial"):
        assert doc["date"] is None and re.fullmatch(r"\d{4}(-\d{2})?", doc["date_partial"])
    for key in ("recipients", "distribution"):
        assert doc[key] is None or (isinstance(doc[key], list) and all(doc[key]))
    for key in ("citations", "named_citations", "tasks", "appendices"):
        assert isinstance(gold[key], list)
    for cit in gold["citations"]:
        assert CITATION_KEYS <= set(cit)
        assert cit["relation"] in RELATIONS, cit
        assert is_iso(cit["date"]), cit
        assert cit["type"] and cit["number"]
        assert len(cit["quote"]) <= 160
    for named in gold["named_citations"]:
        assert NAMED_KEYS <= set(named)
        assert is_iso(named["date"]), named
        assert len(named["quote"]) <= 160


@pytest.mark.parametrize("gold_path", GOLDS, ids=gold_id)
def test_gold_occurs_in_text(gold_path: Path) -> None:
    gold = load(gold_path)
    text = text_of(gold_path)
    doc = gold["document"]
    for key in ("number", "number_symbol", "subject", "signer", "place", "signing_authority"):
        if doc.get(key):
            assert occurs(doc[key], text), (key, doc[key])
    numbers = [flat(c["number"]) for c in gold["citations"]]
    assert len(numbers) == len(set(numbers)), "a citation is listed twice"
    assert doc.get("number") not in numbers, "the document cites itself"
    for cit in gold["citations"]:
        assert occurs(cit["number"], text), cit["number"]
        assert occurs(cit["quote"], text), cit["quote"]
        assert re.sub(r"\s", "", cit["number"]) in re.sub(r"\s", "", cit["quote"]), ("quote lacks the number", cit["number"])
    for named in gold["named_citations"]:
        assert occurs(named["name"], text), named["name"]
        assert occurs(named["quote"], text), named["quote"]


@pytest.mark.parametrize("gold_path", GOLDS, ids=gold_id)
def test_citations_in_order_of_first_mention(gold_path: Path) -> None:
    gold = load(gold_path)
    plain = flat(text_of(gold_path))
    positions = [plain.find(flat(c["quote"])) for c in gold["citations"]]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions), [c["number"] for c in gold["citations"]]


DEADLINE_KINDS = {"date", "month", "quarter", "year", "recurring", "conditional", "none"}   # SPEC


@pytest.mark.parametrize("gold_path", GOLDS, ids=gold_id)
def test_tasks_follow_the_schema(gold_path: Path) -> None:
    """Tasks (where a kept text has them) have a name, list-valued lead/support and a known deadline kind."""
    gold = load(gold_path)
    text = text_of(gold_path)
    for task in gold["tasks"]:
        assert task["name"] and occurs(task["name"], text), task
        assert isinstance(task["lead"], list) and isinstance(task["support"], list)
        assert task["deadline_kind"] in DEADLINE_KINDS
        assert is_iso(task["deadline"])
        if task.get("deadline_text"):
            assert occurs(task["deadline_text"], text)
