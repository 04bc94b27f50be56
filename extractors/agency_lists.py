"""Split a "Cơ quan chủ trì / phối hợp" cell into the bodies it names.

Rules (fixtures README, "tasks"): split on ';', on paragraph breaks, and on ',' only between
distinct bodies; collective names stay whole ("Các sở, ban, ngành, địa phương"); names with a
comma stay whole ("Sở Văn hóa, Thể thao và Du lịch", "Báo và Đài phát thanh, Truyền hình
Đồng Tháp"); "Các Sở: A; B" gives "Sở A", "Sở B"; a cell holding "-" gives [].

A comma piece begins a new body when it starts with a body head word (data/agency_heads.json:
"Sở", "Công an", "UBND", "các" …, capitalised as printed, except "các"); otherwise it continues
the previous name. "X và Y" splits only when Y starts a capitalised head and X is a complete
name of at least two words that is not a collective.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from pipeline.normalize import clean_text, collapse_ws, fold

_EMPTY = re.compile(r"[-–—_.\s/x]*")


@lru_cache(maxsize=1)
def _extra() -> tuple[re.Pattern, re.Pattern]:
    d = vocab.load("agency_heads.json")
    mid = sorted({fold(h) for h in d["midline_heads"]}, key=len, reverse=True)
    inc = sorted({fold(h) for h in d["incomplete_end"]}, key=len, reverse=True)
    mid_rx = re.compile(r"(?<=\S )(?:" + "|".join(map(re.escape, mid)) + r")(?![^\W\d_])")
    inc_rx = re.compile(r"(?:[,;:\-/&]|(?<!\S)(?:" + "|".join(map(re.escape, inc)) + r"))\s*$")
    return mid_rx, inc_rx


def ends_incomplete(text: str) -> bool:
    """Does this name fragment need the next line ('Văn phòng', 'Sở Khoa học và', 'các sở,')?"""
    return bool(_extra()[1].search(fold(text.rstrip())))


def midline_starts(line: str) -> list[int]:
    """Offsets in a flattened line where a second body may begin ('Công an tỉnh Các cơ quan')."""
    return [m.start() for m in _extra()[0].finditer(fold(line))]


@lru_cache(maxsize=1)
def _vocab() -> tuple[re.Pattern, dict[str, str]]:
    d = vocab.load("agency_heads.json")
    rx = _heads_regex(any_case=False)
    prefixes = {fold(k): v for k, v in d["list_prefixes"].items() if not k.startswith("_")}
    return rx, prefixes


@lru_cache(maxsize=2)
def _heads_regex(any_case: bool) -> re.Pattern:
    """A head word at the start (as printed, or in any case), but not a verb or noun that opens with
    one ("Tổ chức", "Ban hành": data/agency_heads.json not_heads)."""
    d = vocab.load("agency_heads.json")
    heads = sorted({fold(h) for h in d["heads"]}, key=len, reverse=True)
    refused = sorted({fold(w) for w in d["not_heads"]}, key=len, reverse=True)
    return re.compile(("(?i)" if any_case else "") + r"(?!(?i:" + "|".join(map(re.escape, refused)) + r")(?![^\W\d_]))"
                      + r"^(?:" + "|".join(map(re.escape, heads)) + r")(?![^\W\d_])")


def starts_body_any_case(line: str) -> bool:
    """Does a header line begin with a body head word, in any case ("BAN CHỈ ĐẠO …", "SỞ Y TẾ")?"""
    return bool(_heads_regex(any_case=True).match(fold(line.strip())))


def starts_body(piece: str) -> bool:
    """Does this comma piece begin a new body (case-sensitive head word, or 'các')?"""
    rx, _ = _vocab()
    p = fold(piece.strip().lstrip("-–+•* "))
    return bool(rx.match(p))


@lru_cache(maxsize=1)
def _open_names() -> frozenset[str]:
    return frozenset(fold(n).lower() for n in vocab.load("agency_heads.json")["open_names"])


def is_open_name(name: str) -> bool:
    """"Ban Chỉ đạo", "Tổ công tác" alone: a name that goes on with its remit in lower case."""
    return fold(collapse_ws(name)).lower() in _open_names()


def is_collective(name: str) -> bool:
    """'Các sở, ban, ngành, địa phương', 'các cơ quan, đơn vị liên quan': no single body."""
    f = fold(name.strip()).lower()
    return f.startswith("các ") or bool(re.match(r"^(?:cơ quan|đơn vị|tổ chức)\b.*liên quan", f))


_BULLET = re.compile(r"^[-–+•*]\s*")


# "(BHXH tỉnh)", "(sau đây viết tắt là VNPT Đắk Nông)": the short name a text defines, not part of the body's
_SHORT_NAME = re.compile(r"\s*\((?:sau\s+đây\s+(?:viết\s+tắt\s+là|gọi\s+(?:tắt\s+)?là)\s+)?[A-ZĐ]{2,}[^()]{0,30}\)\s*$")


def _strip_item(s: str) -> str:
    s = collapse_ws(s).strip(" ,;.:")
    s = _BULLET.sub("", s)
    s = _SHORT_NAME.sub("", s)
    return s.strip(" ,;.:")


def _split_commas(text: str) -> list[str]:
    out: list[str] = []
    for piece in text.split(","):
        p = piece.strip()
        if not p:
            continue
        if out and (not starts_body(p) or re.fullmatch(r"(?i)(?:các|mọi)\s+cấp", fold(p))):
            out[-1] = out[-1] + ", " + p   # "…, các cấp": of every level, not another body
        elif out and is_collective(out[-1]) and not p[:1].isupper():
            out[-1] = out[-1] + ", " + p  # "Các sở, ngành, các đơn vị" stays one collective
        else:
            out.append(p)
    return out


def _split_va(name: str) -> list[str]:
    """'Sở Tài chính và Sở Nội vụ', 'Sở Tài chính cùng các ngành' -> two bodies; 'Sở Giáo dục và Đào tạo'
    stays whole."""
    if is_collective(name):
        return [name]
    parts = re.split(r"(\s+(?:và|cùng(?:\s+với)?)\s+)", name)   # "Sở Tài chính cùng các ngành có liên quan"
    out = [parts[0]]
    for sep, p in zip(parts[1::2], parts[2::2]):
        left = out[-1]
        if starts_body(p) and (p[:1].isupper() or fold(p).lower().startswith("các "))\
                and len(left.split()) >= 2 and not is_collective(left):
            out.append(p)
        else:
            out[-1] = left + sep + p
    return out


def _expand_list_prefix(seg: str) -> list[str] | None:
    """'Các Sở: Y tế, Tài chính và các đơn vị …' -> ['Sở Y tế', 'Sở Tài chính', 'các đơn vị …']."""
    m = re.match(r"^\s*([^:]{2,40}?)\s*:\s*(.+)$", seg, re.S)
    if not m:
        return None
    head = _prefix_head(m.group(1))
    if head is None:
        return None
    body = collapse_ws(m.group(2))
    tail = None
    mt = re.search(r"(?:[;,]|\s+và)\s+(?=các\s)", body)
    if mt:  # "…, Nội vụ và các đơn vị ký kết hợp tác": the collective tail stays whole
        body, tail = body[:mt.start()], body[mt.end():]
    sep = ";" if ";" in body else ","
    items = [_strip_item(c) for seg in body.split(sep) for c in _short_names(seg, sep) if _strip_item(c)]
    if tail and _strip_item(tail):
        items.append(_strip_item(tail))
    out = []
    for it in items:
        if head and (not starts_body(it) or _bare_head(it)) and not is_collective(it):
            it = f"{head} {it}"   # "Các Bộ: Quốc phòng, Công an" -> "Bộ Công an" though "Công an" heads bodies too
        out.append(it)
    return out


_VA = re.compile(r"(?<!\w)và(?!\w)")   # a name with a "và" in it ("Kế hoạch và Đầu tư") is one name, not two


def _plural_names(seg: str) -> list[str] | None:
    """A plural head before proper names, no colon: "các Sở Tài chính, Xây dựng, Nội vụ", "UBND các
    huyện Diễn Châu, Quỳnh Lưu" -> one body per name. A last name with a 'và' ("…, Kế hoạch và Đầu tư"
    or "…, Xây dựng và Nội vụ"?) leaves the list whole; so do lower-case levels ("UBND các huyện, thị xã")."""
    f = fold(seg).lower()
    for pre, head in _vocab()[1].items():
        if head and f.startswith(pre + " "):
            names = [x.strip() for x in collapse_ws(seg[len(pre) + 1:]).split(",")]
            break
    else:
        return None
    if len(names) < 2 or _VA.search(names[-1]) \
            or any(not n[:1].isupper() or len(n.split()) > 4 or (starts_body(n) and not _bare_head(n)) for n in names):
        return None
    return [f"{head} {n}" for n in names]


def _short_names(seg: str, sep: str) -> list[str]:
    """A ';' item of a prefixed list that is itself a comma list of short names ("Các Bộ: Quốc
    phòng, Công an, Ngoại giao; Thông tấn xã Việt Nam"); a comma inside one name ("Văn hóa, Thể
    thao và Du lịch") comes with a 'và', so such an item stays whole."""
    pieces = seg.split(",")
    if sep != ";" or len(pieces) < 2 or any(_VA.search(p) or len(p.split()) > 4 for p in pieces):
        return [seg]
    return pieces


def _bare_head(name: str) -> bool:
    """Is the name a head word and nothing else ("Công an", not "Công an tỉnh")?"""
    m = _vocab()[0].match(fold(name))
    return bool(m) and m.end() == len(name)


def _prefix_head(text: str) -> str | None:
    """The head a plural list prefix gives its items ("các Bộ" -> "Bộ", "các cơ quan" -> ""); None when
    `text` is no prefix (data/agency_heads.json list_prefixes)."""
    return _vocab()[1].get(fold(collapse_ws(text)).strip().lower())


def list_head(prefix: str) -> str | None:
    """The singular head a plural list prefix gives its items ("các Bộ" -> "Bộ"); None when it gives
    none or is no prefix."""
    return _prefix_head(prefix) or None


def is_list_prefix(text: str) -> bool:
    """Is `text` the plural head of a prefixed list ("Các Sở", "UBND các xã") before its colon?"""
    return _prefix_head(text) is not None


def _unwrap(text: str) -> str:
    """PDF lines -> one line per body: a line that opens a new body (capitalised head) after a
    finished name becomes a paragraph break; other line breaks are wraps."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out = ""
    for ln in lines:
        if not out:
            out = ln
        elif re.search(r"\S[-/]$", out):
            out += ln
        elif starts_body(ln) and ln[:1].isupper() and not ends_incomplete(out) and len(out.split()) >= 2:
            out += "\n" + ln
        else:
            out += " " + ln
    return out


def split_agencies(cell_text: str | None, wrapped: bool = False) -> list[str]:
    """The bodies named in an agency cell, in order, as printed (whitespace collapsed).

    `wrapped=True` when newlines in the text are line wraps (PDF), not paragraph breaks.
    """
    return list(_split_agencies(cell_text, wrapped))


@lru_cache(maxsize=16384)
def _split_agencies(cell_text: str | None, wrapped: bool) -> tuple[str, ...]:
    """split_agencies, cached: the same agency cells come back row after row, file after file."""
    if not cell_text:
        return ()
    text = clean_text(cell_text)
    if wrapped:
        text = _unwrap(text)
    text = re.sub(r":\s*\n\s*", ": ", text)
    if _EMPTY.fullmatch(text):
        return ()
    expanded = _expand_list_prefix(text)
    if expanded is not None:
        return tuple(expanded)
    out: list[str] = []
    for para in re.split(r"\n+", text):
        for seg in para.split(";"):
            seg = _strip_item(seg)
            if not seg or _EMPTY.fullmatch(seg):
                continue
            named = _plural_names(seg)
            if named:
                out.extend(named)
                continue
            for name in _split_commas(seg):
                out.extend(_strip_item(n) for n in _split_va(name) if _strip_item(n))
    return tuple(out)
