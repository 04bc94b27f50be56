"""Logical text units of a read document: paragraphs and table cells, with offsets.

Word and PDF readers give one block per paragraph and one cell per table cell. Plain text
(often copied from a PDF) breaks paragraphs into lines — sometimes with a blank line after
each — so consecutive lines are joined back into one unit when the earlier line does not end
a sentence and the next one continues it (lower-case start, a wrapped number, or a long line).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from pipeline.model import ReadDocument

_END = re.compile(r"[.;:!?]\s*$|[.;:!?][)”\"]\s*$")
_ITEM = re.compile(r"^\s*(?:[-–+•*]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|[IVXLC]+[.\-–]\s|\(\d+\)\s)")


_OPENER = re.compile(r"^(?:Căn cứ|Kính gửi|Nơi nhận|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Tiếp nhận|Phúc đáp|"
                     r"Thi hành|Để|Triển khai|Quán triệt|Hưởng ứng|Nhằm|Sau khi|"
                     r"Trên cơ sở|Phụ lục|PHỤ LỤC|Điều \d+|Chương [IVXLC]+|Mục \d+)\b")


_PLACE_DATE = re.compile(r"^[^\W\d_][^\d,;:.]{1,40},\s*ngày\s+\d")   # "Nam Định, ngày 10 tháng 3 năm 2024"


@dataclass
class Unit:
    start: int
    end: int
    page: int | None
    in_table: bool
    row: int | None = None
    col: int | None = None
    table_id: int | None = None


def _line_units(doc: ReadDocument) -> list[Unit]:
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    lens = [len(b.text.strip()) for b in paras if b.text.strip()]
    med = statistics.quantiles(lens, n=4)[2] if len(lens) >= 4 else (max(lens) if lens else 0)
    units: list[Unit] = []
    cur: Unit | None = None
    prev_text = cur_text = ""
    for b in paras:
        t = b.text.strip()
        if not t:
            continue
        if cur is not None and (_continues(prev_text, t, med) or _basis_continues(cur_text, t)):
            cur.end = b.start + len(b.text.rstrip())
        else:
            if cur:
                units.append(cur)
            lead = len(b.text) - len(b.text.lstrip())
            cur = Unit(b.start + lead, b.start + len(b.text.rstrip()), b.page, False)
            cur_text = ""
        prev_text = t
        cur_text = f"{cur_text} {t}" if cur_text else t
    if cur:
        units.append(cur)
    return units


def _basis_continues(cur: str, nxt: str) -> bool:
    """A basis or proposal line ("Căn cứ …", "Xét đề nghị của Giám đốc" / "Sở Nông nghiệp …") runs
    until its closing ";", "," or "." — a wrapped web-page line inside it continues it."""
    if not _OPENER.match(cur) or re.match(r"^(?:Kính gửi|Nơi nhận|Phụ lục|PHỤ LỤC|Điều \d+|Chương [IVXLC]+|Mục \d+)\b", cur):
        return False
    if re.search(r"[.;,:!?]\s*$", cur) or _ITEM.match(nxt) or _OPENER.match(nxt) or _is_heading(nxt):
        return False
    return len(cur) < 600


def _is_heading(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters) and len(letters) > 3


def _continues(prev: str, nxt: str, median_len: float) -> bool:
    if _END.search(prev):
        return False
    if re.match(r"^[-–]\s*\d", nxt) and re.search(r"\d\s*$", prev):
        return True    # "thời kỳ 2021" / "- 2030, định hướng …": a range wrapped before its dash
    if _ITEM.match(nxt) or _OPENER.match(nxt) or _PLACE_DATE.match(nxt):
        return False
    if re.search(r"[-/]$", prev):
        return True
    if nxt[:1].islower() or nxt[:1] in "(“\"":
        return True
    if nxt[:1].isdigit() and re.search(r"(?i)\b(số|ngày|năm|tháng)$", prev):
        return True
    return median_len > 30 and len(prev) >= 0.7 * median_len


_last: tuple[ReadDocument, list[Unit]] | None = None


def units(doc: ReadDocument) -> list[Unit]:
    """Paragraph and cell units in document order (txt lines joined into paragraphs). The list
    of the last document asked about is kept (citations and named citations both ask): read-only."""
    global _last
    if _last is None or _last[0] is not doc:
        _last = (doc, _units(doc))
    return _last[1]


def _units(doc: ReadDocument) -> list[Unit]:
    if doc.format == "txt":
        return _line_units(doc)
    out: list[Unit] = []
    for i, b in enumerate(doc.blocks):
        if b.kind == "table" and b.table is not None:
            for c in sorted(b.table.cells, key=lambda c: (c.row, c.col)):
                if c.text.strip():
                    out.append(Unit(c.start, c.end, c.page if c.page is not None else b.page, True,
                                    c.row, c.col, i))
        elif b.text.strip():
            out.append(Unit(b.start, b.end, b.page, False))
    return out


def unit_at(us: list[Unit], offset: int) -> Unit | None:
    """The unit containing an offset (binary search over sorted units)."""
    lo, hi = 0, len(us) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        u = us[mid]
        if offset < u.start:
            hi = mid - 1
        elif offset >= u.end:
            lo = mid + 1
        else:
            return u
    return None
