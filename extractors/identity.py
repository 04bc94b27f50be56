"""Document identity: normalised number-symbols and graph keys (SPEC.md, "Document identity").

A key is the normalised number-symbol plus the year (`57-NQ/TW@2024`); numbers that carry
their year (`30/2020/NĐ-CP`, `45/2019/QH14`) need no suffix. A document with no number gets
a stable key from its own header fields (`vb:…`, see `content_key`), or from its bytes
(`sha256:…`) when the header says too little.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pipeline.normalize import clean_text, compare_form, fold, strip_ws

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "_": "-"})
_YEAR_IN_NUMBER = re.compile(r"(?:^|/)(19[4-9]\d|20\d\d)(?:/|$)")


@lru_cache(maxsize=16384)
def normalize_number(number: str) -> str:
    """Identity form of a number-symbol: NFC, one tone convention, Đ, no spaces, upper case."""
    s = fold(clean_text(number)).translate(_DASHES)
    s = strip_ws(s)
    return s.upper()


def year_in_number(number: str) -> int | None:
    """The year a legal-normative number carries (`30/2020/NĐ-CP` -> 2020), else None."""
    m = _YEAR_IN_NUMBER.search(normalize_number(number))
    return int(m.group(1)) if m else None


def make_key(number: str | None, year: int | str | None) -> str | None:
    """Graph key for a number and the year of its date; None when there is no number.

    Without a year (and none inside the number) the key is the bare normalised number: an
    unresolved mention that `pipeline.store` joins to the only known document with it.
    """
    if not number or not number.strip():
        return None
    norm = normalize_number(number)
    if year_in_number(norm):
        return norm
    if year:
        return f"{norm}@{str(year)[:4]}"
    return norm


def key_without_year(key: str) -> str:
    return key.split("@", 1)[0]


def file_key(sha256: str) -> str:
    """Stable key for a document that has no number (a draft, a summary report)."""
    return f"sha256:{sha256[:16]}"


def content_key(document: dict) -> str | None:
    """Stable key for an unnumbered document from what it says about itself.

    The same letter read from its .docx, .pdf and .txt gets one key when its type, issuer,
    (partial) date, printed symbol and subject agree; None when there is too little to go on.
    """
    if not (document.get("issuer") and document.get("subject")):
        return None
    parts = [document.get("type"), document.get("issuer"), document.get("date") or document.get("date_partial"),
             document.get("number_symbol"), document.get("subject")]
    digest = hashlib.sha1("|".join(compare_form(p) or "" for p in parts).encode("utf-8")).hexdigest()
    return f"vb:{digest[:16]}"
