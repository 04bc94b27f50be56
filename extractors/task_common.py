"""Pieces shared by the task readers (tables, flattened tables, prose): joining wrapped cell
text, the document's reference date, source references in a notes cell, and the task record."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from extractors.agency_lists import split_agencies
from extractors.deadlines import parse_deadline
from extractors.numbers import find_numbers
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold

_DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d\d)(?!\d)")
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*((?:19|20)\d\d)", re.I)
_MONTH_YEAR = re.compile(r"tháng\s*(\d{1,2})\s*năm\s*((?:19|20)\d\d)", re.I)
_YEAR_ONLY = re.compile(r"năm\s*((?:19|20)\d\d)", re.I)


def join_cell(text: str | None, wrapped: bool = False) -> str:
    """One line of display text from a cell: paragraphs (and, for PDF, wrapped lines) joined.

    A line that ends in '-' or '/' right after a character ("05-" / "QĐ/BCĐ", "2026-" / "2030")
    was broken inside a word and is joined without a space.
    """
    if not text:
        return ""
    if wrapped:
        text = re.sub(r"(?<=\S[-/])[ \t]*\n\s*", "", text)
    return collapse_ws(text)


def source_refs(notes: str | None) -> list[str]:
    """Numbers of the documents named in a notes cell, as printed, in order, once each."""
    return list(_source_refs(notes)) if notes else []


@lru_cache(maxsize=4096)
def _source_refs(notes: str) -> tuple[str, ...]:
    """source_refs, cached: a plan's notes column repeats the same sources row after row."""
    return tuple(dict.fromkeys(m.number for m in find_numbers(notes)))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def reference_date(doc: ReadDocument, document: dict) -> tuple[date | None, int | None]:
    """The document's own date and year, for deadlines printed without a year.

    Header fields first; else the first full date in the opening text or in an appendix
    caption ("Ban hành kèm theo Kế hoạch số … ngày 16/01/2026"); else a "tháng 6 năm 2025" /
    "năm 2026" in the opening text.
    """
    iso = document.get("date") if document else None
    if iso:
        try:
            d = date.fromisoformat(iso)
            return d, d.year
        except ValueError:
            pass
    part = (document or {}).get("date_partial")
    if part and re.match(r"\d{4}", str(part)):
        return None, int(str(part)[:4])
    head = doc.text[:3000]
    for rx in (_DATE_WORDS,):
        m = rx.search(head)
        if m:
            d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                return d, d.year
    m = _MONTH_YEAR.search(head)
    if m:
        return None, int(m.group(2))
    cap = re.search(r"kèm theo[^\n]{0,120}?ngày\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d\d)",
                    fold(doc.text), re.I)
    if cap:
        d = _safe(int(cap.group(3)), int(cap.group(2)), int(cap.group(1)))
        if d:
            return d, d.year
    m = _DATE_NUM.search(head)
    if m:
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return d, d.year
    m = _YEAR_ONLY.search(head)
    return None, (int(m.group(1)) if m else None)


_END_MARK = re.compile(r"\s*\.?/\.\s*$")   # "./.", the mark that closes a document's text


def make_task(*, appendix: str | None, section: str | None, no: str | None, name: str,
              lead: list[str], support: list[str], product: str | None, deadline_text: str | None,
              status_text: str | None, notes: str | None, ref: tuple[date | None, int | None],
              span: tuple[int, int] | None, page: int | None, row: int | None = None,
              source: str = "table") -> dict:
    """The task record (gold keys + provenance: span, page, table row, how it was read)."""
    dl = parse_deadline(deadline_text, ref[0], ref[1])
    if name.endswith("/."):
        name = _END_MARK.sub("", name)
    return {
        "appendix": appendix, "section": section, "no": no, "name": name,
        "lead": lead, "support": support, "product": product or None,
        "deadline_text": dl["deadline_text"], "deadline": dl["deadline"],
        "deadline_kind": dl["deadline_kind"], "deadline_rule": dl["rule"],
        "status_text": status_text or None, "source_refs": source_refs(notes),
        "notes": notes or None,
        "span": list(span) if span else None, "page": page, "row": row, "source": source,
    }


def agencies(text: str | None, wrapped: bool = False) -> list[str]:
    return split_agencies(text, wrapped=wrapped)
