"""Number-symbol grammar (DOMAIN.md §1–3): state, Party, legal-normative, wrapped, lists, non-numbers."""
import pytest

from extractors.numbers import find_numbers, list_numbers_before, number_type, parse_number


@pytest.mark.parametrize("text,expected", [
    ("Quyết định số 15/QĐ-BNV ngày", ["15/QĐ-BNV"]),
    ("Số: 101322/CTHN-TTHT", ["101322/CTHN-TTHT"]),   # six digits: a city tax department's letters
    # a department after the body of a Party-style symbol; a header line glued on is not one
    ("Kế hoạch số 183-KH/TWĐTN-TNNT ngày 1/2/2024", ["183-KH/TWĐTN-TNNT"]),
    # old numbers without a slash, right after "số" or a type word
    ("Căn cứ Nghị định số 15-CP ngày 02/3/1993 của Chính phủ", ["15-CP"]),
    ("theo Quyết định số 58-HĐBT ngày 11-4-1984", ["58-HĐBT"]),
    ("Chỉ thị 135-CT ngày 1/1/1990", ["135-CT"]), ("Quyết định 64-TTg ngày 5/3/1995", ["64-TTg"]),
    ("Số: 16-NT", ["16-NT"]),
    ("Số: 225 - KH/TWĐTN-CTTN", ["225-KH/TWĐTN-CTTN"]),
    ("Số: 367-QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH", ["367-QĐ/TWĐTN"]),
    ("Công văn số 1039/SKH&CN-CĐS ngày 16/3/2026", ["1039/SKH&CN-CĐS"]),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", ["30/2020/NĐ-CP"]),
    ("Luật số 45/2019/QH14", ["45/2019/QH14"]),
    ("Thông tư liên tịch số 02/2011/TTLT-VPCP-BNV", ["02/2011/TTLT-VPCP-BNV"]),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", ["57-NQ/TW"]),
    ("Chương trình hành động số 10-CTr/TU", ["10-CTr/TU"]),
    ("Thông báo số 04-TB/BCĐTW", ["04-TB/BCĐTW"]),
    ("Công văn số 123-CV/HU của Huyện ủy", ["123-CV/HU"]),
    ("Thông báo số 17/TB/CQTTBCĐ ngày 29/12/2025", ["17/TB/CQTTBCĐ"]),
    ("Nghị quyết số 57-\nNQ/TW ngày", ["57-NQ/TW"]),
    ("Quyết định số 749/QĐ-\nTTg ngày 03/6/2020", ["749/QĐ-TTg"]),
    ("Quyết định số 05- QĐ/BCĐ ngày", ["05-QĐ/BCĐ"]),
    ("văn bản hợp nhất số 03/VBHN-VPQH", ["03/VBHN-VPQH"]),
    ("Công văn số 05/BNV-VP của Bộ Nội vụ", ["05/BNV-VP"]),
    ("Quyết định số 18/2016/QĐ-UBND của UBND tỉnh Long An", ["18/2016/QĐ-UBND"]),
    ("Công văn số 2345/UBND-KT ngày 12/8/2024 của UBND tỉnh Nghệ An.", ["2345/UBND-KT"]),
    ("Kế hoạch số 12/KH-VP.UBND", ["12/KH-VP.UBND"]),
    ("Nghị quyết số 12-NQ/ĐU, ngày 05/9/2026", ["12-NQ/ĐU"]),
    ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG CỦA THỦ TƯỚNG", ["19/CT-TTG"]),
    ("Nghị quyết số 202/2025/QH15 về sắp xếp", ["202/2025/QH15"]),
])
def test_numbers_found(text, expected):
    assert [n.number for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text", [
    "vào ngày 10/10 hằng năm",
    "từ 3-4 ngày, trong 2-3 năm",
    "điều 5-CT nằm ở khoản",   # an old-style shape with no "số" or type word before it
    "dịch COVID-19 và H5N1",
    "xếp thứ 15/63 tỉnh, thành phố",
    "tốc độ trên 01 Gbps/s",
    "hoàn thành trong Quý I/2026",
    "ngày 22/12/2024",
    "giai đoạn 2021-2030",
    "tại địa chỉ: https://binhdanhocvuso.gov.vn/12/AB-CD",
    "đạt 90%/năm",
    "Điện thoại: 0277.3851234",
    "tỷ lệ 3/4 số xã",
    "24/7",
])
def test_not_numbers(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("number,typ", [
    ("57-NQ/TW", "Nghị quyết"), ("11/NQ-CP", "Nghị quyết"), ("1039/SKH&CN-CĐS", "Công văn"),
    ("05/BNV-VP", "Công văn"), ("30/2020/NĐ-CP", "Nghị định"), ("01/2019/TT-BNV", "Thông tư"),
    ("10-CTr/TU", "Chương trình"), ("123-CV/TU", "Công văn"), ("05-TT/TW", "Thông tri"),
    ("45/2019/QH14", "Luật"), ("02/2011/TTLT-VPCP-BNV", "Thông tư liên tịch"), ("12/CT-UBND", "Chỉ thị"),
    ("3/QyĐ-UBND", "Quy định"), ("3/QYĐ-UBND", "Quy định"), ("7/TTr-SNV", "Tờ trình"), ("9/GM-UBND", "Giấy mời"),
    ("25-KL/TW", "Kết luận"), ("03/VBHN-VPQH", "Văn bản hợp nhất"), ("8/CĐ-TTg", "Công điện"),
    ("15-CP", None), ("38-HĐBT", None),   # an old number names its issuer, not its type
    ("09/2004/NQ.HĐNDK7", "Nghị quyết"), ("1596/2003/QĐ.UBT", "Quyết định"),   # a dot for the dash after the code
])
def test_number_type(number, typ):
    assert number_type(number) == typ


def test_party_style_and_year():
    assert parse_number("57-NQ/TW").style == "party"
    assert parse_number("30/2020/NĐ-CP").year == 2020
    assert parse_number("11/NQ-CP").code == "NQ"


@pytest.mark.parametrize("text,expected", [
    ("các Quyết định số 1, 2 và 3/QĐ-UBND", ["1/QĐ-UBND", "2/QĐ-UBND"]),
    ("các Nghị quyết số 18-NQ/TW và 19-NQ/TW", []),
])
def test_list_numbers(text, expected):
    nm = find_numbers(text)[-1]
    assert [x[2] for x in list_numbers_before(text, nm)] == expected


@pytest.mark.parametrize("text,expected", [
    # spaced symbols as web pages and PDFs print them
    ("Kết luận số 100 - KL/TW ngày 18/8/2014 của Ban Bí thư", ["100-KL/TW"]),
    ("Nghị quyết số 57- NQ/TW của Bộ Chính trị", ["57-NQ/TW"]),
    ("Thông tư số 04/2021/TT- TTCP ngày 01/10/2021", ["04/2021/TT-TTCP"]),
    ("Tờ trình số 164/TTr- SKHCN ngày 02/3/2022", ["164/TTr-SKHCN"]),
    ("tại Tờ trình số 473/TTr -\nNN&PTNT ngày 21/5/2007", ["473/TTr-NN&PTNT"]),
    ("Tờ trình số 56/TTr - STNMT ngày 12/4/2019 của Sở Tài nguyên và Môi trường", ["56/TTr-STNMT"]),
    # glued "số", letter suffix, no "số" after a type word
    ("Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997", ["31-QĐ/TW"]),
    ("Quyết định số 168a/QĐ-UBND ngày 6/9/2025", ["168a/QĐ-UBND"]),
    ("Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009", ["285/CCTTHC"]),
    ("Tờ trình số 126/SKHĐT ngày 23/01/2007", ["126/SKHĐT"]),
    ("Chỉ thị 13-CT/TW, ngày 12/01/2017", ["13-CT/TW"]),
    ("Nghị định s20/2008/NĐ-CP ngày 14/02/2008", ["20/2008/NĐ-CP"]),
    # a dash then a word that is not an abbreviation does not extend the symbol
    ("Số: 12/QĐ-UBND - Lưu VT", ["12/QĐ-UBND"]),
    ("theo Công văn số 05/BNV-VP - Kính gửi", ["05/BNV-VP"]),
    # a symbol wrapped after its dash goes on to the next line, but not onto the place-and-date line
    ("Quyết định số 749/QĐ-\nTTg ngày 3/6/2020", ["749/QĐ-TTg"]),
    ("Số: 255 / BC-BCĐPCGD-\nNga Sơn, ngày 13 tháng 11 năm 2020", ["255/BC-BCĐPCGD"]),
    # a slash spaced on both sides, right after "số"; "TTg" after a spaced dash
    ("Số:  2414 / VPCP - KGVX", ["2414/VPCP-KGVX"]),
    ("thực hiện nghiêm Công điện số  1632 / CĐ - TTg  ngày 11 tháng 9 năm 2015", ["1632/CĐ-TTg"]),
])
def test_spaced_and_glued_numbers(text, expected):
    assert [n.number for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text", [
    "xếp thứ 15/63 tỉnh - Đạt chuẩn",
    "đạt 3/4 - KH năm",
    "năm học 2024 - 2025",
    "tổ 12 - Khu phố 3",
    "đạt 45/52 chỉ tiêu",
    "trang 12/30",
    "phòng 301/B",
    "Hotline: 1900 - 1234",
    "ngày 02/9 - Quốc khánh",
    "đạt 12 / KH năm",   # a spaced slash not after "số"
    "Công văn 12 / UBND",
])
def test_more_non_numbers(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text,expected", [
    # Ư for W (OCR, old fonts) anywhere in a Party symbol
    ("Nghị quyết 13-NQ/TƯ của Tỉnh ủy", ["13-NQ/TƯ"]),
    ("Số: 445-KL/TƯ", ["445-KL/TƯ"]),
    ("Chỉ thị số 05-CT/TƯ ngày 15/5/2016", ["05-CT/TƯ"]),
    # a word glued to the symbol ends it
    ("Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012", ["70-TB/TW"]),
    ("Quyết định số 12/QĐ-UBNDvề việc", ["12/QĐ-UBND"]),
    ("Công văn số 45/UBND-VXcủa Ủy ban", ["45/UBND-VX"]),
    ("Quy định số 07-QĐi/TW ngày 28/8/2018", ["07-QĐi/TW"]),
    # Party number whose dash was lost: accepted right after "số" or a type word
    ("Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013", ["84QĐ/TWĐTN"]),
    ("Hướng dẫn 12 HD/BTGTU ngày 3/4/2020", ["12HD/BTGTU"]),
    # en dash with spaces inside a state symbol
    ("Số: 2865/GDĐT –KT&KĐCL", ["2865/GDĐT–KT&KĐCL"]),
    ("Công văn số 118/SGDĐT – TCCB ngày", ["118/SGDĐT–TCCB"]),
])
def test_numbers_general_forms(text, expected):
    assert [n.number for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text", [
    "khoản 2 QĐ/TW ngày",                 # dashless form without "số": not a number
    "năm 2013 NQ/TW",
    "lúc 14 giờ 30, ngày 3/4",
    "đạt 95 %/năm",
])
def test_general_forms_not_numbers(text):
    assert find_numbers(text) == []
