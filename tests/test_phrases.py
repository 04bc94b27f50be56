"""The word-trie alternation must match exactly what a length-sorted alternation matched."""
import re

import pytest

from extractors import agencies, doctypes
from extractors.phrases import first_letters, phrase_alternation
from pipeline.normalize import fold

NAMES = ["Sở Tài chính", "Sở Tư pháp", "Sở Tài nguyên và Môi trường", "Sở", "Ban Chỉ đạo",
         "Ban Chỉ đạo Trung ương", "Ủy ban nhân dân", "Ủy ban nhân dân tỉnh", "Tin", "Tinh"]


def _plain(phrases: list[str]) -> str:
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                            for p in sorted(phrases, key=len, reverse=True)) + ")"


@pytest.mark.parametrize("text, expected", [
    ("gửi Sở Tài chính và Sở Tư pháp", ["Sở Tài chính", "Sở Tư pháp"]),
    ("Sở Tài nguyên và Môi trường tỉnh", ["Sở Tài nguyên và Môi trường"]),
    ("Sở Tài\nchính", ["Sở Tài\nchính"]),                    # a line break inside a name
    ("Sở  Tư   pháp", ["Sở  Tư   pháp"]),                    # any whitespace run
    ("Ban Chỉ đạo Trung ương về", ["Ban Chỉ đạo Trung ương"]),
    ("Ban Chỉ đạo tỉnh", ["Ban Chỉ đạo"]),
    ("Ủy ban nhân dân tỉnh Đồng Tháp", ["Ủy ban nhân dân tỉnh"]),
    ("Tinh thần", ["Tinh"]),                                 # a word that is a prefix of another
    ("Sở Tài", ["Sở"]),                                      # half a name falls back to the shorter one
    ("không có gì", []),
])
def test_trie_matches_like_a_sorted_alternation(text: str, expected: list[str]) -> None:
    rx = r"(?<!\w)" + phrase_alternation(NAMES) + r"(?!\w)"
    assert [m.group(0) for m in re.finditer(rx, text)] == expected
    assert [m.span() for m in re.finditer(rx, text)] == \
        [m.span() for m in re.finditer(r"(?<!\w)" + _plain(NAMES) + r"(?!\w)", text)]


@pytest.mark.parametrize("phrases", [
    [n for n in doctypes.type_names()],
    sorted({fold(e["name"]) for e in agencies._entries()}),
])
def test_trie_equals_plain_alternation_on_the_vocabularies(phrases: list[str]) -> None:
    """Every vocabulary phrase, and every phrase followed by more words, is matched the same way."""
    trie = re.compile(r"(?<!\w)" + phrase_alternation(phrases) + r"(?!\w)", re.IGNORECASE)
    plain = re.compile(r"(?<!\w)" + _plain(phrases) + r"(?!\w)", re.IGNORECASE)
    text = " . ".join(phrases) + " " + " và ".join(p + " tỉnh Đồng Tháp" for p in phrases)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("phrases, text, expected", [
    (["Nghị quyết", "Quyết định"], "theo Quyết định số 5 và Nghị quyết 11", ["Quyết định", "Nghị quyết"]),
    (["UBND", "HĐND"], "UBND và HĐND tỉnh", ["UBND", "HĐND"]),
])
def test_first_letters_lookahead_changes_no_match(phrases: list[str], text: str, expected: list[str]) -> None:
    rx = first_letters(phrases) + r"(?<!\w)" + phrase_alternation(phrases)
    assert [m.group(0) for m in re.finditer(rx, text)] == expected


def test_empty_vocabulary_matches_nothing() -> None:
    assert re.search(phrase_alternation([]), "bất cứ gì") is None
