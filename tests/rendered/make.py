"""Render real-set texts as office files with the standard header table, to test the .docx and
PDF readers on real content in the layout of Decree 30/2020 (issuer and number on the left,
motto and place-date on the right, title centred under them).

    .venv/bin/python tests/rendered/make.py          # rewrites tests/rendered/*.docx and *.pdf

Two PDF variants of each document: "narrow" (DejaVu Serif Condensed bold 11 pt in the header,
the motto on one line; this bold face has no ascent/descent in the PDF, so pdfium gives tight
character boxes and a comma sits lower than its line) and "wide" (DejaVu Serif 12 pt: the motto
and the bodies wrap inside their columns); and one of them printed and scanned (`*.scan.pdf`, read by
OCR). Needs python-docx, LibreOffice (`soffice`) and poppler-utils (`pdftoppm`)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HERE = Path(__file__).parent
TESTS = HERE.parent
SOURCES = ["real/024_bgddt-cv-4555-2025-nhiem-vu-nam-hoc", "real/031_ubdt-cv-456-2021-bao-cao-de-an-binh-dang-gioi",
           "real2/014_bca-tt-37-2015-dieu-lenh-cand", "real2/021_bnv-cv-2291-2024-sap-xep-dvhc",
           "real3/001_bgtvt-cv-565-2018-xe-dien-du-lich", "real3/003_bldtbxh-tt-23-2017-giay-phep-lao-dong",
           "real4/008_daklak-qcph-01-2017-ubnd-mttq", "real4/011_bca-hd-12-2024-do-thi-van-minh",
           "real4/014_baclieu-cv-272-2007-bang-tot-nghiep", "real7/005_hoabinh-bcdhm-kh-46-2014-hanh-trinh-do",
           "real6/018_bentre-qd-2895-2017-tthc-tai-nguyen"]
VARIANTS = {"narrow": ("DejaVu Serif Condensed", 11), "wide": ("DejaVu Serif", 12)}

MOTTO = re.compile(r"^\s*C[ỘO]NG H[ÒOÓ]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM\s*$", re.I)
SO = re.compile(r"^\s*(Số|SỐ)\s*[:.]?\s*\S")
PLACE_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$", re.I)
RULE = re.compile(r"^[\s\-_–—=*.]+$")
BODY = re.compile(r"(?i)\s*(căn cứ|kính gửi|thực hiện|theo|xét|nhằm|trong|năm|ngày)")


def split_header(lines: list[str]) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """(issuer lines, motto lines, number [+ V/v] lines, place-date line, the rest) of a text
    printed as issuer / motto / number / place-date lines."""
    mi = next(i for i, line in enumerate(lines[:10]) if MOTTO.match(line))
    left, right, j = lines[:mi], [lines[mi]], mi + 1
    while j < len(lines) and (lines[j].strip().lower().startswith("độc lập") or RULE.match(lines[j])):
        right.append(lines[j])
        j += 1
    number: list[str] = []
    place: list[str] = []
    for line in lines[j:j + 4]:
        if SO.match(line) and not number:
            number.append(line)
        elif PLACE_DATE.search(line) and not place and len(line) < 80:
            place.append(line)
        elif len(number) == 1 and re.match(r"^\s*(V/v|Về việc)", line):
            number.append(line)
        else:
            break
        j += 1
    return left, right, number, place, lines[j:]


def write_docx(txt: Path, out: Path, font: str, size: float) -> None:
    lines = [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]
    left, right, number, place, rest = split_header(lines)
    d = docx.Document()
    d.styles["Normal"].font.name, d.styles["Normal"].font.size = font, Pt(12)
    d.sections[0].left_margin, d.sections[0].right_margin = Cm(2.5), Cm(1.5)
    t = d.add_table(rows=2, cols=2)
    t.autofit = False
    for col, width in zip(t.columns, (Cm(6), Cm(10.5))):
        col.width = width
        for cell in col.cells:
            cell.width = width
    for (r, c), text in {(0, 0): left, (0, 1): right, (1, 0): number, (1, 1): place}.items():
        t.cell(r, c).text = "\n".join(text)
    for cell in (t.cell(0, 0), t.cell(0, 1), t.cell(1, 1)):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                if cell is not t.cell(1, 1):
                    run.font.size, run.font.bold, run.font.name = Pt(size), True, font
    title = True
    for k, line in enumerate(rest):
        p = d.add_paragraph(line)
        title = title and k < 4 and len(line) < 200 and not BODY.match(line)
        if title:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(12) if k == 0 else None
    d.save(out)


SCANNED = "real6/018_bentre-qd-2895-2017-tthc-tai-nguyen"   # also printed and scanned: 200 dpi, grey


def write_scan(pdf: Path, out: Path) -> None:
    """The first page of a PDF as a 200 dpi grey image in a PDF, as an office scanner makes it."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", str(pdf), f"{tmp}/page"],
                       check=True, capture_output=True)   # poppler-utils
        Image.open(next(Path(tmp).glob("page*.png"))).convert("L").save(out, "PDF", resolution=200)


def main() -> None:
    soffice = shutil.which("soffice") or sys.exit("LibreOffice (soffice) is needed")
    for name, (font, size) in VARIANTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            for src in SOURCES:
                out = Path(tmp) / f"{src.replace('/', '_')}.{name}.docx"
                write_docx(TESTS / f"{src}.txt", out, font, size)
                if name == "narrow":
                    shutil.copy(out, HERE / out.name.replace(".narrow", ""))
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(HERE),
                            *sorted(str(p) for p in Path(tmp).glob("*.docx"))], check=True, capture_output=True)
    name = SCANNED.replace("/", "_")
    write_scan(HERE / f"{name}.narrow.pdf", HERE / f"{name}.scan.pdf")


if __name__ == "__main__":
    main()
