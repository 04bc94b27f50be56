"""Ruled tables from pdfium's own page data, equal to pdfplumber's `page.extract_tables()`.

pdfplumber spends nearly all of its time in pdfminer's parse of the page (every character
becomes a Python object); its table algorithm itself — the "lines" strategy with default
settings: edges -> snap/join -> intersections -> cells -> tables -> cell text — is small. This
module runs the same algorithm (ported from pdfplumber/table.py and utils/text.py, 0.11) over
what pdfium already holds: ruling lines and rectangles from the page's path objects, and
character boxes from its text page. pdfplumber stays the reference (tests/test_pdf_fast.py).

Entry points:
- `find_tables(page)`: the cell texts, as `extract_tables()` (texts equal after NFC and
  whitespace collapse: pdfium honours /ActualText, pdfminer does not);
- `table_finder(page, edge_min_length)` / `plumber_like_page(page, settings)`: only the cell
  and table boxes, as `debug_tablefinder()` — what pipeline/readers/pdf_tables.py asks for;
- `char_columns(textpage, mb_top)`: pdf.py's per-page characters as numpy columns, with
  about one pdfium call per char, made from C (`map`) rather than Python bytecode.

They return None when the fast path cannot promise pdfplumber's answer — a rotated or offset
page, ruling drawn inside a form XObject, turned text or unmapped glyphs in a table, or a
character whose centre falls on a cell border under one of pdfminer's two possible
font-descent readings — and the caller then uses pdfplumber for that page.
"""
from __future__ import annotations

import array
import bisect
import ctypes
import itertools
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pypdfium2.raw as pdfium_c

from pipeline.readers.pdf_layout import Chars

SNAP = 3.0          # snap_tolerance
JOIN = 3.0          # join_tolerance
MIN_PREFILTER = 1.0  # edge_min_length_prefilter
MIN_LENGTH = 3.0     # edge_min_length
ISECT = 3.0          # intersection_tolerance
X_TOL = 3.0          # text x_tolerance
Y_TOL = 3.0          # text y_tolerance
BORDER_EPS = 0.05    # a char centre this close to a cell border is ambiguous

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

Edge = tuple[float, float, float, float, str]   # x0, top, x1, bottom, orientation
Cell = tuple[float, float, float, float]        # x0, top, x1, bottom
Grid = list[list[str | None]]


class _Unsupported(Exception):
    """This page needs pdfplumber."""


# ---------------------------------------------------------------- edges from path objects

def _bare(fn: Any, restype: Any = ctypes.c_int) -> Any:
    """`fn` without argument conversion: about half the cost of a call, for per-char loops
    whose arguments are already ctypes values (a handle, an int, a pointer)."""
    f = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    f.restype = restype
    return f


_GET_OBJECT = _bare(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT)
_GET_FORM_OBJECT = _bare(pdfium_c.FPDFFormObj_GetObject, pdfium_c.FPDF_PAGEOBJECT)
_OBJECT_TYPE = _bare(pdfium_c.FPDFPageObj_GetType)


@dataclass
class PageObjects:
    """A page's top-level objects and their types, read once for every question asked of them."""

    objs: list[Any]
    types: list[int]


def page_objects(page_raw: Any) -> PageObjects:
    objs = _children(page_raw, None)
    return PageObjects(objs, list(map(_OBJECT_TYPE, objs)))


def count_paths(page: PageObjects, max_depth: int, stop: int) -> int:
    """Path objects of a page, looking `max_depth - 1` form XObjects deep (as pypdfium2's
    `get_objects(max_depth=)`), counted up to `stop`."""
    return _count_paths(page.objs, page.types, 0, max_depth, stop)


def _children(page_raw: Any, form: Any) -> list[Any]:
    if form is None:
        n = pdfium_c.FPDFPage_CountObjects(page_raw)
        return list(map(_GET_OBJECT, itertools.repeat(ctypes.cast(page_raw, ctypes.c_void_p), n), range(n)))
    n = pdfium_c.FPDFFormObj_CountObjects(form)
    return list(map(_GET_FORM_OBJECT, itertools.repeat(form, n), range(n)))


