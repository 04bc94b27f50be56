"""PDF layout: characters -> lines -> paragraphs, from geometry alone.

Coordinates are top-based (like pdfplumber): x grows right, `top` grows down, in points.
A line is wrapped into the next one when the next line's first word would not have fitted
in the space left at the end of the line; otherwise the paragraph ended there. This one rule
handles justified prose, ragged cells and centred titles alike.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

SPLIT_GAP_EM = 6.0   # a gap holding a space splits only when this wide (runs of spaces are blanks)
TAB_GAP_EM = 1.0     # a gap with no space character in it wider than this splits too
SPACE_GAP_EM = 0.18  # a gap wider than this between two glyphs is a word space


@dataclass
class Char:
    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass
class Line:
    """A run of characters on one baseline, without large horizontal gaps."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    first_word_width: float
    page: int = 0

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == "\u00a0"


def _is_mark(ch: str) -> bool:
    return len(ch) == 1 and unicodedata.category(ch) in ("Mn", "Mc")


def group_lines(chars: list[Char], page: int = 0) -> list[Line]:
    """Chars in content-stream order -> lines, split at large gaps, sorted top-down, left-right."""
    runs: list[list[Char]] = []
    cur: list[Char] = []
    for c in chars:
        if cur:
            last = cur[-1]
            same_row = c.top < last.bottom - 0.3 * last.size and c.bottom > last.top + 0.3 * last.size
            forward = c.x0 >= last.x0 - 0.2 * last.size or _is_mark(c.ch)
            if not (same_row and forward):
                runs.append(cur)
                cur = []
        cur.append(c)
    if cur:
        runs.append(cur)
    lines: list[Line] = []
    for run in runs:
        for frag in _split_at_gaps(run):
            line = _make_line(frag, page)
            if line is not None:
                lines.append(line)
    lines = _merge_same_row(lines)
    lines.sort(key=lambda l: (round(l.top / 3), l.x0))
    return lines


def _split_at_gaps(run: list[Char]) -> list[list[Char]]:
    """Split where a gap is a column or tab gap: wider than 1 em with no space character in it,
    or wider than SPLIT_GAP_EM when it holds a space. Runs of spaces are blanks left to be
    filled in ("Số:      /VPUBND"), never a split."""
    out: list[list[Char]] = [[]]
    prev: Char | None = None
    spaces = 0
    for c in run:
        if _is_space(c.ch):
            spaces += 1
        else:
            if prev is not None:
                gap, em = c.x0 - prev.x1, max(prev.size, c.size)
                if (spaces == 0 and gap > TAB_GAP_EM * em) or (spaces > 0 and gap > SPLIT_GAP_EM * em):
                    out.append([])
            prev, spaces = c, 0
        out[-1].append(c)
    return [f for f in out if any(not _is_space(c.ch) for c in f)]


def _make_line(chars: list[Char], page: int) -> Line | None:
    glyphs = [c for c in chars if not _is_space(c.ch)]
    if not glyphs:
        return None
    parts: list[str] = []
    prev: Char | None = None
    pending_space = False
    for c in chars:
        if _is_space(c.ch):
            pending_space = prev is not None
            continue
        if prev is not None and not _is_mark(c.ch):
            if pending_space or c.x0 - prev.x1 > SPACE_GAP_EM * max(c.size, prev.size):
                parts.append(" ")
        parts.append(c.ch)
        pending_space = False
        prev = c
    text = "".join(parts)
    size = statistics.median(c.size for c in glyphs)
    first_end = next((i for i, c in enumerate(chars) if _is_space(c.ch) and i > 0), len(chars))
    word = [c for c in chars[:first_end] if not _is_space(c.ch)]
    fww = (max(c.x1 for c in word) - min(c.x0 for c in word)) if word else 0.0
    return Line(text, min(c.x0 for c in glyphs), min(c.top for c in glyphs), max(c.x1 for c in glyphs),
                max(c.bottom for c in glyphs), size, fww, page)


def _merge_same_row(lines: list[Line]) -> list[Line]:
    """Join fragments that sit on one row with a small gap (text emitted out of order)."""
    lines = sorted(lines, key=lambda l: (l.x0))
    out: list[Line] = []
    for l in lines:
        for o in out:
            same_row = abs(o.mid - l.mid) < 0.3 * max(o.size, l.size)
            gap = l.x0 - o.x1
            if same_row and -0.5 * l.size < gap < TAB_GAP_EM * max(o.size, l.size):
                sep = " " if gap > SPACE_GAP_EM * l.size else ""
                o.text = o.text + sep + l.text
                o.x1 = max(o.x1, l.x1)
                o.top, o.bottom = min(o.top, l.top), max(o.bottom, l.bottom)
                break
        else:
            out.append(Line(l.text, l.x0, l.top, l.x1, l.bottom, l.size, l.first_word_width, l.page))
    return out


