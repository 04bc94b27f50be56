"""Word .docx: body paragraphs and tables in document order, text boxes, page headers/footers.

The body XML is walked directly (python-docx's `Document.paragraphs`/`.tables` lose the order
and skip text boxes). Merged cells (gridSpan / vMerge) become one Cell with colspan/rowspan.
Page headers and footers are appended after the body, as part="header"/"footer".
The package is opened with `docx_package` (only the parts used are parsed) and style names
come from `docx_styles` (only the styles used are parsed).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from pipeline.errors import CorruptFile, EmptyFile, EncryptedFile
from pipeline.model import DocumentBuilder, Part, ReadDocument
from pipeline.readers.docx_package import DocxPackage, PackageError

if TYPE_CHECKING:
    from pipeline.readers.docx_styles import Styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    """Qualified WordprocessingML tag name: q('p') -> '{W}p'."""
    return f"{{{W}}}{tag}"


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SKIP = {q("txbxContent"), f"{{{MC}}}Fallback", q("del"), q("moveFrom"), q("instrText"),
         q("delText"), q("pPr"), q("rPr"), q("tblPr"), q("trPr"), q("tcPr")}
_PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES")
# tags of the hot loops, built once
_P, _TBL, _TR, _TC, _T = q("p"), q("tbl"), q("tr"), q("tc"), q("t")
_TXBX, _INSTR, _FLD_SIMPLE, _FLD_CHAR = q("txbxContent"), q("instrText"), q("fldSimple"), q("fldChar")
_TABS, _BREAKS, _NB_HYPHEN, _SYM = (q("tab"), q("ptab")), (q("br"), q("cr")), q("noBreakHyphen"), q("sym")
_WRAPPERS = (q("sdt"), q("customXml"))
_BLOCK_WRAPPERS = (q("sdt"), q("customXml"), q("ins"), q("moveTo"))
_SDT_CONTENT, _ALT, _CHOICE = q("sdtContent"), f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
_INSTR_ATTR, _FLD_TYPE, _TYPE, _VAL = q("instr"), q("fldCharType"), q("type"), q("val")
_PSTYLE, _PBDR = f"{q('pPr')}/{q('pStyle')}", f"{q('pPr')}/{q('pBdr')}"
_SIDES = {q("top"), q("left"), q("bottom"), q("right")}
_GRID_BEFORE = f"{q('trPr')}/{q('gridBefore')}"
_TC_PR, _GRID_SPAN, _V_MERGE = q("tcPr"), q("gridSpan"), q("vMerge")


@dataclass
class _Ctx:
    """Reader state: the builder, style names, and text-box contents waiting to be emitted."""

    builder: DocumentBuilder
    styles: Styles
    numbering: object | None = None
    pending_boxes: list[etree._Element] = field(default_factory=list)
    legacy: str | None = None
    warnings: list[str] = field(default_factory=list)


def _field_instr(el: etree._Element) -> str:
    return (el.get(_INSTR_ATTR) or "").strip().split(" ")[0].upper()


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
            if tag == _T:
                if not (fields and _in_page_field(fields)):
                    out.append(_legacy_run_text(ch, legacy) if legacy else (ch.text or ""))
            elif tag == _TXBX:
                if boxes is not None:
                    boxes.append(ch)
            elif tag == _INSTR and fields:
                fields[-1][0] += ch.text or ""
            elif tag in _SKIP:
                continue
            elif tag == _FLD_SIMPLE and _field_instr(ch).startswith(_PAGE_FIELDS):
                continue
            elif tag == _FLD_CHAR:
                kind = ch.get(_FLD_TYPE)
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag in _TABS:
                out.append("\t")
            elif tag in _BREAKS:
                if ch.get(_TYPE) not in ("page", "column"):
                    out.append("\n")
            elif tag == _NB_HYPHEN:
                out.append("-")
            elif tag == _SYM:
                out.append(_sym_char(ch))
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _in_page_field(fields: list[list]) -> bool:
    """Inside the shown result of a PAGE/NUMPAGES field (its number is not document text)."""
    return any(f[1] and f[0].strip().upper().startswith(_PAGE_FIELDS) for f in fields)


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


def _style_name(p: etree._Element, styles: Styles) -> str | None:
    ps = p.find(_PSTYLE)
    if ps is None:
        return None
    return styles.name(ps.get(_VAL))


def _is_boxed(p: etree._Element) -> bool:
    """A paragraph with a border on all four sides (how Word users draw a 'Dự thảo' box)."""
    bdr = p.find(_PBDR)
    if bdr is None:
        return False
    sides = {c.tag for c in bdr if (c.get(_VAL) or "none") not in ("none", "nil")}
    return _SIDES <= sides


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
        tag = ch.tag
        if tag == _P:
            lines.append(paragraph_text(ch, ctx.pending_boxes, ctx.legacy))
        elif tag == _TBL:
            for row in _table_rows(ch, ctx):
                lines.append(" | ".join(t for t, _, _ in row if t.strip()))
        elif tag in _WRAPPERS:
            content = ch.find(_SDT_CONTENT)
            lines.append(_cell_text(content if content is not None else ch, ctx))
    return "\n".join(lines).strip("\n")


def _tc_props(tc: etree._Element) -> tuple[int, str | None]:
    """(gridSpan, vMerge state: None, 'restart' or 'continue') of a w:tc."""
    pr = tc.find(_TC_PR)
    span, vm = 1, None
    if pr is not None:
        gs = pr.find(_GRID_SPAN)
        if gs is not None:
            try:
                span = max(1, int(gs.get(_VAL) or 1))
            except ValueError:
                span = 1
        v = pr.find(_V_MERGE)
        if v is not None:
            vm = v.get(_VAL) or "continue"
    return span, vm


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    """The w:tc of a row, looking through content controls and custom XML wrappers."""
    out = []
    for ch in tr:
        if ch.tag == _TC:
            out.append(ch)
        elif ch.tag in _WRAPPERS:
            inner = ch.find(_SDT_CONTENT)
            out.extend(_row_cells(inner if inner is not None else ch))
    return out


def _table_rows(tbl: etree._Element, ctx: _Ctx) -> list[list[tuple[str, int, int]]]:
    """Rows of (text, rowspan, colspan) cell origins for DocumentBuilder.table."""
    rows: list[list[list]] = []  # each cell: [text, rowspan, colspan]
    origin_at: dict[int, list] = {}  # grid column -> cell that a vMerge continues
    trs = [tr for tr in tbl.iter(_TR) if tr.getparent() is tbl or tr.getparent().getparent() is tbl]
    for tr in trs:
        row: list[list] = []
        col = 0
        before = tr.find(_GRID_BEFORE)
        if before is not None and (before.get(_VAL) or "0").isdigit() and int(before.get(_VAL)) > 0:
            n = int(before.get(_VAL))
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
        tag = ch.tag
        if tag == _P:
            _emit_paragraph(ch, ctx, part)
        elif tag == _TBL:
            _emit_table(ch, ctx, part)
        elif tag in _BLOCK_WRAPPERS:
            content = ch.find(_SDT_CONTENT)
            _walk_blocks(content if content is not None else ch, ctx, part)
        elif tag == _ALT:
            choice = ch.find(_CHOICE)
            if choice is not None:
                _walk_blocks(choice, ctx, part)


_HDR_FTR = (("header", q("headerReference")), ("footer", q("footerReference")))
_HDR_FTR_TYPES = ("first", "default", "even")  # python-docx's first_page_, primary, even_page_


def _header_footer_parts(pkg: DocxPackage, document: etree._Element) -> list[tuple[Part, etree._Element]]:
    """Distinct header/footer XML parts of all sections, headers first (python-docx's
    `Document.sections` order: w:body/w:p/w:pPr/w:sectPr, then w:body/w:sectPr)."""
    sections = document.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces={"w": W})
    seen: set[str] = set()
    out: list[tuple[Part, etree._Element]] = []
    for kind, ref_tag in _HDR_FTR:
        for sect in sections:
            for hf_type in _HDR_FTR_TYPES:
                ref = next((r for r in sect.iterchildren(ref_tag) if r.get(_TYPE) == hf_type), None)
                if ref is None:
                    continue  # linked to the previous section
                uri = pkg.by_rid(ref.get(f"{{{R}}}id"))
                if uri not in seen:
                    seen.add(uri)
                    out.append((kind, pkg.xml(uri)))  # type: ignore[arg-type]
    return out


def open_docx(path: Path, data: bytes) -> DocxPackage:
    """The .docx package from bytes, with read errors turned into ReadErrors."""
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
        return DocxPackage(zf)
    except (PackageError, etree.XMLSyntaxError) as e:
        raise _corrupt(path, e) from e


def _corrupt(path: Path, e: Exception) -> CorruptFile:
    return CorruptFile(f"{path.name}: damaged .docx ({type(e).__name__}: {e})",
                       f"{path.name}: tệp .docx bị hỏng ({type(e).__name__})")


def read_docx(path: Path, data: bytes, sha256: str, fmt: str = "docx") -> ReadDocument:
    pkg = open_docx(path, data)
    try:
        rd = _read_package(pkg, path, sha256, fmt)
    except (PackageError, etree.XMLSyntaxError) as e:  # a broken part met on the way
        raise _corrupt(path, e) from e
    if not rd.text.strip():
        raise EmptyFile(f"{path.name}: the document has no text", f"{path.name}: văn bản không có chữ")
    return rd


def _read_package(pkg: DocxPackage, path: Path, sha256: str, fmt: str) -> ReadDocument:
    from pipeline.readers.docx_numbering import Numbering
    from pipeline.readers.docx_styles import Styles, default_styles_xml
    document = pkg.xml(pkg.main)
    body = document.find(q("body"))
    if body is None:
        raise PackageError("the document part has no w:body")
    styles_uri = pkg.related(RT.STYLES)
    styles = Styles((lambda: pkg.blob(styles_uri)) if styles_uri else default_styles_xml)
    numbering_uri = pkg.related(RT.NUMBERING)
    numbering = Numbering(lambda: pkg.xml(numbering_uri), styles) if numbering_uri else None
    ctx = _Ctx(DocumentBuilder(), styles, numbering)
    ctx.legacy = _legacy_encoding(body, styles)
    if ctx.legacy:
        ctx.warnings.append(f"converted from {ctx.legacy.upper()}")
    _walk_blocks(body, ctx, "body")
    for part, el in _header_footer_parts(pkg, document):
        _walk_blocks(el, ctx, part)
    return ctx.builder.build(str(path), fmt, sha256, pages=None, warnings=ctx.warnings)


def _legacy_encoding(body: etree._Element, styles: Styles) -> str | None:
    """'tcvn3'/'vni' when the body text is legacy-font mojibake (raw text, before cleaning)."""
    from pipeline.legacy import detect
    raw = " ".join(t.text or "" for t in body.iter(_T))
    return detect(raw, lambda: _font_names(body) | styles.fonts())


def _font_names(body: etree._Element) -> set[str]:
    """Font names used in the document body (to spot .Vn* TCVN3 and VNI-* fonts)."""
    names: set[str] = set()
    for rf in body.iter(q("rFonts")):
        for k in ("ascii", "hAnsi", "cs", "eastAsia"):
            v = rf.get(q(k))
            if v:
                names.add(v)
    return names
