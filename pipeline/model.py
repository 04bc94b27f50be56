"""The one document model every reader produces and every extractor consumes.

A document is an ordered list of blocks (paragraphs and tables). All blocks share one
normalised text (`ReadDocument.text`); each block, table cell and extraction span points
into it with character offsets, and carries the page it was printed on (None for formats
without pages). Build documents with `DocumentBuilder`, never by hand, so offsets stay right.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.normalize import clean_text

Part = Literal["body", "header", "footer", "textbox"]


@dataclass
class Cell:
    """One table cell; `row`/`col` are grid positions of its top-left corner."""

    text: str
    row: int
    col: int
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None


@dataclass
class Table:
    """A table as a grid of cells. A table continued across pages is one Table."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    pages: list[int] = field(default_factory=list)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by row, in column order (a merged cell appears once, at its origin).
        Built once and cached: a Table is not changed after DocumentBuilder made it (the cache
        is rebuilt should the number of cells or rows change); treat the lists as read-only."""
        key = (len(self.cells), self.n_rows)
        cached = self.__dict__.get("_rows")
        if cached is not None and cached[0] == key:
            return cached[1]
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        self.__dict__["_rows"] = (key, out)
        return out

    def grid(self) -> list[list[str]]:
        """Row-major text grid with merged cells repeated over their span (like pdfplumber)."""
        g = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    g[r][k] = c.text
        return g


@dataclass
class Block:
    kind: Literal["paragraph", "table"]
    text: str
    start: int
    end: int
    page: int | None = None
    part: Part = "body"
    table: Table | None = None
    style: str | None = None


@dataclass
class ReadDocument:
    """What a reader returns: normalised text, blocks with provenance, and file facts."""

    path: str
    format: str  # docx | pdf | txt | doc | image
    sha256: str
    text: str
    blocks: list[Block]
    pages: int | None = None
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """Page of the block containing `offset` (None when the format has no pages)."""
        for b in self.blocks:
            if b.start <= offset < b.end or (b.start == b.end == offset):
                return b.page
            if b.start > offset:
                break
        return self.blocks[-1].page if self.blocks else None

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.part == "body"]

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]


class DocumentBuilder:
    """Accumulates paragraphs and tables in order and computes offsets.

    Blocks are separated by one newline; table cells each occupy their own line segment
    (cells of a row joined by tab, rows by newline), so a regex over `text` never runs
    from one cell into the next without crossing a tab or newline.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.blocks: list[Block] = []

    def _append(self, s: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append("\n")
            self._len += 1
        start = self._len
        self._parts.append(s)
        self._len += len(s)
        return start, self._len

    def paragraph(self, text: str, page: int | None = None, part: Part = "body",
                  style: str | None = None) -> Block | None:
        text = clean_text(text)
        start, end = self._append(text)
        b = Block("paragraph", text, start, end, page=page, part=part, style=style)
        self.blocks.append(b)
        return b

    def table(self, rows: list[list[tuple[str, int, int]]], page: int | None = None,
              pages: list[int] | None = None, part: Part = "body",
              cell_pages: list[list[int | None]] | None = None) -> Block:
        """Add a table. `rows[r]` lists (text, rowspan, colspan) for each cell origin in
        column order; positions are derived, skipping grid slots covered by earlier spans."""
        covered: set[tuple[int, int]] = set()
        cells: list[Cell] = []
        n_cols = 0
        chunks: list[str] = []
        pos = self._len + (1 if self._parts else 0)
        table_start = pos
        for r, row in enumerate(rows):
            col = 0
            row_texts: list[str] = []
            for i, (raw, rowspan, colspan) in enumerate(row):
                while (r, col) in covered:
                    col += 1
                text = clean_text(raw)
                if row_texts:
                    pos += 1  # tab
                cp = cell_pages[r][i] if cell_pages else page
                cells.append(Cell(text, r, col, pos, pos + len(text), rowspan, colspan, cp))
                pos += len(text)
                row_texts.append(text)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        covered.add((r + dr, col + dc))
                col += colspan
            n_cols = max(n_cols, col)
            chunks.append("\t".join(row_texts))
            pos += 1  # newline after the row
        body = "\n".join(chunks)
        start, end = self._append(body)
        assert start == table_start
        n_cols = max([n_cols] + [c + 1 for (_, c) in covered])
        t = Table(cells, len(rows), n_cols, pages=pages or ([page] if page else []))
        b = Block("table", body, start, end, page=page, part=part, table=t)
        self.blocks.append(b)
        return b

    def build(self, path: str, format: str, sha256: str, pages: int | None = None,
              ocr: bool = False, warnings: list[str] | None = None) -> ReadDocument:
        return ReadDocument(path, format, sha256, "".join(self._parts), self.blocks,
                            pages=pages, ocr=ocr, warnings=warnings or [])
