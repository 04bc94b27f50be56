"""Relation of each cited document to the citing one (DOMAIN.md §4; fixtures README "citations"):
opening cues that govern a whole clause or list, proposals, answers, amendments, annex captions,
lists whose items have their own descriptions, and passive amendments — varied real phrasings
of other provinces, ministries, Party bodies and years."""
import pytest

from extractors.citations import extract_citations, extract_reported_relations
from pipeline.model import DocumentBuilder


def doc_of(*paras: str):
    b = DocumentBuilder()
    for p in paras:
        b.paragraph(p)
    return b.build("t.txt", "docx", "0" * 64)


def rels(*paras: str, doc_type: str | None = None) -> dict[str, str]:
    d = doc_of(*paras)
    return {c["number"]: c["relation"] for c in extract_citations(d, {"number": None, "type": doc_type})}


@pytest.mark.parametrize("paras,expected", [
    # a cue after a comma that lost its space ("điều chỉnh,bổ sung")
    (["Điều 3. Quyết định này điều chỉnh,bổ sung Quyết định 940/QĐ-UBND ngày 15/4/2013 của Chủ tịch UBND tỉnh."],
     {"940/QĐ-UBND": "sua_doi"}),
    # opening cue with modifiers between it and the type word
    (["Để triển khai thực hiện nghiêm túc, hiệu quả Chỉ thị số 05-CT/TU ngày 12/3/2023 của Ban Thường vụ "
      "Tỉnh ủy Nghệ An, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"], {"05-CT/TU": "thuc_hien"}),
    (["Để thực hiện thắng lợi mục tiêu của Đại hội Đảng bộ tỉnh lần thứ XVI và Chương trình hành động số "
      "02-CTr/TU ngày 15/11/2025 của Ban Chấp hành Đảng bộ tỉnh Lào Cai, Ủy ban nhân dân tỉnh ban hành:"],
     {"02-CTr/TU": "thuc_hien"}),
    # a list after "Thực hiện": an unnumbered law first, a later decision after a description
    (["Thực hiện Luật Đất đai năm 2024, Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định "
      "chi tiết thi hành một số điều của Luật Đất đai và Quyết định số 1234/QĐ-TTg ngày 15/10/2024 của Thủ "
      "tướng Chính phủ về việc phê duyệt Đề án; Ủy ban nhân dân tỉnh Cà Mau ban hành Kế hoạch như sau:"],
     {"102/2024/NĐ-CP": "thuc_hien", "1234/QĐ-TTg": "thuc_hien"}),
    # a ";" list after "Thực hiện": every item
    (["Thực hiện Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ; Quyết định số 90/QĐ-TTg ngày "
      "18/01/2022 của Thủ tướng Chính phủ; Thông tư số 10/2022/TT-BLĐTBXH ngày 31/5/2022 của Bộ Lao động - "
      "Thương binh và Xã hội. Ủy ban nhân dân tỉnh Gia Lai ban hành Kế hoạch như sau:"],
     {"27/2022/NĐ-CP": "thuc_hien", "90/QĐ-TTg": "thuc_hien", "10/2022/TT-BLĐTBXH": "thuc_hien"}),
    # the title of a programme
    (["THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI VÀ CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 01-CT/TU NGÀY 09/10/2020 CỦA BAN CHẤP HÀNH "
      "ĐẢNG BỘ TỈNH"], {"01-CT/TU": "thuc_hien"}),
    # a Căn cứ paragraph: every citation, also a law cited by number and a second resolution after "và"
    (["Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;",
      "Căn cứ Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng khóa XII về một "
      "số vấn đề tiếp tục đổi mới, sắp xếp tổ chức bộ máy và Nghị quyết số 37-NQ/TW ngày 24 tháng 12 năm 2018 "
      "của Bộ Chính trị về việc sắp xếp các đơn vị hành chính cấp huyện và cấp xã;"],
     {"64/2025/QH15": "can_cu", "18-NQ/TW": "can_cu", "37-NQ/TW": "can_cu"}),
    (["- Căn cứ Điều lệ Đảng và Quy định số 24-QĐ/TW, ngày 30-7-2021 của Ban Chấp hành Trung ương;"],
     {"24-QĐ/TW": "can_cu"}),
    (["Căn cứ Nghị định s 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính;",
      "Căn cứ Nghị định s48/2013/NĐ-CP ngày 14/5/2013 của Chính phủ sửa đổi, bổ sung một số điều;"],
     {"63/2010/NĐ-CP": "can_cu", "48/2013/NĐ-CP": "can_cu"}),
    # proposals -> theo
    (["Xét Tờ trình số 25/TTr-UBND ngày 01 tháng 7 năm 2022 của Ủy ban nhân dân tỉnh Quảng Trị; Báo cáo thẩm tra "
      "số 12/BC-HĐND ngày 05 tháng 7 năm 2022 của Ban Pháp chế Hội đồng nhân dân tỉnh; ý kiến thảo luận của "
      "đại biểu Hội đồng nhân dân tỉnh tại kỳ họp."], {"25/TTr-UBND": "theo", "12/BC-HĐND": "theo"}),
    (["Theo đề nghị của Sở Nội vụ (Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh) tại Tờ trình số "
      "315/TTr-SNV ngày 10/5/2023."], {"315/TTr-SNV": "theo"}),
    (["Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 1203/TTr-STC ngày 02/6/2025,"],
     {"1203/TTr-STC": "theo"}),
    # answers
    (["Sở Giáo dục và Đào tạo nhận được Công văn số 1024/BGDĐT-GDTrH ngày 11/3/2024 của Bộ Giáo dục và Đào "
      "tạo về việc hướng dẫn kiểm tra, Sở có ý kiến như sau:"], {"1024/BGDĐT-GDTrH": "tra_loi"}),
    (["Ủy ban nhân dân tỉnh nhận được Công văn số 847/UBND-VX1 ngày 22 tháng 3 năm 2011 của UBND tỉnh Quảng Ninh, "
      "Chủ tịch UBND tỉnh có ý kiến như sau:", "(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)"],
     {"847/UBND-VX1": "tra_loi"}),
    # THIS document amends / annexes
    (["Điều 1. Sửa đổi, bổ sung một số điều của Quy chế làm việc ban hành kèm theo Quyết định số "
      "25/2021/QĐ-UBND ngày 10/8/2021 của Ủy ban nhân dân tỉnh Bình Phước như sau:"], {"25/2021/QĐ-UBND": "sua_doi"}),
    (["Điều 1. Bổ sung 05 thủ tục hành chính vào Danh mục thủ tục hành chính được công bố kèm theo Quyết định số "
      "456/QĐ-UBND ngày 20/4/2020 của Chủ tịch UBND tỉnh Hà Tĩnh."], {"456/QĐ-UBND": "sua_doi"}),
    (["QUY CHẾ", "Làm việc của Ủy ban nhân dân phường An Lạc",
      "Ban hành kèm theo Quyết định số 102/QĐ-UBND ngày 05/3/2022 của UBND phường An Lạc"],
     {"102/QĐ-UBND": "kem_theo"}),
    # rules issued with another document: "theo" the document that issued them
    (["Việc tuyển sinh được thực hiện theo Quy chế tuyển sinh ban hành kèm theo Thông tư số 08/2022/TT-BGDĐT "
      "ngày 06/6/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo."], {"08/2022/TT-BGDĐT": "theo"}),
    # background and descriptions stay "other"
    (["Trong những năm qua, quán triệt và thực hiện Kết luận số 100-KL/TW ngày 18/8/2014 của Ban Bí thư, "
      "công tác dư luận xã hội có nhiều chuyển biến."], {"100-KL/TW": "other"}),
    (["Căn cứ Kế hoạch số 252/KH-UBND ngày 17/9/2025 của UBND tỉnh Đồng Tháp, Văn phòng UBND tỉnh đã ban hành "
      "Kế hoạch số 6675/KH-VPUBND ngày 06/12/2025 để tổ chức triển khai."],
     {"252/KH-UBND": "can_cu", "6675/KH-VPUBND": "other"}),
    (["Căn cứ Thông báo kết luận số 1338/TB-VPUBND ngày 04/02/2026 của Phó Chủ tịch UBND tỉnh về triển khai thực "
      "hiện các mục tiêu, nhiệm vụ Nghị quyết Đại hội Đảng bộ tỉnh và Nghị quyết số 57-NQ/TW ngày 22/12/2024 "
      "của Bộ Chính trị;"], {"1338/TB-VPUBND": "can_cu", "57-NQ/TW": "other"}),
    (["Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện Quyết định số 1751/QĐ-TTg ngày 12/8/2025."],
     {"1751/QĐ-TTg": "other"}),
])
def test_relation_rules(paras, expected):
    assert rels(*paras) == expected