def _count_paths(objs: list[Any], types: list[int], level: int, max_depth: int, stop: int) -> int:
    n = types.count(pdfium_c.FPDF_PAGEOBJ_PATH)
    if level < max_depth - 1:
        for obj, t in zip(objs, types):
            if n >= stop:
                break
            if t == pdfium_c.FPDF_PAGEOBJ_FORM:
                kids = _children(None, obj)
                n += _count_paths(kids, list(map(_OBJECT_TYPE, kids)), level + 1, max_depth, stop)
    return n


def _form_has_paths(form: Any) -> bool:
    objs = _children(None, form)
    return any(t == pdfium_c.FPDF_PAGEOBJ_PATH or (t == pdfium_c.FPDF_PAGEOBJ_FORM and _form_has_paths(obj))
               for obj, t in zip(objs, map(_OBJECT_TYPE, objs)))


_COUNT_SEGMENTS = _bare(pdfium_c.FPDFPath_CountSegments)
_GET_SEGMENT = _bare(pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDF_PATHSEGMENT)
_SEGMENT_TYPE = _bare(pdfium_c.FPDFPathSegment_GetType)
_SEGMENT_POINT = _bare(pdfium_c.FPDFPathSegment_GetPoint)
_SEGMENT_CLOSE = _bare(pdfium_c.FPDFPathSegment_GetClose)


def _subpaths(obj: Any) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path as pdfminer sees it: per subpath a shape string ('m', 'l', 'c', 'h') and the
    on-curve points in user space (Bézier control points dropped, 'h' repeating the start)."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, m)
    a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
    n = _COUNT_SEGMENTS(obj)
    segs = list(map(_GET_SEGMENT, itertools.repeat(obj, n), range(n)))
    xy = (ctypes.c_float * (2 * n))()
    for _ in map(_SEGMENT_POINT, segs, map(ctypes.byref, itertools.repeat(xy, n), range(0, 8 * n, 8)),
                 map(ctypes.byref, itertools.repeat(xy, n), range(4, 8 * n, 8))):
        pass
    subs: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bez = 0
    for typ, close, px, py in zip(map(_SEGMENT_TYPE, segs), map(_SEGMENT_CLOSE, segs), xy[0::2], xy[1::2]):
        pt = (a * px + c * py + e, b * px + d * py + f)
        if typ == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                subs.append(("".join(shape), pts))
            shape, pts, bez = ["m"], [pt], 0
        elif typ == pdfium_c.FPDF_SEGMENT_LINETO:
            shape.append("l")
            pts.append(pt)
        elif typ == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bez += 1
            if bez % 3 == 0:
                shape.append("c")
                pts.append(pt)
        else:
            raise _Unsupported("unknown path segment")
        if close and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        subs.append(("".join(shape), pts))
    return subs


def _shape_edges(shape: str, pts: list[tuple[float, float]], height: float) -> list[Edge]:
    """pdfminer's line/rect/curve classification of one subpath, then pdfplumber's edges."""
    if not shape.startswith("m"):
        return []
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        left, right = min(x0, x1), max(x0, x1)
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        return [(left, top, right, bottom, "h" if top == bottom else "v")]
    if shape in ("mlllh", "mllll") and len(pts) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            xs = [p[0] for p in pts[:4]]
            ys = [p[1] for p in pts[:4]]
            left, right = min(xs), max(xs)
            top, bottom = height - max(ys), height - min(ys)
            return [(left, top, right, top, "h"), (left, bottom, right, bottom, "h"),
                    (left, top, left, bottom, "v"), (right, top, right, bottom, "v")]
    out: list[Edge] = []
    tpts = [(px, height - py) for px, py in pts]
    for (ax, ay), (bx, by) in zip(tpts, tpts[1:]):
        if ax == bx:
            orient = "v"
        elif ay == by:
            orient = "h"
        else:
            continue
        out.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), orient))
    return out


def page_edges(page: PageObjects, height: float) -> list[Edge]:
    """All edges of the page's painted paths (pdfplumber's `page.edges`), prefiltered."""
    edges: list[Edge] = []
    for obj, t in zip(page.objs, page.types):
        if t == pdfium_c.FPDF_PAGEOBJ_FORM:
            if _form_has_paths(obj):
                raise _Unsupported("ruling inside a form XObject")
        elif t == pdfium_c.FPDF_PAGEOBJ_PATH:
            for shape, pts in _subpaths(obj):
                edges.extend(_shape_edges(shape, pts, height))
    return [e for e in edges if _length(e) >= MIN_PREFILTER]


