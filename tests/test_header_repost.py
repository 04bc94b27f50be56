"""Headerless portal reposts and damaged titles: type, issuer and subject by general rules
(invented variants of other provinces, ministries, Party bodies and years)."""
import pytest

from extractors.header import extract_document
from extractors.header_repost import _news_headline, body_verb, party_committee, repost_title, strip_term
from pipeline.model import DocumentBuilder
from pipeline.normalize import compare_form as cf

LEAD_BODY = "I. MỤC ĐÍCH, YÊU CẦU"


def _plain(*lines: str):
    b = DocumentBuilder()
    for ln in lines:
        b.paragraph(ln)
    return b.build("x.txt", "txt", "0" * 64)


def _check(doc: dict, want: dict) -> None:
    for k, v in want.items():
        got = doc[k]
        assert (cf(got) if isinstance(got, str) else got) == (cf(v) if isinstance(v, str) else v), (k, got, v)


# rule 1: the page opens with the title in ordinary case
@pytest.mark.parametrize("lines,want", [
    (["Hướng dẫn tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam",
      "Ban Tuyên giáo Tỉnh ủy Bắc Giang ban hành Hướng dẫn số 120-HD/BTGTU về tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng.",
      LEAD_BODY],
     dict(type="Hướng dẫn", subject="tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam", number=None)),
    (["Nghị quyết của Ban Thường vụ Tỉnh ủy về phát triển du lịch cộng đồng giai đoạn 2021-2025",
      "Ban Thường vụ Tỉnh ủy Hà Giang đã ban hành Nghị quyết số 12-NQ/TU về phát triển du lịch.", LEAD_BODY],
     dict(type="Nghị quyết", issuer="Ban Thường vụ Tỉnh ủy Hà Giang",
          subject="về phát triển du lịch cộng đồng giai đoạn 2021-2025")),
    (["Nghị quyết của Ban Chấp hành Đảng bộ tỉnh khóa XVII về chuyển đổi số đến năm 2030",
      "LTS: Ngày 5-3-2021, Ban Chấp hành Đảng bộ tỉnh khóa XVII đã ban hành Nghị quyết số 03-NQ/TU về chuyển đổi số. "
      "Báo Quảng Trị trân trọng giới thiệu toàn văn Nghị quyết.", LEAD_BODY],
     dict(type="Nghị quyết", issuer="Tỉnh ủy Quảng Trị", subject="về chuyển đổi số đến năm 2030")),
    (["Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024",
      "Thực hiện Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân huyện Krông Pắc "
      "xây dựng Kế hoạch thực hiện như sau:", LEAD_BODY],
     dict(type="Kế hoạch", subject="thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024")),
    (["Thông báo lịch tiếp công dân của Chủ tịch Ủy ban nhân dân phường năm 2026", "Căn cứ Luật Tiếp công dân năm 2013;",
      "Ủy ban nhân dân phường Tân Định thông báo lịch tiếp công dân như sau:"],
     dict(type="Thông báo", subject="lịch tiếp công dân của Chủ tịch Ủy ban nhân dân phường năm 2026",
          issuer="Ủy ban nhân dân phường Tân Định")),
    (["Chỉ thị của Ban Thường vụ Thành ủy về tăng cường công tác phòng cháy, chữa cháy",
      "Thời gian qua, công tác phòng cháy được quan tâm.", LEAD_BODY],
     dict(type="Chỉ thị", subject="về tăng cường công tác phòng cháy, chữa cháy")),
    # a title that ends in a full stop
    (["Thông báo về việc tổ chức tổng vệ sinh trên địa bàn thành phố.",
      "Kính gửi: Hiệu trưởng các đơn vị trực thuộc. Phòng Giáo dục và Đào tạo yêu cầu các trường thực hiện như sau:"],
     dict(type="Thông báo", subject="về việc tổ chức tổng vệ sinh trên địa bàn thành phố")),
    # "Thông báo: Về việc …" is a Thông báo, though its subject opens with "Về việc"
    (["Thông báo: Về việc treo cờ chào mừng kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam",
      "UBND tỉnh thông báo về việc treo cờ như sau:", "1. Các cơ quan treo cờ Tổ quốc."],
     dict(type="Thông báo", subject="Về việc treo cờ chào mừng kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam")),
    # a source note naming the reposted document itself gives its number and date, and is no citation
    (["Thông báo về việc hoãn tổ chức phiên tiếp công dân định kỳ tháng 6",
      "Ủy ban nhân dân huyện thông báo để các phòng, ban, ngành biết.", "(Nguồn: Thông báo số 81/TB-UBND ngày 08/6/2021)"],
     dict(type="Thông báo", number="81/TB-UBND", date="2021-06-08",
          subject="về việc hoãn tổ chức phiên tiếp công dân định kỳ tháng 6")),
    # a title ending on the body it belongs to ("… của Lãnh đạo Sở X"); a bracketed aside is no body's name
    (["Thông báo lịch tiếp công dân 2020 của Lãnh đạo Sở Thông tin và Truyền thông Lâm Đồng",
      "1. Tiếp công dân định kỳ vào ngày 20 hàng tháng.",
      "- Giám đốc Sở phân công 01 Phó Giám đốc Sở (hoặc Chánh Văn phòng Sở) thay mặt Giám đốc sở tiếp công dân và "
      "sau đó báo cáo Giám đốc Sở."],
     dict(type="Thông báo", issuer="Sở Thông tin và Truyền thông tỉnh Lâm Đồng")),
    # a header-less title closing on its own number and date
    (["Về việc báo cáo tình hình ô nhiễm môi trường tại khu vực nông thôn (3585/VP-KTN, ngày 23/10/2017).",
      "Thực hiện Công văn số 11034/VPCP-KGVX ngày 17/10/2017 của Văn phòng Chính phủ, đồng chí Phó Chủ tịch UBND "
      "tỉnh có ý kiến như sau:"],
     dict(number="3585/VP-KTN", date="2017-10-23",
          subject="báo cáo tình hình ô nhiễm môi trường tại khu vực nông thôn")),
    # a portal's answer: the V/v line ends where the body's introduction begins; "(Theo Công văn số …)" under
    # the text is the document itself; "UBND tỉnh có ý kiến" names the issuer
    (["V/v Chuyển đổi mục đích sử dụng rừng thực hiện dự án mỏ sét đồi Hồ Lây", "UBND tỉnh có ý kiến như sau:",
      "Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì tham mưu UBND tỉnh giải quyết theo đúng quy định.",
      "(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)"],
     dict(type="Công văn", number="6012/UBND-KT", date="2023-11-14", issuer="Ủy ban nhân dân tỉnh",
          subject="Chuyển đổi mục đích sử dụng rừng thực hiện dự án mỏ sét đồi Hồ Lây")),
    # a portal's line under the headline naming the document itself: its number, date and issuer
    (["Thông báo treo cờ Tổ quốc chào mừng Đại hội đại biểu MTTQ Việt Nam thị xã Điện Bàn",
      "Thông báo số 217/TB-UBND ngày 08/5/2019 của UBND thị xã Điện Bàn V/v treo cờ Tổ quốc chào mừng Đại hội",
      "UBND thị xã thông báo:", "1. Các cơ quan, đơn vị treo cờ Tổ quốc."],
     dict(type="Thông báo", number="217/TB-UBND", date="2019-05-08", issuer="Ủy ban nhân dân thị xã Điện Bàn")),
    # … but not a line naming another kind of document: that one is cited
    (["Báo cáo tóm tắt nội dung trình việc thực hiện Nghị quyết",
      "Công văn số 1039/SKH&CN-CĐS ngày 16/3/2026 của Sở Khoa học và Công nghệ về việc đề xuất bố trí trang thiết bị.",
      "Văn phòng UBND Tỉnh báo cáo và đề xuất như sau:"],
     dict(number=None, date=None)),
    # a repost that opens with its recipients is a letter, even when it guides; "Kính gửi" is no subject
    (["Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
      "Hiện nay một số tỉnh đang sắp xếp đơn vị hành chính cấp xã. Bộ Tài nguyên và Môi trường hướng dẫn như sau:",
      "1. Trường hợp nhập xã"],
     dict(type="Công văn", subject=None)),
    (["Kính gửi:", "- Các bộ, cơ quan ngang bộ;", "- Ủy ban nhân dân các tỉnh;",
      "Thực hiện Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư, đề nghị các cơ quan báo cáo kết quả."],
     dict(type="Công văn")),
    # "Thông báo kết luận của X, …": a Thông báo, its subject the kết luận, its issuer X
    (["Thông báo kết luận của Phó Thủ tướng Lê Văn Thành, Trưởng Ban Chỉ đạo tại cuộc họp về phòng, chống thiên tai",
      "Chiều ngày 14 tháng 5 năm 2021, Phó Thủ tướng đã chủ trì cuộc họp."],
     dict(type="Thông báo", subject="kết luận của Phó Thủ tướng Lê Văn Thành, Trưởng Ban Chỉ đạo tại cuộc họp về phòng, "
          "chống thiên tai")),
])
def test_repost_title(lines, want):
    _check(extract_document(_plain(*lines)), want)


