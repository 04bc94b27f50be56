"""Cited documents: numbered citations, citations by name, relations reported between others.

Layered like eyecite: (1) tokenise candidate number-symbols (`extractors.numbers`), (2) resolve
each mention — the type word before it (or its code), the date and the "của …" issuer after
it, the relation from its clause (`extractors.relations`) — (3) merge mentions of one document
(same normalised number) in order of first mention. Annotation (linking spans in a viewer) is
done elsewhere from the `span` fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors import vocab
from extractors import agencies
from extractors.agency_lists import ends_incomplete, is_open_name, list_head, starts_body, starts_body_any_case
from extractors.dates import date_after, date_before
from extractors.doctypes import canonical_type, type_regex
from extractors.header_lines import is_caps
from extractors.identity import make_key, normalize_number
from extractors.numbers import find_numbers, list_numbers_before, number_type, parse_number
from extractors.phrases import first_letters, phrase_alternation
from extractors.relations import (_MARKER, _norm, clause_start, combine, coordinated, cue_before, list_continues,
                                  new_main_clause, next_proposer, opening_cue, own_relation, passive_cue, reported_cue,
                                  strip_article_ref)
from extractors.units import Unit, unit_at, units
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold, strip_ws

QUOTE_MAX = 160


@dataclass
class Mention:
    number: str
    start: int            # type word (or number) start
    num_start: int
    num_end: int
    end: int              # end of number/date/issuer phrase
    type: str | None
    date: str | None
    issuer: str | None
    unit: Unit | None
    relation: str = "other"
    nested_in: "Mention | None" = None
    reported: str | None = None
    style: str = "state"
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- type word

_TYPE_MOD = r"(?:\s+(?:liên\s+tịch|kết\s+luận|thẩm\s+tra|hành\s+động))?"
# the issuer may stand between type word and number: "Quyết định của Bộ Chính trị số 31-QĐ/TW"
_SO = r"(?:\s*(?:số|sô|so)\b|\s+s(?=\s*\d)|(?<=\S)s(?=\d)|\s*số(?=\d))?"


def _type_before(ft: str, num_start: int, code_type: str | None = None) -> tuple[str | None, int]:
    """The type word before "số" and the number ("Thông báo kết luận số", "CHỈ THỊ SỐ",
    "Nghị định s20/2008/NĐ-CP", "Quyết định của Ban Bí thư số91-QĐ/TW"); a type word that the
    number's own code confirms may carry a description before "số" ("Báo cáo giải trình, tiếp thu
    ý kiến thẩm định số 64/BC-BXD", "Tờ trình đề nghị phê duyệt số 12/TTr-SNV")."""
    m, base = _type_match(ft, num_start)
    if m:
        return canonical_type(m.group(1)), base + m.start(1)
    window = ft[max(0, num_start - 120):num_start]
    if code_type:
        for tm in re.finditer(rf"(?<!\w)({type_regex()})(?!\w)", window, re.IGNORECASE):   # each type word, so
            dm = _DESCRIBED.match(window, tm.end())   # "quy định tại Luật … số" still finds "Luật"
            if dm and _same_kind(canonical_type(tm.group(1)), code_type) and \
                    not re.search(rf"(?i)(?<!\w)(?:{type_regex()})(?!\w)|(?<!\w)(?:của|do|tại|theo)(?!\w)", dm.group("desc")):
                return canonical_type(tm.group(1)), num_start - len(window) + tm.start(1)
    m = re.search(r"(?<!\w)số\s*:?\s*$", window, re.IGNORECASE)
    if m:
        return None, num_start - len(window) + m.start()
    return None, num_start


# what a type word confirmed by the number's code may carry before "số": "Báo cáo giải trình, tiếp thu ý kiến thẩm định số"
_DESCRIBED = re.compile(r"(?P<desc>[^;:.()\n\d]{1,70}?)\s*(?:số|sô|so)\s*:?\s*$", re.IGNORECASE)


def _same_kind(printed: str, code_type: str) -> bool:
    """Does the number's code confirm the printed type ("Bộ luật … số 45/2019/QH14": a law's code)?"""
    return printed == code_type or (printed == "Bộ luật" and code_type == "Luật")


# web pages glue words ("tạiTờ trình số", "kèm theoQuyết định"): a type word may follow these directly
_GLUED_OK = r"(?:(?<!\w)|(?<=tại)|(?<=theo)|(?<=kèm)|(?<=của)|(?<=và))"
_NOT_ISSUER = re.compile(r"(?i)(?<!\w)(?:về|v/v|thực\s+hiện|triển\s+khai|ban\s+hành|sửa\s+đổi|bổ\s+sung|tại|theo|"
                         r"ngày|năm|và\s+các)(?!\w)")


def _type_match(ft: str, num_start: int) -> tuple[re.Match | None, int]:
    window = ft[max(0, num_start - 120):num_start]
    base = num_start - len(window)
    tail = r"\s*:?\s*(?:\d+[a-z]?\s*(?:,|và)\s*)*$"
    m = re.search(rf"{_GLUED_OK}({type_regex()}){_TYPE_MOD}{_SO}{tail}", window, re.IGNORECASE)
    if m:
        return m, base
    for m in re.finditer(rf"(?<!\w)({type_regex()}){_TYPE_MOD}\s+(?:của|do)\s+"
                         rf"(?P<iss>[^\W\d_][^;:,()\t\n\d“”\"]{{2,60}}?)(?:\s*:?\s*(?:số|sô|so)|\s+s(?=\s*\d)){tail}",
                         window, re.IGNORECASE):
        iss = m.group("iss")
        if not _NOT_ISSUER.search(iss) and (starts_body(iss) or not re.search(rf"(?i)(?<!\w)(?:{type_regex()})(?!\w)", iss)):
            return m, base   # a type word inside a body's name is no second type ("các thông tư của Bộ Kế hoạch và Đầu tư:")
    return None, base


