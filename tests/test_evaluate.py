"""The evaluator scores real extractions against gold, and the quality gates of the issues hold."""
from __future__ import annotations

import copy
import json

import pytest

from conftest import CORPUS, ROOT
from extractors import extract
from pipeline.evaluate import by_format, evaluate, score_file
from pipeline.readers import read


@pytest.mark.parametrize("gold_no, got_section, got_no, found", [
    ("I.1", "I", "1", True),     # the section's item 1, written with its roman numeral or without
    ("1", "I", "1", True),
    ("I.2", "I", "1", False),
    ("1.1", "1", "1", False),    # not for numbered sections: "1.1" and "1" are two items of section 1
])
def test_task_key_drops_the_roman_section_from_the_number(gold_no, got_section, got_no, found):
    task = {"appendix": None, "section": "I", "no": gold_no, "name": "x", "lead": [], "deadline": None,
            "deadline_kind": "none"}
    gold = {"document": {}, "citations": [], "named_citations": [], "tasks": [task]}
    if gold_no == "1.1":
        task["section"] = "1"
    ex = copy.deepcopy(gold)
    ex["tasks"][0].update(section=got_section, no=got_no)
    assert score_file(ex, gold, "txt", "x.txt").task_found == int(found)


@pytest.fixture(scope="module")
def seed000():
    gold = json.loads((CORPUS / "seed000.gold.json").read_text(encoding="utf-8"))
    return extract(read(CORPUS / "seed000.docx")), gold


def test_perfect_extraction_scores_one(seed000):
    _, gold = seed000
    s = score_file(copy.deepcopy(gold), gold, "docx", "gold")
    assert s.cit_fp == s.cit_fn == 0 and all(s.fields.values()) and s.named_fn == 0


def test_dropped_and_wrong_citations_are_counted(seed000):
    ex, gold = seed000
    ex = copy.deepcopy(ex)
    dropped = ex["citations"].pop(0)
    ex["citations"][0]["relation"] = "bai_bo"
    ex["citations"].append(dict(dropped, number="999/QĐ-XYZ"))
    s = score_file(ex, gold, "docx", "seed000.docx")
    assert s.cit_fn == 1 and s.cit_fp == 1
    assert s.rel_ok == s.cit_tp - 1
    assert any("citation missed" in m for m in s.misses)


def test_wrong_document_number_is_a_miss(seed000):
    ex, gold = seed000
    ex = copy.deepcopy(ex)
    ex["document"]["type"] = "Quyết định"
    s = score_file(ex, gold, "docx", "seed000.docx")
    assert s.fields["type"] is False


@pytest.mark.parametrize("got, ok", [
    ("Rà soát văn bản", True),
    ("Rà soát văn bản.", True),     # annotators differ on the item's closing mark
    ("Rà soát văn bản;", True),
    ("Rà soát văn bản quy phạm", False),
])
def test_task_names_compare_without_closing_mark(got, ok):
    gold = {"document": {}, "citations": [], "named_citations": [],
            "tasks": [{"appendix": None, "section": None, "no": "1", "name": "Rà soát văn bản", "lead": [],
                       "deadline": None, "deadline_kind": "none"}]}
    ex = copy.deepcopy(gold)
    ex["tasks"][0]["name"] = got
    assert score_file(ex, gold, "txt", "x.txt").name_ok == ok


@pytest.fixture(scope="module")
def corpus_table():
    return by_format(evaluate([CORPUS]))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_fixture_quality_gate(corpus_table, fmt):
    """Issue targets on the five fixtures: number, date, type exact; issuer right; citation
    F1 >= 0.98, relation accuracy >= 0.9, cited-date accuracy >= 0.95."""
    t = corpus_table[fmt]
    assert t["files"] == 5
    for field in ("number", "date", "type", "issuer"):
        assert t[field] == 1.0, (fmt, field, t[field])
    assert t["citation_f1"] >= 0.98 and t["relation_acc"] >= 0.9 and t["cited_date_acc"] >= 0.95, t


# Floors a change must not fall below: the development sets (real, real2) at the issue's
# targets; the later held-out sets (real3 … real24: first scored before any rule saw them,
# then used to mend general rules) a little lower, as measured. real4 keeps two damaged texts
# whose type no rule reads ("Bảng so sánh", a text with no type word), real5 a "Chuyên đề", real7 a
# date printed only in a header-less notice's title ("Thông báo Khẩn ngày 18/10/2020"), real9 relations of
# documents named inside task items, real10 a 1985 decision numbered in the old style ("38-HĐBT"), real22 four numbers
# of 1988-2003 in old or damaged forms ("01-TANDTC-VKSNDTC/TTLT", "157-TCTK-TTr", "4a/ 2001/NQ /HĐND4", "165/2003/Q -UB").
FLOORS = {"real": (0.97, 0.95, 0.9), "real2": (0.97, 0.95, 0.9), "real3": (0.93, 0.95, 0.85),
          "real4": (0.9, 0.95, 0.83), "real5": (0.9, 0.95, 0.9), "real6": (0.95, 0.95, 0.88),
          "real7": (0.9, 0.95, 0.85), "real8": (0.95, 0.95, 0.9), "real9": (0.9, 0.9, 0.8),
          "real10": (0.9, 0.95, 0.9), "real11": (0.95, 0.95, 0.9), "real12": (0.93, 0.93, 0.83),
          "real13": (0.95, 0.95, 0.93), "real14": (0.85, 0.93, 0.75),
          "real15": (0.95, 0.95, 0.95), "real16": (0.9, 0.95, 0.85), "real17": (0.95, 0.95, 0.9),
          "real18": (0.95, 0.95, 0.93), "real19": (0.9, 0.95, 0.9), "real20": (0.8, 0.95, 0.9),
          "real21": (0.95, 0.95, 0.9), "real22": (0.8, 0.93, 0.85), "real23": (0.85, 0.9, 0.9),
          "real24": (0.95, 0.95, 0.93)}
SMALL_SETS = {"real11": 5, "real16": 17, "real19": 16, "real20": 16, "real21": 16, "real23": 16}   # folder -> its size where under 24 (real11: the pages corpus held only five new Party and mass-organisation texts)


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_real_documents_quality_gate(folder):
    """Our own real documents: number, date and type, citation F1 and relations stay above floors."""
    header_floor, f1_floor, relation_floor = FLOORS[folder]
    t = by_format(evaluate([ROOT / "tests" / folder]))["all"]
    assert t["files"] >= SMALL_SETS.get(folder, 24)
    for field in ("number", "date", "type"):
        assert t[field] >= header_floor, (field, t)
    assert t["citation_f1"] >= f1_floor and t["relation_acc"] >= relation_floor, t