# ---- lines -> paragraphs ------------------------------------------------------------

_END_RE = re.compile(r"[.;:!?…]['\"”’)]*$")
_LIST_MARK = re.compile(r"^(?:[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+[.)])\s")
_NO_SPACE_JOIN = re.compile(r"[^\s][-/]$")


def join_lines(a: str, b: str) -> str:
    """Join a wrapped line to the next: no space after a '-' or '/' inside a number ("57-" + "NQ/TW")."""
    if _NO_SPACE_JOIN.search(a) and b[:1].isalnum():
        return a + b
    return a + " " + b


def _centered(l: Line, left: float, right: float) -> bool:
    return l.x0 - left > 1.0 * l.size and abs((l.x0 + l.x1) / 2 - (left + right) / 2) < 1.0 * l.size


def wrapped(prev: Line, cur: Line, left: float, right: float) -> bool:
    """Did `prev` end only because `cur`'s first word would not fit after it?"""
    free = right - prev.x1
    if _centered(prev, left, right):
        free += prev.x0 - left
    return free < cur.first_word_width + 0.6 * prev.size


def _indented(l: Line, prev: Line, left: float) -> bool:
    return l.x0 - left > 1.0 * l.size and l.x0 - prev.x0 > 1.0 * l.size


def starts_new_paragraph(prev: Line, cur: Line, left: float, right: float,
                         indent_style: bool = False) -> bool:
    """Paragraph break between two consecutive lines? With `indent_style` (the document marks
    paragraphs by a first-line indent) a full line ending with '.' followed by an unindented
    line is a sentence that happened to end at the margin, not a paragraph end."""
    if cur.page == prev.page and cur.top - prev.bottom >= 0.9 * max(prev.size, cur.size):
        return True
    if abs(cur.size - prev.size) > 0.8:
        return True
    if not wrapped(prev, cur, left, right):
        return True
    if _indented(cur, prev, left) and not _centered(cur, left, right):
        return True
    if _END_RE.search(prev.text) and (not cur.text[:1].islower() or _LIST_MARK.match(cur.text)):
        return not indent_style or bool(_LIST_MARK.match(cur.text))
    return False


def _word_broken(prev: Line, cur: Line, left: float, right: float) -> bool:
    """A single word too long for a narrow cell, broken across lines ("VII" / "I")."""
    return (" " not in prev.text and prev.x1 - prev.x0 > 0.75 * (right - left)
            and prev.text[-1:].isalnum() and cur.text[:1].isalnum())


def uses_indent(lines: list[Line], left: float, right: float) -> bool:
    """Do paragraphs start with a first-line indent? Looks at lines after a short last line."""
    starts = [cur for prev, cur in zip(lines, lines[1:])
              if cur.page == prev.page and not wrapped(prev, cur, left, right) and not _centered(cur, left, right)]
    if len(starts) < 3:
        return False
    ind = sum(1 for l in starts if 1.0 * l.size < l.x0 - left < 6 * l.size)
    return ind >= 0.6 * len(starts)


def paragraphs(lines: list[Line], left: float, right: float,
               page_edges: dict[int, tuple[float, float]] | None = None) -> list[tuple[str, Line]]:
    """Group consecutive lines into paragraphs: (text, first line). `page_edges` overrides
    the column edges per page (portrait and landscape pages differ)."""
    indent_style = uses_indent(lines, left, right)
    out: list[tuple[str, Line]] = []
    prev: Line | None = None
    for l in lines:
        if prev is not None and page_edges:
            left, right = page_edges.get(prev.page, (left, right))
        if prev is None or starts_new_paragraph(prev, l, left, right, indent_style):
            out.append((l.text, l))
        else:
            text, first = out[-1]
            if _word_broken(prev, l, left, right):
                out[-1] = (text + l.text, first)
            else:
                out[-1] = (join_lines(text, l.text), first)
        prev = l
    return out


def text_edges(lines: list[Line]) -> tuple[float, float]:
    """Left and right edges of a text column: low and high percentiles of line ends."""
    if not lines:
        return 0.0, 0.0
    xs0 = sorted(l.x0 for l in lines)
    xs1 = sorted(l.x1 for l in lines)
    return xs0[len(xs0) // 10], xs1[min(len(xs1) - 1, (len(xs1) * 9) // 10)]
