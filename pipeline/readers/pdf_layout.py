"""PDF layout: characters -> lines -> paragraphs, from geometry alone.

Coordinates are top-based (like pdfplumber): x grows right, `top` grows down, in points.
A line is wrapped into the next one when the next line's first word would not have fitted
in the space left at the end of the line; otherwise the paragraph ended there. This one rule
handles justified prose, ragged cells and centred titles alike.
"""
from __future__ import annotations

import math
import re
import statistics
import unicodedata
from dataclasses import dataclass

import numpy as np

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
            reach = 0.3 * min(last.size, c.bottom - c.top, last.bottom - last.top)
            same_row = c.top < last.bottom - reach and c.bottom > last.top + reach
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


@dataclass
class Chars:
    """A page's characters as columns, in content-stream order: code points and top-based boxes."""

    code: np.ndarray    # int64 code points
    x0: np.ndarray      # float64 columns from here on
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    unmapped: float = 0.0   # share of the page's printed characters without a Unicode mapping

    def __len__(self) -> int:
        return len(self.code)

    def take(self, idx: np.ndarray) -> Chars:
        return Chars(self.code[idx], self.x0[idx], self.top[idx], self.x1[idx], self.bottom[idx], self.size[idx],
                     self.unmapped)

    def glyphs(self) -> np.ndarray:
        """Mask of the characters that are not white space (`_is_space`)."""
        return ~_SPACE.flags(self.code)


class _CodeTable:
    """`test(chr(code))` for arrays of codes, each code tested once per process."""

    def __init__(self, test) -> None:
        self.test = test
        self.table = np.zeros(0x10000, bool)
        self.seen = np.zeros(0x10000, bool)

    def flags(self, codes: np.ndarray) -> np.ndarray:
        bmp = codes < 0x10000
        if not bmp.all():
            return np.array([self.test(chr(c)) for c in codes.tolist()], bool)
        new = codes[~self.seen[codes]]
        if len(new):
            for c in np.unique(new).tolist():
                self.table[c] = self.test(chr(c))
                self.seen[c] = True
        return self.table[codes]


_SPACE = _CodeTable(_is_space)
_MARK = _CodeTable(_is_mark)


def group_lines_by(chars: Chars, group: np.ndarray, page: int = 0) -> dict[int, list[Line]]:
    """`group_lines` for every group of chars at once (group >= 0; a negative group drops the
    char): the chars of one group, in stream order, become that group's lines. Same rules,
    same floating-point operations, vectorised over the page."""
    order = np.argsort(group, kind="stable")
    order = order[group[order] >= 0]
    c, g = chars.take(order), group[order]
    if not len(c):
        return {}
    space, mark = _SPACE.flags(c.code), _MARK.flags(c.code)
    gi = np.flatnonzero(~space)                      # glyphs, in order
    x0, top, x1, bottom, size = c.x0[gi], c.top[gi], c.x1[gi], c.bottom[gi], c.size[gi]
    # between each glyph and the next: the gap, the larger size, a space character or not
    gap, em, spaced = x0[1:] - x1[:-1], np.maximum(size[:-1], size[1:]), np.diff(gi) > 1
    frag = np.cumsum(_fragment_starts(c, g, mark, gi, gap, em, spaced)) - 1
    gfrag = frag[gi]
    gstart = np.flatnonzero(np.concatenate(([True], gfrag[1:] != gfrag[:-1])))  # first glyph of each line
    text = _line_texts(c, gi, gfrag, mark, gstart, spaced | (gap > SPACE_GAP_EM * em))
    cols = [np.minimum.reduceat(x0, gstart), np.minimum.reduceat(top, gstart),
            np.maximum.reduceat(x1, gstart), np.maximum.reduceat(bottom, gstart)]
    sizes = _median_sizes(size, gstart)
    fww = _first_word_widths(c, gi, space, frag, gstart)
    return _ordered_lines(text, cols, sizes, fww, g[gi[gstart]], page)


