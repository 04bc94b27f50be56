"""The reader's vectorised shortcuts against their plain references: the char -> cell lookup
(`cell_groups`), the nearest-bound index of every cell edge (`_indices`), and line building where
fragments of one row must be joined (`group_lines_by`'s `_merge_same_row` path)."""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from pipeline.readers.pdf import page_chars
from pipeline.readers.pdf_fast import plumber_like_page
from pipeline.readers.pdf_layout import Char, Chars, group_lines, group_lines_by
from pipeline.readers.pdf_tables import TABLE_SETTINGS, PCell, PTable, _index, _indices, cell_groups, find_tables


def reference_groups(tables: list[PTable], chars: Chars) -> list[int]:
    """`cell_groups` char by char: first table whose box holds the centre, its first cell (half-open)."""
    out = []
    base_of = np.cumsum([1] + [len(t.cells) for t in tables]).tolist()
    for x0, top, x1, bottom in zip(chars.x0.tolist(), chars.top.tolist(), chars.x1.tolist(), chars.bottom.tolist()):
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        g = 0
        for t, base in zip(tables, base_of):
            bx0, btop, bx1, bbot = t.bbox
            if bx0 <= cx <= bx1 and btop <= cy <= bbot:
                g = next((base + k for k, c in enumerate(t.cells)
                          if c.bbox[0] <= cx < c.bbox[2] and c.bbox[1] <= cy < c.bbox[3]), -1)
                break
        out.append(g)
    return out


def points(xs: list[float], ys: list[float]) -> Chars:
    """Zero-size chars at every (x, y): centres exactly on, between and outside the given lines."""
    px = sorted(set(xs) | {(a + b) / 2 for a, b in zip(xs, xs[1:])} | {xs[0] - 1, xs[-1] + 1})
    py = sorted(set(ys) | {(a + b) / 2 for a, b in zip(ys, ys[1:])} | {ys[0] - 1, ys[-1] + 1})
    gx, gy = (a.ravel() for a in np.meshgrid(px, py))
    return Chars(np.full(len(gx), 65), gx, gy, gx.copy(), gy.copy(), np.full(len(gx), 10.0))


def table(cells: list[tuple[float, float, float, float]]) -> PTable:
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    return PTable([PCell("", 0, 0, 1, 1, c, 1) for c in cells], 1, 1, [], bbox, 1, [1])


@pytest.mark.parametrize("tables", [
    [table([(0, 0, 10, 10), (10, 0, 20, 10), (0, 10, 20, 20)])],                 # merged bottom row
    [table([(0, 0, 20, 20), (5, 5, 15, 15)])],                                    # nested: first wins
    [table([(0, 0, 10, 10), (20, 0, 30, 10)])],                                   # a gap in the box
    [table([(0, 0, 10, 10), (10, 0, 20, 10)]), table([(5, 0, 15, 10), (15, 0, 25, 10)])],  # overlapping tables
], ids=["merged", "nested", "gap", "two-tables"])
def test_cell_groups_equal_reference_on_grid_lines(tables):
    xs = sorted({v for t in tables for c in t.cells for v in (c.bbox[0], c.bbox[2])})
    ys = sorted({v for t in tables for c in t.cells for v in (c.bbox[1], c.bbox[3])})
    chars = points(xs, ys)
    assert cell_groups(tables, chars).tolist() == reference_groups(tables, chars)


def test_cell_groups_equal_reference_on_corpus_tables():
    pdf = pdfium.PdfDocument(CORPUS / "seed004.pdf")
    try:
        seen = 0
        for i in range(len(pdf)):
            page = pdf[i]
            tables = find_tables(plumber_like_page(page, TABLE_SETTINGS), i + 1)
            chars = page_chars(page)
            assert cell_groups(tables, chars).tolist() == reference_groups(tables, chars), f"page {i + 1}"
            seen += len(tables)
        assert seen >= 16
    finally:
        pdf.close()


@pytest.mark.parametrize("bounds", [[10.0], [10.0, 20.0], [10.0, 20.0, 30.0], [0.0, 2.5, 7.25, 100.0]])
def test_indices_equal_index(bounds):
    vs = tuple(np.linspace(bounds[0] - 5, bounds[-1] + 5, 97).tolist()) + tuple(bounds) \
        + tuple((a + b) / 2 for a, b in zip(bounds, bounds[1:]))
    assert _indices(bounds, vs) == [_index(bounds, v) for v in vs]


def row_chars(runs: list[tuple[str, float, float]]) -> list[Char]:
    """Chars of text runs (text, x0, top), 6 pt wide, 12 pt high, in the order given."""
    return [Char(ch, x0 + 6 * k, top, x0 + 6 * k + 6, top + 12, 12.0) for text, x0, top in runs
            for k, ch in enumerate(text)]


@pytest.mark.parametrize("runs, n_lines", [
    ([("world", 130, 100), ("hello", 96, 100)], 1),                        # right half emitted first
    ([("b", 112, 100), ("a", 100, 101), ("next line", 100, 130)], 2),      # joined, then a line below
    ([("far", 300, 100), ("left", 100, 100)], 2),                          # too far apart to join
], ids=["out-of-order", "with-next-line", "apart"])
def test_group_lines_by_joins_fragments_like_group_lines(runs, n_lines):
    ref = row_chars(runs)
    chars = Chars(np.array([ord(c.ch) for c in ref]), *(np.array([getattr(c, k) for c in ref], float)
                                                        for k in ("x0", "top", "x1", "bottom", "size")))
    for groups in (np.zeros(len(ref), np.int64), np.arange(len(ref)) % 2 * 5):
        got = group_lines_by(chars, groups, 1)
        for g in set(groups.tolist()):
            assert got[g] == group_lines([c for c, k in zip(ref, groups.tolist()) if k == g], 1)
    assert len(group_lines_by(chars, np.zeros(len(ref), np.int64), 1)[0]) == n_lines
