"""Type and subject of a document from its head: the title line ("QUYẾT ĐỊNH"), the subject
lines under it, a letter's "V/v …", and the pages that dropped the title line or ran the enacting
authority onto the subject."""
from __future__ import annotations

import re

from extractors.dates import DATE_RE
from extractors.doctypes import broken_type, canonical_type, type_regex
from extractors.header_lines import AUTHORITY_LINE, MOTTO, RULE, STOP_SUBJECT, Line, is_caps
from pipeline.normalize import collapse_ws, fold


def bodies_printed(lines: list[Line], head_end: int) -> bool:
    """The page keeps a header: a motto or a "Số:" line in the head (its place-and-date line is
    read by dates.find_place_date)."""
    return any(_motto_line(ln.text) or re.match(r"(?i)^số\s*:", fold(ln.text)) for ln in lines if ln.start < head_end)


def _motto_line(text: str) -> bool:
    """A motto as the header prints it, not named in a sentence ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam")."""
    m = MOTTO.search(text)
    return bool(m) and (is_caps(m.group(0)) or len(text.strip()) <= len(m.group(0)) + 30)


def _motto_in(t: str) -> bool:
    """A motto on this line; the Party's ("ĐẢNG CỘNG SẢN VIỆT NAM") only when it opens the line, not inside a
    title ("… trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam")."""
    m = MOTTO.search(t)
    if not m:
        return False
    return not fold(m.group(0)).lower().startswith("đảng") or not t[:m.start()].strip()


def find_title(lines: list[Line], head_end: int) -> tuple[str | None, int | None]:
    """Type from the title line (all caps, opening with a type name) and its line index."""
    for i, ln in enumerate(lines):
        if ln.start > head_end + 400:
            break
        t = MOTTO.sub("", ln.text).strip()
        if not t or not is_caps(t) or t.endswith(":"):
            continue  # "QUYẾT ĐỊNH:" opens the enacting part, it is not the title
        words = t.split()
        for n in (4, 3, 2, 1):
            typ = canonical_type(" ".join(words[:n]))
            if typ:
                return typ, i
    for i, ln in enumerate(lines):  # a title whose glyphs the PDF lost ("QUY T Đ NH", "K ÉT LUẬN")
        if ln.start > head_end + 400:
            break
        t = ln.text.strip()
        if is_caps(t) and not MOTTO.search(t) and not t.endswith(":") and broken_type(t):
            return broken_type(t), i
    return None, None


def title_rest(ln: Line) -> tuple[int, str] | None:
    """Words after the type name on the title line ("HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN"), if any."""
    t = MOTTO.sub("", ln.text)
    m = re.match(rf"(?i)\s*(?:{type_regex()})(?!\w)\s*", fold(t))
    if not m or m.end() >= len(t.rstrip()):
        return None
    rest = t[m.end():].strip()
    if re.match(r"(?i)^(số|của)\b", fold(rest)) or not any(c.isalpha() for c in rest):
        return None
    return ln.start + ln.text.find(rest), rest


_BODY_OPENER = re.compile(r"(?i)^[-–]?\s*(thực hiện|căn cứ|xét|theo|để|nhằm|trong|năm \d{4},|thi hành|triển khai|"
                          r"quán triệt|hưởng ứng|tiếp nhận|phúc đáp)\b")


