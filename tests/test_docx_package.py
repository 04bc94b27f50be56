"""The .docx reader's own package opening (docx_package) and lazy styles (docx_styles) against
python-docx, which they replace on the read path: same style names, same numbering, same
header/footer parts, same error classes."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION

from pipeline.errors import CorruptFile
from pipeline.readers import read
from pipeline.readers.docx import q
from pipeline.readers.docx_styles import Styles, _index


def _sample(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Tiêu đề một", 1)
    d.add_paragraph("Mục một", style="List Number")
    d.add_paragraph("Mục hai", style="List Number")
    d.add_paragraph("Trích dẫn", style="Quote")
    d.add_paragraph("Chú thích", style="Caption")
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    sec.header.paragraphs[0].text = "Đầu trang"
    sec.first_page_header.paragraphs[0].text = "Đầu trang đầu"
    sec.footer.paragraphs[0].text = "Chân trang"
    d.add_section(WD_SECTION.NEW_PAGE).header.is_linked_to_previous = False
    d.sections[1].header.paragraphs[0].text = "Đầu mục hai"
    d.add_paragraph("Phần hai", style="Heading 3")
    d.save(path)
    return path


def _rewrite(src: Path, dst: Path, member: str, edit, drop: set[str] = frozenset()) -> Path:
    """A copy of `src` with one member's bytes edited and some members left out."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                data = zin.read(info.filename)
                zout.writestr(info, edit(data) if info.filename == member else data)
    return dst


@pytest.fixture
def sample(tmp_path) -> Path:
    return _sample(tmp_path / "sample.docx")


def test_sample_blocks(sample):
    doc = read(sample)
    assert [(b.text, b.part, b.style) for b in doc.blocks] == [
        ("Tiêu đề một", "body", "Heading 1"), ("1. Mục một", "body", "List Number"),
        ("2. Mục hai", "body", "List Number"), ("Trích dẫn", "body", "Quote"),
        ("Chú thích", "body", "Caption"), ("", "body", None),  # the section break's paragraph
        ("Phần hai", "body", "Heading 3"),
        ("Đầu trang đầu", "header", "Header"), ("Đầu trang", "header", "Header"),
        ("Đầu mục hai", "header", "Header"), ("Chân trang", "footer", "Footer")]


# styles.xml edits: (name, edit, whether the scan may index it rather than parse it whole)
STYLE_EDITS = [
    ("as saved", lambda b: b, True),
    ("comment", lambda b: b.replace(b"<w:docDefaults>", b"<!-- x --><w:docDefaults>", 1), False),
    ("escaped id", lambda b: b.replace(b'w:styleId="Quote"', b'w:styleId="Q&amp;uote"', 1), False),
    ("single quotes", lambda b: b.replace(b'w:styleId="Quote"', b"w:styleId='Quote'", 1), True),
    ("other prefix", lambda b: b.replace(b"w:", b"ww:").replace(b"xmlns:w=", b"xmlns:ww="), True),
    ("'>' in a value", lambda b: b.replace(b'w:styleId="Quote"', b'w:x="a>b" w:styleId="Quote"', 1), True),
    ("duplicate id", lambda b: b.replace(b'w:styleId="Quote"', b'w:styleId="Caption"', 1), True),
    ("no w:name", lambda b: re.sub(rb'(w:styleId="Quote">)<w:name w:val="Quote"/>', rb"\1", b, 1), True),
    ("w:name without val", lambda b: re.sub(rb'(w:styleId="Quote">)<w:name w:val="Quote"/>', rb"\1<w:name/>", b, 1),
     True),
    ("latin-1 declared", lambda b: re.sub(rb"encoding=['\"]UTF-8['\"]", b"encoding='ISO-8859-1'", b, 1), False),
]


