"""Agency vocabulary: abbreviations, canonical names, collectives, levels, finding in text."""
import pytest

from extractors.agencies import (agency_info, agency_level, canonical_agency, detect_province,
                                 expand_abbreviations, find_agencies, is_collective)


@pytest.mark.parametrize("name,province,canon", [
    ("Sở KH&CN", None, "Sở Khoa học và Công nghệ"),
    # a Central Highlands name keeps its apostrophe when a header in capitals is recased
    ("ỦY BAN NHÂN DÂN HUYỆN CƯ M’GAR", None, "Ủy ban nhân dân huyện Cư M’gar"),
    ("ỦY BAN NHÂN DÂN XÃ EA H'LEO", None, "Ủy ban nhân dân xã Ea H'leo"),
    # a PDF's text lost the "Ủ"
    ("Y BAN NHÂN DÂN TỈNH KON TUM", None, "Ủy ban nhân dân tỉnh Kon Tum"),
    ("Y ban nhân dân huyện Đăk Hà", None, "Ủy ban nhân dân huyện Đăk Hà"),
    # the abbreviation a text defines inside or after the name is no part of it
    ("Ủy ban nhân dân (UBND) tỉnh Bình Phước", None, "Ủy ban nhân dân tỉnh Bình Phước"),
    ("Bộ Y tế (BYT)", None, "Bộ Y tế"),
    # a level word typed twice
    ("HĐND huyện huyện Ngân Sơn", None, "Hội đồng nhân dân huyện Ngân Sơn"),
    ("UBND TỈNH TỈNH LẠNG SƠN", None, "Ủy ban nhân dân tỉnh Lạng Sơn"),
    # every level word of place_levels.json recases the place after it, the special zones of 2025 too
    ("ỦY BAN NHÂN DÂN ĐẶC KHU CÔN ĐẢO", None, "Ủy ban nhân dân đặc khu Côn Đảo"),
    ("ỦY BAN NHÂN DÂN THỊ TRẤN PHONG ĐIỀN", None, "Ủy ban nhân dân thị trấn Phong Điền"),
    # a web copy lost a space inside the name
    ("Ủy bannhân dân tỉnh Quảng Ninh", None, "Ủy ban nhân dân tỉnh Quảng Ninh"),
    ("Bộ Kế hoạchvà Đầu tư", None, "Bộ Kế hoạch và Đầu tư"),
    ("BộChính trị", None, "Bộ Chính trị"),
    ("Sở Nông nghiệp và PTNT", None, "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở LĐ-TB&XH", None, "Sở Lao động - Thương binh và Xã hội"),
    # a header in capitals: a place no table knows keeps its capitals after its level word, a unit's sector is
    # written as its department's; "xã hội", "tỉnh ủy", "tỉnh đoàn" are no places
    ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG", None, "Ủy ban nhân dân huyện Đức Trọng"),
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN TÂY HỒ", None, "Phòng Giáo dục và Đào tạo quận Tây Hồ"),
    ("TRUNG TÂM Y TẾ HUYỆN ĐỨC TRỌNG", None, "Trung tâm Y tế huyện Đức Trọng"),
    ("BAN TUYÊN GIÁO TỈNH ỦY", None, "Ban Tuyên giáo Tỉnh ủy"),
    ("ỦY BAN NHÂN DÂN CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG", None,
     "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"),
    # "Hồ Chí Minh" without "thành phố / TP." is the person an organisation is named after
    ("Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh", None, "Ban Chấp hành Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("UBND TP. Hồ Chí Minh", None, "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    # the committees of a centrally-run city are the Thành ủy, the Thành đoàn
    ("Thành ủy", "Hà Nội", "Thành ủy Hà Nội"),
    ("Ban Thường vụ Tỉnh ủy", "Hà Nội", "Ban Thường vụ Thành ủy Hà Nội"),
    ("Thành đoàn", "Hà Nội", "Thành Đoàn Hà Nội"),
    ("Tỉnh đoàn", "Hà Nam", "Tỉnh Đoàn Hà Nam"),
    # a centrally-run city's People's Council printed without its level word; a province with a spaced dash
    ("HĐND", "Hà Nội", "Hội đồng nhân dân thành phố Hà Nội"),
    ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU", None, "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
    ("SỞ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI", None, "Sở Lao động - Thương binh và Xã hội"),
    # an abbreviation's last words printed after it are not repeated
    ("Ủy ban MTTQ Việt Nam tỉnh Đắk Lắk", None, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk"),
    ("Sở Khoa học và\nCông nghệ", None, "Sở Khoa học và Công nghệ"),
    ("SKH&CN", None, "Sở Khoa học và Công nghệ"),
    ("UBND tỉnh", "Đồng Tháp", "Ủy ban nhân dân tỉnh Đồng Tháp"),
    ("Ủy ban nhân dân Tỉnh", "Đồng Tháp", "Ủy ban nhân dân tỉnh Đồng Tháp"),
    ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", None, "Ủy ban nhân dân tỉnh Nghệ An"),
    ("UBND thành phố Hà Nội", None, "Ủy ban nhân dân thành phố Hà Nội"),
    ("Tỉnh uỷ Đồng Tháp", None, "Tỉnh ủy Đồng Tháp"),
    ("BTVTU", "Quảng Ninh", "Ban Thường vụ Tỉnh ủy Quảng Ninh"),
    ("VPUBND", "Cà Mau", "Văn phòng Ủy ban nhân dân tỉnh Cà Mau"),
    ("Văn phòng UBND tỉnh", "Đồng Tháp", "Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Đồng Tháp", "Sở Khoa học và Công nghệ tỉnh Đồng Tháp"),
    ("Sở TT&TT tỉnh Bến Tre", None, "Sở Thông tin và Truyền thông tỉnh Bến Tre"),
    ("Công an tỉnh", "Lào Cai", "Công an tỉnh Lào Cai"),
    ("Thủ tướng", None, "Thủ tướng Chính phủ"),
    ("TTg", None, "Thủ tướng Chính phủ"),
    ("Bộ TT&TT", None, "Bộ Thông tin và Truyền thông"),
    ("BNV", None, "Bộ Nội vụ"),
    ("Văn phòng Chính phủ (b/c);", None, "Văn phòng Chính phủ"),
    ("- Thường trực HĐND tỉnh (b/c);", "Gia Lai", "Thường trực Hội đồng nhân dân tỉnh Gia Lai"),
    ("Các sở, ban, ngành, địa phương", "Đồng Tháp", "Các sở, ban, ngành, địa phương"),
])
def test_canonical(name, province, canon):
    assert canonical_agency(name, province) == canon


@pytest.mark.parametrize("name,collective", [
    ("Các sở, ban, ngành, địa phương", True), ("các cơ quan, đơn vị liên quan", True),
    ("Các Sở, ngành và các cơ quan, đơn vị, cá nhân liên quan", True), ("UBND các xã, phường", True),
    ("Thành viên Ban Chỉ đạo tỉnh", True), ("Sở Khoa học và Công nghệ", False), ("Công an tỉnh", False),
    ("Ủy ban nhân dân tỉnh Đồng Tháp", False), ("Báo và Đài phát thanh, Truyền hình Đồng Tháp", False),
])
def test_collective(name, collective):
    assert is_collective(name) is collective


@pytest.mark.parametrize("name,level", [
    ("Bộ Chính trị", "party"), ("Chính phủ", "central"), ("Bộ Tài chính", "central"),
    ("UBND tỉnh Đồng Tháp", "province"), ("Sở Y tế", "province"), ("Tỉnh ủy Đồng Tháp", "party"),
    ("UBND xã Tân Phú", "commune"), ("UBND đặc khu Phú Quốc", "commune"), ("Các sở, ban, ngành", "collective"),
    ("MTTQ tỉnh", "mass"),
])
def test_level(name, level):
    assert agency_level(name) == level


def test_successor():
    assert agency_info("Bộ Thông tin và Truyền thông")["successor"] == "Bộ Khoa học và Công nghệ"
    assert agency_info("Sở Kế hoạch và Đầu tư")["successor"] == "Sở Tài chính"


@pytest.mark.parametrize("text,expanded", [
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"), ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("của BCĐ Trung ương", "của Ban Chỉ đạo Trung ương"), ("UB MTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("số 50/KH-UBND", "số 50/KH-UBND"), ("1039/SKH&CN-CĐS", "1039/SKH&CN-CĐS"),
    ("Phòng GD&ĐT huyện", "Phòng Giáo dục và Đào tạo huyện"), ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường"),
    ("Ban Chỉ đạo HMTN tỉnh", "Ban Chỉ đạo hiến máu tình nguyện tỉnh"),
])
def test_expand(text, expanded):
    assert expand_abbreviations(text) == expanded


@pytest.mark.parametrize("text, name", [
    ("Giao Ủy ban nhân dân xã Ea H’ding phối hợp", "Ủy ban nhân dân xã Ea H’ding"),
    ("Đề nghị UBND xã Ia Chim báo cáo", "Ủy ban nhân dân xã Ia Chim"),
    ("theo thông báo của UBND huyện Thống Nhất về việc treo cờ", "Ủy ban nhân dân huyện Thống Nhất"),
    ("UBND quận Cầu Giấy chủ trì", "Ủy ban nhân dân quận Cầu Giấy"),
    ("Giao UBND thành phố Long Xuyên chủ trì", "Ủy ban nhân dân thành phố Long Xuyên"),   # a city under a province
    ("UBND thị xã Sơn Tây phối hợp", "Ủy ban nhân dân thị xã Sơn Tây"),
    ("UBND đặc khu Phú Quốc phối hợp", "Ủy ban nhân dân đặc khu Phú Quốc"),
    # the next line's first word is no name
    ("Thường trực HĐND, Lãnh đạo UBND huyện\nHiện nay, tình hình dịch", "Ủy ban nhân dân huyện"),
])
def test_find_local_committee_by_its_name(text, name):   # a commune's, ward's or district's
    assert name in [c for _, _, c in find_agencies(text)]


def test_find_agencies_offsets():
    text = "Giao Sở Khoa học và\nCông nghệ chủ trì, phối hợp với Công an tỉnh và các sở, ban, ngành liên quan; UBND tỉnh Đồng Tháp chỉ đạo."
    found = find_agencies(text)
    names = [c for _, _, c in found]
    assert "Sở Khoa học và Công nghệ tỉnh Đồng Tháp" in names
    assert "Công an tỉnh Đồng Tháp" in names
    assert "Ủy ban nhân dân tỉnh Đồng Tháp" in names
    assert any(c.lower().startswith("các sở, ban, ngành") for c in names)
    for s, e, _ in found:
        assert text[s:e].strip() == text[s:e]


def test_detect_province():
    assert detect_province("UBND tỉnh Đồng Tháp; Tỉnh ủy Đồng Tháp; tỉnh An Giang") == "Đồng Tháp"
    assert detect_province("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA-VŨNG TÀU") == "Bà Rịa - Vũng Tàu"


@pytest.mark.parametrize("name,province,canon", [
    # a centrally-run city is a "thành phố", never a "tỉnh"
    ("Sở Giáo dục và Đào tạo", "Hồ Chí Minh", "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh"),
    ("Sở Nội vụ", "Hà Nội", "Sở Nội vụ thành phố Hà Nội"),
    ("Sở Tài chính", "Cần Thơ", "Sở Tài chính thành phố Cần Thơ"),
    ("Sở Nội vụ", "Nghệ An", "Sở Nội vụ tỉnh Nghệ An"),
    ("UBND TP.Hồ Chí Minh", None, "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    # a province name is a whole word: "Thuế" is not "Huế"
    ("Tổng cục Thuế", None, "Tổng cục Thuế"),
    ("Cục Thuế", None, "Cục Thuế"),
    ("UBND tỉnh Thừa Thiên Huế", None, "Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
])
def test_canonical_city_and_word_boundary(name, province, canon):
    assert canonical_agency(name, province) == canon
