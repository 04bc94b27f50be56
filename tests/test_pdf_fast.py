"""The fast table finder (pdfium data) against its reference, pdfplumber, on every corpus PDF page.

Texts are compared after NFC and whitespace collapse — what every reader stores (clean_text):
pdfium reads LibreOffice's /ActualText spans (a decomposed "ê" + U+0301 where the glyph's
ToUnicode says "ế"), pdfminer does not, so the two differ in Unicode normal form only.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from pipeline.readers.pdf_fast import char_columns, find_tables, page_objects, table_finder, text_sizes

PDFS = sorted(CORPUS.glob("seed00*.pdf"))
DATA = Path(__file__).parent / "data"
READER_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                   "join_tolerance": 3, "intersection_tolerance": 3, "edge_min_length": 5}


def collapse(tables: list) -> list:
    return [[[None if c is None else re.sub(r"\s+", " ", unicodedata.normalize("NFC", c)).strip()
              for c in row] for row in t] for t in tables]


def boxes(cells) -> list[tuple[float, ...]]:
    return [tuple(round(v, 2) for v in c) for c in cells]


@lru_cache(maxsize=None)
def reference(path: Path) -> list[tuple[list, list, list]]:
    """Per page: pdfplumber's extract_tables(), and its cells and table cells at the reader's settings."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            finder = page.debug_tablefinder(READER_SETTINGS)
            out.append((collapse(page.extract_tables()), boxes(finder.cells),
                        [boxes(t.cells) for t in finder.tables]))
            page.flush_cache()
    return out


def test_corpus_has_pdfs_with_tables():
    assert len(PDFS) == 5
    assert sum(len(tables) for tables, _, _ in reference(CORPUS / "seed004.pdf")) >= 16


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_tables_equal_pdfplumber(path: Path):
    ref = reference(path)
    pdf = pdfium.PdfDocument(path)
    try:
        assert len(pdf) == len(ref)
        for i, (want, _, _) in enumerate(ref):
            got = find_tables(pdf[i])
            assert got is not None, f"page {i + 1}: fast path fell back"
            assert collapse(got) == want, f"page {i + 1}"
    finally:
        pdf.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_geometry_equals_pdfplumber_tablefinder(path: Path):
    ref = reference(path)
    pdf = pdfium.PdfDocument(path)
    try:
        for i, (_, cells, tables) in enumerate(ref):
            finder = table_finder(pdf[i], edge_min_length=5)
            assert finder is not None, f"page {i + 1}: fast path fell back"
            assert boxes(finder.cells) == cells, f"page {i + 1}"
            assert [boxes(t.cells) for t in finder.tables] == tables, f"page {i + 1}"
    finally:
        pdf.close()


def test_rotated_page_falls_back():
    pdf = pdfium.PdfDocument(CORPUS / "seed004.pdf")
    try:
        page = pdf[13]
        page.set_rotation(90)
        assert find_tables(page) is None
        assert table_finder(page) is None
    finally:
        pdf.close()


def test_page_without_rulings_has_no_tables():
    pdf = pdfium.PdfDocument(CORPUS / "seed004.pdf")
    try:
        assert find_tables(pdf[1]) == []
    finally:
        pdf.close()


def reference_chars(page) -> list[tuple[str, float, float, float, float, float]]:
    """The reader's characters asked of pdfium one call per fact per char: every non-generated
    char, pdfium's hyphen mark (2) as '-', no control char but tab, loose box top-based, font
    size (or the box height where that is 0)."""
    import pypdfium2.raw as raw
    mb_top = page.get_mediabox()[3]
    tp = page.get_textpage()
    out = []
    try:
        for i in range(tp.count_chars()):
            if raw.FPDFText_IsGenerated(tp.raw, i) == 1:
                continue
            code = raw.FPDFText_GetUnicode(tp.raw, i)
            code = ord("-") if code == 2 else code
            if code < 32 and code != 9:
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(tp.raw, i) or (top - bottom)
            out.append((chr(code), left, mb_top - top, right, mb_top - bottom, size))
    finally:
        tp.close()
    return out


@pytest.mark.parametrize("path", PDFS + [DATA / "seed004-scan.pdf"], ids=lambda p: p.name)
def test_char_columns_equal_per_char_calls(path: Path):
    """`char_columns` (bulk calls, font size once per run or from the page's one text size)
    gives the per-char answer exactly."""
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            want = reference_chars(page)
            tp = page.get_textpage()
            for sizes in (None, text_sizes(page_objects(page.raw))):   # sizes asked per run, or known
                c = char_columns(tp.raw, page.get_mediabox()[3], sizes)
                got = list(zip(map(chr, c.code.tolist()), c.x0.tolist(), c.top.tolist(), c.x1.tolist(),
                               c.bottom.tolist(), c.size.tolist()))
                assert got == want, f"page {i + 1}, sizes {sizes}"
            tp.close()
    finally:
        pdf.close()
