"""Citation grammar on varied real phrasings (state, Party, legal; other provinces and years)
and on the seed documents in every format."""
import json
from pathlib import Path

import pytest

from extractors.citations import extract_citations, extract_named_citations, extract_reported_relations
from extractors.header import extract_document
from pipeline.model import DocumentBuilder
from pipeline.normalize import compare_form as cf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def doc_of(*paras: str):
    b = DocumentBuilder()
    for p in paras:
        b.paragraph(p)
    return b.build("t.txt", "docx", "0" * 64)


def cites(*paras: str, document=None):
    d = doc_of(*paras)
    return extract_citations(d, document or {"number": None})


@pytest.mark.parametrize("para,number,typ,date,issuer,relation", [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Căn cứ Nghị định số 30/2020/NĐ-CP "
     "ngày 05/3/2020 của Chính phủ về công tác văn thư;", "30/2020/NĐ-CP", "Nghị định", "2020-03-05", "Chính phủ", "can_cu"),
    ("Thực hiện Chỉ thị số 19/CT-TTg ngày 25/6/2024 của Thủ tướng Chính phủ về tăng cường, Ủy ban nhân dân "
     "tỉnh Nghệ An ban hành Kế hoạch như sau:", "19/CT-TTg", "Chỉ thị", "2024-06-25", "Thủ tướng Chính phủ", "thuc_hien"),
    ("Phúc đáp Công văn số 2345/SNV-TCBC ngày 12/8/2024 của Sở Nội vụ tỉnh Quảng Ninh, Sở Tài chính có ý kiến như sau:",
     "2345/SNV-TCBC", "Công văn", "2024-08-12", "Sở Nội vụ tỉnh Quảng Ninh", "tra_loi"),
    ("Tiếp nhận Công văn số 88/BKHCN-VP ngày 03/01/2026 của Bộ Khoa học và Công nghệ về việc góp ý,",
     "88/BKHCN-VP", "Công văn", "2026-01-03", "Bộ Khoa học và Công nghệ", "tra_loi"),
    ("Các đơn vị triển khai theo Kế hoạch số 552/KH-UBND ngày 19/11/2025.", "552/KH-UBND", "Kế hoạch",
     "2025-11-19", None, "theo"),
    ("Quyết định này thay thế Quyết định số 1234/QĐ-UBND ngày 01/10/2019 của UBND tỉnh Hà Giang.",
     "1234/QĐ-UBND", "Quyết định", "2019-10-01", "UBND tỉnh Hà Giang", "thay_the"),
    ("Bãi bỏ Quyết định số 18/2016/QĐ-UBND ngày 20/5/2016 của Ủy ban nhân dân tỉnh Long An.",
     "18/2016/QĐ-UBND", "Quyết định", "2016-05-20", "Ủy ban nhân dân tỉnh Long An", "bai_bo"),
    ("Thực hiện Nghị quyết số 12-NQ/ĐU, ngày 05/9/2026 của Đảng ủy xã Tân Phú, Ban Thường vụ ban hành kế hoạch.",
     "12-NQ/ĐU", "Nghị quyết", "2026-09-05", "Đảng ủy xã Tân Phú", "thuc_hien"),
    ("Căn cứ Quy định số 66-QĐ/TW ngày 06-02-2017 của Ban Chấp hành Trung ương về thể loại, thẩm quyền ban hành,",
     "66-QĐ/TW", "Quy định", "2017-02-06", "Ban Chấp hành Trung ương", "can_cu"),
    ("Căn cứ Thông tư số 01/2011/TT-BNV ngày 19 tháng 01 năm 2011 của Bộ Nội vụ hướng dẫn thể thức;",
     "01/2011/TT-BNV", "Thông tư", "2011-01-19", "Bộ Nội vụ", "can_cu"),
    ("KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ", "19/CT-TTG", "Chỉ thị", None,
     "THỦ TƯỚNG CHÍNH PHỦ", "other"),
    ("Trên cơ sở đề xuất của Sở Tài chính tại Tờ trình số 45/TTr-STC ngày 02/02/2026, UBND tỉnh thống nhất.",
     "45/TTr-STC", "Tờ trình", "2026-02-02", "Sở Tài chính", "theo"),
    # a title in capitals: ", KHEN THƯỞNG" is no new clause, the opening "SỬA ĐỔI, BỔ SUNG" governs
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA QUY CHẾ CÔNG TÁC THI ĐUA, KHEN THƯỞNG TRÊN ĐỊA BÀN TỈNH BAN HÀNH KÈM THEO QUYẾT "
     "ĐỊNH SỐ 13/2018/QĐ-UBND NGÀY 27 THÁNG 4 NĂM 2018 CỦA ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "13/2018/QĐ-UBND", "Quyết định",
     "2018-04-27", "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "sua_doi"),
    # "theo quy định của" follows the document, inside a clause another cue opens; "Tiếp tục triển khai" implements
    ("Thực hiện Chương trình công tác năm 2015 của Bộ, về việc may, mặc đồng phục theo quy định của Thông tư số "
     "26/2009/TT-BGDĐT ngày 30/9/2009 (Thông tư 26); Bộ đề nghị các sở báo cáo.", "26/2009/TT-BGDĐT", "Thông tư",
     "2009-09-30", None, "theo"),
    ("- Tiếp tục triển khai Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư về tiếp tục thực hiện Chỉ thị;",
     "80-KL/TW", "Kết luận", "2020-06-20", "Ban Bí thư", "thuc_hien"),
    # a web copy lost the "cứ" of "Căn cứ"
    ("Căn Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12 ngày 16 tháng 6 năm 2010;", "46/2010/QH12", "Luật",
     "2010-06-16", None, "can_cu"),
    ("Căn Nghị định số 96/2008/NĐ-CP ngày 26/8/2008 của Chính phủ quy định chức năng;", "96/2008/NĐ-CP", "Nghị định",
     "2008-08-26", "Chính phủ", "can_cu"),
])
def test_single_citation(para, number, typ, date, issuer, relation):
    cs = cites(para)
    assert len(cs) == 1, cs
    c = cs[0]
    assert (c["number"], c["type"], c["date"], c["relation"]) == (number, typ, date, relation)
    assert cf(c["issuer"]) == cf(issuer)
    assert c["quote"].lower().startswith(typ.lower().split()[0])
    assert len(c["quote"]) <= 160


