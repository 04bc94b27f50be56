"""Readers on the real seed files: .docx blocks, tables, merged cells, parts, offsets."""
from __future__ import annotations

import re

import pytest

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.model import ReadDocument, Table
from pipeline.readers import read


def numbered_rows(t: Table) -> int:
    """Rows whose first cell is a number ('1', '12.')."""
    return sum(1 for row in t.grid() if re.fullmatch(r"\d+\.?", row[0].strip()))


def check_offsets(doc: ReadDocument) -> None:
    """Every block and cell text sits at its offsets in doc.text."""
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        if b.table:
            for c in b.table.cells:
                assert doc.text[c.start:c.end] == c.text


@pytest.mark.parametrize("n", range(5))
def test_docx_reads_with_offsets(corpus, n):
    doc = read(corpus / f"seed00{n}.docx")
    assert doc.format == "docx" and doc.pages is None
    check_offsets(doc)
    assert doc.tables(), "header block is a borderless table"
    assert all(b.part in ("body", "header", "footer", "textbox") for b in doc.blocks)


def test_seed004_docx_appendix_tables(corpus):
    doc = read(corpus / "seed004.docx")
    big = [t for t in doc.tables() if t.n_cols == 7]
    assert len(big) == 2
    p1, p2 = big
    assert (p1.n_rows, numbered_rows(p1)) == (11, 10)
    assert (p2.n_rows, numbered_rows(p2)) == (95, 85)
    assert p1.grid()[0][0] == "TT" and "Tên nhiệm vụ" in p1.grid()[0][1]
    # section rows: roman numeral, then one cell merged across the six other columns
    sections = [r for r in p2.rows() if re.fullmatch(r"[IVX]+\.?", r[0].text)]
    assert len(sections) == 9
    assert all(len(r) == 2 and r[1].colspan == 6 for r in sections)
    check_offsets(doc)


def test_seed004_docx_header_table_and_page_numbers(corpus):
    doc = read(corpus / "seed004.docx")
    first = doc.blocks[0]
    assert first.kind == "table" and first.table.n_cols == 2
    left, right = first.table.grid()[0]
    assert "Số: 50/KH-UBND" in left and "Độc lập - Tự do - Hạnh phúc" in right
    # the page header holds only a PAGE field: nothing of it reaches the text
    assert not [b for b in doc.blocks if b.part == "header"]


def test_seed001_docx_five_column_table(corpus):
    doc = read(corpus / "seed001.docx")
    t = [t for t in doc.tables() if t.n_cols == 5]
    assert len(t) == 1
    assert numbered_rows(t[0]) == 9


def test_seed003_docx_draft_box_is_textbox(corpus):
    doc = read(corpus / "seed003.docx")
    boxes = [b for b in doc.blocks if b.part == "textbox"]
    assert [b.text for b in boxes] == ["Dự thảo"]
    assert doc.blocks[0].part == "textbox"  # first in the body, but kept apart from it


def test_docx_text_box_content(tmp_path):
    from docx.oxml import parse_xml

    def build(d):
        p = d.add_paragraph("Trước hộp")
        run = parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            '<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
        p._p.append(run)
        d.add_paragraph("Sau hộp")
    p = tmp_path / "box.docx"
    p.write_bytes(_docx_bytes(build))
    doc = read(p)
    assert [(b.text, b.part) for b in doc.blocks] == [
        ("Trước hộp", "body"), ("DỰ THẢO", "textbox"), ("Sau hộp", "body")]


def test_docx_body_order_paragraphs_then_appendix(corpus):
    doc = read(corpus / "seed004.docx")
    kinds = [b.kind for b in doc.body_blocks()]
    first_big = next(i for i, b in enumerate(doc.body_blocks()) if b.table and b.table.n_cols == 7)
    assert "paragraph" in kinds[:first_big]
    assert doc.text.index("Thực hiện Nghị quyết số 57-NQ/TW") < doc.text.index("Tên nhiệm vụ")


def _docx_bytes(build) -> bytes:
    import io

    import docx
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_merged_cells_and_nested_table(tmp_path):
    def build(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(0, 2)).text = "span3"
        t.cell(1, 0).merge(t.cell(2, 0)).text = "down2"
        t.cell(1, 1).text = "b"
        inner = t.cell(2, 2).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "x"
        inner.cell(0, 1).text = "y"
    p = tmp_path / "m.docx"
    p.write_bytes(_docx_bytes(build))
    doc = read(p)
    t = doc.tables()[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    rows = t.rows()
    assert (rows[0][0].text, rows[0][0].colspan) == ("span3", 3)
    assert (rows[1][0].text, rows[1][0].rowspan) == ("down2", 2)
    assert [c.col for c in rows[2]] == [1, 2]
    assert "x | y" in rows[2][1].text
    check_offsets(doc)


def test_docx_auto_numbering_labels(tmp_path):
    def build(d):
        d.add_paragraph("Mục một", style="List Number")
        d.add_paragraph("Mục hai", style="List Number")
    p = tmp_path / "n.docx"
    p.write_bytes(_docx_bytes(build))
    texts = [b.text for b in read(p).blocks]
    assert texts == ["1. Mục một", "2. Mục hai"]


def test_docx_broken_and_empty(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04word/" + b"\x00" * 100)
    with pytest.raises(CorruptFile):
        read(bad)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(_docx_bytes(lambda d: None))
    with pytest.raises(EmptyFile):
        read(empty)
