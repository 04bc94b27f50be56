"""The task register: query the `tasks` / `task_agencies` tables and export the rows.

`query_tasks` returns one dict per task, sorted by deadline (undated tasks last), each saying
which document, file, appendix, section, row number and page it came from. `export_tasks`
writes them as a Rich table, CSV (UTF-8 with BOM, for Excel), JSON, XLSX (openpyxl: one sheet,
frozen header, column widths) or iCalendar (icalendar: one all-day VEVENT per dated task).
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, Iterable

from pipeline.normalize import casefold_key, strip_accents

FORMATS = ("table", "csv", "json", "xlsx", "ics")
_KIND_ORDER = {"date": 0, "month": 1, "quarter": 2, "year": 3, "conditional": 4, "recurring": 5, "none": 6}
_DONE = re.compile(r"^\s*(?:đã\s+hoàn\s+thành|hoàn\s+thành|đã\s+xong|xong)\b", re.I)

# Columns of the flat exports: (key in the row dict, header as a clerk reads it)
COLUMNS: list[tuple[str, str]] = [
    ("document", "Văn bản"), ("document_type", "Loại văn bản"), ("document_date", "Ngày văn bản"),
    ("appendix", "Phụ lục"), ("section", "Mục"), ("no", "TT"), ("name", "Nhiệm vụ"),
    ("lead", "Cơ quan chủ trì"), ("support", "Cơ quan phối hợp"), ("product", "Kết quả/sản phẩm"),
    ("deadline_text", "Thời gian hoàn thành"), ("deadline", "Hạn (ISO)"), ("deadline_kind", "Loại hạn"),
    ("status_text", "Kết quả thực hiện"), ("source_refs", "Nguồn nhiệm vụ"), ("notes", "Ghi chú"),
    ("file", "Tệp"), ("page", "Trang"), ("document_key", "Khóa văn bản"), ("id", "ID"),
]
_WIDTHS = {"name": 70, "lead": 32, "support": 32, "product": 28, "deadline_text": 22, "notes": 36,
           "status_text": 30, "document": 18, "file": 18, "source_refs": 20}


def parse_day(value: str | date | None) -> date | None:
    """A date given on the command line: ISO 2026-03-31 or Vietnamese 31/3/2026."""
    if value is None or isinstance(value, date):
        return value
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", v)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    raise ValueError(f"not a date: {value!r} (use 2026-03-31 or 31/3/2026)")


def _variants(name: str) -> set[str]:
    """Comparable forms of an agency name: as printed, abbreviations expanded, canonical."""
    forms = {name}
    try:
        from extractors.agencies import canonical_agency, expand_abbreviations
        forms.add(expand_abbreviations(name))
        forms.add(canonical_agency(name) or name)
        forms.add(canonical_agency(expand_abbreviations(name)) or name)
    except Exception:  # the vocabulary is optional for the register  # noqa: BLE001
        pass
    out = set()
    for f in forms:
        k = casefold_key(f)
        out |= {k, strip_accents(k)}
    return {x for x in out if x}


def agency_matches(query: str, names: Iterable[str]) -> bool:
    """Does any of `names` match `query` in any variant (full name, abbreviation, no accents)?"""
    q = _variants(query)
    for n in names:
        nv = _variants(n)
        if any(a == b or (len(a) >= 4 and a in b) for a in q for b in nv):
            return True
    return False


def _open(db_path: str | Path):
    from pipeline.errors import VanbanError
    from pipeline.store import open_db
    if str(db_path) != ":memory:" and not Path(db_path).exists():
        raise VanbanError(f"database {db_path} does not exist (run `vanban ingest` first)",
                          f"chưa có cơ sở dữ liệu {db_path} (hãy chạy `vanban ingest` trước)")
    return open_db(db_path)


def _load_rows(db) -> list[dict]:
    conn = db.conn
    sql = ("SELECT t.id, t.document_key, t.seq, t.appendix, t.section, t.no, t.name, t.product, t.deadline_text,"
           " t.deadline, t.deadline_kind, t.status_text, t.notes, t.source_refs, t.span_start, t.span_end,"
           " t.page, t.provenance, d.number, d.type, d.date, d.date_partial, d.issuer, f.name"
           " FROM tasks t LEFT JOIN documents d ON d.key = t.document_key"
           " LEFT JOIN files f ON f.sha256 = d.file")
    rows: dict[int, dict] = {}
    for r in conn.execute(sql):
        prov = json.loads(r[17]) if r[17] else {}
        rows[r[0]] = {
            "id": r[0], "document_key": r[1], "seq": r[2], "appendix": r[3], "section": r[4], "no": r[5],
            "name": r[6], "product": r[7], "deadline_text": r[8], "deadline": r[9], "deadline_kind": r[10],
            "status_text": r[11], "notes": r[12], "source_refs": json.loads(r[13]) if r[13] else [],
            "span": [r[14], r[15]] if r[14] is not None else None, "page": r[16],
            "row": prov.get("row"), "deadline_rule": prov.get("deadline_rule"),
            "document": r[18] or r[23] or r[1], "document_type": r[19], "document_date": r[20] or r[21],
            "issuer": r[22], "file": r[23], "lead": [], "support": [], "_agencies": {"lead": [], "support": []},
        }
    for tid, name, role, canon in conn.execute(
            "SELECT ta.task_id, ta.name, ta.role, a.name FROM task_agencies ta"
            " LEFT JOIN agencies a ON a.id = ta.agency_id ORDER BY ta.task_id, ta.role, ta.seq"):
        if tid in rows:
            rows[tid][role].append(name)
            rows[tid]["_agencies"][role] += [name] + ([canon] if canon else [])
    return list(rows.values())


def _sort_key(r: dict) -> tuple:
    return (r["deadline"] is None, r["deadline"] or "", _KIND_ORDER.get(r["deadline_kind"] or "none", 9),
            r["document_key"] or "", r["seq"] or 0)


def query_tasks(db_path: str | Path, agency: str | None = None, role: str | None = None,
                due_before: str | date | None = None, overdue: bool = False,
                today: str | date | None = None) -> list[dict]:
    """Tasks of the register, filtered and sorted by deadline.

    agency: any variant of a body's name ("Sở KH&CN", "sở khoa học và công nghệ", "Cong an tinh");
    role: "lead" or "support" (with agency: the role that body plays; alone: tasks having one);
    due_before: tasks with a deadline on or before that day; overdue: deadline before `today`
    (default: the real today) and no "Đã hoàn thành" status.
    """
    if role not in (None, "lead", "support"):
        raise ValueError("role must be 'lead' or 'support'")
    db = _open(db_path)
    try:
        rows = _load_rows(db)
    finally:
        db.close()
    limit = parse_day(due_before)
    now = parse_day(today) or date.today()
    out = []
    for r in rows:
        roles = [role] if role else ["lead", "support"]
        if agency and not any(agency_matches(agency, r["_agencies"][ro]) for ro in roles):
            continue
        if role and not agency and not r[role]:
            continue
        if limit and not (r["deadline"] and r["deadline"] <= limit.isoformat()):
            continue
        if overdue and not (r["deadline"] and r["deadline"] < now.isoformat()
                            and not _DONE.match(r["status_text"] or "")):
            continue
        r.pop("_agencies")
        out.append(r)
    out.sort(key=_sort_key)
    return out


# ---------------------------------------------------------------- exports

def _flat(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(map(str, v))
    return str(v)


def _write_text(out: str | Path | IO, text: str, bom: bool = False) -> None:
    if isinstance(out, (str, Path)):
        Path(out).write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")
    elif _is_binary(out):
        out.write((("\ufeff" if bom else "") + text).encode("utf-8"))
    else:
        out.write(("\ufeff" if bom else "") + text)


def _write_bytes(out: str | Path | IO, data: bytes) -> None:
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    elif _is_binary(out):
        out.write(data)
    elif hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        raise ValueError("a binary format needs a file path or a binary stream")


def _is_binary(stream: Any) -> bool:
    return isinstance(stream, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(stream, "mode", "")


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([h for _, h in COLUMNS])
    for r in rows:
        w.writerow([_flat(r.get(k)) for k, _ in COLUMNS])
    return buf.getvalue()


def to_json(rows: list[dict]) -> str:
    keep = [k for k, _ in COLUMNS] + ["span", "row", "deadline_rule", "issuer"]
    return json.dumps([{k: r.get(k) for k in keep} for r in rows], ensure_ascii=False, indent=2) + "\n"


def to_xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append([h for _, h in COLUMNS])
    for c in ws[1]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for r in rows:
        vals: list[Any] = []
        for k, _ in COLUMNS:
            v = r.get(k)
            if k == "deadline" and v:
                v = date.fromisoformat(v)
            vals.append(v if isinstance(v, (int, date)) else _flat(v) or None)
        ws.append(vals)
    for i, (k, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(k, 12)
        if k == "deadline":
            for cell in ws[get_column_letter(i)][1:]:
                cell.number_format = "dd/mm/yyyy"
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_ics(rows: list[dict]) -> bytes:
    """One all-day VEVENT per task with a deadline: the task, its lead and its source document."""
    from icalendar import Calendar, Event
    cal = Calendar()
    cal.add("prodid", "-//vanban//task register//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Nhiệm vụ (vanban)")
    stamp = datetime.now(timezone.utc)
    for r in rows:
        if not r.get("deadline"):
            continue
        day = date.fromisoformat(r["deadline"])
        lead = ", ".join(r.get("lead") or []) or "—"
        where = " ".join(x for x in (r.get("appendix"), f"mục {r['section']}" if r.get("section") else None,
                                     f"TT {r['no']}" if r.get("no") else None) if x)
        name = r.get("name") or ""
        ev = Event()
        ev.add("uid", f"task-{casefold_key(str(r.get('document_key')))}-{r.get('seq')}@vanban")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("summary", f"[{lead}] {name[:120]}{'…' if len(name) > 120 else ''}")
        desc = [name, f"Cơ quan chủ trì: {lead}"]
        if r.get("support"):
            desc.append("Cơ quan phối hợp: " + ", ".join(r["support"]))
        if r.get("product"):
            desc.append(f"Sản phẩm: {r['product']}")
        desc.append(f"Thời hạn: {r.get('deadline_text') or r['deadline']}")
        desc.append(f"Văn bản: {r.get('document')}{(' — ' + where) if where else ''}"
                    f"{(' (' + r['file'] + ')') if r.get('file') and r['file'] != r.get('document') else ''}")
        ev.add("description", "\n".join(desc))
        ev.add("categories", [lead])
        ev.add("x-vanban-document", str(r.get("document_key")))
        cal.add_component(ev)
    return cal.to_ical()


def print_table(rows: list[dict], out: IO | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    stream = out or sys.stdout
    # A terminal gets its own width; a pipe or file a wide page, so rows stay one or two lines.
    console = Console(file=stream, width=None if stream.isatty() else 160)
    t = Table(title=f"Sổ theo dõi nhiệm vụ — {len(rows)} nhiệm vụ", show_lines=False)
    t.add_column("Hạn", min_width=10, max_width=24, overflow="fold")
    t.add_column("Nhiệm vụ", max_width=64, overflow="ellipsis", no_wrap=True)
    for h in ("Chủ trì", "Phối hợp", "Văn bản / dòng"):
        t.add_column(h, max_width=28, overflow="fold")
    for r in rows:
        due = r["deadline"] or r.get("deadline_text") or "—"
        src = " ".join(x for x in (r.get("document"), r.get("appendix"), r.get("no") and f"TT {r['no']}") if x)
        t.add_row(str(due)[:40], r.get("name") or "", ", ".join(r.get("lead") or []),
                  ", ".join(r.get("support") or []), src)
    console.print(t)


def export_tasks(rows: list[dict], fmt: str, out_path_or_stream: str | Path | IO | None = None) -> None:
    """Write `rows` (from `query_tasks`) as table|csv|json|xlsx|ics to a path or stream (stdout if None)."""
    out = out_path_or_stream if out_path_or_stream is not None else sys.stdout
    if fmt == "table":
        if isinstance(out, (str, Path)):
            with open(out, "w", encoding="utf-8") as f:
                print_table(rows, f)
        else:
            print_table(rows, None if out is sys.stdout else out)
    elif fmt == "csv":
        _write_text(out, to_csv(rows), bom=True)
    elif fmt == "json":
        _write_text(out, to_json(rows))
    elif fmt == "xlsx":
        _write_bytes(out, to_xlsx(rows))
    elif fmt == "ics":
        _write_bytes(out, to_ics(rows))
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
