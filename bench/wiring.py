"""Bench only: run the PDF reader with pdf_fast wired in, by patching, to measure the wiring
the lead is asked to make in pipeline/readers/pdf.py (see outputs/bench.md, "Wiring")."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


class FastStats:
    pages = 0       # pages with rulings answered by the fast path
    fallbacks = 0   # pages handed to pdfplumber


@contextmanager
def fast_pdf_tables() -> Iterator[type[FastStats]]:
    """Inside: pdf.py asks pdf_fast for its table grids; pdfplumber only when it must."""
    import pipeline.readers.pdf as P
    from pipeline.readers.pdf_fast import plumber_like_page
    from pipeline.readers.pdf_tables import TABLE_SETTINGS

    orig_has, orig_find = P.has_rulings, P.find_tables
    current: dict = {}

    def has_rulings(page) -> bool:
        current["page"] = page
        return orig_has(page)

    def find_tables(plumber_page, page_no: int):
        fast = plumber_like_page(current["page"], TABLE_SETTINGS)
        if fast is None:
            FastStats.fallbacks += 1
            return orig_find(plumber_page, page_no)
        FastStats.pages += 1
        return orig_find(fast, page_no)

    P.has_rulings, P.find_tables = has_rulings, find_tables
    try:
        yield FastStats
    finally:
        P.has_rulings, P.find_tables = orig_has, orig_find
