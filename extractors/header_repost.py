"""Documents reposted by a portal without their header (DOMAIN.md §1–2 lost).

Such a page opens with the document's title in ordinary case ("Hướng dẫn tuyên truyền …",
"Nghị quyết của Ban Thường vụ Tỉnh ủy về …", "Thông báo lịch tiếp công dân …"), or with the
body of the document itself, whose own sentence names its issuer and kind ("Ủy ban nhân dân
xã X thông báo …", "Đảng ủy Khối … xây dựng Kế hoạch … như sau:"). Vocabulary:
data/header_repost.json; type names: data/doctypes.json.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors import vocab
from extractors import agencies
from extractors.doctypes import canonical_type, type_regex
from extractors.phrases import phrase_alternation
from pipeline.normalize import collapse_ws, fold



def _data() -> dict:
    return vocab.load("header_repost.json")


@dataclass
class RepostTitle:
    type: str
    issuer: str | None  # the body after "của", as printed
    subject: str | None
    subject_span: tuple[int, int] | None
    span: tuple[int, int]


_TERM = re.compile(rf"(?i)\s*[(,]?\s*{agencies.TERM}(?!\w)\s*\)?")
_OPENERS_STOP = re.compile(r"(?i)^(căn cứ|kính gửi|thực hiện|theo|để|nhằm|ngày|sáng|chiều|trong|với|sau|năm|lts|"
                           r"[-–•+*]|\d|[IVX]+[.\-–])")


def strip_term(name: str) -> str:
    """A body without its term ("Ban Chấp hành Đảng bộ tỉnh khóa XIII" -> "… tỉnh")."""
    return collapse_ws(_TERM.sub("", name)).strip(" ,.;")


def party_committee(name: str) -> str:
    """The executive committee of a Party organisation named as its committee ("Ban Chấp hành
    Đảng bộ tỉnh Ninh Thuận" -> "Tỉnh ủy Ninh Thuận"); other names unchanged."""
    f = fold(name).lower()
    for k, v in sorted(((fold(k), v) for k, v in _data()["party_executives"].items()), key=lambda kv: -len(kv[0])):
        if f == k or f.startswith(k + " "):
            return collapse_ws(f"{v} {name[len(k):].strip()}")
    return name


def newspaper_province(text: str) -> str | None:
    """The province of a provincial newspaper that reposts the document ("Báo Ninh Thuận trân trọng
    giới thiệu …")."""
    names, _ = agencies._provinces()
    alt = "|".join(r"\s+".join(map(re.escape, fold(n).split())) for n in names)
    m = re.search(rf"(?<!\w)Báo\s+({alt})(?!\w)", fold(text[:3000]))
    if not m:
        return None
    return next((n for n in names if fold(n).lower() == collapse_ws(m.group(1)).lower()), None)


@lru_cache(maxsize=None)
def _title_re() -> re.Pattern:
    return re.compile(rf"(?P<type>{type_regex()})(?!\w)\s*:?\s+(?P<rest>\S.*)$", re.IGNORECASE)   # "Thông báo: Về việc …"


def _without_title_stop(t: str) -> str:
    """A title whose "về việc …" part ends in a full stop ("Thông báo về việc tổ chức tổng vệ sinh …."),
    without it; other lines unchanged (a sentence keeps its stop and is no title)."""
    return t[:-1] if re.search(r"(?i)\s(?:về việc|v/v)\s[^.]+\.$", fold(t)) else t


def repost_title(text: str, max_lines: int = 2) -> RepostTitle | None:
    """The title line a portal prints in place of the header: one of the first lines, opening
    with a type name (capitalised), no sentence (no final period, not too long)."""
    seen = 0
    for m in re.finditer(r"[^\n]+", text[:2000]):
        line = m.group(0)
        t = line.strip()
        if not t:
            continue
        seen += 1
        if seen > max_lines:
            break
        t = _without_title_stop(t)
        if not t[0].isupper() or len(t) > 300 or t.endswith((".", ":", ";")) or _OPENERS_STOP.match(fold(t)):
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        tm = _title_re().match(fold(t))
        if not tm:
            continue
        typ = canonical_type(tm.group("type"))
        rest = t[tm.start("rest"):]
        if not typ or re.match(r"(?i)số\b|này\b|và\b|được\b|đã\b", fold(rest)):
            continue
        issuer = None
        s0 = start + tm.start("rest")
        kl = re.match(r"(?i)thông\s+báo\s+(kết\s+luận\s+của\s+([^,;]+?))(?:,|\s+tại\s)", fold(t))
        if kl:   # "Thông báo kết luận của Phó Thủ tướng X, … tại cuộc họp …": a Thông báo whose subject is the kết luận
            return RepostTitle(typ, t[kl.start(2):kl.end(2)], t[kl.start(1):], (start + kl.start(1), start + len(t)),
                               (start, start + len(t)))
        cm = re.match(r"(?i)của\s+(.+?)\s+(?=(?:về|v/v)\s)", fold(rest))
        if cm:
            issuer = rest[cm.start(1):cm.end(1)]
            s0 += cm.end()
            rest = rest[cm.end():]
        elif re.match(r"(?i)của\s", fold(rest)):
            continue
        else:   # "Thông báo lịch tiếp công dân 2020 của Lãnh đạo Sở X": the body the subject ends on
            tail = re.search(r"\s+của\s+(?:(?i:lãnh\s+đạo|thường\s+trực)\s+)?(?P<body>[A-ZĐ][^,;()]{3,120})$", fold(rest))
            named = agencies.agency_spans(rest[tail.start("body"):]) if tail else []
            if named and named[0][0] == 0:
                issuer = rest[tail.start("body"):]
        subject = rest.strip() or None
        return RepostTitle(typ, issuer, subject, (s0, start + len(t)) if subject else None, (start, start + len(t)))
    return None


@lru_cache(maxsize=None)
def _who_verb_re() -> re.Pattern:
    d = _data()
    openers = phrase_alternation(fold(o) for o in d["body_openers"])
    verbs = phrase_alternation(fold(v) for v in d["verb_types"])
    issue = phrase_alternation(fold(v) for v in d["issue_verbs"])
    adverbs = phrase_alternation(fold(a) for a in vocab.load("task_verbs.json")["adverbs"])
    return re.compile(
        rf"(?:^|(?<=[\n.;,:]))[ \t]*(?:(?:nay|vì vậy|do đó|vậy)\s*,?\s+)?"
        rf"(?P<who>(?:{openers})(?!\w)(?:[^.;:\n()]|\([^()\n]{{1,20}}\)){{0,90}}?)\s+(?:(?:{adverbs}|xin|trân\s+trọng)\s+)*"
        rf"(?:(?<![Bb]an\s)(?P<verb>{verbs})|(?:{issue})\s+(?P<type>{type_regex()}))(?!\w)(?!\s+số)", re.IGNORECASE)


def _opener_ok(who: str) -> bool:
    """The who opens with a body name, not a verb ("Ban hành …") or a common noun ("Hội nghị")."""
    words = fold(who).lower().split()
    if len(words) < 2 or len(words) > 16:
        return False
    bad = {fold(k): [fold(w) for w in v] for k, v in _data()["not_after"].items()}
    if addressed_in_plural(who):
        return False
    return not (words[0] in bad and words[1] in bad[words[0]])


def addressed_in_plural(who: str) -> bool:
    """"Ủy ban nhân dân các xã, thị trấn … có ý kiến": bodies addressed in the plural, never the issuer."""
    return bool(re.match(r"(?i)(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|sở|phòng|bộ)\s+các\s",
                         collapse_ws(fold(who))))


def specific_type(typ: str | None) -> str | None:
    """The type a page's generic word for its document stands for ("văn bản" -> "Công văn"; header_repost.json
    generic_types)."""
    return _data()["generic_types"].get(typ, typ) if typ else typ


def body_verb(text: str, limit: int = 4000) -> tuple[str | None, str, tuple[int, int]] | None:
    """(type or None, issuing body as printed, its span) from the document's own sentence
    "<body> thông báo / hướng dẫn / xây dựng Kế hoạch …" in the first paragraphs."""
    ft = fold(text[:limit])
    for m in _who_verb_re().finditer(ft):
        who = text[m.start("who"):m.end("who")]
        if not _opener_ok(who) or re.search(r"(?i)trách\s+nhiệm", ft[m.end("who"):m.end()]):
            continue   # "Phòng Văn hóa - Xã hội, … có trách nhiệm thông báo …": a task, not the issuer speaking
        if m.group("verb"):
            verb = collapse_ws(m.group("verb")).lower()
            if verb == "có ý kiến" and _official_titles().match(fold(who).lower()):
                continue   # "Phó Chủ tịch UBND tỉnh có ý kiến như sau": an opinion an office passes on
            typ = {fold(k): v for k, v in _data()["verb_types"].items()}.get(verb)
        else:
            typ = specific_type(canonical_type(m.group("type")))   # "UBND tỉnh ban hành văn bản yêu cầu …": a letter
        return typ, collapse_ws(re.sub(r"\s*\([^()]*\)", "", who)), (m.start("who"), m.end("who"))
    return None


_PLACE_LEVEL = re.compile(rf"{vocab.level_pattern(space=' ', capital=True)}\s+")


def _news_headline(t: str) -> bool:
    """A portal's news headline: a place and what it did ("Xã Chí Minh tổ chức Hội nghị đối thoại …"), not a title."""
    m = _PLACE_LEVEL.match(t)
    if not m:
        return False
    words = t[m.end():].split()
    name = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
    return 1 <= len(name) <= 3 and len(words) > len(name) and words[len(name)][:1].islower()


def plain_title(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first line when it reads as a title (capitalised, no sentence, not a body opener such
    as "Căn cứ …" / "Thực hiện …"): the subject of a reposted notice ("Lịch tiếp công dân …")."""
    m = re.search(r"[^\n]+", text[:1000])
    if not m:
        return None
    line = m.group(0)
    t = _without_title_stop(line.strip())
    if not t or not t[0].isupper() or len(t) > 250 or len(t.split()) < 3 or t.endswith((".", ":", ";", ",")) \
            or _OPENERS_STOP.match(fold(t)) or re.search(r"(?i)\s(?:đã|sẽ)\s", fold(t)) or _news_headline(t):
        return None
    start = m.start() + (len(line) - len(line.lstrip()))
    end = start + len(t)
    vv = re.search(r"(?i)\s(?=(?:về việc|v/v)\s)", fold(t))
    if vv:
        start += vv.end()   # "UBND phường Hương An thông báo Về việc …": the subject is the "Về việc …" part
    nxt = re.match(r"\n[ \t]*([a-zđà-ỹ][^\n]*)", text[end:end + 300])
    if nxt and not nxt.group(1).rstrip().endswith((":", ";")):
        end += nxt.end()     # the title wraps onto a line that goes on in lower case
    return collapse_ws(text[start:end]), (start, end)


def opens_with_official(text: str) -> bool:
    """Does `text` open with a head's title and go on ("Chủ tịch Ủy ban nhân dân …", "Bộ trưởng Bộ …")?"""
    f = fold(text)
    m = _official_titles().match(f)
    return bool(m) and m.end() < len(f.rstrip())


@lru_cache(maxsize=1)
def _official_titles() -> re.Pattern:
    """One or more heads' titles in a row ("Bộ trưởng, Chủ nhiệm ")."""
    titles = phrase_alternation(fold(t) for t in _data()["official_titles"])
    return re.compile(rf"(?i)(?:{titles}(?!\w)\s*[,&]?\s*(?:và\s+)?)+")


def body_of_official(who: str) -> str:
    """The body a head's title names ("Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc" -> "Ủy ban Dân tộc",
    "Chủ tịch Ủy ban nhân dân tỉnh An Giang" -> "Ủy ban nhân dân tỉnh An Giang"); a title that is
    itself a known body ("Thủ tướng Chính phủ") is kept."""
    w = collapse_ws(who).strip(" ,.;")
    if agencies._lookup(agencies.canonical_agency(w))[0] is not None:
        return w
    m = _official_titles().match(fold(w))
    rest = w[m.end():].strip() if m else w
    return rest or w