@pytest.mark.parametrize("para,numbers", [
    ("các Quyết định số 1, 2 và 3/QĐ-UBND ngày 05/01/2026 của UBND tỉnh Cà Mau",
     ["1/QĐ-UBND", "2/QĐ-UBND", "3/QĐ-UBND"]),
    ("(Nghị định số 267/NĐ-CP và Nghị định số 268/NĐ-CP) để triển khai", ["267/NĐ-CP", "268/NĐ-CP"]),
    ("Nghị quyết số 57-\nNQ/TW ngày 22/12/2024 của Bộ Chính trị", ["57-NQ/TW"]),
    ("Tỉnh xếp thứ 15/63 tỉnh, thành phố; tốc độ 01 Gbps/s; ngày 10/10 hằng năm; đạt 90%; ĐT: 0277.3851234; "
     "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", []),
])
def test_lists_and_non_citations(para, numbers):
    assert [c["number"] for c in cites(para)] == numbers


def test_document_does_not_cite_itself():
    d = doc_of("Phụ lục I", "(Ban hành kèm theo Kế hoạch số 50/KH-UBND ngày 16/01/2026 của Ủy ban nhân dân tỉnh)",
               "Thực hiện Nghị quyết số 57-NQ/TW.")
    assert [c["number"] for c in extract_citations(d, {"number": "50/KH-UBND"})] == ["57-NQ/TW"]
    assert [c["number"] for c in extract_citations(d, {"number": None})] == ["57-NQ/TW"]


def test_mentions_merge_and_count():
    cs = cites("Căn cứ Nghị quyết số 11/NQ-CP ngày 14/01/2026 của Chính phủ;",
               "Theo Nghị quyết số 11/NQ-CP, các sở triển khai.")
    assert len(cs) == 1 and cs[0]["mentions"] == 2 and cs[0]["relation"] == "can_cu"


def test_nested_and_reported():
    d = doc_of("Căn cứ Nghị quyết số 11/NQ-CP ngày 14/01/2026 của Chính phủ sửa đổi, bổ sung, cập nhật Nghị quyết "
               "số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung cập nhật Chương trình hành động của "
               "Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;")
    cs = extract_citations(d, {"number": None})
    assert [(c["number"], c["relation"]) for c in cs] == [
        ("11/NQ-CP", "can_cu"), ("71/NQ-CP", "other"), ("57-NQ/TW", "other")]
    rel = {(r["source"], r["relation"], r["target"]) for r in extract_reported_relations(d, cs)}
    assert ("11/NQ-CP", "sua_doi", "71/NQ-CP") in rel
    assert ("71/NQ-CP", "thuc_hien", "57-NQ/TW") in rel