def _length(e: Edge) -> float:
    return (e[3] - e[1]) if e[4] == "v" else (e[2] - e[0])


# ---------------------------------------------------------------- pdfplumber's table algorithm

def _cluster_groups(items: Sequence[Any], key: Any, tol: float) -> list[list[Any]]:
    """pdfplumber.utils.cluster_objects: chain-cluster the sorted distinct key values."""
    values = sorted(set(key(i) for i in items))
    idx: dict[float, int] = {}
    n = -1
    last = None
    for v in values:
        if last is None or v > last + tol:
            n += 1
        idx[v] = n
        last = v
    tagged = sorted(((idx[key(i)], i) for i in items), key=lambda t: t[0])
    return [[i for _, i in grp] for _, grp in itertools.groupby(tagged, key=lambda t: t[0])]


def _snap(edges: list[Edge]) -> list[Edge]:
    out: list[Edge] = []
    for orient, pos in (("v", 0), ("h", 1)):
        group = [e for e in edges if e[4] == orient]
        for cl in _cluster_groups(group, lambda e: e[pos], SNAP):
            avg = sum(e[pos] for e in cl) / len(cl)
            for e in cl:
                dlt = avg - e[pos]
                if orient == "v":
                    out.append((e[0] + dlt, e[1], e[2] + dlt, e[3], "v"))
                else:
                    out.append((e[0], e[1] + dlt, e[2], e[3] + dlt, "h"))
    return out


def _join(group: list[Edge], orient: str) -> list[Edge]:
    lo, hi = (0, 2) if orient == "h" else (1, 3)
    srt = sorted(group, key=lambda e: e[lo])
    joined = [srt[0]]
    for e in srt[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + JOIN:
            if e[hi] > last[hi]:
                lst = list(last)
                lst[hi] = e[hi]
                joined[-1] = tuple(lst)  # type: ignore[assignment]
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge], min_length: float = MIN_LENGTH) -> list[Edge]:
    """Snap, join, and drop short edges (pdfplumber.table.merge_edges + edge_min_length)."""
    edges = _snap(edges)

    def group_key(e: Edge) -> tuple[str, float]:
        return ("h", e[1]) if e[4] == "h" else ("v", e[0])

    out: list[Edge] = []
    for k, items in itertools.groupby(sorted(edges, key=group_key), key=group_key):
        out.extend(_join(list(items), k[0]))
    return [e for e in out if _length(e) >= min_length]


def _intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    vs = sorted((e for e in edges if e[4] == "v"), key=lambda e: (e[0], e[1]))
    hs = sorted((e for e in edges if e[4] == "h"), key=lambda e: (e[1], e[0]))
    out: dict[tuple[float, float], tuple[set, set]] = {}
    for v in vs:
        for h in hs:
            if v[1] <= h[1] + ISECT and v[3] >= h[1] - ISECT and v[0] >= h[0] - ISECT and v[0] <= h[2] + ISECT:
                vert = (v[0], h[1])
                if vert not in out:
                    out[vert] = (set(), set())
                out[vert][0].add(v[:4])
                out[vert][1].add(h[:4])
    return out


