"""Consistency of the hand-annotated real test set in tests/real/.

Every document text has a gold file, every gold parses and follows the gold schema of the
fixtures (ISO dates, known relation labels), and every citation number and quote, every
named citation and the document's own number and subject occur in the text — so the gold
cannot drift from the text it annotates.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent / "real"
TEXTS = sorted(REAL.glob("*.txt"))
GOLDS = sorted(REAL.glob("*.gold.json"))

RELATIONS = {"can_cu", "thuc_hien", "tra_loi", "sua_doi", "thay_the", "bai_bo",
             "huong_dan", "kem_theo", "theo", "other"}
DOCUMENT_KEYS = {"type", "number", "date", "issuer", "place", "signer", "signer_title",
                 "signing_authority", "subject", "recipients", "distribution", "is_draft"}
CITATION_KEYS = {"type", "number", "date", "issuer", "relation", "quote"}
NAMED_KEYS = {"type", "name", "date", "quote"}


def flat(text: str) -> str:
    """NFC with whitespace runs collapsed to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def joined(text: str) -> str:
    """Like flat, but a line break after '-' or '/' (a broken number) joins without a space."""
    text = re.sub(r"(?<=[-/])[ \t]*\n\s*", "", unicodedata.normalize("NFC", text))
    return flat(text)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(gold_path: Path) -> str:
    return gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")


def occurs(needle: str, text: str) -> bool:
    """Needle occurs in the text, whitespace-insensitively or with broken numbers joined."""
    return flat(needle) in flat(text) or flat(needle) in joined(text)


def is_iso(value: str | None) -> bool:
    if value is None:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def test_real_set_is_big_enough() -> None:
    assert len(TEXTS) >= 32, f"only {len(TEXTS)} real documents"


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_every_text_has_a_gold(txt: Path) -> None:
    assert txt.with_name(txt.stem + ".gold.json").exists()
    assert txt.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_gold_schema(gold_path: Path) -> None:
    gold = load(gold_path)
    assert gold["id"] == gold_path.name.split(".")[0]
    assert gold["source"].startswith("http")
    doc = gold["document"]
    assert DOCUMENT_KEYS <= set(doc), DOCUMENT_KEYS - set(doc)
    assert doc["type"]
    assert doc["issuer"]
    assert isinstance(doc["is_draft"], bool)
    assert is_iso(doc["date"])
    for key in ("recipients", "distribution"):
        assert doc[key] is None or (isinstance(doc[key], list) and all(doc[key]))
    for key in ("citations", "named_citations", "tasks", "appendices"):
        assert isinstance(gold[key], list)
    for cit in gold["citations"]:
        assert CITATION_KEYS <= set(cit)
        assert cit["relation"] in RELATIONS, cit
        assert is_iso(cit["date"]), cit
        assert len(cit["quote"]) <= 160
    for named in gold["named_citations"]:
        assert NAMED_KEYS <= set(named)
        assert is_iso(named["date"]), named
        assert len(named["quote"]) <= 160


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_gold_occurs_in_text(gold_path: Path) -> None:
    gold = load(gold_path)
    text = text_of(gold_path)
    doc = gold["document"]
    for key in ("number", "subject", "signer", "place"):
        if doc.get(key):
            assert occurs(doc[key], text), (key, doc[key])
    numbers = [c["number"] for c in gold["citations"]]
    assert len(numbers) == len(set(numbers)), "a citation is listed twice"
    assert doc.get("number") not in numbers, "the document cites itself"
    for cit in gold["citations"]:
        assert occurs(cit["number"], text), cit["number"]
        assert occurs(cit["quote"], text), cit["quote"]
        assert flat(cit["quote"]).startswith(flat(cit["type"]).split()[0]) or \
            flat(cit["quote"]).lower().startswith(flat(cit["type"]).split()[0].lower()), cit
    for named in gold["named_citations"]:
        assert occurs(named["name"], text), named["name"]
        assert occurs(named["quote"], text), named["quote"]


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_citations_in_order_of_first_mention(gold_path: Path) -> None:
    gold = load(gold_path)
    raw = text_of(gold_path)
    plain, glued = flat(raw), joined(raw)
    positions = [plain.find(flat(c["quote"])) if flat(c["quote"]) in plain
                 else glued.find(flat(c["quote"])) for c in gold["citations"]]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions), [c["number"] for c in gold["citations"]]
