"""The task register over a real database: filters, ordering, and exports that other tools open."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import CORPUS
from pipeline.register import agency_matches, export_tasks, query_tasks


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from pipeline.ingest import ingest_paths
    path = tmp_path_factory.mktemp("reg") / "vanban.db"
    results = ingest_paths(path, [CORPUS / "seed001.docx", CORPUS / "seed003.docx", CORPUS / "seed004.docx"])
    assert all(r.status in ("ingested", "duplicate") for r in results), results
    return path


def test_all_rows_sorted_by_deadline(db):
    rows = query_tasks(db)
    assert len(rows) == 9 + 18 + 95
    dated = [r["deadline"] for r in rows if r["deadline"]]
    assert dated == sorted(dated)
    assert all(r["deadline"] for r in rows[:len(dated)])  # undated tasks last
    r = next(r for r in rows if r["appendix"] == "Phụ lục II" and r["no"] == "62")
    assert r["document"] == "50/KH-UBND" or r["document_key"].startswith("50/KH-UBND")
    assert r["row"] is not None and r["file"] == "seed004.docx"


@pytest.mark.parametrize("query", ["Sở Khoa học và Công nghệ", "sở khoa học và công nghệ", "Sở KH&CN", "So Khoa hoc va Cong nghe"])
def test_agency_filter_matches_variants(db, query):
    rows = query_tasks(db, agency=query, role="lead")
    assert len(rows) >= 50
    assert all(any("Khoa học và Công nghệ" in a for a in r["lead"]) for r in rows)


def test_role_due_before_and_overdue(db):
    lead = query_tasks(db, agency="Công an tỉnh", role="lead")
    support = query_tasks(db, agency="Công an tỉnh", role="support")
    assert lead and all("Công an tỉnh" in r["lead"] for r in lead)
    assert all("Công an tỉnh" not in r["lead"] for r in support)
    due = query_tasks(db, due_before="31/03/2026")
    assert due and all(r["deadline"] <= "2026-03-31" for r in due)
    late = query_tasks(db, overdue=True, today="2026-02-27")
    assert {r["deadline"] for r in late} <= {d for d in (r["deadline"] for r in due) if d < "2026-02-27"}
    assert any(r["deadline"] == "2026-01-26" for r in late)


def test_agency_matches_is_not_a_loose_substring():
    assert agency_matches("Sở Tài chính", ["Sở Tài chính"])
    assert not agency_matches("Sở Tài chính", ["Sở Nội vụ"])


def test_exports_open_in_their_readers(db, tmp_path):
    rows = query_tasks(db)
    # CSV: UTF-8 with BOM, header in Vietnamese
    export_tasks(rows, "csv", tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == len(rows) and table[0]["Nhiệm vụ"] == rows[0]["name"]
    # JSON
    buf = io.StringIO()
    export_tasks(rows, "json", buf)
    assert [r["name"] for r in json.loads(buf.getvalue())] == [r["name"] for r in rows]
    # XLSX: one sheet, frozen header, widths set, deadlines as dates
    from openpyxl import load_workbook
    export_tasks(rows, "xlsx", tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    assert len(wb.worksheets) == 1
    ws = wb.active
    assert ws.freeze_panes == "A2" and ws.max_row == len(rows) + 1
    assert ws.column_dimensions["G"].width >= 40
    # iCalendar: one all-day VEVENT per dated task, with lead and source document
    from icalendar import Calendar
    export_tasks(rows, "ics", tmp_path / "t.ics")
    cal = Calendar.from_ical((tmp_path / "t.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == sum(1 for r in rows if r["deadline"])
    ev = events[0]
    assert ev["DTSTART"].dt.isoformat() == rows[0]["deadline"]
    assert "Cơ quan chủ trì" in str(ev["DESCRIPTION"]) and "Văn bản" in str(ev["DESCRIPTION"])


def test_cli_tasks(db, tmp_path):
    from typer.testing import CliRunner
    from pipeline.cli import app
    out = tmp_path / "t.ics"
    res = CliRunner().invoke(app, ["tasks", "--db", str(db), "--agency", "Sở Nội vụ", "--format", "ics", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    res = CliRunner().invoke(app, ["tasks", "--db", str(db), "--format", "json", "--due-before", "2026-02-28"])
    assert res.exit_code == 0 and all(r["deadline"] <= "2026-02-28" for r in json.loads(res.stdout))
    res = CliRunner().invoke(app, ["tasks", "--db", str(db)])
    assert res.exit_code == 0 and "Sổ theo dõi nhiệm vụ" in res.stdout