def _ordered_lines(text: list[str], cols: list[np.ndarray], sizes: list[float], fww: np.ndarray,
                   grp: np.ndarray, page: int) -> dict[int, list[Line]]:
    """Each group's lines through `_merge_same_row`, then sorted by (round(top / 3), x0). A group
    where no two lines could join is sorted in one `lexsort` for the page (same stable order)."""
    x0, top, x1, bottom = cols
    size = np.array(sizes, np.float64)
    lines = [Line(*v, page) for v in zip(text, x0.tolist(), top.tolist(), x1.tolist(), bottom.tolist(),
                                         sizes, fww.tolist())]
    if np.isfinite(cols + [size]).all():
        slow = _joinable_groups(x0, top, x1, bottom, size, grp)
        order = np.lexsort((x0, np.round(top / 3), grp))
    else:   # Python's sort and numpy's disagree on NaN
        slow, order = set(grp.tolist()), np.zeros(0, np.int64)
    out: dict[int, list[Line]] = {}
    for k, gk in zip(order.tolist(), grp[order].tolist()):
        if gk not in slow:
            out.setdefault(gk, []).append(lines[k])
    grps = grp.tolist()
    for gk in slow:
        merged = _merge_same_row([l for l, q in zip(lines, grps) if q == gk])
        merged.sort(key=lambda l: (round(l.top / 3), l.x0))
        out[gk] = merged
    return {gk: out[gk] for gk in sorted(out)}


def _joinable_groups(x0: np.ndarray, top: np.ndarray, x1: np.ndarray, bottom: np.ndarray,
                     size: np.ndarray, grp: np.ndarray) -> set[int]:
    """Groups holding two lines that `_merge_same_row` would test true: the later one (by x0,
    then position) on the same row as the earlier and less than a tab gap after it."""
    mid = (top + bottom) / 2
    idx = np.lexsort((mid, grp))          # by group, then mid: rows are runs of neighbours
    reach = 0.3 * size.max() if len(size) else 0.0
    found: set[int] = set()
    for d in range(1, len(idx)):
        a, b = idx[:-d], idx[d:]
        near = (grp[a] == grp[b]) & (mid[b] - mid[a] < reach)
        if not near.any():
            break           # sorted by mid: pairs further apart are further apart in mid too
        a, b = a[near], b[near]
        first = (x0[a] < x0[b]) | ((x0[a] == x0[b]) & (a < b))
        o, l = np.where(first, a, b), np.where(first, b, a)
        em = np.maximum(size[o], size[l])
        gap = x0[l] - x1[o]
        hit = (np.abs(mid[o] - mid[l]) < 0.3 * em) & (-0.5 * size[l] < gap) & (gap < TAB_GAP_EM * em)
        found.update(grp[a[hit]].tolist())
    return found


def _fragment_starts(c: Chars, g: np.ndarray, mark: np.ndarray, gi: np.ndarray, gap: np.ndarray,
                     em: np.ndarray, spaced: np.ndarray) -> np.ndarray:
    """Where a new run starts (group change, row change, or a step back) or `_split_at_gaps`
    splits one: at a glyph after a tab gap (no space between) or a column gap (spaces between)."""
    starts = np.ones(len(c), bool)
    last = slice(None, -1)
    height = c.bottom - c.top
    reach = 0.3 * np.minimum(c.size[last], np.minimum(height[1:], height[last]))
    same_row = (c.top[1:] < c.bottom[last] - reach) & (c.bottom[1:] > c.top[last] + reach)
    forward = (c.x0[1:] >= c.x0[last] - 0.2 * c.size[last]) | mark[1:]
    starts[1:] = (g[1:] != g[last]) | ~(same_row & forward)
    run = np.cumsum(starts)[gi]
    split = (run[:-1] == run[1:]) & ((~spaced & (gap > TAB_GAP_EM * em)) | (spaced & (gap > SPLIT_GAP_EM * em)))
    starts[gi[1:][split]] = True
    return starts


def _line_texts(c: Chars, gi: np.ndarray, gfrag: np.ndarray, mark: np.ndarray, gstart: np.ndarray,
                gap_space: np.ndarray) -> list[str]:
    """Glyphs of each line with a space before a glyph that follows a space character or a
    word gap (`gap_space`, per glyph and the next; never before a combining mark)."""
    ins = np.concatenate(([False], (gfrag[1:] == gfrag[:-1]) & ~mark[gi[1:]] & gap_space))
    pos = np.arange(len(gi)) + np.cumsum(ins)
    buf = np.full(len(gi) + int(ins.sum()), 32, np.int64)
    buf[pos] = c.code[gi]
    if ((buf >= 0xD800) & (buf < 0xE000)).any() or (buf > 0x10FFFF).any():
        full = "".join(map(chr, buf.tolist()))
    else:
        full = buf.astype("<u4").tobytes().decode("utf-32-le")
    ends = np.append(pos[gstart[1:] - 1], pos[-1]) + 1
    return [full[s:e] for s, e in zip(pos[gstart].tolist(), ends.tolist())]


