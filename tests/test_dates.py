"""Dates as printed (DOMAIN.md §1–2): words, slashes, Party dashes, blanks in drafts."""
import pytest

from extractors.dates import date_after, date_before, find_dates, find_place_date


@pytest.mark.parametrize("text,iso,partial", [
    ("ngày 05 tháng 01 năm 2020", "2020-01-05", None),
    ("ngày 5 tháng 1 năm 2020", "2020-01-05", None),
    ("ngày 11 tháng 11 tháng 2021", "2021-11-11", None),   # "tháng" printed for "năm"
    ("ngày 22/12/2024", "2024-12-22", None),
    ("ngày 01-10-1997", "1997-10-01", None),
    ("ngày 16.01.2026", "2026-01-16", None),
    ("ngày   tháng 6 năm 2025", None, "2025-06"),
    ("ngày        tháng      năm 2026", None, "2026"),
    ("ngày ... tháng ... năm 2026", None, "2026"),
    ("NGÀY 04 THÁNG 11 NĂM 2025", "2025-11-04", None),
])
def test_find_dates(text, iso, partial):
    d = find_dates(text)[0]
    assert (d.iso, d.partial) == (iso, partial)


@pytest.mark.parametrize("text", ["ngày 10/10 hằng năm", "31/02/2020", "tỷ lệ 15/63", "Quý I/2026"])
def test_not_dates(text):
    assert all(d.iso is None and d.partial is None for d in find_dates(text)) or find_dates(text) == []


@pytest.mark.parametrize("text,iso", [
    ("57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", "2024-12-22"),
    ("12-NQ/ĐU, ngày 05/9/2026", "2026-09-05"),
    ("2439/QĐ-TTg ngày 04 tháng 11 năm 2025", "2025-11-04"),
    ("2439/QĐ-TTg\nngày\n04/11/2025", "2025-11-04"),
    ("52-NQ/TW của Bộ Chính trị ngày 27/9/2019", None),
])
def test_date_after(text, iso):
    pos = text.index(" ") if " " in text.split("\n")[0] else text.index("\n")
    d = date_after(text, pos)
    assert (d.iso if d else None) == iso


@pytest.mark.parametrize("text,place,iso,partial", [
    ("Đồng Tháp, ngày 16 tháng 01 năm 2026", "Đồng Tháp", "2026-01-16", None),
    ("Hà Nội, ngày 05 tháng 01 năm 2020", "Hà Nội", "2020-01-05", None),
    ("Quận 11, ngày 11 tháng 5 năm 2022", "Quận 11", "2022-05-11", None),   # a numbered district
    ("Thành phố Hồ Chí Minh, ngày 3 tháng 7 năm 2025", "Thành phố Hồ Chí Minh", "2025-07-03", None),
    ("Đồng Tháp, ngày      tháng 6 năm 2025", "Đồng Tháp", None, "2025-06"),
    ("Vinh, ngày 01-10-1997", "Vinh", "1997-10-01", None),
    # a .docx header row joins its cells by a tab: the place starts after it
    ("V/v hướng dẫn nhiệm vụ năm học 2025-2026\tHà Nội, ngày 05 tháng 8 năm 2025", "Hà Nội", "2025-08-05", None),
    ("V/v thu tiền mua bằng tốt nghiệp Phổ thông\tBạc Liêu, ngày 18 tháng 3 năm 2007", "Bạc Liêu", "2007-03-18", None),
    # a web page flattened the motto, its rule and the place-date onto one line
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ------------------------- Hà Nội, ngày 17 tháng 09 "
     "năm 2012", "Hà Nội", "2012-09-17", None),
])
def test_place_date(text, place, iso, partial):
    p, d, _ = find_place_date(text)
    assert (p, d.iso, d.partial) == (place, iso, partial)


@pytest.mark.parametrize("text,iso", [
    # a narrative sentence dates the document it says was issued
    ("Ngày 21/04/2015, Thủ tướng Chính phủ đã ban hành Chỉ thị", "2015-04-21"),
    ("Kính gửi: Sở.\nNgày 08 tháng 10 năm 2019, Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch ký Quyết định", "2019-10-08"),
    ("Căn cứ Luật ngày 19/6/2015, Chỉ thị", None),                        # no issuing verb
    ("Ngày 21/04/2015, Thủ tướng Chính phủ đã ban hành nhiều văn bản; Chỉ thị", None),
])
def test_date_before(text, iso):
    d = date_before(text, max(text.rfind("Chỉ thị"), text.rfind("Quyết định")))
    assert (d.iso if d else None) == iso
