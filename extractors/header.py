"""Document header fields (DOMAIN.md §1–2): issuing body, number, place and date, type and
subject, Kính gửi, signature block, Nơi nhận, draft mark.

The grammar works on *lines* (the text split at line breaks and tab cell boundaries), so the
same rules read a Word header table, a PDF text layer and pasted plain text. Where the header
is missing (plain text that lost it), the document's statements about itself are used: an
appendix caption "(Ban hành kèm theo Kế hoạch số 50/KH-UBND ngày 16/01/2026 của …)", the
signature authority ("T/M TỈNH UỶ"), or the body that "ban hành / báo cáo / đề nghị".

This module reads the number, place and date, and the issuer, and puts the fields together;
the lines and their tests are in header_lines, type and subject in header_subject, Kính gửi /
Nơi nhận / signature in header_signature, flattened headers in header_split, reposted pages
in header_repost.
"""
from __future__ import annotations

import re

from extractors import agencies, vocab
from extractors.agency_lists import is_open_name, starts_body_any_case
from extractors.dates import DATE_RE, DateMatch, _from_match, date_after, find_place_date
from extractors.doctypes import canonical_type, code_for_type, document_type, marks, type_regex
from extractors.header_lines import AUTHORITY_LINE, HEAD_CHARS, MOTTO, RULE, Line, is_caps, lines_of
from extractors.header_repost import (addressed_in_plural, body_of_official, body_verb, newspaper_province,
                                      opens_with_official, party_committee, plain_title, repost_title, specific_type,
                                      strip_term)
from extractors.header_signature import distribution, kinh_gui, recipients_of, signature
from extractors.header_split import mass_motto, split_header
from extractors.header_subject import (bodies_printed, find_title, subject_after_title, title_rest, untitled_subject,
                                       vv_subject, without_authority_tail, without_repeated_type)
from extractors.identity import make_key
from extractors.numbers import PART, PARTY, SO_LINE_RE, STATE_WRAP, clean_number, find_numbers, number_type, parse_number
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold, strip_accents, strip_ws

_DRAFT = re.compile(r"(?i)dự\s+thảo(?:\s+(?:lần\s+)?\d+)?(?:\s+trình\s+[^\n]{3,120})?")   # "Dự thảo trình Quốc hội tại kỳ họp thứ 4"


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


_DATE_LINE = re.compile(r"(?i)[ \t]*ngày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}[ \t]*\.?")


def _date_line(text: str, lines: list[Line], head_end: int) -> DateMatch | None:
    """A header's place-and-date line that lost its place: "ngày 29 tháng 06 năm 1999" on a line of its own."""
    for ln in lines:
        if ln.start > head_end:
            break
        line = fold(text[ln.start:ln.end])
        if _DATE_LINE.fullmatch(line) and (m := DATE_RE.search(line)) and (dm := _from_match(m)):
            return DateMatch(ln.start + dm.start, ln.start + dm.end, dm.iso, dm.partial)
    return None


def _before_glued_vv(text: str, start: int, end: int) -> int:
    """Where a number ends that a web copy glued to its letter's subject marker ("Số: 2597/VPCP-NCV/v tổ chức …")."""
    glued = re.search(r"(?<=[A-ZĐ0-9])V/[vV]$", text[start:end])
    return start + glued.start() if glued and re.match(r"\s+\S", text[end:end + 2]) else end


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
            end = _before_glued_vv(text, m.start("num"), m.end("num"))
            return printed_number(text[m.start("num"):end]), None, (m.start("num"), end)
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


# "… của <body>" in a title that names its document, up to the subject ("về …", "hướng dẫn …") or the line's end
_TITLE_ISSUER = re.compile(r"(?is)[\s,]*của\s+(?P<who>.{3,160}?)(?:\s+(?=(?:về|v/v|hướng\s+dẫn|quy\s+định|ban\s+hành)\b)"
                           r"|[\s.;]*$)")


def _gazette_title(text: str, lines: list[Line], ti: int | None) -> dict | None:
    """Official Gazette layout without a header: the title carries issuer, number, date and
    subject ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC …").
    A portal's repost opens with such a title in sentence case ("Hướng dẫn số 12-HD/BTGTW, ngày 7
    tháng 12 năm 2011 của Ban Tuyên giáo Trung ương.")."""
    if ti is None:
        return None
    run = [lines[ti]]
    for ln in lines[ti + 1:ti + 10]:
        if not is_caps(ln.text) or RULE.match(ln.text) or AUTHORITY_LINE.match(fold(ln.text)):
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
    cm = _TITLE_ISSUER.match(seg, pos)
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

