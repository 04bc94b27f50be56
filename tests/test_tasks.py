"""Task extraction against the gold files: appendix tables (.docx/.pdf), the same tables
flattened to text (.txt), prose assignments, and a synthetic table with its columns in
another order."""
from __future__ import annotations

import json
from functools import lru_cache

import pytest

from conftest import CORPUS
from extractors.tasks import extract_tasks
from pipeline.model import DocumentBuilder
from pipeline.normalize import compare_form
from pipeline.readers import read


def _key(t: dict) -> tuple:
    return t["appendix"], t["section"], t["no"]


@lru_cache(maxsize=None)
def _tasks_of(path: str) -> tuple:
    return tuple(extract_tasks(read(CORPUS / path), {}, []))


def score(path: str) -> tuple[dict, list[dict], list[dict]]:
    """Per-row agreement with the gold: lead set, deadline, deadline_kind, name."""
    pred = list(_tasks_of(path))
    gold = json.loads((CORPUS / (path.split(".")[0] + ".gold.json")).read_text(encoding="utf-8"))["tasks"]
    by_key = {_key(t): t for t in pred}
    ok = {"rows": len(gold), "lead": 0, "deadline": 0, "kind": 0, "name": 0, "row": 0}
    for g in gold:
        p = by_key.get(_key(g))
        if not p:
            continue
        lead = sorted(map(compare_form, p["lead"])) == sorted(map(compare_form, g["lead"]))
        dl, kind = p["deadline"] == g["deadline"], p["deadline_kind"] == g["deadline_kind"]
        name = compare_form(p["name"]) == compare_form(g["name"])
        for k, v in (("lead", lead), ("deadline", dl), ("kind", kind), ("name", name)):
            ok[k] += v
        ok["row"] += lead and dl and kind
    return ok, pred, gold


@pytest.mark.parametrize("path, floor", [
    ("seed004.docx", 0.97), ("seed004.pdf", 0.97), ("seed004.txt", 0.90),
    ("seed001.docx", 0.97), ("seed001.txt", 0.90),
    ("seed002.docx", 0.97), ("seed002.txt", 0.90), ("seed003.docx", 0.97), ("seed003.txt", 0.90),
])
def test_tasks_match_gold(path, floor):
    ok, pred, gold = score(path)
    assert len(pred) == len(gold)
    assert ok["row"] / ok["rows"] >= floor, ok
    assert ok["name"] / ok["rows"] >= floor, ok


def test_seed004_appendices_sections_and_sources():
    _, pred, gold = score("seed004.docx")
    assert sum(t["appendix"] == "Phụ lục I" for t in pred) == 10
    assert sum(t["appendix"] == "Phụ lục II" for t in pred) == 85
    assert [t["section"] for t in pred] == [g["section"] for g in gold]
    assert [t["source_refs"] for t in pred] == [g["source_refs"] for g in gold]
    row62 = next(t for t in pred if t["appendix"] == "Phụ lục II" and t["no"] == "62")
    assert row62["source_refs"] == ["05-QĐ/BCĐ", "11/NQ-CP"]
    assert row62["lead"] == ["Sở Khoa học và Công nghệ", "Công an tỉnh"]
    assert all(t["span"] and t["row"] is not None for t in pred)  # provenance: text span and table row


def test_seed004_pdf_row_split_by_page_break_is_one_task():
    _, pred, _ = score("seed004.pdf")
    row8 = next(t for t in pred if t["appendix"] == "Phụ lục I" and t["no"] == "8")
    assert row8["name"].endswith("để triển khai các dự án đổi mới sáng tạo được hỗ trợ từ ngân sách tỉnh.")
    assert row8["notes"].endswith("(năm 2025, chưa có dự án được hỗ trợ)")


def test_seed001_status_column():
    _, pred, gold = score("seed001.docx")
    assert [t["status_text"] for t in pred] == [g["status_text"] for g in gold]
    assert {t["deadline_kind"] for t in pred} == {"none"}


def test_prose_reads_labelled_lead_and_deadline():
    _, pred, _ = score("seed003.docx")
    t = next(t for t in pred if t["no"] == "2.a")
    assert t["lead"] == ["Sở Tài chính"]
    assert t["deadline_text"] == "hoàn thành Dự thảo trong tháng 9/2025" and t["deadline"] == "2025-09-30"
    assert "Cơ quan tham mưu" not in t["name"]
    chain = next(t for t in pred if t["no"] == "4")
    assert chain["lead"] == ["Sở Giáo dục và Đào tạo"]  # A chỉ đạo B chỉ đạo C -> C


def _table_doc(rows: list[list[str]], before: list[str]) -> object:
    b = DocumentBuilder()
    for p in before:
        b.paragraph(p)
    b.table([[(c, 1, 1) for c in r] for r in rows])
    return b.build("synthetic.docx", "docx", "0" * 64)