@pytest.mark.parametrize("name, edit, indexed", STYLE_EDITS, ids=[e[0] for e in STYLE_EDITS])
def test_styles_match_python_docx(sample, tmp_path, name, edit, indexed):
    path = _rewrite(sample, tmp_path / "edited.docx", "word/styles.xml", edit)
    xml = zipfile.ZipFile(path).read("word/styles.xml")
    assert (_index(xml) is not None) == indexed
    pd = docx.Document(path)
    names = {}
    for s in pd.styles:
        try:
            names[s.style_id] = s.name
        except Exception:  # noqa: BLE001 — python-docx fails on a w:name without w:val
            continue
    numbered = {}
    for st in pd.styles.element.findall(q("style")):
        num_id = st.find(f"{q('pPr')}/{q('numPr')}/{q('numId')}")
        if num_id is not None:
            numbered[st.get(q("styleId"))] = (num_id.get(q("val")), 0)
    ours = Styles(lambda: xml)
    ids = {st.get(q("styleId")) for st in pd.styles.element.findall(q("style"))} | {"Missing", None}
    assert {i: ours.name(i) for i in ids} == {i: names.get(i, i) for i in ids}
    assert {i: ours.numbering(i) for i in ids} == {i: numbered.get(i) for i in ids}
    fonts = {v for rf in pd.styles.element.iter(q("rFonts"))
             for k in ("ascii", "hAnsi", "cs", "eastAsia") if (v := rf.get(q(k)))}
    assert ours.fonts() == fonts


def _drop_rel(target: bytes):
    return lambda b: re.sub(rb'<Relationship [^>]*Target="' + target + rb'"/>', b"", b)


def test_no_styles_part_uses_python_docx_default(sample, tmp_path):
    path = _rewrite(sample, tmp_path / "nostyles.docx", "word/_rels/document.xml.rels",
                    _drop_rel(b"styles.xml"), drop={"word/styles.xml"})
    doc = read(path)
    # python-docx's default styles (used when a document has none) know Quote, not these
    # headings nor a numbered list style, so their ids stay and the list loses its labels
    assert [(b.text, b.style) for b in doc.blocks[:4]] == [
        ("Tiêu đề một", "Heading1"), ("Mục một", "ListNumber"), ("Mục hai", "ListNumber"),
        ("Trích dẫn", "Quote")]


def test_no_numbering_part(sample, tmp_path):
    path = _rewrite(sample, tmp_path / "nonum.docx", "word/_rels/document.xml.rels",
                    _drop_rel(b"numbering.xml"), drop={"word/numbering.xml"})
    assert [b.text for b in read(path).blocks[1:3]] == ["Mục một", "Mục hai"]


BROKEN = [
    ("template content type", "[Content_Types].xml", lambda b: b.replace(b"document.main+xml", b"template.main+xml")),
    ("truncated document.xml", "word/document.xml", lambda b: b[:-50]),
    ("unclosed style in use", "word/styles.xml", lambda b: b.replace(b"</w:style>", b"</w:styl>")),
    ("no main document", "_rels/.rels", lambda b: b.replace(b"officeDocument", b"officeDocumentX")),
    ("relationship without target", "word/_rels/document.xml.rels", lambda b: b.replace(b'Target="', b'X="', 1)),
    ("content types not xml", "[Content_Types].xml", lambda b: b"not xml"),
]


@pytest.mark.parametrize("name, member, edit", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_package_is_corrupt(sample, tmp_path, name, member, edit):
    path = _rewrite(sample, tmp_path / "broken.docx", member, edit)
    with pytest.raises(CorruptFile):
        read(path)


def test_missing_styles_part_is_corrupt(sample, tmp_path):
    path = _rewrite(sample, tmp_path / "gone.docx", "word/styles.xml", lambda b: b, drop={"word/styles.xml"})
    with pytest.raises(CorruptFile):
        read(path)


def test_damaged_member_is_corrupt(sample, tmp_path):
    """document.xml whose stored bytes no longer match their CRC: zipfile's error becomes CorruptFile."""
    data = bytearray(sample.read_bytes())
    with zipfile.ZipFile(sample) as zf:
        info = zf.getinfo("word/document.xml")
    body = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[body + info.compress_size // 2] ^= 0xFF
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFile):
        read(path)
