"""Header layouts of real web and Gazette copies (tests/real/SOURCES.md "Observations"): Gazette
titles carrying number and date, joint and cut header bodies, reposts without a header, glued
place lines, blank numbers with a spaced symbol, type and subject on one line."""
import pytest

from extractors.header import extract_document
from pipeline.model import DocumentBuilder
from pipeline.normalize import compare_form as cf


def text_doc(*lines: str):
    b = DocumentBuilder()
    for ln in lines:
        b.paragraph(ln)
    return b.build("x.txt", "txt", "0" * 64)


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------"]


@pytest.mark.parametrize("lines,want", [
    # Official Gazette layout: the title carries issuer, number, date and subject
    (["CHỈ THỊ", "CỦA THỦ", "TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG", "NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC XÂY DỰNG KẾ HOẠCH",
      "PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2002", "Thực hiện Nghị quyết của Quốc hội về nhiệm vụ năm 2001, Chính phủ đã"],
     dict(type="Chỉ thị", number="16/2001/CT-TTG", date="2001-06-21", issuer="Thủ tướng Chính phủ",
          subject="VỀ VIỆC XÂY DỰNG KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2002")),
    (["THÔNG TƯ", "CỦA BỘ NỘI VỤ SỐ 08/2004/TT-BNV NGÀY 18 THÁNG 02 NĂM 2004", "HƯỚNG DẪN CHẾ ĐỘ CÔNG CHỨC DỰ BỊ",
      "Thi hành Nghị định số 115/2003/NĐ-CP ngày 10/10/2003 của Chính phủ, Bộ Nội vụ hướng dẫn như sau:"],
     dict(type="Thông tư", number="08/2004/TT-BNV", date="2004-02-18", issuer="Bộ Nội vụ",
          subject="HƯỚNG DẪN CHẾ ĐỘ CÔNG CHỨC DỰ BỊ")),
    # a named kind of a type is that type; the title line holds type and subject
    (["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "Số: 35/CTr-UBND", *MOTTO, "Quảng Ninh, ngày 08 tháng 02 năm 2021",
      "CHƯƠNG TRÌNH HÀNH ĐỘNG", "THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XV",
      "Nghị quyết Đại hội đã xác định mục tiêu tổng quát là phát triển nhanh và bền vững."],
     dict(type="Chương trình", number="35/CTr-UBND", issuer="Ủy ban nhân dân tỉnh Quảng Ninh",
          subject="THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XV")),
    (["BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG", "-------", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 11-HD/VPTW",
      "Hà Nội, ngày 28 tháng 05 năm 2004", "HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG",
      "Thi hành Điều 2 Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997, Văn phòng hướng dẫn như sau:"],
     dict(type="Hướng dẫn", number="11-HD/VPTW", date="2004-05-28", subject="VỀ THỂ THỨC VĂN BẢN CỦA ĐẢNG")),
    (["ỦY BAN NHÂN DÂN", "XÃ XUÂN PHÚ", *MOTTO, "QUY CHẾ LÀM", "VIỆC CỦA ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ",
      "Chương I", "NHỮNG QUY ĐỊNH CHUNG"],
     dict(type="Quy chế", issuer="Ủy ban nhân dân xã Xuân Phú", subject="LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ")),
    # joint issuers of one locality
    (["THƯỜNG TRỰC", "HĐND - UBND TỈNH HÒA BÌNH", "-------", *MOTTO, "Số: 06/QC-TT.HĐND-UBND",
      "Hòa Bình, ngày 20 tháng 3 năm 2019", "QUY CHẾ", "PHỐI HỢP CÔNG TÁC", "Căn cứ Luật Tiếp công dân ngày 25/11/2013;"],
     dict(issuer="Thường trực Hội đồng nhân dân tỉnh Hòa Bình và Ủy ban nhân dân tỉnh Hòa Bình", date="2019-03-20")),
    (["HĐND - UBND HUYỆN MƯỜNG LA", "-------", *MOTTO, "Số: 12/QC-HĐND-UBND", "Mường La, ngày 05 tháng 01 năm 2022",
      "QUY CHẾ", "PHỐI HỢP CÔNG TÁC", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"],
     dict(issuer="Hội đồng nhân dân huyện Mường La và Ủy ban nhân dân huyện Mường La")),
    # a header body cut by the page is completed from the body text
    (["BỘ NÔNG NGHIỆP", "VÀ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 13/2025/TT-BNNMT", "Hà nội, ngày 19 tháng 6 năm 2025",
      "Căn cứ Nghị định số 35/2025/NĐ-CP ngày 25/02/2025 của Chính phủ quy định chức năng của Bộ Nông nghiệp và Môi trường;",
      "Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư quy định phân định thẩm quyền."],
     dict(number="13/2025/TT-BNNMT", issuer="Bộ Nông nghiệp và Môi trường", place="Hà nội")),
    (["BỘ VĂN HÓA, THỂ THAO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 21/2024/TT-BVHTTDL", "Hà Nội, ngày 30 tháng 12 năm 2024",
      "Căn cứ Nghị định số 01/2023/NĐ-CP quy định chức năng của Bộ Văn hóa, Thể thao và Du lịch;"],
     dict(issuer="Bộ Văn hóa, Thể thao và Du lịch")),
    # "QUYẾT ĐỊNH" / "CỦA <body> [SỐ … NGÀY …] V/V|VỀ VIỆC <subject>": the subject starts inside the
    # "CỦA" line; an old enacting body ("HỘI ĐỒNG BỘ TRƯỞNG") ends it
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", *MOTTO, "Số: 120/2003/QĐ-UB", "TP Hồ Chí Minh, ngày 17 tháng 7 năm 2003",
      "QUYẾT ĐỊNH", "CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT ĐỀ CƯƠNG QUY HOẠCH PHÁT TRIỂN NGÀNH CÔNG NGHIỆP",
      "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Căn cứ Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân;"],
     dict(type="Quyết định", subject="PHÊ DUYỆT ĐỀ CƯƠNG QUY HOẠCH PHÁT TRIỂN NGÀNH CÔNG NGHIỆP")),
    (["HỘI ĐỒNG BỘ TRƯỞNG", *MOTTO, "Số: 38-HĐBT", "Hà Nội, ngày 06 tháng 2 năm 1985", "QUYẾT ĐỊNH",
      "CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 38-HĐBT NGÀY 6 THÁNG 02 NĂM 1985 VỀ VIỆC ĐỔI TÊN UỶ BAN QUỐC GIA DÂN SỐ VÀ THAY",
      "THẾ CÁC THÀNH VIÊN CỦA UỶ BAN", "HỘI ĐỒNG BỘ TRƯỞNG", "Căn cứ Luật Tổ chức Hội đồng Bộ trưởng ngày 4-7-1981;"],
     dict(number="38-HĐBT", subject="VỀ VIỆC ĐỔI TÊN UỶ BAN QUỐC GIA DÂN SỐ VÀ THAY THẾ CÁC THÀNH VIÊN CỦA UỶ BAN")),
    # reposts without a header: the title or the portal's lead names type, body and subject
    (["THÔNG BÁO", "Lịch tiếp công dân của UBND xã Tân Đoàn năm 2026",
      "Căn cứ Quyết định số 17/QĐ-UBND ngày 9/7/2025 của UBND xã về việc ban hành Nội quy tiếp công dân;"],
     dict(type="Thông báo", number=None, date=None, issuer="Ủy ban nhân dân xã Tân Đoàn")),
    (["CTTĐT - Ngày 6/8, Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17 về việc tăng cường công tác dư luận "
      "xã hội trong tình hình mới.", "Nội dung Chỉ thị như sau:", "Trong những năm qua, công tác này có chuyển biến."],
     dict(type="Chỉ thị", number=None, issuer="Ban Thường vụ Tỉnh ủy Yên Bái",
          subject="về việc tăng cường công tác dư luận xã hội trong tình hình mới")),
    (["Chiều 12/3, Ủy ban nhân dân tỉnh Quảng Bình đã ban hành Kế hoạch số 45 về triển khai Đề án 06 năm 2024.",
      "Theo đó, các sở, ngành tập trung thực hiện."],
     dict(type="Kế hoạch", number=None, subject="về triển khai Đề án 06 năm 2024")),
    (["CHƯƠNG TRÌNH", "Thực hiện Chỉ thị 13-CT/TW của Ban Bí thư về quản lý rừng",
      "Thực hiện Chỉ thị 13-CT/TW, ngày 12/01/2017 của Ban Bí thư về quản lý rừng, Ban Thường vụ Tỉnh ủy (khóa XV) "
      "ban hành chương trình thực hiện như sau:"],
     dict(type="Chương trình", date=None, place=None, issuer="Ban Thường vụ Tỉnh ủy")),
    # a web page glues the number line to the place line; a blank number with a spaced symbol
    (["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc Lập - Tự Do - Hạnh Phúc",
      "Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011", "V/v tham gia bầu chọn Vịnh Hạ Long",
      "Kính gửi: Sở Văn hóa, Thể thao và Du lịch"],
     dict(number="454/UBND-NCTH", place="Vị Thanh", date="2011-04-06", type="Công văn")),
    (["ỦY BAN NHÂN DÂN", "XÃ ĐỨC HỢP", "––––––––", "Số:         / TB-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập – Tự do – Hạnh phúc", "Đức Hợp, ngày ….. tháng 12 năm 2021", "THÔNG BÁO", "Về việc tạm dừng tiếp công dân"],
     dict(number="", number_symbol="/TB-UBND", date=None, date_partial="2021-12", issuer="Ủy ban nhân dân xã Đức Hợp",
          type="Thông báo")),
    # a text layer that lost spaces prints the type word glued ("NGHỊQUYẾT"): it is no part of the subject
    (["QUỐC HỘI", "Số: 27/2004/QH11", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Hà Nội, ngày 15 tháng 06 năm 2004", "NGHỊ QUYẾT", "NGHỊQUYẾT", "VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA HỘI ĐỒNG DÂN TỘC",
      "Căn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;"],
     dict(type="Nghị quyết", subject="VỀ VIỆC BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA HỘI ĐỒNG DÂN TỘC")),
    # no number and no motto, but a place-and-date line: the body above it is printed as a header
    (["UỶ BAN NHÂN DÂN HUYỆN MAI CHÂU", "Mai Châu, ngày 19 tháng 12 năm 2019", "THƯ NGỎ",
      "Vận động hỗ trợ (tự nguyện) kinh phí bắn pháo hoa", "Trong những năm qua, việc tổ chức bắn pháo hoa đã tạo không khí."],
     dict(issuer="Ủy ban nhân dân huyện Mai Châu", date="2019-12-19")),
    # a lettered part ("A -MỤC ĐÍCH, YÊU CẦU") ends the subject
    (["BAN TỔ CHỨC TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 20-HD/BTCTW", "Hà Nội, ngày 10 tháng 10 năm 2008",
      "HƯỚNG DẪN", "VỀ ĐÁNH GIÁ CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN", "A -MỤC ĐÍCH, YÊU CẦU",
      "- Đánh giá đúng chất lượng tổ chức cơ sở đảng và đảng viên."],
     dict(type="Hướng dẫn", subject="VỀ ĐÁNH GIÁ CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG VÀ ĐẢNG VIÊN")),
])
def test_real_layouts(lines, want):
    d = extract_document(text_doc(*lines))
    for k, v in want.items():
        if isinstance(v, str) and k not in ("number", "number_symbol", "date", "date_partial"):
            assert cf(d[k]) == cf(v), (k, d[k])
        else:
            assert d[k] == v, (k, d[k])


