"""Document header fields (DOMAIN.md §1–2): issuing body, number, place and date, type and
subject, Kính gửi, signature block, Nơi nhận, draft mark.

The grammar works on *lines* (the text split at line breaks and tab cell boundaries), so the
same rules read a Word header table, a PDF text layer and pasted plain text. Where the header
is missing (plain text that lost it), the document's statements about itself are used: an
appendix caption "(Ban hành kèm theo Kế hoạch số 50/KH-UBND ngày 16/01/2026 của …)", the
signature authority ("T/M TỈNH UỶ"), or the body that "ban hành / báo cáo / đề nghị".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import agencies, vocab
from extractors.dates import DATE_RE, DateMatch, _from_match, find_place_date
from extractors.doctypes import broken_type, canonical_type, code_for_type, document_type, marks, type_regex
from extractors.header_repost import body_of_official, body_verb, newspaper_province, party_committee, plain_title, repost_title, strip_term
from extractors.header_split import mass_motto, split_header
from extractors.identity import make_key
from extractors.numbers import PART, PARTY, SO_LINE_RE, STATE_WRAP, clean_number, number_type, parse_number
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold, strip_accents, strip_ws

HEAD_CHARS = 1600


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped display text
    cont: bool = False  # a virtual line continuing the previous one on the same printed line

    @property
    def f(self) -> str:
        return fold(self.text)


_LINE = re.compile(r"[^\n\t]+")


def lines_of(text: str, lo: int = 0, hi: int | None = None) -> list[Line]:
    """Non-empty lines of text[lo:hi] split at newlines and tabs, with offsets."""
    hi = len(text) if hi is None else hi
    out = []
    for m in _LINE.finditer(text[lo:hi]):
        s = m.group(0)
        if not s.strip():
            continue
        lead = len(s) - len(s.lstrip())
        t = s.strip()
        out.append(Line(lo + m.start() + lead, lo + m.start() + lead + len(t), t))
    return out


_MOTTO = re.compile(r"(?i)c[ộô]ng\s+h\w{1,3}\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam|độc\s+lập\s*[-–]\s*tự\s+do\s*[-–]\s*hạnh\s+phúc|"
                    r"đảng\s+cộng\s+sản\s+việt\s+nam")
_RULE = re.compile(r"^[\s*\-_–—=.]+$")
_AUTH = re.compile(r"^(TM\.|T/M|T\.M\.|KT\.|K/T|TL\.|T/L|TUQ\.|Q\.|Q/)\s*(.*)$")
_STOP_SUBJECT = re.compile(r"(?i)^(căn cứ|kính gửi|nơi nhận|thực hiện chỉ đạo|[IVX]+[.\-–]\s|phần\s|chương\s|điều\s+\d|\d+\.\s)")


def _is_caps(s: str) -> bool:
    letters = "".join(filter(str.isalpha, s))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)


def _blank_doc() -> dict:
    return {"type": None, "type_code": None, "number": None, "number_symbol": None, "key": None,
            "date": None, "date_partial": None, "issuer": None, "issuer_parent": None, "place": None,
            "signer": None, "signer_title": None, "signing_authority": None, "subject": None,
            "recipients": [], "distribution": None, "is_draft": False, "spans": {}}


# ---------------------------------------------------------------- number and date

def printed_number(s: str) -> str:
    """The document's own number as printed ("2865/GDĐT –KT&KĐCL", "367 - QĐ/TWĐTN-VP"): a line
    wrap inside it removed, runs of spaces collapsed, trailing punctuation dropped."""
    s = re.sub(r"[ \t]*\n[ \t]*", "", s)
    return re.sub(r"[ \t]+", " ", s).strip().rstrip(".-/,;:– ")


def _number(text: str, head_end: int, vlines: list[Line] | None = None
            ) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(number, number_symbol, span) from the "Số:" line of the header; `vlines` are the header's
    (virtual) lines: a number opens one and ends within it."""
    ft = fold(text[:head_end])
    for m in SO_LINE_RE.finditer(ft):
        # "Số" must open a line (not "số lượng" in prose)
        ls = ft.rfind("\n", 0, m.start()) + 1
        ls = max(ls, ft.rfind("\t", 0, m.start()) + 1)
        vl = next((v for v in vlines or [] if v.start <= m.start() < v.end), None)
        if vl is not None and vl.start > ls:
            ls = vl.start
            tail = ft[m.end("num"):vl.end] if m.group("num") else ""
            if m.group("num") and (m.end("num") > vl.end or re.fullmatch(r"(?:[-–][A-ZĐ][A-ZĐ0-9&]*)+", tail)):
                num = printed_number(text[m.start("num"):vl.end])
                return num, None, (m.start("num"), vl.end)
        before = ft[ls:m.start()].strip()
        if before and not (canonical_type(before) and re.match(r"(?i)số\s*:", ft[m.start():m.start() + 6])):
            continue  # "Nghị quyết số: 653/2019/UBTVQH14" opens a line; prose "Thông báo số 04…" does not
        if m.group("num"):
            return printed_number(text[m.start("num"):m.end("num")]), None, (m.start("num"), m.end("num"))
        if m.group("sym"):
            return "", clean_number(text[m.start("sym"):m.end("sym")]), (m.start("sym"), m.end("sym"))
    # a draft's "Số:" alone on its line, the symbol printed lines below across the motto column
    so = re.search(r"(?im)^[ \t]*số[ \t]*:?[ \t._…]*$", ft)
    if so:
        sm = re.compile(rf"(?m)^[ \t._…]*(?P<sym>[/-][ ]?{PART}(?:[-/]{PART})*)[ \t]*$").search(ft, so.end(), so.end() + 200)
        if sm:
            return "", clean_number(text[sm.start("sym"):sm.end("sym")]), (sm.start("sym"), sm.end("sym"))
    return _glyphless_number(text, ft)


