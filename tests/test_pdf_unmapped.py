"""A PDF whose fonts map no Unicode (no /ToUnicode: the text layer reads as glyph ids) is read
by OCR with a warning, instead of giving garbage text. The broken file is made from a corpus
PDF with qpdf: the same pages, the /ToUnicode maps removed."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from conftest import CORPUS, require_tool

from extractors import extract
from pipeline.normalize import compare_form
from pipeline.readers import read
from pipeline.readers.pdf import UNMAPPED_MAX
from pipeline.readers.pdf_fast import unmapped_share


def _without_to_unicode(src: Path, out: Path) -> Path:
    """`src` with every font's /ToUnicode entry dropped (qpdf QDF form, edited, fixed up)."""
    require_tool("qpdf")
    qdf = out.with_suffix(".qdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(src), str(qdf)], check=True)
    raw = re.sub(rb"/ToUnicode \d+ 0 R", b"", qdf.read_bytes())
    assert raw != qdf.read_bytes()
    qdf.write_bytes(raw)
    with out.open("wb") as f:
        subprocess.run(["fix-qdf", str(qdf)], stdout=f, check=True)
    return out


@pytest.mark.parametrize("codes, share", [
    ([ord(c) for c in "Nghị quyết số 57-NQ/TW"], 0.0),
    ([1, 4, 5, 6, 32, 7, 8, 5, 13, 10], 7 / 7),          # glyph ids: every printed char is unmapped
    ([ord("A"), 0xFFFD, 0xE001, 32, ord("b")], 2 / 4),  # replacement and private-use characters
    ([], 0.0),
])
def test_unmapped_share(codes, share):
    assert unmapped_share(np.array(codes, dtype=np.int64)) == pytest.approx(share)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")))
def test_corpus_text_layers_are_mapped(name):
    pdf = pdfium.PdfDocument(str(CORPUS / name))
    for page in pdf:
        tp = page.get_textpage()
        text = tp.get_text_range()
        codes = np.array([ord(c) for c in text], dtype=np.int64)
        assert unmapped_share(codes) < UNMAPPED_MAX / 10
        tp.close()
        page.close()


def test_unmapped_text_layer_is_read_by_ocr(tmp_path):
    require_tool("tesseract")
    broken = _without_to_unicode(CORPUS / "seed000.pdf", tmp_path / "seed000-no-tounicode.pdf")
    garbage = pdfium.PdfDocument(str(broken))[0].get_textpage().get_text_range()
    assert "ĐỒNG THÁP" not in garbage            # the text layer itself is unreadable
    doc = read(broken)
    assert doc.ocr and any("no Unicode mapping" in w for w in doc.warnings)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    gold = json.loads((CORPUS / "seed000.gold.json").read_text(encoding="utf-8"))["document"]
    got = extract(doc)["document"]
    assert got["type"] == gold["type"]
    assert compare_form(got["subject"]) == compare_form(gold["subject"])