# rule 1 (no title line): the document's own sentence names issuer and type
@pytest.mark.parametrize("lines,want", [
    # "xin" / "trân trọng" before the verb are no part of the body; "công bố" announces; bodies addressed in the
    # plural ("Ủy ban nhân dân các xã … có ý kiến") are not the issuer
    (["Kính gửi: Quý Ông/Bà.", "Vấn đề quý Ông/Bà phản ánh, UBND phường An Cựu xin thông báo kết quả như sau:",
      "UBND phường đã xác minh thực tế."],
     dict(type="Thông báo", issuer="Ủy ban nhân dân phường An Cựu")),
    (["THÔNG BÁO Về việc tổ chức lấy ý kiến về Kế hoạch sử dụng đất năm 2025 huyện Chợ Đồn",
      "Trong thời gian lấy ý kiến, UBND các xã, thị trấn, các tổ chức, cá nhân trên địa bàn huyện có ý kiến đóng góp đề "
      "nghị gửi về UBND huyện."],
     dict(type="Thông báo", issuer=None)),
    (["Để hoàn thiện Quy hoạch sử dụng đất, UBND huyện Vĩnh Tường công bố công khai và trân trọng xin ý kiến Nhân dân.",
      "Thời gian lấy ý kiến góp ý: Từ ngày 30/7 - 30/8/2021."],
     dict(type="Thông báo", issuer="Ủy ban nhân dân huyện Vĩnh Tường")),
    (["Lịch tiếp công dân định kỳ của Chủ tịch UBND xã Ea Tóh năm 2025", "Căn cứ Luật Tiếp công dân số 42/2013/QH13;",
      "Ủy Ban nhân dân xã Ea Tóh thông báo lịch tiếp công dân năm 2025 như sau:", "1. Tiếp công dân định kỳ"],
     dict(type="Thông báo", issuer="Ủy ban nhân dân xã Ea Tóh",
          subject="Lịch tiếp công dân định kỳ của Chủ tịch UBND xã Ea Tóh năm 2025")),
    (["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
      "Căn cứ Kế hoạch số 12/KH-HĐND ngày 02/11/2025 của Thường trực Hội đồng nhân dân xã Phú Lộc,",
      "Nay hội đồng nhân dân xã thông báo đến cử tri lịch tiếp xúc cử tri của Hội đồng nhân dân xã Phú Lộc./."],
     dict(type="Thông báo", issuer="Hội đồng nhân dân xã Phú Lộc", subject=None)),
    (["Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị, căn cứ tình hình thực tiễn, Đảng ủy Khối "
      "Doanh nghiệp tỉnh Nghệ An xây dựng Kế hoạch tổ chức đại hội như sau:", LEAD_BODY],
     dict(type="Kế hoạch", issuer="Đảng ủy Khối Doanh nghiệp tỉnh Nghệ An")),
    (["Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương, Ban Tổ chức Tỉnh ủy hướng dẫn một số nội dung như sau:",
      LEAD_BODY],
     dict(type="Hướng dẫn")),
    # a body that asks, directs or answers what it received writes a letter
    (["Sở Giáo dục và Đào tạo đề nghị Thủ trưởng đơn vị thực hiện:", "1. Báo cáo tình hình trước ngày 10/4/2023."],
     dict(type="Công văn", issuer="Sở Giáo dục và Đào tạo")),
    (["UBND tỉnh nhận được Công văn số 3145/BKHĐT-KTĐPLT ngày 15/5/2019 của Bộ Kế hoạch và Đầu tư. Sau khi xem xét, "
      "Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:"],
     dict(type="Công văn", issuer="Ủy ban nhân dân tỉnh")),
    (["Để hoàn thiện dự thảo Thông tư, Cục Lâm nghiệp và Kiểm lâm trân trọng đề nghị Quý cơ quan góp ý."],
     dict(type="Công văn", issuer="Cục Lâm nghiệp và Kiểm lâm")),
    (["UBND tỉnh tập trung chỉ đạo các ngành thực hiện nhiệm vụ tháng 5."],
     dict(type="Công văn", issuer="Ủy ban nhân dân tỉnh")),
    (["Sau khi nghe báo cáo, Chủ tịch UBND tỉnh Vũ Hồng Bắc đã có kết luận về cuộc họp như sau:"],
     dict(type="Kết luận", issuer="Chủ tịch Ủy ban nhân dân tỉnh Vũ Hồng Bắc")),
    (["Căn cứ Công văn số 3078/SGDĐT-GDTH ngày 31/8/2021 của Sở Giáo dục và Đào tạo, Phòng Giáo dục và Đào tạo "
      "(GDĐT) Hướng dẫn các trường Tiểu học thực hiện nhiệm vụ như sau:"],
     dict(type="Hướng dẫn", issuer="Phòng Giáo dục và Đào tạo")),
    # a motto named in a "Căn cứ" sentence is no header; the body's own "… quy định … như sau:"
    (["Quy định đánh giá chất lượng sinh hoạt chi bộ",
      "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Căn cứ Chỉ thị số 13-CT/TU, ngày 05/7/2017 của Ban Thường vụ Tỉnh ủy về "
      "sinh hoạt chi bộ; Ban Thường vụ Tỉnh ủy quy định đánh giá chất lượng sinh hoạt chi bộ, như sau:"],
     dict(type="Quy định", issuer="Ban Thường vụ Tỉnh ủy", subject="đánh giá chất lượng sinh hoạt chi bộ")),
    # a draft marked "Dự thảo trình …", its enacting authority under the title the only body printed
    (["Dự thảo trình Quốc hội tại kỳ họp thứ 4, Quốc hội khóa XIII", "NGHỊ QUYẾT",
      "VỀ VIỆC LẤY PHIẾU TÍN NHIỆM ĐỐI VỚI NGƯỜI GIỮ CHỨC VỤ DO QUỐC HỘI BẦU", "QUỐC HỘI",
      "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;"],
     dict(type="Nghị quyết", issuer="Quốc hội", is_draft=True)),
    # "X triển khai Kế hoạch …" (no number: its own plan)
    (["Kế hoạch tổ chức “Tháng Nhân đạo” năm 2019",
      "Thực hiện Hướng dẫn số 48/HD-TƯHCTĐ ngày 15/02/2019 của Trung ương Hội Chữ thập đỏ Việt Nam. Hội Chữ thập đỏ "
      "tỉnh triển khai Kế hoạch tổ chức “Tháng Nhân đạo” năm 2019 với các nội dung như sau:"],
     dict(type="Kế hoạch", issuer="Hội Chữ thập đỏ tỉnh")),
    # a headline that is the body's own sentence is no subject
    (["Chính phủ chỉ đạo: Bộ Thông tin và Truyền thông phối hợp với Bộ Y tế chỉ đạo công tác phòng chống dịch",
      "1. Giao Bộ Y tế theo dõi tình hình dịch."],
     dict(type="Công văn", issuer="Chính phủ", subject=None)),
    # the portal's line under its headline names the document ("… của X về …"), its number as printed
    (["Báo cáo Kết quả thực hiện cải cách hành chính năm 2023",
      "Báo cáo số 228/ BC-UBND ngày 05/12/2023 của UBND phường Hà Phong về Kết quả thực hiện cải cách hành chính",
      "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"],
     dict(type="Báo cáo", number="228/ BC-UBND", date="2023-12-05", issuer="Ủy ban nhân dân phường Hà Phong")),
    # a portal's copy opening with the letter it gives ("… đã có Công văn số … yêu cầu …:"): that letter is the document
    (["Theo đó, UBND huyện đã có Công văn số 3015/UBND-TN ngày 23/8/2018 yêu cầu Thủ trưởng các cơ quan, Chủ tịch UBND "
      "các xã, thị trấn:", "Tổ chức quán triệt Kế hoạch số 110/KH-UBND ngày 04/6/2018 đến các cơ quan, đơn vị.",
      "Đẩy mạnh việc tổ chức ra quân làm vệ sinh môi trường vào các ngày cố định hằng tuần."],
     dict(type="Công văn", number="3015/UBND-TN", date="2018-08-23", issuer="Ủy ban nhân dân huyện")),
    # a body that "có trách nhiệm thông báo" is given a task, it does not speak; the closing request's committee does;
    # a page without header that calls itself "Thông báo này" is a Thông báo
    (["Về việc treo Quốc kỳ nhân dịp kỷ niệm 78 năm Ngày Thương binh - Liệt sĩ",
      "1. Các cơ quan, đơn vị và các hộ dân trên địa bàn xã Ô Lâm treo Quốc kỳ đến hết ngày 27/7/2025.",
      "Phòng Văn hoá - Xã hội, Ban nhân dân các ấp có trách nhiệm thông báo rộng rãi đến toàn thể nhân dân.",
      "Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị thực hiện nghiêm tinh thần Thông báo này ./"],
     dict(issuer="Ủy ban nhân dân xã Ô Lâm", type="Thông báo")),
    # a body whose name goes on with its remit, printed bare, as the text names it in full
    (["KẾ HOẠCH", "Hoạt động của Ban Chỉ đạo chuyển đổi số huyện Đăk R’lấp năm 2023",
      "Triển khai thực hiện Quyết định số 47/QĐ-UBND ngày 12/01/2023 của Ủy ban nhân dân tỉnh, Ban Chỉ đạo chuyển đổi "
      "số huyện Đăk R’lấp (sau đây gọi tắt là Ban Chỉ đạo) ban hành Kế hoạch hoạt động với các nội dung như sau:",
      "I. MỤC ĐÍCH, YÊU CẦU"],
     dict(type="Kế hoạch", issuer="Ban Chỉ đạo chuyển đổi số huyện Đăk R’lấp")),
    # a portal's news headline ("Xã Chí Minh tổ chức …") is no subject
    (["Xã Chí Minh tổ chức Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân các thôn Thanh Kỳ, An Lao",
      "Sáng ngày 17/12/2025, UBND xã Chí Minh tổ chức Hội nghị đối thoại với Nhân dân."], dict(subject=None)),
    # a letter's "Về việc …" line is its "V/v" line spelled out; the line's full stop is no part of the subject
    (["Về việc tổ chức Tết nguyên đán Ất Mùi năm 2015.", "Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.",
      "Thực hiện Chỉ thị số 02/CT-UBND ngày 12/01/2015 của Chủ tịch UBND huyện, Chủ tịch UBND huyện yêu cầu:"],
     dict(type="Công văn", subject="tổ chức Tết nguyên đán Ất Mùi năm 2015")),
    # a local body printed without its place takes the first place of its level the text names; a district office
    # the first district, town or city; none named: left as printed
    (["Căn cứ Công văn số 3078/SGDĐT-GDTH ngày 31/8/2021 của Sở Giáo dục và Đào tạo; Công văn số 182/PGDĐT về nhiệm vụ "
      "năm học cấp tiểu học quận Hoàn Kiếm, Phòng Giáo dục và Đào tạo hướng dẫn các trường thực hiện như sau:"],
     dict(issuer="Phòng Giáo dục và Đào tạo quận Hoàn Kiếm")),
    (["Thông báo lịch tiếp công dân", "UBND xã thông báo lịch tiếp công dân như sau:",
      "1. Chủ tịch UBND xã tiếp công dân vào ngày thứ năm hàng tuần.",
      "Địa điểm: Phòng tiếp công dân của UBND xã: Thôn Hòa Bình, xã Tân Lập, huyện Đan Phượng."],
     dict(issuer="Ủy ban nhân dân xã Tân Lập")),
    (["Thông báo lịch tiếp công dân", "UBND xã thông báo lịch tiếp công dân như sau:",
      "1. Chủ tịch UBND xã tiếp công dân tại trụ sở xã\nHiện nay, vào ngày thứ năm hàng tuần."],
     dict(issuer="Ủy ban nhân dân xã")),
    # a portal's link under the text names the document itself ("Xem chi tiết tại Công văn 369/UBND-KT"); "văn bản
    # này" in a page without header is a letter
    (["Về việc Công ty Đức Chính xin bổ sung quy hoạch mỏ đất làm vật liệu san lấp",
      "UBND tỉnh Quảng Trị có ý kiến như sau:", "Đồng ý để Công ty khảo sát mỏ đất tại xã Hải Sơn.",
      "Thời hạn báo cáo kết quả không quá 2 tháng kể từ ngày ban hành văn bản này.",
      "Xem chi tiết tại Công văn 369/UBND-KT"],
     dict(type="Công văn", number="369/UBND-KT", issuer="Ủy ban nhân dân tỉnh Quảng Trị",
          subject="Công ty Đức Chính xin bổ sung quy hoạch mỏ đất làm vật liệu san lấp")),
    # the portal's "văn bản" for the document it reposts is a letter
    (["Ngày 9/11, UBND tỉnh ban hành văn bản yêu cầu các sở, ban, ngành chủ động ứng phó với cơn bão số 6:",
      "1. Khẩn trương triển khai thực hiện nghiêm các nội dung chỉ đạo."],
     dict(type="Công văn", issuer="Ủy ban nhân dân tỉnh")),
])
def test_body_sentence(lines, want):
    _check(extract_document(_plain(*lines)), want)