def test_columns_are_mapped_by_header_words_not_position():
    header = ["STT", "Nội dung", "Thời hạn", "Đơn vị chủ trì", "Ghi chú", "Cơ quan phối hợp"]
    rows = [header,
            ["1", "Rà soát thủ tục", "Quý II/2027", "Sở Tư pháp", "Theo Kế hoạch số 12/KH-UBND", "Các sở, ngành"],
            header,  # repeated header on a new page
            ["", "hành chính cấp xã", "", "", "", ""],  # the same row continued after the break
            ["2", "Báo cáo kết quả", "Định kỳ hằng quý", "Văn phòng UBND tỉnh", "", "-"]]
    doc = _table_doc(rows, ["Phụ lục III", "DANH MỤC NHIỆM VỤ"])
    tasks = extract_tasks(doc, {"date": "2027-01-05"}, [])
    assert [t["no"] for t in tasks] == ["1", "2"]
    t1, t2 = tasks
    assert t1["appendix"] == "Phụ lục III"
    assert t1["name"] == "Rà soát thủ tục hành chính cấp xã"
    assert (t1["lead"], t1["support"]) == (["Sở Tư pháp"], ["Các sở, ngành"])
    assert (t1["deadline"], t1["deadline_kind"]) == ("2027-06-30", "quarter")
    assert t1["source_refs"] == ["12/KH-UBND"]
    assert (t2["deadline_kind"], t2["support"]) == ("recurring", [])


def test_prose_tasks_only_when_no_table():
    b = DocumentBuilder()
    for p in ["Kính gửi: Sở Tài chính", "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát định mức;"
              " hoàn thành trước ngày 20/6/2025.", "2. Sở Xây dựng thực hiện kiểm tra (thời gian: Quý III/2025).",
              "Nơi nhận:", "- Như trên;"]:
        b.paragraph(p)
    doc = b.build("x.txt", "docx", "1" * 64)
    tasks = extract_tasks(doc, {"date": "2025-05-02"}, [])
    assert [(t["no"], t["lead"], t["support"], t["deadline"]) for t in tasks] == [
        ("1", ["Sở Tài chính"], ["Sở Nội vụ"], "2025-06-20"),
        ("2", ["Sở Xây dựng"], [], "2025-09-30"),
    ]


def _prose_doc(paras: list[str]) -> object:
    b = DocumentBuilder()
    for p in paras:
        b.paragraph(p)
    return b.build("synthetic.txt", "txt", "0" * 64)


@pytest.mark.parametrize("paras, names", [
    # the closing paragraph of a letter is no part of the last item; the closing mark "./." is dropped
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:", "1. Đồng ý chủ trương.",
      "2. Giao Sở Giáo dục và Đào tạo xây dựng định mức thu, thông qua Sở Tài chính.",
      "Nhận được công văn này đề nghị Sở Giáo dục và Đào tạo, Sở Tài chính tiến hành thực hiện./.", "Nơi nhận:"],
     {"2": "Giao Sở Giáo dục và Đào tạo xây dựng định mức thu, thông qua Sở Tài chính."}),
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:", "1. Thống nhất chủ trương đầu tư.",
      "2. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng báo cáo UBND tỉnh xem xét, quyết định./.", "Nơi nhận:"],
     {"2": "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng báo cáo UBND tỉnh xem xét, quyết định"}),
    # "Với nội dung trên, …" opens the closing even when the item's last line has no full stop
    (["Hội đồng nhân dân huyện thông báo như sau:",
      "1. Giao Trung tâm Văn hóa, Thể thao và Truyền thông huyện tổ chức đăng tải, tuyên truyền rộng rãi thông báo này",
      "Với nội dung trên, HĐND huyện thông báo để các đơn vị, nhân dân biết và thực hiện./."],
     {"1": "Giao Trung tâm Văn hóa, Thể thao và Truyền thông huyện tổ chức đăng tải, tuyên truyền rộng rãi thông báo này"}),
])
def test_prose_item_ends(paras, names):
    got = {t["no"]: t["name"] for t in extract_tasks(_prose_doc(paras), {}, [])}
    assert {k: got.get(k) for k in names} == names


@pytest.mark.parametrize("paras", [
    # "Nơi nhận:" glued to the last paragraph ends the body: its list is the distribution, not items
    ["Kính gửi: Bảo hiểm xã hội Quận, huyện.",
     "Đề nghị BHXH Quận, huyện tiếp nhận và giải quyết đối với những trường hợp trên./.Nơi nhận:",
     "• Như trên;", "• Lưu: VT, CĐ.(2b)"],
    # a symbol wrapped onto its own line ("54 / BHXH - CĐ") numbers no item
    ["V/v Hướng dẫn điều chỉnh nội dung thông báo số", "54 / BHXH - CĐ", "Kính gửi: Bảo hiểm xã hội Quận, huyện.",
     "Tại thông báo số 54/BHXH-CĐ ngày 07/3/2016 của BHXH TP đề nghị BHXH quận, huyện tạm ngưng giải quyết."],
    # a web copy's lines: the recipients' last line and the "Xét …" paragraph after it are not one item
    ["Kính gửi:", "- Bộ Tài chính;", "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương (từ Quảng Ngãi trở ra)",
     "Xét đề nghị của Bộ Nông nghiệp và Phát triển nông thôn về tình hình bệnh lùn sọc đen, Thủ tướng Chính phủ có ý kiến "
     "như sau:", "1. Yêu cầu Ủy ban nhân dân các tỉnh tập trung chỉ đạo phòng, trừ bệnh."],
])
def test_prose_not_items(paras):
    names = [t["name"] for t in extract_tasks(_prose_doc(paras), {}, [])]
    assert not any(n.startswith(("Như trên", "Lưu", "Ủy ban nhân dân các tỉnh, thành phố", "Tại thông báo")) for n in names)