def _median_sizes(size: np.ndarray, gstart: np.ndarray) -> list[float]:
    """statistics.median of each line's glyph sizes (a line of one size needs no sort)."""
    lo, hi = np.minimum.reduceat(size, gstart), np.maximum.reduceat(size, gstart)
    out = lo.tolist()
    bounds = np.append(gstart, len(size)).tolist()
    for k in np.flatnonzero(lo != hi).tolist():
        out[k] = statistics.median(size[bounds[k]:bounds[k + 1]].tolist())
    return out


def _first_word_widths(c: Chars, gi: np.ndarray, space: np.ndarray, frag: np.ndarray,
                       gstart: np.ndarray) -> np.ndarray:
    """Width of each line's glyphs before its first space character that is not its first char."""
    f = frag[gi[gstart]]
    bounds = np.flatnonzero(np.concatenate(([True], frag[1:] != frag[:-1])))
    s, e = bounds[f], np.append(bounds, len(c))[f + 1]
    sp = np.append(np.flatnonzero(space), len(c))
    first_end = np.minimum(sp[np.searchsorted(sp, s + 1)], e)
    lo, hi = np.searchsorted(gi, s), np.searchsorted(gi, first_end)
    idx = np.empty(2 * len(lo), np.int64)
    idx[0::2], idx[1::2] = lo, hi
    x0 = np.append(c.x0[gi], 0.0)
    x1 = np.append(c.x1[gi], 0.0)
    width = np.maximum.reduceat(x1, idx)[0::2] - np.minimum.reduceat(x0, idx)[0::2]
    return np.where(hi > lo, width, 0.0)


def _merge_same_row(lines: list[Line]) -> list[Line]:
    """Join fragments that sit on one row with a small gap (text emitted out of order): left to
    right, a line joins the first kept line it can follow, else is kept. Kept lines are
    bucketed by mid height, `width` wide: a line only looks in the buckets within its reach."""
    lines = sorted(lines, key=lambda l: (l.x0))
    sizes = [l.size for l in lines]
    width = 0.3 * max(sizes) if sizes and all(map(math.isfinite, sizes)) and max(sizes) > 0 else math.inf
    out: list[Line] = []
    buckets: dict[int, list[int]] = {}
    for l in lines:
        b = _bucket(l.mid, width)
        near = [] if b is None else sorted(k for d in (-2, -1, 0, 1, 2) for k in buckets.get(b + d, ()))
        for k in near:
            o = out[k]
            same_row = abs(o.mid - l.mid) < 0.3 * max(o.size, l.size)
            gap = l.x0 - o.x1
            if same_row and -0.5 * l.size < gap < TAB_GAP_EM * max(o.size, l.size):
                sep = " " if gap > SPACE_GAP_EM * l.size else ""
                buckets[_bucket(o.mid, width)].remove(k)
                o.text = o.text + sep + l.text
                o.x1 = max(o.x1, l.x1)
                o.top, o.bottom = min(o.top, l.top), max(o.bottom, l.bottom)
                _add(buckets, _bucket(o.mid, width), k)
                break
        else:
            _add(buckets, b, len(out))
            out.append(Line(l.text, l.x0, l.top, l.x1, l.bottom, l.size, l.first_word_width, l.page))
    return out


def _bucket(mid: float, width: float) -> int | None:
    """Bucket of a mid height; None for a line that can never be on a row with another."""
    return math.floor(mid / width) if math.isfinite(mid) else None


def _add(buckets: dict[int, list[int]], b: int | None, k: int) -> None:
    if b is not None:
        buckets.setdefault(b, []).append(k)


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
    if cur.text[:1].isupper() and _caps_title(prev.text) and not cur.text.isupper():
        return True   # a title in capitals, then a sentence
    if _END_RE.search(prev.text) and (not cur.text[:1].islower() or _LIST_MARK.match(cur.text)):
        return not indent_style or bool(_LIST_MARK.match(cur.text))
    return False


def _caps_title(text: str) -> bool:
    """A line in capitals: letters, none of them lower-case ("KẾ HOẠCH", "VỀ VIỆC …")."""
    return text.isupper() and sum(ch.isalpha() for ch in text) >= 4   # isupper first: one C pass, rarely true


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
