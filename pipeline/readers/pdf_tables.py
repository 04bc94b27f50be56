"""Ruled tables in PDFs: cell grids from pdfplumber (lines strategy), text from our own layout,
and one Table for a table that continues across pages."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from pipeline.readers.pdf_layout import Chars, Line, join_lines, paragraphs

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 5,
}


@dataclass
class PCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]
    page: int


@dataclass
class PTable:
    """A table part found on one page (or several once merged)."""

    cells: list[PCell]
    n_rows: int
    n_cols: int
    col_xs: list[float]
    bbox: tuple[float, float, float, float]
    page: int
    pages: list[int] = field(default_factory=list)

    def row(self, r: int) -> list[PCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def rows(self) -> list[list[PCell]]:
        """`row(r)` for every row, in one pass over the cells."""
        out: list[list[PCell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: c.col):
            if 0 <= c.row < self.n_rows:
                out[c.row].append(c)
        return out

    def rows_for_builder(self) -> tuple[list[list[tuple[str, int, int]]], list[list[int | None]]]:
        rows = self.rows()
        return ([[(c.text, c.rowspan, c.colspan) for c in r] for r in rows],
                [[c.page for c in r] for r in rows])


def _index(bounds: list[float], v: float) -> int:
    """Index of the first of the ascending `bounds` nearest to v."""
    if not bounds:
        return 0
    i = bisect.bisect_left(bounds, v)
    best = i if i < len(bounds) else i - 1
    if 0 < i < len(bounds) and abs(bounds[i - 1] - v) <= abs(bounds[i] - v):
        best = i - 1
    while best > 0 and abs(bounds[best - 1] - v) == abs(bounds[best] - v):
        best -= 1
    return best


def _indices(bounds: list[float], vs: tuple[float, ...]) -> list[int]:
    """`_index(bounds, v)` for every v, for strictly ascending `bounds` (where a tie can only be
    between two neighbours); the loop where a value is not finite."""
    v = np.array(vs, np.float64)
    if not bounds or not np.isfinite(v).all():
        return [_index(bounds, x) for x in vs]
    b = np.array(bounds, np.float64)
    i = np.searchsorted(b, v)
    lo, hi = np.maximum(i - 1, 0), np.minimum(i, len(b) - 1)
    take_lo = (i > 0) & ((i == len(b)) | (np.abs(b[lo] - v) <= np.abs(b[hi] - v)))
    return np.where(take_lo, lo, hi).tolist()


def find_tables(plumber_page, page_no: int) -> list[PTable]:
    """Ruled tables of a page as cell grids (no text yet), and boxed paragraphs as 1x1 tables
    (pdfplumber drops one-cell tables, so those are taken from its cells)."""
    finder = plumber_page.debug_tablefinder(TABLE_SETTINGS)
    in_tables = {tuple(c) for t in finder.tables for c in t.cells}
    w, h = plumber_page.width, plumber_page.height
    boxes = [[tuple(c)] for c in finder.cells if tuple(c) not in in_tables
             and c[3] - c[1] < 0.12 * h and c[2] - c[0] < 0.6 * w]
    out = []
    for cells in [t.cells for t in finder.tables] + boxes:
        if not cells:
            continue
        xs = sorted({round(c[0], 1) for c in cells} | {round(max(c[2] for c in cells), 1)})
        ys = sorted({round(c[1], 1) for c in cells} | {round(max(c[3] for c in cells), 1)})
        xs, ys = _dedupe(xs), _dedupe(ys)
        x0s, tops, x1s, bottoms = zip(*cells)
        pcells = []
        for cell, c0, c1, r0, r1 in zip(cells, _indices(xs, x0s), _indices(xs, x1s), _indices(ys, tops),
                                        _indices(ys, bottoms)):
            if c1 <= c0 or r1 <= r0:
                continue
            pcells.append(PCell("", r0, c0, r1 - r0, c1 - c0, tuple(cell), page_no))
        if pcells:
            bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            out.append(PTable(pcells, len(ys) - 1, len(xs) - 1, xs, bbox, page_no, [page_no]))
    return out


def _dedupe(v: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for x in v:
        if not out or x - out[-1] > tol:
            out.append(x)
    return out


def cell_groups(tables: list[PTable], chars: Chars) -> np.ndarray:
    """Per char: 0 outside every table, -1 inside a table's box but in none of its cells, else
    1 + the index of its cell among all cells of `tables` in order. A char belongs to the first
    table whose box holds its centre, and to that table's first cell that holds it (half-open)."""
    cx, cy = (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2
    group = np.zeros(len(chars), np.int64)
    free = np.ones(len(chars), bool)
    base = 1
    for t in tables:
        x0, top, x1, bottom = t.bbox
        idx = np.flatnonzero(free & (x0 <= cx) & (cx <= x1) & (top <= cy) & (cy <= bottom))
        group[idx] = _slot_cells(t, base)(cx[idx], cy[idx])
        free[idx] = False
        base += len(t.cells)
    return group


def _slot_cells(t: PTable, base: int):
    """A lookup of (x, y) -> `base` + index of the first cell of `t` holding the point, or -1.
    Every cell edge is a line of the grid made of all edges, so each slot of that grid lies
    wholly inside or outside each cell: the cell of a point is the cell of its slot."""
    x0, top, x1, bottom = np.array([c.bbox for c in t.cells], np.float64).T
    xs, ys = np.unique(np.concatenate((x0, x1))), np.unique(np.concatenate((top, bottom)))
    slots = np.full((len(ys) + 1, len(xs) + 1), -1, np.int64)   # outer row/column: off the grid
    spans = zip(*(np.searchsorted(e, v).tolist() for e, v in ((ys, top), (ys, bottom), (xs, x0), (xs, x1))))
    for k, (j0, j1, i0, i1) in reversed(list(enumerate(spans))):   # the first cell paints last
        slots[j0 + 1:j1 + 1, i0 + 1:i1 + 1] = base + k

    def lookup(px: np.ndarray, py: np.ndarray) -> np.ndarray:
        return slots[np.searchsorted(ys, py, "right"), np.searchsorted(xs, px, "right")]
    return lookup


def fill_cells(tables: list[PTable], lines: dict[int, list[Line]]) -> None:
    """Set every cell's text from the lines of its group (numbered as `cell_groups`)."""
    k = 1
    for t in tables:
        for cell in t.cells:
            cell.text = cell_text(lines.get(k, []), cell.bbox)
            k += 1


def cell_text(lines: list[Line], bbox: tuple[float, float, float, float]) -> str:
    """Text of one cell: wrapped lines joined, paragraphs (and short lines) on separate lines."""
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0].text
    pad = max(0.0, min(l.x0 for l in lines) - bbox[0])
    pad = min(pad, 6.0)
    paras = paragraphs(lines, bbox[0] + pad, bbox[2] - pad)
    return "\n".join(t for t, _ in paras)


