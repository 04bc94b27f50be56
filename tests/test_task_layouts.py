"""Task tables in the layouts offices print, written as real .docx files with python-docx (and
printed to PDF by LibreOffice) and read back through the readers: two-row headers over merged
cells, one agency column that marks the roles inside its cells, a column for both roles, group
rows, letter sections, no TT column."""
from __future__ import annotations

import os
import subprocess

import pytest
from docx import Document

from conftest import require_tool
from extractors.task_roles import split_roles
from extractors.tasks import extract_tasks
from pipeline.readers import read

# (header rows, merges (r0, c0, r1, c1), body rows, [(section, no, lead, support, deadline)])
LAYOUTS = {
    "agency columns under 'Cơ quan thực hiện', sections merged across": (
        [["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", None, "Thời gian hoàn thành", "Sản phẩm"],
         [None, None, "Chủ trì", "Phối hợp", None, None]],
        [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4), (0, 5, 1, 5), (2, 1, 2, 5), (4, 1, 4, 5)],
        [["I", "NHIỆM VỤ CHUNG", None, None, None, None],
         ["1", "Rà soát hạ tầng số", "Sở Thông tin và Truyền thông", "Sở Tài chính", "Quý II/2026", "Báo cáo"],
         ["II", "NHIỆM VỤ CỤ THỂ", None, None, None, None],
         ["1", "Tuyên truyền chuyển đổi số", "Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh",
          "Thường xuyên", "Tin, bài"]],
        [("I", "1", ["Sở Thông tin và Truyền thông"], ["Sở Tài chính"], "2026-06-30"),
         ("II", "1", ["Sở Văn hóa, Thể thao và Du lịch"], ["Đài Phát thanh và Truyền hình tỉnh"], None)]),
    "start and end under 'Thời gian thực hiện'; roles marked in one agency column": (
        [["STT", "Nhiệm vụ, giải pháp", "Cơ quan thực hiện", "Thời gian thực hiện", None, "Kinh phí (triệu đồng)"],
         [None, None, None, "Bắt đầu", "Hoàn thành", None]],
        [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 4), (0, 5, 1, 5), (2, 1, 2, 5)],
        [["1", "Hoàn thiện thể chế", None, None, None, None],
         ["1.1", "Ban hành quy chế quản lý dữ liệu", "Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp, Văn phòng UBND tỉnh",
          "2026", "Tháng 9/2026", "200"],
         ["1.2", "Rà soát văn bản", "Sở Tư pháp chủ trì, phối hợp với các sở, ngành", "2026", "Trước ngày 30/6/2026", ""],
         ["2", "Đào tạo nguồn nhân lực", "Sở Giáo dục và Đào tạo (chủ trì); Sở Lao động - Thương binh và Xã hội",
          "2026", "2026-2030", "1.500"]],
        [("1", "1.1", ["Sở Nội vụ"], ["Sở Tư pháp", "Văn phòng UBND tỉnh"], "2026-09-30"),
         ("1", "1.2", ["Sở Tư pháp"], ["các sở, ngành"], "2026-06-30"),
         (None, "2", ["Sở Giáo dục và Đào tạo"], ["Sở Lao động - Thương binh và Xã hội"], "2030-12-31")]),
    "'Chủ trì' and 'Phối hợp' under a column for both roles": (
        [["TT", "Nhiệm vụ", "Cơ quan chủ trì, phối hợp", None, "Tiến độ"],
         [None, None, "Chủ trì", "Phối hợp", None]],
        [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)],
        [["1", "Kiểm tra an toàn thực phẩm", "Sở Y tế", "Công an tỉnh; Sở Công Thương", "Tháng 6/2026"]],
        [(None, "1", ["Sở Y tế"], ["Công an tỉnh", "Sở Công Thương"], "2026-06-30")]),
    "letter sections not merged, caps headers": (
        [["TT", "NỘI DUNG CÔNG VIỆC", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN HOÀN THÀNH", "GHI CHÚ"]],
        [],
        [["A", "CÁC NHIỆM VỤ TRỌNG TÂM", "", "", "", ""],
         ["1", "Tổ chức hội nghị sơ kết", "Ban Tuyên giáo Tỉnh ủy", "Các huyện ủy, thành ủy", "Hằng năm", ""],
         ["B", "NHIỆM VỤ KHÁC", "", "", "", ""],
         ["1", "Báo cáo kết quả thực hiện", "Văn phòng Tỉnh ủy", "Các cơ quan liên quan", "Trước 15/12/2026", ""]],
        [("A", "1", ["Ban Tuyên giáo Tỉnh ủy"], ["Các huyện ủy, thành ủy"], None),
         ("B", "1", ["Văn phòng Tỉnh ủy"], ["Các cơ quan liên quan"], "2026-12-15")]),
    "group rows not merged, one column for both roles": (
        [["TT", "Nhiệm vụ", "Cơ quan chủ trì, phối hợp", "Thời gian hoàn thành"]],
        [],
        [["1", "Hoàn thiện thể chế", "", ""],
         ["1.1", "Ban hành quy chế", "Sở Nội vụ; Sở Tư pháp", "Quý III/2026"],
         ["1.2", "Rà soát văn bản", "Sở Tư pháp chủ trì; các sở, ngành phối hợp", "Năm 2026"],
         ["2", "Đào tạo cán bộ", "Sở Nội vụ", "Hằng năm"]],
        [("1", "1.1", ["Sở Nội vụ"], ["Sở Tư pháp"], "2026-09-30"),
         ("1", "1.2", ["Sở Tư pháp"], ["các sở, ngành"], "2026-12-31"),
         (None, "2", ["Sở Nội vụ"], [], None)]),
    "no TT column: every row is a task": (
        [["Nội dung công việc", "Đơn vị thực hiện", "Thời gian"]],
        [],
        [["Tổ chức lễ phát động", "Ủy ban MTTQ Việt Nam tỉnh", "Tháng 3/2026"],
         ["Sơ kết, đánh giá", "Hội Nông dân tỉnh", "Tháng 12/2026"]],
        [(None, None, ["Ủy ban MTTQ Việt Nam tỉnh"], [], "2026-03-31"),
         (None, None, ["Hội Nông dân tỉnh"], [], "2026-12-31")]),
}


def _write(path, header, merges, body) -> None:
    d = Document()
    for p in ("KẾ HOẠCH", "Phụ lục", "DANH MỤC NHIỆM VỤ"):
        d.add_paragraph(p)
    rows = header + body
    t = d.add_table(rows=len(rows), cols=max(map(len, rows)))
    t.style = "Table Grid"   # ruled, as printed plans are: the PDF reader finds tables by their lines
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                t.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        t.cell(r0, c0).merge(t.cell(r1, c1))
    d.save(path)


@pytest.fixture(scope="module")
def layout_files(tmp_path_factory) -> dict[str, dict[str, object]]:
    """Each layout as .docx, and as .pdf printed by LibreOffice in one run."""
    out = tmp_path_factory.mktemp("layouts")
    files = {}
    for i, (header, merges, body, _) in enumerate(LAYOUTS.values()):
        files[i] = out / f"layout{i}.docx"
        _write(files[i], header, merges, body)
    exe = require_tool("soffice")
    subprocess.run([exe, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files.values())],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(out)})
    return {name: {"docx": files[i], "pdf": files[i].with_suffix(".pdf")} for i, name in enumerate(LAYOUTS)}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_task_table_layouts(layout, fmt, layout_files):
    want = LAYOUTS[layout][3]
    tasks = extract_tasks(read(layout_files[layout][fmt]), {"date": "2026-01-10"}, [])
    assert [(t["section"], t["no"], t["lead"], t["support"], t["deadline"]) for t in tasks] == want