def _cells(isects: dict[tuple[float, float], tuple[set, set]]) -> list[Cell]:
    points = sorted(isects)
    below: dict[float, list[tuple[float, float]]] = {}
    right: dict[float, list[tuple[float, float]]] = {}
    for p in points:
        below.setdefault(p[0], []).append(p)
        right.setdefault(p[1], []).append(p)
    for lst in right.values():
        lst.sort()

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and isects[p1][0] & isects[p2][0]:
            return True
        if p1[1] == p2[1] and isects[p1][1] & isects[p2][1]:
            return True
        return False

    cells: list[Cell] = []
    for pt in points:
        found = None
        for bp in below[pt[0]]:
            if bp[1] <= pt[1] or not connects(pt, bp):
                continue
            for rp in right[pt[1]]:
                if rp[0] <= pt[0] or not connects(pt, rp):
                    continue
                br = (rp[0], bp[1])
                if br in isects and connects(br, rp) and connects(br, bp):
                    found = (pt[0], pt[1], br[0], br[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """pdfplumber.table.cells_to_tables, corner for corner."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Cell] = []
    tables: list[list[Cell]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cc = ((cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3]))
            if not current or any(c in corners for c in cc):
                corners.update(cc)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _rows(cells: list[Cell]) -> list[list[Cell | None]]:
    xs = sorted(set(c[0] for c in cells))
    rows = []
    for _, row_cells in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        xd = {c[0]: c for c in row_cells}
        rows.append([xd.get(x) for x in xs])
    return rows


# ---------------------------------------------------------------- characters and cell text

class _Char:
    __slots__ = ("seq", "text", "x0", "x1", "top", "bottom", "hmid", "vmid", "vmid_alt")

    def __init__(self, seq: int, text: str, x0: float, x1: float, top: float, bottom: float,
                 vmid_alt: float) -> None:
        self.seq, self.text, self.x0, self.x1, self.top, self.bottom = seq, text, x0, x1, top, bottom
        self.hmid = (x0 + x1) / 2
        self.vmid = (top + bottom) / 2
        self.vmid_alt = vmid_alt


_SUSPECT = range(0xE000, 0xF900)  # private use: a glyph pdfium could not map


def _page_units(tp: Any, n: int) -> np.ndarray | None:
    """All UTF-16 code units of the text page in one call, or None unless that is one unit
    per char index (n units and no surrogate: no char gave two units, so none gave zero)."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(tp, 0, n, buf)
    units = np.frombuffer(buf, np.uint16)[:n]
    if got - 1 != n or ((units >= 0xD800) & (units < 0xE000)).any():
        return None
    return units


def _page_codes(tp: Any, n: int) -> array.array:
    """All UTF-16 code units of the text page (one unit per char index)."""
    units = _page_units(tp, n)
    if units is None:
        return array.array("H", (pdfium_c.FPDFText_GetUnicode(tp, i) & 0xFFFF for i in range(n)))
    return array.array("H", units.tobytes())


def _run_metrics(tp: Any, i: int, height: float, m: Any, pm: Any) -> tuple[float, float, float]:
    """(baseline from the top, font size, font-file descent) of the run holding char i."""
    pdfium_c.FPDFText_GetMatrix(tp, i, pm)
    if m.b != 0 or m.c != 0 or m.a <= 0 or m.d <= 0:
        raise _Unsupported("turned text")
    size = pdfium_c.FPDFText_GetFontSize(tp, i) * m.d
    descent = ctypes.c_float(0.0)
    obj = pdfium_c.FPDFText_GetTextObject(tp, i)
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(descent)):
        raise _Unsupported("no font metrics")
    return height - m.f, size, descent.value


def page_chars(textpage_raw: Any, height: float, area: Cell | None = None) -> list[_Char]:
    """Characters as pdfminer boxes them (x from the advance, y from baseline, size, descent),
    in stream order, pdfium's generated spaces and line breaks left out.

    pdfminer's descent comes from the font descriptor, which pdfium does not expose (LibreOffice
    writes 0 there): boxes here use 0, and `vmid_alt` keeps the font file's descent for the
    border check. Font size and baseline are asked once per distinct loose-box bottom (one run
    of one font on one line), not per char."""
    tp = textpage_raw
    n = pdfium_c.FPDFText_CountChars(tp)
    codes = _page_codes(tp, n)
    out: list[_Char] = []
    box = pdfium_c.FS_RECTF()
    pbox = ctypes.byref(box)
    m = pdfium_c.FS_MATRIX()
    pm = ctypes.byref(m)
    is_gen, get_box = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetLooseCharBox
    runs: dict[float, tuple[float, float]] = {}
    ax0, atop, ax1, abot = area if area is not None else (-1e9, -1e9, 1e9, 1e9)
    ax0, atop, ax1, abot = ax0 - 20, atop - 40, ax1 + 20, abot + 40
    for i in range(n):
        u = codes[i]
        if u in (0x20, 0x0D, 0x0A, 0x09, 0xA0) and is_gen(tp, i) == 1:
            continue
        if u == 2 or u == 0xFFFE:  # pdfium's mark for a hyphen at the end of a line
            u = 0x2D
        elif u == 0 or u == 0xFFFF:
            continue
        get_box(tp, i, pbox)
        left, right, bot = box.left, box.right, box.bottom
        hm = (left + right) / 2
        bot_td = height - bot
        if hm < ax0 or hm > ax1 or bot_td < atop or height - box.top > abot:
            continue
        run = runs.get(bot)
        if run is None:
            run = runs[bot] = _run_metrics(tp, i, height, m, pm)
        base_td, size, descent = run
        if u in _SUSPECT and pdfium_c.FPDFText_HasUnicodeMapError(tp, i) == 1:
            raise _Unsupported("unmapped glyph")
        out.append(_Char(i, chr(u), left, right, base_td - size, base_td, base_td - descent - size / 2))
    return out


_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox)
_IS_GENERATED = _bare(pdfium_c.FPDFText_IsGenerated)
_FONT_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_UNICODE = _bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_MAY_BE_GENERATED = np.zeros(256, bool)   # pdfium generates spaces and line breaks only
_MAY_BE_GENERATED[[0x09, 0x0A, 0x0D, 0x20, 0xA0]] = True