# ---------------------------------------------------------------- text that lost its layout
# Class 1: the two-column header flattened onto one line (or a few), left and right column items
# interleaved in reading order.
@pytest.mark.parametrize("lines,want", [
    (["UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc "
      "Số: 12/SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 tháng 11 năm 2010 V/v tổ chức hội thi giáo viên giỏi",
      "Kính gửi: Các trường trung học phổ thông", "Thực hiện kế hoạch năm học, Sở hướng dẫn như sau."],
     dict(type="Công văn", number="12/SGDĐT-VP", date="2010-11-05", place="Phan Rang-Tháp Chàm",
          issuer="Sở Giáo dục và Đào tạo tỉnh Ninh Thuận", subject="tổ chức hội thi giáo viên giỏi")),
    (["HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
      "Số: 76/2016/NQ-HĐND Lào Cai, ngày 15 tháng 12 năm 2016 NGHỊ QUYẾT Ban hành quy định mức chi hỗ trợ",
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"],
     dict(type="Nghị quyết", number="76/2016/NQ-HĐND", date="2016-12-15", place="Lào Cai",
          issuer="Hội đồng nhân dân tỉnh Lào Cai", subject="Ban hành quy định mức chi hỗ trợ")),
    (["TỈNH ỦY BẮC NINH ĐẢNG CỘNG SẢN VIỆT NAM * Số 45-CT/TU Bắc Ninh, ngày 03 tháng 4 năm 2019 CHỈ THỊ về tăng "
      "cường công tác phòng, chống tham nhũng", "Thời gian qua, công tác phòng, chống tham nhũng đã đạt kết quả."],
     dict(type="Chỉ thị", number="45-CT/TU", date="2019-04-03", issuer="Tỉnh ủy Bắc Ninh",
          subject="về tăng cường công tác phòng, chống tham nhũng")),
    (["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH SỞ GIÁO DỤC VÀ ĐÀO TẠO Số: 2917/SGDĐT-VP V/v hướng dẫn thi nghề "
      "phổ thông CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc TP. Hồ Chí Minh, ngày 12 tháng 9 năm 2007",
      "Kính gửi: Hiệu trưởng các trường trung học phổ thông"],
     dict(type="Công văn", number="2917/SGDĐT-VP", date="2007-09-12", place="TP. Hồ Chí Minh",
          issuer="Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh", subject="hướng dẫn thi nghề phổ thông")),
    (["BAN CHẤP HÀNH TRUNG ƯƠNG***Số: 215 - QĐ/TWĐTN-VPĐOÀN TNCS HỒ CHÍ MINH Hà Nội, ngày 14 tháng 3 năm 2017 "
      "QUYẾT ĐỊNHVề việc thành lập Ban Chỉ đạo--------- BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH- Căn cứ Điều lệ "
      "Đoàn TNCS Hồ Chí Minh;"],
     dict(type="Quyết định", number="215 - QĐ/TWĐTN-VP", date="2017-03-14", place="Hà Nội",
          issuer="Ban Chấp hành Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", subject="Về việc thành lập Ban Chỉ đạo")),
    (["BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ TÀI CHÍNH Độc lập - Tự do - Hạnh phúc",
      "Số: 318/STC-NS Cần Thơ, ngày 28 tháng 7 năm 2025", "V/v dự toán ngân sách năm 2026",
      "Kính gửi: Các sở, ban, ngành thành phố"],
     dict(type="Công văn", number="318/STC-NS", date="2025-07-28", place="Cần Thơ", subject="dự toán ngân sách năm 2026")),
])
def test_flattened_header(lines, want):
    got = extract_document(text_doc(*lines))
    for k, v in want.items():
        assert cf(got[k] or "") == cf(v), (k, got[k])


def test_flattened_header_offsets():
    line = ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
            "Số: 88/KH-UBND Hà Giang, ngày 02 tháng 3 năm 2023 KẾ HOẠCH Triển khai chuyển đổi số năm 2023")
    doc = text_doc(line, "I. MỤC ĐÍCH, YÊU CẦU")
    got = extract_document(doc)
    s, e = got["spans"]["number"]
    assert doc.text[s:e] == "88/KH-UBND"
    s, e = got["spans"]["subject"]
    assert doc.text[s:e] == "Triển khai chuyển đổi số năm 2023"
    assert got["issuer"] == "Ủy ban nhân dân tỉnh Hà Giang" and got["type"] == "Kế hoạch"