def _issuer_between(text: str, ft: str, num_start: int) -> tuple[str | None, bool]:
    """Issuer printed between the type word and the number, and whether that type is a plural
    ("các Nghị định của Chính phủ: số A; số B": the issuer is every listed item's)."""
    m, base = _type_match(ft, num_start)
    if not (m and m.groupdict().get("iss")):
        return None, False
    plural = re.search(r"(?i)(?:các|những)\s+$", ft[max(0, base + m.start(1) - 12):base + m.start(1)])
    return collapse_ws(text[base + m.start("iss"):base + m.end("iss")]), plural is not None


# ---------------------------------------------------------------- issuer

# an abbreviation defined inside a body's name, the name going on after it: "Ủy ban nhân dân (UBND) tỉnh"
_ABBR_INSIDE = re.compile(r"\((?-i:[A-ZĐ][A-ZĐ&]{1,9})\)(?=[ \t]+(?:" + vocab.level_pattern() + r"|các|cấp)(?!\w))")
_ISSUER_STOP = re.compile(
    r"\s*(?:[;:()\t“”\"]|\.(?:\s|$)|,\s+(?=" + agencies._UPPER + r")(?!(?:Chủ\s+nhiệm|Chủ\s+tịch|Thủ\s+trưởng|Trưởng\s+ban|Tổng\s+cục\s+trưởng)\b)|\n(?=\s*[A-ZĐ][^\n]{0,40}(?:\n|\t))|(?<=\s)(?i:về|v/v|tại|thực\s+hiện|ban\s+hành|sửa\s+đổi|"
    r"phê\s+duyệt|quy\s+định|hướng\s+dẫn|triển\s+khai|và\s+các|để|nhằm|đối\s+với|trong|đã|ngày|số|theo|"
    r"giao(?!\s+thông)|gửi|đề\s+nghị|yêu\s+cầu|là|với|(?<!nhìn\s)đến|trên|cho|thì|được|nay|hỏi|kèm\s+theo|giai\s+đoạn|"
    r"nhiệm\s+kỳ|"
    r"(?:và\s+)?(?:" + type_regex() + r")\s+(?:số|sô|so|s(?=\s*\d)))(?!\w))",
)


# a line that cannot continue a body's name: "Kính gửi", "Điều 4" … or a new body (agency_lists.starts_body)
_NEXT_LINE_STARTS = re.compile(r"[ \t]*(?:Kính\s+gửi|Điều\s+\d|Căn\s+cứ|Nơi\s+nhận|Chương\s|QUYẾT\s+ĐỊNH)")


def _issuer_after(text: str, ft: str, pos: int, joint: bool = False) -> tuple[str | None, int]:
    """Issuer from a "của …" phrase right after `pos`; of a `joint` document (a "TTLT"), every body it lists."""
    m = re.match(r"[ \t\n,]*(?:của|do)\s+", ft[pos:pos + 30], re.IGNORECASE)
    if not m:
        return None, pos
    s = pos + m.end()
    seg = ft[s:s + 220]
    nl = seg.find("\n")
    if nl > 0 and (_NEXT_LINE_STARTS.match(seg, nl + 1) or starts_body(seg[nl + 1:].lstrip())
                   or is_caps(seg[:nl]) and starts_body_any_case(seg[nl + 1:].lstrip())) \
            and not ends_incomplete(seg[:nl]):   # not "Chánh Văn phòng" / "Ủy ban …"
        # "… của Ban Quản lý Khu kinh tế tỉnh Lào Cai" / "Kính gửi: …", a title in capitals / "ỦY BAN NHÂN DÂN TỈNH
        # PHÚ YÊN" (the enacting authority): the line ends the name
        seg = seg[:nl]
    stop = _ISSUER_STOP.search(_ABBR_INSIDE.sub(lambda a: " " * len(a.group(0)), seg))
    gen_end = s + (stop.start() if stop else len(seg))
    end = gen_end
    pat_names, pat_abbr = agencies._find_regexes()
    for k in range(0, max(1, gen_end - s)):
        if k and not ft[s + k - 1].isspace():
            continue
        for pat in (pat_names, pat_abbr):
            am = pat.match(ft, s + k)
            if am and am.end() > end:
                e = am.end()
                while ft[e - 1] in " ,;.\n":
                    e -= 1
                end = max(end, e)
        if k > 60:
            break
    end = _joint_names(ft, end, pat_names, joint)   # a stop word inside the first ("Bộ Ngoại giao") cut it before the dash
    end = min(end, s + len(seg))
    end = s + _issuer_extent(text[s:end])
    if joint:
        end = _joint_names(ft, end, pat_names, joint)   # the extent stops at "và"; a joint document's bodies go on
    end = _plenum_body(ft, s, end, pat_names)
    more = _MORE_TERMS.match(ft, end) if re.search(rf"(?i){agencies.TERM}$", ft[s:end]) else None
    if more:
        end = more.end()   # "… khoá XIX, nhiệm kỳ 2020 - 2025", "… khóa VII, kỳ họp thứ 17": the stop words cut it
    bracketed = _BRACKETED_TERM.match(ft, end)
    if bracketed:
        end = bracketed.end()   # "Ban Bí thư Trung ương Đảng (khóa XI)"
    issuer = collapse_ws(text[s:end]).strip(" ,;.")
    words = issuer.split()
    if not issuer or len(words) > 30:
        return None, pos
    return issuer, end


def _joint_names(ft: str, end: int, pat_names: re.Pattern, joint: bool = False) -> int:
    """"Bộ Ngoại giao - Bộ Nội vụ": the bodies a joint document names, joined by dashes (or, when the number says the
    document is joint, by commas and "và": "Bộ Tài chính, Bộ Lao động - Thương binh và Xã hội"); where the last ends."""
    sep = r"[ \t]*(?:[-–,]|và)[ \t]*" if joint else r"[ \t]*[-–][ \t]*"
    sep += r"(?:(?:Bộ\s+trưởng|Thủ\s+trưởng|Chủ\s+tịch|Giám\s+đốc|Cục\s+trưởng|Tổng\s+cục\s+trưởng)\s+)?"   # "… và Bộ trưởng Bộ Y"
    while (dash := re.match(sep, ft[end:end + 30])) and (am := pat_names.match(ft, end + dash.end())):
        end = am.end()
    return end