_LEVELS = vocab.level_pattern(space=" ")   # a place's level word
_BARE_LEVEL = re.compile(rf"(?i)(?:^|\s){vocab.level_pattern()}$")


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
        if unknown and not cut and _cut_in_word(head, n):
            counts[name] = counts.get(name, 0) + 1   # "CHÍNH PH": the page lost the last letters
        elif (n.startswith(head + " ") or n.startswith(head + ",")) and tail and \
                (tail.startswith(("và", "&", ",")) or (cut is not None and cut.group(0).strip() in (",", "-", "–"))
                 or (cut is None and not unknown) or _whole_line(text, _s, _e)):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        # a cell cut inside a list-like name ("BỘ VĂN HOÁ, THỂ THAO") that no text completes: the one body it begins
        listed = "," in head and not re.search(r"\s(?:và|&)\s", head)
        known = agencies.completions(head) if unknown and listed else []
        return known[0] if len(known) == 1 else issuer
    return max(counts, key=lambda k: (counts[k], -len(k)))


# a place named in running text, its name capitalised: "xã Quảng An", "quận Tây Hồ", "thành phố Long Xuyên"
_NAMED_PLACE = re.compile(rf"(?<![\w/])(?P<level>{_LEVELS})[ \t]+"
                          r"(?P<name>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][^\W\d_]*"
                          r"(?:[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][^\W\d_]*){0,3})")
_DISTRICT_UNIT = re.compile(r"(?i)^(?:phòng|văn phòng hội đồng nhân dân và ủy ban nhân dân)\b")


def _open_name_in_text(issuer: str, text: str) -> str | None:
    """A body whose name goes on with its remit ("Ban Chỉ đạo", "Tổ công tác"), printed bare by a repost, as the text
    names it in full: "Ban Chỉ đạo chuyển đổi số huyện Đăk R’lấp"."""
    if not is_open_name(issuer):
        return None
    for m in re.finditer(rf"{re.escape(issuer)}(?P<remit>(?:[ \t]+[^\W\d_][^\s,.;:()]*){{1,8}}?)[ \t]+"
                         rf"{_LEVELS}[ \t]+[A-ZĐ][^\s,.;:()]*"
                         r"(?:[ \t]+[A-ZĐ][^\s,.;:()]*){0,3}", text):
        if m.group("remit").islower():   # the remit in lower case, then where ("… chuyển đổi số huyện Đăk R’lấp")
            return collapse_ws(m.group(0))
    return None


def _place_from_text(issuer: str, text: str) -> str:
    """A reposted document's local body printed without its place ("Ủy ban nhân dân xã", "Phòng Giáo dục và Đào
    tạo") takes the first place of its level that the text names ("xã Quảng An"; a district office: the first
    district, town or city)."""
    f = fold(issuer)
    bare = _BARE_LEVEL.search(f)
    if bare:
        levels = {bare.group(0).strip().lower()}
    elif _DISTRICT_UNIT.match(f) and not province_in(issuer) and not _NAMED_PLACE.search(issuer):
        levels = {"huyện", "quận", "thị xã", "thành phố"}
    else:
        return issuer
    m = next((m for m in _NAMED_PLACE.finditer(fold(text)) if m.group("level").lower() in levels), None)
    if m is None:
        return issuer
    body = issuer[:bare.start()].rstrip() if bare else issuer
    return f"{body} {m.group('level').lower()} {collapse_ws(m.group('name'))}"


def _self_named(text: str) -> str | None:
    """The kind a page without header gives itself in its text: "… thực hiện nghiêm tinh thần Thông báo này"."""
    m = _SELF_NAMED.search(text)
    return specific_type(canonical_type(m.group(1))) if m else None   # "… ban hành văn bản này": a letter


_SELF_NAMED = re.compile(rf"(?<!\w)({type_regex()})[ \t]+này(?!\w)", re.IGNORECASE)


def _with_province(issuer: str, province: str | None) -> str:
    """A provincial body printed without its province ("Ủy ban nhân dân", "Tỉnh ủy") named with the one the
    header's place gives."""
    if not province_in(issuer) and province and re.search(r"(?i)(ủy|ủy ban nhân dân|hội đồng nhân dân)$", fold(issuer)):
        return agencies.canonical_agency(issuer + (" tỉnh" if not re.search(r"(?i)ủy$", fold(issuer)) else ""), province)
    return issuer


def _cut_in_word(head: str, name: str) -> bool:
    """`name` is `head` with the rest of its last word ("chính ph" of "chính phủ"), and nothing after."""
    return len(head) >= 4 and name.startswith(head) and name[len(head):].isalpha() and len(name) - len(head) <= 3


def _cut_subject(subject: str, at: int, text: str, sspan: tuple[int, int] | None
                 ) -> tuple[str, tuple[int, int] | None]:
    """The subject ended at `at`, and its span ended where the text it drops begins."""
    dropped = r"\s+".join(map(re.escape, subject[at:].split()))
    kept = subject[:at].rstrip()
    if sspan:
        m = re.search(rf"\s*{dropped}\s*$", text[sspan[0]:sspan[1]]) if dropped else None
        sspan = (sspan[0], sspan[0] + m.start()) if m else sspan
    return kept, sspan