@pytest.mark.parametrize("cell, want", [
    ("Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp, Văn phòng UBND tỉnh", ("Sở Nội vụ", "Sở Tư pháp, Văn phòng UBND tỉnh")),
    ("Cơ quan chủ trì: Sở Y tế\nCơ quan phối hợp: UBND các huyện", ("Sở Y tế", "UBND các huyện")),
    ("Sở Tư pháp chủ trì, phối hợp với các sở, ngành", ("Sở Tư pháp", "các sở, ngành")),
    ("Sở Y tế chủ trì; Sở Tài chính phối hợp", ("Sở Y tế", "Sở Tài chính")),
    ("UBND cấp huyện chủ trì thực hiện", ("UBND cấp huyện", "")),
    ("Sở Giáo dục và Đào tạo (chủ trì); Sở Lao động - Thương binh và Xã hội",
     ("Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội")),
    ("Sở Xây dựng (chủ trì), Sở Giao thông vận tải (phối hợp)", ("Sở Xây dựng", "Sở Giao thông vận tải")),
    # no role marked: the caller keeps the whole cell
    ("Sở Nội vụ", None),
    ("Ban Chỉ đạo tỉnh", None),
    ("Các sở, ngành theo chức năng, nhiệm vụ", None),
])
def test_split_roles(cell, want):
    assert split_roles(cell) == want


def test_roles_marked_in_a_table_copied_as_text(tmp_path):
    """A Word table pasted as text (one tab-led cell per line): the same roles as in the table."""
    rows = [["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian hoàn thành"],
            ["1", "Rà soát văn bản", "Chủ trì: Sở Tư pháp; phối hợp: Sở Nội vụ", "Quý II/2026"],
            ["2", "Đào tạo cán bộ", "Sở Nội vụ chủ trì, phối hợp với các sở, ngành", "Năm 2026"]]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nPhụ lục\nDANH MỤC NHIỆM VỤ\n" + "\n\n".join(
        "\n".join("\t" + c for c in row) for row in rows) + "\n", encoding="utf-8")
    tasks = extract_tasks(read(path), {"date": "2026-01-10"}, [])
    assert [(t["no"], t["lead"], t["support"], t["deadline"]) for t in tasks] == [
        ("1", ["Sở Tư pháp"], ["Sở Nội vụ"], "2026-06-30"),
        ("2", ["Sở Nội vụ"], ["các sở, ngành"], "2026-12-31")]