@pytest.mark.parametrize("paras, want", [
    # a mixed-case roman heading opens a section; its intro names the lead, "các cấp" is no body of its own,
    # a date inside the bullet is its deadline
    (["Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:", "I. Nhiệm vụ chung",
      "Ban Chỉ huy Phòng, chống thiên tai các ngành, các cấp, Thủ trưởng các sở, ban, ngành tỉnh tập trung thực hiện "
      "một số công việc sau:",
      "- Khẩn trương hoàn thành tổng kết công tác năm 2014 trước ngày 20/4/2015; đánh giá những ưu điểm.",
      "- Rà soát, bổ sung phương án ứng phó."],
     [("I", "I.1", ["Ban Chỉ huy Phòng, chống thiên tai các ngành, các cấp", "Thủ trưởng các sở, ban, ngành tỉnh"],
       "2015-04-20"),
      ("I", "I.2", ["Ban Chỉ huy Phòng, chống thiên tai các ngành, các cấp", "Thủ trưởng các sở, ban, ngành tỉnh"], None)]),
    # an adverb between the body and its verb is not part of the body
    (["Ủy ban nhân dân xã thông báo:", "1. Tạm dừng tiếp công dân định kỳ.",
      "2. UBND xã chỉ xem xét, xử lí đơn thư gửi đến qua bưu điện."],
     [("2", "2", ["UBND xã"], None)]),
    # a standing committee and deputies (their roster in brackets) lead; "vào ngày 30 hàng tháng" recurs
    (["Văn phòng Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân như sau:",
      "1. Thường trực Hội đồng nhân dân tỉnh; Đại biểu Quốc hội tỉnh (theo lịch phân công) chủ trì tiếp công dân vào "
      "ngày 30 hàng tháng."],
     [("1", "1", ["Thường trực Hội đồng nhân dân tỉnh", "Đại biểu Quốc hội tỉnh"], None)]),
    # invitees are no tasks
    (["Ủy ban nhân dân tỉnh tổ chức Lễ phát động.", "1. Thành phần mời:", "- Thường trực Tổng liên đoàn lao động Việt Nam;",
      "- Văn phòng Quốc hội;"], []),
    # "V/v …" is a letter's subject line, not section V
    (["V/v triển khai thực hiện Thông báo", "Kính gửi:", "- Các Đảng ủy trực thuộc Tỉnh ủy;", "- Sở Nội vụ."], []),
    # the list's introduction hands its items to a body ("X yêu cầu Y thực hiện các nội dung sau:")
    (["Kính gửi: Hiệu trưởng các đơn vị trực thuộc. Thực hiện Kế hoạch số 1231/KH-UBND ngày 13/4/2018 của UBND "
      "thành phố, Phòng Giáo dục và Đào tạo yêu cầu các trường học trực thuộc thực hiện các nội dung sau:",
      "1. Vận động, tuyên truyền học sinh bảo vệ môi trường.", "2. Triển khai tổng vệ sinh trong trường học.",
      "3. Phòng Giáo dục và Đào tạo cử chuyên viên theo dõi, kiểm tra."],
     [("1", "1", ["các trường học trực thuộc"], None), ("2", "2", ["các trường học trực thuộc"], None),
      ("3", "3", ["Phòng Giáo dục và Đào tạo"], None)]),
    # an introduction that names only its own subject hands nothing on; "Cơ quan, đơn vị …" lead
    (["Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:", "1. Nâng cao chất lượng rừng ven biển.",
      "2. Cơ quan, đơn vị trường học báo cáo kết quả thực hiện."],
     [("2", "2", ["Cơ quan, đơn vị trường học"], None)]),
    # a date inside the item in words; "tiếp công dân" ends the body; days of every month recur
    (["Sở Giáo dục và Đào tạo đề nghị Thủ trưởng đơn vị thực hiện:",
      "1. Cơ quan, đơn vị trường học báo cáo tình hình thực hiện tại đơn vị trước ngày 10 tháng 4 năm 2023; "
      "trường THPT báo cáo tại đường dẫn.",
      "2. Chủ tịch UBND huyện tiếp công dân định kỳ vào ngày 15 và 25 hàng tháng.",
      "3. Các trường tổ chức tổng vệ sinh vào lúc 16h00 ngày thứ Sáu 20/4/2018."],
     [("1", "1", ["Cơ quan, đơn vị trường học"], "2023-04-10"), ("2", "2", ["Chủ tịch UBND huyện"], None),
      ("3", "3", ["Các trường"], "2018-04-20")]),
    # a project board's name holds "xây dựng" and "công trình"; "đảm bảo hoàn thành … trong năm 2018" inside the item
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:",
      "2. Ban QLDA đầu tư xây dựng các công trình Nông nghiệp và PTNT khẩn trương hoàn thiện hồ sơ, đảm bảo hoàn thành "
      "công trình trong năm 2018. Chủ tịch UBND tỉnh yêu cầu Giám đốc Ban thực hiện."],
     [("2", "2", ["Ban QLDA đầu tư xây dựng các công trình Nông nghiệp và PTNT"], "2018-12-31")]),
    # more verbs end the body ("vệ sinh", "vận động", "làm việc" …); a passive subject names no agent
    (["Sở Thông tin và Truyền thông thông báo như sau:", "1. Chi đoàn Sở vệ sinh cơ quan trước khi nghỉ Tết.",
      "2. Các cán bộ, viên chức, người lao động vận động gia đình treo cờ Tổ quốc.",
      "3. Các trường hợp được gia hạn nộp số nợ thuế."],
     [("1", "1", ["Chi đoàn Sở"], None), ("2", "2", ["Các cán bộ, viên chức, người lao động"], None)]),
    # "1-" numbers an item; "Tất cả các cơ quan …" is a body; "trong ngày 3-2-2018" is the item's date
    (["UBND thành phố thông báo:", "1- Tất cả các cơ quan, đơn vị thực hiện treo cờ Tổ quốc trong ngày 3-2-2018 (thứ bảy).",
      "2- Các cơ quan công sở thực hiện treo cờ Đảng."],
     [("1", "1", ["Tất cả các cơ quan, đơn vị"], "2018-02-03"), ("2", "2", ["Các cơ quan công sở"], None)]),
    # "Giao cho X …"; an assignment after an opening clause ("Trước khi nghỉ lễ, yêu cầu các đơn vị …")
    (["Nhà trường thông báo:", "1. Giao cho trưởng các khoa đào tạo thông báo cho học sinh.",
      "2. Trước khi nghỉ lễ, yêu cầu các đơn vị vệ sinh phòng làm việc."],
     [("1", "1", ["trưởng các khoa đào tạo"], None), ("2", "2", ["các đơn vị"], None)]),
    # a long "Về …" item over lettered items is a heading, not a task of the introduction's body
    (["Ban Thường vụ Tỉnh ủy đề nghị các Đảng ủy trực thuộc Tỉnh ủy thực hiện một số nội dung như sau:",
      "1. Về đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các cơ quan "
      "trong hệ thống chính trị và các tổ chức chính trị - xã hội",
      "a) Sở Nội vụ chủ trì rà soát thủ tục hành chính."],
     [("1", "1.a", ["Sở Nội vụ"], None)]),
    # an impersonal introduction ("…, yêu cầu X … các công việc sau đây:") hands its items on; an item that
    # opens with a verb spelled like a body ("Tổ chức …", "Ban hành …") names no agent of its own
    (["Để hoàn thành nhiệm vụ thu năm 2006, yêu cầu Cục thuế các tỉnh, thành phố tập trung chỉ đạo và tổ chức "
      "thực hiện tốt các công việc chính sau đây:",
      "1. Tổ chức đánh giá kỹ tình hình thực hiện thu năm 2005.", "2. Ban hành quy chế phối hợp thu nợ thuế."],
     [("1", "1", ["Cục thuế các tỉnh, thành phố"], None), ("2", "2", ["Cục thuế các tỉnh, thành phố"], None)]),
    # a numbered line naming only a body hands it the dashes below; a note "Trường hợp …" ends the list
    (["Ủy ban nhân dân huyện có ý kiến như sau:", "2. Trung tâm Văn hóa - Thông tin và Thể thao",
      "- Tăng cường các tin, bài tuyên truyền.", "- Tổ chức các hoạt động tuyên truyền trực quan.",
      "Trường hợp có vướng mắc, báo cáo Ủy ban nhân dân huyện."],
     [("2", "2.1", ["Trung tâm Văn hóa - Thông tin và Thể thao"], None),
      ("2", "2.2", ["Trung tâm Văn hóa - Thông tin và Thể thao"], None)]),
    # "1.1." items are the second level of item 1, as lettered items are; a lone "Các" before the verb
    # "tổ chức" is no body
    (["Ban Quản lý Khu kinh tế thông báo lịch tiếp công dân như sau:", "1. Lịch tiếp công dân",
      "1.1. Trưởng ban tiếp công dân định kỳ vào ngày 10 hàng tháng.",
      "1.2. Văn phòng tiếp công dân thường xuyên vào các ngày làm việc.",
      "2.1. Các tổ chức thuộc Văn phòng thực hiện chức năng giúp việc."],
     [("1", "1.1", ["Trưởng ban"], None), ("1", "1.2", ["Văn phòng"], None)]),
    # a list lettered from "a)" with no numbered item above it; a governor's introduction hands it on;
    # "tổ chức tín dụng" is a body, not the verb "tổ chức"
    (["Thực hiện Nghị quyết số 11/NQ-CP của Chính phủ; Thống đốc Ngân hàng Nhà nước yêu cầu các tổ chức tín dụng "
      "thực hiện nhiệm vụ và giải pháp như sau:", "a) Xây dựng kế hoạch kinh doanh năm 2011.",
      "b) Kiểm soát tốc độ tăng trưởng tín dụng:", "- Giao kế hoạch kinh doanh cho chi nhánh.",
      "- Thực hiện cấp tín dụng theo đúng quy định."],
     [(None, "a", ["các tổ chức tín dụng"], None), (None, "b.1", ["các tổ chức tín dụng"], None),
      (None, "b.2", ["các tổ chức tín dụng"], None)]),
    # a report to a superior lists findings, not tasks, whoever its opening clause names
    (["Thực hiện chỉ đạo, Thủ tướng Chính phủ giao Bộ Giao thông vận tải rà soát nhu cầu, Bộ GTVT kính báo cáo "
      "Thủ tướng Chính phủ như sau:", "1. Thực trạng triển khai thí điểm", "a) Về số lượng đơn vị và phương tiện",
      "Tính đến nay, đã có 21 địa phương thí điểm."], []),
    # a month inside an item is its deadline ("…, trình Chính phủ trong tháng 10 năm 2008;")
    (["Thủ tướng Chính phủ có ý kiến như sau:",
      "1. Bộ Y tế chủ trì soạn thảo Dự án Pháp lệnh, trình Chính phủ trong tháng 10 năm 2008;",
      "2. Bộ Tư pháp hướng dẫn thủ tục thẩm định trước tháng 12/2008."],   # "before December": by 30 November
     [("1", "1", ["Bộ Y tế"], "2008-10-31"), ("2", "2", ["Bộ Tư pháp"], "2008-11-30")]),
    # a list of dashes only, handed on by the second verb of its introduction's subject ("… và yêu cầu X
    # thực hiện:"); a lone item is item 1
    (["Kính gửi: Bảo hiểm xã hội các tỉnh", "BHXH Việt Nam xây dựng chỉ tiêu thống kê theo mẫu gửi kèm và yêu cầu "
      "BHXH các tỉnh, thành phố thực hiện:", "- Về báo cáo tháng, gửi về Bảo hiểm xã hội Việt Nam trước ngày 20/7/2010."],
     [(None, "1", ["BHXH các tỉnh, thành phố"], "2010-07-20")]),
    # the clause that hands the dashes on is not the first that opens with a body
    (["Hiện nay, Bảo hiểm xã hội các tỉnh vẫn đang thông báo các cơ sở tuyến tỉnh. Vì vậy, đề nghị Bảo hiểm xã hội "
      "các tỉnh, thành phố thực hiện nghiêm túc hướng dẫn, cụ thể như sau:",
      "- Thông báo các cơ sở khám chữa bệnh tuyến huyện.", "- Chỉ phát hành thẻ từ cơ sở tuyến huyện.", "Nơi nhận:",
      "- Như trên;"],
     [(None, "1", ["Bảo hiểm xã hội các tỉnh, thành phố"], None),
      (None, "2", ["Bảo hiểm xã hội các tỉnh, thành phố"], None)]),
    # a dash list introduced by no hand-over is a list of recipients or findings, no tasks
    (["Kính gửi:", "- Sở Tài chính;", "- Sở Nội vụ.", "Qua kiểm tra, Sở Y tế nhận thấy như sau:",
      "- Các cơ sở chưa niêm yết giá."], []),
    # "Các Bộ: A, B, C; X; Y" gives each its head; "Ngoại giao", "An toàn giao thông" hold no verb "giao";
    # a body's daily due time recurs
    (["Văn phòng Chính phủ đề nghị như sau:", "2. Chế độ báo cáo:",
      "- Các Bộ: Quốc phòng, Công an, Ngoại giao; Thông tấn xã Việt Nam; Ủy ban An toàn giao thông Quốc gia báo cáo "
      "nhanh tình hình từng ngày, gửi hỏa tốc đến Văn phòng Chính phủ trước 14 giờ 00 hàng ngày."],
     [("2", "2", ["Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Thông tấn xã Việt Nam",
                  "Ủy ban An toàn giao thông Quốc gia"], None)]),
    # numbered items under roman headings stay in the roman section; a label before the body that acts
    # ("Tiếp công dân định kỳ: Giám đốc Sở tiếp …"), not a field label ("Địa điểm: Phòng Tiếp công dân …")
    (["Sở Thông tin và Truyền thông thông báo lịch tiếp công dân như sau:", "I. Tiếp công dân của Giám đốc Sở",
      "1. Tiếp công dân định kỳ: Giám đốc Sở tiếp công dân định kỳ vào ngày 15 hàng tháng.",
      "2. Địa điểm: Phòng Tiếp công dân, trụ sở UBND huyện.", "II. Tiếp công dân thường xuyên",
      "1. Giao Thanh tra Sở thực hiện tiếp công dân thường xuyên."],
     [("I", "1", ["Giám đốc Sở"], None), ("II", "1", ["Thanh tra Sở"], None)]),
    # a cited document's date is no deadline ("…, thực hiện Công văn số … ngày 17/10/2017 …"); a labelled
    # period after the work is ("…; thời gian thực hiện: Quý II/2025"), and so is a yearly report date
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:",
      "1. Sở Tài nguyên và Môi trường chủ trì kiểm tra, thực hiện Công văn số 11034/VPCP-KGVX ngày 17/10/2017 của "
      "Văn phòng Chính phủ.",
      "2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch; thời gian thực hiện: Quý II/2025.",
      "3. Sở Y tế tổng hợp, báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm."],
     [("1", "1", ["Sở Tài nguyên và Môi trường"], None), ("2", "2", ["Sở Tài chính"], "2025-06-30"),
      ("3", "3", ["Sở Y tế"], None)]),
    # a body's period to the end of a day ("đến hết ngày …"), "vào sáng ngày …"; a holiday with no body is no task;
    # the closing request to every body ("Đề nghị Hiệu trưởng các đơn vị chấp hành nghiêm túc./.") is no part of
    # the last item
    (["UBND thị xã thông báo:",
      "1. Các cơ quan, đơn vị treo cờ Tổ quốc trong 03 ngày từ ngày 13 đến hết ngày 15 tháng 5 năm 2019.",
      "2. Ủy ban nhân dân các xã tổ chức tiếp âm chương trình phát thanh vào sáng ngày 15/5/2019.",
      "3. Cán bộ, viên chức nghỉ lễ từ ngày 30/4 đến hết ngày 03/5/2020.",
      "Đề nghị Hiệu trưởng các đơn vị chấp hành nghiêm túc./."],
     [("1", "1", ["Các cơ quan, đơn vị"], "2019-05-15"), ("2", "2", ["Ủy ban nhân dân các xã"], "2019-05-15")]),
    # a submission's list ("… kính trình UBND tỉnh xem xét, phê duyệt dự toán như sau:") is no task list, and a
    # field label ("Đơn vị thực hiện: …") is no body
    (["Sở Tài chính kính trình UBND tỉnh xem xét, phê duyệt dự toán như sau:", "1. Tổng dự toán: 12.500 triệu đồng.",
      "2. Đơn vị thực hiện: Sở Khoa học và Công nghệ."], []),
    (["Ủy ban nhân dân tỉnh thông báo như sau:", "1. Đơn vị thực hiện: Sở Khoa học và Công nghệ."], []),
    # a report's results ("Phòng Nội vụ đã tham mưu …") are no tasks; its next tasks are
    (["UBND huyện báo cáo kết quả như sau:", "I. KẾT QUẢ THỰC HIỆN",
      "1. Phòng Nội vụ đã tham mưu UBND huyện ban hành Kế hoạch cải cách hành chính năm 2025.",
      "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM", "1. Phòng Nội vụ tiếp tục theo dõi, đôn đốc các cơ quan thực hiện."],
     [("II", "1", ["Phòng Nội vụ"], None)]),
    # a decision's next article ends the list of its "Điều 2" ("Điều 3. Quyết định này thay thế …" is no part of item 2)
    (["QUYẾT ĐỊNH:", "Điều 1. Phê duyệt Đề án phát triển du lịch nông nghiệp.", "Điều 2. Tổ chức thực hiện",
      "1. Sở Văn hóa, Thể thao và Du lịch chủ trì triển khai Đề án; định kỳ hằng năm báo cáo UBND tỉnh.",
      "2. Sở Tài chính tham mưu bố trí kinh phí thực hiện Đề án.",
      "Điều 3. Quyết định này thay thế Quyết định số 2345/QĐ-UBND ngày 10/11/2018 của UBND tỉnh."],
     [("1", "1", ["Sở Văn hóa, Thể thao và Du lịch"], None), ("2", "2", ["Sở Tài chính"], None)]),
])
def test_prose_sections(paras, want):
    got = [(t["section"], t["no"], t["lead"], t["deadline"]) for t in extract_tasks(_prose_doc(paras), {}, [])]
    assert got == want