@pytest.mark.parametrize("text", [
    "Ban hành hướng dẫn thực hiện chế độ báo cáo.",  # a verb, not a body
    "Hội nghị thông báo kết quả bầu cử.",  # a meeting, not a body
    "Bộ phận một cửa thông báo lịch làm việc.",
    "Phó Thủ tướng, Trưởng Ban Chỉ đạo Quốc gia chủ trì cuộc họp.",  # "Ban Chỉ đạo" is a name
    "Sở Y tế triển khai Kế hoạch số 12/KH-UBND ngày 02/3/2020.",  # another body's numbered plan
])
def test_body_sentence_needs_a_body(text):
    assert body_verb(text) is None


@pytest.mark.parametrize("text", [
    "Căn cứ Nghị quyết số 12-NQ/TU về phát triển du lịch",
    "Thông báo này được gửi tới các đơn vị.",
    "Kế hoạch số 155 ngày 07/7/2019 của Thành ủy Hà Nội",
    "Sáng 12/3, Tỉnh ủy tổ chức hội nghị",
])
def test_no_repost_title(text):
    assert repost_title(text) is None


@pytest.mark.parametrize("name,want", [
    ("Ban Chấp hành Đảng bộ tỉnh khóa XIII", "Tỉnh ủy"),
    ("Ban Chấp hành Đảng bộ thành phố (khóa XVII)", "Thành ủy"),
    ("Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2020-2025", "Huyện ủy"),
    ("Ban Chấp hành Đảng bộ tỉnh khóa 15", "Tỉnh ủy"),
    ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
])
def test_party_committee(name, want):
    assert party_committee(strip_term(name)) == want