# Class 2–4: a number alone before the title, a spaced "Số:", the type from the number's code,
# the issuer from the number's issuer code and the place line.
@pytest.mark.parametrize("lines,want", [
    (["76/2016/NQ-HĐND", "NGHỊ QUYẾT", "Ban hành quy định mức chi", "HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI",
      "Căn cứ Luật Tổ chức chính quyền địa phương;"],
     dict(number="76/2016/NQ-HĐND", type="Nghị quyết", issuer="Hội đồng nhân dân tỉnh Lào Cai")),
    (["Số: 2917 /SGDĐT-VP", "V/v hướng dẫn thi nghề phổ thông", "Kính gửi: Hiệu trưởng các trường"],
     dict(number="2917 /SGDĐT-VP", type="Công văn", subject="hướng dẫn thi nghề phổ thông")),
    (["Số: 15/QĐ-UBND", "Yên Bái, ngày 05 tháng 01 năm 2020", "Về việc thành lập tổ công tác",
      "Căn cứ Luật Tổ chức chính quyền địa phương;"],
     dict(type="Quyết định", issuer="Ủy ban nhân dân tỉnh Yên Bái", subject="Về việc thành lập tổ công tác")),
    (["Số: 105/UBND-KT", "Vĩnh Long, ngày 05 tháng 01 năm 2024", "Kính gửi: Sở Tài chính",
      "Ủy ban nhân dân tỉnh đề nghị Sở Tài chính rà soát."],
     dict(type="Công văn", issuer="Ủy ban nhân dân tỉnh Vĩnh Long")),
    (["Số: 41/KH-UBND", "Hải Phòng, ngày 09 tháng 02 năm 2022", "Triển khai công tác cải cách hành chính."],
     dict(type="Kế hoạch", issuer="Ủy ban nhân dân thành phố Hải Phòng")),
    (["Số: 07/TTr-BNV", "Hà Nội, ngày 11 tháng 4 năm 2023", "Kính gửi: Chính phủ"],
     dict(type="Tờ trình", issuer="Bộ Nội vụ")),
    # the type printed before "số" on the number line; a cut body completed by the enacting line
    (["ỦY BAN THƯỜNG VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nghị quyết số: 90/2025/UBTVQH15",
      "Hà Nội, ngày 10 tháng 7 năm 2025", "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"],
     dict(type="Nghị quyết", number="90/2025/UBTVQH15", issuer="Ủy ban Thường vụ Quốc hội")),
])
def test_number_type_issuer_without_header_body(lines, want):
    got = extract_document(text_doc(*lines))
    for k, v in want.items():
        assert cf(got[k] or "") == cf(v), (k, got[k])