_TEXT_FONT = _bare(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
_TEXT_SIZE = _bare(pdfium_c.FPDFTextObj_GetFontSize)


def text_sizes(page: PageObjects) -> set[float]:
    """What `FPDFText_GetFontSize` can say of the page's chars: the font size of every text
    object at any form depth (the text page reads them all; a char's size is its object's),
    and 1 for an object without a font."""
    sizes: set[float] = set()
    stack = [(page.objs, page.types)]
    while stack:
        objs, types = stack.pop()
        text = [o for o, t in zip(objs, types) if t == pdfium_c.FPDF_PAGEOBJ_TEXT]
        buf = (ctypes.c_float * len(text))()
        for _ in map(_TEXT_SIZE, text, map(ctypes.byref, itertools.repeat(buf, len(text)), range(0, 4 * len(text), 4))):
            pass
        sizes.update(buf)
        if not all(map(_TEXT_FONT, text)):
            sizes.add(1.0)
        for form in (o for o, t in zip(objs, types) if t == pdfium_c.FPDF_PAGEOBJ_FORM):
            kids = _children(None, form)
            stack.append((kids, list(map(_OBJECT_TYPE, kids))))
    return sizes


def char_columns(textpage_raw: Any, mb_top: float, sizes: set[float] | None = None) -> Chars:
    """Every non-generated char of a text page with its loose (font-height) box, top-based,
    and its font size (the box height where pdfium says 0); pdfium's end-of-line hyphen mark
    becomes '-' and other control characters but tab are left out.

    The per-char pdfium calls run inside `map` (no Python bytecode per char) and write into
    one buffer read by numpy: the text comes in one call, `IsGenerated` is asked of white
    space only, boxes of the chars kept only, and the font size once per distinct loose-box
    (top, bottom): one font of one size on one baseline. `sizes` (`text_sizes` of the page) of one value is every char's size."""
    tp = ctypes.cast(textpage_raw, ctypes.c_void_p)
    n = pdfium_c.FPDFText_CountChars(textpage_raw)
    code = _codes(textpage_raw, tp, n)
    code[code == 2] = 0x2D   # pdfium's mark for a hyphen at the end of a line
    unmapped = unmapped_share(code)
    wanted = (code >= 32) | (code == 9)
    ws = np.flatnonzero(wanted & _MAY_BE_GENERATED[np.minimum(code, 255)]).tolist()
    wanted[ws] &= np.fromiter(map(_IS_GENERATED, itertools.repeat(tp, len(ws)), ws), np.int64, len(ws)) != 1
    keep = np.flatnonzero(wanted)
    m = len(keep)
    buf = (ctypes.c_float * (4 * m))()
    for _ in map(_LOOSE_BOX, itertools.repeat(tp, m), keep.tolist(),
                 map(ctypes.byref, itertools.repeat(buf, m), range(0, 16 * m, 16))):
        pass
    left, top, right, bottom = np.frombuffer(buf, np.float32).reshape(m, 4).T.astype(np.float64)
    if sizes is not None and len(sizes) == 1:
        size = np.full(m, float(next(iter(sizes))))
    else:
        bits = np.frombuffer(buf, np.uint32).reshape(m, 4).astype(np.uint64)
        run = (bits[:, 1] << np.uint64(32)) | bits[:, 3]   # the loose box's (top, bottom), bit for bit
        _, first, inv = np.unique(run, return_index=True, return_inverse=True)
        first = keep[first].tolist()
        size = np.fromiter(map(_FONT_SIZE, itertools.repeat(tp, len(first)), first), np.float64, len(first))[inv]
    size = np.where(size == 0, top - bottom, size)
    return Chars(code[keep], left, mb_top - top, right, mb_top - bottom, size, unmapped)


def unmapped_share(code: np.ndarray) -> float:
    """Share of a page's printed characters that no font maps to Unicode: glyph ids read as
    control codes (a font without a /ToUnicode map), U+FFFD, private-use code points."""
    printed = code[(code != 9) & (code != 10) & (code != 13) & (code != 32) & (code != 0xA0)]
    if len(printed) == 0:
        return 0.0
    bad = (printed < 32) | (printed == 0xFFFD) | ((printed >= 0xE000) & (printed <= 0xF8FF))
    return float(bad.mean())


def _codes(textpage_raw: Any, tp: Any, n: int) -> np.ndarray:
    """Code points of all chars (as `FPDFText_GetUnicode`), from one `GetText` call where it
    gives one UTF-16 unit per char."""
    units = _page_units(textpage_raw, n)
    if units is None:
        return np.fromiter(map(_UNICODE, itertools.repeat(tp, n), range(n)), np.int64, n)
    code = units.astype(np.int64)
    odd = np.flatnonzero(code == 0xFFFE).tolist()  # GetText's form of pdfium's hyphen mark (2)
    code[odd] = np.fromiter(map(_UNICODE, itertools.repeat(tp, len(odd)), odd), np.int64, len(odd))
    return code


def _check_borders(cells: list[Cell], chars: list[_Char]) -> None:
    """Raise when a char centre could fall on the other side of a cell border: pdfminer's
    descent reading unknown (vmid..vmid_alt), or within BORDER_EPS of a border."""
    ys = sorted(set(c[1] for c in cells) | set(c[3] for c in cells))
    xs = sorted(set(c[0] for c in cells) | set(c[2] for c in cells))
    x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]
    for ch in chars:
        lo = min(ch.vmid, ch.vmid_alt) - BORDER_EPS
        hi = max(ch.vmid, ch.vmid_alt) + BORDER_EPS
        if hi < y0 or lo > y1 or ch.hmid < x0 - BORDER_EPS or ch.hmid > x1 + BORDER_EPS:
            continue
        i = bisect.bisect_left(ys, lo)
        if i < len(ys) and ys[i] <= hi:
            raise _Unsupported("char centre on a row border")
        j = bisect.bisect_left(xs, ch.hmid - BORDER_EPS)
        if j < len(xs) and xs[j] <= ch.hmid + BORDER_EPS:
            raise _Unsupported("char centre on a column border")