_GLYPHLESS_SO = re.compile(rf"(?<!\w)S\s*:?\s*(?P<num>\d{{1,5}}[a-z]?[ ]?/[ ]?(?:{PART}|\d{{4}})(?:[-/][ ]?{PART})*)"
                           rf"(?=[^\n]{{0,60}}ng[aà]y)")


def _glyphless_number(text: str, ft: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """A header whose text lost its non-Latin-1 letters ("S: 155/2007/TT-BQP Hà N i, ngày …",
    "C NG HOÀ XÃ H I"): "Số" reads "S", the number before the place and date. Only where the
    word "số" is printed nowhere in the head."""
    if re.search(r"(?i)(?<!\w)số(?!\w)", ft[:800]):
        return None, None, None
    m = _GLYPHLESS_SO.search(ft)
    if not m or parse_number(m.group("num")) is None:
        return None, None, None
    return printed_number(text[m.start("num"):m.end("num")]), None, (m.start("num"), m.end("num"))


_LONE_RE = re.compile(rf"(?:{PARTY}|{STATE_WRAP})")
_SPACED_SO = re.compile(rf"(?i)^số\s*:?\s*(?P<num>\d{{1,5}}[a-z]?[ ]+/[ ]*(?:(?:19|20)\d\d[ ]*/[ ]*)?{PART}(?:[-/]{PART})*)")


def _lone_number(lines: list[Line], head_end: int) -> tuple[str, tuple[int, int]] | None:
    """A number printed alone on a line before the title (portal metadata: "76/2016/NQ-HĐND"), or
    a "Số:" line with a space before the slash ("Số: 2917 /SGDĐT-VP")."""
    for ln in lines[:8]:
        if ln.start >= head_end:
            break
        f = fold(ln.text)
        m = _LONE_RE.fullmatch(f.rstrip(" .")) 
        if m and parse_number(clean_number(ln.text)):
            return printed_number(ln.text), (ln.start, ln.start + m.end())
        m = _SPACED_SO.match(f)
        if m:
            return printed_number(ln.text[m.start("num"):m.end("num")]), (ln.start + m.start("num"), ln.start + m.end("num"))
    return None


_CAPTION = re.compile(
    rf"\(\s*(?:ban\s+hành\s+)?kèm\s+theo\s+(?P<type>{type_regex()})\s+(?:số\s*:?)?\s*"
    rf"(?:(?P<num>{PARTY}|{STATE_WRAP})|[ ._…]*(?P<sym>[/-]{PART}(?:[-/]{PART})*))?"
    r"(?P<rest>[^)]{0,200})\)", re.IGNORECASE)


def _caption(text: str) -> dict | None:
    """The appendix caption naming the document itself."""
    m = _CAPTION.search(fold(text))
    if not m:
        return None
    out = {"type": canonical_type(m.group("type")), "number": None, "number_symbol": None,
           "date": None, "date_partial": None, "issuer": None, "span": None}
    if m.group("num"):
        out["number"] = clean_number(text[m.start("num"):m.end("num")])
        out["span"] = (m.start("num"), m.end("num"))
    elif m.group("sym"):
        out["number"] = ""
        out["number_symbol"] = clean_number(text[m.start("sym"):m.end("sym")])
    rest_s = m.start("rest")
    rest = fold(text[rest_s:m.end("rest")])
    dm = DATE_RE.search(rest)
    if dm:
        d = _from_match(dm)
        if d:
            out["date"], out["date_partial"] = d.iso, d.partial
    im = re.search(r"(?i)của\s+(.+)$", text[rest_s:m.end("rest")])
    if im:
        out["issuer"] = collapse_ws(im.group(1)).strip(" .;,")
    return out


def _gazette_title(text: str, lines: list[Line], ti: int | None) -> dict | None:
    """Official Gazette layout without a header: the title carries issuer, number, date and
    subject ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC …")."""
    if ti is None:
        return None
    run = [lines[ti]]
    for ln in lines[ti + 1:ti + 10]:
        if not _is_caps(ln.text) or _RULE.match(ln.text) or _AUTHORITY_LINE.match(fold(ln.text)):
            break
        run.append(ln)
    lo, hi = run[0].start, run[-1].end
    seg = fold(text[lo:hi])
    m = re.match(rf"(?is)(?:{type_regex()})\s+(?:của\s+(?P<iss>.{{3,120}}?)\s+)?số\s*:?\s*(?P<num>{PARTY}|{STATE_WRAP})"
                 r"[\s,]*", seg)
    if not m:
        return None
    out = {"number": clean_number(text[lo + m.start("num"):lo + m.end("num")]),
           "span": (lo + m.start("num"), lo + m.end("num")), "date": None, "date_span": None,
           "issuer": body_of_official(text[lo + m.start("iss"):lo + m.end("iss")]) if m.group("iss") else None,
           "subject": None, "subject_span": None}
    pos = m.end()
    dm = DATE_RE.match(seg, pos) or re.compile(r"(?i)ngày\s+\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}").match(seg, pos)
    if dm:
        d = _from_match(dm) if dm.re is DATE_RE else _from_match(DATE_RE.search(dm.group(0))) if DATE_RE.search(dm.group(0)) else None
        if d and d.iso:
            out["date"], out["date_span"] = d.iso, (lo + dm.start(), lo + dm.end())
        pos = dm.end()
    cm = re.compile(r"(?is)[\s,]*của\s+(?P<who>.{3,160}?)\s+(?=(?:về|v/v)\b)").match(seg, pos)
    if cm:
        # "… NGÀY … CỦA BỘ TRƯỞNG, CHỦ NHIỆM ỦY BAN DÂN TỘC VỀ VIỆC …": issuer from the "CỦA" part
        out["issuer"] = out["issuer"] or body_of_official(text[lo + cm.start("who"):lo + cm.end("who")])
        pos = cm.end()
    sm = re.match(r"(?is)[\s,.:]*([^\W\d_].*)$", seg[pos:])
    if sm:
        s0 = lo + pos + sm.start(1)
        out["subject"], out["subject_span"] = collapse_ws(text[s0:hi]), (s0, hi)
    return out


_LEAD = re.compile(rf"(?i)(?<!\w)(?:đã\s+)?(?:ban\s+hành|ký\s+ban\s+hành)\s+(?P<type>{type_regex()})"
                   r"(?:\s+số\s+\d+[a-z]?(?![\w/\-]))?(?:\s*,?\s*ngày\s+[\d/.\-]+)?\s+(?P<subj>(?:về|v/v)\b[^.\n]{5,400})")


def _repost_lead(text: str) -> tuple[str, str, tuple[int, int]] | None:
    """A document reposted by a portal without header or title: its lead sentence says what it
    is ("Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 17 về việc …") -> (type, subject, span)."""
    m = _LEAD.search(fold(text[:800]))
    if not m:
        return None
    return canonical_type(m.group("type")), collapse_ws(text[m.start("subj"):m.end("subj")]), \
        (m.start("subj"), m.end("subj"))


# ---------------------------------------------------------------- issuer

_BARE_LEVEL = re.compile(r"(?i)(?:^|\s)(?:tỉnh|xã|phường|huyện|quận|thị\s+xã|thị\s+trấn|thành\s+phố)$")


def _complete_issuer(issuer: str, text: str, province: str | None) -> str:
    """A header body the page cut ("BỘ NÔNG NGHIỆP / VÀ") or printed without its name ("UBND xã")
    is completed with the body the text names in full and that begins with it."""
    f = fold(issuer).lower().strip()
    cut = re.search(r"(?:\s(?:và|&)|,|\s[-–])$", f)
    unknown = agencies._lookup(agencies._split_province(agencies.expand_abbreviations(issuer))[0])[0] is None
    if not cut and not _BARE_LEVEL.search(f) and not unknown:
        return issuer
    head = re.sub(r"(?:\s(?:và|&)|,|\s[-–])$", "", f).strip()
    counts: dict[str, int] = {}
    for _s, _e, name in agencies.find_agencies(text, province):
        n = fold(name).lower()
        tail = n[len(head):].lstrip()
        if (n.startswith(head + " ") or n.startswith(head + ",")) and tail and \
                (tail.startswith(("và", "&", ",")) or (cut is not None and cut.group(0).strip() in (",", "-", "–"))
                 or (cut is None and not unknown)):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return issuer
    return max(counts, key=lambda k: (counts[k], -len(k)))


def _issuer_from_code(number: str, province: str | None) -> str | None:
    """No header body: the issuer's code in the number ("76/2016/NQ-HĐND" + Lào Cai -> "Hội đồng nhân
    dân tỉnh Lào Cai", "45-CT/TU" -> "Tỉnh ủy …", "05/BNV-VP" -> "Bộ Nội vụ"), when it is a known body."""
    p = parse_number(number)
    if not p:
        return None
    sym = strip_ws(number)
    if p.style == "party":
        part = sym.split("/")[1] if "/" in sym else ""
    else:
        tail = [x for x in re.split(r"/", sym)[1:] if not re.fullmatch(r"\d{4}", x)]
        parts = re.split(r"[-–]", tail[0]) if tail else []
        if parts and p.code and fold(parts[0]).upper() == fold(p.code).upper():
            parts = parts[1:]
        part = parts[0] if parts else ""
    if not part:
        return None
    full = agencies.expand_abbreviations(part)
    entry = agencies._lookup(full)[0]
    if full == part or entry is None:
        return None
    if province and entry["scoped"] == "tinh":
        full = re.sub(r"(?i)\s+tỉnh$", "", full)
        return agencies.canonical_agency(f"{full} {agencies.province_level_word(province)} {province}")
    return agencies.canonical_agency(full, province)


def _issuer_in_subject(subject: str, province: str | None) -> str | None:
    """No header: the title names its body ("Lịch tiếp công dân của UBND xã Tân Đoàn năm 2026")."""
    m = re.search(r"(?i)(?<!\w)của\s+", fold(subject))
    if not m or re.search(r"\d+[/-][A-ZĐ]", subject):
        return None
    rest = subject[m.end():]
    found = agencies.find_agencies(rest, province)
    if found and found[0][0] == 0:
        return found[0][2]
    body = strip_term(rest.title() if _is_caps(rest) else rest)   # a caps title's place name in its proper case
    committee = party_committee(body)   # "của Ban Chấp hành Đảng bộ huyện X lần thứ IX" -> Huyện ủy X
    if committee != body:
        return agencies.canonical_agency(committee, province)
    return None


_JOINT = re.compile(r"(?i)^(?P<a>[^\s\-–][^\-–]*?)\s*[\-–]\s*(?P<b>[^\-–]+?)\s+(?P<loc>(?:tỉnh|thành\s+phố|huyện|xã|phường)\s+.+)$")


def _joint_issuer(bodies: list[str], province: str | None) -> str | None:
    """Joint header "THƯỜNG TRỰC / HĐND - UBND TỈNH HÒA BÌNH": two bodies of one locality ->
    "Thường trực Hội đồng nhân dân tỉnh Hòa Bình và Ủy ban nhân dân tỉnh Hòa Bình"."""
    if not bodies:
        return None
    m = _JOINT.match(fold(bodies[-1]))
    if not m:
        return _stacked_joint(bodies, province)
    low = bodies[-1]
    a, b, loc = (low[m.start(g):m.end(g)] for g in ("a", "b", "loc"))
    ea, eb = agencies.expand_abbreviations(a), agencies.expand_abbreviations(b)
    if agencies._lookup(ea)[0] is None or agencies._lookup(eb)[0] is None:
        return None
    first = agencies.canonical_agency(f"{ea} {loc}", province)
    second = agencies.canonical_agency(f"{eb} {loc}", province)
    if len(bodies) > 1 and re.fullmatch(r"(?i)thường\s+trực|ban\s+thường\s+vụ|thường\s+vụ", fold(bodies[-2]).strip()):
        first = agencies.canonical_agency(f"{bodies[-2]} {first}", province)
    return f"{first} và {second}"

_LOCALITY = re.compile(r"(?i)\s(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường)\s+\S.*$")


def _stacked_joint(bodies: list[str], province: str | None) -> str | None:
    """Joint header of two local bodies stacked over one locality line ("ỦY BAN NHÂN DÂN" /
    "ỦY BAN MTTQ VIỆT NAM" / "TỈNH ĐẮK LẮK") -> "Ủy ban nhân dân tỉnh Đắk Lắk và Ủy ban Mặt
    trận Tổ quốc Việt Nam tỉnh Đắk Lắk". Both must be bodies that every locality has (not
    "BỘ CÔNG AN" over "CÔNG AN TỈNH …", a ministry over its provincial branch)."""
    if len(bodies) < 2:
        return None
    upper, lower = (agencies.expand_abbreviations(fold(b)) for b in bodies[-2:])
    loc = _LOCALITY.search(lower)
    if loc is None or _LOCALITY.search(upper):
        return None
    ea, _ = agencies._lookup(upper)
    eb, _ = agencies._lookup(lower[:loc.start()])
    if not (ea and eb and ea.get("scoped") and eb.get("scoped")) or ea is eb:
        return None
    where = loc.group(0).strip()
    return f"{agencies.canonical_agency(f'{upper} {where}', province)} và {agencies.canonical_agency(lower, province)}"


_LEVEL_START = re.compile(r"(?i)^(tỉnh|thành phố|huyện|xã|phường|quận|thị xã|đặc khu|trung ương)\b")


def broken_glyphs(s: str) -> bool:
    """A line whose PDF text lost letters ("U BAN DÂN T C", "C NG HOÀ XÃ H I"): several one-letter
    words, which Vietnamese does not have."""
    words = re.findall(r"[^\W\d_]+", s)
    singles = [w for w in words if len(w) == 1]
    return len(singles) >= 2 and len(singles) >= 0.25 * len(words)


def _respell_province(line: str) -> str:
    """A caps header line naming a province with wrong tone marks, as OCR reads them ("TĨNH ĐÔNG
    THÁP"), in the vocabulary's spelling ("TỈNH ĐỒNG THÁP"); any other line unchanged."""
    plain = strip_accents(line).lower()
    word = next((w for w in ("tinh ", "thanh pho ") if plain.startswith(w)), None)
    if word is None or not _is_caps(line) or len(plain) != len(line):
        return line
    target = plain[len(word):].strip()
    name = next((n for n in agencies._provinces()[0] if strip_accents(n).lower() == target), None)
    if name is None:
        return line
    return f"{'TỈNH' if word == 'tinh ' else 'THÀNH PHỐ'} {name.upper()}"


def _header_bodies(lines: list[Line], stop: int) -> list[str]:
    """Issuing-body lines of the header's left column (above "Số"), joined where wrapped."""
    bodies: list[str] = []
    for ln in lines:
        if ln.start >= stop:
            break
        t = _respell_province(_MOTTO.sub("", fold(ln.text)).strip(" -–"))
        if not t or _RULE.match(t) or re.match(r"(?i)^số\b", fold(t)) or t in marks("draft_marks") or broken_glyphs(t) \
                or _LONE_RE.fullmatch(t.rstrip(" .")):
            continue
        if re.match(r"(?i)^(v/v|về việc)\b", t) or not _is_caps(t) or DATE_RE.search(fold(t)):
            break
        if canonical_type(t.split(" ", 1)[0]) or canonical_type(" ".join(t.split()[:2])):
            break  # the title ("KẾ HOẠCH", "BÁO CÁO …")
        joined = f"{bodies[-1]} {t}" if bodies else t
        if bodies and ((_LEVEL_START.match(fold(t)) and not _LEVEL_START.search(fold(bodies[-1]).split()[-1]))
                       or re.search(r"(?i)(\bvà|,|-)$", bodies[-1]) or re.match(r"(?i)^(và|-)\b", t)
                       or agencies._lookup(agencies.expand_abbreviations(joined))[0] is not None
                       and (agencies._lookup(agencies.expand_abbreviations(t))[0] is None
                            or agencies._lookup(agencies.expand_abbreviations(bodies[-1]))[0] is None)):
            bodies[-1] = joined
        else:
            bodies.append(t)
    return bodies


def _compose_issuer(bodies: list[str], province: str | None) -> tuple[str | None, str | None]:
    """Lowest body written in full, and its parent."""
    if not bodies:
        return None, None
    parent = agencies.canonical_agency(bodies[-2], province) if len(bodies) > 1 else None
    low = agencies.canonical_agency(re.sub(r"\s*\([^)]*\)\s*$", "", bodies[-1]), province)
    lf = fold(low).lower()
    if parent and not re.search(r"\b(tỉnh|thành phố|xã|phường|huyện|trung ương|quốc gia|việt nam)\b", lf) \
            and not province_in(low):
        short = _parent_short(parent)
        if lf.startswith("sở "):
            low = agencies.canonical_agency(low, province)
        elif short and agencies._lookup(agencies.canonical_agency(f"{low} {short}"))[0] is not None:
            low = agencies.canonical_agency(f"{low} {short}")
        else:
            low = agencies.canonical_agency(f"{low} {parent}", province)
    return low, parent


def _parent_short(parent: str) -> str | None:
    """The short form a child body takes of its parent (data/header_layout.json parent_short)."""
    from extractors.header_split import _layout
    return next((v for k, v in _layout().get("parent_short", {}).items() if fold(k).lower() == fold(parent).lower()), None)


def province_in(name: str) -> bool:
    names, _ = agencies._provinces()
    f = fold(name).lower()
    return any(fold(n).lower() in f for n in names)


_SUBJECT_VERB = re.compile(
    r"(?<!của )(?<!do )(?P<who>(?:Văn phòng|Ủy ban|UBND|Ban|Sở|Tỉnh ủy|Thành ủy|Hội đồng|HĐND|Bộ|Công an)"
    r"(?:(?!\s(?:về|v/v|của|tại|theo)\s)[^.;:\n\d]){0,80}?)\s+"
    r"(?:đã\s+)?(?:ban hành|báo cáo|đề nghị|thông báo|yêu cầu|kính trình|trân trọng|xây dựng)\b")


# ---------------------------------------------------------------- type and subject

def bodies_printed(lines: list[Line], head_end: int) -> bool:
    """The page keeps a header: a motto or a "Số:" line in the head."""
    return any(_MOTTO.search(ln.text) or re.match(r"(?i)^số\s*:", fold(ln.text)) for ln in lines if ln.start < head_end)


def _title(lines: list[Line], head_end: int) -> tuple[str | None, int | None]:
    """Type from the title line (all caps, opening with a type name) and its line index."""
    for i, ln in enumerate(lines):
        if ln.start > head_end + 400:
            break
        t = _MOTTO.sub("", ln.text).strip()
        if not t or not _is_caps(t) or t.endswith(":"):
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
        if _is_caps(t) and not _MOTTO.search(t) and not t.endswith(":") and broken_type(t):
            return broken_type(t), i
    return None, None


def _title_rest(ln: Line) -> tuple[int, str] | None:
    """Words after the type name on the title line ("HƯỚNG DẪN VỀ THỂ THỨC VĂN BẢN"), if any."""
    t = _MOTTO.sub("", ln.text)
    m = re.match(rf"(?i)\s*(?:{type_regex()})(?!\w)\s*", fold(t))
    if not m or m.end() >= len(t.rstrip()):
        return None
    rest = t[m.end():].strip()
    if re.match(r"(?i)^(số|của)\b", fold(rest)) or not any(c.isalpha() for c in rest):
        return None
    return ln.start + ln.text.find(rest), rest


def _authority_line() -> re.Pattern[str]:
    """The enacting authority printed under a title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "TỔNG KIỂM
    TOÁN NHÀ NƯỚC"): a body or an official title of data/header_layout.json and header_repost.json."""
    words = vocab.load("header_layout.json")["enacting_authorities"] + vocab.load("header_repost.json")["official_titles"]
    alts = "|".join(r"\s+".join(map(re.escape, fold(w).split())) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?i)^(?:{alts})\b")


_AUTHORITY_LINE = _authority_line()
_BODY_OPENER = re.compile(r"(?i)^[-–]?\s*(thực hiện|căn cứ|xét|theo|để|nhằm|trong|năm \d{4},|thi hành|triển khai|"
                          r"quán triệt|hưởng ứng|tiếp nhận|phúc đáp)\b")


def _subject_after_title(lines: list[Line], i: int) -> tuple[str | None, tuple[int, int] | None]:
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
        if _RULE.match(t) or _STOP_SUBJECT.match(t.lstrip("-– ")) or _MOTTO.search(t) or DATE_RE.match(fold(t)):
            break
        if t.startswith("("):
            if parts:
                break
            continue
        caps = _is_caps(t)
        if not parts and caps and re.match(r"(?i)^của\b", fold(t)):
            continue  # "CỦA BAN CHẤP HÀNH …" belongs to the title
        if parts:
            if caps and _AUTHORITY_LINE.match(fold(t)) and not re.match(r"^(?:về|v/v)\s", fold(nxt)):
                break
            has_letters = any(c.isalpha() for c in t)
            if has_letters and caps != _is_caps(parts[-1].text) and not (len(parts[-1].text.split()) <= 2) \
                    and not (ve and len(parts) >= 2):
                break
            if mixed_tail and t[:1].isupper():
                break  # after "về …" under a caps title, a capitalised line is the body
            if _BODY_OPENER.match(t) or len(t) > 220 or re.search(r"[.;:]$", parts[-1].text):
                break
        elif len(t) > 400:
            break
        mixed_tail = bool(ve and parts and _is_caps(parts[-1].text))
        parts.append(ln)
        if len(" ".join(p.text for p in parts)) > 400:
            break
    if not parts:
        return None, None
    return collapse_ws(" ".join(p.text for p in parts)), (parts[0].start, parts[-1].end)


def _without_repeated_type(subject: str, span: tuple[int, int], typ: str) -> tuple[str, tuple[int, int]]:
    """"THÔNG TƯ" / "THÔNG TƯ QUY ĐỊNH CHẾ ĐỘ …": the title line's type word printed again."""
    m = re.match(rf"(?i)(?:{type_regex()})(?!\w)\s+", fold(subject))
    if m and canonical_type(subject[:m.end()].strip()) == typ and len(subject) > m.end():
        return subject[m.end():], (span[0] + m.end(), span[1])
    return subject, span


_AUTHORITY_TAIL = re.compile(r"(?<=[\d)])\s+(?=[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9\s,\-–]{8,}$)")


def _without_authority_tail(subject: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """A flattened page runs the enacting authority onto the subject ("… GIAI ĐOẠN 2021-2025 BỘ
    TRƯỞNG BỘ Y TẾ"): caps words naming an authority right after a number end the subject."""
    for m in _AUTHORITY_TAIL.finditer(subject):
        tail = subject[m.end():]
        if _AUTHORITY_LINE.match(fold(tail)) and len(tail.split()) <= 16:
            return subject[:m.start()], (span[0], span[0] + m.start())
    return subject, span


def _untitled_subject(lines: list[Line], date_end: int) -> tuple[str | None, tuple[int, int] | None]:
    """A page that dropped the title line: the caps lines right under the place-and-date line
    ("BAN HÀNH QUY ĐỊNH …"), up to the enacting authority ("ỦY BAN NHÂN DÂN TỈNH …")."""
    i = next((k for k, ln in enumerate(lines) if ln.start <= date_end <= ln.end), None)
    if i is None or i + 1 >= len(lines):
        return None, None
    t = lines[i + 1].text.strip()
    if not _is_caps(t) or len(t.split()) < 3 or t.endswith(":") or _MOTTO.search(t) \
            or _AUTHORITY_LINE.match(fold(t)) or _STOP_SUBJECT.match(t) \
            or re.search(r"(?i)\d+/[A-ZĐ\d][^\s]*\s+ngày", fold(t)):
        return None, None  # … nor a Gazette title repeating number and date ("QUYẾT ĐỊNH SỐ 291/QĐ-UBDT NGÀY …")
    return _subject_after_title(lines, i)


def _vv_subject(lines: list[Line], head_end: int) -> tuple[str | None, tuple[int, int] | None]:
    for i, ln in enumerate(lines):
        if ln.start > head_end:
            break
        # trích yếu marker of a letter: "V/v", "Về việc", or "Về:" (the colon tells it from prose "Về …")
        # … also after the type word printed on the same line ("Công văn V/v …")
        m = re.match(r"(?i)^(?:công văn\s+)?(?:v/v|(?P<vv>về việc)|về(?=\s*:))\s*[:.]?\s*", fold(ln.text))
        if not m:
            continue
        # "V/v" and "Về:" only mark the subject; "Về việc …" is its first words
        parts = [ln.text[m.start("vv"):] if m.group("vv") else ln.text[m.end():]]
        end = ln.end
        nxt = lines[i + 1:i + 6]
        if not parts[0] and nxt and nxt[0].text.lstrip().startswith(":"):
            # a bare "V/v" line, the subject on the next line after ": "
            parts, end, nxt = [nxt[0].text.lstrip(" :")], nxt[0].end, nxt[1:]
        for nx in nxt:
            t = nx.text
            if _MOTTO.search(t) or _is_caps(t) or re.search(r"(?i),\s*ngày\b", t) or re.match(r"(?i)^(kính gửi|số\b)", t) \
                    or _STOP_SUBJECT.match(t.lstrip("-– ")) or _BODY_OPENER.match(t) \
                    or re.search(r"(?i)ngày\s.*tháng\s.*năm", t):
                break
            if nx.start - end > 3 and not (t[:1].islower() or t[:1].isdigit() or re.search(r"[^.;:]$", parts[-1])):
                break
            parts.append(t)
            end = nx.end
        return _trim_subject(collapse_ws(" ".join(parts))), (ln.start, end)
    return None, None


def _trim_subject(s: str) -> str:
    """Without the closing full stop, nor the tone marks a broken font left floating after it."""
    return re.sub(r"[\s\u0300-\u036f]+$", "", s).rstrip(" .")


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
        elif items and (t[:1].islower() or (not re.search(r"[,;.]$", items[-1]) and not _is_caps(t)
                                             and not re.match(r"^[A-ZĐ][a-zđ]", t) or t.startswith("("))):
            items[-1] = f"{items[-1]} {t}"
        elif _is_caps(t) or _AUTH.match(t):
            continue  # a signature title interleaved with the list (plain text of two columns)
        else:
            break
    return [re.sub(r"[\s,;.]+$", "", collapse_ws(x)) for x in items if x.strip()]


_DRAFT = re.compile(r"(?i)dự\s+thảo(?:\s+(?:lần\s+)?\d+)?")
_KINH_GUI = re.compile(r"(?i)^kính\s+gửi\s*:?\s*(.*)$")
_NOI_NHAN = re.compile(r"(?i)^nơi\s+nhận\s*:?\s*")


def _kinh_gui(lines: list[Line]) -> list[str]:
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


def _distribution(lines: list[Line]) -> list[str] | None:
    for i in range(len(lines) - 1, -1, -1):
        m = _NOI_NHAN.match(lines[i].text)
        if m:
            rest = lines[i].text[m.end():]
            items = _items(lines, i + 1, rest)
            return items or None
    return None


# ---------------------------------------------------------------- signature

def _signature(lines: list[Line], from_idx: int) -> tuple[str | None, str | None, str | None]:
    """(signing_authority, signer_title, signer) from the last authority/title block."""
    idx = None
    for i in range(len(lines) - 1, from_idx - 1, -1):
        if _AUTH.match(lines[i].text) and _is_caps(lines[i].text):
            idx = i
            while idx - 1 >= from_idx and _AUTH.match(lines[idx - 1].text) and _is_caps(lines[idx - 1].text):
                idx -= 1
            break
    if idx is None:
        return _head_signature(lines, from_idx)
    authority = None
    titles: list[str] = []
    j = idx
    while j < len(lines):
        t = lines[j].text
        if not _is_caps(t) or re.match(r"(?i)^(nơi nhận|phụ lục)", t) or len(t) > 60:
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
        if _is_person(t):
            signer = t
            break
        if ln.text.startswith(("-", "–")) or _is_caps(t) or re.match(r"(?i)^lưu\b", t):
            continue
        if t.endswith((".", ";", ",")) or len(t) > 40:
            continue
    return authority, (" / ".join(titles) or None), signer


def _is_person(t: str) -> bool:
    """A signer's name line: two to six capitalised words, not in capitals, not a body."""
    return bool(re.fullmatch(r"(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*", t)) and not _is_caps(t) \
        and not agencies.agency_spans(t)


_SIGNED_MARK = re.compile(r"(?i)^[(\[]?\s*(?:đã\s+ký|đã\s+ký\s+và\s+đóng\s+dấu|ký\s+tên|chữ\s+ký|signature)\s*[)\]]?$")


def _head_signature(lines: list[Line], from_idx: int) -> tuple[str | None, str | None, str | None]:
    """A head signing in their own name, with no TM./KT. line: the last caps official title
    ("CHỦ TỊCH", "THỦ TƯỚNG", "TỔNG KIỂM TOÁN NHÀ NƯỚC") followed by a name -> (None, title, name)."""
    for i in range(len(lines) - 2, from_idx - 1, -1):
        t = lines[i].text.strip()
        if len(t) > 60 or not _is_caps(t) or not _AUTHORITY_LINE.match(fold(t)):
            continue
        for ln in lines[i + 1:i + 4]:
            nxt = ln.text.strip()
            if _SIGNED_MARK.match(nxt):
                continue
            if _is_person(nxt):
                return None, t, nxt
            break
    return None, None, None


_OWN_LEVEL = re.compile(r"(?i)(?<!\w)(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s+(tỉnh|thành phố)(?!\w)")


def _place_contradicts_level(text: str, pspan: tuple[int, int] | None, place: str) -> bool:
    """A place line naming a centrally-run city ("Hà Nội, ngày …") in a document whose header or
    text speaks of its "UBND tỉnh" only (a template's place left unchanged): not its province."""
    if agencies.province_level_word(agencies.canonical_agency(place)) != "thành phố":
        return False
    head = fold(text[:pspan[0] if pspan else 0]).lower()
    levels = {m.group(1).lower() for m in _OWN_LEVEL.finditer(fold(text[:3000]))}
    return ("tỉnh" in levels or re.search(r"(?<!\w)tỉnh(?!\w)", head) is not None) \
        and "thành phố" not in levels and "thành phố" not in head


# ---------------------------------------------------------------- main

def extract_document(doc: ReadDocument) -> dict:
    """Header fields of a read document (see module docstring and SPEC.md)."""
    text = doc.text
    out = _blank_doc()
    ft = fold(text)
    province = agencies.detect_province(text)
    kg = re.search(r"(?im)^\s*(kính\s+gửi|căn\s+cứ)", ft)
    head_end = min(HEAD_CHARS, kg.start() if kg else HEAD_CHARS)
    head_end = max(head_end, min(len(text), 400))
    vspans = split_header(text, [(ln.start, ln.end) for ln in lines_of(text)], head_end)
    lines = [Line(s, e, text[s:e], cont=i > 0 and "\n" not in text[vspans[i - 1][1]:s] and "\t" not in text[vspans[i - 1][1]:s])
             for i, (s, e) in enumerate(vspans)]

    # draft mark: a short line "Dự thảo" anywhere on the first pages
    out["is_draft"] = any(_DRAFT.fullmatch(ln.text.strip(" ()*")) for ln in lines[:400])

    number, symbol, nspan = _number(text, head_end, [ln for ln in lines if ln.start < head_end])
    place, dm, pspan = find_place_date(text[:head_end + 200])
    cap = _caption(text)
    title_type, _ = _title(lines, head_end)
    if cap and title_type and cap["type"] and cap["type"] != title_type:
        cap = None
    gaz = _gazette_title(text, lines, _title(lines, head_end)[1]) if number is None else None
    if gaz:
        number, nspan = gaz["number"], gaz["span"]
        if not dm and gaz["date"]:
            dm = DateMatch(gaz["date_span"][0], gaz["date_span"][1], gaz["date"], None)
    if number is None and cap and (cap["number"] is not None):
        number, symbol = cap["number"], cap["number_symbol"]
        nspan = cap["span"]
    if number is None:
        lone = _lone_number(lines, head_end)
        if lone:
            number, nspan = lone
    if province is None and place and province_in(place) and not _place_contradicts_level(text, pspan, place):
        province = agencies.canonical_agency(place)  # "Yên Bái, ngày …": a provincial body's own province
    out["number"] = number
    if number == "":
        out["number_symbol"] = symbol
    if nspan:
        out["spans"]["number"] = list(nspan)
    if dm:
        out["date"], out["date_partial"] = dm.iso, dm.partial
        out["place"] = place
        out["spans"]["date"] = [dm.start, dm.end]
    elif cap and (cap["date"] or cap["date_partial"]):
        out["date"], out["date_partial"] = cap["date"], cap["date_partial"]
    if out["date"]:
        out["date_partial"] = None

    # type and subject
    typ, ti = _title(lines, head_end)
    vv, vspan = _vv_subject(lines, head_end)
    subject, sspan = (None, None)
    if typ is not None:
        subject, sspan = _subject_after_title(lines, ti)
        if subject and sspan:
            subject, sspan = _without_repeated_type(subject, sspan, typ)
        rest = _title_rest(lines[ti])
        if rest:
            # "HƯỚNG DẪN VỀ THỂ THỨC …" / "QUY CHẾ LÀM" + "VIỆC CỦA …": the subject starts on the title
            # line; "BÁO CÁO TÓM TẮT NỘI DUNG TRÌNH" + a lower-case subject line: a qualifier of the type
            r_start, r_text = rest
            if subject is None or (re.match(r"(?i)^(?:về|v/v)\b", fold(r_text)) and not _is_caps(subject)):
                subject, sspan = r_text, (r_start, lines[ti].end)
            elif _is_caps(subject) and sspan and sspan[0] - lines[ti].end < 3:
                subject, sspan = collapse_ws(f"{r_text} {subject}"), (r_start, sspan[1])
    if typ is None and vv is None and dm is not None:
        subject, sspan = _untitled_subject(lines, dm.end)
    if gaz and gaz["subject"]:
        subject, sspan = gaz["subject"], gaz["subject_span"]
    if vv and (typ is None or typ == "Công văn"):
        subject, sspan = vv, vspan
        p = parse_number(number) if number else None
        typ = typ or (number_type(number) if p and p.code else None) or "Công văn"
    rt = repost_title(text) if typ is None and number is None else None
    if rt:
        typ, subject, sspan = rt.type, rt.subject, rt.subject_span
    if typ is None and number is None:
        lead = _repost_lead(text)
        if lead:
            typ, subject, sspan = lead
    bv = body_verb(text) if number is None and not bodies_printed(lines, head_end) else None
    if typ is None and bv and bv[0]:
        typ = bv[0]
        pt = plain_title(text) if subject is None else None
        if pt:
            subject, sspan = pt
    if typ is None and number:
        typ = number_type(number)
    if typ is None and symbol:
        p = parse_number("1" + symbol)
        typ = number_type("1" + symbol) if p else None
    if typ is None and cap:
        typ = cap["type"]
    out["type"] = typ = document_type(typ)
    code = None
    for n in (number, ("1" + symbol) if symbol else None):
        if n:
            p = parse_number(n)
            if p and p.code:
                code = p.code
                break
    out["type_code"] = code or code_for_type(typ)
    if subject and re.search(r"[^.]\.$", subject):
        subject = subject[:-1]   # the subject line's full stop is no part of the subject
    if subject and sspan:
        subject, sspan = _without_authority_tail(subject, sspan)
    out["subject"] = subject
    if sspan:
        out["spans"]["subject"] = list(sspan)

    # issuer
    stop = nspan[0] if nspan and nspan[0] < head_end else head_end
    # no number, no motto: the page kept no header, and its first caps line is a title, not a body
    bodies = _header_bodies(lines, stop) if number is not None or bodies_printed(lines, head_end) else []
    issuer, parent = _compose_issuer(bodies, province)
    joint = _joint_issuer(bodies, province)
    if joint:
        issuer, parent = joint, None
    authority, titles, signer = _signature(lines, 0)
    out["signing_authority"], out["signer_title"], out["signer"] = authority, titles, signer
    auth_body = None
    if authority:
        auth_body = re.sub(r"^(TM\.|T/M|T\.M\.)\s*", "", authority)
    org = next((mass_motto(ln.text) for ln in lines if ln.start < head_end and mass_motto(ln.text)
                and len(collapse_ws(ln.text)) <= len(mass_motto(ln.text) or "") + 2), None)
    if issuer and org and re.search(r"(?i)trung ương$", fold(issuer)) and fold(org).split()[0].lower() not in fold(issuer).lower():
        issuer = f"{issuer} {org}"  # a mass organisation prints its name where the motto stands
    if issuer and auth_body:
        ab = agencies.canonical_agency(auth_body)
        if re.match(r"(?i)^(ban thường vụ|thường trực|ban chấp hành)$", fold(ab)) and \
                not fold(issuer).lower().startswith(fold(ab).lower()):
            parent = issuer
            issuer = agencies.canonical_agency(f"{ab} {issuer}")
    if issuer is None and gaz and gaz["issuer"]:
        issuer = agencies.canonical_agency(gaz["issuer"], province)
    if issuer is None and cap and cap["issuer"]:
        issuer = agencies.canonical_agency(cap["issuer"], province)
    if issuer is None and (rt and rt.issuer or bv):
        if province is None:
            province = newspaper_province(text)
        who = rt.issuer if rt and rt.issuer else bv[1]
        issuer = agencies.canonical_agency(party_committee(strip_term(agencies.expand_abbreviations(who))), province)
    if issuer is None and auth_body:
        issuer = agencies.canonical_agency(re.sub(r"\s*\([^)]*\)", "", auth_body), province)
        if not province_in(issuer) and province and re.search(r"(?i)(ủy|ủy ban nhân dân|hội đồng nhân dân)$", fold(issuer)):
            issuer = agencies.canonical_agency(issuer + (" tỉnh" if not re.search(r"(?i)ủy$", fold(issuer)) else ""), province)
    if issuer is None:
        m = _SUBJECT_VERB.search(text[:max(head_end, 3000)])
        if m:
            issuer = agencies.canonical_agency(re.sub(r"\s*\([^)]*\)", "", m.group("who")), province)
    if issuer is None and number:
        issuer = _issuer_from_code(number, province)
    if issuer is None and subject and number is None:
        issuer = _issuer_in_subject(subject, province)
    if issuer:
        issuer = _complete_issuer(issuer, text, province)
    if issuer and re.search(r"\d+\s*/\s*[A-ZĐa-zđ]", issuer):
        issuer = None   # a body's name holds no document number: a sentence was read as a name
    out["issuer"] = issuer
    out["issuer_parent"] = parent

    recips = _kinh_gui(lines)
    dist = _distribution(lines)
    out["distribution"] = dist
    if recips:
        out["recipients"] = recips
    elif dist:
        out["recipients"] = [collapse_ws(_NOTE.sub("", x)) for x in dist if not re.match(r"(?i)^lưu\b", x)]
    key_year = (out["date"] or out["date_partial"] or "")[:4] or None
    out["key"] = make_key(number, key_year) if number else None
    return out