_OWN_NUMBER_HEAD = re.compile(r"(?i)[ \t]*số[ \t]+\d\S*[ \t]+ngày[ \t]+\S+(?:[ \t]+tháng[ \t]+\S+[ \t]+năm[ \t]+\d{4})?"
                              r"[ \t]+(?:của[ \t]+)?")


def _quote_before(text: str, start: int) -> int:
    """Where the subject starts with the opening quote a cut before it left behind ("KHOÁ VII KỲ HỌP THỨ 3" /
    "\"VỀ NHIỆM VỤ …\"")."""
    ls = text.rfind("\n", 0, start) + 1
    return ls if re.fullmatch(r"[ \t]*[“\"][ \t]*", text[ls:start]) else start


_QUOTED = re.compile(r"\s*[“\"]\s*([^“”\"]+?)\s*[”\"]\s*[.]?\s*")
_VV_MARK = re.compile(r"(?P<q>[“\"]\s*)?[Vv]/[Vv]\s*[:.]?\s+(?=\S)")
_SPELLED_VV = re.compile(r"(?i)về\s+việc\s*:?\s+(?=\S)")
_LINE_HEAD = re.compile(r"(?i)[ \t]*(?:công\s+văn[ \t]+)?")   # the subject opens its line, or follows "Công văn"
_NOT_AUTHORITY_AFTER = re.compile(r"(?i)(?:,|của|và|cho|với|giữa|tại|thuộc|đối với|trên|về|đến|từ)\s*$")


def _enacting_tail(seg: str, province: str | None) -> int | None:
    """Where a title in capitals ends when a flattened copy ran the enacting authority onto it ("BAN HÀNH … MÃ
    BƯU CHÍNH QUỐC GIA BỘ TRƯỞNG BỘ THÔNG TIN VÀ TRUYỀN THÔNG"): an official of a known body closing it, not
    named by the title itself ("… CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "…, CHỦ TỊCH UBND TỈNH"); None if none."""
    if not is_caps(seg):
        return None
    f = fold(seg)
    for m in re.finditer(r"\s+", f):
        rest = f[m.end():].strip()
        # an official, not a body alone: "… VÀ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK" is the title's own
        if len(f[:m.start()].split()) < 3 or "," in rest or len(rest.split()) > 10 or not opens_with_official(rest) \
                or _NOT_AUTHORITY_AFTER.search(f[:m.start()]):
            continue
        body = agencies.canonical_agency(body_of_official(rest), province)
        if agencies._lookup(agencies._split_province(body)[0])[0] is not None:
            return m.start()
    return None


def _enacting_body(lines: list[Line], province: str | None) -> str | None:
    """No header body: the enacting authority printed under the title ("QUỐC HỘI", "BỘ TRƯỞNG BỘ
    Y TẾ" -> "Bộ Y tế"), when it is a known body, among the lines before the body text."""
    for ln in lines[:15]:
        t = collapse_ws(ln.text)
        if re.match(r"(?i)căn cứ|kính gửi|thực hiện", fold(t)):
            return None
        if is_caps(t) and len(t) <= 80 and AUTHORITY_LINE.match(fold(t)):
            body = agencies.canonical_agency(body_of_official(t), province)
            if agencies._lookup(agencies._split_province(body)[0])[0] is not None:
                return body
    return None


# a portal's line naming the reposted document under its headline: "Thông báo số 217/TB-UBND ngày 08/5/2019 của UBND
# thị xã Điện Bàn V/v treo cờ …"
_SELF_LINE_RE = re.compile(rf"(?i)\A[ \t]*(?P<t>{type_regex()})(?!\w)[^\n]*\n[ \t]*(?P=t)[ \t]+(?P<rest>số[^\n]{{1,120}}?)"
                           rf"[ \t]+(?:v/v|về(?:[ \t]+việc)?)(?!\w)")   # the line right under a headline of the same kind


# a portal's copy that opens by naming the letter it gives: "Theo đó, UBND huyện đã có Công văn số 3015/UBND-TN ngày
# 23/8/2018 yêu cầu Thủ trưởng các cơ quan, …:" and the letter's list under it
_LEAD_SELF_RE = re.compile(rf"(?i)\A[ \t]*(?:(?:theo đó|vừa qua)[ \t]*,?[ \t]*)?"
                           rf"(?P<who>(?:ubnd|ủy ban nhân dân|sở|ban|phòng|văn phòng)[^\n,:;]{{0,60}}?)"
                           rf"[ \t]+(?:đã|vừa)[ \t]+(?:có|ban hành)[ \t]+(?:{type_regex()})[ \t]+"
                           rf"(?P<rest>số[^\n]{{1,80}}?)[ \t]+(?:yêu cầu|đề nghị|giao|chỉ đạo)(?!\w)[^\n]*:[ \t]*(?:\n|$)")


# a repost whose first or second line is its recipients: a letter (Decree 30/2020: "Kính gửi" is a Công văn's)
_RECIPIENTS_FIRST = re.compile(r"(?i)[ \t]*(?:[^\n]{0,200}\n[ \t]*)?kính\s+gửi\b")


