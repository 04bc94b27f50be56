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

_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"), " ")
_OTHER = {ord("\u00d0"): "Đ", ord("\u0110"): "Đ", ord("\u0189"): "Đ", ord("\u00f0"): "đ",
          ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2212"): "-"}


def clean_text(s: str) -> str:
    """Display form: NFC, Ð→Đ, invisible characters removed, odd spaces made plain."""
    s = unicodedata.normalize("NFC", s)
    return s.translate(_DROP).translate(_SPACES).translate(_OTHER).replace("\r\n", "\n").replace("\r", "\n")


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
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _TONE_MAP), key=len, reverse=True)) + r")(?![^\W\d_])")


def fold(s: str) -> str:
    """Matching form: same length as `s`, one tone convention (hóa, ủy, khỏe)."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], s)


def collapse_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def casefold_key(s: str) -> str:
    """Identity form: cleaned, tone-folded, lower case, no whitespace."""
    return re.sub(r"\s+", "", fold(clean_text(s))).lower()


def compare_form(s: str | None) -> str | None:
    """Form used to compare extracted strings with gold ones: cleaned, folded, spaces collapsed, lower."""
    if s is None:
        return None
    return collapse_ws(fold(clean_text(s))).lower()


def strip_accents(s: str) -> str:
    """ASCII-ish form for accent-insensitive search ("chuyen doi so")."""
    s = unicodedata.normalize("NFD", clean_text(s)).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(ch for ch in s if unicodedata.category(ch) != "Mn"))