def subject_after_title(lines: list[Line], i: int) -> tuple[str | None, tuple[int, int] | None]:
    """Subject lines under the title (caps or not), up to a rule, the enacting authority line
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), a "Căn cứ"/"Kính gửi" line or the first body paragraph."""
    parts: list[Line] = []
    mixed_tail = False
    for k, ln in enumerate(lines[i + 1:i + 12], i + 1):
        t = ln.text
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        ve = re.match(r"^(?:về|v/v)\s", fold(t))  # a lower-case "về …" line ends a caps title naming a meeting/body
        if parts and parts[0].cont and not ln.cont:
            break  # a flattened header: the subject ends with the printed line it shares with the title
        if RULE.match(t) or STOP_SUBJECT.match(t.lstrip("-– ")) or _motto_in(t) or DATE_RE.match(fold(t)):
            break
        if t.startswith("("):
            if parts:
                break
            continue
        caps = is_caps(t)
        if not parts and caps and re.match(r"(?i)^của\b", fold(t)):
            about = re.search(r"\s(?:(V/V)|VỀ\s+VIỆC|VỀ)\s", t)
            if not about:
                continue  # "CỦA BAN CHẤP HÀNH …" belongs to the title
            # "CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ V/V PHÊ DUYỆT …": the subject starts inside the line
            cut = about.end() if about.group(1) else about.start() + 1
            ln = Line(ln.start + cut, ln.end, t[cut:], ln.cont)
            t = ln.text
        if parts:
            if caps and AUTHORITY_LINE.match(fold(t)) and not re.match(r"^(?:về|v/v)\s", fold(nxt)):
                break
            has_letters = any(c.isalpha() for c in t)
            if has_letters and caps != is_caps(parts[-1].text) and not (len(parts[-1].text.split()) <= 2) \
                    and not (ve and len(parts) >= 2):
                break
            if mixed_tail and t[:1].isupper():
                break  # after "về …" under a caps title, a capitalised line is the body
            if _BODY_OPENER.match(t) or len(t) > 220 or re.search(r"[.;:]$", parts[-1].text):
                break
        elif len(t) > (800 if caps else 400):   # a title in capitals may be long; prose of that length is the body
            break
        mixed_tail = bool(ve and parts and is_caps(parts[-1].text))
        parts.append(ln)
        if len(" ".join(p.text for p in parts)) > 400:
            break
    if not parts:
        return None, None
    return collapse_ws(" ".join(p.text for p in parts)), (parts[0].start, parts[-1].end)


def without_repeated_type(subject: str, span: tuple[int, int], typ: str) -> tuple[str, tuple[int, int]]:
    """"THÔNG TƯ" / "THÔNG TƯ QUY ĐỊNH CHẾ ĐỘ …": the title line's type word printed again."""
    m = re.match(rf"(?i)(?:{type_regex()})(?!\w)\s+", fold(subject))
    if m and canonical_type(subject[:m.end()].strip()) == typ and len(subject) > m.end():
        return subject[m.end():], (span[0] + m.end(), span[1])
    glued = re.match(r"\S+\s+", subject)   # "NGHỊQUYẾT VỀ VIỆC …": a text layer that lost the space
    if glued and fold(glued.group(0)).strip().lower() == fold(typ).replace(" ", "").lower() and len(subject) > glued.end():
        return subject[glued.end():], (span[0] + glued.end(), span[1])
    return subject, span


_AUTHORITY_TAIL = re.compile(r"(?<=[\d)])\s+(?=[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9\s,\-–]{8,}$)")