def _source_line(text: str) -> tuple[str, tuple[int, int], DateMatch | None, str | None] | None:
    """A reposted page's note naming the document itself — a source note ("(Nguồn: Thông báo số 81/TB-UBND
    ngày 08/6/2021)", "(Nguồn: Từ Công văn số 1150/UBND-VP ngày 22/04/2021)"), its title's closing
    "(3585/VP-KTN, ngày 23/10/2017)", or the line under its headline ("Thông báo số 217/TB-UBND ngày
    08/5/2019 của UBND thị xã Điện Bàn V/v …"): its number, span, date, and the body that line names."""
    ft = fold(text)
    m = _SOURCE_RE.search(ft) or _TITLE_ID_RE.match(ft) or _SELF_LINE_RE.match(ft[:600]) \
        or _LEAD_SELF_RE.match(ft[:600])
    if not m:
        return None
    cue = "số "   # read after "số", where a bare "3585/VP-KTN" is a number
    nums = find_numbers(cue + text[m.start("rest"):m.end("rest")])
    if not nums:
        return None
    n = nums[0]
    base = m.start("rest") - len(cue)
    span = (base + n.start, base + n.end)
    issuer = None
    if m.re is _LEAD_SELF_RE:
        issuer = collapse_ws(text[m.start("who"):m.end("who")])
    if m.re is _SELF_LINE_RE:
        of = re.search(r"(?i)\scủa\s+(?P<who>[^\n]{3,100}?)\s+(?:v/v|về(?:\s+việc)?)(?!\w)",
                       ft[m.start("rest"):m.end() + 12])
        if of:
            issuer = collapse_ws(text[m.start("rest") + of.start("who"):m.start("rest") + of.end("who")])
    return printed_number(text[span[0]:span[1]]), span, date_after(text, span[1]), issuer   # as printed, like a header's


# a header-less title closing on the document's own number and date: "Về việc báo cáo … (3585/VP-KTN,
# ngày 23/10/2017)."
_TITLE_ID_RE = re.compile(r"[^\n]{10,300}?\((?P<rest>\d{1,5}\s*[/-]\s*[A-ZĐ][^()\n,]{1,30},\s*ngày\s+[^()\n]{6,30})\)\.?[ \t]*(?:\n|$)")
# "(Nguồn: Từ Công văn số …)", "(Theo Công văn số 6012/UBND-KT, ngày …)", and a portal's link under the text: "Xem
# chi tiết tại Công văn 369/UBND-KT"
_SOURCE_RE = re.compile(rf"(?im)^[ \t]*(?:\(?[ \t]*nguồn[ \t]*:[ \t]*(?:từ[ \t]+)?|\([ \t]*theo[ \t]+"
                        rf"|xem(?:[ \t]+(?:chi[ \t]+tiết|toàn[ \t]+văn|nội[ \t]+dung|văn[ \t]+bản))?[ \t]+tại[ \t]+)"
                        rf"(?:{type_regex()})[ \t]+(?P<rest>(?:số[ \t]*:?[ \t]*)?\d[^\n]{{0,80}})$")


