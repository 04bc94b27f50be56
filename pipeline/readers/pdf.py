"""PDF: text and geometry from pypdfium2, ruled tables from pdfplumber, layout in pdf_layout.

Per page: characters (top-based boxes) -> table cells take theirs -> the rest become lines ->
page numbers go to part="header"/"footer" -> two-column bands (header block, signature
block) become one block per column -> the remaining lines are joined into paragraphs across
pages. A table part that continues on the next page is merged into one Table. Pages without
a text layer, or with one whose fonts map no Unicode (`Chars.unmapped`), are sent to OCR
(pipeline.readers.ocr), unless they are blank (`is_blank`: no image, no more than a few paths).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge
from pipeline.model import DocumentBuilder, ReadDocument
from pipeline.readers.pdf_fast import (PageObjects, char_columns, count_paths, page_objects, plumber_like_page,
                                       text_sizes)
from pipeline.readers.pdf_layout import Chars, Line, group_lines_by, paragraphs, text_edges
from pipeline.readers.pdf_tables import (TABLE_SETTINGS, PTable, cell_groups, fill_cells, find_tables,
                                         merge_continuation, same_columns)

MARGIN_ZONE = 0.08  # top/bottom fraction of the page where page numbers live
UNMAPPED_MAX = 0.2  # a text layer with this share of unmapped glyphs is unreadable: the page is OCR'd
_PAGE_NO = re.compile(r"^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)


def max_pages() -> int:
    return int(os.environ.get("VANBAN_MAX_PAGES", "2000"))


@dataclass
class Item:
    """One thing in reading order on a page: a body line, a column-band block or a table."""

    kind: str  # line | band | table | box
    top: float
    page: int
    line: Line | None = None
    text: str = ""
    table: PTable | None = None


def open_pdf(path: Path, data: bytes):
    import pypdfium2 as pdfium
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedFile(f"{path.name}: the PDF is password-protected",
                                f"{path.name}: tệp PDF được đặt mật khẩu") from e
        raise CorruptFile(f"{path.name}: damaged PDF ({e})", f"{path.name}: tệp PDF bị hỏng ({e})") from e


def page_chars(page, objects: PageObjects | None = None) -> Chars:
    """Non-generated characters of a pdfium page with loose (font-height) boxes, top-based."""
    tp = page.get_textpage()
    objects = objects if objects is not None else page_objects(page.raw)
    try:
        return char_columns(tp.raw, page.get_mediabox()[3], text_sizes(objects))
    finally:
        tp.close()


def has_rulings(objects: PageObjects) -> bool:
    """Cheap test before asking for tables: does the page draw any paths (at most one form deep)?"""
    return count_paths(objects, max_depth=2, stop=4) >= 4


BLANK_MAX_PATHS = 8   # a rule or a border; text drawn as glyph outlines is hundreds of paths


def is_blank(page) -> bool:
    """A page that OCR could not help: no image object (a scan is one), no text object, and at
    most a few path objects. Form XObjects are looked into."""
    import pypdfium2.raw as raw
    paths = 0
    kinds = (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT)
    for obj in page.get_objects(filter=kinds, max_depth=5):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            return False
        paths += 1
        if paths > BLANK_MAX_PATHS:
            return False
    return True


def is_page_furniture(l: Line, height: float) -> str | None:
    """'header'/'footer' for a page number printed in the top/bottom margin zone."""
    if not _PAGE_NO.match(l.text):
        return None
    if l.bottom < height * MARGIN_ZONE:
        return "header"
    if l.top > height * (1 - MARGIN_ZONE):
        return "footer"
    return None


def rows_of(lines: list[Line]) -> list[list[Line]]:
    """Cluster lines (sorted top-down) into rows of vertically overlapping lines, left to right."""
    rows: list[list[Line]] = []
    for l in sorted(lines, key=lambda l: l.top):
        if rows:
            f = rows[-1][0]
            if l.top < f.bottom - 0.3 * f.size and l.bottom > f.top + 0.3 * f.size:
                rows[-1].append(l)
                continue
        rows.append([l])
    return [sorted(r, key=lambda l: l.x0) for r in rows]


def column_bands(lines: list[Line]) -> list[Item]:
    """Side-by-side column blocks (header block, signature block) become one item per column,
    lines joined by newline; every other line stays a line item."""
    rows = rows_of(lines)
    items: list[Item] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) < 2:
            items.append(Item("line", row[0].top, row[0].page, line=row[0]))
            i += 1
            continue
        k = max(range(len(row) - 1), key=lambda k: row[k + 1].x0 - row[k].x1)
        left, right = row[:k + 1], row[k + 1:]
        lmax, rmin = max(l.x1 for l in left), min(l.x0 for l in right)
        bottom = max(l.bottom for l in row)
        i += 1
        while i < len(rows):
            r = rows[i]
            if r[0].top - bottom > 1.2 * max(l.size for l in r):
                break
            placed = []
            for l in r:
                if l.x1 < rmin:
                    placed.append((left, l))
                elif l.x0 > lmax:
                    placed.append((right, l))
                else:
                    break
            else:
                for side, l in placed:
                    side.append(l)
                lmax = max([lmax] + [l.x1 for s, l in placed if s is left])
                rmin = min([rmin] + [l.x0 for s, l in placed if s is right])
                if lmax >= rmin:
                    break
                bottom = max(l.bottom for l in r)
                i += 1
                continue
            break
        top = min(l.top for l in row)   # one top for both sides: the left column reads first
        for side in (left, right):
            side.sort(key=lambda l: l.top)
            items.append(Item("band", top, side[0].page, text="\n".join(l.text for l in side)))
    return items


def read_pdf(path: Path, data: bytes, sha256: str) -> ReadDocument:
    pdf = open_pdf(path, data)
    try:
        n = len(pdf)
        if n > max_pages():
            raise TooLarge(f"{path.name}: {n} pages is over the limit of {max_pages()} (VANBAN_MAX_PAGES)",
                           f"{path.name}: {n} trang vượt giới hạn {max_pages()} (VANBAN_MAX_PAGES)")
        return _read_pages(path, data, sha256, pdf, n)
    finally:
        pdf.close()


def _read_pages(path: Path, data: bytes, sha256: str, pdf, n: int) -> ReadDocument:
    plumber = None
    items: list[Item] = []
    furniture: list[tuple[str, Line]] = []
    scanned: list[int] = []
    warnings: list[str] = []
    try:
        for p in range(n):
            page = pdf[p]
            try:
                width, height = page.get_size()
                objects = page_objects(page.raw)
                chars = page_chars(page, objects)
                unreadable = chars.unmapped >= UNMAPPED_MAX
                if unreadable or not chars.glyphs().any():
                    if not unreadable and is_blank(page):   # nothing drawn that could hold text: no OCR run
                        continue
                    if unreadable:
                        warnings.append(f"page {p + 1}: {chars.unmapped:.0%} of the text layer has no Unicode "
                                        f"mapping (fonts without /ToUnicode); the page was read by OCR")
                    scanned.append(p + 1)
                    from pipeline.readers.ocr import ocr_pdf_page
                    items.extend(page_items_from_lines(ocr_pdf_page(page, p + 1), height, furniture))
                    continue
                tables: list[PTable] = []
                if has_rulings(objects):
                    # Cell outlines from pdfium's own path objects (pdf_fast, tested equal to
                    # pdfplumber on every corpus page); pdfplumber only where that cannot say.
                    fast = plumber_like_page(page, TABLE_SETTINGS, objects)
                    if fast is not None:
                        tables = find_tables(fast, p + 1)
                    else:
                        if plumber is None:
                            import io

                            import pdfplumber
                            plumber = pdfplumber.open(io.BytesIO(data))
                        ppage = plumber.pages[p]
                        tables = find_tables(ppage, p + 1)
                        ppage.flush_cache()
                lines = group_lines_by(chars, cell_groups(tables, chars), p + 1)
                fill_cells(tables, lines)
                page_items = page_items_from_lines(lines.get(0, []), height, furniture)
                for t in tables:
                    kind = "box" if t.n_rows == 1 and t.n_cols == 1 else "table"
                    if kind == "box" and not t.cells[0].text.strip():
                        continue
                    items_t = Item(kind, t.bbox[1], p + 1, table=t, text=t.cells[0].text if kind == "box" else "")
                    page_items.append(items_t)
                page_items.sort(key=lambda it: it.top)
                items.extend(page_items)
            finally:
                page.close()
    except Exception as e:  # noqa: BLE001
        from pipeline.errors import ReadError
        if isinstance(e, ReadError):
            raise
        raise CorruptFile(f"{path.name}: cannot read the PDF ({type(e).__name__}: {e})",
                          f"{path.name}: không đọc được tệp PDF ({type(e).__name__})") from e
    finally:
        if plumber is not None:
            plumber.close()
    doc = build_document(path, sha256, items, furniture, n, ocr=bool(scanned), warnings=warnings)
    if not doc.text.strip():
        raise EmptyFile(f"{path.name}: the PDF has no text (not even by OCR)",
                        f"{path.name}: tệp PDF không có chữ (kể cả khi nhận dạng OCR)")
    return doc


def page_items_from_lines(lines: list[Line], height: float, furniture: list[tuple[str, Line]]) -> list[Item]:
    """Page numbers go to `furniture`; the other lines become line and column-band items."""
    body = []
    for l in lines:
        part = is_page_furniture(l, height)
        if part:
            furniture.append((part, l))
        else:
            body.append(l)
    return column_bands(body)


def merge_tables(items: list[Item]) -> list[Item]:
    """Merge a table part that is the first item of a page into the previous page's last table."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (it.kind == "table" and prev is not None and prev.kind == "table"
                and it.page == prev.table.pages[-1] + 1 and same_columns(prev.table, it.table)):
            prev.table = merge_continuation(prev.table, it.table)
            continue
        out.append(it)
    return out


