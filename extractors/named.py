"""Documents named without a number ("named citations", fixtures README; SOURCES.md readings).

Three grammars, vocabularies in data/named.json:
- laws and ordinances by name: "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
  (name + date), "Luật Hộ tịch năm 2014" (the year stays in the name), "Luật Xây dựng;" (no date);
  a law named inside another law's title ("Luật sửa đổi … của Luật A và Luật B") is part of it;
- Party documents: "Điều lệ Đảng", congress resolutions "Nghị quyết Đại hội … lần thứ XV, nhiệm kỳ
  2020 - 2025" (one document per congress), working regulations "Quy chế làm việc của …";
- titled plans, programmes, schemes of another body after a cue ("triển khai Đề án …", "theo Quy
  hoạch …", "thực hiện Chương trình …", "(thay thế Kế hoạch …)"), coordinated ones split on "và".
Not named citations: the document itself, a task's product ("Tham mưu ban hành Kế hoạch …"), a
title of a numbered citation ("Quyết định số 101/QĐ-TTg … phê duyệt Chương trình …"), names
holding a number, generic phrases ("Kế hoạch này").
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.dates import find_dates
from extractors.doctypes import canonical_type, type_regex
from extractors.numbers import find_numbers
from extractors.phrases import first_letters, phrase_alternation
from extractors.units import Unit, unit_at, units
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold

QUOTE_MAX = 160


def _data() -> dict:
    return vocab.load("named.json")


def _alt(words: list[str]) -> str:
    """Alternation of folded phrases, longest first (cached per word list)."""
    return _alt_of(tuple(words))


@lru_cache(maxsize=None)
def _alt_of(words: tuple[str, ...]) -> str:
    return phrase_alternation(fold(w) for w in words)


_UP = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_DATE_WORDS = r"ngày\s*\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"


@lru_cache(maxsize=None)
def _law_re() -> re.Pattern:
    heads = _alt(_data()["legal_heads"])
    return re.compile(
        rf"{first_letters(fold(h) for h in _data()['legal_heads'])}(?<!\w)(?P<head>{heads})\s+(?P<name>[^\W\d_][^;:()\t]{{1,200}}?)"
        rf"(?P<qual>\s*\(sửa\s+đổi(?:,\s*bổ\s+sung)?\))?"   # "Luật Tổ chức HĐND và UBND (sửa đổi)"
        # a comma and a capital end the name, but not in "… của Hội đồng nhân dân, Ủy ban nhân dân"
        rf"(?:\s*(?P<date>{_DATE_WORDS})|\s+(?P<year>năm\s+\d{{4}})|(?=\s*(?:[;:()\t]|\.(?:\s|$)"
        # ("Luật Thi đua, Khen thưởng" is one law)
        rf"|(?<![Hh]ội đồng nhân dân)(?<!HĐND)(?<![Tt]hi đua),\s+(?-i:{_UP})|\s+và\s+các\s|,?\s*\Z))"
        rf"|(?=\s+(?:(?:số|s)\s*:?\s*\d|(?:đã|được|có\s+hiệu\s+lực|quy định|hướng dẫn|và\s+(?:{type_regex()})\s+số)(?!\w)))"
        # what follows a name: a date the text damaged ("ngày 26/1 l/2003") or cut ("… ngày"), "ban hành
        # ngày …", "do Chủ tịch nước … công bố"
        rf"|(?=\s+(?:ngày(?!\w)|ban\s+hành(?=\s*(?:ngày|năm|[,;.]|$))|do\s+{_UP}|(?-i:Kính\s+gửi|KÍNH\s+GỬI)(?!\w))))")
    # … nor the salutation of a flattened letter ("… thi hành Luật Tố cáo Kính gửi: Chính phủ")


_IN_BODY_NAME = re.compile(r"(?<!\w)(?:Hội|Liên đoàn|Đoàn|Trường(?:\s+Đại\s+học)?|Khoa|Viện|Tạp chí|Nhà xuất bản|Công ty|"
                           r"Văn phòng|Câu lạc bộ)\s+$")   # as printed: "Quốc hội Luật …" ends no body's name


def _laws(text: str, ft: str, us: list[Unit], numbered: list[tuple[int, int]]) -> list[dict]:
    out: list[dict] = []
    covered_to = -1
    rx = _law_re()
    pos = 0
    while (m := rx.search(ft, pos)) is not None:
        pos = m.end()
        if m.start() < covered_to:
            continue              # a law named inside another law's title
        head = text[m.start("head"):m.end("head")]
        if not head[:1].isupper():
            continue              # "pháp luật", "luật này" in prose
        if _IN_BODY_NAME.search(ft, max(0, m.start() - 20), m.start()):
            continue              # "Hội Luật gia Việt Nam", "Liên đoàn Luật sư Việt Nam": a body, not a law
        name_end = m.end("year") if m.group("year") else m.end("qual") if m.group("qual") else m.end("name")
        bare = _BARE_YEAR.match(ft, m.end("head"))
        if bare:
            name_end = bare.end()   # "Hiến pháp năm 1992 của Chính phủ": named by its year alone
        both = _coordinated_law(ft, m)
        if both is not None:
            name_end = pos = both  # "Hiến pháp mới và Luật Tổ chức Chính phủ mới": two laws
            m = rx.match(ft, m.start(), both) or m
        trimmed = _without_new(ft, m.start(), name_end)
        renewed, name_end = trimmed != name_end, trimmed   # "Luật Tổ chức Chính phủ mới": another law
        after = ft[m.end():m.end() + 12]
        if re.match(r"\s*(?:số\b|s\s*\d)", after) or re.match(r"(?i)(?:này|nói trên|trên)\b|số\s*:?\s*\d", m.group("name")):
            continue              # numbered laws are citations ("Pháp lệnh số 16/2011/UBTVQH12 ngày …", "s 47/2010/QH12": a
            # "số" that lost its letters); "Luật này"
        if _inside_numbered_description(ft, m.start(), us, numbered):
            continue
        covered_to = m.end()
        iso = _first_iso(m.group("date"))
        amended = _AMENDED_LIST.match(ft, name_end) if re.match(r"(?i)sửa\s+đổi", m.group("name")) else None
        if amended:   # "Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán, …, Luật X ngày …"
            name_end = covered_to = pos = amended.end("laws")
            dm = re.match(rf"\s*({_DATE_WORDS})", ft[name_end:])
            iso = _first_iso(dm.group(1) if dm else None)
        u = unit_at(us, m.start())
        if u is not None and name_end > u.end:   # "V/v thực hiện Luật Đất đai" / "Nam Định, ngày …": the
            name_end, iso = u.end, None           # next line's place and date are not the law's
        name = collapse_ws(text[m.start():name_end]).rstrip(" ,.;")
        out.append({"type": canonical_type(head) or collapse_ws(head), "name": name, "date": iso,
                    "quote": _quote(text, us, m.start()), "span": [m.start(), name_end],
                    "_key": _law_key(name) + (" mới" if renewed else "")})
    return _years_apart(out)


def _first_iso(s: str | None) -> str | None:
    """The first date printed in `s`, ISO."""
    found = find_dates(s) if s else []
    return found[0].iso if found else None


_BARE_YEAR = re.compile(r"\s+năm\s+\d{4}(?!\d)")
# the other laws an amending law's title lists after its first: ", Luật Kế toán, …, Luật Xử lý vi phạm hành chính"
_AMENDED_LIST = re.compile(r"(?P<laws>(?:\s*(?:,|và)\s*(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s+[^,;:()\n]+?"
                           r"(?=\s*(?:,|và\s+(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s|;|\.|ngày\s*\d|năm\s+\d{4}|\n|$)))+)")
_YEAR_END = re.compile(r"\s+năm\s+(\d{4})$")


def _law_key(name: str) -> str:
    """One key per law however it is named: "Luật Hòa giải ở cơ sở năm 2013" is "Luật Hòa giải ở cơ sở"."""
    return _YEAR_END.sub("", collapse_ws(fold(name)).lower())


def _years_apart(laws: list[dict]) -> list[dict]:
    """A law the text names with two years ("Luật Tố cáo năm 2011" and "… năm 2018") is two laws, and a mention
    without a year may be either: each keeps its own name as its key."""
    years: dict[str, set[str]] = {}
    for c in laws:
        y = _YEAR_END.search(collapse_ws(fold(c["name"])))
        years.setdefault(c["_key"], set()).update([y.group(1)] if y else [])
    for c in laws:
        if len(years[c["_key"]]) > 1:
            c["_key"] = collapse_ws(fold(c["name"])).lower()
    return laws


def _coordinated_law(ft: str, m: re.Match) -> int | None:
    """End of the first of two laws joined by "và" in one match ("Hiến pháp và Luật Tổ chức
    Chính phủ"); None for an amending law's title ("Luật sửa đổi … của Luật A và Luật B")."""
    name = m.group("name")
    if re.match(r"(?i)sửa\s+đổi", name):
        return None
    heads = _alt(_data()["legal_heads"])
    k = re.search(rf"\s+và\s+(?={heads}\s)", name)
    return m.start("name") + k.start() if k else None


def _without_new(ft: str, start: int, end: int) -> int:
    """A law's name without a trailing "mới" ("Hiến pháp mới": the new Constitution)."""
    k = re.search(r"\s+mới$", ft[start:end])
    return start + k.start() if k else end


def _inside_numbered_description(ft: str, pos: int, us: list[Unit], numbered: list[tuple[int, int]]) -> bool:
    """A numbered citation earlier in the same clause whose description (no new cue, no ";")
    reaches `pos`: "Nghị định số 123/… quy định chi tiết … của Luật Hộ tịch"."""
    u = unit_at(us, pos)
    lo = u.start if u else max(0, pos - 300)
    for s, e in numbered:
        if lo <= e <= pos:
            between = ft[e:pos]
            if not re.search(rf"[;]|\.\s|(?<!\w)(?:và|,)\s*$|\n(?=\s*(?-i:{_UP}))", ft[e:pos + 1]) and len(between) < 250:
                return True
    return False


_CONGRESS = re.compile(
    r"(?=n)(?<!\w)Nghị\s+quyết\s+(?:(?:của\s+)?(?:Đại\s+hội|Ban\s+Chấp\s+hành)\s[^;:()\t]{3,160}?"
    r"(?:lần\s+thứ\s+[IVXLC\d]+|lần\s+[IVXLC\d]+|khóa\s+[IVXLC]+)(?:\s*,?\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?"
    r"(?:\s+của\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?(?!\s*bộ)(?!\w))?)",   # "… lần thứ XIII của Đảng"
    re.IGNORECASE)


def _party(text: str, ft: str, us: list[Unit], numbered: list[tuple[int, int]]) -> list[dict]:
    out: list[dict] = []
    for m in _charter_re().finditer(ft):
        out.append({"type": "Điều lệ", "name": collapse_ws(text[m.start():m.end()]), "date": None,
                    "quote": _quote(text, us, m.start()), "span": [m.start(), m.end()]})
    for m in _CONGRESS.finditer(ft):
        if _inside_numbered_description(ft, m.start(), us, numbered) or find_numbers(text[m.start():m.end()]):
            continue
        out.append({"type": "Nghị quyết", "name": collapse_ws(text[m.start():m.end()]), "date": None,
                    "quote": _quote(text, us, m.start()), "span": [m.start(), m.end()],
                    "_key": _congress_key(ft[m.start():m.end()])})
    for m in _working_rules_re().finditer(ft):
        out.append({"type": "Quy chế", "name": collapse_ws(text[m.start():m.end()]), "date": None,
                    "quote": _quote(text, us, m.start()), "span": [m.start(), m.end()]})
    return out


@lru_cache(maxsize=None)
def _charter_re() -> re.Pattern:
    """"Điều lệ Đảng (Cộng sản Việt Nam)", "Điều lệ Đoàn TNCS Hồ Chí Minh", "Điều lệ Hội LHTN Việt Nam"."""
    orgs = _alt(_data()["charter_bodies"])
    return re.compile(rf"(?=Đ)(?:(?<!\w)|(?<=[a-zà-ỹđ]))Điều\s+lệ\s+(?:{orgs})(?!\w)")   # also glued: "Căn cứĐiều lệ"


@lru_cache(maxsize=None)
def _working_rules_re() -> re.Pattern:
    """"Quy chế làm việc của <Party body> … khóa XII / nhiệm kỳ 2020 - 2025"."""
    bodies = _alt(_data()["working_rules_bodies"])
    # the body in any case ("Ban chấp hành Trung ương" too)
    return re.compile(rf"(?=[Qq])(?<!\w)[Qq]uy\s+chế\s+làm\s+việc\s+của\s+(?i:{bodies})[^;:()\t\n]{{0,160}}?"
                      r"(?:khóa\s+[IVXLC]+(?:\s*,?\s*nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4})?"
                      r"|nhiệm\s+kỳ\s+(?:[IVXLC]+\s*\(\s*\d{4}\s*[-–]\s*\d{4}\s*\)|\d{4}\s*[-–]\s*\d{4}))")


def _congress_key(f: str) -> str:
    """One congress resolution however it is worded: its body kind and ordinal."""
    o = re.search(r"(?i)(lần\s+thứ\s+|lần\s+|khóa\s+)([IVXLC\d]+)", f)
    kind = "dh" if re.search(r"(?i)đại\s+hội", f) else "bch"
    return f"{kind}:{o.group(2).upper() if o else f.lower()}"


@lru_cache(maxsize=None)
def _titled_re() -> re.Pattern:
    d = _data()
    # a cue word, or the ";" between two items of a "Căn cứ" list ("Căn cứ Điều lệ Đảng; Nghị quyết Đại hội X của Đảng;")
    cue = rf"{first_letters(fold(c) for c in d['cues'])}(?<!\w)(?:{_alt(d['cues'])})"
    return re.compile(rf"(?P<cue>{cue}|;)\s+(?:các\s+|những\s+)?(?P<head>{_alt(d['titled_heads'])})\s+(?=\S)",
                      re.IGNORECASE)


def _title_end(text: str, ft: str, start: int, limit: int) -> int:
    """End of a title starting at `start`: a clause end, a new main clause (", Chính phủ đã …"),
    a quoted title's closing quote, an agency name glued after it in flattened tables, a number."""
    seg = ft[start:limit]
    stops = [len(seg)]
    m = re.search(r"[;:()\t]|\.(?:\s|$)|,\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠỦỨ](?!\w*\s+(?:" + type_regex() + r")))", seg)
    if m:
        stops.append(m.start())
    if seg.lstrip().startswith("“"):
        q = seg.find("”")
        if q > 0:
            stops.append(q + 1)
    for m in re.finditer(r"(?<=\s)(?-i:Sở|Ủy ban|UBND|Công an|Các sở|Ban|Bộ|Văn phòng|Thanh tra|Báo|Đài|Kho bạc|Ngân hàng)\s",
                         seg):
        if not re.search(r"(?i)(?:của|do|với|cho|và|tại|thuộc|lần\s+thứ\s+\S+)\s*$", seg[:m.start()]):   # "Hội nghị lần
            # thứ năm Ban Chấp hành Trung ương": the plenum's body is its name's
            stops.append(m.start())
            break
    m = re.search(rf"\s+(?:và|,)\s+(?:các\s+)?(?:{_alt(_data()['titled_heads'])})\s", seg, re.IGNORECASE)
    if m:
        stops.append(m.start())
    m = re.search(r"\d+[a-z]?\s*[/-]\s*[A-ZĐ]", seg)
    if m:
        stops.append(m.start())
    m = re.search(r"\s+ngày\s*\d", seg)   # "Nghị quyết HĐND tỉnh khóa II kỳ họp thứ 6 ngày 05/7/1997": its date
    if m:
        stops.append(m.start())
    m = re.search(r"(?i),\s+(?:cụ\s+thể|góp\s+phần|nhằm|để|qua\s+đó|từ\s+đó|đồng\s+thời|với\s+các)(?!\w)"
                  r"|\s+và\s+(?:triển\s+khai|thực\s+hiện|tổ\s+chức|xây\s+dựng|ban\s+hành|đề\s+ra)(?!\w)", seg)
    if m:
        # "… của Đảng, cụ thể như sau", "…, góp phần sớm đưa …", "…, với các nội dung …", "… năm 2022 và triển khai
        # Kế hoạch năm 2023": the sentence goes on
        stops.append(m.start())
    cut = min(stops)
    m = re.match(r"(?i)\s*hội\s+nghị\s+lần\s+thứ\s+\S+\s+ban\s+(?:chấp\s+hành|thường\s+vụ)\b[^;:]*?(?=\s+về\s)", seg[:cut])
    if m:
        cut = m.end()   # "(Nghị quyết) Hội nghị lần thứ năm Ban Chấp hành Trung ương về …": named by its plenum
    m = re.search(r"(?<=\S)\s+của\s+(?-i:[A-ZĐỦ])[^,;]*$", seg[:cut].rstrip(" ,;."))
    if m and len(seg[:m.start()].split()) <= 3 and not re.search(r"(?i)làm\s+việc$", seg[:m.start()]) \
            and not re.match(r"(?i)\s*(?:đại\s+hội|hội\s+nghị)\b.*\scủa\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?\s*$",
                             seg[:cut].rstrip(" ,;.")):   # "Nghị quyết Đại hội X của Đảng": its congress
        # "Đề án 30 của Ủy ban nhân dân tỉnh,": the issuer, not the title; but "Quy chế làm việc của
        # Chính phủ" is the title of the body's working rules, and "Đại hội X của Đảng" a congress's
        cut = m.start()
    return start + cut


def _titled(text: str, ft: str, us: list[Unit], numbered: list[tuple[int, int]], own_subject: str | None) -> list[dict]:
    d = _data()
    generic = re.compile(rf"(?i)^(?:{_alt(d['generic_after'])})(?!\w)")
    product = re.compile(rf"(?i)(?:{_alt(d['product_verbs'])})\s*$")
    scope = re.compile(rf"(?i)\s+(?:{_alt(d['scope_stops'])})\s")
    heads_re = _alt(d["titled_heads"])
    issued_with = re.compile(rf"(?i)^\s*(?:\([^)]*\)\s*)?,?\s*(?:được\s+)?(?:ban\s+hành\s+|công\s+bố\s+)?"
                             rf"(?:kèm\s+theo|tại|theo)\s*(?:{type_regex()})\s*(?:số|\d)")
    lower_ok = {fold(h).lower() for h in d["lowercase_heads"]}
    lower_any = {fold(h).lower() for h in d["lowercase_any"]}
    taken = _taken_titles(ft, us, numbered)
    described = _numbered_subjects(ft, us, numbered)
    out: list[dict] = []
    pos = 0
    for m in _titled_re().finditer(ft):
        if m.start("head") < pos:
            continue
        if m.group("cue") == ";" and not _in_basis_list(ft, us, m.start("cue")):
            continue
        head_txt = text[m.start("head"):m.end("head")]
        before = ft[max(0, m.start("cue") - 60):m.start("cue")]
        # "ban hành Kế hoạch thực hiện <X>": X is cited, the plan around it is a product
        nested = bool(re.search(rf"(?i)(?:{_alt(d['product_verbs'])})(?!\w)", before)) or bool(re.search(
            rf"(?i)(?<!\w)(?:{type_regex()})\s*$", before))
        hk = collapse_ws(fold(head_txt)).lower()
        if not head_txt[:1].isupper() and not (hk in lower_ok and nested) and hk not in lower_any:
            continue             # "thực hiện chương trình đào tạo": an activity, not a document
        if re.search(rf"(?i)(?:{_alt(d['product_verbs'])})\s*(?:(?:và|,)\s*)?$", ft[max(0, m.start("cue") - 30):m.start("cue")]):
            continue             # "Xây dựng và triển khai Kế hoạch …": a product
        u = unit_at(us, m.start("head"))
        limit = u.end if u else min(len(ft), m.start("head") + 300)
        todo = [(m.start("head"), m.end("head"))]
        while todo:
            hs, he = todo.pop()
            rest_start = _skip_ws(ft, he, limit)
            end = _title_end(text, ft, rest_start, limit)
            if nested:
                sm = scope.search(ft[rest_start:end] + " ")
                if sm:
                    end = rest_start + sm.start()
            while end > rest_start and ft[end - 1] in " ,":
                end -= 1
            rest = ft[rest_start:end].strip()
            name = _join_wraps(collapse_ws(text[hs:end]).rstrip(" ,.;"))
            tail = ft[end:min(limit, end + 90)]
            ok = ((len(rest.split()) >= 2 or re.fullmatch(r"\d{1,4}", rest)) and not generic.match(rest) and not product.search(ft[max(0, hs - 25):hs])
                  and not find_numbers(text[hs:end]) and not issued_with.match(tail)
                  and not re.match(r"\s*(?:\S+\s+){0,3}?\d+[a-z]?\s*[/-]\s*[A-ZĐ]", tail)
                  and not _titles_a_numbered(ft, hs, us, numbered) and _prefix_key(name) not in taken
                  and _about_key(name) not in described
                  and not (own_subject and _same_title(rest, own_subject)))
            if ok:
                head = text[hs:he]
                typ = canonical_type(head) or collapse_ws(head)
                out.append({"type": typ[:1].upper() + typ[1:], "name": name, "date": None,
                            "quote": _quote(text, us, hs), "span": [hs, end]})
            pos = max(pos, end)
            nxt = re.match(rf"\s*(?:và|,)\s+(?:các\s+)?(?P<h>{heads_re})\s", ft[end:limit], re.IGNORECASE)
            if nxt:
                todo.append((end + nxt.start("h"), end + nxt.end("h")))
    return out


def _in_basis_list(ft: str, us: list[Unit], pos: int) -> bool:
    """Is `pos` inside a paragraph that opens with "Căn cứ" (a basis list whose items need no cue of their own)?"""
    u = unit_at(us, pos)
    return u is not None and bool(re.match(r"(?i)[\s\-–+•*]*căn\s+cứ\b", ft[u.start:u.start + 20]))


def _join_wraps(name: str) -> str:
    """"2026- 2030" broken after a hyphen is one word."""
    return re.sub(r"(?<=\d[-–])\s+(?=\d)", "", name)


def _prefix_key(name: str, n: int = 24) -> str:
    """The first letters of a title, spaces ignored ("vìsự" = "vì sự")."""
    return "".join(re.findall(r"\w", fold(name).lower()))[:n]


def _taken_titles(ft: str, us: list[Unit], numbered: list[tuple[int, int]]) -> set[str]:
    """Titles that are not citations of another body's document wherever they are named: the
    document's own products ("Ban hành kèm theo Quyết định này là Kế hoạch …", "xây dựng Đề án …")
    and titles a numbered citation approves or issues ("… số 1898/QĐ-TTg … phê duyệt Đề án …")."""
    d = _data()
    heads = _alt(d["titled_heads"])
    keys: set[str] = set()
    own = re.compile(rf"(?i)(?:ban\s+hành(?:\s+kèm\s+theo\s*(?:{type_regex()})\s+này)?(?:\s+là)?|xây\s+dựng|"
                     rf"tham\s+mưu\s+ban\s+hành|tham\s+mưu\s+xây\s+dựng)\s+(?P<t>(?:{heads})\s+[^;:()\t.]{{8,200}})")
    for m in own.finditer(ft):
        keys.add(_prefix_key(m.group("t")))
    verbs = _alt(["phê duyệt", "ban hành", "sửa đổi, bổ sung", "sửa đổi, bổ sung cập nhật", "sửa đổi, bổ sung, cập nhật"])
    for s0, e in numbered:
        u = unit_at(us, e)
        hi = u.end if u else min(len(ft), e + 300)
        m = re.match(rf"(?i)[^;]{{0,160}}?(?:{verbs})\s+(?P<t>(?:{heads})\s+[^;:()\t.]{{8,200}})", ft[e:hi])
        if m and not find_numbers(m.group("t")[:60]):
            keys.add(_prefix_key(m.group("t")))
    return keys


def _about_key(name: str) -> str | None:
    """The "về …" part of a title ("Nghị quyết của HĐND tỉnh về nhiệm vụ …"), as a prefix key."""
    m = re.search(r"(?i)(?<!\w)về\s+(?!việc\b)", fold(name))
    return _prefix_key(name[m.end():]) if m else None


def _numbered_subjects(ft: str, us: list[Unit], numbered: list[tuple[int, int]]) -> set[str]:
    """What numbered citations are about ("… số 95/2014/NQ-HĐND ngày … của HĐND tỉnh về nhiệm vụ
    …"): a later "Nghị quyết của HĐND tỉnh về nhiệm vụ …" without its number is that document."""
    keys: set[str] = set()
    for _s0, e in numbered:
        u = unit_at(us, e)
        hi = min(u.end if u else len(ft), e + 220)
        m = re.match(r"(?i)[^;]{0,120}?(?<!\w)về\s+(?:việc\s+)?(?P<d>[^;]{15,})", ft[e:hi])
        if m:
            keys.add(_prefix_key(m.group("d")))
    return keys


def _skip_ws(ft: str, i: int, limit: int) -> int:
    while i < limit and ft[i].isspace():
        i += 1
    return i


def _titles_a_numbered(ft: str, hs: int, us: list[Unit], numbered: list[tuple[int, int]]) -> bool:
    """The head is the title of a numbered citation of the same clause ("Quyết định số 101/QĐ-TTg …
    về việc phê duyệt Chương trình …", "Nghị quyết số 71/NQ-CP … sửa đổi, bổ sung Chương trình …")."""
    u = unit_at(us, hs)
    lo = u.start if u else max(0, hs - 300)
    verbs = _alt(_data()["title_verbs"])
    for s, e in numbered:
        if lo <= e <= hs and not re.search(r"[;]|\.\s", ft[e:hs]):
            if re.search(rf"(?i)(?:{verbs})\s*$", ft[e:hs]):
                return True
    return False


def _same_title(rest: str, subject: str) -> bool:
    """The title after the head is the document's own subject (the document itself); a title
    merely mentioned inside the subject ("V/v báo cáo kết quả thực hiện Kế hoạch …") is cited."""
    a = re.sub(r"^(?:về\s+việc|về|v/v)\s+", "", collapse_ws(fold(rest)).lower())
    b = re.sub(r"^(?:về\s+việc|về|v/v)\s+", "", collapse_ws(fold(subject)).lower())
    return a == b or (len(a) > 20 and b.startswith(a)) or (len(b) > 20 and a.startswith(b))


def _quote(text: str, us: list[Unit], start: int) -> str:
    u = unit_at(us, start)
    end = u.end if u else min(len(text), start + 300)
    q = collapse_ws(text[start:end])
    if len(q) > QUOTE_MAX:
        cut = q[:QUOTE_MAX]
        sp = cut.rfind(" ")
        q = cut[:sp] if sp > 0 else cut
    return q.rstrip(" ,;:")


def _own_title(text: str, c: dict, document: dict) -> bool:
    """"NGHỊ QUYẾT / CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHOÁ XI" at the top: the document's own title."""
    s = c["span"][0]
    letters = [ch for ch in c["name"] if ch.isalpha()]
    caps = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)
    line_start = s == 0 or text[s - 1] == "\n" or not text[text.rfind("\n", 0, s) + 1:s].strip()
    return caps and line_start and s < 2000 and c["type"] == document.get("type")