def _whole_line(text: str, start: int, end: int) -> bool:
    """The span is a line by itself ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" printed under the date)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return not text[ls:start].strip() and not text[end:le if le >= 0 else len(text)].strip()


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
    body = strip_term(rest.title() if is_caps(rest) else rest)   # a caps title's place name in its proper case
    committee = party_committee(body)   # "của Ban Chấp hành Đảng bộ huyện X lần thứ IX" -> Huyện ủy X
    if committee != body:
        return agencies.canonical_agency(committee, province)
    return None


_JOINT = re.compile(rf"(?i)^(?P<a>[^\s\-–][^\-–]*?)\s*[\-–]\s*(?P<b>[^\-–]+?)"
                    rf"\s+(?P<loc>{vocab.level_pattern()}\s+.+)$")


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

_LOCALITY = re.compile(rf"(?i)\s{vocab.level_pattern()}\s+\S.*$")


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


# the national motto cut by a wrap inside its column: the line's head, then the next line's tail
_MOTTO_HEAD_AFTER = re.compile(r"(?i)\s+c[ộô]ng\s+h\w{1,3}\s+xã\s+hội(?:\s+chủ(?:\s+nghĩa(?:\s+việt)?)?)?$")
_MOTTO_HEAD = re.compile(r"(?i)c[ộô]ng\s+h\w{1,3}(?:\s+xã(?:\s+hội(?:\s+chủ(?:\s+nghĩa(?:\s+việt)?)?)?)?)?")
_MOTTO_TAIL = re.compile(r"(?i)(?:(?:xã\s+hội\s+)?chủ\s+nghĩa\s+)?(?:việt\s+)?nam")
# "BAN CHẤP HÀNH TRUNG ƯƠNG" / "ĐOÀN TNCS HỒ CHÍ MINH": an executive committee and the organisation it heads
_EXECUTIVE = re.compile(r"(?i)ban\s+chấp\s+hành(?:\s+trung\s+ương|\s+(?:tỉnh|thành\s+phố|huyện)(?:\s+\S+){0,3})?")
_ORGANISATION = re.compile(r"(?i)(?:đoàn|hội|công\s+đoàn|liên\s+đoàn|liên\s+hiệp|đảng\s+bộ)\b")
_LEVEL_START = re.compile(rf"(?i)^(?:{vocab.level_pattern(space=' ')}|trung ương)\b")


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
    if word is None or not is_caps(line) or len(plain) != len(line):
        return line
    target = plain[len(word):].strip()
    name = next((n for n in agencies._provinces()[0] if strip_accents(n).lower() == target), None)
    if name is None:
        return line
    return f"{'TỈNH' if word == 'tinh ' else 'THÀNH PHỐ'} {name.upper()}"


def _header_bodies(lines: list[Line], stop: int) -> list[str]:
    """Issuing-body lines of the header's left column (above "Số"), joined where wrapped."""
    bodies: list[str] = []
    cut_motto = dash_end = False
    for ln in lines:
        if ln.start >= stop:
            break
        raw = MOTTO.sub("", fold(ln.text)).strip()
        t = _respell_province(raw.strip(" -–"))
        if not t or RULE.match(t) or re.match(r"(?i)^(?:số\b|s[ \t]*:[ \t]*\d)", fold(t)) or t in marks("draft_marks") \
                or broken_glyphs(t) or _LONE_RE.fullmatch(t.rstrip(" .")):
            continue
        if re.match(r"(?i)^(v/v|về việc)\b", t) or not is_caps(t) or DATE_RE.search(fold(t)):
            break
        if canonical_type(t.split(" ", 1)[0]) or canonical_type(" ".join(t.split()[:2])):
            break  # the title ("KẾ HOẠCH", "BÁO CÁO …")
        # the national motto wrapped in its column: "CỘNG HÒA … CHỦ NGHĨA VIỆT" / "NAM", also after the body on its
        # line ("BỘ VĂN HOÁ - THÔNG TIN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM")
        behind = _MOTTO_HEAD_AFTER.search(fold(t))
        if behind:
            t = t[:behind.start()]
        whole = not behind and bool(_MOTTO_HEAD.fullmatch(fold(t)))
        cut_motto, motto_was_cut = bool(behind) or whole, cut_motto
        if whole or (motto_was_cut and _MOTTO_TAIL.fullmatch(fold(t))):
            continue
        joined = f"{bodies[-1]}{' - ' if dash_end else ' '}{t}" if bodies else t   # "BỘ LAO ĐỘNG -" / "THƯƠNG BINH …"
        dash_end = raw.endswith(("-", "–"))
        if bodies and _continues_body(bodies[-1], t, joined):
            bodies[-1] = joined
        else:
            bodies.append(t)
    return bodies


def _continues_body(prev: str, t: str, joined: str) -> bool:
    """Does header line `t` continue the body `prev` above it (`joined`: the two as one name)?"""
    after_level = bool(_LEVEL_START.search(fold(prev).split()[-1]))
    if not starts_body_any_case(agencies.expand_abbreviations(t)) and not (after_level and _LEVEL_START.match(fold(t))):
        return True   # no head word of its own: "BAN CHỈ ĐẠO VẬN ĐỘNG" / "HIẾN MÁU TÌNH NGUYỆN", "… / TỈNH X"
    if _EXECUTIVE.fullmatch(fold(prev)) and _ORGANISATION.match(fold(t)):
        return True   # "BAN CHẤP HÀNH TRUNG ƯƠNG" / "ĐOÀN TNCS HỒ CHÍ MINH"
    if re.search(r"(?i)(\bvà|,|-)$", prev) or re.match(r"(?i)^(và|-)\b", t):
        return True
    # a known body only when joined ("SỞ KHOA HỌC" / "VÀ CÔNG NGHỆ" are not two bodies)
    return agencies._lookup(agencies.expand_abbreviations(joined))[0] is not None \
        and (agencies._lookup(agencies.expand_abbreviations(t))[0] is None
             or agencies._lookup(agencies.expand_abbreviations(prev))[0] is None)


def _type_on_number_line(text: str, nspan: tuple[int, int]) -> str | None:
    """"Nghị quyết số: 90/2025/UBTVQH15": the type printed before "số" on the number's line."""
    line_start = max(text.rfind("\n", 0, nspan[0]), text.rfind("\t", 0, nspan[0])) + 1
    m = re.match(r"(?is)\s*(.+?)\s+số\s*:?\s*$", text[line_start:nspan[0]])
    return canonical_type(m.group(1)) if m else None


# the session that resolved it, on a line of its own above "VỀ …": "HỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH … KHÓA XI", a
# council's "KHOÁ VII KỲ HỌP THỨ 3"
_PLENUM_LINE = re.compile(r"[ \t]*(?:HỘI NGHỊ|Hội nghị|KH[OÓ][AÁ]\s+[IVXLC]+\s+KỲ\s+HỌP)[^\n]{0,160}\n[ \t]*[“\"]?"
                          r"(?P<about>(?:VỀ|Về|về)\s)")