def without_authority_tail(subject: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """A flattened page runs the enacting authority onto the subject ("… GIAI ĐOẠN 2021-2025 BỘ
    TRƯỞNG BỘ Y TẾ"): caps words naming an authority right after a number end the subject."""
    for m in _AUTHORITY_TAIL.finditer(subject):
        tail = subject[m.end():]
        if AUTHORITY_LINE.match(fold(tail)) and len(tail.split()) <= 16:
            return subject[:m.start()], (span[0], span[0] + m.start())
    return subject, span


def untitled_subject(lines: list[Line], date_end: int) -> tuple[str | None, tuple[int, int] | None]:
    """A page that dropped the title line: the caps lines right under the place-and-date line
    ("BAN HÀNH QUY ĐỊNH …"), up to the enacting authority ("ỦY BAN NHÂN DÂN TỈNH …")."""
    i = next((k for k, ln in enumerate(lines) if ln.start <= date_end <= ln.end), None)
    if i is None or i + 1 >= len(lines):
        return None, None
    t = lines[i + 1].text.strip()
    if not is_caps(t) or len(t.split()) < 3 or t.endswith(":") or MOTTO.search(t) \
            or AUTHORITY_LINE.match(fold(t)) or STOP_SUBJECT.match(t) \
            or re.search(r"(?i)\d+/[A-ZĐ\d][^\s]*\s+ngày", fold(t)):
        return None, None  # … nor a Gazette title repeating number and date ("QUYẾT ĐỊNH SỐ 291/QĐ-UBDT NGÀY …")
    return subject_after_title(lines, i)


# "Số: 2597/VPCP-NC V/v tổ chức …" (a web copy ran the V/v line onto the number's, even gluing it on)
_VV_ON_NUMBER_LINE = re.compile(r"(?i)^số\s*:?\s*\d\S*?(?:\s+|(?<=[A-ZĐ0-9]))(?-i:V/[vV])\s*[:.]?\s+")


def vv_subject(lines: list[Line], head_end: int) -> tuple[str | None, tuple[int, int] | None]:
    for i, ln in enumerate(lines):
        if ln.start > head_end:
            break
        # trích yếu marker of a letter: "V/v", "Về việc", or "Về:" (the colon tells it from prose "Về …")
        # … also after the type word printed on the same line ("Công văn V/v …")
        m = re.match(r"(?i)^(?:công văn\s+)?(?:v/v|(?P<vv>về việc)|về(?=\s*:))\s*[:.]?\s*", fold(ln.text)) \
            or _VV_ON_NUMBER_LINE.match(ln.text)
        if not m:
            continue
        # "V/v" and "Về:" only mark the subject; "Về việc …" is its first words
        at = m.start("vv") if m.groupdict().get("vv") else m.end()
        parts, start, end = [ln.text[at:]], ln.start + at, ln.end
        nxt = lines[i + 1:i + 12]   # a narrow column wraps a long subject over many lines
        if not parts[0] and nxt and nxt[0].text.lstrip().startswith(":"):
            # a bare "V/v" line, the subject on the next line after ": "
            rest = nxt[0].text.lstrip(" :")
            parts, start, end, nxt = [rest], nxt[0].start + len(nxt[0].text) - len(rest), nxt[0].end, nxt[1:]
        for nx in nxt:
            t = nx.text
            number_wrapped = bool(re.search(r"(?i)(?<!\w)số\s*:?$", parts[-1]))   # "… thông báo số" / "54 / BHXH - CĐ"
            if _motto_in(t) or is_caps(t) and not number_wrapped or re.search(r"(?i),\s*ngày\b", t) \
                    or re.match(r"(?i)^(kính gửi|số\b)", t) \
                    or STOP_SUBJECT.match(t.lstrip("-– ")) or (_BODY_OPENER.match(t) and not t[:1].islower()) \
                    or re.search(r"(?i)ngày\s.*tháng\s.*năm", t) or t.rstrip().endswith(":") or len(t) > 200:
                break   # … or a line introducing the body ("UBND tỉnh có ý kiến như sau:"), or a body paragraph
            if nx.start - end > 3 and not (t[:1].islower() or t[:1].isdigit() or re.search(r"[^.;:]$", parts[-1])):
                break
            parts.append(t)
            end = nx.end
        return _trim_subject(collapse_ws(join_wrapped(parts))), (start, end)
    return None, None


def join_wrapped(parts: list[str]) -> str:
    """Lines of one wrapped phrase: a line ending in a word's hyphen or slash ("1898/QĐ-" /
    "TTg", "2023-" / "2025") runs on without a space; others join with one."""
    out = ""
    for p in parts:
        p = p.strip()
        out += p if not out or re.search(r"[^\W_][-/]$", out) and p[:1].isalnum() else " " + p
    return out


def _trim_subject(s: str) -> str:
    """Without the tone marks a broken font left floating at its end (the closing full stop is header's to drop,
    with the span)."""
    return re.sub(r"[\s\u0300-\u036f]+$", "", s)