# Class 5: PDF text that lost letters: a header line that does not parse is skipped, no garbage.
@pytest.mark.parametrize("lines", [
    ["U BAN DÂN T C", "C NG HOÀ XÃ H I CH NGH A VI T NAM", "Căn cứ Nghị định số 51/2003/NĐ-CP;"],
    ["Y BAN NHÂN DÂN T NH B C K N", "C NG HÒA XÃ H I CH NGH A VI T NAM", "Đ c l p - T do - H nh phúc",
     "Căn cứ Luật Tổ chức chính quyền địa phương;"],
])
def test_broken_glyph_header_gives_no_garbage(lines):
    got = extract_document(text_doc(*lines))
    assert got["issuer"] is None


@pytest.mark.parametrize("subject_lines, subject", [
    (["V/v: Báo cáo nhu cầu hoạt động xe điện."], "Báo cáo nhu cầu hoạt động xe điện"),   # a letter's V/v line
    (["V/v báo cáo kết quả thực hiện", "năm 2024."], "báo cáo kết quả thực hiện năm 2024"),   # wrapped
    (["KẾ HOẠCH", "Triển khai chuyển đổi số năm 2023."], "Triển khai chuyển đổi số năm 2023"),   # a title
])
def test_subject_span_without_its_full_stop(subject_lines, subject):
    """The subject line's full stop is dropped from the subject and from its span alike."""
    doc = text_doc("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "Số: 88/UBND-KT", "Hà Giang, ngày 02 tháng 3 năm 2023",
                   *subject_lines, "Kính gửi: Sở Tài chính")
    got = extract_document(doc)
    s, e = got["spans"]["subject"]
    assert got["subject"] == subject
    assert " ".join(doc.text[s:e].split()) == subject