_JOINT_CODE = re.compile(r"(?i)(?<![^\W\d_])(?:TTLT|NQLT|QĐLT|CTLT)(?![^\W\d_])")   # a joint document's type code
_BRACKETED_TERM = re.compile(rf"[ \t]*\([ \t]*{agencies.TERM}[ \t]*\)", re.IGNORECASE)
_PLENUM = re.compile(r"(?i)hội\s+nghị\s+(?:lần\s+thứ|trung\s+ương)\s+\S+\s*$")
_BODY_TERM = re.compile(rf"(?i)(?:\s+đảng)?\s+{agencies.TERM}")   # "… Trung ương (Đảng) khoá XII"


def _plenum_body(ft: str, s: int, end: int, pat_names: re.Pattern) -> int:
    """"của Hội nghị lần thứ 6, Ban Chấp hành Trung ương khoá XII": a plenum is named with its body,
    comma or not; where that body's name (and its term) ends."""
    if not _PLENUM.match(ft, s, end):
        return end
    gap = re.match(r"[ \t]*,?[ \t]*", ft[end:end + 4])
    am = pat_names.match(ft, end + gap.end())
    if am is None or not re.match(r"(?i)ban\s+chấp\s+hành", ft[am.start():am.end()]):
        return end
    more = _BODY_TERM.match(ft, am.end())
    return more.end() if more else am.end()


# words that may follow a body's name and still belong to it: where it is ("tỉnh Bình Dương"),
# which term ("khóa IX"); a capitalised word continues a proper name
_QUALIFIER = re.compile(rf"(?i)(?:{vocab.level_pattern()}|tp\.?|trung\s+ương|tw"
                        r"|nước\s+cộng\s+h\w{1,3}\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam)(?!\w)")   # "Quốc hội nước …"
_TERM = re.compile(rf"(?i){agencies.TERM}(?:\s*,?\s*{agencies.TERM})*(?!\w)")
_MORE_TERMS = re.compile(rf"(?i)(?:\s*,?\s*{agencies.TERM})+(?!\w)")


def _issuer_extent(phrase: str) -> int:
    """Length of the issuer in a "của …" phrase: past the last body it names, with that body's
    place or term, up to the first lower-case word that is neither ("Cục thuế tỉnh Đắk Nông |
    hỏi", "Bộ trưởng Bộ GD&ĐT | bổ sung vào …", "Bộ Chính trị khóa IX | ĐẨY MẠNH …"); the whole
    phrase when it names no body."""
    phrase = _ABBR_INSIDE.sub(lambda a: " " * len(a.group(0)), phrase)   # "Ủy ban nhân dân (UBND) tỉnh"
    # not find_agencies (its small cache is for whole texts); a name opens with a capital ("… Bộ trưởng
    # thành Uỷ ban …" holds no "Thành ủy")
    bodies = [b for b in agencies.agency_spans(phrase) if phrase[b[0]].isupper()]
    phrase = fold(phrase)                        # same length: "khoá" is "khóa"
    if not bodies or bodies[0][0] > 40 or is_open_name(phrase[bodies[0][0]:bodies[0][1]]):
        return len(phrase)
    end = bodies[0][1]
    starts: dict[int, int] = {}
    for b0, b1 in bodies:
        starts.setdefault(b0, b1)
    while True:
        gap = re.match(r"[\s,]*(?:và\s+|[-–]\s*)?", phrase[end:])
        nxt = end + gap.end()
        if nxt >= len(phrase):
            return len(phrase)
        if nxt in starts:
            end = starts[nxt]   # "… và Bộ Y", "Bộ Tài chính- Bộ Công an" (a joint circular's issuers)
            continue
        if re.search(r"[-–]", gap.group(0)):
            return end
        term = _TERM.match(phrase, nxt)
        if term:
            return term.end()
        word = re.match(r"[^\s,;]+", phrase[nxt:])
        q = _QUALIFIER.match(phrase, nxt)
        if q:
            end = q.end()
        elif word and word.group(0)[:1].isupper() and not phrase[nxt:].isupper() and "và" not in gap.group(0) \
                and "," not in gap.group(0):   # "… của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh yêu cầu": a new clause
            end = nxt + word.end()
        else:
            return end


def _issuer_before(text: str, ft: str, type_start: int, unit_start: int) -> str | None:
    """The body the words before a citation's type word name as its issuer ("của Bộ X tại Công văn số …", "các văn
    bản của X: …", "UBND tỉnh đã chỉ đạo tại …", "Văn phòng UBND tỉnh đã ban hành Kế hoạch số …")."""
    raw = text[unit_start:type_start]
    seg = re.sub(r"\([^()\n]{0,120}\)", lambda p: " " * len(p.group(0)), ft[unit_start:type_start])
    for finder in (_of_body_at, _plural_of_body, _body_said_at, _body_issued):
        found = finder(seg, raw)
        if found is not None:
            return found or None   # "": the words name a clause, not a body
    return None


# "của X tại Tờ trình số", "củaGiám đốc Sở X tại …" (a web page glued them), "của X tại các công văn: Số …"
_OF_BODY_AT = re.compile(r"(?:của|do)(?:\s+|(?=[A-ZĐ]))([^;:()\t]{3,120}?)\s*(?:\s|(?<=[^\W\d_]))(?:tại|theo)"
                         rf"(?:\s+(?:các|những)(?:\s+(?:{type_regex()})\s*:)?)?\s*$", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"(?<=\s)(?:năm|theo|để|đã|về|biên\s+soạn|liên\s+quan|quy\s+định|đối\s+với)\s")


