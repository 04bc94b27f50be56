"""Document types and type codes (data/doctypes.json): names, code -> type, type -> code.

Decree 30/2020 (state, Appendix III), the Party rules (66/399-QĐ/TW) and the legal-normative
types; codes are compared after tone folding and upper-casing ("CTR", "Ctr", "QYĐ" are one).
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.phrases import phrase_alternation
from pipeline.normalize import fold, strip_accents



def _data() -> dict:
    return vocab.load("doctypes.json")


def type_names() -> list[str]:
    """All type names, longest first (for alternations)."""
    return sorted(_data()["names"], key=len, reverse=True)


def _ck(code: str) -> str:
    return fold(code).upper().replace(" ", "")


def type_from_code(code: str | None, party: bool = False) -> str | None:
    """Type of a type code ("NQ" -> "Nghị quyết"; Party "TT" -> "Thông tri")."""
    if not code:
        return None
    k = _ck(code)
    d = _data()
    if party and k in d["party_codes"]:
        return d["party_codes"][k]
    return d["codes"].get(k)


def is_type_code(code: str | None) -> bool:
    return bool(code) and _ck(code) in _data()["codes"] and _data()["codes"][_ck(code)] is not None


def code_for_type(type_name: str | None) -> str | None:
    """Standard code of a type name ("Kế hoạch" -> "KH"); None for Công văn or unknown."""
    if not type_name:
        return None
    return _data()["type_codes"].get(canonical_type(type_name))


@lru_cache(maxsize=None)
def _name_index() -> dict[str, str]:
    return {fold(n).lower(): n for n in _data()["names"]}


@lru_cache(maxsize=16384)
def canonical_type(word: str | None) -> str | None:
    """Type name as the rules spell it, from a printed type word ("KẾ HOẠCH", "Thông báo kết luận")."""
    if not word:
        return None
    w = re.sub(r"\s+", " ", fold(word)).strip().lower()
    name = _name_index().get(w)
    if name is None:
        return None
    return _data()["canonical"].get(name, name)


@lru_cache(maxsize=None)
def type_regex() -> str:
    """Regex alternation of type names (spaces match any whitespace, or none: "vănbản"), for use with IGNORECASE."""
    return phrase_alternation((fold(n) for n in type_names()), glued=True)


def document_type(type_name: str | None) -> str | None:
    """A document's own type as Decree 30 / the Party rules list it ("Chương trình hành động" ->
    "Chương trình")."""
    if not type_name:
        return type_name
    return _data().get("document_type", {}).get(type_name, type_name)


def legal_type_from_issuer(symbol_tail: str) -> str | None:
    """Type of a legal number without a type code ("45/2019/QH14" -> "Luật")."""
    m = re.match(r"([A-ZĐ]+?)\d*$", _ck(symbol_tail))
    if not m:
        return None
    return _data()["legal_issuer_types"].get(m.group(1))


def marks(kind: str) -> list[str]:
    """draft_marks | urgency_marks | secrecy_marks."""
    return list(_data()[kind])


def skeleton(s: str) -> str:
    """ASCII letters of a word, in order, marks dropped ("QUY T Đ NH" -> "QUYTDNH")."""
    return "".join(c for c in strip_accents(s) if c.isascii() and c.isalpha()).upper()


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


@lru_cache(maxsize=None)
def _skeletons() -> list[tuple[str, str]]:
    return [(skeleton(n), n) for n in type_names()]


def broken_type(line: str) -> str | None:
    """Type of an upper-case title line whose glyphs the PDF lost ("QUY T Đ NH", "NGH QUY T",
    "K ÉT LUẬN"): the surviving letters, in order, spell most of one type name."""
    sk = skeleton(line)
    if len(sk) < 5 or len(line.split()) > 6:
        return None
    hits = [n for k, n in _skeletons() if sk == k or (sk[0] == k[0] and len(sk) >= 0.7 * len(k) and len(sk) < len(k)
                                                     and _subsequence(sk, k))]
    if len(hits) != 1 and not (hits and skeleton(hits[0]) == sk):
        return None
    return canonical_type(hits[0])
