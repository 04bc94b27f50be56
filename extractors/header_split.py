"""Virtual header lines for text that lost its layout (pasted from a web portal, a flattened PDF).

A header printed as two columns (issuing body | national motto; number | place and date) comes
out of such copies as one line, or a few, in reading order: "UBND TỈNH X CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM SỞ Y Độc lập - Tự do - Hạnh phúc Số: 12/SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05
tháng 11 năm 2010 V/v …". The line is cut at the anchors of DOMAIN.md §1–2 (motto, Party
header, "Số", the "<place>, ngày … tháng … năm …" line, the upper-case type name after them,
"V/v", "Kính gửi", "Căn cứ", rules "***" / "-----"); what lies between two anchors is a
left-column item (an issuing-body line). Only spans are produced, so offsets stay valid.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors import agencies
from extractors.dates import DATE_RE
from extractors.doctypes import type_regex
from extractors.numbers import SO_LINE_RE
from pipeline.normalize import fold


_MOTTO = re.compile(r"c[ộô]ng\s+h\w{1,3}\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam|độc\s+lập\s*[-–]\s*tự\s+do\s*[-–]\s*"
                    r"hạnh\s+phúc|đảng\s+cộng\s+sản\s+việt\s+nam", re.IGNORECASE)
# a copy that interleaved the two columns' wraps: "BỘ THÔNG TIN VÀ TRUYỀN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT THÔNG NAM":
# the words inside the motto are the left column's next line
_MOTTO_INTERLEAVED = re.compile(r"c[ộô]ng\s+h\w{1,3}\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+(?P<left>[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?)"
                                r"\s+(?P<nam>nam)(?!\w)", re.IGNORECASE)
_RULE = re.compile(r"\*{2,}|[-_=–—]{3,}")
_SO = re.compile(r"(?<!\w)(?:Số\s*:?|SỐ\s*:)\s*(?=\d|[ ._…]*[/-])")
_PLACE_DATE = re.compile(r",\s*(?P<ngay>ngày)\s*(?:\d{1,2}|[ ._…]+tháng|\s+tháng)", re.IGNORECASE)
_VV = re.compile(r"(?<!\w)(?:V/v|V/V|Về việc|VỀ VIỆC|Về\s*:)")
_KG = re.compile(r"(?<!\w)Kính gửi")
_BODY = re.compile(r"(?<![\w/])(?:[-–]\s*)?(?:Căn cứ|CĂN CỨ)(?!\w)")


def _layout() -> dict:
    return vocab.load("header_layout.json")


@lru_cache(maxsize=None)
def _mass_motto() -> re.Pattern:
    return re.compile("|".join(r"\s+".join(map(re.escape, fold(k).split())) for k in _layout()["mass_mottos"]))


def mass_motto(line: str) -> str | None:
    """The organisation a mass body prints in place of the motto ("ĐOÀN TNCS HỒ CHÍ MINH")."""
    m = _mass_motto().search(fold(line))
    if not m:
        return None
    key = re.sub(r"\s+", " ", m.group(0))
    return next((v for k, v in _layout()["mass_mottos"].items() if fold(k) == key), None)


@lru_cache(maxsize=None)
def _glued_body() -> re.Pattern:
    words = sorted((fold(w) for w in _layout()["body_words"]), key=len, reverse=True)
    return re.compile(r"(?<=[A-ZĐ])(?:" + "|".join(map(re.escape, words)) + r")$")


@lru_cache(maxsize=None)
def _type_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{type_regex()})", re.IGNORECASE)


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _place_start(f: str, comma: int) -> int:
    """Start of the place name before ", ngày": the title-case words ("Phan Rang-Tháp Chàm",
    "TP. Hồ Chí Minh", "Hà nội") that follow a number symbol or an upper-case body line."""
    toks = list(re.finditer(r"\S+", f[:comma]))
    keep: list[re.Match] = []
    for t in reversed(toks[-5:]):
        w = t.group(0)
        if re.search(r"[\d/]", w) or not w[0].isalpha():
            break
        if _is_upper(w) and not re.fullmatch(r"TP\.?", w) and len(w) > 1:
            break
        keep.append(t)
    while keep and not keep[-1].group(0)[0].isupper():
        keep.pop()  # the leftmost word of a place is capitalised
    return keep[-1].start() if keep else comma + 1


def _type_end_ok(f: str, e: int) -> bool:
    """A type name ends at a word boundary, or glued to a title-case word ("QUYẾT ĐỊNHVề việc")."""
    nxt = f[e:e + 2]
    return not nxt[:1].isalpha() or (len(nxt) == 2 and nxt[0].isupper() and nxt[1].islower())


def _anchors(f: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the header anchors in one folded line; end -1 = open to the next."""
    out: list[tuple[int, int, str]] = []
    if _BODY.match(f):
        return out   # "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; …": body text, a motto named in a sentence
    stop = len(f)
    b = _BODY.search(f, 1)
    if b:
        stop = b.start()
        out.append((b.start(), -1, "body"))
    head = f[:stop]
    out += [(m.start(), m.end(), "motto") for m in _MOTTO.finditer(head)]
    out += [(m.start(), m.end(), "motto") for m in _mass_motto().finditer(head)]
    for m in _MOTTO_INTERLEAVED.finditer(head):
        out += [(m.start(), m.start("left") - 1, "motto"), (m.start("nam"), m.end(), "rule")]  # "NAM" dropped as a rule is
    out += [(m.start(), m.end(), "rule") for m in _RULE.finditer(head)]
    for m in _SO.finditer(head):
        if re.search(rf"(?:{type_regex()})\s*$", head[:m.start()], re.IGNORECASE):
            continue  # "QUYẾT ĐỊNH SỐ 291/QĐ-UBDT NGÀY …": a Gazette title, one piece
        nm = SO_LINE_RE.match(head, m.start())
        end = nm.end() if nm else -1
        if nm:
            ext = re.match(r"(?:[-–][A-ZĐ][A-ZĐ0-9&]*)+", head[end:])
            end += ext.end() if ext else 0  # Party style "367-QĐ/TWĐTN-VP": a dashed unit after the issuer
            g = _glued_body().search(head[:end])
            if g and end < len(head) - 2 and head[end] == " " and head[end + 1].isupper():
                end = g.start()  # "367 - QĐ/TWĐTN-VPĐOÀN TNCS": the next body line glued on
        out.append((m.start(), end, "so"))
    date_end = None
    for m in _PLACE_DATE.finditer(head):
        dm = DATE_RE.match(head, m.start("ngay"))
        if not dm:
            continue
        out.append((_place_start(head, m.start()), dm.end(), "date"))
        date_end = dm.end()
        break
    after = date_end if date_end is not None else max((e for s, e, k in out if k == "so"), default=None)
    if after is not None:
        tm = next((t for t in _type_re().finditer(head, after) if _type_end_ok(head, t.end())), None)
        if tm and _is_upper(tm.group(0)):
            e = tm.end()
            nxt = head[e:e + 2]
            rest = re.match(r"\s*(\S+)", head[e:])
            glued = len(nxt) == 2 and nxt[0].isupper() and nxt[1].islower()
            fixed = glued or (rest is not None and not _is_upper(rest.group(1)))
            out.append((tm.start(), e if fixed else -1, "type"))
    out += [(m.start(), -1, "vv") for m in _VV.finditer(head, 1)]
    out += [(m.start(), -1, "kg") for m in _KG.finditer(head, 1)]
    return sorted(out)