def _of_body_at(seg: str, raw: str) -> str | None:
    """"của X tại …", "do X ban hành kèm theo …"; in "của A tại Tờ trình số … và B tại …", B; "" for a clause
    ("do Sở X biên soạn năm 2011 theo tinh thần chỉ đạo tại …", "của Cục Hải quan … liên quan đến quy định tại …")."""
    m = _OF_BODY_AT.search(seg)
    if not m:
        return None
    cand = collapse_ws(raw[m.start(1):m.end(1)])
    cand = re.sub(r"(?i)\s+(?:đã\s+)?ban\s+hành(?:\s+kèm)?$", "", cand)   # "do Bộ GD&ĐT ban hành kèm theo"
    cand = re.split(r"(?i)\s+của\s+", cand)[-1]   # "của Thủ tướng … và hướng dẫn của Bộ X tại": the last "của"
    later = re.search(r"\d+\s*/.*?\s(?:và|,)\s+(?:của\s+)?(?P<b>[^\d]+)$", cand)
    if later:   # "của A tại Tờ trình số 1818/TTr-VP … và B tại Tờ trình số …": B proposes the second one
        return later.group("b").strip()
    return "" if _NOT_A_NAME.search(cand) else cand


# "các văn bản (chỉ đạo) của Thủ tướng Chính phủ: Quyết định số …, Chỉ thị số …": the issuer of every listed item
_PLURAL_OF_COLON = re.compile(rf"(?i)(?:các|những)\s+(?:{type_regex()})(?:\s+[^\W\d][^\s:;,()]*){{0,3}}?"
                              r"\s+(?:của|do)\s+([^;:()\t\d]{3,120}?)\s*:\s*$")


def _plural_of_body(seg: str, raw: str) -> str | None:
    m = _PLURAL_OF_COLON.search(seg)
    return collapse_ws(raw[m.start(1):m.end(1)]) if m and agencies.find_agencies(collapse_ws(m.group(1))) else None


_SAID_AT = re.compile(r"\s+(?:đã\s+)?(?:chỉ\s+đạo|hướng\s+dẫn|yêu\s+cầu|quy\s+định|giao)\s+(?:tại|theo)\s*$", re.IGNORECASE)


def _body_said_at(seg: str, raw: str) -> str | None:
    """"các nội dung UBND tỉnh đã chỉ đạo tại Công văn số …": the body right before the verb."""
    said = _SAID_AT.search(seg)
    if not said:
        return None
    head = seg[:said.start()]
    starts = [b[0] for b in agencies.agency_spans(head) if b[1] == len(head) and head[b[0]].isupper()]
    return collapse_ws(raw[min(starts):len(head)]) if starts else None


_ISSUED = re.compile(r"\s+(?:đã\s+)?(?:(?:ký\s*,?\s*)?ban\s+hành|ký|có)\s*$")   # "Bộ Y tế đã ký, ban hành Thông tư số …"


_ADVISED = re.compile(r"(?i)\s+(?:đã\s+)?(?:tham\s+mưu(?:\s+cho)?|trình|đề\s+nghị)\s+")


def _body_issued(seg: str, raw: str) -> str | None:
    """"…, Văn phòng UBND tỉnh đã ban hành Kế hoạch số …", "Ngày …, Bộ trưởng Bộ X ký Quyết định số …", "Bộ X đã
    có Công văn số …", "ngày … của BHXH Việt Nam ban hành Công văn số …": the nearest clause start before the
    verb that leaves a body's name."""
    verb = _ISSUED.search(seg)
    if verb is None:
        return None
    starts = [0] + [b.end() for b in re.finditer(r"[;:.]\s*|,\s*(?=[A-ZĐỦ])|(?<=\d)\s+của\s+(?=[A-ZĐỦ])",
                                                 seg[:verb.start()])]
    for st in reversed(starts):
        cand = collapse_ws(raw[st:verb.start()])
        cand = _ADVISED.split(cand)[-1]   # "Bộ Y tế đã tham mưu Chính phủ ban hành Nghị định số …": the Government
        if not re.match(r"[A-ZĐỦ]", cand) or re.search(r"\d", cand) or len(cand) > 100:
            continue
        if agencies.find_agencies(collapse_ws(seg[st:verb.start()])):   # "(BHXH)" blanked
            return cand
    return None


_PLURAL_COLON = re.compile(rf"(?i)(?:các|những)\s+(?:{type_regex()})\s*:\s*$")


def _issuer_outside_paren(text: str, ft: str, type_start: int) -> str | None:
    """The body a bracketed citation follows: "đề nghị của Bộ Giao thông vận tải (Công văn số …)";
    in "ý kiến của các Bộ: Kế hoạch và Đầu tư (Công văn số …), Tài chính (Công văn số …)" each name
    takes the list's head ("Bộ Tài chính")."""
    lo = max(0, type_start - 300)
    seg = ft[lo:type_start]
    m = re.search(r"\(\s*$", seg)
    if m is None:
        return None
    stops = [seg.rfind(c, 0, m.start()) + 1 for c in (")", ":", ";", "\n")]
    of = seg.rfind(" của ", 0, m.start())
    start = max(stops + [of + 5 if of >= 0 else 0])
    name = re.sub(r"^(?:,|và)\s+", "", collapse_ws(text[lo + start:lo + m.start()]).strip(" ,"))
    if not name or len(name.split()) > 12 or re.search(r"\d", name):
        return None
    if starts_body(name):
        return name
    pm = re.search(r"(?i)(các\s+\w+)\s*:[^:;\n]*$", seg[:m.start()])
    head = list_head(pm.group(1)) if pm else None
    return f"{head} {name}" if head else None


def _complete_abbreviated(issuer: str, doc_ft: str, doc_text: str) -> str:
    """"BCĐ Trung ương" -> the steering committee's full name as the document prints it."""
    if not re.search(r"\bBCĐ\b|\bBCĐTW\b", issuer):
        return issuer
    exp = agencies.expand_abbreviations(issuer)
    base = r"\s+".join(map(re.escape, fold(exp).split()))
    best = exp
    for m in re.finditer(rf"{base}\s+về\s+[^;:()\t.]+", doc_ft, re.IGNORECASE):
        am = agencies._find_regexes()[0].match(doc_ft, m.start())
        if am:
            cand = collapse_ws(doc_text[am.start():am.end()]).strip(" ,;.")
            if len(cand) > len(best):
                best = cand
    return best