def test_named_law():
    d = doc_of("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    named = extract_named_citations(d, {}, [])
    assert named[0]["type"] == "Luật"
    assert named[0]["name"] == "Luật Tổ chức chính quyền địa phương"
    assert named[0]["date"] == "2015-06-19"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
@pytest.mark.parametrize("seed", ["seed000", "seed001", "seed002", "seed003", "seed004"])
def test_seed_citations(seed, fmt):
    from pipeline.readers import read
    path = CORPUS / f"{seed}.{fmt}"
    if not path.exists():
        pytest.skip("no file")
    gold = json.loads((CORPUS / f"{seed}.gold.json").read_text(encoding="utf-8"))
    d = read(path)
    cs = extract_citations(d, extract_document(d))
    got = {cf(c["number"]): c for c in cs}
    want = {cf(c["number"]): c for c in gold["citations"]}
    assert set(got) == set(want)
    for k, g in want.items():
        for f in ("type", "date", "issuer", "relation"):
            assert cf(got[k][f]) == cf(g[f]), (k, f)


@pytest.mark.parametrize("para,issuers", [
    # one issuer phrase after a list of documents of one type applies to all of them
    ("Kỳ thi thực hiện theo Quy chế ban hành kèm theo Thông tư số 15/2020/TT-BGDĐT ngày 26/5/2020 được sửa đổi, bổ sung "
     "tại Thông tư số 05/2021/TT-BGDĐT ngày 12/3/2021 và Thông tư số 02/2024/TT-BGDĐT ngày 06/3/2024 của Bộ trưởng "
     "Bộ Giáo dục và Đào tạo.",
     {"15/2020/TT-BGDĐT": "Bộ trưởng Bộ Giáo dục và Đào tạo", "05/2021/TT-BGDĐT": "Bộ trưởng Bộ Giáo dục và Đào tạo",
      "02/2024/TT-BGDĐT": "Bộ trưởng Bộ Giáo dục và Đào tạo"}),
    ("Căn cứ Thông tư số 01/2021/TT-TTCP ngày 11/3/2021, Thông tư số 04/2021/TT- TTCP ngày 01/10/2021 của Thanh tra "
     "Chính phủ quy định quy trình tiếp công dân;",
     {"01/2021/TT-TTCP": "Thanh tra Chính phủ", "04/2021/TT-TTCP": "Thanh tra Chính phủ"}),
    # but not across types
    ("Thực hiện Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 và Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng "
     "Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch.",
     {"27/2022/NĐ-CP": None, "90/QĐ-TTg": "Thủ tướng Chính phủ"}),
    # the next item of a list is not part of an issuer
    ("Thực hiện Thông báo số 444/TB-UBND ngày 22/12/2021 của UBND tỉnh Hưng Yên và Thông báo sô 1481/TB-UBND "
     "ngày 23/12/2021 của UBND huyện Kim Động về việc tạm dừng tiếp công dân",
     {"444/TB-UBND": "UBND tỉnh Hưng Yên", "1481/TB-UBND": "UBND huyện Kim Động"}),
    # joint titles; the rest of a title is not the issuer
    ("Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn;",
     {"02/2017/TT-VPCP": "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"}),
    ("Báo cáo kết quả thực hiện Quyết định số 1898/QĐ-TTg ngày 28/11/2017 của Thủ tướng Chính phủ giai đoạn 2018-2021",
     {"1898/QĐ-TTg": "Thủ tướng Chính phủ"}),
    # the proposer before "tại", a parenthesis in between, words glued by a web page
    ("Theo đề nghị của Sở Kế hoạch và Đầu tư (Thường trực Ban Vì sự tiến bộ phụ nữ tỉnh) tại Tờ trình số 126/SKHĐT "
     "ngày 23/01/2007,", {"126/SKHĐT": "Sở Kế hoạch và Đầu tư"}),
    ("Theo đề nghị của Sở Xây dựng tạiTờ trình số 350/TTr-SXD ngày 21/02/2014 về việc ban hành Quy định,",
     {"350/TTr-SXD": "Sở Xây dựng"}),
    # the issuer before the verb of a narrative sentence; the second of two proposers
    ("Ngày 08 tháng 10 năm 2019, Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch ký Quyết định số 3426/QĐ-BVHTTDL ban hành Kế hoạch.",
     {"3426/QĐ-BVHTTDL": "Bộ trưởng Bộ Văn hoá, Thể thao và Du lịch"}),
    ("Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh tại Tờ trình số 1818/TTr-VP ngày 21 tháng 8 năm 2025 và Giám "
     "đốc Sở Nội vụ tại Tờ trình số 4836/SNV-TCBC ngày 22 tháng 8 năm 2025.",
     {"1818/TTr-VP": "Chánh Văn phòng Ủy ban nhân dân tỉnh", "4836/SNV-TCBC": "Giám đốc Sở Nội vụ"}),
    # the issuer between type word and number
    ("Thi hành Điều 2 Quyết định của Ban Bí thư số 91-QĐ/TW, ngày 16-02-2004 bổ sung thẩm quyền ban hành văn bản,",
     {"91-QĐ/TW": "Ban Bí thư"}),
    ("Căn cứ Quyết định số 59/QĐ-UBND ngày 22 tháng 7 năm 2021 của Ủy ban nhân dân xã Xuân\nPhú;",
     {"59/QĐ-UBND": "Ủy ban nhân dân xã Xuân Phú"}),
    # the issuer ends after the body it names, with its place or term, before the next verb
    ("Căn cứ Thông tư số 18/2014/TT-BGDĐT ngày 26/5/2014 của Bộ trưởng Bộ GD&ĐT bổ sung vào điểm a khoản 2 Điều 7;",
     {"18/2014/TT-BGDĐT": "Bộ trưởng Bộ GD&ĐT"}),
    ("Thực hiện Nghị quyết số 01/NQ-CP ngày 07 tháng 01 năm 2016 của Chính phủ và ý kiến chỉ đạo của Thủ tướng Chính phủ,",
     {"01/NQ-CP": "Chính phủ"}),
    ("Căn cứ Quy định số 30-QĐ/TW, ngày 26/7/2016 của Ban Chấp hành Trung ương thi hành Chương VII Điều lệ Đảng;",
     {"30-QĐ/TW": "Ban Chấp hành Trung ương"}),
    ("NGHỊ QUYẾT SỐ 53-NQ/TW NGÀY 29 THÁNG 8 NĂM 2005 CỦA BỘ CHÍNH TRỊ KHÓA IX ĐẨY MẠNH PHÁT TRIỂN KINH TẾ",
     {"53-NQ/TW": "BỘ CHÍNH TRỊ KHÓA IX"}),
    ("Căn cứ Luật số 88/2019/QH14 ngày 18/6/2019 của Quốc hội khoá XIV phê chuẩn;", {"88/2019/QH14": "Quốc hội khoá XIV"}),
    ("Thực hiện Nghị quyết số 04-NQ/TU ngày 5/9/2021 của Hội nghị Tỉnh ủy lần thứ 5 Khoá XX về chuyển đổi số,",
     {"04-NQ/TU": "Hội nghị Tỉnh ủy lần thứ 5 Khoá XX"}),
    ("Căn cứ Nghị quyết số 15/NQ-HĐND ngày 8/12/2022 của Hội đồng nhân dân tỉnh khóa XVI, nhiệm kỳ 2021-2026 quy định mức chi;",
     {"15/NQ-HĐND": "Hội đồng nhân dân tỉnh khóa XVI, nhiệm kỳ 2021-2026"}),   # the whole term, as real8's gold reads it
    # an old body; a lower-case "thành Uỷ ban" is no "Thành ủy"
    ("Đổi tên Ủy ban thành lập theo Quyết định số 58-HĐBT ngày 11-4-1984 của Hội đồng Bộ trưởng thành Uỷ ban Quốc gia "
     "dân số.", {"58-HĐBT": "Hội đồng Bộ trưởng"}),
    # a steering board's name goes on with its remit in lower case
    ("Thực hiện Công văn số 01/BCĐQG-VPTT ngày 08/01/2014 của Ban Chỉ đạo quốc gia vận động hiến máu tình nguyện về "
     "việc chỉ đạo thực hiện Chương trình;", {"01/BCĐQG-VPTT": "Ban Chỉ đạo quốc gia vận động hiến máu tình nguyện"}),
    # the issuer before the type: "do X ban hành kèm theo …"; a clause is no name
    ("Các trường xây dựng chương trình trên cơ sở Chương trình do Bộ GD&ĐT ban hành kèm theo Quyết định số "
     "16/2006/QĐ-BGDĐT ngày 05/5/2006.", {"16/2006/QĐ-BGDĐT": "Bộ GD&ĐT"}),
    ("Phân phối chương trình do Sở GD&ĐT biên soạn năm 2011 theo tinh thần chỉ đạo tại công văn số 2391/SGD&ĐT-GDTrH "
     "ngày 24/8/2012.", {"2391/SGD&ĐT-GDTrH": None}),
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 2/3/2020 của Ủy ban nhân dân tỉnh Bình Dương và Sở Tài chính tỉnh Bình Dương;",
     {"12/QĐ-UBND": "Ủy ban nhân dân tỉnh Bình Dương và Sở Tài chính tỉnh Bình Dương"}),
    # a line that opens a new body, "Kính gửi" or "Điều 4" ends the name; an official's title goes on
    ("Căn cứ Quyết định số 26/QĐ-BQL ngày 27/01/2016 của Ban Quản lý Khu kinh tế tỉnh Lào Cai\nBan Quản lý Khu kinh "
     "tế tỉnh Lào Cai thông báo lịch tiếp công dân như sau:", {"26/QĐ-BQL": "Ban Quản lý Khu kinh tế tỉnh Lào Cai"}),
    ("Thực hiện Thông báo số 26/TB-VP.UBND ngày 10/6/2020 của Văn phòng UBND tỉnh\nKính gửi: các xã.",
     {"26/TB-VP.UBND": "Văn phòng UBND tỉnh"}),
    ("Xét đề nghị tại Tờ trình số 42/TTr-VPUB ngày 06/11/2018 của Chánh Văn phòng\nỦy ban nhân dân tỉnh.",
     {"42/TTr-VPUB": "Chánh Văn phòng Ủy ban nhân dân tỉnh"}),
    # "hỏi" ends the name; a next line opening with any body head does too
    ("Trả lời công văn số 636/CT-THNVDT ngày 25/4/2014 của Cục thuế tỉnh Đắk Nông hỏi về sử dụng hóa đơn.",
     {"636/CT-THNVDT": "Cục thuế tỉnh Đắk Nông"}),
    ("Xét Báo cáo thẩm tra số 58/BC-HĐND ngày 02/12/2013 của Ban Pháp chế Hội đồng nhân dân tỉnh\nHội đồng nhân dân "
     "tỉnh Cà Mau khóa VIII, kỳ họp thứ 8 đã thảo luận.", {"58/BC-HĐND": "Ban Pháp chế Hội đồng nhân dân tỉnh"}),
    # the terms after a body's term: "khoá XIX, nhiệm kỳ 2020 - 2025", "khóa VII, kỳ họp thứ 17"
    ("Thực hiện Quy chế số 10-QC/TU ngày 5/3/2021 của Ban Chấp hành Đảng bộ tỉnh khoá XIX, nhiệm kỳ 2020 - 2025;",
     {"10-QC/TU": "Ban Chấp hành Đảng bộ tỉnh khoá XIX, nhiệm kỳ 2020 - 2025"}),
    ("Căn cứ Nghị quyết số 03/2009/NQ-HĐND ngày 10/7/2009 của Hội đồng nhân dân tỉnh Hậu Giang khóa VII, kỳ họp thứ 17;",
     {"03/2009/NQ-HĐND": "Hội đồng nhân dân tỉnh Hậu Giang khóa VII, kỳ họp thứ 17"}),
    # an issuer between a plural type and its numbers is every item's ("các Thông tư của Bộ Tài chính: số …")
    ("Căn cứ các Thông tư của Bộ Tài chính: số 01/2020/TT-BTC, số 02/2021/TT-BTC và số 03/2022/TT-BTC;",
     {"01/2020/TT-BTC": "Bộ Tài chính", "02/2021/TT-BTC": "Bộ Tài chính", "03/2022/TT-BTC": "Bộ Tài chính"}),
    # … also when each item has its description, and a bare number of the list is of the list's type
    ("Căn cứ các Thông tư của Bộ Xây dựng: số 05/2015/TT-BXD ngày 30/10/2015 về bảo trì nhà ở; số 03/2016/TT-BXD "
     "ngày 10/3/2016 quy định về phân cấp công trình; số 26/2016/BXD ngày 26/10/2016 quy định chi tiết;",
     {"05/2015/TT-BXD": "Bộ Xây dựng", "03/2016/TT-BXD": "Bộ Xây dựng", "26/2016/BXD": "Bộ Xây dựng"}),
    # a bracketed citation is of the body it follows; in "các Bộ: A (…), B (…)" each name takes the list's head
    ("Xét đề nghị của Bộ Giao thông vận tải (Công văn số 13141/BGTVT-KHĐT ngày 02/10/2015) và ý kiến của các Bộ: "
     "Kế hoạch và Đầu tư (Công văn số 7925/BKHĐT-KCHTĐT ngày 21/10/2015), Tài chính (Công văn số 15535/BTC-ĐT ngày "
     "28/10/2015) và Ủy ban nhân dân tỉnh Quảng Trị (Công văn số 3908/UBND-CN ngày 06/10/2015) về việc bổ sung tuyến đường,",
     {"13141/BGTVT-KHĐT": "Bộ Giao thông vận tải", "7925/BKHĐT-KCHTĐT": "Bộ Kế hoạch và Đầu tư",
      "15535/BTC-ĐT": "Bộ Tài chính", "3908/UBND-CN": "Ủy ban nhân dân tỉnh Quảng Trị"}),
    # … and bare numbers after ";", past a document named inside an item's description
    ("Căn cứ các Quyết định của Thủ tướng Chính phủ số: 1521/QĐ-TTg ngày 06/10/2020 ban hành Kế hoạch thực hiện Kết "
     "luận số 80-KL/TW; 21/2021/QĐ-TTg ngày 21/6/2021 quy định về Hội đồng phối hợp;",
     {"1521/QĐ-TTg": "Thủ tướng Chính phủ", "80-KL/TW": None, "21/2021/QĐ-TTg": "Thủ tướng Chính phủ"}),
    # "củaGiám đốc" glued by a web page; the second proposer of a pair ("… và của Giám đốc Sở Nội vụ tại …"); a
    # type word inside the body's name ("Bộ Kế hoạch và Đầu tư"); "của X tại các công văn: Số A …; số B …"
    ("Theo đề nghị củaGiám đốc Sở Nội vụ tại tờ trình số 311/TTr-SNV ngày 30/9/2009,",
     {"311/TTr-SNV": "Giám đốc Sở Nội vụ"}),
    ("Xét đề nghị của Trưởng Ban Dân tộc tại Tờ trình số 322/TTr-BDT ngày 09/7/2013 và của Giám đốc Sở Nội vụ tại Tờ "
     "trình số 2144/TTr-SNV ngày 24/9/2013,", {"322/TTr-BDT": "Trưởng Ban Dân tộc", "2144/TTr-SNV": "Giám đốc Sở Nội vụ"}),
    ("Căn cứ các thông tư của Bộ Kế hoạch và Đầu tư: Số 01/2007/TT-BKH ngày 07/02/2007 hướng dẫn thực hiện; số "
     "03/2008/TT-BKH ngày 01/7/2008 hướng dẫn;", {"01/2007/TT-BKH": "Bộ Kế hoạch và Đầu tư",
                                               "03/2008/TT-BKH": "Bộ Kế hoạch và Đầu tư"}),
    ("Theo đề nghị của Sở Nông nghiệp và PTNT tại các công văn: Số 1577/SNN-KHTC ngày 18/10/2010; số 218/SNN-KHTC ngày "
     "02/3/2011 và của Sở Kế hoạch và Đầu tư tại Công văn số 183/KHĐT-KT ngày 25/02/2011,",
     {"1577/SNN-KHTC": "Sở Nông nghiệp và PTNT", "218/SNN-KHTC": "Sở Nông nghiệp và PTNT",
      "183/KHĐT-KT": "Sở Kế hoạch và Đầu tư"}),
    # a plenum is named with its body, comma or not
    ("Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ 6, Ban Chấp hành Trung ương khoá XII về "
     "tăng cường công tác bảo vệ sức khỏe nhân dân;",
     {"20-NQ/TW": "Hội nghị lần thứ 6, Ban Chấp hành Trung ương khoá XII"}),
    # a body that "has" or issued the letter, before it: the sentence's subject, or after the date's "của"
    ("Ngày 10/7/2008, Bảo hiểm xã hội Việt Nam đã có công văn số 2144/BHXH-GĐYT về việc giải quyết vướng mắc;",
     {"2144/BHXH-GĐYT": "Bảo hiểm xã hội Việt Nam"}),
    ("Tổ công tác đặc biệt của Chính phủ có văn bản số 3681/BC-TCT ngày 22 tháng 9 năm 2021 báo cáo Thủ tướng.",
     {"3681/BC-TCT": "Tổ công tác đặc biệt của Chính phủ"}),
    ("Căn cứ Quyết định số 12/QĐ-BHXH ngày 02/01/2009, ngày 29 tháng 6 năm 2009 của Bảo hiểm xã hội (BHXH) Việt Nam "
     "ban hành Công văn số 2070/BHXH-KHTC về báo cáo thống kê hàng tháng;",
     {"12/QĐ-BHXH": None, "2070/BHXH-KHTC": "Bảo hiểm xã hội (BHXH) Việt Nam"}),
    # a title in capitals ends with its line when the enacting authority's line follows
    ("QUYẾT ĐỊNH\nSỬA ĐỔI MỘT SỐ ĐIỀU CỦA QUY CHẾ BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 13/2018/QĐ-UBND NGÀY 27 THÁNG 4 NĂM "
     "2018 CỦA ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\nỦY BAN NHÂN DÂN TỈNH PHÚ YÊN\nCăn cứ Luật Tổ chức chính quyền địa phương;",
     {"13/2018/QĐ-UBND": "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN"}),
    # an issuer printed before the first of two coordinated documents is the second's too
    ("Bộ Công Thương triển khai thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công điện số 1815/CĐ-TTg ngày 26 tháng "
     "12 năm 2021 và Công điện số 1792/CĐ-TTg ngày 23 tháng 12 năm 2021.",
     {"1815/CĐ-TTg": "Thủ tướng Chính phủ", "1792/CĐ-TTg": "Thủ tướng Chính phủ"}),
    ("Bộ Tài nguyên và Môi trường đã có Công văn số 6061/BTNMT-KHTC ngày 11 tháng 10 năm 2022 và Công văn số "
     "6304/BTNMT-MT ngày 21 tháng 10 năm 2022 gửi Ủy ban nhân dân tỉnh.",
     {"6061/BTNMT-KHTC": "Bộ Tài nguyên và Môi trường", "6304/BTNMT-MT": "Bộ Tài nguyên và Môi trường"}),
    ("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 237/TTr-STC ngày 27/7/2018 và Báo cáo số 332/BC-STC "
     "ngày 17/8/2018.", {"237/TTr-STC": "Giám đốc Sở Tài chính", "332/BC-STC": "Giám đốc Sở Tài chính"}),
    # two kinds of document with one issuer's code share the issuer printed after the second
    ("Căn cứ Hướng dẫn số 235/HD-TƯHCTĐ và Kế hoạch số 236/KH-TƯHCTĐ ngày 04/11/2022 của Trung ương Hội Chữ thập "
     "đỏ Việt Nam về việc triển khai;", {"235/HD-TƯHCTĐ": "Trung ương Hội Chữ thập đỏ Việt Nam",
                                          "236/KH-TƯHCTĐ": "Trung ương Hội Chữ thập đỏ Việt Nam"}),
    # a joint circular's bodies joined by a dash, a stop word inside the first ("giao")
    ("Căn cứ Thông tư liên tịch số 02/2009/TTLT-BNG-BNV ngày 27 tháng 5 năm 2009 của Bộ Ngoại giao - Bộ Nội vụ hướng "
     "dẫn chức năng, nhiệm vụ của Sở Ngoại vụ;", {"02/2009/TTLT-BNG-BNV": "Bộ Ngoại giao - Bộ Nội vụ"}),
    ("Căn cứ Thông tư liên tịch số 168/2013/TTLT-BTC-BCA ngày 15/11/2013 của Bộ Tài chính- Bộ Công an về việc hướng "
     "dẫn thực hiện;", {"168/2013/TTLT-BTC-BCA": "Bộ Tài chính- Bộ Công an"}),
    # a term in brackets after the body, and the State's full name after "Quốc hội", are the issuer's
    ("thực hiện Kết luận số 04-KL/TW ngày 19 tháng 4 năm 2011 của Ban Bí thư Trung ương Đảng (khóa XI); Ủy ban nhân "
     "dân tỉnh ban hành", {"04-KL/TW": "Ban Bí thư Trung ương Đảng (khóa XI)"}),
    ("Căn cứ Luật Xây dựng số 16/2003/QH11 ngày 26/11/2003 của Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam;",
     {"16/2003/QH11": "Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam"}),
    # the issuer ends where its sentence goes on with a request
    ("Tại thông báo số  54 / BHXH - CĐ  ngày 07 tháng 03 năm 2016 của  BHXH / TP  đề nghị BHXH quận, huyện tạm "
     "ngưng giải quyết đối với loại hồ sơ.", {"54/BHXH-CĐ": "BHXH / TP"}),
    # "các văn bản của X: A, B; …": X issued every listed item, whatever its type, and the ";" items after
    ("như: các văn bản của Thủ tướng Chính phủ: Quyết định số 630/QĐ-TTg ngày 11/5/2020, Chỉ thị số 01/CT-TTg ngày "
     "03/01/2023 và các văn bản của ủy ban nhân dân tỉnh: Kế hoạch số 120/KH-UBND ngày 19/8/2020.",
     {"630/QĐ-TTg": "Thủ tướng Chính phủ", "01/CT-TTg": "Thủ tướng Chính phủ", "120/KH-UBND": "ủy ban nhân dân tỉnh"}),
    ("Căn cứ các Thông tư của Bộ Văn hóa, Thể thao và Du lịch: số 04/2011/TT-BVHTTDL ngày 16 tháng 11 năm 2011 quy "
     "định về nếp sống; số 15/2015/TT-BVHTTDL ngày 22 tháng 12 năm 2015 quy định về tổ chức lễ hội;",
     {"04/2011/TT-BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "15/2015/TT-BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch"}),
    # the body right before "đã chỉ đạo tại / giao tại" issued the document
    ("2. Theo dõi diễn biến cơn bão, triển khai các nội dung UBND tỉnh đã chỉ đạo tại Công văn số 4486/UBND-KTN ngày "
     "18/9/2019, Công văn số 3790/UBND-KTN ngày 08/8/2019.", {"4486/UBND-KTN": "UBND tỉnh", "3790/UBND-KTN": "UBND tỉnh"}),
    ("Thực hiện nhiệm vụ Bộ Tài chính giao tại Quyết định số 12/QĐ-BTC ngày 1/2/2020.", {"12/QĐ-BTC": "Bộ Tài chính"}),
    ("Thực hiện các biện pháp đã được quy định tại Nghị định số 5/2020/NĐ-CP ngày 1/2/2020.", {"5/2020/NĐ-CP": None}),
    # "của A … và hướng dẫn của B tại Công văn số …": the last "của" names the issuer; a clause names none
    ("Thực hiện Chỉ thị số 20/CT-TTg ngày 29/7/2019 của Thủ tướng Chính phủ và hướng dẫn của Bộ Kế hoạch và Đầu tư tại "
     "Công văn số 5743/BKHĐT-TH ngày 14/8/2019 về việc lập kế hoạch.",
     {"20/CT-TTg": "Thủ tướng Chính phủ", "5743/BKHĐT-TH": "Bộ Kế hoạch và Đầu tư"}),
    ("Thực hiện Điện của Thường trực Ban Bí thư, Nghị quyết của Chính phủ về việc thực hiện các giải pháp cấp bách theo "
     "Nghị quyết số 30/2021/QH15 tại kỳ họp thứ nhất.", {"30/2021/QH15": None}),
    # the body that advised ("Bộ Y tế đã tham mưu Chính phủ ban hành …") did not issue it; "đã ký, ban hành"
    ("Hiện nay, Bộ Y tế đã tham mưu Chính phủ ban hành Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 với nhiều cơ chế mới.",
     {"15/2018/NĐ-CP": "Chính phủ"}),
    ("Ngày 26/4/2022, Bộ Y tế đã ký, ban hành Thông tư số 03/2022/TT-BYT sửa đổi, bổ sung một số quy định.",
     {"03/2022/TT-BYT": "Bộ Y tế"}),
    # a joint circular of two ministers; "tầm nhìn đến", "giao thông" inside a name
    ("Căn cứ Thông tư liên tịch số 16/2013/TTLT-BYT-BNN&PTNT ngày 27 tháng 5 năm 2013 của Bộ trưởng Bộ Y tế và Bộ trưởng "
     "Bộ Nông nghiệp và Phát triển nông thôn về việc hướng dẫn phối hợp;",
     {"16/2013/TTLT-BYT-BNN&PTNT": "Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn"}),
    ("Xét Báo cáo số 2046/BC-HĐTĐ ngày 10/5/2023 của Hội đồng thẩm định quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến "
     "2050;", {"2046/BC-HĐTĐ": "Hội đồng thẩm định quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến 2050"}),
    ("Thực hiện Công văn số 14/BATGT-VP ngày 05/01/2025 của Ban An toàn giao thông tỉnh Nam Định về việc triển khai;",
     {"14/BATGT-VP": "Ban An toàn giao thông tỉnh Nam Định"}),
    # an abbreviation defined inside the issuer's name
    ("đã triển khai các giải pháp theo Chỉ thị số 14/CT-UBND ngày 22/9/2016 của Ủy ban nhân dân (UBND) tỉnh, đạt được "
     "một số kết quả.", {"14/CT-UBND": "Ủy ban nhân dân (UBND) tỉnh"}),
    # a joint circular's issuers joined by a comma (its number says it is joint); a single document's end at the comma
    ("Căn cứ Thông tư liên tịch số 117/2007/TTLT-BTC-BLĐTBXH ngày 01 tháng 10 năm 2007 của Bộ Tài chính, Bộ Lao động - "
     "Thương binh và Xã hội hướng dẫn về trách nhiệm đóng góp;",
     {"117/2007/TTLT-BTC-BLĐTBXH": "Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội"}),
    ("Căn cứ Thông tư số 12/2007/TT-BTC ngày 01 tháng 10 năm 2007 của Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội "
     "hướng dẫn các tỉnh;", {"12/2007/TT-BTC": "Bộ Tài chính"}),
    # a web copy glued the type word's two words ("vănbản"): still the type word before the number
    ("Xét đề nghị của Ủy ban nhân dân tỉnh Thừa Thiên Huế tại vănbản số 3314/UBND-KH ngày 27 tháng 6 năm 2008 về việc "
     "xin chủ trương.", {"3314/UBND-KH": "Ủy ban nhân dân tỉnh Thừa Thiên Huế"}),
    # the issuer ends at a comma before a new clause's subject
    ("Thực hiện các Công điện số 113/CĐ-TTg và 141/CĐ-TTg của Thủ tướng Chính phủ, Chủ tịch ủy ban nhân dân tỉnh yêu "
     "cầu các sở thực hiện.", {"113/CĐ-TTg": "Thủ tướng Chính phủ", "141/CĐ-TTg": "Thủ tướng Chính phủ"}),
])
def test_cited_issuers(para, issuers):
    cs = cites(para)
    assert {c["number"]: (cf(c["issuer"]) if c["issuer"] else None) for c in cs} == \
        {k: (cf(v) if v else None) for k, v in issuers.items()}


@pytest.mark.parametrize("paras,expected", [
    # an editor's note / portal lead introducing the reposted document: its number is no citation
    (["LTS: Ngày 14-11-2016, Ban Chấp hành Đảng bộ tỉnh đã ban hành Nghị quyết số 10-NQ/TU về huy động nguồn lực. "
      "Báo trân trọng giới thiệu toàn văn Nghị quyết.", "Căn cứ Nghị quyết số 26-NQ/TW ngày 5/8/2008;"], ["26-NQ/TW"]),
    (["Ban Tuyên giáo Trung ương ban hành Hướng dẫn số 55-HD/BTGTW về tuyên truyền. Trang thông tin trân trọng giới "
      "thiệu toàn văn bản Hướng dẫn.", "Thực hiện Kết luận số 12-KL/TW ngày 3/3/2022;"], ["12-KL/TW"]),
    # the same words elsewhere are prose, and the citation stays
    (["Ủy ban nhân dân tỉnh đã ban hành Quyết định số 15/QĐ-UBND ngày 2/1/2024 về giới thiệu sản phẩm."], ["15/QĐ-UBND"]),
    # a later mention spaced differently is the same document
    (["Căn cứ Thông tư số 01/2016/TT-BGDĐT ngày 15/01/2016 của Bộ GD&ĐT;",
      "Quyết định quy định Điều 18 của Thông tư 01/2016/TT-BGD ĐT ngày 15/01/2016 của Bộ."], ["01/2016/TT-BGDĐT"]),
    # Ư for W, glued words, lost dashes
    (["Căn cứ Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012 của Ban Bí thư;"], ["70-TB/TW"]),
    (["Sau 10 năm thực hiện Nghị quyết 13-NQ/TƯ của Tỉnh ủy (khóa XIV), hạ tầng phát triển."], ["13-NQ/TƯ"]),
    (["ban hành kèm theo Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013 của Ban Chấp hành Trung ương Đoàn;"], ["84QĐ/TWĐTN"]),
    # a number inside a parenthesis mid-sentence is a citation (not an annex caption)
    (["Quy chế làm việc (ban hành kèm theo Nghị định số 08/2012/NĐ-CP ngày 16/02/2012) đã phát huy tác dụng."],
     ["08/2012/NĐ-CP"]),
])
def test_general_citation_forms(paras, expected):
    assert [c["number"] for c in cites(*paras)] == expected


@pytest.mark.parametrize("para,number,typ,relation", [
    # a type word confirmed by the number's code may carry a description before "số"
    ("Theo đề nghị của Bộ trưởng Bộ Xây dựng tại Tờ trình số 41/TTr-BXD ngày 23/5/2025, Báo cáo giải trình, tiếp thu "
     "ý kiến thẩm định số 64/BC-BXD ngày 23/5/2025 và Văn bản số 5537/BXD-QHKT ngày 23/6/2025 của Bộ Xây dựng;",
     "64/BC-BXD", "Báo cáo", "theo"),
    ("Xét Tờ trình số 7/TTr-STP ngày 1/3/2024 và Báo cáo thẩm định hồ sơ số 20/BC-STP ngày 2/3/2024 của Sở Tư pháp;",
     "20/BC-STP", "Báo cáo", "theo"),
    # the appraisal and review reports' own codes (BCTĐ, BCTT) are a report's
    ("Theo đề nghị của Sở Nội vụ tại Tờ trình số 1494/TTr-SNV ngày 28/6/2018 và Báo cáo thẩm định số 18/BCTĐ-STP ngày "
     "25/5/2018 của Sở Tư pháp.", "18/BCTĐ-STP", "Báo cáo", "theo"),
    ("Xét Tờ trình số 9/TTr-UBND ngày 1/12/2019; Báo cáo thẩm tra số 45/BCTT-KTNS ngày 05/12/2019 của Ban Kinh tế - "
     "Ngân sách;", "45/BCTT-KTNS", "Báo cáo", "theo"),
    # … a law its name; an earlier type word of the clause ("quy định tại") does not hide it, and "liên quan
    # đến quy định" is no issuer
    ("Tổng cục Hải quan nhận được các vướng mắc của Cục Hải quan tỉnh, thành phố liên quan đến quy định tại Luật "
     "Quản lý ngoại thương số 05/2017/QH14 và các văn bản hướng dẫn, cụ thể như sau:", "05/2017/QH14", "Luật", "theo"),
    ("Thực hiện Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019 của Quốc hội;", "45/2019/QH14", "Bộ luật", "thuc_hien"),
])
def test_described_type_word(para, number, typ, relation):
    c = {x["number"]: x for x in cites(para)}[number]
    assert c["type"] == typ and c["relation"] == relation
    assert c["quote"].startswith(typ) and (c["issuer"] or "").find("quy định") < 0


@pytest.mark.parametrize("para, dates", [
    # a date printed once after a "và" pair of one type is both documents'
    ("Xét các báo cáo bổ sung, giải trình số 365/BC-UBND và số 367/BC-UBND ngày 07/12/2020 của UBND Thành phố;",
     {"365/BC-UBND": "2020-12-07", "367/BC-UBND": "2020-12-07"}),
    ("Căn cứ Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị;",
     {"217-QĐ/TW": "2013-12-12", "218-QĐ/TW": "2013-12-12"}),
    # … unless the first number's year says otherwise, or a description stands between them
    ("Căn cứ Nghị định số 15/2018/NĐ-CP và Nghị định số 20/2020/NĐ-CP ngày 05/02/2020 của Chính phủ;",
     {"15/2018/NĐ-CP": None, "20/2020/NĐ-CP": "2020-02-05"}),
    ("Thực hiện Nghị quyết số 11/NQ-CP về phục hồi kinh tế, Nghị quyết số 71/NQ-CP ngày 08/8/2024 của Chính phủ;",
     {"11/NQ-CP": None, "71/NQ-CP": "2024-08-08"}),
])
def test_pair_dates(para, dates):
    got = {c["number"]: c["date"] for c in cites(para)}
    assert {k: got.get(k) for k in dates} == dates


@pytest.mark.parametrize("para, dates", [
    # the date after the issuer phrase
    ("Quyết định này thay thế Quyết định số 1596/2003/QĐ.UBT của Ủy ban nhân dân tỉnh Đồng Nai ngày 03/6/2003 về "
     "việc ban hành Quy chế.", {"1596/2003/QĐ.UBT": "2003-06-03"}),
    # … not a date further on in the sentence
    ("Thực hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị về chuyển đổi số, từ ngày 27/9/2019 các sở triển khai.",
     {"52-NQ/TW": None}),
])
def test_date_after_issuer(para, dates):
    got = {c["number"]: c["date"] for c in cites(para)}
    assert {k: got.get(k) for k in dates} == dates


def test_own_old_number_with_either_separator_is_no_citation():
    """"Số: 16-NT" in the header and "SỐ 16/NT" in the title are the document itself."""
    d = doc_of("BỘ NỘI THƯƠNG", "Số: 16-NT", "Hà Nội, ngày 14 tháng 11 năm 1987", "THÔNG TƯ",
               "CỦA BỘ NỘI THƯƠNG SỐ 16/NT NGÀY 14-11-1987 HƯỚNG DẪN THI HÀNH CHẾ ĐỘ",
               "Căn cứ Nghị định số 15-CP ngày 02/3/1993 của Chính phủ;")
    document = extract_document(d)
    assert document["number"] == "16-NT"
    assert [c["number"] for c in extract_citations(d, document)] == ["15-CP"]
