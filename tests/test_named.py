"""Documents named without a number (fixtures README "named_citations"; tests/real/SOURCES.md):
laws by name, Party documents, and titled plans, programmes and schemes of other bodies —
varied real phrasings; products, own titles, titles of numbered citations and activities are not."""
import pytest

from extractors.citations import extract_citations, extract_named_citations
from pipeline.model import DocumentBuilder


def named(*paras: str, document: dict | None = None) -> list[tuple[str, str, str | None]]:
    b = DocumentBuilder()
    for p in paras:
        b.paragraph(p)
    d = b.build("t.txt", "docx", "0" * 64)
    doc = document or {"number": None}
    cs = extract_citations(d, doc)
    return [(c["type"], c["name"], c["date"]) for c in extract_named_citations(d, doc, cs)]


@pytest.mark.parametrize("paras,expected", [
    # what follows a law's name is no part of it: "ban hành ngày", "do Chủ tịch nước … công bố", a damaged
    # or cut date; a plan's date neither
    (["Căn cứ Luật Tổ chức HĐND và UBND ban hành ngày 26 tháng 11 năm 2003;"], [("Luật", "Luật Tổ chức HĐND và UBND", None)]),
    # a law with its number is a citation, also when the page lost the letters of "số" ("s 47/2010/QH12")
    (["Căn cứ Luật các tổ chức tín dụng s 47/2010/QH12 ngày 16 tháng 6 năm 2010;"], []),
    # … nor a flattened letter's salutation
    (["TỜ TRÌNH Về dự thảo Nghị định quy định biện pháp tổ chức thi hành Luật Thanh tra Kính gửi: Chính phủ"],
     [("Luật", "Luật Thanh tra", None)]),
    # a plenum resolution is named by its plenum and body, not its topic; the working rules of a body printed in
    # lower case ("Ban chấp hành") run to their term
    (["- Căn cứ Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương về tiếp tục đổi mới phương thức lãnh đạo;"],
     [("Nghị quyết", "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương", None)]),
    (["- Căn cứ Quy chế làm việc của Ban chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XII;"],
     [("Quy chế", "Quy chế làm việc của Ban chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XII", None)]),
    # the items of a "Căn cứ" list need no cue of their own; a congress's resolution keeps "của Đảng"
    (["- Căn cứ Điều lệ Đảng; Nghị quyết Đại hội X của Đảng;"],
     [("Điều lệ", "Điều lệ Đảng", None), ("Nghị quyết", "Nghị quyết Đại hội X của Đảng", None)]),
    (["Các đơn vị báo cáo kết quả; Kế hoạch năm sau gửi Sở trước ngày 10/12."], []),
    # "…, cụ thể như sau", "…, góp phần …": the sentence goes on after the title
    (["1. Nhằm thống nhất hành động của các cấp bộ Đoàn trong việc thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần "
      "thứ XIII của Đảng, góp phần sớm đưa Nghị quyết vào cuộc sống."],
     [("Nghị quyết", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", None)]),
    # a body whose name holds "Luật" is no law
    (["Kính gửi:", "- Hội Luật gia Việt Nam;", "- Liên đoàn Luật sư Việt Nam;", "Căn cứ Luật Luật sư năm 2006;"],
     [("Luật", "Luật Luật sư năm 2006", None)]),
    # the place and date of the next line are not the subject line's law's
    (["V/v thực hiện Luật Đất đai", "Nam Định, ngày 10 tháng 3 năm 2024"], [("Luật", "Luật Đất đai", None)]),
    (["Căn cứ Luật Tổ chức HĐND và UBND do Chủ tịch nước Cộng hòa XHCN Việt Nam công bố;"],
     [("Luật", "Luật Tổ chức HĐND và UBND", None)]),
    (["Căn cứ Luật Tổ chức HĐND và UBND ngày 26/1 l/2003;"], [("Luật", "Luật Tổ chức HĐND và UBND", None)]),
    (["Căn cứ Luật Tự do báo chí năm 2016;"], [("Luật", "Luật Tự do báo chí năm 2016", None)]),
    (["Thực hiện Nghị quyết HĐND tỉnh khóa II kỳ họp thứ 6 ngày 05/7/1997 về giá vé;"],
     [("Nghị quyết", "Nghị quyết HĐND tỉnh khóa II kỳ họp thứ 6", None)]),
    (["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
      "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"],
     [("Luật", "Luật Tổ chức chính quyền địa phương", "2015-06-19"),
      ("Luật", "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
       "2019-11-22")]),
    (["Thực hiện Luật Hộ tịch năm 2014, Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết "
      "một số điều của Luật Hộ tịch; UBND tỉnh ban hành Kế hoạch."], [("Luật", "Luật Hộ tịch năm 2014", None)]),
    (["Căn cứ Luật Xây dựng;", "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;"], [("Luật", "Luật Xây dựng", None)]),
    (["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"],
     [("Hiến pháp", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", None)]),
    (["Căn cứ Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh cán bộ, công chức ngày 29 tháng 04 năm 2003;"],
     [("Pháp lệnh", "Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh cán bộ, công chức", "2003-04-29")]),
    (["Căn cứ Luật Hoạt động giám sát của\nQuốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;"],
     [("Luật", "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "2015-11-20")]),
    (["Các cơ quan thực hiện theo quy định của pháp luật. Luật này có hiệu lực từ ngày 01/7/2025."], []),
    # "Bộ Luật" capitalised as some pages print it; "(sửa đổi)" is part of the name
    (["- Căn cứ Luật Tổ chức HĐND và UBND (sửa đổi) ngày 21 tháng 6 năm 1994;", "- Căn cứ Bộ Luật Dân sự ngày 28 tháng 10 năm 1995;"],
     [("Luật", "Luật Tổ chức HĐND và UBND (sửa đổi)", "1994-06-21"), ("Bộ luật", "Bộ Luật Dân sự", "1995-10-28")]),
    # a comma inside "của Hội đồng nhân dân, Ủy ban nhân dân" does not end the name
    (["Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân năm 2004;"],
     [("Luật", "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân năm 2004", None)]),
    (["Thực hiện Luật Đất đai, Ủy ban nhân dân tỉnh ban hành Kế hoạch."], [("Luật", "Luật Đất đai", None)]),
    # two laws joined by "và" (an amending law's title keeps them as one), "mới" is not part of a name
    (["Nay Hiến pháp mới và Luật Tổ chức Chính phủ mới đã được ban hành."],
     [("Hiến pháp", "Hiến pháp", None), ("Luật", "Luật Tổ chức Chính phủ", None)]),
    # Party documents
    (["- Căn cứ Điều lệ Đảng;", "- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương Đảng, Bộ Chính trị và Ban "
      "Bí thư khóa XIII;"],
     [("Điều lệ", "Điều lệ Đảng", None),
      ("Quy chế", "Quy chế làm việc của Ban Chấp hành Trung ương Đảng, Bộ Chính trị và Ban Bí thư khóa XIII", None)]),
    (["Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Điều lệ Đoàn TNCS Hồ Chí Minh; Điều lệ Hội LHTN Việt Nam;"],
     [("Điều lệ", "Điều lệ Đảng Cộng sản Việt Nam", None), ("Điều lệ", "Điều lệ Đoàn TNCS Hồ Chí Minh", None),
      ("Điều lệ", "Điều lệ Hội LHTN Việt Nam", None)]),
    (["Căn cứ Quy chế làm việc của Tỉnh ủy khóa XI, nhiệm kỳ 2020 - 2025;",
      "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ huyện nhiệm kỳ VIII(2001-2005);"],
     [("Quy chế", "Quy chế làm việc của Tỉnh ủy khóa XI, nhiệm kỳ 2020 - 2025", None),
      ("Quy chế", "Quy chế làm việc của Ban Chấp hành Đảng bộ huyện nhiệm kỳ VIII(2001-2005)", None)]),
    (["Tuyên truyền Luật Trẻ em và các chính sách pháp luật liên quan đến trẻ em."], [("Luật", "Luật Trẻ em", None)]),
    # glued to the word before by a web page; working rules named in lower case
    (["Căn cứĐiều lệ Đảng Cộng sản Việt Nam; rút kinh nghiệm việc thực hiện quy chế làm việc của Ban Chấp hành Đảng bộ "
      "Huyện nhiệm kỳ VIII(2001-2005)."],
     [("Điều lệ", "Điều lệ Đảng Cộng sản Việt Nam", None),
      ("Quy chế", "quy chế làm việc của Ban Chấp hành Đảng bộ Huyện nhiệm kỳ VIII(2001-2005)", None)]),
    # a numbered citation named again by its type, issuer and subject is not another document
    (["Thực hiện Nghị quyết số 95/2014/NQ-HĐND ngày 11/12/2014 của HĐND tỉnh về nhiệm vụ phát triển kinh tế - xã hội "
      "năm 2015, thực hiện Nghị quyết của HĐND tỉnh về nhiệm vụ phát triển kinh tế - xã hội năm 2015, các cơ quan đã "
      "triển khai."], []),
    (["- Căn cứ Quy chế làm việc của Ủy ban Kiểm tra Trung ương khóa XII;"],
     [("Quy chế", "Quy chế làm việc của Ủy ban Kiểm tra Trung ương khóa XII", None)]),
    (["Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ XVI, nhiệm kỳ 2025 - 2030 đã xác định mục tiêu.",
      "Để thực hiện Chương trình hành động số 02-CTr/TU ngày 15/11/2025 của Ban Chấp hành Đảng bộ tỉnh thực hiện "
      "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI, Ủy ban nhân dân tỉnh ban hành Chương trình."],
     [("Nghị quyết", "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lào Cai lần thứ XVI, nhiệm kỳ 2025 - 2030", None)]),
    # plans, programmes and schemes of other bodies
    (["Tham mưu ban hành Kế hoạch triển khai thực hiện Đề án “Phát triển ứng dụng dữ liệu về dân cư giai đoạn "
      "2022-2025” trên địa bàn tỉnh Hà Giang."],
     [("Đề án", "Đề án “Phát triển ứng dụng dữ liệu về dân cư giai đoạn 2022-2025”", None)]),
    (["Tham mưu ban hành Kế hoạch thực hiện Chương trình quốc gia về tăng năng suất lao động trên địa bàn tỉnh "
      "Bình Phước giai đoạn 2026 - 2030"],
     [("Chương trình", "Chương trình quốc gia về tăng năng suất lao động", None)]),
    (["Triển khai Đề án phát triển nguồn nhân lực chất lượng cao về an toàn thông tin mạng"],
     [("Đề án", "Đề án phát triển nguồn nhân lực chất lượng cao về an toàn thông tin mạng", None)]),
    (["Triển khai bộ quy tắc ứng xử trên mạng xã hội và đề án chuyển đổi số trong lĩnh vực văn hóa"],
     [("Bộ quy tắc", "bộ quy tắc ứng xử trên mạng xã hội", None),
      ("Đề án", "đề án chuyển đổi số trong lĩnh vực văn hóa", None)]),
    (["Phát triển khu công nghệ số theo Quy hoạch tỉnh Bình Định thời kỳ 2021 - 2030, tầm nhìn đến năm 2050. "
      "Các sở triển khai."],
     [("Quy hoạch", "Quy hoạch tỉnh Bình Định thời kỳ 2021 - 2030, tầm nhìn đến năm 2050", None)]),
    (["Xét đề nghị của Giám đốc Sở Nội vụ và Tổ trưởng Tổ công tác thực hiện Đề án 06 của Ủy ban nhân dân tỉnh,"],
     [("Đề án", "Đề án 06", None)]),
    (["Thực hiện Nghị quyết của Quốc hội về dự toán ngân sách nhà nước năm 2026, Chính phủ đã ban hành các giải pháp."],
     [("Nghị quyết", "Nghị quyết của Quốc hội về dự toán ngân sách nhà nước năm 2026", None)]),
    # "Luật Thi đua, Khen thưởng" is one law; "có hiệu lực" follows a name; a body's working rules keep
    # "của <body>" in their title
    (["Căn cứ Luật Thi đua, Khen thưởng;"], [("Luật", "Luật Thi đua, Khen thưởng", None)]),
    (["Luật Bảo hiểm y tế có hiệu lực thi hành từ ngày 01/7/2009, nên cần bổ sung."],
     [("Luật", "Luật Bảo hiểm y tế", None)]),
    (["Thực hiện Quy chế làm việc của Chính phủ, Văn phòng Chính phủ đề nghị các Bộ tổ chức trực."],
     [("Quy chế", "Quy chế làm việc của Chính phủ", None)]),
    # a law named with its year and again without it is one law; the Constitution named by its year alone; a law
    # named with two years is two laws
    (["Thực hiện Luật Phổ biến, giáo dục pháp luật năm 2012; Luật Hòa giải ở cơ sở năm 2013;",
      "Triển khai có hiệu quả Luật Phổ biến, giáo dục pháp luật (PBGDPL); Luật Hòa giải ở cơ sở; các quy định khác."],
     [("Luật", "Luật Phổ biến, giáo dục pháp luật năm 2012", None), ("Luật", "Luật Hòa giải ở cơ sở năm 2013", None)]),
    (["Để tổng kết hoạt động Ban chỉ đạo tổng kết thi hành Hiến pháp năm 1992 của Chính phủ, Phó Thủ tướng có ý kiến:",
      "1. Tổ chức cuộc họp tổng kết thi hành Hiến pháp năm 1992 vào thời gian trước ngày 10 tháng 01 năm 2014;"],
     [("Hiến pháp", "Hiến pháp năm 1992", None)]),
    (["Luật Tố cáo năm 2018 ban hành với nhiều quy định mới so với Luật Tố cáo năm 2011 như: thẩm quyền giải quyết.",
      "Căn cứ Luật Tố cáo;"],
     [("Luật", "Luật Tố cáo năm 2018", None), ("Luật", "Luật Tố cáo năm 2011", None)]),
    # an amending law's title lists the laws it amends, commas and all, up to its date
    (["Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật Xử lý "
      "vi phạm hành chính ngày 29 tháng 11 năm 2024;"],
     [("Luật", "Luật Sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, Luật Kiểm toán độc lập, Luật Xử lý "
       "vi phạm hành chính", "2024-11-29")]),
    # a title ends where its sentence goes on: "… và triển khai …", ", với các nội dung …"
    (["Sau khi nghe báo cáo kết quả thực hiện Kế hoạch phát triển ngành nông nghiệp, nông thôn năm 2022 và triển khai "
      "Kế hoạch năm 2023, Phó Chủ tịch kết luận."],
     [("Kế hoạch", "Kế hoạch phát triển ngành nông nghiệp, nông thôn năm 2022", None)]),
    # a law or ordinance with its number is a numbered citation, not a named one
    (["Căn cứ Pháp lệnh số 16/2011/UBTVQH12 ngày 30 tháng 6 năm 2011 về quản lý vũ khí; Pháp lệnh số "
      "07/2013/UBTVQH13 ngày 12 tháng 7 năm 2013 sửa đổi bổ sung một số điều;"], []),
    # not named citations: titles of numbered citations, own products, activities, generic mentions
    (["Thực hiện Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ hoạt "
      "động bình đẳng giới vùng dân tộc thiểu số”;", "Đề nghị các tỉnh báo cáo kết quả thực hiện Đề án “Hỗ trợ hoạt "
      "động bình đẳng giới vùng dân tộc thiểu số” trong năm 2025."], []),
    (["Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hành động vì sự tiến bộ phụ nữ tỉnh Ninh Thuận giai đoạn "
      "2006 - 2010.", "Điều 2. Các sở tổ chức thực hiện Kế hoạch hành động vì sự tiến bộ phụ nữ tỉnh Ninh Thuận."], []),
    (["Tiếp tục thực hiện chương trình đào tạo, bồi dưỡng cho cán bộ, công chức kiến thức về chuyển đổi số."], []),
    # a short name the text defined ("sau đây gọi tắt là Chương trình") followed by its predicate
    (["Kiểm tra, giám sát, đánh giá kết quả thực hiện Chương trình phải được thực hiện định kỳ 6 tháng, hằng năm.",
      "Phát hiện vướng mắc trong quá trình tổ chức thực hiện Chương trình ở các cấp địa phương."], []),
    (["Xây dựng và triển khai Kế hoạch phát triển dữ liệu của tỉnh đảm bảo liên thông, chia sẻ."], []),
    (["Thực hiện Kế hoạch này, các sở, ngành báo cáo định kỳ; đánh giá kết quả thực hiện Đề án trong thời gian qua."], []),
    (["Triển khai Kế hoạch triển khai thực hiện Quyết định số 1751/QĐ-TTg ngày 12/8/2025 của Thủ tướng Chính phủ."], []),
])
def test_named(paras, expected):
    assert named(*paras) == expected


def test_named_in_own_subject_is_cited_but_the_document_itself_is_not():
    subject = "báo cáo kết quả thực hiện Kế hoạch triển khai phong trào “Bình dân học vụ số” trên địa bàn tỉnh"
    got = named("V/v " + subject, "Kính gửi: Sở Khoa học và Công nghệ",
                document={"number": None, "type": "Công văn", "subject": subject})
    assert got == [("Kế hoạch", "Kế hoạch triển khai phong trào “Bình dân học vụ số” trên địa bàn tỉnh", None)]
    own = "triển khai phong trào “Bình dân học vụ số” trên địa bàn tỉnh Cà Mau"
    assert named("KẾ HOẠCH", own, "Thực hiện Kế hoạch " + own + ", các sở báo cáo.",
                 document={"number": None, "type": "Kế hoạch", "subject": own}) == []


def test_quoc_hoi_ends_no_body_name_before_a_law():
    """"của Quốc hội Luật Ban hành …": the law is named (a body's name before "Luật" is matched as printed)."""
    got = named("Căn cứ Luật số 64/2025/QH15 ngày 19/02/2025 của Quốc hội Luật Ban hành văn bản quy phạm pháp luật;")
    assert ("Luật", "Luật Ban hành văn bản quy phạm pháp luật", None) in got