# ---------------------------------------------------------------- mentions

def _self_numbers(document: dict) -> set[str]:
    """The document's own number, also with its one separator swapped: an old number printed "16-NT"
    in the header and "16/NT" in its title is the same."""
    out = set()
    n = document.get("number")
    if n:
        out.add(normalize_number(n))
        if len(re.findall(r"[-/]", n)) == 1:
            out.add(normalize_number(n.translate(str.maketrans("-/", "/-"))))
    return out


_CACHE: dict[tuple, list[Mention]] = {}


def _resolved(doc: ReadDocument, document: dict) -> list[Mention]:
    """Mentions with relations, memoised for the last document (citations and reported
    relations are computed from the same mentions)."""
    key = (doc.sha256, len(doc.text), id(doc), tuple(sorted(_self_numbers(document))))
    if key not in _CACHE:
        _CACHE.clear()
        ms = _mentions(doc, document)
        _relations(doc, ms, document.get("type"))
        _CACHE[key] = ms
    return _CACHE[key]


@lru_cache(maxsize=None)
def _editor_note_re() -> re.Pattern:
    d = vocab.load("editor_notes.json")
    openers = phrase_alternation(fold(x) for x in d["openers"])
    phrases = [fold(x) for x in d["phrases"]]
    return re.compile(rf"(?is)^\s*{openers}\s*[:.\-–]|{first_letters(phrases)}(?<!\w){phrase_alternation(phrases)}(?!\w)")


def _in_editor_note(ft: str, u: Unit | None) -> bool:
    """The unit is a portal lead / editor's note introducing the reposted document itself."""
    return u is not None and bool(_editor_note_re().search(ft[u.start:u.end]))


def _respaced(ft: str, nm_end: int, key: str, seen: list[str]) -> str | None:
    """"Thông tư 01/2016/TT-BGD ĐT" after "01/2016/TT-BGDĐT": a later mention printed with a space
    inside its symbol is the earlier document (the tokenizer stops at the space)."""
    for k in seen:
        if k != key and k.startswith(key) and len(k) - len(key) <= 8:
            tail = strip_ws(ft[nm_end:nm_end + 2 * (len(k) - len(key)) + 2]).upper()
            if tail.startswith(k[len(key):]):
                return k
    return None


def _mentions(doc: ReadDocument, document: dict) -> list[Mention]:
    text, ft = doc.text, fold(doc.text)
    us = units(doc)
    own = _self_numbers(document)
    own_span = (document.get("spans") or {}).get("number")
    out: list[Mention] = []
    seen: dict[str, str] = {}
    for nm in find_numbers(text):
        if normalize_number(nm.number) in own or own_span and own_span[0] <= nm.start < own_span[1]:
            continue   # the document's own number, however the header's reading cut it ("2597/VPCP-NCV/v")
        if _is_self_caption(ft, nm.start):
            continue
        if _in_editor_note(ft, unit_at(us, nm.start)):
            continue
        k = normalize_number(nm.number)
        full = _respaced(ft, nm.end, k, list(seen))
        if full:
            nm.number = seen[full]
        seen.setdefault(normalize_number(nm.number), nm.number)
        tword, tstart = _type_before(ft, nm.start, number_type(nm.number))
        entries = [(nm.start, nm.end, nm.number)]
        lst = list_numbers_before(text, nm)
        if lst:
            entries = lst + entries
        for i, (s0, e0, number) in enumerate(entries):
            is_last = i == len(entries) - 1
            dm = date_after(text, nm.end) if is_last else None
            after = dm.end if dm else nm.end
            issuer, iend = _issuer_after(text, ft, after, _JOINT_CODE.search(number) is not None) if is_last \
                else (None, after)
            if dm is None and issuer is not None:
                dm = date_after(text, iend, window=12)   # "số 1596/2003/QĐ.UBT của UBND tỉnh Đồng Nai ngày 03/6/2003"
                iend = dm.end if dm else iend
            if dm is None and i == 0 and tstart < nm.start:
                dm = date_before(text, tstart)
            u = unit_at(us, nm.start)
            start = tstart if (i == 0) else s0
            ahead = issuer_before = False
            if issuer is None:
                issuer, ahead = _issuer_between(text, ft, nm.start)
            if issuer is None and u is not None:
                issuer = _issuer_before(text, ft, tstart, u.start)
                issuer_before = issuer is not None
                # "của Sở X tại các công văn: Số A …; số B …": the issuer is every listed item's
                ahead = issuer is not None and bool(_PLURAL_COLON.search(ft, max(u.start, tstart - 40), tstart)
                                                    or _PLURAL_OF_COLON.search(ft, max(u.start, tstart - 200), tstart))
            if issuer is None:
                issuer = _issuer_outside_paren(text, ft, tstart)
            typ = tword or number_type(number) or "Văn bản"
            out.append(Mention(number, start, s0, e0, iend, typ, dm.iso if dm else None, issuer, u,
                               style=nm.style))
            out[-1].extra["issuer_ahead"] = ahead
            out[-1].extra["issuer_before"] = issuer_before
    return out


_CAPTION = re.compile(r"(?:ban\s+hành\s+)?kèm\s+theo\s*$", re.IGNORECASE)


def _is_self_caption(ft: str, pos: int) -> bool:
    """"(Ban hành kèm theo Kế hoạch số 50/KH-UBND …)" on its own line under an appendix title: the
    document itself. The same words inside a sentence ("Quy chế … (ban hành kèm theo Nghị định số
    08/2012/NĐ-CP)") name another document."""
    window = ("\n" if pos <= 60 else "") + ft[max(0, pos - 60):pos]
    m = re.search(rf"\n[ \t]*\(\s*(?:ban\s+hành\s+)?kèm\s+theo\s+(?:{type_regex()})\s+(?:số\s*)?$", window, re.IGNORECASE)
    return bool(m)