def _is_header_line(anchors: list[tuple[int, int, str]]) -> bool:
    kinds = {k for _s, _e, k in anchors}
    return len(anchors) >= 2 and bool(kinds & {"motto", "so"} or {"date", "type"} <= kinds)


def _split_bodies(text: str, start: int, piece: tuple[int, int]) -> list[tuple[int, int]]:
    """A left-column run holding two upper-case body lines ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
    SỞ GIÁO DỤC VÀ ĐÀO TẠO") is cut where the second named body begins."""
    s, e = piece
    seg = text[start + s:start + e]
    if not _is_upper(seg) or len(seg.split()) < 4:
        return [piece]
    found = agencies.find_agencies(seg)
    cuts = [a for a, _b, _n in found if a > 0 and seg[:a].strip()]
    if not cuts:
        return [piece]
    bounds = [0] + cuts + [len(seg)]
    return [(s + a, s + b) for a, b in zip(bounds, bounds[1:]) if seg[a:b].strip()]


def split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the virtual header lines of text[start:end] (the span itself when it is not a
    flattened header)."""
    f = fold(text[start:end])
    anchors = _anchors(f)
    if not _is_header_line(anchors):
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cur = 0
    for i, (s, e, kind) in enumerate(anchors):
        if s < cur:
            continue  # inside the previous fixed piece
        if s > cur:
            pieces.append((cur, s))
        if kind == "rule":
            cur = e
        elif e >= 0:
            nxt = min([a[0] for a in anchors[i + 1:] if a[0] > s] + [len(f)])
            cur = min(e, nxt)
            pieces.append((s, cur))
        else:
            cur = s
        if kind == "body":
            break
    pieces.append((cur, len(f)))
    fixed = {(a[0], a[1]) for a in anchors if a[1] >= 0}
    pieces = [q for p in pieces for q in ([p] if p in fixed else _split_bodies(text, start, p))]
    out = []
    for s, e in pieces:
        seg = text[start + s:start + e]
        lead = len(seg) - len(seg.lstrip(" \t*"))
        trail = len(seg) - len(seg.rstrip(" \t*"))
        if e - trail > s + lead and re.search(r"\w", seg):
            out.append((start + s + lead, start + e - trail))
    return out


def split_header(text: str, spans: list[tuple[int, int]], head_end: int) -> list[tuple[int, int]]:
    """Line spans with every flattened header line in the head cut into virtual lines."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(split_line(text, s, e) if s < head_end else [(s, e)])
    return out