def cell_text(chars: list[_Char]) -> str:
    """pdfplumber.utils.extract_text(chars) with x/y tolerance 3, layout off."""
    if not chars:
        return ""
    words: list[tuple[str, float, float]] = []  # text, x0, top
    for line in _cluster_groups(chars, lambda c: c.top, Y_TOL):
        line = sorted(line, key=lambda c: c.x0)
        cur: list[_Char] = []
        for ch in line:
            if ch.text.isspace():
                if cur:
                    words.append(_word(cur))
                cur = []
            elif cur and (ch.x0 < cur[-1].x0 or ch.x0 > cur[-1].x1 + X_TOL or abs(ch.top - cur[-1].top) > Y_TOL):
                words.append(_word(cur))
                cur = [ch]
            else:
                cur.append(ch)
        if cur:
            words.append(_word(cur))
    lines = _cluster_groups(words, lambda w: w[2], Y_TOL)
    return "\n".join(" ".join(w[0] for w in ln) for ln in lines)


def _word(chars: list[_Char]) -> tuple[str, float, float]:
    return ("".join(LIGATURES.get(c.text, c.text) for c in chars), min(c.x0 for c in chars),
            min(c.top for c in chars))


def _extract(cells: list[Cell], chars: list[_Char]) -> Grid:
    """Cell texts row by row, None where a merged cell covers the slot (as pdfplumber)."""
    _check_borders(cells, chars)
    chars = sorted(chars, key=lambda c: c.vmid)  # stable: stream order kept among equals
    vmids = [c.vmid for c in chars]
    grid: Grid = []
    for row in _rows(cells):
        out: list[str | None] = []
        for c in row:
            if c is None:
                out.append(None)
                continue
            lo, hi = bisect.bisect_left(vmids, c[1]), bisect.bisect_left(vmids, c[3])
            inside = sorted((ch for ch in chars[lo:hi] if c[0] <= ch.hmid < c[2]), key=lambda ch: ch.seq)
            out.append(cell_text(inside))
        grid.append(out)
    return grid


