"""A document reference as people type it -> graph keys.

Accepted forms: `57-NQ/TW`, `57-NQ/TW@2024`, `Nghị quyết 57`, `Nghị quyết số 57-NQ/TW ngày
22/12/2024`, `Kế hoạch 50/KH-UBND`, `04-TB/BCĐ 2026`, `NQ 57`, with or without Vietnamese
marks (`04-TB/BCD`, `nghi quyet 57`); and the keys of unnumbered documents, `vb:…` and
`sha256:…`, exactly as stored (hex digits in either case).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.identity import make_key, normalize_number, year_in_number
from pipeline.normalize import clean_text, collapse_ws, strip_accents

_DATA = Path(__file__).resolve().parent.parent / "extractors" / "data" / "ref_types.json"


@dataclass
class RefQuery:
    """What a reference names: a full key, a full number (+year), or a type + bare numeral."""

    text: str
    key: str | None = None          # exact key when given (`…@2024`, `vb:…`, `sha256:…`)
    number: str | None = None       # normalised number-symbol, or the bare numeral (`57`)
    year: int | None = None
    type: str | None = None         # type name (`Nghị quyết`)
    type_code: str | None = None    # its code in symbols (`NQ`)

    @property
    def partial(self) -> bool:
        """Only the start of a number was given (`Nghị quyết 57`, `04-TB`): match numbers
        that start with it, up to the next `-` or `/`."""
        return bool(self.number) and "/" not in self.number


def _asc(s: str) -> str:
    return strip_accents(s).lower()


@lru_cache(maxsize=1)
def _types() -> list[tuple[str, str, str]]:
    """(accent-free spelling, type name, code), longest spelling first."""
    out = []
    for t in json.loads(_DATA.read_text(encoding="utf-8"))["types"]:
        for spelling in [t["name"], *t["aliases"]]:
            out.append((_asc(spelling), t["name"], t["code"]))
        out.append((_asc(t["code"]), t["name"], t["code"]))
    return sorted(out, key=lambda x: -len(x[0]))


# Keys of unnumbered documents (extractors.identity.file_key / content_key), matched exactly.
_UNNUMBERED_KEY = re.compile(r"(?:sha256|vb):[0-9a-f]+", re.I)
_DATE = re.compile(r"\bng[aà]y\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d\d)\b", re.I)
_YEAR_WORD = re.compile(r"\bn[aă]m\s+((?:19|20)\d\d)\b", re.I)
_TRAILING_YEAR = re.compile(r"[\s,(]+((?:19|20)\d\d)\)?\s*$")


def _take_year(s: str) -> tuple[str, int | None]:
    for rx in (_DATE, _YEAR_WORD):
        m = rx.search(s)
        if m:
            return (s[:m.start()] + s[m.end():]).strip(), int(m.group(1))
    m = _TRAILING_YEAR.search(s)
    if m and s[:m.start()].strip():
        return s[:m.start()].strip(), int(m.group(1))
    return s, None


def _take_type(s: str) -> tuple[str, str | None, str | None]:
    a = _asc(s)
    for spelling, name, code in _types():
        if a.startswith(spelling) and (len(a) == len(spelling) or not a[len(spelling)].isalnum()):
            return s[len(spelling):].strip(), name, code
    return s, None, None


def parse_ref(text: str) -> RefQuery:
    """Read a reference as typed; never raises (an unreadable one has no number and no key)."""
    s = collapse_ws(clean_text(text or ""))
    q = RefQuery(text=s)
    if _UNNUMBERED_KEY.fullmatch(s):
        q.key = s.lower()
        return q
    if "@" in s:
        num, _, yr = s.rpartition("@")
        rest, q.type, q.type_code = _take_type(num.strip())
        q.number = normalize_number(re.sub(r"^(số|so)\s+", "", rest, flags=re.I))
        q.year = int(yr) if yr.strip().isdigit() else None
        q.key = make_key(q.number, q.year)
        return q
    s, q.year = _take_year(s)
    s, q.type, q.type_code = _take_type(s)
    s = re.sub(r"^(số|so)\b\s*:?\s*", "", s, flags=re.I)
    s = re.sub(r"\s*([-/–])\s*", r"\1", s)       # "57 - NQ / TW" as typed across a line break
    m = re.match(r"\S+", s)
    token = m.group(0).rstrip(",;.)") if m else ""
    if token and re.match(r"\d", token):
        q.number = normalize_number(token)
        if q.year is None and not q.partial:
            q.year = year_in_number(q.number)
    return q


def _sort_keys(db, keys: list[str]) -> list[str]:
    """Ingested documents first, then newest first."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = db.conn.execute(f"SELECT key, ingested, COALESCE(date, year, '') FROM documents WHERE key IN ({marks})",
                           keys).fetchall()
    rows.sort(key=lambda r: (r[1], str(r[2])), reverse=True)
    return [r[0] for r in rows]


def _year_ok(q: RefQuery, key: str, year: int | None) -> bool:
    from pipeline.store import key_year
    if q.year is None:
        return True
    return (key_year(key) or year) == q.year


def _type_ok(q: RefQuery, number_norm: str, dtype: str | None) -> bool:
    if not q.type:
        return True
    if dtype and _asc(dtype).startswith(_asc(q.type)):
        return True
    code = normalize_number(q.type_code or "")
    return bool(code) and re.search(rf"(^|[-/]){re.escape(code)}($|[-/])", number_norm) is not None


def resolve_ref(db, text: str) -> list[str]:
    """Keys of the documents a reference may name (several when it is ambiguous, [] if none)."""
    q = parse_ref(text)
    conn = db.conn
    if q.key:
        if conn.execute("SELECT 1 FROM documents WHERE key = ?", (q.key,)).fetchone():
            return [q.key]
        if not q.number:
            return []
    if not q.number:
        return []
    if q.partial:
        like = [f"{q.number}-%", f"{q.number}/%"]
        rows = conn.execute("SELECT key, number_norm, type, year FROM documents"
                            " WHERE number_norm LIKE ? OR number_norm LIKE ?", like).fetchall()
        keys = [k for k, n, t, y in rows if _type_ok(q, n, t) and _year_ok(q, k, y)]
        return _sort_keys(db, keys)
    rows = conn.execute("SELECT key, year FROM documents WHERE number_norm = ?", (q.number,)).fetchall()
    if not rows:
        from pipeline.store import ascii_number
        rows = conn.execute("SELECT key, year FROM documents WHERE number_ascii = ?",
                            (ascii_number(q.number),)).fetchall()
    return _sort_keys(db, [k for k, y in rows if _year_ok(q, k, y)])
