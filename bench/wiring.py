"""Bench only: run the PDF reader with pdf_fast wired in, by patching, to measure the wiring
the lead is asked to make in pipeline/readers/pdf.py (see outputs/bench.md, "Wiring").

`fast_pdf_tables()` answers pdf.py's table grids from pdf_fast (pdfplumber only on fallback);
with `chars=True` it also builds pdf.py's per-page characters with `pdf_fast.loose_chars`."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


class FastStats:
    pages = 0       # pages with rulings answered by the fast path
    fallbacks = 0   # pages handed to pdfplumber


@contextmanager
def fast_pdf_tables(chars: bool = False) -> Iterator[type[FastStats]]:
    """Inside: pdf.py asks pdf_fast for its table grids; pdfplumber only when it must."""
    import pipeline.readers.pdf as P
    from pipeline.readers.pdf_fast import loose_chars, plumber_like_page
    from pipeline.readers.pdf_layout import Char
    from pipeline.readers.pdf_tables import TABLE_SETTINGS

    import inspect
    if "pdf_fast" in inspect.getsource(P):   # the lead has wired it in: measure the reader as it is
        yield FastStats
        return
    orig_has, orig_find, orig_chars = P.has_rulings, P.find_tables, P.page_chars
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

    def page_chars(page):
        tp = page.get_textpage()
        try:
            return [Char(*t) for t in loose_chars(tp.raw, page.get_mediabox()[3])]
        finally:
            tp.close()

    P.has_rulings, P.find_tables = has_rulings, find_tables
    if chars:
        P.page_chars = page_chars
    try:
        yield FastStats
    finally:
        P.has_rulings, P.find_tables, P.page_chars = orig_has, orig_find, orig_chars
