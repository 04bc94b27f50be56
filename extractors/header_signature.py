"""The letter's recipients (Kính gửi), its distribution list (Nơi nhận) and the signature block
(signing authority, the signer's titles and name)."""
from __future__ import annotations

import re

from extractors import agencies
from extractors.header_lines import AUTH, AUTHORITY_LINE, Line, is_caps
from pipeline.normalize import collapse_ws, fold


# ---------------------------------------------------------------- recipients, distribution

_NOTE = re.compile(r"\s*\((?:để\s+)?(?:b/c|báo cáo|biết|thực hiện|t/h|phối hợp|chỉ đạo|theo dõi)\)", re.IGNORECASE)


def _items(lines: list[Line], start: int, first_text: str = "") -> list[str]:
    """Dash items after a "Kính gửi:" / "Nơi nhận:" label, wrapped lines joined."""
    items: list[str] = []
    if first_text.strip():
        items.append(first_text.strip())
    for ln in lines[start:start + 60]:
        t = ln.text
        if re.match(r"^[-–+•]\s*", t):
            items.append(re.sub(r"^[-–+•]\s*", "", t))
        elif re.match(r"(?i)^lưu\b", t):
            items.append(t)
        elif items and (t[:1].islower() or (not re.search(r"[,;.]$", items[-1]) and not is_caps(t)
                                             and not re.match(r"^[A-ZĐ][a-zđ]", t) or t.startswith("("))):
            items[-1] = f"{items[-1]} {t}"
        elif is_caps(t) or AUTH.match(t):
            continue  # a signature title interleaved with the list (plain text of two columns)
        else:
            break
    return [re.sub(r"[\s,;.]+$", "", collapse_ws(x)) for x in items if x.strip()]


_KINH_GUI = re.compile(r"(?i)^kính\s+gửi\s*:?\s*(.*)$")
_NOI_NHAN = re.compile(r"(?i)^nơi\s+nhận\s*:?\s*")


def kinh_gui(lines: list[Line]) -> list[str]:
    for i, ln in enumerate(lines):
        m = _KINH_GUI.match(fold(ln.text))
        if m:
            first = ln.text[len(ln.text) - len(m.group(1)):] if m.group(1) else ""
            if first.startswith(("-", "–")):
                first = first.lstrip("-– ")
            items = _items(lines, i + 1, first) if not first else [first.rstrip(" ;,.")] + \
                [x for x in _items(lines, i + 1) if lines[i + 1].text.startswith(("-", "–"))]
            return [x for x in items if x]
    return []


def distribution(lines: list[Line]) -> list[str] | None:
    for i in range(len(lines) - 1, -1, -1):
        m = _NOI_NHAN.match(lines[i].text)
        if m:
            rest = lines[i].text[m.end():]
            items = _items(lines, i + 1, rest)
            return items or None
    return None


# ---------------------------------------------------------------- signature

def signature(lines: list[Line], from_idx: int) -> tuple[str | None, str | None, str | None]:
    """(signing_authority, signer_title, signer) from the last authority/title block."""
    idx = None
    for i in range(len(lines) - 1, from_idx - 1, -1):
        if AUTH.match(lines[i].text) and is_caps(lines[i].text):
            idx = i
            while idx - 1 >= from_idx and AUTH.match(lines[idx - 1].text) and is_caps(lines[idx - 1].text):
                idx -= 1
            break
    if idx is None:
        return _head_signature(lines, from_idx)
    authority = None
    titles: list[str] = []
    j = idx
    while j < len(lines):
        t = lines[j].text
        glued = _glued_title_name(t.strip()) if not is_caps(t) else None
        if glued:
            titles.append(glued[0])
            return authority, " / ".join(titles), glued[1]
        if not is_caps(t) or re.match(r"(?i)^(nơi nhận|phụ lục)", t) or len(t) > 60:
            break
        if re.match(r"^(TM\.|T/M|T\.M\.)", t) and authority is None and not titles:
            authority = t
        else:
            titles.append(t)
        j += 1
    signer = None
    for ln in lines[j:j + 25]:
        t = ln.text
        if re.match(r"(?i)^(phụ lục|nơi nhận)", t):
            break
        signed = _SIGNED_NAME.match(t.strip())   # "Đã ký: Vũ Đức Khiển"
        if _is_person(t) or signed and _is_person(signed.group(1)):
            signer = signed.group(1) if signed else t
            break
        if ln.text.startswith(("-", "–")) or is_caps(t) or re.match(r"(?i)^lưu\b", t):
            continue
        if t.endswith((".", ";", ",")) or len(t) > 40:
            continue
    return authority, (" / ".join(titles) or None), signer


def _glued_title_name(t: str) -> tuple[str, str] | None:
    """A title in capitals with the signer's name glued on by a web copy: "PHÓ CHỦ NHIỆMNguyễn Khắc Định" ->
    ("PHÓ CHỦ NHIỆM", "Nguyễn Khắc Định")."""
    for i in range(2, len(t) - 1):
        if t[i - 1].isupper() and t[i].isupper() and t[i + 1].islower():
            title, name = t[:i].strip(), t[i:]
            return (title, name) if is_caps(title) and _is_person(name) else None
    return None


def _is_person(t: str) -> bool:
    """A signer's name line: two to six capitalised words, not in capitals, not a body."""
    return bool(re.fullmatch(r"(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*", t)) and not is_caps(t) \
        and not agencies.agency_spans(t)


_SIGNED_MARK = re.compile(r"(?i)^[(\[]?\s*(?:đã\s+ký|đã\s+ký\s+và\s+đóng\s+dấu|ký\s+tên|chữ\s+ký|signature)\s*[)\]]?$")


def _head_signature(lines: list[Line], from_idx: int) -> tuple[str | None, str | None, str | None]:
    """A head signing in their own name, with no TM./KT. line: the last official title ("CHỦ TỊCH", "THỦ TƯỚNG",
    "TỔNG KIỂM TOÁN NHÀ NƯỚC"; in lower case only over a "(Đã ký)" mark: "Phó Chủ tịch" / "(Đã ký)") followed by a
    name -> (None, title, name); else a copy's "Đã ký: Vũ Đức Khiển" -> (None, None, name)."""
    for i in range(len(lines) - 2, from_idx - 1, -1):
        t = lines[i].text.strip()
        if len(t) > 60 or not AUTHORITY_LINE.match(fold(t)) \
                or not is_caps(t) and not _SIGNED_MARK.match(lines[i + 1].text.strip()):
            continue
        for ln in lines[i + 1:i + 4]:
            nxt = ln.text.strip()
            if _SIGNED_MARK.match(nxt):
                continue
            if _is_person(nxt):
                return None, t, nxt
            break
    for ln in reversed(lines[from_idx:]):
        m = _SIGNED_NAME.match(ln.text.strip())
        if m and _is_person(m.group(1)):
            return None, None, m.group(1)
    return None, None, None


_SIGNED_NAME = re.compile(r"(?i)^[(\[]?\s*đã\s+ký\s*[)\]]?\s*:?\s*(\S.*)$")   # "Đã ký: Vũ Đức Khiển"


def recipients_of(dist: list[str]) -> list[str]:
    """The recipients a distribution list names when the letter has no "Kính gửi": its entries
    without the file copy ("Lưu: VT") and without their notes ("(để b/c)")."""
    return [collapse_ws(_NOTE.sub("", x)) for x in dist if not re.match(r"(?i)^lưu\b", x)]
