"""The one normalisation step for Vietnamese text.

Two levels:
- `clean_text` makes the display text every reader stores: NFC, Ð→Đ, no zero-width or
  soft-hyphen characters, non-breaking and odd spaces as plain spaces. Tone placement is
  kept as printed ("hoá" stays "hoá").
- `fold` makes a matching form of the same length as its input (so offsets found in the
  folded text are valid in the display text): one tone-mark convention (the new one:
  "hóa", "ủy", "khỏe"). Use it with re.IGNORECASE; `casefold_key` adds case folding and
  whitespace removal for identities.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"), " ")
_OTHER = {ord("\u00d0"): "Đ", ord("\u0110"): "Đ", ord("\u0189"): "Đ", ord("\u00f0"): "đ",
          ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2212"): "-"}


_CLEAN = str.maketrans({**_DROP, **_SPACES, **_OTHER})


# str.translate costs ~60 ns a character; most text has nothing to translate, which one regex
# search over a character class tells twenty times faster
_TO_CLEAN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CLEAN) + "]")


def clean_text(s: str) -> str:
    """Display form: NFC, Ð→Đ, invisible characters removed, odd spaces made plain."""
    s = unicodedata.normalize("NFC", s)
    if _TO_CLEAN.search(s):
        s = s.translate(_CLEAN)
    return s.replace("\r\n", "\n").replace("\r", "\n") if "\r" in s else s


# Old-style tone placement (mark on the second vowel of oa/oe/uy) -> new style (on the
# first vowel). Built from Unicode so every tone and both cases are covered.
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}


def _build_tone_map() -> dict[str, str]:
    m: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            for f, s2 in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                old = f + unicodedata.normalize("NFC", s2 + mark)
                new = unicodedata.normalize("NFC", f + mark) + s2
                if len(old) == 2 and len(new) == 2:
                    m[old] = new
    return m


_TONE_MAP = _build_tone_map()
# Only fold when the pair ends the syllable ("hoá", "uỷ") — "hoàng" keeps its mark, and
# "quý" is the same in both conventions.
# Character classes rather than an alternation of the 45 pairs: one regex step per character.
_TONE_RE = re.compile("(?<![qQ])[" + "".join(sorted({k[0] for k in _TONE_MAP})) + "]["
                      + "".join(sorted({k[1] for k in _TONE_MAP})) + r"](?![^\W\d_])")


def _new_tone(m: re.Match) -> str:
    return _TONE_MAP.get(m.group(0), m.group(0))


def _fold(s: str) -> str:
    return _TONE_RE.sub(_new_tone, s)


# The extractors fold the same short names thousands of times and the same document text a
# dozen times; two caches so that long texts cannot fill memory.
_fold_short = lru_cache(maxsize=16384)(_fold)
_fold_long = lru_cache(maxsize=4)(_fold)


def fold(s: str) -> str:
    """Matching form: same length as `s`, one tone convention (hóa, ủy, khỏe)."""
    return _fold_short(s) if len(s) <= 300 else _fold_long(s)


_WS = re.compile(r"\s+")


def collapse_ws(s: str) -> str:
    return _WS.sub(" ", s).strip()


def strip_ws(s: str) -> str:
    """`s` without any whitespace ("57 - NQ/TW" -> "57-NQ/TW")."""
    return _WS.sub("", s)


def casefold_key(s: str) -> str:
    """Identity form: cleaned, tone-folded, lower case, no whitespace."""
    return strip_ws(fold(clean_text(s))).lower()


def compare_form(s: str | None) -> str | None:
    """Form used to compare extracted strings with gold ones: cleaned, folded, spaces collapsed, lower."""
    if s is None:
        return None
    return collapse_ws(fold(clean_text(s))).lower()


@lru_cache(maxsize=1)
def _bmp_marks() -> re.Pattern:
    """Every nonspacing mark (category Mn) of the Basic Multilingual Plane, as one character class."""
    marks = [cp for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Mn"]
    ranges: list[list[int]] = []
    for cp in marks:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def strip_accents(s: str) -> str:
    """ASCII-ish form for accent-insensitive search ("chuyen doi so")."""
    s = unicodedata.normalize("NFD", clean_text(s)).replace("đ", "d").replace("Đ", "D")
    if s.isascii():
        return s
    if max(s) > "\uffff":
        s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", _bmp_marks().sub("", s))