@pytest.mark.parametrize("paras, want", [
    # a letter without numbered items: a run of paragraphs that each give a body work is its task list; a
    # closing request to every body without a date and the office relaying the letter are not tasks
    (["Chủ tịch UBND tỉnh có ý kiến như sau:",
      "Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát quỹ đất, báo cáo UBND tỉnh trước ngày 30/6/2025.",
      "UBND các huyện, thành phố khẩn trương lập danh mục dự án, gửi Sở Xây dựng chậm nhất ngày 15/6/2025.",
      "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."],
     [("1", ["Sở Xây dựng"], ["Sở Tài chính"], "Giao Sở Xây dựng chủ trì"),
      ("2", ["UBND các huyện, thành phố"], [], "UBND các huyện, thành phố khẩn trương")]),
    # a single such paragraph is not a list (the readings of tests/real4 and real9)
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:",
      "Giao Sở Văn hóa, Thể thao và Du lịch tham mưu Kế hoạch triển khai giải thưởng.",
      "Văn phòng Ủy ban nhân dân tỉnh truyền đạt ý kiến chỉ đạo của Chủ tịch UBND tỉnh để các cơ quan biết, thực hiện."],
     []),
    # an item that opens with an approval, then gives a body work: the task is that sentence on;
    # "thống nhất với" names a supporting body, up to what the work is about ("về …")
    (["Thủ tướng Chính phủ có ý kiến như sau:",
      "1. Đồng ý bổ sung tuyến đường vào Quy hoạch như đề nghị của Bộ Giao thông vận tải. Ủy ban nhân dân tỉnh Quảng "
      "Trị có trách nhiệm thông báo cho các địa phương liên quan biết.",
      "2. Bộ Giao thông vận tải chịu trách nhiệm thống nhất với Ủy ban nhân dân tỉnh Quảng Trị về quy mô tuyến đường."],
     [("1", ["Ủy ban nhân dân tỉnh Quảng Trị"], [], "Ủy ban nhân dân tỉnh Quảng Trị có trách nhiệm"),
      ("2", ["Bộ Giao thông vận tải"], ["Ủy ban nhân dân tỉnh Quảng Trị"], "Bộ Giao thông vận tải chịu trách nhiệm")]),
    # "cùng các ngành" adds a supporting body; "xác định" is a verb
    (["Ủy ban nhân dân tỉnh có ý kiến như sau:",
      "1. Giao Ban QLDA chủ động phối hợp với Sở Tài chính cùng các ngành có liên quan xác định quy mô đầu tư."],
     [("1", ["Ban QLDA"], ["Sở Tài chính", "các ngành có liên quan"], "Giao Ban QLDA chủ động")]),
    # "Đối với X: …" addresses X, who leads, and the item keeps its words; "X: …" is named after the colon
    (["UBND Thành phố thông báo như sau:",
      "1. Đối với các cơ quan, đơn vị thành phố: Treo cờ Tổ quốc và khẩu hiệu.",
      "2. UBND các phường: Thông báo cho nhân dân thực hiện treo cờ."],
     [("1", ["các cơ quan, đơn vị thành phố"], [], "Đối với các cơ quan, đơn vị thành phố: Treo cờ"),
      ("2", ["UBND các phường"], [], "Thông báo cho nhân dân")]),
    # the paragraphs an introduction announces are its items, though each speaks to every body; a bracketed note
    # naming a guide is no deadline
    (["Nhân dịp Quốc khánh, Ủy ban nhân dân huyện Mường La thông báo treo cờ Tổ quốc như sau:",
      "Tất cả các cơ quan, đơn vị, ban ngành, đoàn thể, các tổ chức xã hội, doanh nghiệp, trường học treo cờ Tổ "
      "quốc tại trụ sở (Nội dung khẩu hiệu theo hướng dẫn của Ban Tuyên giáo Huyện ủy).",
      "Tất cả các hộ gia đình nhân dân các dân tộc trên địa bàn huyện treo cờ Tổ quốc."],
     [("1", ["Tất cả các cơ quan, đơn vị, ban ngành, đoàn thể", "các tổ chức xã hội, doanh nghiệp, trường học"], [],
       "Tất cả các cơ quan"),
      ("2", ["Tất cả các hộ gia đình nhân dân các dân tộc trên địa bàn huyện"], [], "Tất cả các hộ gia đình")]),
    # a long list of bodies opening a paragraph of a run is still its lead
    (["Thông báo của UBND tỉnh về việc treo cờ nhân dịp Đại hội",
      "Các sở, ban, ngành, tổ chức đảng, Mặt trận Tổ quốc, đoàn thể, lực lượng vũ trang, các đơn vị sự nghiệp thuộc "
      "tỉnh; UBND các huyện, thị xã, thành phố triển khai thực hiện việc treo cờ Tổ quốc trong thời gian đại hội.",
      "UBND các huyện, thị xã, thành phố thông báo đến các hộ gia đình thực hiện việc treo cờ Tổ quốc."],
     [("1", ["Các sở, ban, ngành, tổ chức đảng", "Mặt trận Tổ quốc, đoàn thể, lực lượng vũ trang",
             "các đơn vị sự nghiệp thuộc tỉnh", "UBND các huyện, thị xã, thành phố"], [], "Các sở, ban"),
      ("2", ["UBND các huyện, thị xã, thành phố"], [], "UBND các huyện")]),
    # items numbered "1/"; a sibling item that only says when gives its last day to the tasks without one
    (["UBND xã Thiệu Vân thông báo treo cờ Tổ quốc như sau:",
      "1/ Tất cả các cơ quan, các thôn, các hộ gia đình thực hiện treo cờ Tổ quốc tại trụ sở và tại các hộ gia đình.",
      "2/ Thời gian treo cờ Tổ quốc: Từ ngày 30/4/2025 đến hết ngày 01/5/2025."],
     [("1", ["Tất cả các cơ quan", "các thôn, các hộ gia đình"], [], "Tất cả các cơ quan")]),
    # "Lãnh đạo" naming no body is a remit, not a lead
    (["Ban Thường vụ Huyện ủy có nhiệm vụ như sau:",
      "1/ Lãnh đạo toàn diện trên các lĩnh vực: chính trị, kinh tế, văn hóa - xã hội, quốc phòng - an ninh."], []),
    # paragraphs that open with their verb, two or more under an introduction that hands them on, are its items
    (["Theo đó, UBND huyện yêu cầu Thủ trưởng các cơ quan, Chủ tịch UBND các xã, thị trấn:",
      "Tổ chức quán triệt Kế hoạch số 110/KH-UBND ngày 04/6/2018 đến các cơ quan, đơn vị.",
      "Đẩy mạnh việc tổ chức ra quân làm vệ sinh môi trường vào các ngày cố định hằng tuần."],
     [("1", ["Thủ trưởng các cơ quan", "Chủ tịch UBND các xã, thị trấn"], [], "Tổ chức quán triệt"),
      ("2", ["Thủ trưởng các cơ quan", "Chủ tịch UBND các xã, thị trấn"], [], "Đẩy mạnh")]),
    # a Deputy Prime Minister hands a dash list to the body the introduction names ("… như sau:")
    (["Xét đề nghị của Bộ Công Thương, Phó Thủ tướng Vũ Văn Ninh yêu cầu Bộ Kế hoạch và Đầu tư như sau:",
      "- Nghiên cứu, có ý kiến về đề xuất của Bộ Công Thương;", "- Khẩn trương báo cáo lại Thủ tướng Chính phủ."],
     [("1", ["Bộ Kế hoạch và Đầu tư"], [], "Nghiên cứu"), ("2", ["Bộ Kế hoạch và Đầu tư"], [], "Khẩn trương")]),
    # the body issues a letter that hands the items on ("ban hành văn bản yêu cầu …", "đã có Công văn số … đề nghị …")
    (["Ngày 9/11, UBND tỉnh ban hành văn bản yêu cầu các sở, ban, ngành, UBND các huyện chủ động ứng phó với bão:",
      "1. Khẩn trương triển khai thực hiện nghiêm các nội dung chỉ đạo của Thủ tướng Chính phủ.",
      "2. Theo dõi chặt chẽ diễn biến cơn bão."],
     [("1", ["các sở, ban, ngành", "UBND các huyện"], [], "Khẩn trương"),
      ("2", ["các sở, ban, ngành", "UBND các huyện"], [], "Theo dõi")]),
    # a web copy glued a verb's words ("phốihợp với", "chủtrì"): still the verb
    (["Thủ tướng Chính phủ có ý kiến như sau:",
      "1. Bộ Nông nghiệp và Phát triển nông thôn, Bộ Tài chính phốihợp với Ủy ban nhân dân các tỉnh xem xét giải quyết "
      "kịp thời vướng mắc.", "2. Bộ Y tế chủtrì hướng dẫn các địa phương."],
     [("1", ["Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tài chính"], ["Ủy ban nhân dân các tỉnh"], "Bộ Nông nghiệp"),
      ("2", ["Bộ Y tế"], [], "Bộ Y tế")]),
    # "yêu cầu A và đề nghị B": two addressees of one introduction, not a chain
    (["Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tỉnh, Ủy ban nhân dân các huyện và đề nghị các tổ chức "
      "đoàn thể tỉnh thực hiện một số nội dung trọng tâm sau:", "1. Tiếp tục quán triệt các văn bản chỉ đạo.",
      "2. Tăng cường kiểm tra an toàn phòng cháy."],
     [("1", ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện", "các tổ chức đoàn thể tỉnh"], [], "Tiếp tục"),
      ("2", ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện", "các tổ chức đoàn thể tỉnh"], [], "Tăng cường")]),
    (["Sở Y tế đã có Công văn số 12/SYT-NV ngày 3/5/2024 đề nghị các bệnh viện thực hiện như sau:",
      "1. Rà soát danh mục thuốc.", "2. Tăng cường kiểm tra việc kê đơn thuốc."],
     [("1", ["các bệnh viện"], [], "Rà soát"), ("2", ["các bệnh viện"], [], "Tăng cường")]),
])
def test_prose_roles(paras, want):
    tasks = extract_tasks(_prose_doc(paras), {}, [])
    assert len(tasks) == len(want)
    assert [(t["no"], t["lead"], t["support"], t["name"][:len(w[3])]) for t, w in zip(tasks, want)] == want


@pytest.mark.parametrize("time_item, deadline", [
    ("3. Thời gian treo cờ: Từ ngày 16/5/2021 đến hết ngày 24/5/2021.", "2021-05-24"),
    ("3. Thời gian nghỉ: Nghỉ 02 ngày, ngày 30/4/2020 (thứ Năm) và ngày 01/5/2020 (thứ Sáu).", "2020-05-01"),
    ("3. Thời gian tiếp: Buổi sáng từ 7h30 đến 11h30.", None),
])
def test_time_item_gives_its_last_day_to_the_tasks(time_item, deadline):
    paras = ["UBND Thành phố thông báo như sau:", "1. Các cơ quan, đơn vị thành phố treo cờ Tổ quốc.",
             "2. UBND các phường thông báo cho nhân dân treo cờ Tổ quốc, chậm nhất ngày 10/5/2021.", time_item]
    tasks = extract_tasks(_prose_doc(paras), {}, [])
    assert [t["deadline"] for t in tasks] == [deadline, "2021-05-10"]


@pytest.mark.parametrize("recipients, lead", [
    (["Bộ Tư pháp"], ["Bộ Tư pháp"]),
    # a "Kính gửi" line that ran into the body is no list of addressees
    (["Ông (Bà) Hiệu trưởng các đơn vị. Thực hiện Kế hoạch số 12/KH-UBND, Phòng yêu cầu các trường"], []),
    ([], []),
])
def test_item_naming_no_body_falls_to_the_addressees(recipients, lead):
    paras = ["Phó Thủ tướng Nguyễn Xuân Phúc có ý kiến như sau:",
             "1. Tổ chức cuộc họp tổng kết hoạt động của Ban Chỉ đạo trước ngày 10 tháng 01 năm 2014;",
             "2. Giao Bộ Công an chủ trì chuẩn bị chu đáo cuộc họp."]
    tasks = extract_tasks(_prose_doc(paras), {"recipients": recipients}, [])
    assert [t["lead"] for t in tasks] == [lead, ["Bộ Công an"]]


def test_decision_article_ends_the_list():
    """"Điều 3. Quyết định này thay thế …" is no part of the last item of "Điều 2"; "định kỳ hằng năm" recurs."""
    tasks = extract_tasks(_prose_doc([
        "QUYẾT ĐỊNH:", "Điều 2. Tổ chức thực hiện",
        "1. Sở Văn hóa, Thể thao và Du lịch chủ trì triển khai Đề án; định kỳ hằng năm báo cáo UBND tỉnh.",
        "2. Sở Tài chính tham mưu bố trí kinh phí thực hiện Đề án.",
        "Điều 3. Quyết định này thay thế Quyết định số 2345/QĐ-UBND ngày 10/11/2018 của UBND tỉnh."]), {}, [])
    assert [t["name"] for t in tasks][-1] == "Sở Tài chính tham mưu bố trí kinh phí thực hiện Đề án."
    assert tasks[0]["deadline_kind"] == "recurring"
