"""Legacy Vietnamese encodings: TCVN3 (ABC, ".Vn" fonts) and VNI (VNI- fonts) to Unicode.

Text typed in those fonts reaches us as Latin-1/Windows-1252 characters ("Céng hoµ" for
"Cộng hoà"). The mapping tables are data (pipeline/data/legacy_*.json, made by
make_legacy_tables.py from the published layouts and checked against the PyPI package
`viparse`). Detection counts characters that the legacy encoding uses and Vietnamese
Unicode text never does. TCVN3 capitals set in ".VnTimeH"-style fonts reuse the lowercase
bytes, so they come back lowercase unless the reader knows the run's font (see `upper_font`).
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable


DATA = Path(__file__).parent / "data"
ENCODINGS = ("tcvn3", "vni")
# Characters of each table that a Vietnamese Unicode text does not contain.
_VIET_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_UNICODE_VIET = re.compile(r"[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")


@lru_cache(maxsize=None)
def table(encoding: str) -> dict[str, str]:
    """Legacy sequence -> Unicode (NFC) for decoding, including decode-only variants."""
    d = json.loads((DATA / f"legacy_{encoding}.json").read_text(encoding="utf-8"))
    return {**d["map"], **d.get("decode_only", {})}


@lru_cache(maxsize=None)
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(table(encoding), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


@lru_cache(maxsize=None)
def _encoder(encoding: str) -> dict[str, str]:
    d = json.loads((DATA / f"legacy_{encoding}.json").read_text(encoding="utf-8"))
    inv: dict[str, str] = {}
    for k, v in d["map"].items():
        inv.setdefault(v, k)
    return inv


def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy-font text to Unicode (NFC); characters outside the table pass through."""
    t = table(encoding)
    return unicodedata.normalize("NFC", _pattern(encoding).sub(lambda m: t[m.group(0)], text))


def from_unicode(text: str, encoding: str) -> str:
    """Unicode -> legacy-font text (for tests and round trips). TCVN3 capitals with marks
    have no code of their own: they are written with the lowercase code, as the fonts do."""
    inv = _encoder(encoding)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in inv:
            out.append(inv[ch])
        elif ch.lower() in inv and encoding == "tcvn3":
            out.append(inv[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=None)
def _marker_chars(encoding: str) -> frozenset[str]:
    """Characters of the legacy table that are not letters of Unicode Vietnamese."""
    chars = {c for k in table(encoding) for c in k if ord(c) > 0x7F}
    return frozenset(chars - _VIET_LATIN1)


@lru_cache(maxsize=None)
def _vni_pairs() -> re.Pattern[str]:
    """VNI's base-vowel + mark pairs, and its single-character letters that are not Unicode's."""
    keys = [k for k in table("vni") if len(k) > 1 or k in "ñÑ"]
    return re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))


def score(text: str, encoding: str) -> float:
    """Share of words that carry evidence of `encoding`: a VNI vowel+mark pair, or a TCVN3
    character that Unicode Vietnamese never uses and that is not part of such a pair."""
    return _score(text[:200000].split(), encoding)


def _score(words: list[str], encoding: str) -> float:
    if not words:
        return 0.0
    # every legacy table key holds a non-ASCII character, so ASCII words carry no evidence
    candidates = [w for w in words if not w.isascii()]
    pairs = _vni_pairs()
    if encoding == "vni":
        hits = sum(1 for w in candidates if pairs.search(w))
    else:
        marks = _marker_chars(encoding)
        hits = sum(1 for w in candidates if not marks.isdisjoint(pairs.sub("", w)))
    return hits / len(words)


def detect(text: str, fonts: set[str] | Callable[[], set[str]] | None = None) -> str | None:
    """'tcvn3', 'vni' or None. Fonts named .Vn* / VNI-* lower the bar for the text evidence;
    `fonts` may be a function, called only when the fonts can change the answer."""
    sample = text[:200000]
    words = sample.split()  # the same words as re.findall(r"\S+"): both split on str.isspace
    if not words:
        return None
    uni = len(_UNICODE_VIET.findall(sample))
    if uni * 4 >= len(words):
        return None  # a verdict needs score / 4 > uni / words, and a score is at most 1
    hint: dict[str, bool] | None = None
    best, best_score = None, 0.0
    for enc in ENCODINGS:
        s = _score(words, enc)
        if s < 0.03 or not uni / len(words) < s / 4 or s <= best_score:
            continue
        if s < 0.12:  # only a font hint lets this little evidence count
            hint = hint if hint is not None else _font_hints(fonts)
            if not hint[enc]:
                continue
        best, best_score = enc, s
    return best


def _font_hints(fonts: set[str] | Callable[[], set[str]] | None) -> dict[str, bool]:
    names = (fonts() if callable(fonts) else fonts) or set()
    return {"tcvn3": any(f.lower().startswith(".vn") for f in names),
            "vni": any(f.lower().startswith("vni") for f in names)}


def fix_text(text: str, fonts: set[str] | None = None) -> tuple[str, str | None]:
    """(Unicode text, encoding it was converted from or None)."""
    enc = detect(text, fonts)
    return (to_unicode(text, enc), enc) if enc else (text, None)


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """Bytes of a TCVN3/VNI text file -> (Unicode text, encoding), or None when neither fits."""
    for enc, codec in (("tcvn3", "latin-1"), ("vni", "cp1252")):
        try:
            raw = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if detect(raw) == enc:
            return to_unicode(raw, enc), enc
    return None