@pytest.mark.parametrize("doc_type,expected", [("Hướng dẫn", "huong_dan"), ("Thông tư", "huong_dan"),
                                               ("Kế hoạch", "thuc_hien")])
def test_thi_hanh_guides_in_a_guide(doc_type, expected):
    para = ("Thi hành Điều 2 Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 ban hành Quy định “về thể "
            "loại, thẩm quyền ban hành và thể thức văn bản của Đảng” và Điều 2 Quyết định của Ban Bí thư số91-QĐ/TW, "
            "ngày 16-02-2004 bổ sung thẩm quyền ban hành văn bản, Văn phòng Trung ương Đảng hướng dẫn như sau:")
    d = doc_of(para)
    cs = extract_citations(d, {"number": None, "type": doc_type})
    assert {c["number"]: c["relation"] for c in cs} == {"31-QĐ/TW": expected, "91-QĐ/TW": expected}
    assert {c["number"]: c["issuer"] for c in cs} == {"31-QĐ/TW": "Bộ Chính trị", "91-QĐ/TW": "Ban Bí thư"}
    assert [c["date"] for c in cs] == ["1997-10-01", "2004-02-16"]


def test_passive_amendment_chain():
    d = doc_of("Kỳ thi được thực hiện theo Quy chế thi tốt nghiệp trung học phổ thông (THPT) ban hành kèm theo "
               "Thông tư số 15/2020/TT-BGDĐT ngày 26/5/2020 được sửa đổi, bổ sung tại Thông tư số 05/2021/TT-BGDĐT "
               "ngày 12/3/2021, Thông tư số 06/2023/TT-BGDĐT ngày 24/03/2023 và Thông tư số 02/2024/TT-BGDĐT "
               "ngày 06/3/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo.")
    cs = extract_citations(d, {"number": None})
    assert {c["number"]: c["relation"] for c in cs} == {
        "15/2020/TT-BGDĐT": "theo", "05/2021/TT-BGDĐT": "theo", "06/2023/TT-BGDĐT": "theo",
        "02/2024/TT-BGDĐT": "theo"}
    rep = {(r["source"], r["relation"], r["target"]) for r in extract_reported_relations(d, cs)}
    assert ("05/2021/TT-BGDĐT", "sua_doi", "15/2020/TT-BGDĐT") in rep
    assert ("02/2024/TT-BGDĐT", "sua_doi", "15/2020/TT-BGDĐT") in rep
    assert not any(r[0] == "15/2020/TT-BGDĐT" for r in rep)