def _quote(text: str, m: Mention) -> str:
    end = m.unit.end if m.unit else min(len(text), m.start + 400)
    end = max(end, m.end)
    printed = text[m.num_start:m.num_end]
    num = m.number if strip_ws(printed) == m.number else printed
    return _cut(collapse_ws(text[m.start:m.num_start] + num + text[m.num_end:end]))


_WRAPPED = re.compile(r"(?<=[A-ZĐ0-9][-/])\s+(?=[A-ZĐ]{2}|[A-ZĐ][a-zđ]*[-/])|(?<=\d-)\s+(?=\d)")


def _cut(q: str) -> str:
    """Join numbers wrapped after "-"/"/", cut to QUOTE_MAX characters dropping the last
    (possibly partial) word, and drop a trailing "," / ";" / ":"."""
    q = _WRAPPED.sub("", q)
    if len(q) > QUOTE_MAX:
        cut = q[:QUOTE_MAX]
        sp = cut.rfind(" ")
        q = cut[:sp] if sp > 0 else cut
    return q.rstrip(" ,;:")


def _later(m: Mention, other: Mention) -> bool:
    """`m` was issued after `other` (dates, else years in the numbers): a document's description
    cannot name a later document, so `m` is not part of `other`'s description."""
    if m.date and other.date:
        return m.date > other.date
    ym, yo = _year(m), _year(other)
    return bool(ym and yo and ym > yo)


def _year(m: Mention) -> int | None:
    if m.date:
        return int(m.date[:4])
    y = re.search(r"/((?:19|20)\d\d)/", m.number)
    return int(y.group(1)) if y else None


def _sibling(m: Mention, prev: Mention) -> None:
    """`m` is another item of the list `prev` belongs to."""
    m.extra["list_prev"] = prev
    m.relation = prev.relation
    m.nested_in = prev.nested_in
    if prev.nested_in is not None:
        m.reported = prev.reported
    if "amends" in prev.extra:
        m.extra["amends"] = prev.extra["amends"]


def _opening_at(ft: str, start: int, end: int) -> str | None:
    """Relation of the opening cue of ft[start:end] ("Thực hiện …", "Xét …", "Căn cứ …")."""
    return opening_cue(_MARKER.sub("", _norm(ft[start:min(end, start + 80)])))[0]


def _opening_of(ft: str, u: Unit | None) -> str | None:
    """Relation of the cue opening a paragraph, for its later ";" items."""
    return _opening_at(ft, u.start, u.end) if u is not None else None


def _after_basis_clause(ft: str, ustart: int, cs: int) -> bool:
    """The clause ending right before `cs` with ";" opens with "Căn cứ"."""
    before = ft[ustart:cs].rstrip()
    if not before.endswith(";"):
        return False
    start = clause_start(ft, ustart, ustart + len(before) - 1)
    return _opening_at(ft, start, cs) == "can_cu"


def _cue_before_colon(ft: str, ustart: int, cs: int) -> str | None:
    """"… các văn bản chỉ đạo về phòng cháy như: Kết luận số …": a list after a colon takes the own cue that ends
    the clause before it, which is returned as the mention's prefix."""
    before = ft[ustart:cs].rstrip()
    if not before.endswith(":"):
        return None
    clause = ft[clause_start(ft, ustart, ustart + len(before) - 1):ustart + len(before) - 1]
    return clause + " " if cue_before(clause) else None


def _relations(doc: ReadDocument, ms: list[Mention], doc_type: str | None = None) -> None:
    """Set each mention's own relation, nesting and reported relation."""
    text, ft = doc.text, fold(doc.text)
    prev_basis_unit: Unit | None = None
    basis_units: set[int] = set()
    run = _basis_run(ft, units(doc))
    last_top: dict[int, Mention] = {}
    for i, m in enumerate(ms):
        u = m.unit
        ustart = u.start if u else max(0, m.start - 200)
        uend = u.end if u else m.end
        cs = clause_start(ft, ustart, m.start)
        earlier = [p for p in ms[:i] if p.unit is u and p.num_end <= m.start and p.num_end > cs]
        if earlier:
            prev = earlier[-1]
            between = ft[prev.num_end:m.start]
            if coordinated(between) or coordinated(re.sub(r"^\s*(ngày\s*)?[\d/.\-]+", "", between)) \
                    or list_continues(between):
                _sibling(m, prev)
                m.extra["bare_pair"] = coordinated(between)   # "số A và số B ngày …": nothing printed after A
                m.extra["own_proposer"] = bool(next_proposer(between))   # "… và của B tại Công văn số …"
                continue
            pas = passive_cue(between)
            if pas:
                _sibling(m, prev)
                m.extra["amends"] = (prev, pas)
                continue
            anchor = prev
            while anchor is not None and _later(m, anchor) and not new_main_clause(text[prev.num_end:m.start]):
                anchor = anchor.nested_in
            if anchor is None:
                root = prev
                while root.nested_in is not None:
                    root = root.nested_in
                m.relation = root.relation
                continue
            m.relation = "other"
            m.nested_in = anchor
            m.reported = reported_cue(ft[anchor.num_end:m.start]) if anchor is prev else None
            continue
        prefix = ft[cs:m.start]
        if cs > ustart and not prefix.strip():
            prefix = _cue_before_colon(ft, ustart, cs) or prefix
        unit_text = text[ustart:uend]
        basis_par = (bool(re.match(r"\s*(?:[-–+•*]\s*)?căn\s+cứ\b", ft[ustart:uend], re.IGNORECASE)) and cs > ustart) \
            or (u is not None and (u.start, u.end) in run and _opening_of(ft, u) in (None, "can_cu"))
        only = _only_citation(ft, m, ustart, uend)
        prev_basis = prev_basis_unit is not None and u is not None and \
            re.fullmatch(r"\s*", ft[prev_basis_unit.end:u.start]) is not None
        # the cue of a ";" list item with none of its own: the previous item's ("Thực hiện A; Căn cứ B; C": C is a basis)
        before = last_top.get(id(u)) if u is not None else None
        opening = before.relation if before is not None and before.relation != "other" else _opening_of(ft, u)
        m.relation = own_relation(prefix, cs == ustart, unit_text, basis_par, only, prev_basis,
                                  bool(u and u.in_table), unit_opening=opening, doc_type=doc_type)
        if m.relation == "kem_theo" and ft[max(ustart, ft.rfind("\n", 0, cs) + 1):cs].strip(" \t-–+•*("):
            m.relation = "other"   # "Quy chế … (ban hành kèm theo Nghị định số …)" inside a sentence: not a caption
        if m.relation == "other" and cs > ustart and u is not None and id(u) in last_top \
                and not strip_article_ref(_MARKER.sub("", _norm(prefix))):
            # "…; Nghị định số 20/2008/NĐ-CP …; Nghị định số 36/2012/NĐ-CP": an item of a ";" list that
            # is only a citation continues the list the previous top-level citation opened
            m.relation = last_top[id(u)].relation
        elif m.relation == "other" and cs > ustart and _after_basis_clause(ft, ustart, cs) \
                and not strip_article_ref(_MARKER.sub("", _norm(prefix))):
            # "… Căn cứ Luật Ban hành văn bản …; Nghị quyết 753/2005/NQ-UBTVQH11 …" on a page that ran the
            # basis lines into one paragraph: an item right after a "Căn cứ" item is a basis too
            m.relation = "can_cu"
        if u is not None:
            last_top[id(u)] = m
        if m.relation == "can_cu" and cs == ustart and u is not None and not u.in_table:
            prev_basis_unit = u
            basis_units.add(id(u))
    _share_list_issuers(ms)
    _share_plural_list(ms, ft)
    _share_pair_dates(ms)