@pytest.mark.parametrize("lines, subject", [
    # a letter's subject marker under a title, or quoted after the type word, is no part of the subject
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", *MOTTO, "Số: 17/CĐ-UBND", "Hà Nội, ngày 01 tháng 8 năm 2021", "CÔNG ĐIỆN",
      "V/V THỰC HIỆN CÁC BIỆN PHÁP CẤP BÁCH PHÒNG CHỐNG DỊCH COVID-19", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI điện:"],
     "THỰC HIỆN CÁC BIỆN PHÁP CẤP BÁCH PHÒNG CHỐNG DỊCH COVID-19"),
    (["Thông báo “V/v phòng chống bão số 10”", *MOTTO[:2], "Bến Tre, ngày 16 tháng 11 năm 2008", "Kính gửi: Sở Y tế"],
     "phòng chống bão số 10"),
])
def test_subject_marker_after_title(lines, subject):
    doc = text_doc(*lines)
    got = extract_document(doc)
    s, e = got["spans"]["subject"]
    assert got["subject"] == subject and doc.text[s:e] == subject


def test_subject_wrapped_before_a_cited_number():
    """A narrow column wraps the V/v line before the number it cites, printed in capitals: the subject goes on."""
    doc = text_doc("BẢO HIỂM XÃ HỘI TP. HỒ CHÍ MINH", "Số: 711 / BHXH - CĐ", "V/v Hướng dẫn điều chỉnh",
                   "nội dung thông báo số", "54 / BHXH - CĐ", *MOTTO, "TP. Hồ Chí Minh, ngày 17 tháng 03 năm 2016",
                   "Kính gửi: Bảo hiểm xã hội Quận, huyện.")
    assert extract_document(doc)["subject"] == "Hướng dẫn điều chỉnh nội dung thông báo số 54 / BHXH - CĐ"


