"""Number-symbol grammar (DOMAIN.md §1–3): state, Party, legal-normative, wrapped, lists, non-numbers."""
import pytest

from extractors.numbers import find_numbers, list_numbers_before, number_type, parse_number


@pytest.mark.parametrize("text,expected", [
    ("Quyết định số 15/QĐ-BNV ngày", ["15/QĐ-BNV"]),
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