def _norm(s: str) -> str:
    return " ".join(s.split()).lower()


def _row_texts(t: PTable, r: int) -> list[str]:
    return [_norm(c.text) for c in t.row(r)]


def same_columns(a: PTable, b: PTable, tol: float = 4.0) -> bool:
    return a.n_cols == b.n_cols and all(abs(x - y) <= tol for x, y in zip(a.col_xs, b.col_xs))


def merge_continuation(a: PTable, b: PTable) -> PTable:
    """Append table part `b` (next page) to `a`: drop its repeated header rows, and merge a
    row split by the page break (its first cell is empty) into `a`'s last row."""
    skip = 0
    while skip < min(3, b.n_rows, a.n_rows) and _row_texts(b, skip) == _row_texts(a, skip) and any(_row_texts(b, skip)):
        skip += 1
    cells_b = [c for c in b.cells if c.row >= skip]
    first = [c for c in cells_b if c.row == skip]
    first_col0 = next((c for c in first if c.col == 0), None)
    last_a = a.row(a.n_rows - 1)
    merged_row = False
    if (first_col0 is not None and not first_col0.text.strip() and any(c.text.strip() for c in first)
            and [(c.col, c.colspan) for c in first] == [(c.col, c.colspan) for c in last_a]):
        for ca, cb in zip(last_a, first):
            if cb.text.strip():
                ca.text = join_lines(ca.text, cb.text) if ca.text.strip() else cb.text
        cells_b = [c for c in cells_b if c.row != skip]
        merged_row = True
    shift = a.n_rows - skip - (1 if merged_row else 0)
    for c in cells_b:
        c.row += shift
    n_rows = a.n_rows + b.n_rows - skip - (1 if merged_row else 0)
    return PTable(a.cells + cells_b, n_rows, a.n_cols, a.col_xs, a.bbox, a.page, a.pages + [b.page])
