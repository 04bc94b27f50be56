"""Word .docx: body paragraphs and tables in document order, text boxes, page headers/footers.

The body XML is walked directly (python-docx's `Document.paragraphs`/`.tables` lose the order
and skip text boxes). Merged cells (gridSpan / vMerge) become one Cell with colspan/rowspan.
Page headers and footers are appended after the body, as part="header"/"footer".
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import CorruptFile, EmptyFile, EncryptedFile
from pipeline.model import DocumentBuilder, Part, ReadDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    """Qualified WordprocessingML tag name: q('p') -> '{W}p'."""
    return f"{{{W}}}{tag}"


_SKIP = {q("txbxContent"), f"{{{MC}}}Fallback", q("del"), q("moveFrom"), q("instrText"),
         q("delText"), q("pPr"), q("rPr"), q("tblPr"), q("trPr"), q("tcPr")}
_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")


@dataclass
class _Ctx:
    """Reader state: the builder, style names, and text-box contents waiting to be emitted."""

    builder: DocumentBuilder
    styles: dict[str, str]
    numbering: object | None = None
    pending_boxes: list[etree._Element] = field(default_factory=list)
    legacy: str | None = None
    warnings: list[str] = field(default_factory=list)


def _field_instr(el: etree._Element) -> str:
    return (el.get(q("instr")) or "").strip().split(" ")[0].upper()


def paragraph_text(p: etree._Element, boxes: list[etree._Element] | None = None,
                   legacy: str | None = None) -> str:
    """Visible text of a w:p: runs, tabs, line breaks; no deleted text, no page-number fields.
    Text boxes met on the way are collected into `boxes` instead of being inlined. With
    `legacy` ('tcvn3'/'vni') each run is converted to Unicode before any cleaning."""
    out: list[str] = []
    fields: list[list] = []  # stack of [instruction, in_result]

    def walk(el: etree._Element) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str):
                continue
            if tag == q("txbxContent"):
                if boxes is not None:
                    boxes.append(ch)
                continue
            if tag == q("instrText") and fields:
                fields[-1][0] += ch.text or ""
                continue
            if tag in _SKIP:
                continue
            if tag == q("fldSimple") and _field_instr(ch).startswith(_PAGE_FIELDS):
                continue
            if tag == q("fldChar"):
                kind = ch.get(q("fldCharType"))
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                elif kind == "end" and fields:
                    fields.pop()
                continue
            hidden = any(f[1] and f[0].strip().upper().startswith(_PAGE_FIELDS) for f in fields)
            if tag == q("t"):
                if not hidden:
                    out.append(_legacy_run_text(ch, legacy) if legacy else (ch.text or ""))
            elif tag in (q("tab"), q("ptab")):
                out.append("\t")
            elif tag in (q("br"), q("cr")):
                if ch.get(q("type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == q("noBreakHyphen"):
                out.append("-")
            elif tag == q("sym"):
                out.append(_sym_char(ch))
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _legacy_run_text(t: etree._Element, legacy: str) -> str:
    """A w:t of a TCVN3/VNI document in Unicode; runs in a capitals font (.VnTimeH) upper-cased."""
    from pipeline.legacy import to_unicode
    text = to_unicode(t.text or "", legacy)
    run = t.getparent()
    fonts = run.find(f"{q('rPr')}/{q('rFonts')}") if run is not None else None
    name = (fonts.get(q("ascii")) or fonts.get(q("hAnsi")) or "") if fonts is not None else ""
    return text.upper() if name.lower().startswith(".vn") and name.endswith("H") else text


def _sym_char(el: etree._Element) -> str:
    """A w:sym from a symbol font; only the plain-character range is kept."""
    try:
        code = int(el.get(q("char")) or "", 16)
    except ValueError:
        return ""
    if code >= 0xF000:
        code -= 0xF000
    return chr(code) if 0x20 <= code < 0x7F else ""


def _style_name(p: etree._Element, styles: dict[str, str]) -> str | None:
    ps = p.find(f"{q('pPr')}/{q('pStyle')}")
    if ps is None:
        return None
    sid = ps.get(q("val"))
    return styles.get(sid, sid)


def _is_boxed(p: etree._Element) -> bool:
    """A paragraph with a border on all four sides (how Word users draw a 'Dự thảo' box)."""
    bdr = p.find(f"{q('pPr')}/{q('pBdr')}")
    if bdr is None:
        return False
    sides = {c.tag for c in bdr if (c.get(q("val")) or "none") not in ("none", "nil")}
    return {q("top"), q("left"), q("bottom"), q("right")} <= sides


def _emit_paragraph(p: etree._Element, ctx: _Ctx, part: Part) -> None:
    boxes: list[etree._Element] = []
    text = paragraph_text(p, boxes, ctx.legacy)
    if ctx.numbering is not None:
        label = ctx.numbering.label(p)
        if label:
            text = label + text
    if part in ("header", "footer") and not text.strip():
        return  # empty header/footer lines (and page-number-only ones) carry nothing
    if part == "body" and text.strip() and _is_boxed(p):
        part = "textbox"
    ctx.builder.paragraph(text, part=part, style=_style_name(p, ctx.styles))
    for box in boxes:
        _walk_blocks(box, ctx, "textbox")


def _cell_text(tc: etree._Element, ctx: _Ctx) -> str:
    """All text of a cell, paragraphs joined by newline; nested tables inlined row by row."""
    lines: list[str] = []
    for ch in tc:
        if ch.tag == q("p"):
            lines.append(paragraph_text(ch, ctx.pending_boxes, ctx.legacy))
        elif ch.tag == q("tbl"):
            for row in _table_rows(ch, ctx):
                lines.append(" | ".join(t for t, _, _ in row if t.strip()))
        elif ch.tag in (q("sdt"), q("customXml")):
            content = ch.find(q("sdtContent"))
            lines.append(_cell_text(content if content is not None else ch, ctx))
    return "\n".join(lines).strip("\n")


def _tc_props(tc: etree._Element) -> tuple[int, str | None]:
    """(gridSpan, vMerge state: None, 'restart' or 'continue') of a w:tc."""
    pr = tc.find(q("tcPr"))
    span, vm = 1, None
    if pr is not None:
        gs = pr.find(q("gridSpan"))
        if gs is not None:
            try:
                span = max(1, int(gs.get(q("val")) or 1))
            except ValueError:
                span = 1
        v = pr.find(q("vMerge"))
        if v is not None:
            vm = v.get(q("val")) or "continue"
    return span, vm


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    """The w:tc of a row, looking through content controls and custom XML wrappers."""
    out = []
    for ch in tr:
        if ch.tag == q("tc"):
            out.append(ch)
        elif ch.tag in (q("sdt"), q("customXml")):
            inner = ch.find(q("sdtContent"))
            out.extend(_row_cells(inner if inner is not None else ch))
    return out


def _table_rows(tbl: etree._Element, ctx: _Ctx) -> list[list[tuple[str, int, int]]]:
    """Rows of (text, rowspan, colspan) cell origins for DocumentBuilder.table."""
    rows: list[list[list]] = []  # each cell: [text, rowspan, colspan]
    origin_at: dict[int, list] = {}  # grid column -> cell that a vMerge continues
    trs = [tr for tr in tbl.iter(q("tr")) if tr.getparent() is tbl or tr.getparent().getparent() is tbl]
    for tr in trs:
        row: list[list] = []
        col = 0
        before = tr.find(f"{q('trPr')}/{q('gridBefore')}")
        if before is not None and (before.get(q("val")) or "0").isdigit() and int(before.get(q("val"))) > 0:
            n = int(before.get(q("val")))
            row.append(["", 1, n])
            col += n
        for tc in _row_cells(tr):
            span, vm = _tc_props(tc)
            text = _cell_text(tc, ctx)
            if vm == "continue" and col in origin_at:
                cell = origin_at[col]
                cell[1] += 1
                if text.strip():
                    cell[0] = (cell[0] + "\n" + text).strip("\n")
            else:
                cell = [text, 1, span]
                row.append(cell)
                for k in range(col, col + span):
                    origin_at.pop(k, None)
                if vm == "restart":
                    origin_at[col] = cell
            col += span
        rows.append(row)
    return [[(t, rs, cs) for t, rs, cs in row] for row in rows]


def _emit_table(tbl: etree._Element, ctx: _Ctx, part: Part) -> None:
    rows = _table_rows(tbl, ctx)
    if rows:
        ctx.builder.table(rows, part=part)
    boxes, ctx.pending_boxes = ctx.pending_boxes, []
    for box in boxes:
        _walk_blocks(box, ctx, "textbox")


def _walk_blocks(container: etree._Element, ctx: _Ctx, part: Part) -> None:
    """Emit the paragraphs and tables of a body, cell-free container (body, header, text box)."""
    for ch in container:
        if ch.tag == q("p"):
            _emit_paragraph(ch, ctx, part)
        elif ch.tag == q("tbl"):
            _emit_table(ch, ctx, part)
        elif ch.tag in (q("sdt"), q("customXml"), q("ins"), q("moveTo")):
            content = ch.find(q("sdtContent"))
            _walk_blocks(content if content is not None else ch, ctx, part)
        elif ch.tag == f"{{{MC}}}AlternateContent":
            choice = ch.find(f"{{{MC}}}Choice")
            if choice is not None:
                _walk_blocks(choice, ctx, part)


def _style_names(doc) -> dict[str, str]:
    names = {}
    for s in doc.styles:
        try:
            names[s.style_id] = s.name
        except Exception:  # noqa: BLE001 — a broken style entry must not stop the read
            continue
    return names


def _header_footer_parts(doc) -> list[tuple[Part, etree._Element]]:
    """Distinct header/footer XML parts of all sections, headers first."""
    seen: set[int] = set()
    out: list[tuple[Part, etree._Element]] = []
    for kind, attrs in (("header", ("first_page_header", "header", "even_page_header")),
                        ("footer", ("first_page_footer", "footer", "even_page_footer"))):
        for sec in doc.sections:
            for a in attrs:
                hf = getattr(sec, a)
                if hf.is_linked_to_previous:
                    continue
                el = hf._element
                if id(el) not in seen:
                    seen.add(id(el))
                    out.append((kind, el))  # type: ignore[arg-type]
    return out


def open_docx(path: Path, data: bytes):
    """python-docx Document from bytes, with read errors turned into ReadErrors."""
    import docx
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except zipfile.BadZipFile as e:
        raise CorruptFile(f"{path.name}: damaged .docx (not a valid zip: {e})",
                          f"{path.name}: tệp .docx bị hỏng (không phải zip hợp lệ)") from e
    if "EncryptedPackage" in names:
        raise EncryptedFile(f"{path.name}: the document is password-protected",
                            f"{path.name}: văn bản được đặt mật khẩu")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 — python-docx raises many types on broken parts
        raise CorruptFile(f"{path.name}: damaged .docx ({type(e).__name__}: {e})",
                          f"{path.name}: tệp .docx bị hỏng ({type(e).__name__})") from e


def read_docx(path: Path, data: bytes, sha256: str, fmt: str = "docx") -> ReadDocument:
    doc = open_docx(path, data)
    from pipeline.readers.docx_numbering import Numbering
    ctx = _Ctx(DocumentBuilder(), _style_names(doc), Numbering.from_document(doc))
    ctx.legacy = _legacy_encoding(doc)
    if ctx.legacy:
        ctx.warnings.append(f"converted from {ctx.legacy.upper()}")
    _walk_blocks(doc.element.body, ctx, "body")
    for part, el in _header_footer_parts(doc):
        _walk_blocks(el, ctx, part)
    rd = ctx.builder.build(str(path), fmt, sha256, pages=None, warnings=ctx.warnings)
    if not rd.text.strip():
        raise EmptyFile(f"{path.name}: the document has no text", f"{path.name}: văn bản không có chữ")
    return rd


def _legacy_encoding(doc) -> str | None:
    """'tcvn3'/'vni' when the body text is legacy-font mojibake (raw text, before cleaning)."""
    from pipeline.legacy import detect
    raw = " ".join(t.text or "" for t in doc.element.body.iter(q("t")))
    return detect(raw, _font_names(doc))


def _font_names(doc) -> set[str]:
    """Font names used in the document body and styles (to spot .Vn* TCVN3 and VNI-* fonts)."""
    names: set[str] = set()
    for root in (doc.element.body, doc.styles.element):
        for rf in root.iter(q("rFonts")):
            for k in ("ascii", "hAnsi", "cs", "eastAsia"):
                v = rf.get(q(k))
                if v:
                    names.add(v)
    return names
