"""Annotated view: the document text with every extraction highlighted, as one HTML page.

`render_html(doc, extraction)` marks the document number, dates, agencies, citations (with
their relation), tasks and deadlines in `doc.text`; hovering a mark shows its details and
lights up every piece of the same extraction. Offsets come from the extraction's spans
(`citation["span"]`, `document["spans"][field]`, `task["spans"][field]`); where an item has
no span its text is located in `doc.text` (tone-folded, whitespace-tolerant, case-insensitive).

displaCy (manual mode) was considered: its "ent" style cannot nest a date inside a citation,
its "span" style re-joins tokens with single spaces (losing the document's line and table
layout), and neither escapes labels nor shows details on hover — so this is a small
equivalent renderer. Every piece of text and every attribute is HTML-escaped; the page
has no external resources.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline.model import ReadDocument
from pipeline.normalize import clean_text, fold

# Kind -> (Vietnamese name, colour). Display strings of this view only.
KINDS: dict[str, tuple[str, str]] = {
    "number": ("Số, ký hiệu", "#f4a261"),
    "date": ("Ngày", "#8ecae6"),
    "agency": ("Cơ quan", "#b5e48c"),
    "citation": ("Trích dẫn", "#ffd166"),
    "task": ("Nhiệm vụ", "#cdb4db"),
    "deadline": ("Thời hạn", "#ff8fa3"),
    "field": ("Thông tin khác", "#d9d9d9"),
}

RELATIONS: dict[str, str] = {
    "can_cu": "Căn cứ", "thuc_hien": "Thực hiện", "tra_loi": "Trả lời", "sua_doi": "Sửa đổi",
    "thay_the": "Thay thế", "bai_bo": "Bãi bỏ", "huong_dan": "Hướng dẫn", "kem_theo": "Kèm theo",
    "theo": "Theo", "other": "Khác",
}

# Document field -> (kind, Vietnamese label).
DOC_FIELDS: dict[str, tuple[str, str]] = {
    "type": ("field", "Loại văn bản"),
    "number": ("number", "Số, ký hiệu"),
    "date": ("date", "Ngày ban hành"),
    "issuer": ("agency", "Cơ quan ban hành"),
    "place": ("field", "Địa danh"),
    "subject": ("field", "Trích yếu"),
    "signer": ("field", "Người ký"),
    "signer_title": ("field", "Chức vụ người ký"),
    "signing_authority": ("field", "Thẩm quyền ký"),
}


@dataclass
class Annotation:
    """One highlighted extraction: a character range of `doc.text` and what was found there."""

    start: int
    end: int
    kind: str
    label: str
    details: dict[str, Any] = field(default_factory=dict)
    group: int = -1  # index of the extraction item it belongs to (for hover linking)


class Locator:
    """Finds extraction text in a document: same-length tone folding, any whitespace, any case."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)

    def find(self, needle: str | None, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """First occurrence of `needle` in text[start:end], or None.

        Whitespace may appear or vanish anywhere (PDF line wraps break "57-" / "NQ/TW"); a long
        needle not found whole (a table cell interleaved with its neighbours) is found by its
        first eight words.
        """
        if not needle or not needle.strip():
            return None
        end = len(self.text) if end is None else end
        words = fold(clean_text(needle)).split()
        for n in (len(words), 8):
            if n > len(words) or (n < len(words) and len(words) <= 10):
                continue
            chars = "".join(words[:n])
            m = re.compile(r"\s*".join(map(re.escape, chars)), re.IGNORECASE).search(self.folded, start, end)
            if m:
                return m.start(), m.end()
        return None

    def find_date(self, iso: str | None, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        """An ISO date as printed: `16/01/2026`, `16-1-2026`, `ngày 16 tháng 01 năm 2026`."""
        if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            return None
        y, mo, d = iso.split("-")
        dd, mm = rf"0?{int(d)}", rf"0?{int(mo)}"
        pattern = rf"(?<!\d){dd}\s*[/.-]\s*{mm}\s*[/.-]\s*{y}(?!\d)|ngày\s+{dd}\s+tháng\s+{mm}\s+năm\s+{y}"
        m = re.compile(pattern, re.IGNORECASE).search(self.folded, start, len(self.text) if end is None else end)
        return (m.start(), m.end()) if m else None


def _valid_span(span: Any, n: int) -> tuple[int, int] | None:
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
        s, e = span
        if 0 <= s < e <= n:
            return s, e
    return None


def _short(s: Any, limit: int = 160) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def document_annotations(doc: ReadDocument, document: dict, loc: Locator) -> list[Annotation]:
    """Header fields of the document itself (number, date, issuer, …)."""
    spans = document.get("spans") or {}
    head_end = min(len(doc.text), 3000)
    out: list[Annotation] = []
    for name, (kind, label) in DOC_FIELDS.items():
        value = document.get(name)
        if not value:
            continue
        rng = _valid_span(spans.get(name), len(doc.text))
        if rng is None and name == "date":
            rng = loc.find_date(value, 0, head_end)
        elif rng is None and name in ("number", "issuer", "subject", "signer", "place"):
            rng = loc.find(value, 0, None if name == "signer" else head_end)
        if rng:
            out.append(Annotation(*rng, kind, label, {label: value, "Trường": name}))
    for rec in document.get("recipients") or []:
        rng = loc.find(rec)
        if rng:
            out.append(Annotation(*rng, "agency", "Nơi nhận", {"Nơi nhận": rec}))
    return out


def citation_annotations(doc: ReadDocument, citations: list[dict], loc: Locator, group0: int) -> list[Annotation]:
    """Each citation with its relation, plus its date and issuer inside it."""
    out: list[Annotation] = []
    cursor: dict[str, int] = {}
    for i, c in enumerate(citations):
        g = group0 + i
        rng = _valid_span(c.get("span"), len(doc.text))
        if rng is None:
            needle = c.get("quote") or c.get("number")
            rng = loc.find(needle, cursor.get(needle or "", 0))
            if rng is None and c.get("quote"):
                rng = loc.find(c.get("number"), cursor.get(c.get("number") or "", 0))
            if rng:
                cursor[needle or ""] = rng[1]
        if rng is None:
            continue
        rel = c.get("relation") or "other"
        details = {"Trích dẫn": " ".join(str(x) for x in (c.get("type"), c.get("number")) if x),
                   "Khóa": c.get("key"), "Ngày": c.get("date"), "Cơ quan ban hành": c.get("issuer"),
                   "Quan hệ": f"{RELATIONS.get(rel, rel)} ({rel})", "Trang": c.get("page")}
        out.append(Annotation(*rng, "citation", RELATIONS.get(rel, rel), details, g))
        s, e = rng
        num = loc.find(c.get("number"), s, e)
        if num:
            out.append(Annotation(*num, "number", "Số", {"Số, ký hiệu": c.get("number"), "Khóa": c.get("key")}, g))
        # a span may cover only "Nghị quyết số 57-NQ/TW": its date and issuer follow it
        d = loc.find_date(c.get("date"), s, max(e, min(len(doc.text), e + 60)))
        if d:
            out.append(Annotation(*d, "date", "Ngày", {"Ngày": c.get("date")}, g))
        iss = loc.find(c.get("issuer"), s, max(e, min(len(doc.text), e + 120)))
        if iss:
            out.append(Annotation(*iss, "agency", "Cơ quan", {"Cơ quan": c.get("issuer")}, g))
    return out


def task_annotations(doc: ReadDocument, tasks: list[dict], loc: Locator, group0: int) -> list[Annotation]:
    """Each task name, and its lead/support agencies and deadline near it."""
    out: list[Annotation] = []
    pos = 0
    for i, t in enumerate(tasks):
        g = group0 + i
        spans = t.get("spans") or {}
        rng = _valid_span(t.get("span"), len(doc.text)) or _valid_span(spans.get("name"), len(doc.text))
        if rng is None:
            rng = loc.find(t.get("name"), pos) or loc.find(t.get("name"))
        if rng is None:
            continue
        pos = rng[1]
        where = " / ".join(str(x) for x in (t.get("appendix"), t.get("section"), t.get("no")) if x)
        details = {"Nhiệm vụ": _short(t.get("name")), "Vị trí": where,
                   "Chủ trì": "; ".join(t.get("lead") or []), "Phối hợp": "; ".join(t.get("support") or []),
                   "Sản phẩm": t.get("product"), "Thời hạn": t.get("deadline_text"),
                   "Hạn chót": t.get("deadline"), "Loại thời hạn": t.get("deadline_kind")}
        out.append(Annotation(*rng, "task", f"Nhiệm vụ {t.get('no') or ''}".strip(), details, g))
        window = (rng[0], min(len(doc.text), rng[1] + 3000))
        for role, label in (("lead", "Chủ trì"), ("support", "Phối hợp")):
            for j, agency in enumerate(t.get(role) or []):
                a = _valid_span((spans.get(role) or [None] * (j + 1))[j] if isinstance(spans.get(role), list)
                                and len(spans.get(role)) > j else None, len(doc.text))
                a = a or loc.find(agency, *window)
                if a:
                    out.append(Annotation(*a, "agency", label, {label: agency}, g))
        dl = _valid_span(spans.get("deadline_text"), len(doc.text)) or loc.find(t.get("deadline_text"), *window)
        if dl:
            out.append(Annotation(*dl, "deadline", "Thời hạn",
                                  {"Thời hạn": t.get("deadline_text"), "Hạn chót": t.get("deadline"),
                                   "Loại": t.get("deadline_kind")}, g))
    return out


def collect(doc: ReadDocument, extraction: dict) -> list[Annotation]:
    """All annotations of an extraction, with pages filled in, sorted outermost first."""
    loc = Locator(doc.text)
    anns = document_annotations(doc, extraction.get("document") or {}, loc)
    for a in anns:
        a.group = 0
    cits = extraction.get("citations") or []
    anns += citation_annotations(doc, cits, loc, 1)
    anns += task_annotations(doc, extraction.get("tasks") or [], loc, 1 + len(cits))
    for a in anns:
        page = doc.page_at(a.start)
        if page is not None:
            a.details.setdefault("Trang", page)
    anns.sort(key=lambda a: (a.start, -a.end))
    return anns


def _title(a: Annotation) -> str:
    lines = [KINDS[a.kind][0] + (f" — {a.label}" if a.label and a.label != KINDS[a.kind][0] else "")]
    lines += [f"{k}: {v}" for k, v in a.details.items() if v not in (None, "", [])]
    return "\n".join(lines)


def _open_tag(a: Annotation, idx: int, first: bool) -> str:
    attrs = {"class": f"k-{a.kind}" + (" first" if first else ""), "data-g": str(a.group),
             "data-a": str(idx), "title": _title(a)}
    if first:
        attrs["id"] = f"ann-{idx}"
        attrs["data-label"] = a.label
    return "<mark " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"


def render_text(text: str, anns: list[Annotation]) -> str:
    """`text` escaped, with each annotation wrapped in <mark> (nested where they overlap)."""
    bounds = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    started: set[int] = set()
    parts: list[str] = []
    for s, e in zip(bounds, bounds[1:]):
        active = [i for i, a in enumerate(anns) if a.start <= s and a.end >= e]
        for i in active:
            parts.append(_open_tag(anns[i], i, i not in started))
            started.add(i)
        parts.append(html.escape(text[s:e], quote=False))
        parts.append("</mark>" * len(active))
    return "".join(parts)


_CSS = """
body{font-family:"Times New Roman",serif;margin:0;display:flex;gap:1rem;background:#fafafa;color:#111}
main{flex:3;padding:1rem 1.5rem;background:#fff;max-width:60rem}
aside{flex:2;padding:1rem;font-family:system-ui,sans-serif;font-size:.85rem;max-height:100vh;overflow:auto;position:sticky;top:0}
.doc{white-space:pre-wrap;line-height:1.9;font-size:1rem;tab-size:4}
mark{background:none;color:inherit;border-radius:2px;padding:0 1px;cursor:help}
mark.first::before{content:attr(data-label);font:bold .6em system-ui,sans-serif;vertical-align:super;margin-right:2px;opacity:.75}
mark.hl{outline:2px solid #e63946}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
td,th{border:1px solid #ccc;padding:2px 4px;vertical-align:top;text-align:left}
.legend span{display:inline-block;padding:1px 6px;margin:2px;border-radius:3px}
.missing{color:#999}
"""

_JS = """
document.querySelectorAll('mark').forEach(function(m){
  m.addEventListener('mouseenter',function(){var g=m.dataset.g;if(g==='-1')return;
    document.querySelectorAll('mark[data-g="'+g+'"]').forEach(function(x){x.classList.add('hl')});});
  m.addEventListener('mouseleave',function(){
    document.querySelectorAll('mark.hl').forEach(function(x){x.classList.remove('hl')});});
});
"""


def _css() -> str:
    rules = [f"mark.k-{k}{{background:{c}88;box-shadow:inset 0 -2px 0 {c}}}" for k, (_, c) in KINDS.items()]
    return _CSS + "\n".join(rules)


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _rows(pairs: Iterable[tuple[str, Any]]) -> str:
    return "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs if v not in (None, "", []))


def _side_panel(extraction: dict, anns: list[Annotation]) -> str:
    """Document fields, legend, and lists of citations/tasks linking to their marks."""
    d = extraction.get("document") or {}
    first_of = {}
    for i, a in enumerate(anns):
        if a.kind in ("citation", "task"):
            first_of.setdefault((a.kind, a.group), i)
    legend = "".join(f'<span class="k-{k}" style="background:{c}">{_e(n)}</span>' for k, (n, c) in KINDS.items())
    fields = _rows([(lbl, d.get(f)) for f, (_, lbl) in DOC_FIELDS.items()] + [("Khóa", d.get("key"))])
    cits = extraction.get("citations") or []
    cit_rows = []
    for i, c in enumerate(cits):
        idx = first_of.get(("citation", 1 + i))
        ref = " ".join(str(x) for x in (c.get("type"), c.get("number")) if x) or c.get("key") or "?"
        link = f'<a href="#ann-{idx}">{_e(ref)}</a>' if idx is not None else f'<span class="missing">{_e(ref)}</span>'
        rel = c.get("relation") or ""
        cit_rows.append(f"<tr><td>{link}</td><td>{_e(RELATIONS.get(rel, rel))}</td><td>{_e(c.get('date'))}</td></tr>")
    tasks = extraction.get("tasks") or []
    task_rows = []
    for i, t in enumerate(tasks):
        idx = first_of.get(("task", 1 + len(cits) + i))
        name = _short(t.get("name"), 90)
        link = f'<a href="#ann-{idx}">{_e(name)}</a>' if idx is not None else f'<span class="missing">{_e(name)}</span>'
        task_rows.append(f"<tr><td>{_e(t.get('no'))}</td><td>{link}</td><td>{_e('; '.join(t.get('lead') or []))}</td>"
                         f"<td>{_e(t.get('deadline_text'))}</td></tr>")
    warnings = "".join(f"<li>{_e(w)}</li>" for w in extraction.get("warnings") or [])
    return (f'<div class="legend">{legend}</div><h2>Văn bản</h2><table>{fields}</table>'
            f"<h2>Trích dẫn ({len(cits)})</h2><table><tr><th>Văn bản</th><th>Quan hệ</th><th>Ngày</th></tr>"
            f"{''.join(cit_rows)}</table>"
            f"<h2>Nhiệm vụ ({len(tasks)})</h2><table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th>"
            f"<th>Thời hạn</th></tr>{''.join(task_rows)}</table>"
            + (f"<h2>Cảnh báo</h2><ul>{warnings}</ul>" if warnings else ""))


def render_html(doc: ReadDocument, extraction: dict) -> str:
    """A self-contained HTML page of `doc.text` with every extraction highlighted."""
    anns = collect(doc, extraction)
    d = extraction.get("document") or {}
    title = " ".join(str(x) for x in (d.get("type"), d.get("number")) if x) or extraction.get("file") or doc.path
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{_css()}</style></head><body>"
            f"<main><h1>{_e(title)}</h1><p>{_e(extraction.get('file') or doc.path)}</p>"
            f'<div class="doc" id="doc">{render_text(doc.text, anns)}</div></main>'
            f"<aside>{_side_panel(extraction, anns)}</aside>"
            f"<script>{_JS}</script></body></html>\n")