_COMMITTEE_PLACE = re.compile(rf"(?i)^(?:ủy|uỷ) ban nhân dân (?P<place>{_LEVELS} \S.*)$")


def _compose_issuer(bodies: list[str], province: str | None) -> tuple[str | None, str | None]:
    """Lowest body written in full, and its parent."""
    if not bodies:
        return None, None
    parent = agencies.canonical_agency(bodies[-2], province) if len(bodies) > 1 else None
    low = agencies.canonical_agency(re.sub(r"\s*\([^)]*\)\s*$", "", bodies[-1]), province)
    lf = fold(low).lower()
    if parent and re.fullmatch(r"ban (?:chấp hành|thường vụ)(?: trung ương)?", lf) and _ORGANISATION.match(fold(parent)):
        return agencies.canonical_agency(f"{low} {parent}", province), parent   # "HỘI NÔNG DÂN VIỆT NAM" / "BAN
        # CHẤP HÀNH TRUNG ƯƠNG": the organisation's executive
    if parent and not re.search(rf"\b(?:{_LEVELS}|trung ương|quốc gia|việt nam)\b", lf) \
            and not province_in(low):
        short = _parent_short(parent)
        if lf.startswith("sở "):
            low = agencies.canonical_agency(low, province)
        elif re.match(r"(?i)(?:tổng cục|cục) ", lf) and re.match(r"(?i)bộ ", fold(parent)):
            pass   # a ministry's (general) department is named on its own ("BỘ TÀI CHÍNH / TỔNG CỤC THUẾ")
        elif short and agencies._lookup(agencies.canonical_agency(f"{low} {short}"))[0] is not None:
            low = agencies.canonical_agency(f"{low} {short}")
        elif _COMMITTEE_PLACE.match(parent) and not lf.startswith("văn phòng"):
            # a board or office under "UBND tỉnh X" is "… tỉnh X"; its Văn phòng is the committee's own
            low = agencies.canonical_agency(f"{low} {_COMMITTEE_PLACE.match(parent).group('place')}", province)
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
    r"(?:(?!\s(?:về|v/v|của|tại|theo)\s)[^.;:\n\d()]){0,80}?)\s+"
    r"(?:đã\s+)?(?:ban hành|báo cáo|đề nghị|thông báo|yêu cầu|kính trình|trân trọng|xây dựng)\b")


_OWN_LEVEL = re.compile(rf"(?i)(?<!\w)(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd)"
                        rf"\s+({vocab.level_pattern('province', space=' ')})(?!\w)")


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