_LIST_MARK = r"\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])?\s*"


_ENACTING = re.compile(r"(?i)(?!căn\s+cứ|xét|theo|thực\s+hiện|trên\s+cơ\s+sở)[^\W\d_][^,;:\n]{2,80}?\s(?:quyết nghị|ban hành(?!\s+kèm))(?!\w)")


def _basis_run(ft: str, us: list[Unit]) -> set[tuple[int, int]]:
    """Units of a basis block (Decree 30/2020 layout: one basis per line, each ending with ";"):
    a run of adjacent paragraphs ending with ";" (a last "Căn cứ …" line may end otherwise), at least
    one of which opens with "Căn cứ" or follows a "Căn cứ:" heading. A numbered item of such a
    run ("1. Điều lệ …, ban hành kèm theo Thông tư số …;") is a basis although it lacks the word."""
    out: set[tuple[int, int]] = set()
    cur: list[Unit] = []
    has_cue = False

    heading = [False]

    def flush() -> None:
        if cur and has_cue and (len(cur) > 1 or heading[0]):
            out.update((x.start, x.end) for x in cur)

    prev_end = None
    for u in us:
        t = ft[u.start:u.end].strip()
        adjacent = prev_end is not None and not ft[prev_end:u.start].strip()
        if u.in_table or not t:
            flush(); cur, has_cue, prev_end = [], False, None
            continue
        if not adjacent:
            flush(); cur, has_cue, heading[0] = [], False, False
        if _ENACTING.match(t):
            flush(); cur, has_cue, prev_end = [], False, None   # "Chính phủ ban hành Nghị định …" ends the basis
            continue
        head = re.match(_LIST_MARK + r"căn\s+cứ\b(\s*(?:vào|xây dựng[^:;]*)?\s*:)?", t, re.IGNORECASE)
        if head and head.group(1) and len(t) < 80:
            flush(); cur, has_cue, prev_end = [], True, u.end   # "Căn cứ:" heading of a list
            heading[0] = True
            continue
        if head:
            has_cue = True
        elif not t.endswith(";"):
            flush(); cur, has_cue, prev_end = [], False, None   # the sentence after the basis lines
            continue
        cur.append(u)
        prev_end = u.end
        if not t.endswith(";"):
            flush(); cur, has_cue, prev_end = [], False, None
    flush()
    return out


def _share_list_issuers(ms: list[Mention]) -> None:
    """"Thông tư số A, Thông tư số B và Thông tư số C của Bộ trưởng Bộ X": an issuer phrase printed
    once after a list of documents of one type applies to every item before it (and one printed
    before it, after the plural type, to every item after)."""
    for m in reversed(ms):
        p = m.extra.get("list_prev")
        while m.issuer and p is not None and p.issuer is None and not m.extra.get("own_proposer") \
                and (p.type == m.type or _same_issuer_code(p.number, m.number)):   # "Hướng dẫn số 235/HD-TƯHCTĐ và
            # Kế hoạch số 236/KH-TƯHCTĐ … của Trung ương Hội Chữ thập đỏ": two kinds, one issuer's code
            p.issuer = m.issuer
            m, p = p, p.extra.get("list_prev")
    # … and one printed before the list, after its plural type ("các Nghị định của Chính phủ: …"), or before the first
    # item, whatever their types ("chỉ đạo của Thủ tướng tại Công điện số A và Công điện số B", "đề nghị của Giám đốc
    # Sở Tài chính tại Tờ trình số A và Báo cáo số B")
    for m in ms:
        p = m.extra.get("list_prev")
        if m.issuer is None and p is not None and p.issuer \
                and (p.extra.get("issuer_ahead") and p.type == m.type or p.extra.get("issuer_before")):
            m.issuer = p.issuer
            m.extra["issuer_ahead"], m.extra["issuer_before"] = p.extra.get("issuer_ahead"), p.extra.get("issuer_before")


def _same_issuer_code(a: str, b: str) -> bool:
    """Both numbers carry the same issuer's code after their type codes ("…/HD-TƯHCTĐ", "…/KH-TƯHCTĐ")."""
    ca, cb = _issuer_code(a), _issuer_code(b)
    return ca is not None and ca == cb


