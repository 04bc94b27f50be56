"""Tasks from appendix tables that were flattened to plain text (a PDF turned into .txt).

Two flattenings are handled:
- tab-led cells (a Word table copied as text): each cell on its own line after a tab, rows
  separated by blank lines — read directly, columns mapped by the header row's words;
- PDF text extraction (pdftotext-like): each row's cells come one after another, wrapped to
  their column width, sometimes two cells on one line ("Kế hoạch của UBND tỉnh Tháng 02"),
  a row split by a page break continuing after the repeated header.

For the second, rows are recovered from the line order: a row starts at the next TT number
(numbering runs on, or restarts at 1 after a section row); repeated header blocks and the page
numbers above them are dropped; section rows are a roman numeral with an upper-case title.
Inside a row: the first paragraph (the widest column) is the task name; the rest is cut by
grammars — the deadline grammar finds "Thời gian hoàn thành", a document reference or "Nhằm"
after it starts "Ghi chú", a product word (Kế hoạch, Báo cáo …) starts "Kết quả/sản phẩm", and
the agency text before it splits into "chủ trì" and "phối hợp" where a new body starts a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.task_common import join_cell, make_task
from extractors.task_roles import lead_and_support
from extractors.task_tables import column_map
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold

_APPENDIX_LINE = re.compile(r"^\s*phụ\s*lục\s*(?:số\s*)?([IVXLC]+|\d+)\s*$", re.I)
_HEADER_WORDS = set(fold(
    "tt stt số thứ tự tên nhiệm vụ nội dung giải pháp công việc cơ quan đơn vị chủ trì phối hợp "
    "kết quả sản phẩm thời gian hạn hoàn thành ghi chú thực hiện tiến độ người lãnh đạo phụ trách").split())
_TT_LINE = re.compile(r"^\s*s?tt\b", re.I)
_ROW_NO = re.compile(r"^\s*(\d{1,3})\s*\.?(?:\s+(\S.*))?$")
_SECTION = re.compile(r"^\s*([IVXL]{1,5})\s*[.\-–]?(?:\s+(\S.*))?$")
_BARE_NO = re.compile(r"^\s*\d{1,3}\s*$")
_DEADLINE_START = re.compile(
    r"(?<![^\s(\-])(?:Tháng\s*\d|THÁNG\s*\d|Quý\s+[IV1-4]|Trước\s+(?:ngày\s+)?\d|Thường\s+xuyên|"
    r"Ngay\s+sau\s+khi|Sau\s+khi|Theo\s+thời\s+gian|Theo\s+tiến\s+độ|Trình\s[^\n]{0,40}(?:\n[^\n]{0,40}){0,3}?sau\s+khi|"
    r"Định\s+kỳ|H[ằà]ng\s+(?:năm|quý|tháng)|6\s+tháng\s+(?:đầu|cuối)|Năm\s+20\d\d|Trong\s+(?:tháng|quý|năm)|"
    r"(?<![\d/])\d{1,2}/20\d\d|Hoàn\s+thành\s+(?:trước|trong)\s)")
_NOTES_START = re.compile(
    r"(?<![^\s(])(?:(?:Quyết\s+định|Nghị\s+quyết|Kế\s+hoạch|Công\s+văn|Thông\s+báo|Chỉ\s+thị|Chương\s+trình|"
    r"Nghị\s+định|Thông\s+tư|Đề\s+án|Hướng\s+dẫn|Văn\s+bản)\s+số|Nhằm\s|Theo\s+(?:Quyết|Nghị|Kế|Công|Thông)|"
    r"Chuyển\s+tiếp|Nhiệm\s+vụ\s+chuyển)")
_PRODUCT_START = re.compile(
    r"(?<![^\s/])(?<!Sở )(?<!Bộ )(?<!Ban )(?<!Phòng )(?<!của )(?:Kế\s+hoạch|Chương\s+trình|Đề\s+án|Quyết\s+định|"
    r"Báo\s+cáo|Tờ\s+trình|Công\s+văn|Văn\s+bản|Hồ\s+sơ|Nghị\s+quyết|Hoàn\s+thành|Các\s+sản\s+phẩm|Sản\s+phẩm|"
    r"Bản\s+tin|Thủ\s+tục|Dự\s+thảo|Đề\s+xuất|Danh\s+mục|Hệ\s+thống|Phần\s+mềm|Nền\s+tảng|Cơ\s+sở\s+dữ\s+liệu|"
    r"Chuyên\s+mục|Chuyên\s+trang|Hội\s+nghị|Hội\s+thảo|Tài\s+liệu|Quy\s+chế|Quy\s+định|Thông\s+báo|Chỉ\s+thị|"
    r"Hướng\s+dẫn|Dự\s+án|Mô\s+hình|Số\s+liệu|Ứng\s+dụng)(?![^\W\d_])")
_LONG = 28  # a flattened name-column line is wider than any other column's


@dataclass
class _Row:
    no: str
    section: str | None
    fragments: list[list[tuple[str, int, int]]] = field(default_factory=lambda: [[]])


def _lines(doc: ReadDocument) -> list[tuple[str, int, int]]:
    return [(b.text, b.start, b.end) for b in doc.blocks if b.kind == "paragraph" and b.part == "body"]


def _is_header_line(text: str) -> bool:
    words = [w for w in re.split(r"[\s/,]+", fold(text).lower()) if w]
    return bool(words) and all(w in _HEADER_WORDS for w in words)


def _hkey(text: str) -> str:
    return re.sub(r"\W+", "", fold(text).lower())


def _header_runs(lines: list[tuple[str, int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """[start, end) line ranges of table header blocks (a TT line plus header-word lines)."""
    runs: list[tuple[int, int]] = []
    known: set[str] = set()  # lines of the first header: a repeat has only these
    i = lo
    while i < hi:
        if _TT_LINE.match(lines[i][0]) and _is_header_line(lines[i][0]):
            j = i + 1
            while j < hi and (not lines[j][0].strip() or (
                    _is_header_line(lines[j][0]) and (not runs or _hkey(lines[j][0]) in known))):
                j += 1
            if not runs:
                known = {_hkey(t) for t, _, _ in lines[i:j] if t.strip()}
            while j > i + 1 and not lines[j - 1][0].strip():
                j -= 1
            k = i
            while k > lo and not lines[k - 1][0].strip():
                k -= 1
            if k > lo and _BARE_NO.match(lines[k - 1][0]):  # page number above a repeated header
                k -= 1
            runs.append((k, j))
            i = j
        else:
            i += 1
    return runs


def _regions(lines: list[tuple[str, int, int]]) -> list[tuple[str | None, int, int]]:
    """(appendix label, first line, end line) for each appendix ("Phụ lục I" on its own line)."""
    starts = [(i, f"Phụ lục {m.group(1).upper()}") for i, (t, _, _) in enumerate(lines)
              if (m := _APPENDIX_LINE.match(fold(t)))]
    if not starts:
        return [(None, 0, len(lines))]
    out = []
    for k, (i, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        out.append((label, i, end))
    return out


def _fields_in_order(header_text: str) -> list[str]:
    """Column fields named by a flattened header, in printed order."""
    text = collapse_ws(header_text)
    pieces = re.split(r"(?=\b(?:TT|STT|Stt|Tên|Nội dung|Nhiệm vụ|Cơ quan|Đơn vị|ĐƠN VỊ|Kết quả|Thời gian|Thời hạn|Ghi chú|Tiến độ)\b)", text)
    fields: list[str] = []
    for p in pieces:
        cmap = column_map([p])
        for f in cmap:
            if f not in fields:
                fields.append(f)
    return fields


def extract_flat_table_tasks(doc: ReadDocument, ref) -> list[dict]:
    """Tasks of appendix tables flattened into text lines."""
    if doc.format != "txt":
        return []
    lines = _lines(doc)
    tasks: list[dict] = []
    for appendix, lo, hi in _regions(lines):
        runs = _header_runs(lines, lo, hi)
        if not runs:
            continue
        first_hdr = " ".join(lines[i][0] for i in range(*runs[0]))
        if any(t.startswith("\t") for t, _, _ in lines[runs[0][0]:runs[0][1]]) or \
                any(lines[i][0].startswith("\t") for i in range(runs[0][0], min(hi, runs[0][1] + 6))):
            tasks.extend(_tab_rows(lines, runs[0][0], hi, appendix, ref))
            continue
        fields = _fields_in_order(first_hdr)
        if "name" not in fields:
            continue
        rows = _rows(lines, runs, hi)
        for row in rows:
            tasks.append(_parse_row(row, fields, appendix, ref))
    return tasks


def _rows(lines, runs, hi) -> list[_Row]:
    """Split the lines after the first header into rows, dropping header blocks and sections."""
    skip: dict[int, int] = {a: b for a, b in runs}
    rows: list[_Row] = []
    section: str | None = None
    expected = 1
    in_title = False
    i = runs[0][1]
    while i < hi:
        if i in skip:
            i = skip[i]
            if rows:
                rows[-1].fragments.append([])
            continue
        text, s, e = lines[i]
        i += 1
        if not text.strip():
            if rows:
                rows[-1].fragments[-1].append(("", s, e))
            continue
        m_sec = _SECTION.match(text)
        if m_sec and (m_sec.group(2) is None or m_sec.group(2) == m_sec.group(2).upper()) \
                and (m_sec.group(2) or _next_is_upper(lines, i, hi)):
            section, in_title = m_sec.group(1).upper(), True
            continue
        if in_title and text.strip() == text.strip().upper() and re.search(r"[^\W\d_]{2}", text):
            continue
        in_title = False
        m = _ROW_NO.match(text)
        if m and (int(m.group(1)) == expected or (int(m.group(1)) == 1 and rows)):
            rows.append(_Row(m.group(1), section))
            expected = int(m.group(1)) + 1
            if m.group(2):
                rows[-1].fragments[-1].append((m.group(2), e - len(m.group(2)), e))
            continue
        if rows:
            rows[-1].fragments[-1].append((text, s, e))
    return rows


def _next_is_upper(lines, i, hi) -> bool:
    while i < hi and not lines[i][0].strip():
        i += 1
    if i >= hi:
        return False
    t = lines[i][0].strip()
    return t == t.upper() and bool(re.search(r"[^\W\d_]{3}", t))


def _split_name(frag: list[tuple[str, int, int]]) -> tuple[list[str], list[tuple[str, int, int]]]:
    """First paragraph (lines up to the first blank line) = name lines; the rest."""
    i = 0
    while i < len(frag) and not frag[i][0].strip():
        i += 1
    name: list[str] = []
    while i < len(frag) and frag[i][0].strip():
        name.append(frag[i][0])
        i += 1
    return name, frag[i:]


def _parse_rest(text: str, fields: list[str]) -> dict[str, str]:
    """Cut the non-name cells of one row out of their flattened text."""
    cells: dict[str, str] = {}
    nstart = len(text)
    if "notes" in fields:
        for m in _NOTES_START.finditer(text):
            if "deadline" not in fields or _DEADLINE_START.search(text, 0, m.start()):
                nstart = m.start()
                break
    dstart = nstart
    if "deadline" in fields:
        m = _DEADLINE_START.search(text, 0, nstart)
        if m:
            dstart = m.start()
            cells["deadline"] = text[dstart:nstart]
    cells["notes"] = text[nstart:]
    pre = text[:dstart]
    pstart = len(pre)
    if "product" in fields:
        first_nl = pre.find("\n")
        for m in _PRODUCT_START.finditer(pre):
            if m.start() > 0 and (first_nl < 0 or m.start() > first_nl or m.start() > 0):
                pstart = m.start()
                break
        cells["product"] = pre[pstart:]
    agency_text = pre[:pstart]
    lead, support = _split_lead_support(agency_text, "support" in fields)
    cells["lead"], cells["support"] = lead, support
    return cells


def _split_lines_midline(lines: list[str]) -> list[str]:
    """Cut a flattened line where a second cell starts mid-line ('Tỉnh Đoàn Sở Khoa học',
    'Các sở, ban, ngành -')."""
    from extractors.agency_lists import ends_incomplete, midline_starts
    out: list[str] = []
    for ln in lines:
        ln = ln.rstrip()
        m = re.match(r"^(.*\S)\s+-$", ln)
        if m and not ends_incomplete(m.group(1)):
            out.extend([m.group(1), "-"])
            continue
        cut = None
        for pos in midline_starts(ln):
            head = ln[:pos].strip()
            if len(head.split()) >= 2 and not ends_incomplete(head):
                cut = pos
                break
        if cut is not None:
            out.extend([ln[:cut].rstrip(), ln[cut:]])
        else:
            out.append(ln)
    return out


def _split_lead_support(text: str, has_support: bool) -> tuple[str, str]:
    """'chủ trì' lines, then 'phối hợp' lines: the second cell starts at a line that opens a new
    body (or '-') after a line that ends a name."""
    from extractors.agency_lists import ends_incomplete, starts_body
    lines = _split_lines_midline([ln for ln in text.split("\n") if ln.strip()])
    if not has_support or len(lines) < 2:
        return "\n".join(lines), ""
    for k in range(1, len(lines)):
        ln = lines[k].strip()
        prev = "\n".join(lines[:k])
        if ln.startswith("-") or (starts_body(ln) and (ln[:1].isupper() or ln.startswith("các "))
                                  and not ends_incomplete(prev)):
            return prev, "\n".join(lines[k:])
    return "\n".join(lines), ""


def _unfinished(t: str) -> bool:
    from extractors.agency_lists import ends_incomplete
    t = t.strip()
    return (t.count("(") > t.count(")") or ends_incomplete(t)
            or bool(re.search(r"(?<!\S)(?:được|để|trong|về|cơ|có|là|ngày|số|theo|hoặc)$", t)))


def _cut_column(cells: dict[str, str], fields: list[str], exclude: set[str]) -> str | None:
    """The column most likely cut by a page break: an unfinished cell first, else the tallest."""
    best, score = None, -1
    for f in fields:
        if f in ("no", "name") or f in exclude or not cells.get(f, "").strip():
            continue
        t = cells[f].strip()
        sc = len([ln for ln in t.split("\n") if ln.strip()]) * 10 + (100 if _unfinished(t) else 0)
        if re.search(r"[.)]$", t):
            sc -= 5
        if sc > score:
            best, score = f, sc
    return best


_NOTES_TAIL = re.compile(r"(?m)^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\(STT|\(\s*\d)")


def _continue_cells(cells: dict[str, str], fields: list[str], more: str) -> None:
    """Give the text a page break cut off to the cells it continues."""
    used: set[str] = set()
    if "notes" in fields and cells.get("notes", "").strip() and _unfinished(cells["notes"]):
        m = _NOTES_TAIL.search(more)
        if m:
            cells["notes"] = cells["notes"].rstrip() + "\n" + more[m.start():]
            more, used = more[:m.start()], used | {"notes"}
    d = cells.get("deadline", "")
    if d.count("(") > d.count(")") and ")" in more:
        k = more.index(")") + 1
        cells["deadline"] = d.rstrip() + "\n" + more[:k]
        more, used = more[k:], used | {"deadline"}
    if not more.strip():
        return
    col = _cut_column(cells, fields, used)
    if col:
        cells[col] = cells[col].rstrip() + "\n" + more.strip()


def _lead_in_name(name_lines: list[str], cells: dict[str, str], fields: list[str]) -> None:
    """'… thông tin mạng Công an tỉnh': the lead printed on the name's last line. Applies when
    the row has a 'phối hợp' column but nothing was left for it."""
    from extractors.agency_lists import midline_starts
    if "support" not in fields or cells.get("support", "").strip() or not cells.get("lead", "").strip() \
            or not name_lines:
        return
    last = name_lines[-1].rstrip()
    starts = midline_starts(last)
    if not starts:
        return
    pos = starts[-1]
    tail = last[pos:].strip()
    if len(tail.split()) > 6 or re.search(r"[.;:]", tail):
        return
    name_lines[-1] = last[:pos].rstrip()
    cells["support"], cells["lead"] = cells["lead"], tail


def _tab_rows(lines, lo: int, hi: int, appendix: str | None, ref) -> list[dict]:
    """Rows of a table flattened as tab-led cell lines, rows separated by blank lines."""
    groups: list[list[tuple[str, int, int]]] = []
    cur: list[list] = []
    for text, s, e in lines[lo:hi]:
        if not text.strip():
            if cur:
                groups.append([tuple(c) for c in cur])
                cur = []
            continue
        if text.startswith("\t") or not cur:
            cur.append([text.strip(), s, e])
        else:
            cur[-1][0] += "\n" + text.strip()
            cur[-1][2] = e
    if cur:
        groups.append([tuple(c) for c in cur])
    tasks: list[dict] = []
    cmap: dict[str, int] | None = None
    section = None
    for g in groups:
        texts = [c[0] for c in g]
        if cmap is None:
            m = column_map(texts)
            if "name" in m:
                cmap = m
            continue
        no_i = cmap.get("no", 0)
        first = texts[no_i] if no_i < len(texts) else ""
        if len(texts) <= 2 and _SECTION.match(first) and not _ROW_NO.match(first):
            section = first.strip().rstrip(".")
            continue
        if not _ROW_NO.match(first):
            continue

        def cell(f: str) -> str:
            i = cmap.get(f)
            return texts[i] if i is not None and i < len(texts) else ""
        lead, support = lead_and_support({f: cell(f) for f in cmap})
        tasks.append(make_task(
            appendix=appendix, section=section, no=_ROW_NO.match(first).group(1), name=join_cell(cell("name")),
            lead=lead, support=support,
            product=join_cell(cell("product")) or None, deadline_text=join_cell(cell("deadline")) or None,
            status_text=join_cell(cell("status")) or None, notes=join_cell(cell("notes")) or None,
            ref=ref, span=(g[0][1], g[-1][2]), page=None, row=None, source="text"))
    return tasks


def _parse_row(row: _Row, fields: list[str], appendix: str | None, ref) -> dict:
    frag0 = row.fragments[0]
    name_lines, rest = _split_name(frag0)
    rest_text = "\n".join(t for t, _, _ in rest if t.strip())
    cells = _parse_rest(rest_text, fields) if rest_text else {}
    for frag in row.fragments[1:]:
        if not any(t.strip() for t, _, _ in frag):
            continue
        more_name, more = _split_name(frag)
        if more_name and max(len(x) for x in more_name) < _LONG and cells:
            more, more_name = frag, []
        name_lines += more_name
        more_text = "\n".join(t for t, _, _ in more if t.strip())
        if not more_text:
            continue
        if not any(cells.get(f, "").strip() for f in fields if f not in ("no", "name")):
            cells = _parse_rest(more_text, fields)
            continue
        _continue_cells(cells, fields, more_text)
    _lead_in_name(name_lines, cells, fields)
    span_lines = [x for frag in row.fragments for x in frag if x[0].strip()]
    span = (span_lines[0][1], span_lines[-1][2]) if span_lines else None
    name = join_cell("\n".join(name_lines), wrapped=True)
    lead, support = lead_and_support(cells, wrapped=True)
    return make_task(
        appendix=appendix, section=row.section, no=row.no, name=name,
        lead=lead, support=support,
        product=join_cell(cells.get("product"), True) or None,
        deadline_text=join_cell(cells.get("deadline"), True) or None,
        status_text=join_cell(cells.get("status"), True) or None,
        notes=join_cell(cells.get("notes"), True) or None,
        ref=ref, span=span, page=None, row=None, source="text")
