"""Dates as Vietnamese documents print them (DOMAIN.md §1–2).

"ngày 05 tháng 01 năm 2020", "ngày 22/12/2024", "ngày 01-10-1997", "ngày 16.01.2026";
blanks in drafts ("ngày   tháng 6 năm 2025" -> partial "2025-06", "ngày  tháng  năm 2026" ->
"2026"). Day-month pairs without a year ("ngày 10/10 hằng năm") are not dates of a document.
dateparser is not used: it guesses missing parts (a blank day becomes today's day), which is
exactly what a draft's date line must not do.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from pipeline.normalize import fold

_WS = r"[ \t\n]*"
NUMERIC = rf"(?P<d>\d{{1,2}}){_WS}(?P<s>[/.\-]){_WS}(?P<m>\d{{1,2}}){_WS}(?P=s){_WS}(?P<y>(?:19|20)\d\d)(?!\d)"
WORDS = (r"ngày[ \t\n]*(?P<wd>\d{1,2})?[ \t\n._…]*tháng[ \t\n]*(?P<wm>\d{1,2})?[ \t\n._…]*"
         # "tháng 11 tháng 2021": "tháng" printed for "năm"
         r"(?:năm|tháng(?=[ \t\n]*(?:19|20)\d\d))[ \t\n]*(?P<wy>(?:19|20)\d\d)(?!\d)")
DATE_RE = re.compile(rf"(?:{WORDS}|{NUMERIC})", re.IGNORECASE)
# a full date without groups, to sit inside another pattern: "20/4/2015", "10 tháng 4 năm 2023"
FULL_DATE = r"(?:\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*(?:19|20)\d\d|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d\d)"


@dataclass
class DateMatch:
    start: int
    end: int
    iso: str | None        # full date, ISO
    partial: str | None    # "2025-06" or "2026" when the day/month is blank


def to_iso(day: int, month: int, year: int) -> str | None:
    """ISO date, or None when the triple is not a calendar date."""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match) -> DateMatch | None:
    if m.group("wy"):
        y = int(m.group("wy"))
        d, mo = m.group("wd"), m.group("wm")
        if d and mo:
            iso = to_iso(int(d), int(mo), y)
            return DateMatch(m.start(), m.end(), iso, None) if iso else None
        if mo and 1 <= int(mo) <= 12:
            return DateMatch(m.start(), m.end(), None, f"{y}-{int(mo):02d}")
        return DateMatch(m.start(), m.end(), None, str(y))
    iso = to_iso(int(m.group("d")), int(m.group("m")), int(m.group("y")))
    return DateMatch(m.start(), m.end(), iso, None) if iso else None


def find_dates(text: str) -> list[DateMatch]:
    """All full or partial dates in the text, with offsets."""
    out = []
    for m in DATE_RE.finditer(fold(text)):
        dm = _from_match(m)
        if dm:
            out.append(dm)
    return out


def parse_date(text: str) -> DateMatch | None:
    """The first date in a string."""
    ds = find_dates(text)
    return ds[0] if ds else None


_AFTER_RE = re.compile(rf"^[ \t\n,]*(?:\(|được\s+)?(?:ban\s+hành\s+|ký\s+)?(?:ngày|ngay){_WS}[:]?{_WS}", re.IGNORECASE)


def date_after(text: str, pos: int, window: int = 60) -> DateMatch | None:
    """The date printed right after a number ("…/KH-UBND ngày 17/9/2025", ", ngày 05/9/2026")."""
    seg = fold(text[pos:pos + window + 40])
    m = _AFTER_RE.match(seg)
    if not m:
        return None
    # "ngày" is part of the words form: re-run from the word "ngày"
    k = seg.lower().find("ngày", 0, m.end() + 1)
    for start in ([k] if k >= 0 else []) + [m.end()]:
        dm = DATE_RE.match(seg, start)
        if dm:
            r = _from_match(dm)
            if r and (r.iso or r.partial):
                return DateMatch(pos + r.start, pos + r.end, r.iso, r.partial)
    return None


_NARRATIVE_RE = re.compile(
    r"(?:^|[.;:]\s+|\n\s*)(?:[-–+•]\s*)?(?:vào\s+)?(?P<date>" + WORDS + r"|ngày\s*" + NUMERIC + r")\s*,\s*[^;.\n]{3,120}?\s"
    r"(?:đã\s+)?(?:ban\s+hành|ký(?:\s+ban\s+hành)?|có|gửi)\s*$", re.IGNORECASE)


def date_before(text: str, type_start: int, window: int = 200) -> DateMatch | None:
    """The date of a narrative sentence opening "Ngày 21/04/2015, Thủ tướng Chính phủ đã ban
    hành" right before a cited document's type word (its date when none follows the number)."""
    lo = max(0, type_start - window)
    seg = fold(text[lo:type_start])
    m = _NARRATIVE_RE.search(seg)
    if not m:
        return None
    d = DATE_RE.search(seg, m.start("date"), m.end("date"))
    r = _from_match(d) if d else None
    return DateMatch(lo + r.start, lo + r.end, r.iso, r.partial) if r and r.iso else None


