"""Consistency of the held-out real test set in tests/real2/.

tests/real2 holds public Vietnamese administrative documents that are NOT in tests/real, each
annotated by hand in the gold schema of the fixtures. These tests only check the files against
each other (never an extractor): every text has a gold, every gold parses and follows the schema
(ISO dates, SPEC relation labels), and every citation number and quote, every named citation and
the document's own number, subject, place and signer occur in the text after whitespace collapse
— so the gold cannot drift from the text it annotates.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

REAL2 = Path(__file__).resolve().parent / "real2"
TEXTS = sorted(REAL2.glob("*.txt"))
GOLDS = sorted(REAL2.glob("*.gold.json"))

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


def occurs(needle: str, text: str) -> bool:
    """Needle occurs in the text once both are whitespace-collapsed."""
    return flat(needle) in flat(text)


def is_iso(value: str | None) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def gold_id(path: Path) -> str:
    return path.name.split(".")[0]


def test_real2_set_is_big_enough() -> None:
    assert len(TEXTS) >= 24, f"only {len(TEXTS)} held-out documents"
    assert len(GOLDS) == len(TEXTS)


def test_real2_does_not_repeat_tests_real() -> None:
    """No document of the held-out set is a document of tests/real (same number, same date)."""
    real = REAL2.parent / "real"
    seen = {(load(p)["document"]["number"], load(p)["document"]["date"])
            for p in real.glob("*.gold.json") if load(p)["document"]["number"]}
    for path in GOLDS:
        doc = load(path)["document"]
        if doc["number"]:
            assert (doc["number"], doc["date"]) not in seen, path.name


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_every_text_has_a_gold(txt: Path) -> None:
    assert txt.with_name(txt.stem + ".gold.json").exists()
    text = txt.read_text(encoding="utf-8")
    assert text.strip()
    assert unicodedata.is_normalized("NFC", text), "text is not NFC"


@pytest.mark.parametrize("gold_path", GOLDS, ids=gold_id)
def test_gold_schema(gold_path: Path) -> None:
    gold = load(gold_path)
    assert gold["id"] == gold_id(gold_path)
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
        assert flat(cit["number"]) in flat(cit["quote"]), ("quote lacks the number", cit["number"])
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