def build_document(path: Path, sha256: str, items: list[Item], furniture: list[tuple[str, Line]],
                   n_pages: int, ocr: bool = False, warnings: list[str] | None = None) -> ReadDocument:
    items = merge_tables(items)
    edges = _edges_by_page([it.line for it in items if it.line is not None] + _table_extents(items))
    b = DocumentBuilder()
    run: list[Line] = []

    def flush() -> None:
        for text, first in _paragraphs_across_pages(run, edges):
            b.paragraph(text, page=first.page)
        run.clear()

    for it in items:
        if it.kind == "line":
            run.append(it.line)
            continue
        flush()
        if it.kind == "band":
            b.paragraph(it.text, page=it.page)
        elif it.kind == "box":
            b.paragraph(it.text, page=it.page, part="textbox")
        else:
            rows, cell_pages = it.table.rows_for_builder()
            b.table(rows, page=it.page, pages=it.table.pages, cell_pages=cell_pages)
    flush()
    for part, l in furniture:
        b.paragraph(l.text, page=l.page, part=part)  # type: ignore[arg-type]
    return b.build(str(path), "pdf", sha256, pages=n_pages, ocr=ocr, warnings=warnings)


def _table_extents(items: list[Item]) -> list[Line]:
    """Table boxes as pseudo-lines, so pages holding mostly a table get the right text edges."""
    out = []
    for it in items:
        if it.kind == "table":
            x0, top, x1, bottom = it.table.bbox
            out += [Line("", x0, top, x1, bottom, 12.0, 0.0, it.page)] * 3
    return out


def _edges_by_page(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Text column edges per page, from all lines of pages of the same width."""
    by_page: dict[int, list[Line]] = {}
    for l in lines:
        by_page.setdefault(l.page, []).append(l)
    by_width: dict[int, list[Line]] = {}
    page_width: dict[int, int] = {}
    for p, ls in by_page.items():
        w = round(max(l.x1 for l in ls) / 40)  # coarse: portrait vs landscape text widths
        page_width[p] = w
        by_width.setdefault(w, []).extend(ls)
    return {p: text_edges(by_width[w]) for p, w in page_width.items()}


def _paragraphs_across_pages(lines: list[Line], edges: dict[int, tuple[float, float]]) -> list[tuple[str, Line]]:
    """Paragraphs from a run of body lines; a paragraph may continue onto the next page."""
    if not lines:
        return []
    left, right = edges[lines[0].page]
    return paragraphs(lines, left, right, page_edges=edges)
