"""Tasks from appendix tables (.docx, .pdf, or any reader that yields `Table`s).

Columns are mapped by their header words (data/task_columns.json), never by position; a header
over two rows (merged cells over "Chủ trì | Phối hợp" or "Bắt đầu | Hoàn thành") is read as one.
Rows:
- a repeated header row, or a row of column numbers "(1) (2) …", is skipped;
- a section row (one cell merged over the others, or only the first two cells filled with a
  roman numeral or a capital letter + title) sets the section of the rows below it; so does a
  numbered row holding only a title over rows numbered under it ("1" over "1.1", "1.2");
- a row with a number in the TT column is a task; a row without one (a task split by a page
  break) continues the previous task; a table without a TT column has a task per row;
- lead and support come from their columns, or from one cell that marks the roles
  (task_roles).
A table without a header that has the same width as the previous task table continues it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.task_common import join_cell, make_task
from extractors.task_roles import lead_and_support
from pipeline.model import Block, ReadDocument, Table
from pipeline.normalize import collapse_ws, fold

_ROMAN = re.compile(r"^(?=[IVXLC])(X{0,3})(IX|IV|V?I{0,3})\.?$", re.I)
_LETTER = re.compile(r"^[A-H]\.?$")   # "A. NHIỆM VỤ TRỌNG TÂM", "B. …"
_TASK_NO = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\s*[.)]?\s*$")
_COLNUM = re.compile(r"^\(?\s*\d{1,2}\s*\)?$|^\(?[a-z]\)?$", re.I)
_APPENDIX = re.compile(r"^\s*phụ\s*lục\s*(?:số\s*)?([IVXLC]+|\d+[a-z]?)?\b", re.I)


@lru_cache(maxsize=1)
def _fields() -> list[tuple[str, list[re.Pattern]]]:
    d = vocab.load("task_columns.json")
    return [(f, [re.compile(fold(p)) for p in pats]) for f, pats in d["fields"]]


def _header_field(text: str) -> str | None:
    t = collapse_ws(fold(text)).lower().strip(" :.")
    if not t:
        return None
    for field, pats in _fields():
        if any(p.search(t) for p in pats):
            return field
    return None


def column_map(header: list[str]) -> dict[str, int]:
    """Field -> column index for a header row (first column wins for each field)."""
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        f = _header_field(h)
        if f and f not in out:
            out[f] = i
    return out


def _is_task_header(cmap: dict[str, int]) -> bool:
    return "name" in cmap and bool({"lead", "roles", "support", "deadline", "status", "product"} & cmap.keys())


def _find_header(t: Table) -> tuple[dict[str, int], int, list[str]] | None:
    """(column map, rows used by the header, header texts) for a task table, else None."""
    g = t.grid()
    for r in range(min(3, t.n_rows)):
        row = g[r]
        cmap = column_map(row)
        if r + 1 < t.n_rows and _has_sub_header(t, r):
            two = [_sub_label(a, b) for a, b in zip(row, g[r + 1])]
            cmap2 = column_map(two)
            if _is_task_header(cmap2):
                return cmap2, r + 2, two
        if _is_task_header(cmap):
            return cmap, r + 1, row
    return None


def _sub_label(above: str, below: str) -> str:
    """A column's header over two rows: the sub-label where it names a field itself ("Chủ trì"
    under "Cơ quan thực hiện"), else both ("Kinh phí" over "Ngân sách tỉnh")."""
    if above == below:
        return above
    return below if _header_field(below) else collapse_ws(f"{above} {below}")


def _has_sub_header(t: Table, r: int) -> bool:
    """Row r+1 only splits row r's merged cells ("Cơ quan thực hiện" over "Chủ trì | Phối hợp",
    "Thời gian" over "Bắt đầu | Hoàn thành"): every cell it starts lies under a cell of row r
    spanning several columns (not the whole table), the other columns run down from row r."""
    rows = t.rows()
    parents = [(c.col, c.col + c.colspan) for c in rows[r] if 2 <= c.colspan < t.n_cols]
    below = rows[r + 1]
    return bool(parents and below) and all(
        any(a <= c.col and c.col + c.colspan <= b for a, b in parents) for c in below)


_NON_WORD = re.compile(r"\W+")


@lru_cache(maxsize=16384)
def _norm(s: str) -> str:
    return _NON_WORD.sub("", fold(s).lower())


def _is_repeat_header(row: list[str], header: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    if not filled:
        return True
    if all(_COLNUM.match(c.strip()) for c in filled):
        return True
    hs = {_norm(h) for h in header if h.strip()}
    return sum(_norm(c) in hs for c in filled) >= max(2, len(filled) - 1)


def _section_row(t: Table, r: int, g: list[list[str]], no_col: int) -> tuple[str, str] | None:
    """(numeral, title) when row r is a section row."""
    cells = t.rows()[r]
    texts = [c.text.strip() for c in cells]
    first = g[r][no_col].strip() if no_col < len(g[r]) else ""
    merged = any(c.colspan >= max(2, t.n_cols - 2) for c in cells)
    others = [x for c, x in zip(cells, texts) if x and c.col != no_col]
    if merged and len(others) == 1:
        return first.rstrip("."), others[0]
    if first and (_ROMAN.match(first) or _LETTER.match(first)) and len(others) == 1:
        return first.rstrip("."), others[0]
    if not first and len(others) == 1 and len(cells) > 2:
        m = re.match(r"^([IVXLC]+)[.\s]+(.+)$", others[0])
        if m and others[0] == others[0].upper():
            return m.group(1), m.group(2)
    return None


def _group_rows(raw: list[dict]) -> list[dict]:
    """A numbered row with nothing but a title whose next row is numbered under it ("1" over
    "1.1", "1.2") heads a section instead of being a task; a plain number after the rows of
    such a section ("2" after "1.2") is outside it."""
    out: list[dict] = []
    group = None               # number of the bare heading row above, while its rows run
    dotted: set[str] = set()   # sections whose tasks were numbered under them
    for i, item in enumerate(raw):
        no = item["no"] or ""
        nxt = (raw[i + 1]["no"] or "") if i + 1 < len(raw) else ""
        bare = not any(v.strip() for f, v in item["cells"].items() if f not in ("no", "name"))
        if bare and no.isdigit() and nxt.startswith(no + "."):
            group = no
            continue
        if group and no.startswith(group + "."):
            item["section"] = group
        else:
            group = None
            if no.isdigit() and item["section"] in dotted:
                item["section"] = None
        if item["section"] and no.startswith(item["section"] + "."):
            dotted.add(item["section"])
        out.append(item)
    return out


def _appendix_before(blocks: list[Block], idx: int) -> str | None:
    """'Phụ lục I' named in the paragraphs just above block idx (back to the previous table)."""
    for b in reversed(blocks[max(0, idx - 8):idx]):
        if b.kind == "table":
            return None
        m = _APPENDIX.match(fold(b.text))
        if m:
            return f"Phụ lục {m.group(1).upper()}" if m.group(1) else "Phụ lục"
    return None


def _cell(row: list[str], cmap: dict[str, int], field: str) -> str:
    i = cmap.get(field)
    return row[i] if i is not None and i < len(row) else ""


def _row_span(t: Table, r: int) -> tuple[int, int] | None:
    cells = t.rows()[r]
    if not cells:
        return None
    return min(c.start for c in cells), max(c.end for c in cells)


def _row_page(t: Table, r: int) -> int | None:
    pages = [c.page for c in t.rows()[r] if c.page is not None]
    return pages[0] if pages else (t.pages[0] if t.pages else None)


def extract_table_tasks(doc: ReadDocument, ref) -> list[dict]:
    """Every task row of every task table in the document, in order."""
    wrapped = doc.format in ("pdf", "image")
    blocks = doc.body_blocks()
    tasks: list[dict] = []
    last: dict | None = None  # header state of the previous task table, for continuations
    for idx, b in enumerate(blocks):
        if b.table is None:
            continue
        t = b.table
        found = _find_header(t)
        if found:
            cmap, start, header = found
            appendix = _appendix_before(blocks, idx) or (last["appendix"] if last and last["block"] == idx - 1 else None)
            section = None
        elif last and t.n_cols == last["ncols"] and last["block"] >= idx - 3:
            cmap, start, header = last["cmap"], 0, last["header"]
            appendix, section = last["appendix"], last["section"]
        else:
            continue
        raw: list[dict] = []  # cell texts per task before parsing
        g = t.grid()
        for r in range(start, t.n_rows):
            row = g[r]
            if _is_repeat_header(row, header):
                continue
            sec = _section_row(t, r, g, cmap.get("no", 0))
            if sec:
                section = sec[0] or section
                continue
            no_text = _cell(row, cmap, "no").strip()
            m = _TASK_NO.match(no_text)
            if not m and not no_text and (raw or (found is None and tasks)) and (
                    "no" in cmap or not _cell(row, cmap, "name").strip()):   # no TT column: a row is a task
                target = raw[-1] if raw else None
                if target is None:  # continues the last task of the previous table part
                    target = tasks[-1]["_raw"]
                for f in cmap:
                    extra = _cell(row, cmap, f)
                    if extra.strip() and f != "no":
                        target["cells"][f] = (target["cells"].get(f, "") + "\n" + extra).strip()
                sp = _row_span(t, r)
                if sp and target["span"]:
                    target["span"] = (target["span"][0], max(target["span"][1], sp[1]))
                continue
            if not _cell(row, cmap, "name").strip():
                continue
            raw.append({"no": m.group(1) if m else (no_text or None), "section": section,
                        "cells": {f: _cell(row, cmap, f) for f in cmap}, "span": _row_span(t, r),
                        "page": _row_page(t, r), "row": r})
        for item in _group_rows(raw):
            task = _build(item, appendix, wrapped, ref)
            task["_raw"] = item
            tasks.append(task)
        last = {"cmap": cmap, "header": header, "ncols": t.n_cols, "appendix": appendix,
                "section": section, "block": idx}
    # rebuild tasks whose raw cells grew through a continuation table
    out = []
    for task in tasks:
        item = task.pop("_raw")
        out.append(_build(item, task["appendix"], wrapped, ref))
    return out


def _build(item: dict, appendix: str | None, wrapped: bool, ref) -> dict:
    c = item["cells"]
    lead, support = lead_and_support(c, wrapped)
    return make_task(
        appendix=appendix, section=item["section"], no=item["no"],
        name=join_cell(c.get("name"), wrapped),
        lead=lead, support=support,
        product=join_cell(c.get("product"), wrapped) or None,
        deadline_text=join_cell(c.get("deadline"), wrapped) or None,
        status_text=join_cell(c.get("status"), wrapped) or None,
        notes=join_cell(c.get("notes"), wrapped) or None,
        ref=ref, span=item["span"], page=item["page"], row=item["row"], source="table")