def _issuer_code(number: str) -> str | None:
    """The issuer's part of a number after its type code ("TƯHCTĐ" of "235/HD-TƯHCTĐ", "TU" of "12-KH/TU")."""
    p = parse_number(number)
    if p is None or p.code is None:
        return None
    parts = [x for x in re.split(r"[-/]", re.sub(r"^\d+[a-z]?[-/](?:\d{4}/)?", "", number)) if x]
    rest = [x for x in parts if x.upper() != p.code.upper()]
    return rest[0].upper() if rest else None


def _share_plural_list(ms: list[Mention], ft: str) -> None:
    """"các Thông tư của Bộ Xây dựng: số 05/2015/TT-BXD … về …; số 03/2016/TT-BXD …; số 26/2016/BXD …":
    the items after the first, each a bare "số" or number after a ";", are of the list's type and issuer."""
    for i, m in enumerate(ms):
        if not (m.issuer and m.extra.get("issuer_ahead")) or m.extra.get("list_prev") is not None:
            continue
        for n in ms[i + 1:]:
            if n.unit is not m.unit:
                break
            if not ft[max(0, n.start - 6):n.start].rstrip().endswith(";"):
                continue   # a document named inside an item's description ("… thực hiện Kết luận số 80-KL/TW;")
            if not (re.match(r"(?i)số\b", ft[n.start:n.start + 3]) or n.start == n.num_start) \
                    or n.type not in (m.type, "Văn bản"):
                break
            n.type, n.issuer = m.type, n.issuer or m.issuer


def _share_pair_dates(ms: list[Mention]) -> None:
    """"các báo cáo số 365/BC-UBND và số 367/BC-UBND ngày 07/12/2020": a date printed once after
    documents of one type joined by "và"/"," alone is theirs too, unless a number's year says otherwise."""
    for m in reversed(ms):
        p = m.extra.get("list_prev")
        while m.date and m.extra.get("bare_pair") and p is not None and p.date is None and p.type == m.type:
            parsed = parse_number(p.number)
            if parsed is not None and parsed.year is not None and str(parsed.year) != m.date[:4]:
                break
            p.date = m.date
            m, p = p, p.extra.get("list_prev")


def _only_citation(ft: str, m: Mention, ustart: int, uend: int) -> bool:
    """The unit holds nothing but this citation (and its date, issuer, a "(STTn)" note)."""
    if ft[ustart:m.start].strip(" -–+•*\n\t"):
        return False
    rest = ft[m.end:uend]
    rest = re.sub(r"\(\s*stt[\w\-]*\s*\)", "", rest, flags=re.IGNORECASE)
    return len(rest.strip(" .;,\n\t")) == 0


def extract_citations(doc: ReadDocument, document: dict) -> list[dict]:
    """Every distinct numbered document mentioned (see module docstring), in order."""
    ms = _resolved(doc, document)
    text, ft = doc.text, fold(doc.text)
    groups: dict[str, list[Mention]] = {}
    order: list[str] = []
    for m in ms:
        k = normalize_number(m.number)
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(m)
    out = []
    for k in order:
        g = groups[k]
        first = g[0]
        date = next((x.date for x in g if x.date), None)
        issuer = next((x.issuer for x in g if x.issuer), None)
        if issuer:
            issuer = _complete_abbreviated(issuer, ft, text)
        typ = next((x.type for x in g if x.type and x.type != "Văn bản" and x.type != number_type(x.number)), None) \
            or first.type
        key = make_key(first.number, date[:4] if date else None)
        out.append({
            "type": typ, "number": first.number, "key": key, "date": date, "issuer": issuer,
            "relation": combine([x.relation for x in g]), "quote": _quote(text, first),
            "span": [first.start, first.num_end], "page": doc.page_at(first.num_start),
            "mentions": len(g),
        })
    return out


# ---------------------------------------------------------------- reported relations

def _resolved_any(doc: ReadDocument) -> list[Mention]:
    for key, ms in _CACHE.items():
        if key[0] == doc.sha256 and key[2] == id(doc):
            return ms
    return _resolved(doc, {"number": None})


def extract_reported_relations(doc: ReadDocument, citations: list[dict]) -> list[dict]:
    """Relations the document states between other documents (11/NQ-CP -sua_doi-> 71/NQ-CP)."""
    ms = [m for m in _resolved_any(doc)]
    keys = {normalize_number(c["number"]): c for c in citations}
    seen = set()
    out = []
    for m in ms:
        if "amends" in m.extra:
            other, rel = m.extra["amends"]
            src, tgt = normalize_number(m.number), normalize_number(other.number)
            if src in keys and tgt in keys and src != tgt and (src, tgt, rel) not in seen:
                seen.add((src, tgt, rel))
                out.append({"source": keys[src]["number"], "source_key": keys[src]["key"],
                            "target": keys[tgt]["number"], "target_key": keys[tgt]["key"], "relation": rel,
                            "quote": collapse_ws(doc.text[other.start:m.num_end])[:300],
                            "span": [other.start, m.num_end]})
        if m.nested_in is None or not m.reported:
            continue
        src, tgt = normalize_number(m.nested_in.number), normalize_number(m.number)
        if src not in keys or tgt not in keys or src == tgt or (src, tgt, m.reported) in seen:
            continue
        seen.add((src, tgt, m.reported))
        out.append({"source": keys[src]["number"], "source_key": keys[src]["key"],
                    "target": keys[tgt]["number"], "target_key": keys[tgt]["key"],
                    "relation": m.reported,
                    "quote": collapse_ws(doc.text[m.nested_in.start:m.num_end])[:300],
                    "span": [m.nested_in.start, m.num_end]})
    return out


# ---------------------------------------------------------------- named citations

def extract_named_citations(doc: ReadDocument, document: dict, citations: list[dict]) -> list[dict]:
    """Laws cited by name and date, Party documents, and plans, programmes and schemes of other
    bodies referred to by title without a number (`extractors.named`)."""
    from extractors.named import extract_named
    ms = _resolved(doc, document) if document else _resolved_any(doc)
    numbered = [(m.start, m.end) for m in ms]
    out = extract_named(doc, document or {}, numbered)
    for c in out:
        c.pop("span", None)
    return out
