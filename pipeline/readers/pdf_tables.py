"""Ruled tables in PDFs: cell grids from pdfplumber (lines strategy), text from our own layout,
and one Table for a table that continues across pages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.pdf_layout import Char, group_lines, join_lines, paragraphs

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

    def rows_for_builder(self) -> tuple[list[list[tuple[str, int, int]]], list[list[int | None]]]:
        rows = [self.row(r) for r in range(self.n_rows)]
        return ([[(c.text, c.rowspan, c.colspan) for c in r] for r in rows],
                [[c.page for c in r] for r in rows])


def _index(bounds: list[float], v: float, tol: float = 1.5) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v)) if bounds else 0


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
        pcells = []
        for (x0, top, x1, bottom) in cells:
            c0, c1 = _index(xs, x0), _index(xs, x1)
            r0, r1 = _index(ys, top), _index(ys, bottom)
            if c1 <= c0 or r1 <= r0:
                continue
            pcells.append(PCell("", r0, c0, r1 - r0, c1 - c0, (x0, top, x1, bottom), page_no))
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


def fill_text(table: PTable, chars: list[Char]) -> list[Char]:
    """Put the text of `chars` into the table's cells; return the chars outside the table."""
    x0, top, x1, bottom = table.bbox
    outside: list[Char] = []
    per_cell: dict[int, list[Char]] = {}
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(c)
            continue
        for i, cell in enumerate(table.cells):
            bx0, btop, bx1, bbot = cell.bbox
            if bx0 <= cx < bx1 and btop <= cy < bbot:
                per_cell.setdefault(i, []).append(c)
                break
    for i, cell in enumerate(table.cells):
        cell.text = cell_text(per_cell.get(i, []), cell.bbox)
    return outside


def cell_text(chars: list[Char], bbox: tuple[float, float, float, float]) -> str:
    """Text of one cell: wrapped lines joined, paragraphs (and short lines) on separate lines."""
    lines = group_lines(chars)
    if not lines:
        return ""
    pad = max(0.0, min(l.x0 for l in lines) - bbox[0])
    pad = min(pad, 6.0)
    paras = paragraphs(lines, bbox[0] + pad, bbox[2] - pad)
    return "\n".join(t for t, _ in paras)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


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
