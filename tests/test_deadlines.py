"""Deadline grammar: every form of "Thời gian hoàn thành" resolves to the last allowed day."""
from datetime import date

import pytest

from extractors.deadlines import parse_deadline

PLAN = date(2026, 1, 16)  # Kế hoạch 50/KH-UBND ngày 16/01/2026


@pytest.mark.parametrize("text, deadline, kind", [
    ("Tháng 02", "2026-02-28", "month"),
    ("Tháng 3", "2026-03-31", "month"),
    ("Tháng 11/2026", "2026-11-30", "month"),
    ("Tháng\n3/2026", "2026-03-31", "month"),
    ("tháng 3 năm 2027", "2027-03-31", "month"),
    ("hoàn thành Dự thảo trong tháng 9/2025", "2025-09-30", "month"),
    ("Quý I/2026", "2026-03-31", "quarter"),
    ("Quý IV", "2026-12-31", "quarter"),
    ("quý 2 năm 2026", "2026-06-30", "quarter"),
    ("6 tháng đầu năm", "2026-06-30", "quarter"),
    ("6 tháng cuối năm 2026", "2026-12-31", "quarter"),
    ("Trước 15/7/2026", "2026-07-15", "date"),
    ("trước ngày 26/01/2026", "2026-01-26", "date"),
    ("Trước 15/04/2026", "2026-04-15", "date"),
    ("ngày 5 tháng 3 năm 2026", "2026-03-05", "date"),
    ("Tháng 26/01/2026", "2026-01-26", "date"),  # a real typo: the full date wins
    ("Trước 26/02/2026 (hoặc theo yêu cầu của BCĐ)", "2026-02-26", "date"),
    ("Hoàn thành trước ngày 20/6/2025 và thực hiện thường xuyên", "2025-06-20", "date"),
    ("trước ngày 15/7", "2026-07-15", "date"),
    ("năm 2027", "2027-12-31", "year"),
    ("cuối năm", "2026-12-31", "year"),
    ("giai đoạn 2026 - 2030", "2030-12-31", "year"),
    ("trước tháng 6/2026", "2026-05-31", "month"),
    # ranges and lists end with their last period
    ("Tháng 9-10/2026", "2026-10-31", "month"),
    ("Từ tháng 3 đến tháng 6/2026", "2026-06-30", "month"),
    ("Tháng 3, 4 năm 2026", "2026-04-30", "month"),
    ("Quý I, II/2026", "2026-06-30", "quarter"),
    ("Quý II - III/2026", "2026-09-30", "quarter"),
    ("Từ ngày 30/4/2025 đến hết ngày 01/5/2025", "2025-05-01", "date"),
    ("từ 18/8 đến 20/8/2019", "2019-08-20", "date"),
    ("quý III và quý IV năm 2026", "2026-12-31", "quarter"),
    ("9 tháng đầu năm 2026", "2026-09-30", "quarter"),
    ("3 tháng đầu năm", "2026-03-31", "quarter"),
    ("Năm 2026-2027", "2027-12-31", "year"),
    # a day or period of every year / month
    ("Trước ngày 15/12 hằng năm", None, "recurring"),
    ("Quý IV hằng năm", None, "recurring"),
    ("Trước ngày 25 hằng tháng", None, "recurring"),
    ("Thường xuyên", None, "recurring"),
    ("Thường xuyên (khi chính sách có hiệu lực thi hành)", None, "recurring"),
    ("Định kỳ hằng năm", None, "recurring"),
    ("Định kỳ hàng năm", None, "recurring"),
    ("hằng quý, trước ngày 15 của tháng cuối quý", None, "recurring"),
    ("Sau khi UBND tỉnh giao đơn vị vận hành", None, "conditional"),
    ("Ngay sau khi Chính phủ, Bộ, ngành ban hành các quy định liên quan", None, "conditional"),
    ("Theo thời gian các bộ, ngành đã đăng ký", None, "conditional"),
    ("Trình Ủy ban nhân dân tỉnh ban hành sau khi Bộ Nội vụ ban hành Đề án", None, "conditional"),
    ("Thực hiện ngay sau khi có hướng dẫn của Văn phòng Trung ương Đảng", None, "conditional"),
    ("-", None, "none"),
    ("", None, "none"),
    (None, None, "none"),
])
def test_deadline_grammar(text, deadline, kind):
    r = parse_deadline(text, PLAN, 2026)
    assert (r["deadline"], r["deadline_kind"]) == (deadline, kind)


def test_month_only_never_gets_todays_day():
    """dateparser would fill in today's day; the grammar gives the month's last day."""
    assert parse_deadline("Tháng 02", None, 2028)["deadline"] == "2028-02-29"
    assert parse_deadline("Tháng 02", None, None)["deadline"] is None  # no year known: no guess


def test_text_kept_and_rules():
    r = parse_deadline("Trước 28/08/2026 (hoặc theo yêu cầu BCĐ)", PLAN, None)
    assert r["deadline_text"] == "Trước 28/08/2026 (hoặc theo yêu cầu BCĐ)"
    assert parse_deadline("Định kỳ hằng năm", PLAN, 2026)["rule"] == "FREQ=YEARLY"
    assert parse_deadline("trước ngày 15 của tháng cuối quý", PLAN, 2026)["rule"] == \
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=15"
    assert parse_deadline("Thường xuyên", PLAN, 2026)["rule"] == "continuous"
    assert parse_deadline("Sau khi Bộ ban hành", PLAN, 2026)["rule"] == "Sau khi Bộ ban hành"
