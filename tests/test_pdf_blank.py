"""A blank PDF page (no text layer, no image, no drawing) is skipped without OCR: the reader must
not need Tesseract for it. PDFs are built here with pypdfium2 from a corpus page."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import CORPUS
from pipeline.errors import ReadError
from pipeline.readers import ocr, read


def _pdf(path: Path, text_pages: int, blank_pages: int) -> Path:
    """`text_pages` pages of corpus/seed001.pdf followed by `blank_pages` empty A4 pages."""
    src = pdfium.PdfDocument(str(CORPUS / "seed001.pdf"))
    out = pdfium.PdfDocument.new()
    try:
        if text_pages:
            out.import_pages(src, list(range(text_pages)))
        for _ in range(blank_pages):
            out.new_page(595, 842).close()
        out.save(str(path))
    finally:
        out.close()
        src.close()
    return path


@pytest.fixture
def no_tesseract(monkeypatch):
    """Tesseract unreachable: any OCR attempt raises MissingTool."""
    ocr.tesseract.cache_clear()
    monkeypatch.setenv("PATH", "")
    yield
    ocr.tesseract.cache_clear()


def test_blank_page_after_text_is_skipped_without_ocr(tmp_path, no_tesseract):
    doc = read(_pdf(tmp_path / "text-then-blank.pdf", 1, 2))
    assert doc.pages == 3
    assert not doc.ocr
    assert "UBND" in doc.text.upper() or len(doc.text) > 200
    assert {b.page for b in doc.blocks} == {1}


def test_pdf_of_blank_pages_only_fails_clearly_without_ocr(tmp_path, no_tesseract):
    with pytest.raises(ReadError) as e:
        read(_pdf(tmp_path / "blank.pdf", 0, 2))
    assert e.value.to_dict()["code"] == "empty_file"


def test_blank_page_check(tmp_path):
    pdf = pdfium.PdfDocument(str(_pdf(tmp_path / "x.pdf", 1, 1)))
    try:
        from pipeline.readers.pdf import is_blank
        assert [is_blank(pdf[i]) for i in range(len(pdf))] == [False, True]
    finally:
        pdf.close()
