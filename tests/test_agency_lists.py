"""Splitting "Cơ quan chủ trì / phối hợp" cells into bodies (fixtures README, "tasks")."""
import pytest

from extractors.agency_lists import split_agencies


@pytest.mark.parametrize("cell, bodies", [
    # a short name the text defines in brackets is no part of the body
    ("Giám đốc BHXH các tỉnh, thành phố trực thuộc trung ương (BHXH tỉnh), Thủ trưởng các đơn vị trực thuộc BHXH Việt Nam",
     ["Giám đốc BHXH các tỉnh, thành phố trực thuộc trung ương", "Thủ trưởng các đơn vị trực thuộc BHXH Việt Nam"]),
    ("-", []),
    ("", []),
    ("Sở Tài chính", ["Sở Tài chính"]),
    ("Các sở, ban, ngành, địa phương", ["Các sở, ban, ngành, địa phương"]),
    ("Các Sở, ngành và các cơ quan, đơn vị, cá nhân liên quan", ["Các Sở, ngành và các cơ quan, đơn vị, cá nhân liên quan"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Báo và Đài phát thanh, Truyền hình Đồng Tháp", ["Báo và Đài phát thanh, Truyền hình Đồng Tháp"]),
    ("Các sở, ngành, địa phương; Báo, đài phát thanh, truyền hình các cấp",
     ["Các sở, ngành, địa phương", "Báo, đài phát thanh, truyền hình các cấp"]),
    ("Sở Khoa học và Công nghệ, Công an tỉnh", ["Sở Khoa học và Công nghệ", "Công an tỉnh"]),
    ("Sở Tài chính, các sở, ngành và tổ chức, cá nhân liên quan",
     ["Sở Tài chính", "các sở, ngành và tổ chức, cá nhân liên quan"]),
    ("UBND xã, phường, các cơ quan, đơn vị, tổ chức, cá nhân liên quan",
     ["UBND xã, phường", "các cơ quan, đơn vị, tổ chức, cá nhân liên quan"]),
    ("Các Sở: Y tế, Nông nghiệp và Môi trường, Công Thương, Tài chính, Nội vụ và các đơn vị ký kết hợp tác",
     ["Sở Y tế", "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Tài chính", "Sở Nội vụ",
      "các đơn vị ký kết hợp tác"]),
    ("Các Sở: Khoa học và Công nghệ; Tài chính; Giáo dục và Đào tạo; các cơ quan, đơn vị liên quan",
     ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "các cơ quan, đơn vị liên quan"]),
    ("Sở Khoa học và Công nghệ\nSở Tài chính", ["Sở Khoa học và Công nghệ", "Sở Tài chính"]),
    # the plural head goes to each short name, even one that heads bodies itself ("Công an"); a ';' item
    # that is a comma list of short names is split, one with a 'và' is one name
    ("Các Bộ: Quốc phòng, Công an, Ngoại giao; Thông tấn xã Việt Nam; Ủy ban An toàn giao thông Quốc gia",
     ["Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Thông tấn xã Việt Nam", "Ủy ban An toàn giao thông Quốc gia"]),
    ("Các Sở: Văn hóa, Thể thao và Du lịch; Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
    ("Sở Tài chính cùng các ngành có liên quan", ["Sở Tài chính", "các ngành có liên quan"]),
    # a plural head before proper names, no colon: one body per name; a last name with 'và' or lower-case
    # levels leave the list whole
    ("UBND các huyện Diễn Châu, Quỳnh Lưu", ["UBND huyện Diễn Châu", "UBND huyện Quỳnh Lưu"]),
    ("các Sở Tài chính, Xây dựng, Giao thông vận tải", ["Sở Tài chính", "Sở Xây dựng", "Sở Giao thông vận tải"]),
    ("các Sở Tài chính, Kế hoạch và Đầu tư", ["các Sở Tài chính, Kế hoạch và Đầu tư"]),
    ("UBND các huyện, thị xã, thành phố", ["UBND các huyện, thị xã, thành phố"]),
    ("các cơ quan cùng cấp", ["các cơ quan cùng cấp"]),
    ("Sở Tài chính và Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("Giám đốc sở, ban, ngành", ["Giám đốc sở, ban, ngành"]),
    ("Các ngân hàng thương mại, doanh nghiệp viễn thông trên địa bàn tỉnh",
     ["Các ngân hàng thương mại, doanh nghiệp viễn thông trên địa bàn tỉnh"]),
    ("Đồng chí Phan Văn Thắng - Phó Trưởng Ban, đồng chí Trần Trí Quang - Phó Trưởng Ban",
     ["Đồng chí Phan Văn Thắng - Phó Trưởng Ban", "đồng chí Trần Trí Quang - Phó Trưởng Ban"]),
])
def test_split_agencies(cell, bodies):
    assert split_agencies(cell) == bodies


@pytest.mark.parametrize("cell, bodies", [
    ("Văn phòng \nUBND \ntỉnh", ["Văn phòng UBND tỉnh"]),
    ("Sở Nông \nnghiệp và Môi \ntrường", ["Sở Nông nghiệp và Môi trường"]),
    ("Sở Khoa học và \nCông nghệ, \nCông an tỉnh", ["Sở Khoa học và Công nghệ", "Công an tỉnh"]),
    ("Các sở, ban, \nngành, cơ \nquan, tổ chức \ncó liên quan\nỦy ban nhân \ndân xã, \nphường",
     ["Các sở, ban, ngành, cơ quan, tổ chức có liên quan", "Ủy ban nhân dân xã, phường"]),
])
def test_split_wrapped_pdf_lines(cell, bodies):
    assert split_agencies(cell, wrapped=True) == bodies


@pytest.mark.parametrize("text, body", [
    ("Sở Tài chính", True), ("Tổ công tác liên ngành", True), ("Cổng thông tin điện tử huyện", True),
    ("Bộ phận một cửa", True), ("Phòng Tư pháp", True), ("Hội Nông dân tỉnh", True),
    ("Thống đốc Ngân hàng Nhà nước", True), ("Chánh án Tòa án nhân dân tối cao", True), ("Hiệu trưởng nhà trường", True),
    ("BHXH Việt Nam", True), ("Tòa án nhân dân tỉnh", True), ("Viện kiểm sát nhân dân huyện", True),
    # verbs and common nouns that open with a head word
    ("Tổ chức tập huấn cho cán bộ", False), ("Ban hành quy chế phối hợp", False), ("Phòng, chống dịch bệnh", False),
    ("Hội nghị tổng kết năm", False), ("Trường hợp có vướng mắc", False), ("Bộ máy tổ chức", False),
])
def test_starts_body(text, body):
    from extractors.agency_lists import starts_body, starts_body_any_case
    assert starts_body(text) is body
    assert starts_body_any_case(text.upper()) is body
