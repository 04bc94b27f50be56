"""OCR with the Tesseract CLI (language "vie"): scanned PDF pages and images (.png/.jpg/.tif).

Tesseract's TSV output gives word boxes grouped into lines; those become `Line`s and go through
the same layout code as PDF text (column bands, paragraph joining). Tables are not rebuilt
from scans: their text comes out as lines.
"""
from __future__ import annotations

import csv
import statistics
import io
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.errors import CorruptFile, MissingTool
from pipeline.model import ReadDocument
from pipeline.readers.pdf_layout import Char, Line, group_lines

DPI = int(os.environ.get("VANBAN_OCR_DPI", "300"))
SIZE_NOISE = 0.2   # OCR line heights within this share of the page's median are one type size
LANG = os.environ.get("VANBAN_OCR_LANG", "vie")
TIMEOUT = int(os.environ.get("VANBAN_OCR_TIMEOUT", "300"))  # seconds per page


@lru_cache(maxsize=1)
def tesseract() -> str:
    """Path of the tesseract binary, checked to have the Vietnamese language data."""
    exe = shutil.which("tesseract")
    if not exe:
        raise MissingTool("Tesseract OCR is not installed (needed for scanned pages); "
                          "install it: apt-get install tesseract-ocr tesseract-ocr-vie",
                          "chưa cài Tesseract OCR (cần cho trang scan); "
                          "cài bằng: apt-get install tesseract-ocr tesseract-ocr-vie")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60).stdout.split()
    if LANG not in langs:
        raise MissingTool(f"Tesseract has no '{LANG}' language data; install tesseract-ocr-vie",
                          f"Tesseract thiếu dữ liệu tiếng Việt '{LANG}'; cài gói tesseract-ocr-vie")
    return exe


def ocr_image_lines(image, page_no: int, scale: float) -> list[Line]:
    """OCR one PIL image; line boxes are returned in points (pixels * scale)."""
    exe = tesseract()
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        img = Path(tmp) / "page.png"
        image.save(img)
        try:
            out = subprocess.run([exe, str(img), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                                 capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            raise CorruptFile(f"OCR of page {page_no} took longer than {TIMEOUT} s",
                              f"nhận dạng OCR trang {page_no} quá {TIMEOUT} giây") from e
    if out.returncode != 0:
        raise CorruptFile(f"OCR failed on page {page_no}: {out.stderr.strip()[:200]}",
                          f"nhận dạng OCR thất bại ở trang {page_no}")
    return tsv_lines(out.stdout, page_no, scale)


def tsv_lines(tsv: str, page_no: int, scale: float) -> list[Line]:
    """Tesseract TSV -> Lines. Words become pseudo-characters in points, with a space between
    words of one Tesseract line unless the gap is a column gap, so the PDF layout code splits
    side-by-side header columns that Tesseract put on one line."""
    groups: dict[tuple[int, int, int], list[dict]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        groups.setdefault(key, []).append(row)
    chars: list[Char] = []
    lines = []
    for words in groups.values():
        boxes = [(int(w["left"]) * scale, int(w["top"]) * scale,
                  (int(w["left"]) + int(w["width"])) * scale, (int(w["top"]) + int(w["height"])) * scale)
                 for w in words]
        top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
        lines.append((words, boxes, top, bottom, (bottom - top) / 1.15))
    body = statistics.median(ln[4] for ln in lines) if lines else 0.0
    for words, boxes, top, bottom, size in lines:
        if abs(size - body) < SIZE_NOISE * body:
            size = body   # a line's box grows with its diacritics and descenders, not with its type size
        prev = None
        for w, (x0, _, x1, _) in zip(words, boxes):
            if prev is not None and x0 - prev <= 1.2 * size:
                chars.append(Char(" ", prev, top, x0, bottom, size))
            chars.append(Char(w["text"].strip(), x0, top, x1, bottom, size))
            prev = x1
    return group_lines(chars, page_no)


def native_dpi(page) -> float:
    """Resolution of the scanned image filling a page (DPI if unknown), clamped to 200-400."""
    import pypdfium2.raw as raw
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            dpi = obj.get_metadata().horizontal_dpi
        except Exception:  # noqa: BLE001 — metadata is optional
            continue
        if dpi:
            return max(200.0, min(400.0, float(dpi)))
    return float(DPI)


def ocr_pdf_page(page, page_no: int) -> list[Line]:
    """Render a pdfium page at its scan resolution (upsampling hurts Tesseract) and OCR it."""
    tesseract()
    dpi = native_dpi(page)
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    return ocr_image_lines(image, page_no, 72 / dpi)


def read_image(path: Path, data: bytes, sha256: str) -> ReadDocument:
    """An image file (one page, or one page per frame of a TIFF) read by OCR."""
    from PIL import Image, ImageSequence

    from pipeline.readers.pdf import build_document, page_items_from_lines
    tesseract()
    try:
        im = Image.open(io.BytesIO(data))
        frames = [f.copy() for f in ImageSequence.Iterator(im)]
    except Exception as e:  # noqa: BLE001 — PIL raises many types on broken images
        raise CorruptFile(f"{path.name}: damaged image ({e})", f"{path.name}: tệp ảnh bị hỏng") from e
    items, furniture = [], []
    for i, frame in enumerate(frames, start=1):
        dpi = frame.info.get("dpi", (DPI, DPI))[0] or DPI
        if frame.mode not in ("L", "RGB", "1"):
            frame = frame.convert("RGB")
        scale = 72 / float(dpi)
        lines = ocr_image_lines(frame, i, scale)
        items.extend(page_items_from_lines(lines, frame.height * scale, furniture))
    doc = build_document(path, sha256, items, furniture, len(frames), ocr=True)
    doc.format = "image"
    return doc