@pytest.mark.parametrize("paras,expected", [
    # numbered basis list without the word "Căn cứ" on every item (Decree 30 basis block)
    (["1. Điều lệ trường trung học, ban hành kèm theo Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ trưởng Bộ GD&ĐT;",
      "2. Quy chế tuyển sinh ban hành kèm theo Thông tư số 11/2014/TT-BGDĐT ngày 18/4/2014; Thông tư số "
      "18/2014/TT-BGDĐT ngày 26/5/2014 của Bộ GD&ĐT;",
      "3. Căn cứ Quyết định số 932/QĐ-UBND ngày 22/4/2016 của UBND tỉnh."],
     {"32/2020/TT-BGDĐT": "can_cu", "11/2014/TT-BGDĐT": "can_cu", "18/2014/TT-BGDĐT": "can_cu", "932/QĐ-UBND": "can_cu"}),
    (["Căn cứ:", "- Quy chế làm việc ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 3/1/2022;",
      "- Chương trình công tác năm tại Quyết định số 40/QĐ-UBND ngày 10/1/2022;"],
     {"15/QĐ-UBND": "can_cu", "40/QĐ-UBND": "can_cu"}),
    # the proposal line after the basis keeps "theo"
    (["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
      "Xét Tờ trình số 12/TTr-UBND ngày 2/3/2023 của UBND tỉnh; Báo cáo thẩm tra số 45/BC-KTNS ngày 5/3/2023;"],
     {"12/TTr-UBND": "theo", "45/BC-KTNS": "theo"}),
    # "Tại" + an article reference locates the rule followed
    (["Tại điểm c, khoản 1, Điều 14 Thông tư số 153/2010/TT-BTC ngày 28/9/2010; Điểm c khoản 1 Điều 14 Thông tư số "
      "64/2013/TT-BTC ngày 15/5/2013 của Bộ Tài chính quy định."], {"153/2010/TT-BTC": "theo", "64/2013/TT-BTC": "theo"}),
    (["Tại Điều 5 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 quy định thể thức văn bản."], {"30/2020/NĐ-CP": "theo"}),
    # an opening cue governing "… tại <document>"
    (["Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại công văn số 7567/VPCP-KTTH ngày 31/12/2007 của Văn phòng Chính phủ,"],
     {"7567/VPCP-KTTH": "thuc_hien"}),
    (["Căn cứ ý kiến của Bộ Chính trị tại văn bản số 1133-CV/VPTW ngày 25/6/2021 của Văn phòng Trung ương Đảng;"],
     {"1133-CV/VPTW": "can_cu"}),
    (["Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy tại Thông báo số 210-TB/TU ngày 4/5/2024, UBND tỉnh ban hành Kế hoạch."],
     {"210-TB/TU": "thuc_hien"}),
    # an article reference after the cue does not open a new main clause
    (["Căn cứ quy định tại Điều 49 của Luật Quản lý thuế, Điều 24 của Nghị định số 85/2007/NĐ-CP ngày 25/5/2007 của Chính phủ;"],
     {"85/2007/NĐ-CP": "can_cu"}),
    # "Căn cứ" inside a body paragraph, then a ";" item
    (["Nhiều địa phương còn chậm. Căn cứ Nghị quyết số 35/2023/UBTVQH15 ngày 12/7/2023 của Ủy ban Thường vụ Quốc hội; "
      "Nghị quyết số 117/NQ-CP ngày 30/7/2023 của Chính phủ, Bộ Nội vụ đề nghị các tỉnh."],
     {"35/2023/UBTVQH15": "can_cu", "117/NQ-CP": "can_cu"}),
    # a mid-sentence "(ban hành kèm theo …)" names another document, not this one's caption
    (["Quy chế làm việc hiện hành (ban hành kèm theo Nghị định số 08/2012/NĐ-CP ngày 16/02/2012) đã phát huy tác dụng."],
     {"08/2012/NĐ-CP": "other"}),
    # "Xét …; các báo cáo bổ sung, giải trình số …": the plural type words keep the paragraph's cue
    (["Xét các báo cáo số 341/BC-UBND ngày 23/11/2020 của UBND Thành phố; các báo cáo bổ sung, giải trình số "
      "365/BC-UBND ngày 07/12/2020 của UBND Thành phố; các báo cáo thẩm tra số 76/BC-HĐND ngày 02/12/2020;"],
     {"341/BC-UBND": "theo", "365/BC-UBND": "theo", "76/BC-HĐND": "theo"}),
    # a letter that considers a proposal answers it
    (["Qua xem xét nội dung tờ trình số 23/SGD-ĐT ngày 01/02/2007 của Sở Giáo dục và Đào tạo, Chủ tịch UBND tỉnh có ý "
      "kiến như sau:"], {"23/SGD-ĐT": "tra_loi"}),
    (["Ủy ban nhân dân tỉnh nhận được các Tờ trình số 992/TTr-BQLDA ngày 28/6/2018 của Ban Quản lý dự án."],
     {"992/TTr-BQLDA": "tra_loi"}),
    # the Government Office's formula: "X có văn bản số … Về việc này, Thủ tướng Chính phủ có ý kiến như sau"
    (["Tổ công tác đặc biệt của Chính phủ có văn bản số 3681/BC-TCT ngày 22 tháng 9 năm 2021 báo cáo Thủ tướng "
      "Chính phủ về công tác phòng, chống dịch. Về việc này, Thủ tướng Chính phủ có ý kiến như sau:"],
     {"3681/BC-TCT": "tra_loi"}),
    # a basis run into one paragraph: the item after a "Căn cứ …;" item is a basis too
    (["HỘI ĐỒNG NHÂN DÂN TỈNH LÀO CAI Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Căn cứ Luật "
      "Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015; Nghị quyết "
      "753/2005/NQ-UBTVQH11 ngày 02/4/2005 của Ủy ban Thường vụ Quốc hội ban hành Quy chế hoạt động; Xét Tờ trình."],
     {"753/2005/NQ-UBTVQH11": "can_cu"}),
    # a Government Office letter opening "Về đề nghị của X (Công văn số …)": the proposal it answers on
    (["Về đề nghị của Ủy ban nhân dân thành phố Hải Phòng (Công văn số 5555/UBND-QH2 ngày 12 tháng 8 năm 2021) về việc "
      "thực hiện Dự án Khu đô thị, Phó Thủ tướng Chính phủ có ý kiến như sau:"],
     {"5555/UBND-QH2": "theo"}),
    # the next proposer of the same clause ("… và của Sở B tại Công văn số …") shares its relation
    (["Theo đề nghị của Sở Nông nghiệp và PTNT tại các công văn: Số 1577/SNN-KHTC ngày 18/10/2010; số 218/SNN-KHTC "
      "ngày 02/3/2011 và của Sở Kế hoạch và Đầu tư tại Công văn số 183/KHĐT-KT ngày 25/02/2011,"],
     {"1577/SNN-KHTC": "theo", "218/SNN-KHTC": "theo", "183/KHĐT-KT": "theo"}),
    # a list after a colon takes the cue ending the clause before it, and ";" items go on with it
    (["1. Tiếp tục quán triệt thực hiện nghiêm túc các văn bản chỉ đạo về phòng cháy như: Kết luận số 02-KL/TW "
      "ngày 18/5/2021 của Ban Bí thư, Nghị quyết số 99/2019/QH14 ngày 27/11/2019 của Quốc hội; các văn bản của Thủ "
      "tướng Chính phủ: Quyết định số 630/QĐ-TTg ngày 11/5/2020."], {"02-KL/TW": "theo", "99/2019/QH14": "theo", "630/QĐ-TTg": "theo"}),
    # "theo ý kiến chỉ đạo của X tại", "theo hướng dẫn của X tại" mid-sentence: the document followed
    (["1. Yêu cầu Ủy ban nhân dân các tỉnh tập trung chỉ đạo phòng dịch theo ý kiến chỉ đạo của Thủ tướng Chính phủ tại "
      "công điện số 300/CĐ-TTg ngày 12 tháng 02 năm 2010; đối với các địa phương có dịch."], {"300/CĐ-TTg": "theo"}),
    (["Các sở theo dõi việc thực hiện của các đơn vị tại Công văn số 303/BYT-KCB ngày 12/02/2010."],
     {"303/BYT-KCB": "other"}),
    # "một số nội dung tại Mục III, Điều 1 -" between the cue and the document is a reference to a part of it
    (["NGHỊ QUYẾT", "VỀ SỬA ĐỔI, BỔ SUNG MỘT SỐ NỘI DUNG TẠI MỤC III, ĐIỀU 1 - NGHỊ QUYẾT SỐ 182/2007/NQ-HĐND NGÀY "
      "10/12/2007 CỦA HĐND TỈNH VỀ MỤC TIÊU ĐẨY MẠNH CÔNG TÁC PHÒNG, CHỐNG MA TUÝ"], {"182/2007/NQ-HĐND": "sua_doi"}),
    (["HƯỚNG DẪN THỰC HIỆN MỘT SỐ NỘI DUNG TRONG QUYẾT ĐỊNH SỐ 112/2004/QĐ-TTG NGÀY 23/6/2004 CỦA THỦ TƯỚNG CHÍNH PHỦ"],
     {"112/2004/QĐ-TTG": "huong_dan"}),
    # "…, đồng thời, để thực hiện Chỉ thị số …": the cue starts a phrase of its own, after unnumbered documents
    (["Để thực hiện các Nghị quyết của Quốc hội về việc chia tách địa giới hành chính cấp tỉnh, các Nghị định của Chính "
      "phủ về việc chia tách cấp huyện, đồng thời, để thực hiện Chỉ thị số 33-CT/TW ngày 22-12-2003 của Bộ Chính trị, "
      "Tòa án nhân dân tối cao hướng dẫn như sau:"], {"33-CT/TW": "thuc_hien"}),
    # a ";" item with no cue of its own takes the previous item's, not the paragraph's first
    (["Thực hiện Nghị quyết số 48/NQ-CP ngày 03/4/2023 của Chính phủ; Căn cứ Chương trình hành động số 60-CTr/TU ngày "
      "18/01/2019 của Ban Chấp hành Đảng bộ tỉnh; Quyết định số 912/QĐ-UBND ngày 21/4/2020 của UBND tỉnh; Ủy ban nhân dân "
      "tỉnh ban hành Kế hoạch như sau:"],
     {"48/NQ-CP": "thuc_hien", "60-CTr/TU": "can_cu", "912/QĐ-UBND": "can_cu"}),
    # documents given as examples ("ví dụ như") are governed by no cue
    (["Báo cáo còn thiếu những căn cứ pháp lý, đề nghị bổ sung ví dụ như: Nghị quyết số 78/NQ-CP ngày 18/6/2018 của "
      "Chính phủ về điều chỉnh quy hoạch."], {"78/NQ-CP": "other"}),
    (["Đề nghị bổ sung các căn cứ, ví dụ như Nghị quyết số 81/2023/QH15 ngày 09/01/2023 của Quốc hội."],
     {"81/2023/QH15": "other"}),
])
def test_general_relation_rules(paras, expected):
    got = rels(*paras)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("paras,doc_type,expected", [
    # the enacting sentence names THIS document: its cue is the document's own relation, for each ";" item
    (["Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của "
      "Chính phủ về kiểm soát thủ tục hành chính; Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về tiếp nhận."],
     "Nghị định", {"63/2010/NĐ-CP": "sua_doi", "20/2008/NĐ-CP": "sua_doi"}),
    (["Bộ trưởng Bộ Công an ban hành Thông tư bãi bỏ Thông tư số 17/2012/TT-BCA ngày 20/4/2012."],
     "Thông tư", {"17/2012/TT-BCA": "bai_bo"}),
    # "Sửa đổi, bổ sung, bãi bỏ một số điều của" amends
    (["Điều 1. Sửa đổi, bổ sung, bãi bỏ một số điều, khoản của Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 như sau:"],
     "Nghị định", {"63/2010/NĐ-CP": "sua_doi"}),
    # a guide guides the document it names, though the basis cites it first
    (["- Căn cứ Quy định số 07-QĐi/TW ngày 28/8/2018 của Bộ Chính trị;",
      "Ủy ban Kiểm tra Trung ương hướng dẫn thực hiện một số Điều trong Quy định số 07-QĐi/TW như sau:"],
     "Hướng dẫn", {"07-QĐi/TW": "huong_dan"}),
    # a decision citing in its basis the decision it replaces
    (["Căn cứ Quyết định số 1836-QĐ/TWĐTN ngày 23/6/2006 của Ban Bí thư;",
      "Điều 2. Quyết định này thay thế Quyết định số 1836-QĐ/TWĐTN ngày 23/6/2006."],
     "Quyết định", {"1836-QĐ/TWĐTN": "thay_the"}),
])
def test_own_action_relations(paras, doc_type, expected):
    got = rels(*paras, doc_type=doc_type)
    assert {k: got.get(k) for k in expected} == expected
