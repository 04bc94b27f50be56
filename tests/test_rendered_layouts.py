"""Real documents in the office layout: texts of the held-out sets rendered by
tests/rendered/make.py as .docx (a two-column header table) and as LibreOffice PDFs in two
fonts (one with tight glyph boxes, one where the motto and the bodies wrap in their columns).
Each file must give the header its plain text gives, and the fields each reading bug broke."""
from pathlib import Path

import pytest
from conftest import require_tool

from extractors import extract
from pipeline.normalize import compare_form
from pipeline.readers import read

HERE = Path(__file__).parent
RENDERED = HERE / "rendered"
FILES = sorted(p for p in RENDERED.iterdir() if p.suffix in (".docx", ".pdf") and not p.name.endswith(".scan.pdf"))
FIELDS = ("type", "number", "date", "issuer", "place", "subject")


def source_of(path: Path) -> Path:
    """tests/rendered/real4_011_x.wide.pdf -> tests/real4/011_x.txt"""
    set_name, stem = path.name.split(".")[0].split("_", 1)
    return HERE / set_name / f"{stem}.txt"


def header(path: Path) -> dict:
    doc = extract(read(path))["document"]
    return {k: compare_form(doc[k]) if isinstance(doc[k], str) else doc[k] for k in FIELDS}


def test_every_source_is_rendered_three_ways():
    assert len(FILES) == 33
    assert all(source_of(p).exists() for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_office_file_gives_the_header_of_its_text(path: Path):
    assert header(path) == header(source_of(path))


@pytest.mark.parametrize("name,field,want", [
    # the place-date in the right cell of the number row: the place stops at the cell's tab
    ("real_024_bgddt-cv-4555-2025-nhiem-vu-nam-hoc.docx", "place", "Hà Nội"),
    ("real4_014_baclieu-cv-272-2007-bang-tot-nghiep.docx", "place", "Bạc Liêu"),
    # the left column reads before the right one (issuer, not the enacting minister)
    ("real2_014_bca-tt-37-2015-dieu-lenh-cand.narrow.pdf", "issuer", "Bộ Công an"),
    # a caps title, then a sentence starting at the margin: the sentence is no part of it
    ("real4_011_bca-hd-12-2024-do-thi-van-minh.narrow.pdf", "subject",
     "THỰC HIỆN TIÊU CHÍ SỐ 4 VỀ “AN NINH, TRẬT TỰ ĐÔ THỊ” THEO QUYẾT ĐỊNH SỐ 04/2022/QĐ-TTG NGÀY 18/2/2022 CỦA "
     "THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH QUY ĐỊNH TIÊU CHÍ, TRÌNH TỰ, THỦ TỤC XÉT, CÔNG NHẬN ĐẠT CHUẨN ĐÔ THỊ VĂN MINH"),
    # a body wrapped in its column ("BAN CHỈ ĐẠO VẬN ĐỘNG" / "HIẾN MÁU TÌNH NGUYỆN")
    ("real7_005_hoabinh-bcdhm-kh-46-2014-hanh-trinh-do.wide.pdf", "issuer",
     "Ban Chỉ đạo vận động hiến máu tình nguyện tỉnh Hòa Bình"),
    # "BỘ LAO ĐỘNG -" / "THƯƠNG BINH VÀ XÃ" / "HỘI", beside a motto wrapped before "NAM"
    ("real3_003_bldtbxh-tt-23-2017-giay-phep-lao-dong.wide.pdf", "issuer", "Bộ Lao động - Thương binh và Xã hội"),
    ("real4_008_daklak-qcph-01-2017-ubnd-mttq.wide.pdf", "issuer",
     "Ủy ban nhân dân tỉnh Đắk Lắk và Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk"),
    # a V/v subject over nine lines of a narrow column, one of them opening with "để"
    ("real3_001_bgtvt-cv-565-2018-xe-dien-du-lich.wide.pdf", "subject",
     "Báo cáo, đề xuất về nhu cầu hoạt động xe 4 bánh có gắn động cơ (chạy bằng năng lượng có điện hoặc động cơ "
     "xăng) để chở khách tham quan, du lịch trong khu vực hạn chế"),
    # a word broken at its hyphen runs on: "2023-" / "2025", "1898/QĐ-" / "TTg"
    ("real2_021_bnv-cv-2291-2024-sap-xep-dvhc.wide.pdf", "subject",
     "một số lưu ý khi xây dựng và trình Đề án sắp xếp ĐVHC cấp huyện, cấp xã giai đoạn 2023-2025"),
    ("real_031_ubdt-cv-456-2021-bao-cao-de-an-binh-dang-gioi.wide.pdf", "subject",
     "báo cáo tình hình, kết quả triển khai thực hiện Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng "
     "Chính phủ giai đoạn 2018-2021"),
])
def test_field_a_layout_broke(name: str, field: str, want: str):
    assert extract(read(RENDERED / name))["document"][field] == want


def test_tight_boxes_keep_punctuation_on_its_line():
    """The bold header face has no ascent/descent: a comma's box is 3 pt high, under the line's
    middle. It stays where it is printed."""
    text = read(RENDERED / "real_031_ubdt-cv-456-2021-bao-cao-de-an-binh-dang-gioi.narrow.pdf").text
    assert "Hà Nội, ngày 23 tháng 4 năm 2021" in text
    assert "\n,\n" not in text and "tình hình, kết" in text


def test_scan_gives_the_header_and_relations_of_its_text():
    """The same decision printed and scanned: OCR line heights vary with diacritics, and a wrapped
    "Căn cứ" paragraph must still read as one (its second decree was 'other' when each OCR line
    had its own size)."""
    require_tool("tesseract")
    path = RENDERED / "real6_018_bentre-qd-2895-2017-tthc-tai-nguyen.scan.pdf"
    doc = read(path)
    assert doc.ocr
    got, want = extract(doc), extract(read(source_of(path)))
    for k in ("type", "number", "date", "issuer", "place"):
        assert got["document"][k] == want["document"][k], k
    assert [(c["number"], c["relation"]) for c in got["citations"]] == \
        [(c["number"], c["relation"]) for c in want["citations"]]