# rule 2: a title whose glyphs the PDF lost, matched by its ASCII skeleton
@pytest.mark.parametrize("title,want", [
    ("QUY T Đ NH", "Quyết định"), ("NGH QUY T", "Nghị quyết"), ("K ÉT LUẬN", "Kết luận"),
    ("HƯ NG D N", "Hướng dẫn"), ("K HO CH", "Kế hoạch"), ("THÔNG B O", "Thông báo"),
])
def test_broken_title_type(title, want):
    from extractors.doctypes import broken_type
    assert broken_type(title) == want


@pytest.mark.parametrize("line", ["TỈNH ỦY", "QUYẾT", "ỦY BAN NHÂN DÂN", "BAN CHẤP HÀNH TRUNG ƯƠNG", "CH TH"])
def test_broken_title_needs_most_letters(line):
    from extractors.doctypes import broken_type
    assert broken_type(line) is None


@pytest.mark.parametrize("lines,want", [
    (["HUYỆN ỦY ĐỨC TRỌNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-KL/HU", "Đức Trọng, ngày 4 tháng 6 năm 2023", "K ÉT LUẬN",
      "HỘI NGHỊ LẦN THỨ MƯỜI", "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN (KHÓA XI)", "về phát triển nông nghiệp công nghệ cao",
      "Hội nghị lần thứ mười Ban Chấp hành Đảng bộ huyện đã thảo luận và kết luận:"],
     dict(type="Kết luận", subject="HỘI NGHỊ LẦN THỨ MƯỜI BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN (KHÓA XI) "
                                   "về phát triển nông nghiệp công nghệ cao")),
    (["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU", "Số: 45/2019/QĐ-UBND", "Cà Mau, ngày 3 tháng 9 năm 2019", "QUY T Đ NH",
      "Ban hành Quy định quản lý chợ", "ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "Căn cứ Luật Tổ chức chính quyền địa phương;"],
     dict(type="Quyết định", subject="Ban hành Quy định quản lý chợ", issuer="Ủy ban nhân dân tỉnh Cà Mau")),
])
def test_broken_title_document(lines, want):
    _check(extract_document(_plain(*lines)), want)


# rule 4: a body under its parent is named in full, proper names capitalised
@pytest.mark.parametrize("left,want", [
    (["BAN CHẤP HÀNH TRUNG ƯƠNG", "ỦY BAN KIỂM TRA"], "Ủy ban Kiểm tra Trung ương"),
    (["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC"], "Ban Tổ chức Trung ương"),
    (["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN NỘI CHÍNH"], "Ban Nội chính Trung ương"),
])
def test_party_body_under_parent(left, want):
    lines = left + ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 07-HD/TW", "Hà Nội, ngày 2 tháng 3 năm 2021", "HƯỚNG DẪN",
                    "thực hiện quy định về công tác cán bộ", "- Căn cứ Điều lệ Đảng;"]
    assert cf(extract_document(_plain(*lines))["issuer"]) == cf(want)