# ---------------------------------------------------------------- entry points

@dataclass
class FastTable:
    """One table's cells as (x0, top, x1, bottom) boxes, like pdfplumber's `Table.cells`."""

    cells: list[Cell]

    @property
    def bbox(self) -> Cell:
        return (min(c[0] for c in self.cells), min(c[1] for c in self.cells),
                max(c[2] for c in self.cells), max(c[3] for c in self.cells))


@dataclass
class FastFinder:
    """What pdfplumber's `page.debug_tablefinder(settings)` gives a reader: every cell found
    (one-cell boxes included) and the tables of two or more cells, top to bottom."""

    cells: list[Cell]
    tables: list[FastTable]


def table_finder(pdf_page: Any, edge_min_length: float = MIN_LENGTH,
                 objects: PageObjects | None = None) -> FastFinder | None:
    """Ruled cells and tables of a pypdfium2 page from its path objects alone (no text), as
    pdfplumber's "lines" strategy with snap/join/intersection tolerance 3; None = use pdfplumber."""
    try:
        _, cells, tables = _geometry(pdf_page, edge_min_length, objects)
    except _Unsupported:
        return None
    return FastFinder(cells, [FastTable(t) for t in tables])


class PlumberLikePage:
    """Stands in for a pdfplumber page where a reader only asks for its table finder:
    `width`, `height` and `debug_tablefinder(settings)` (answered from pdfium data)."""

    def __init__(self, pdf_page: Any, finder: FastFinder) -> None:
        self.width, self.height = pdf_page.get_size()
        self._finder = finder

    def debug_tablefinder(self, settings: dict | None = None) -> FastFinder:
        return self._finder

    def flush_cache(self) -> None:
        pass


_SUPPORTED = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": SNAP,
              "join_tolerance": JOIN, "intersection_tolerance": ISECT}


def plumber_like_page(pdf_page: Any, settings: dict | None = None,
                      objects: PageObjects | None = None) -> PlumberLikePage | None:
    """A `PlumberLikePage` for these table settings, or None when the settings are not the
    ones ported here or the page needs pdfplumber (then open the page with pdfplumber)."""
    settings = settings or {}
    for k, v in settings.items():
        if k != "edge_min_length" and _SUPPORTED.get(k, object()) != v:
            return None
    finder = table_finder(pdf_page, float(settings.get("edge_min_length", MIN_LENGTH)), objects)
    return None if finder is None else PlumberLikePage(pdf_page, finder)


def find_tables(pdf_page: Any, textpage: Any = None) -> list[Grid] | None:
    """pdfplumber's `page.extract_tables()` for a pypdfium2 page, or None (use pdfplumber).

    `textpage` may be passed when the caller already holds the page's PdfTextPage."""
    try:
        return _find_tables(pdf_page, textpage)
    except _Unsupported:
        return None


def _geometry(pdf_page: Any, min_length: float,
              objects: PageObjects | None = None) -> tuple[float, list[Cell], list[list[Cell]]]:
    if pdf_page.get_rotation() % 360:
        raise _Unsupported("rotated page")
    mb = pdf_page.get_mediabox()
    if abs(mb[0]) > 1e-6 or abs(mb[1]) > 1e-6:
        raise _Unsupported("mediabox not at the origin")
    height = mb[3] - mb[1]
    edges = page_edges(objects if objects is not None else page_objects(pdf_page.raw), height)
    if not edges:
        return height, [], []
    cells = _cells(_intersections(merge_edges(edges, min_length)))
    return height, cells, _tables(cells)


def _find_tables(pdf_page: Any, textpage: Any) -> list[Grid]:
    height, _, tables = _geometry(pdf_page, MIN_LENGTH)
    if not tables:
        return []
    tp = textpage if textpage is not None else pdf_page.get_textpage()
    try:
        area = (min(c[0] for t in tables for c in t), min(c[1] for t in tables for c in t),
                max(c[2] for t in tables for c in t), max(c[3] for t in tables for c in t))
        chars = page_chars(tp.raw, height, area)
        return [_extract(t, chars) for t in tables]
    finally:
        if textpage is None:
            tp.close()