def extract_named(doc: ReadDocument, document: dict, numbered_spans: list[tuple[int, int]]) -> list[dict]:
    """Every document named without a number, once each, in order of first mention."""
    text, ft = doc.text, fold(doc.text)
    us = units(doc)
    found = _laws(text, ft, us, numbered_spans) + _party(text, ft, us, numbered_spans) + \
        _titled(text, ft, us, numbered_spans, document.get("subject"))
    found.sort(key=lambda c: c["span"][0])
    out: list[dict] = []
    by_key: dict[str, dict] = {}
    spans: list[tuple[int, int]] = []
    for c in found:
        s, e = c["span"]
        if any(a <= s < b for a, b in spans) or _own_title(text, c, document):
            continue
        k = c.pop("_key", None) or (_congress_key(fold(c["name"])) if _CONGRESS.fullmatch(fold(c["name"])) else None) \
            or collapse_ws(fold(c["name"])).lower()
        if k in by_key:
            first = by_key[k]
            if len(c["name"]) > len(first["name"]):
                first["name"], first["quote"] = c["name"], c["quote"]
            continue
        by_key[k] = c
        spans.append((s, e))
        out.append(c)
    # a short mention ("Nghị quyết Đại hội") of a document named in full elsewhere is that document
    words = [re.findall(r"\w+", fold(c["name"]).lower()) for c in out]
    return [c for i, c in enumerate(out)
            if not any(j != i and len(words[j]) > len(words[i]) and words[j][:len(words[i])] == words[i]
                       and len(words[i]) <= 4 for j in range(len(out)))]