# rule 3: a Gazette title carries number, date, issuer ("CỦA <head's title> <body>") and subject ("VỀ …")
@pytest.mark.parametrize("lines,want", [
    (["QUYẾT ĐỊNH SỐ 291/QĐ-UBDT NGÀY 12 THÁNG 5 NĂM 2021 CỦA BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘC "
      "VỀ VIỆC BAN HÀNH KẾ HOẠCH CÔNG TÁC NĂM 2021", "BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘC",
      "Căn cứ Nghị định số 13/2017/NĐ-CP;"],
     dict(type="Quyết định", number="291/QĐ-UBDT", date="2021-05-12", issuer="Ủy ban Dân tộc",
          subject="VỀ VIỆC BAN HÀNH KẾ HOẠCH CÔNG TÁC NĂM 2021")),
    (["THÔNG TƯ SỐ 05/2019/TT-BYT NGÀY 3 THÁNG 4 NĂM 2019 CỦA BỘ TRƯỞNG BỘ Y TẾ VỀ VIỆC HƯỚNG DẪN KHÁM SỨC KHỎE",
      "Căn cứ Luật Khám bệnh, chữa bệnh;"],
     dict(type="Thông tư", issuer="Bộ Y tế", date="2019-04-03", subject="VỀ VIỆC HƯỚNG DẪN KHÁM SỨC KHỎE")),
    (["QUYẾT ĐỊNH SỐ 12/2008/QĐ-UBND NGÀY 3/4/2008 CỦA CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH AN GIANG",
      "VỀ BAN HÀNH QUY CHẾ TIẾP CÔNG DÂN", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Căn cứ Luật;"],
     dict(type="Quyết định", issuer="Ủy ban nhân dân tỉnh An Giang", date="2008-04-03",
          subject="VỀ BAN HÀNH QUY CHẾ TIẾP CÔNG DÂN")),
    (["CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 20/2003/CT-TTG NGÀY 5 THÁNG 9 NĂM 2003 VỀ VIỆC PHÒNG, CHỐNG LỤT BÃO",
      "Trong những năm qua, công tác phòng, chống lụt bão đã đạt kết quả."],
     dict(type="Chỉ thị", issuer="Thủ tướng Chính phủ", subject="VỀ VIỆC PHÒNG, CHỐNG LỤT BÃO")),
])
def test_gazette_title(lines, want):
    _check(extract_document(_plain(*lines)), want)


@pytest.mark.parametrize("line, headline", [
    ("Xã Chí Minh tổ chức Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân", True),
    ("Phường Ba Đình ra quân tổng vệ sinh môi trường", True),
    ("Xã hội hóa công tác chăm sóc sức khỏe người cao tuổi", False),   # no place
    ("Huyện Đoàn Thanh Chương", False),   # a name, no verb after it
    ("Lịch tiếp công dân của Chủ tịch UBND xã Tân Lập", False),
])
def test_news_headline(line, headline):
    assert _news_headline(line) is headline