# the place runs within one line and one table cell (a .docx header row joins its cells by a tab)
_PLACE_DATE_RE = re.compile(
    rf"(?P<place>[^\W\d_][^\n\t,]{{1,40}}?),{_WS}(?:{WORDS}|ngày{_WS}{NUMERIC})", re.IGNORECASE)


_NOT_PLACE = re.compile(r"(?i)^(?:thực hiện|căn cứ|theo|triển khai|trong|từ|đến|tại|kể từ|sau|trước|vào|năm|tháng|"
                        r"hôm nay|số)\b")


def _place_tail(raw: str) -> str | None:
    """Trailing place words of a run ("367 - QĐ/TWĐTN-VP ĐOÀN TNCS HỒ CHÍ MINH Hà Nội" -> "Hà Nội"):
    up to five words, no digits or slashes, not upper-case words, the first one capitalised."""
    toks = raw.rstrip().split(" ")
    keep: list[str] = []
    for w in reversed(toks[-5:]):
        letters = [c for c in w if c.isalpha()]
        if not w or re.search(r"[\d/]", w) or not w[0].isalpha() or \
                (len(letters) > 1 and all(c.isupper() for c in letters) and not re.fullmatch(r"TP\.?", w)):
            break
        keep.append(w)
    while keep and not keep[-1][:1].isupper():
        keep.pop()
    return " ".join(reversed(keep)) or None


_NUMBERED_DISTRICT = re.compile(r"(?i)(?:quận|phường)\s+\d{1,2}$")


def find_place_date(text: str) -> tuple[str | None, DateMatch | None, tuple[int, int] | None]:
    """The "Place, ngày … tháng … năm …" line: (place, date, span of the place)."""
    ft = fold(text)
    for m in _PLACE_DATE_RE.finditer(ft):
        ps = m.start("place")
        raw = text[ps:m.end("place")]
        # a web page may glue the number line to it: "Số: 454/UBND-NCTH Vị Thanh, ngày …"
        glued = re.match(r"(?is)^\s*số\s*:?\s*\S*\d\S*\s+", fold(raw))
        if glued:
            ps, raw = ps + glued.end(), raw[glued.end():]
        gap = list(re.finditer(r"[ \t]{3,}(?=\S)", raw))
        if gap:   # a column gap of spaces: "… 344 - KH/HNDTW                    Hà Nội, ngày …" starts the place
            ps, raw = ps + gap[-1].end(), raw[gap[-1].end():]
        place = raw.strip()
        numbered = bool(_NUMBERED_DISTRICT.match(fold(place)))   # "Quận 11, ngày …"
        if len(place.split()) > 6 or (re.search(r"\d", place) and not numbered) or re.search(r"[-–_=*]{3}", place):
            # a flattened header glues the place to what precedes it ("… HỒ CHÍ MINH Hà Nội, ngày", "… Hạnh
            # phúc ------- Hà Nội, ngày"): keep the trailing title-case words
            tail = _place_tail(raw)
            if tail:
                ps, raw = ps + len(raw) - len(tail), tail
                place = tail
        if len(place.split()) > 6 or not place[:1].isupper() or (re.search(r"\d", place) and not numbered) \
                or _NOT_PLACE.match(fold(place)):
            continue   # prose ("Thực hiện Chỉ thị 13-CT/TW, ngày 12/01/2017 …") is not a place line
        ps += len(raw) - len(raw.lstrip())
        dm = _from_match(m)
        if dm is None:
            continue
        return place, DateMatch(m.start(), m.end(), dm.iso, dm.partial), (ps, ps + len(place))
    return None, None, None
