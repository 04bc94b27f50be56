"""The page-wide, vectorised line builder (`group_lines_by`) against the per-char reference
(`group_lines`, also what OCR uses) on every page of the corpus PDFs, whole pages and pages cut
into groups, and the cell-grid helpers the reader uses with it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from pipeline.readers.pdf import page_chars
from pipeline.readers.pdf_layout import Char, Chars, group_lines, group_lines_by
from pipeline.readers.pdf_tables import _index

PDFS = sorted(CORPUS.glob("seed00*.pdf"))


def as_list(c: Chars) -> list[Char]:
    return [Char(chr(k), *v) for k, *v in zip(c.code.tolist(), c.x0.tolist(), c.top.tolist(), c.x1.tolist(),
                                              c.bottom.tolist(), c.size.tolist())]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_group_lines_by_equals_group_lines(path: Path):
    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            chars = page_chars(pdf[i])
            ref = as_list(chars)
            assert group_lines_by(chars, np.zeros(len(chars), np.int64), i + 1).get(0, []) == group_lines(ref, i + 1)
            groups = (np.arange(len(chars)) // 37) % 3 - 1   # three interleaved groups, -1 dropped
            got = group_lines_by(chars, groups, i + 1)
            for g in (0, 1):
                want = group_lines([c for c, k in zip(ref, groups.tolist()) if k == g], i + 1)
                assert got.get(g, []) == want, f"page {i + 1} group {g}"
            assert -1 not in got
    finally:
        pdf.close()


@pytest.mark.parametrize("bounds, v, want", [
    ([], 5.0, 0), ([10.0], -3.0, 0), ([10.0, 20.0], 14.0, 0), ([10.0, 20.0], 15.0, 0),
    ([10.0, 20.0], 16.0, 1), ([10.0, 20.0], 99.0, 1), ([10.0, 20.0, 30.0], 20.0, 1),
])
def test_index_is_the_first_nearest_bound(bounds, v, want):
    assert _index(bounds, v) == want
    if bounds:
        assert want == min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))
