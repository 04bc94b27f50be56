"""Deadline grammar: "Thời gian hoàn thành" text -> the last day the text allows.

One grammar for table cells and prose ("hoàn thành trong tháng 9/2025"), resolved against the
document's own year and date:

- `date`      "Trước 15/7/2026", "trước ngày 26/01/2026", "ngày 5 tháng 3 năm 2026",
              "Tháng 26/01/2026" (a full date written after "Tháng" is that date)
- `month`     "Tháng 02" (year from the document), "Tháng 11/2026", "tháng 3 năm 2026", "11/2026";
              ranges and lists end with their last month ("Tháng 9-10/2026", "từ tháng 3 đến tháng 6/2026")
- `quarter`   "Quý I/2026", "quý 3 năm 2026", "Quý II - III/2026" (the last); "3/6/9 tháng đầu
              năm 2026" end with their third/sixth/ninth month
- `year`      "năm 2027", "cuối năm", "giai đoạn 2026 - 2030", "năm 2026-2027" (the last year)
- `recurring` "Thường xuyên", "Định kỳ hằng năm", "trước ngày 15 của tháng cuối quý", "trước
              ngày 15/12 hằng năm" (a period followed by "hằng năm/quý/tháng"; rule kept)
- `conditional` "Sau khi …", "Ngay sau khi …", "Theo thời gian …"
- `none`      nothing usable

"Trước tháng 6/2026" (before a whole period) ends the day before the period starts. A day is
never invented for a month-only deadline: the deadline is the month's last day. When the text
starts with a recurring or conditional phrase that phrase decides; otherwise the first period
in the text does ("Trước 26/02/2026 (hoặc theo yêu cầu của BCĐ)" is a date), and recurring /
conditional words elsewhere only apply when there is no period at all.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from extractors import vocab
from pipeline.normalize import clean_text, collapse_ws, fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS_WORD = {"ba": 3, "sáu": 6, "chín": 9}
_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*[/.\-]\s*"

# Each pattern: (kind, regex). All run over folded, lower-case text.
_Q = r"(iv|iii|ii|i|[1-4])(?![a-z0-9])"
_TO = r"\s*(?:-|–|,|và|đến|tới)\s*(?:hết\s*)?"
_OF_YEAR = r"(?:\s*(?:/|-|năm)\s*" + _YEAR + r")?(?!\d)"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    # ranges and lists first: at the same offset they win over their first member
    ("month_range", re.compile(r"tháng\s*(\d{1,2})" + _TO + r"(?:tháng\s*)?(\d{1,2})(?!\d)"
                               r"(?!\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d)" + _OF_YEAR)),
    ("quarter_range", re.compile(r"quý\s*" + _Q + _TO + r"(?:quý\s*)?" + _Q + _OF_YEAR)),
    # "từ ngày 30/4/2025 đến hết ngày 01/5/2025", "từ 18/8 đến 20/8/2019": the window ends on its last day
    ("date_range", re.compile(r"(?<!\d)(\d{1,2})" + _SEP + r"(\d{1,2})(?:" + _SEP + _YEAR + r")?" + _TO
                              + r"(?:ngày\s*)?(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + _YEAR + r"(?!\d)")),
    ("date", re.compile(r"(?<!\d)(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + _YEAR + r"(?!\d)")),
    ("date_words", re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm\s*" + _YEAR + r")?(?!\d)")),
    ("date_noyear", re.compile(r"(?:ngày|trước|đến|hạn|chậm nhất)\s*(?:ngày\s*)?(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")),
    ("half", re.compile(r"(3|6|9|ba|sáu|chín)\s*tháng\s*(đầu|cuối)\s*năm(?:\s*" + _YEAR + r")?(?!\d)")),
    ("quarter", re.compile(r"quý\s*(iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:/|-|năm)\s*" + _YEAR + r")?(?!\d)")),
    ("month", re.compile(r"tháng\s*(\d{1,2})(?!\d)(?!\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d)"
                         r"(?:\s*(?:/|-|năm)\s*" + _YEAR + r")?(?!\d)")),
    ("month_bare", re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*" + _YEAR + r"(?![\d/])")),
    ("range_years", re.compile(r"(?:giai đoạn|từ năm|từ|năm)?\s*" + _YEAR + r"\s*(?:-|–|đến|tới)\s*(?:năm\s*)?" + _YEAR + r"(?!\d)")),
    ("year", re.compile(r"(?:(?:cuối|trong|hết|đến|năm)\s*)+" + _YEAR + r"(?!\d)")),
    ("year_end", re.compile(r"cuối năm(?!\s*\d)")),
    ("year_bare", re.compile(r"(?<![\d/])" + _YEAR + r"(?![\d/])")),
]
_EVERY = re.compile(r"\s*(?:của\s+)?(?:h[ằà]ng|mỗi)\s+(?:năm|quý|tháng|tuần)(?!\w)")
_BEFORE = re.compile(r"(?:trước|chậm nhất trước)\s*(?:ngày\s*)?$")


@lru_cache(maxsize=1)
def _markers() -> tuple[list[tuple[re.Pattern, str]], list[str]]:
    d = vocab.load("deadline_markers.json")
    rec = [(re.compile(fold(m["pattern"])), m["rule"]) for m in d["recurring"]]
    return rec, [fold(c) for c in d["conditional"]]


def _form(text: str) -> str:
    return collapse_ws(fold(clean_text(text))).lower()


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12) or d < 1:
        return None
    return date(y, m, min(d, calendar.monthrange(y, m)[1]))


def _year_of(explicit: str | None, ref_year: int | None) -> int | None:
    return int(explicit) if explicit else ref_year


def _resolve(kind: str, m: re.Match, ref_year: int | None) -> tuple[str, date | None, date | None] | None:
    """(deadline_kind, last day, first day of the period) for one match, or None if invalid."""
    g = m.groups()
    if kind == "date":
        d = _safe_date(int(g[2]), int(g[1]), int(g[0]))
        return ("date", d, d) if d else None
    if kind == "date_range":
        last = _safe_date(int(g[5]), int(g[4]), int(g[3]))
        first = _safe_date(int(g[2] or g[5]), int(g[1]), int(g[0]))
        return ("date", last, first) if last and first and first <= last else None
    if kind in ("date_words", "date_noyear"):
        y = _year_of(g[2] if kind == "date_words" else None, ref_year)
        if not (1 <= int(g[1]) <= 12 and 1 <= int(g[0]) <= 31):
            return None
        d = _safe_date(y, int(g[1]), int(g[0])) if y else None
        return ("date", d, d)
    if kind == "half":
        n = _MONTHS_WORD.get(g[0]) or int(g[0])
        y = _year_of(g[2], ref_year)
        if not y:
            return ("quarter", None, None)
        return ("quarter", _month_end(y, n), date(y, 1, 1)) if g[1] == "đầu" else ("quarter", date(y, 12, 31), date(y, 13 - n, 1))
    if kind == "quarter":
        q = _ROMAN[g[0]]
        y = _year_of(g[1], ref_year)
        if not y:
            return ("quarter", None, None)
        return ("quarter", _month_end(y, 3 * q), date(y, 3 * q - 2, 1))
    if kind == "quarter_range":
        a, b, y = _ROMAN[g[0]], _ROMAN[g[1]], _year_of(g[2], ref_year)
        if b <= a:
            return None
        return ("quarter", _month_end(y, 3 * b), date(y, 3 * a - 2, 1)) if y else ("quarter", None, None)
    if kind == "month_range":
        a, b, y = int(g[0]), int(g[1]), _year_of(g[2], ref_year)
        if not 1 <= a < b <= 12:
            return None
        return ("month", _month_end(y, b), date(y, a, 1)) if y else ("month", None, None)
    if kind in ("month", "month_bare"):
        mo = int(g[0])
        if not 1 <= mo <= 12:
            return None
        y = _year_of(g[1], ref_year)
        if not y:
            return ("month", None, None)
        return ("month", _month_end(y, mo), date(y, mo, 1))
    if kind == "range_years":
        a, b = int(g[0]), int(g[1])
        if b < a:
            return None
        return ("year", date(b, 12, 31), date(a, 1, 1))
    if kind in ("year", "year_bare"):
        y = int(g[0])
        return ("year", date(y, 12, 31), date(y, 1, 1))
    if kind == "year_end":
        return ("year", date(ref_year, 12, 31), date(ref_year, 1, 1)) if ref_year else ("year", None, None)
    return None


def _first_period(s: str, ref_year: int | None) -> tuple[str, date | None, str, int, int] | None:
    """Earliest period expression in `s`: (kind, deadline, rule, start and end offsets)."""
    best: tuple[int, int, str, date | None, str, int] | None = None
    for prio, (kind, rx) in enumerate(_PATTERNS):
        for m in rx.finditer(s):
            r = _resolve(kind, m, ref_year)
            if r is None:
                continue
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            cand = (start, prio)
            if best is None or cand < best[:2]:
                dk, last, first = r
                rule = ""
                if _BEFORE.search(s[:start]) and dk != "date" and first is not None:
                    last = first - timedelta(days=1)  # "trước tháng 6" ends on 31/5
                    rule = "before period"
                if kind == "date" and re.search(r"tháng\s*$", s[:start]):
                    rule = "full date written after 'Tháng'"
                if last is None:
                    rule = "year unknown"
                best = (start, prio, dk, last, rule, m.end())
            break  # first match of each pattern is enough
    if best is None:
        return None
    return best[2], best[3], best[4], best[0], best[5]


def _recurring_rule(s: str) -> str | None:
    rec, _ = _markers()
    for rx, rule in rec:
        if rx.search(s):
            day = re.search(r"(?:trước|đến|vào)\s*ngày\s*(\d{1,2})(?!\s*[/\d])", s)
            if "cuối quý" in s:
                rule = "FREQ=YEARLY;BYMONTH=3,6,9,12"
            if day and rule.startswith("FREQ=") and rule != "FREQ=DAILY":
                rule += f";BYMONTHDAY={int(day.group(1))}"
            return rule
    return None


def _conditional(s: str) -> str | None:
    _, cond = _markers()
    hits = [(s.find(c), c) for c in cond if c in s]
    if not hits:
        return None
    pos, _ = min(hits)
    return s[pos:]


def _starts_conditional(s: str) -> bool:
    """"Sau khi …", "Thực hiện ngay sau khi …" at the start of the phrase."""
    _, cond = _markers()
    head = re.sub(r"^(?:thực hiện|hoàn thành|triển khai|ban hành)\s+", "", s)
    return any(head.startswith(c) for c in cond)


def opens_with_condition(text: str) -> bool:
    """The phrase opens with its condition ("Sau khi …", "Thực hiện ngay sau khi …", "Theo tiến độ …"), rather
    than naming one inside ("Nội dung khẩu hiệu theo hướng dẫn của …")."""
    return _starts_conditional(_form(collapse_ws(clean_text(text))).lstrip("-–+•*( "))


def _result(text: str | None, deadline: date | None, kind: str, rule: str | None) -> dict:
    return {"deadline_text": text, "deadline": deadline.isoformat() if deadline else None,
            "deadline_kind": kind, "rule": rule or None}


def parse_deadline(text: str | None, ref_date: date | None = None, ref_year: int | None = None) -> dict:
    """Parse a deadline phrase. Returns dict(deadline_text, deadline (ISO|None), deadline_kind, rule).

    `ref_year` (else `ref_date.year`) resolves periods printed without a year ("Tháng 02").
    `deadline_text` is the input with whitespace collapsed (None when blank).
    """
    return dict(_parse_deadline(text, ref_date, ref_year))


@lru_cache(maxsize=16384)
def _parse_deadline(text: str | None, ref_date: date | None, ref_year: int | None) -> dict:
    """parse_deadline, cached (a table repeats its deadline phrases); callers get a copy."""
    shown = collapse_ws(clean_text(text)) if text else ""
    if not shown or re.fullmatch(r"[-–—.\s/x]*", shown):
        return _result(None, None, "none", None)
    if ref_year is None and ref_date is not None:
        ref_year = ref_date.year
    s = _form(shown)
    lead = s.lstrip("-–+•*( ")
    rec_rule = _recurring_rule(lead[:20])
    if rec_rule:
        return _result(shown, None, "recurring", _recurring_rule(lead))
    if _starts_conditional(lead):
        return _result(shown, None, "conditional", shown)
    period = _first_period(s, ref_year)
    if period:
        kind, last, rule, _, end = period
        if _EVERY.match(s, end):   # "trước ngày 15/12 hằng năm": the day of every year
            return _result(shown, None, "recurring", _recurring_rule(s[end:]))
        return _result(shown, last, kind, rule)
    rec_rule = _recurring_rule(s)
    if rec_rule:
        return _result(shown, None, "recurring", rec_rule)
    cond = _conditional(s)
    if cond is not None:
        return _result(shown, None, "conditional", shown)
    return _result(shown, None, "none", "unparsed")