def test_number_glued_to_its_subject_marker():
    """A web copy ran the V/v line onto the number's and glued it on: the number ends before "V/v", the subject is
    what follows it, and the document does not cite itself."""
    from extractors import extract
    doc = text_doc("VĂN PHÒNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                   "Số: 2597/VPCP-NCV/v tổ chức họp mặt mừng Tết Chôl Chnăm Thmây năm 2017",
                   "Hà Nội, ngày 21 tháng 3 năm 2017", "Kính gửi: Thường trực Ban Chỉ đạo Tây Nam Bộ",
                   "Xét đề nghị tại văn bản số 1002-CV/BCĐTNB ngày 01 tháng 3 năm 2017, Thủ tướng có ý kiến như sau:")
    got = extract(doc)
    assert got["document"]["number"] == "2597/VPCP-NC"
    assert got["document"]["subject"] == "tổ chức họp mặt mừng Tết Chôl Chnăm Thmây năm 2017"
    assert [c["number"] for c in got["citations"]] == ["1002-CV/BCĐTNB"]


def test_long_title_in_capitals_is_the_subject():
    """A title in capitals that cites two resolutions runs past 400 characters: still the subject."""
    title = ("VỀ SỬA ĐỔI, BỔ SUNG MỘT SỐ NỘI DUNG TẠI MỤC III, ĐIỀU 1 - NGHỊ QUYẾT SỐ 182/2007/NQ-HĐND NGÀY 10/12/2007 "
             "CỦA HĐND TỈNH VỀ MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP, CƠ CHẾ, CHÍNH SÁCH ĐẨY MẠNH CÔNG TÁC PHÒNG, CHỐNG MA TUÝ "
             "TRÊN ĐỊA BÀN TỈNH SƠN LA GIAI ĐOẠN 2008 - 2010 VÀ NGHỊ QUYẾT SỐ 237/2008/NQ-HĐND NGÀY 27/9/2008 VỀ BÃI BỎ, "
             "SỬA ĐỔI MỘT SỐ NỘI DUNG TẠI MỤC III, ĐIỀU 1 - NGHỊ QUYẾT SỐ 182/2007/NQ-HĐND NGÀY 10/12/2007 CỦA HĐND TỈNH")
    doc = text_doc("HỘI ĐỒNG NHÂN DÂN", "TỈNH SƠN LA", *MOTTO, "Số: 272/2009/NQ-HĐND", "Sơn La, ngày 17 tháng 4 năm 2009",
                   "NGHỊ QUYẾT", title, "HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA", "Căn cứ Luật Tổ chức HĐND và UBND;")
    assert len(title) > 400 and extract_document(doc)["subject"] == title