def _tidy_subject(text: str, subject: str | None, sspan: tuple[int, int] | None, typ: str | None,
                  source: tuple | None, province: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The subject as found, without what the page printed around it: its own number, the enacting authority, the
    session that resolved it, a rule, a "Về việc"/"V/v" marker, a Gazette title's number and body, quotes, the
    closing full stop."""
    if subject and sspan and source and sspan[0] <= source[1][0] < sspan[1]:
        # "Về việc … (3585/VP-KTN, ngày 23/10/2017)": the title's own number is no part of its subject
        cut = text.rfind("(", sspan[0], source[1][0])
        if cut > sspan[0]:
            sspan = (sspan[0], len(text[:cut].rstrip()))
            subject = collapse_ws(text[sspan[0]:sspan[1]])
    if subject and sspan:
        subject, sspan = without_authority_tail(subject, sspan)
    if subject and sspan and (plenum := _PLENUM_LINE.match(text, sspan[0], sspan[1])):
        sspan = (plenum.start("about"), sspan[1])   # "HỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH … KHÓA XI" / "VỀ …": the
        subject = collapse_ws(text[sspan[0]:sspan[1]])   # session that resolved it has its own line
    if subject and (rule := re.search(r"\s+[-–—_=*.]{3,}$", subject)):
        subject = subject[:rule.start()]   # the rule printed under the title ("… giai đoạn mới -----")
        if sspan:
            sspan = (sspan[0], sspan[0] + len(text[sspan[0]:sspan[1]].rstrip(" -–—_=*.\t\n")))
    if subject and sspan and typ == "Công văn" and (vv := _SPELLED_VV.match(text, sspan[0])) \
            and _LINE_HEAD.fullmatch(text[text.rfind("\n", 0, sspan[0]) + 1:sspan[0]]):
        sspan = (vv.end(), sspan[1])   # a letter's "Về việc …" line is its "V/v" line spelled out
        subject = collapse_ws(text[sspan[0]:sspan[1]])
    if subject and sspan and (vv := _VV_MARK.match(text, sspan[0], sspan[1])):
        # "CÔNG ĐIỆN" / "V/V THỰC HIỆN …", "Thông báo “V/v phòng chống bão số 10”": the marker of a letter's subject
        # under a title, or quoted after the type word, is no part of it
        end = sspan[1] - 1 if vv.group("q") and text[sspan[1] - 1] in "”\"" else sspan[1]
        sspan = (vv.end(), end)
        subject = collapse_ws(text[sspan[0]:sspan[1]])
    if subject and sspan and (own := _OWN_NUMBER_HEAD.match(fold(text[:sspan[1]]), sspan[0])):
        # a Gazette title line: "SỐ 01/2004/TT-TANDTC NGÀY 16-01-2004 CỦA TÒA ÁN NHÂN DÂN TỐI CAO HƯỚNG DẪN …": the
        # subject begins after the body that issued it
        rest = text[own.end():sspan[1]]
        body = next((b for b in agencies.agency_spans(rest) if b[0] == 0), None)
        if body and rest[body[1]:].strip():
            sspan = (own.end() + body[1] + len(rest[body[1]:]) - len(rest[body[1]:].lstrip()), sspan[1])
            subject = collapse_ws(text[sspan[0]:sspan[1]])
    if subject and sspan and (quoted := _QUOTED.fullmatch(text, _quote_before(text, sspan[0]), sspan[1])):
        sspan = quoted.span(1)   # “VỀ VIỆC BAN HÀNH QUY CHẾ …”: a title printed in quotes
        subject = collapse_ws(text[sspan[0]:sspan[1]])
    if subject and re.search(r"[^.]\.$", subject):
        subject, sspan = _cut_subject(subject, len(subject) - 1, text, sspan)   # the subject line's full stop
    if subject and (tail := _enacting_tail(subject, province)):
        subject, sspan = _cut_subject(subject, tail, text, sspan)   # the enacting official run onto the title's line
    return subject, sspan


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
    if dm is None:
        dm = _date_line(text, lines, head_end)
    cap = _caption(text)
    title_type, ti = find_title(lines, head_end)
    if cap and title_type and cap["type"] and cap["type"] != title_type:
        cap = None
    gaz = (_gazette_title(text, lines, ti) or (_gazette_title(text, lines, 0) if lines and ti != 0 else None)) \
        if number is None else None
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
    source = _source_line(text) if number is None and not dm else None
    if source:
        number, nspan, dm, _ = source
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
    typ = title_type
    vv, vspan = vv_subject(lines, head_end)
    subject, sspan = (None, None)
    if typ is not None:
        subject, sspan = subject_after_title(lines, ti)
        if subject and sspan:
            subject, sspan = without_repeated_type(subject, sspan, typ)
        rest = title_rest(lines[ti])
        if rest:
            # "HƯỚNG DẪN VỀ THỂ THỨC …" / "QUY CHẾ LÀM" + "VIỆC CỦA …": the subject starts on the title
            # line; "BÁO CÁO TÓM TẮT NỘI DUNG TRÌNH" + a lower-case subject line: a qualifier of the type
            r_start, r_text = rest
            if subject is None or (re.match(r"(?i)^(?:về|v/v)\b", fold(r_text)) and not is_caps(subject)):
                subject, sspan = r_text, (r_start, lines[ti].end)
            elif is_caps(subject) and sspan and sspan[0] - lines[ti].end < 3:
                subject, sspan = collapse_ws(f"{r_text} {subject}"), (r_start, sspan[1])
    pn = parse_number(number) if number else None
    type_code = pn.code if pn else None   # a type code, not a letter's "12/UBND-VP"
    coded = number_type(number) if type_code and fold(type_code).upper() != "QĐ" else None   # QĐ: Quyết or Quy định
    if typ and coded and document_type(coded) != document_type(typ) and title_rest(lines[ti]):
        # "QUY ĐỊNH MỨC CHI …" on a page that lost its "NGHỊ QUYẾT" line, numbered "23/2025/NQ-HĐND": the type
        # word opens the subject (a verb), the number's code gives the type
        typ, subject, sspan = coded, collapse_ws(lines[ti].text), (lines[ti].start, lines[ti].end)
    if typ is None and vv is None and dm is not None:
        subject, sspan = untitled_subject(lines, dm.end)
    if gaz and gaz["subject"]:
        subject, sspan = gaz["subject"], gaz["subject_span"]
    headerless = number is None or source is not None   # a repost: no number, or only its source note's
    # the page kept its header: a motto, a "Số:" line or a place-and-date line ("Mai Châu, ngày 19 tháng 12 năm 2019")
    printed = pspan is not None or bodies_printed(lines, head_end)
    rt = repost_title(text) if typ is None and headerless else None
    if vv and (typ is None or typ == "Công văn") and rt is None:   # "Thông báo: Về việc …" is a Thông báo
        subject, sspan = vv, vspan
        p = parse_number(number) if number else None
        typ = typ or (number_type(number) if p and p.code else None) \
            or (_self_named(text) if headerless and not printed else None) or "Công văn"
    if rt:
        typ, subject, sspan = rt.type, rt.subject, rt.subject_span
    if typ is None and headerless:
        lead = _repost_lead(text)
        if lead:
            typ, subject, sspan = lead
    bv = body_verb(text) if headerless and not printed else None
    letter = headerless and not printed and bool(_RECIPIENTS_FIRST.match(fold(text[:300])))
    if typ is None and bv and bv[0]:
        typ = "Công văn" if letter and bv[0] == "Hướng dẫn" else bv[0]   # a letter that guides is a Công văn
        pt = plain_title(text) if subject is None else None
        if pt and not (pt[1][0] <= bv[2][0] < pt[1][1]):
            subject, sspan = pt   # not a headline that is itself the body's sentence ("Chính phủ chỉ đạo: …")
    if typ is None and nspan:
        typ = _type_on_number_line(text, nspan)
    if typ is None and number:
        typ = number_type(number)
    if typ is None and symbol:
        p = parse_number("1" + symbol)
        typ = number_type("1" + symbol) if p else None
    if typ is None and cap:
        typ = cap["type"]
    if typ is None and headerless and not printed:
        typ = _self_named(text)
    if typ is None and letter:
        typ = "Công văn"   # a repost that opens with "Kính gửi:" and names no kind is a letter
    out["type"] = typ = document_type(typ)
    code = None
    for n in (number, ("1" + symbol) if symbol else None):
        if n:
            p = parse_number(n)
            if p and p.code:
                code = p.code
                break
    out["type_code"] = code or code_for_type(typ)
    subject, sspan = _tidy_subject(text, subject, sspan, out.get("type"), source, province)
    out["subject"] = subject
    if sspan:
        out["spans"]["subject"] = list(sspan)

    # issuer
    stop = nspan[0] if nspan and nspan[0] < head_end else head_end
    # no number, no motto: the page kept no header, and its first caps line is a title, not a body
    bodies = _header_bodies(lines, stop) if number is not None or printed else []
    issuer, parent = _compose_issuer(bodies, province)
    if issuer and opens_with_official(issuer):
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN" heading a chairman's own decision (QĐ-CTUBND, 2025 Law): the body is the issuer
        issuer = _with_province(agencies.canonical_agency(body_of_official(issuer), province), province)
    joint = _joint_issuer(bodies, province)
    if joint:
        issuer, parent = joint, None
    authority, titles, signer = signature(lines, 0)
    out["signing_authority"], out["signer_title"], out["signer"] = authority, titles, signer
    auth_body = None
    if authority:
        auth_body = re.sub(r"^(TM\.|T/M|T\.M\.)\s*", "", authority)
    org = next((mass_motto(ln.text) for ln in lines if ln.start < head_end and mass_motto(ln.text)
                and len(collapse_ws(ln.text)) <= len(mass_motto(ln.text) or "") + 2), None)
    if issuer and org and re.search(r"(?i)trung ương$", fold(issuer)) and fold(org).split()[0].lower() not in fold(issuer).lower():
        issuer = agencies.canonical_agency(f"{issuer} {org}")  # a mass organisation prints its name where the motto stands
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
    if issuer is None and source is not None and source[3]:
        issuer = agencies.canonical_agency(source[3], province)
    if issuer is None and (rt and rt.issuer or bv):
        if province is None:
            province = newspaper_province(text)
        who = rt.issuer if rt and rt.issuer else bv[1]
        issuer = agencies.canonical_agency(party_committee(strip_term(agencies.expand_abbreviations(who))), province)
    if issuer is None and auth_body:
        issuer = _with_province(agencies.canonical_agency(re.sub(r"\s*\([^)]*\)", "", auth_body), province), province)
    if issuer is None:
        issuer = _enacting_body(lines, province)
    if issuer is None:
        m = next((x for x in _SUBJECT_VERB.finditer(text[:max(head_end, 3000)]) if not addressed_in_plural(x.group("who"))),
                 None)
        if m:
            issuer = agencies.canonical_agency(re.sub(r"\s*\([^)]*\)", "", m.group("who")), province)
    if issuer is None and number and source is None:
        issuer = _issuer_from_code(number, province)
    if issuer is None and subject and headerless:
        issuer = _issuer_in_subject(subject, province)
    if issuer:
        issuer = _complete_issuer(issuer, text, province)
    if issuer and headerless and not printed:
        issuer = _open_name_in_text(issuer, text) or _place_from_text(issuer, text)
    if issuer and re.search(r"\d+\s*/\s*[A-ZĐa-zđ]", issuer):
        issuer = None   # a body's name holds no document number: a sentence was read as a name
    out["issuer"] = issuer
    out["issuer_parent"] = parent

    recips = kinh_gui(lines)
    dist = distribution(lines)
    out["distribution"] = dist
    if recips:
        out["recipients"] = recips
    elif dist:
        out["recipients"] = recipients_of(dist)
    key_year = (out["date"] or out["date_partial"] or "")[:4] or None
    out["key"] = make_key(number, key_year) if number else None
    return out