@pytest.mark.parametrize("lines, want", [
    # a title printed in quotes
    (["UỶ BAN NHÂN DÂN", "TỈNH BẾN TRE", *MOTTO, "Số: 3195/2004/QĐ-UB", "Bến Tre, ngày 18 tháng 8 năm 2004", "QUYẾT ĐỊNH",
      "“VỀ VIỆC BAN HÀNH QUY CHẾ KIỂM TRA, XỬ LÝ VĂN BẢN QUY PHẠM PHÁP LUẬT”", "UỶ BAN NHÂN DÂN TỈNH", "- Căn cứ Luật;"],
     dict(type="Quyết định", subject="VỀ VIỆC BAN HÀNH QUY CHẾ KIỂM TRA, XỬ LÝ VĂN BẢN QUY PHẠM PHÁP LUẬT")),
    # a council's session line above a quoted title that lost its type line; a dot for the dash after the type code
    (["HỘI ĐỒNG NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 09/2004/NQ.HĐNDK7",
      "TX Vĩnh Long, ngày 29 tháng 12 năm 2004", "CỦA HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG", "KHOÁ VII KỲ HỌP THỨ 3",
      '"VỀ NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI AN NINH, QUỐC PHÒNG NĂM 2005"', "HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG",
      "Căn cứ Luật tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003."],
     dict(type="Nghị quyết", subject="VỀ NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI AN NINH, QUỐC PHÒNG NĂM 2005")),
])
def test_quoted_titles(lines, want):
    doc = text_doc(*lines)
    got = extract_document(doc)
    assert {k: got[k] for k in want} == want
    s, e = got["spans"]["subject"]
    assert doc.text[s:e] == want["subject"]


def test_date_line_without_its_place():
    """The header's place-and-date line lost its place: the date alone on its line is the document's."""
    doc = text_doc("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 65/1999/QĐ-UB", "ngày 29 tháng 06 năm 1999",
                   "VỀ VIỆC BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ ĐIỆN NÔNG THÔN", "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
                   "Căn cứ Quyết định số 22/1999/QĐ-TTg ngày 13/02/1999 của Thủ tướng Chính phủ;")
    got = extract_document(doc)
    assert got["date"] == "1999-06-29" and got["place"] is None


def test_motto_head_after_the_body_on_its_line():
    """A two-column header read across: the motto's head after the body on its line, its tail on the next."""
    doc = text_doc("BỘ VĂN HOÁ - THÔNG TIN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA", "Số: 28/2002/QĐ-BVHTT VIỆT NAM",
                   "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 21 tháng 11 năm 2002",
                   "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ VĂN HÓA - THÔNG TIN", "Ban hành Quy chế Xuất bản bản tin",
                   "Căn cứ Nghị định số 63/2003/NĐ-CP;")
    assert cf(extract_document(doc)["issuer"]) == cf("Bộ Văn hoá - Thông tin")


def test_gazette_title_line_under_the_type():
    """"THÔNG TƯ" / "SỐ 01/2004/TT-TANDTC NGÀY 16-01-2004 CỦA TÒA ÁN NHÂN DÂN TỐI CAO HƯỚNG DẪN …": the subject begins
    after the body that issued it."""
    doc = text_doc("TÒA ÁN NHÂN DÂN TỐI CAO", *MOTTO, "Số: 01/2004/TT-TANDTC", "Hà Nội, ngày 16 tháng 01 năm 2004",
                   "THÔNG TƯ", "SỐ 01/2004/TT-TANDTC NGÀY 16-01-2004 CỦA TÒA ÁN NHÂN DÂN TỐI CAO HƯỚNG DẪN THỰC HIỆN VIỆC "
                   "CHIA TÁCH, THÀNH LẬP CÁC TÒA ÁN NHÂN DÂN ĐỊA PHƯƠNG", "Để thực hiện các Nghị quyết của Quốc hội.")
    got = extract_document(doc)
    assert got["subject"] == "HƯỚNG DẪN THỰC HIỆN VIỆC CHIA TÁCH, THÀNH LẬP CÁC TÒA ÁN NHÂN DÂN ĐỊA PHƯƠNG"


@pytest.mark.parametrize("first, issuer", [
    ("BỘ VĂN HOÁ, THỂ THAO", "Bộ Văn hóa, Thể thao và Du lịch"),   # a cell cut inside a list-like name
    ("VIỆN KIỂM SÁT NHÂN DÂN", "Viện kiểm sát nhân dân"),   # a name complete as printed stays as printed
])
def test_cut_header_cell_completed_from_the_vocabulary(first, issuer):
    doc = text_doc(first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 274/CT-BVHTTDL", "Hà Nội, ngày 23 tháng 9 năm 2022",
                   "Trong thời gian qua, các hoạt động lễ hội đã từng bước đi vào nề nếp.")
    assert cf(extract_document(doc)["issuer"]) == cf(issuer)
