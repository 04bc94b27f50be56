"""Tasks assigned in prose: numbered items 1., a), bullets, and the sentences that name who
does what ("X chủ trì, phối hợp với Y …", "Giao Sở … thực hiện …", "(Cơ quan tham mưu: Sở Tài
chính; thời gian: hoàn thành Dự thảo trong tháng 9/2025)", "…; hoàn thành trong tháng 6/2025").

Scope: the "Tổ chức thực hiện" part when the document has one, else the whole body up to
"Nơi nhận". Structure: roman headings give the section; "1." items, "a)" items and "-" bullets
nest; a heading ending in ":" ("b) Các cơ quan Đảng ở tỉnh và địa phương:") opens a list whose
items inherit its lead, and an unmarked paragraph under it is one more item; an unmarked
paragraph after a plain item continues it ("Định kỳ hàng năm, báo cáo …"), unless it opens with
a body of its own (a closing exhortation). A task is an item that names a responsible body or a
deadline. Numbering: "1.a", bullets under a lettered item by position ("1.b.2"), an only bullet
takes its parent's label.

The lead is the body that carries the work out: "A chỉ đạo B chỉ đạo C tổ chức …" -> C;
"X chủ trì" -> X; "A lãnh đạo B …" -> A (leadership does not pass the task on).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors import agencies, vocab
from extractors.agency_lists import is_collective, is_list_prefix, split_agencies, starts_body
from extractors.dates import FULL_DATE, find_dates
from extractors.deadlines import opens_with_condition, parse_deadline
from extractors.doctypes import type_regex
from extractors.numbers import find_numbers
from extractors.phrases import phrase_alternation
from extractors.task_common import make_task
from pipeline.model import ReadDocument
from pipeline.normalize import collapse_ws, fold

_ROMAN_H = re.compile(r"^\s*([IVX]{1,5})\s*[.\-–/]\s*(\S.*)$")
# "1.", "1)", "1-", "1/" (the slash right after the number: "54 / BHXH - CĐ" is a symbol wrapped onto its own line)
_NUM = re.compile(r"^\s*(\d{1,2})(?:\s*[.)]|\s*[-–](?!\s*\d)|/(?!\s*\d))\s+(\S.*)$")
_SUBNUM = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\s*[.)]?\s+(\S.*)$")   # "1.1. …": the second level, as a letter is
_LETTER = re.compile(r"^\s*([a-zđ])\s*[)\]]\s*(\S.*)$")
_DASH = re.compile(r"^\s*[-–+•*]\s+(\S.*)$")
_CONDITION = re.compile(r"(?i)trường hợp\b")   # "Trường hợp Chủ tịch có công tác đột xuất, …": a note
_STOP = re.compile(r"^\s*(?:nơi nhận|t/m|tm\.|kt\.|tl\.|tuq\.)", re.I)
_GLUED_STOP = re.compile(r"(?i)\.\s*/?\.?\s*nơi\s+nhận\s*:?\s*$")   # "… giải quyết./.Nơi nhận:": the last paragraph


@lru_cache(maxsize=1)
def _grammar() -> dict:
    d = dict(vocab.load("task_verbs.json"))  # a copy: verb_rx is added below
    verbs = sorted((fold(v) for v in d["verbs"]), key=len, reverse=True)
    # not a verb: after "được"/"đã", inside a project board's name ("Ban QLDA đầu tư xây dựng các công trình …"),
    # inside a noun ("Ban An toàn giao thông": in_nouns)
    # … nor "tổ chức" naming bodies ("các tổ chức tín dụng", "tổ chức chính trị - xã hội")
    alternatives = "|".join(_verb(v, d["in_nouns"]) for v in verbs)
    nouns = phrase_alternation(fold(w) for w in d["nouns_after_verb"])
    d["verb_rx"] = re.compile(r"(?<![,\w])(?<!được )(?<!đã )(?<!đầu tư )(?<!công )\s?(?:" + alternatives
                              + r")(?![^\W\d_])(?!\s+" + nouns + r"(?!\w))")
    # "Giao / Đề nghị …" opening a sentence; "chỉ đạo / giao …" handing the task on (folded, lower case)
    d["assign_rx"] = re.compile(r"^\s*" + phrase_alternation(fold(a) for a in d["assign"]) + r"\s+(?:cho\s+)?")
    d["pass_on_rx"] = re.compile(r"^\s*" + phrase_alternation(fold(a) for a in d["pass_on"]) + r"\s+")
    # "IV. TỔ CHỨC THỰC HIỆN", "3. Tổ chức thực hiện": the heading the tasks of a plan follow (folded, lower case)
    d["section_rx"] = re.compile(r"^\s*(?:([IVX]{1,5}|\d{1,2})\s*[.\-–/)]\s*)?(?:"
                                 + "|".join(re.escape(fold(t)) for t in d["section_titles"]) + r")\b", re.I)
    return d


def _verb(verb: str, in_nouns: dict) -> str:
    """A verb of the alternation, refused where the word next to it makes it part of a noun."""
    rule = in_nouns.get(verb, {})
    after = "".join(f"(?<!{re.escape(fold(w))} )" for w in rule.get("after", []))
    before = phrase_alternation(fold(w) for w in rule.get("before", [])) if rule.get("before") else None
    spelt = r"\s*".join(map(re.escape, verb.split()))   # "phốihợp": a web copy lost the space inside the verb
    return after + spelt + (rf"(?!\s+{before}(?!\w))" if before else "")


@dataclass
class _Para:
    text: str
    start: int
    end: int
    page: int | None = None


@dataclass
class _Item:
    label: list[str]
    text: str
    span: tuple[int, int]
    page: int | None
    ctx_lead: list[str]
    ctx_support: list[str]
    section: str | None
    parent_key: tuple = ()
    own_label: bool = False  # the item is the numbered/lettered paragraph itself
    extra: list[str] = field(default_factory=list)


def _paragraphs(doc: ReadDocument) -> list[_Para]:
    blocks = [b for b in doc.blocks if b.kind == "paragraph" and b.part == "body"]
    if doc.format != "txt":
        out = []
        for b in blocks:
            for ln_start, ln in _split_keep(b.text, b.start):
                out.append(_Para(ln, ln_start, ln_start + len(ln), b.page))
        return out
    return _rejoin_lines([(b.text, b.start, b.end) for b in blocks])


def _split_keep(text: str, start: int):
    """A paragraph block may hold several list items on separate lines (PDF)."""
    pos = 0
    for ln in text.split("\n"):
        if ln.strip():
            yield start + pos, ln
        pos += len(ln) + 1


# a capitalised cue that opens a paragraph, never a wrapped line ("- Ủy ban nhân dân các tỉnh … (từ Quảng Ngãi trở ra)"
# / "Xét đề nghị của Bộ …": the recipients end, the body begins)
_OPENS_PARAGRAPH = re.compile(r"(?:Xét|Căn cứ|Thực hiện|Theo|Kính gửi|Để|Nhằm|Trên cơ sở)(?!\w)")


def _rejoin_lines(lines: list[tuple[str, int, int]]) -> list[_Para]:
    """Plain text from a PDF: wrapped lines back into paragraphs. A paragraph ends before an
    item marker and after a line much shorter than the text's usual line."""
    nonblank = [t.rstrip() for t, _, _ in lines if t.strip()]
    if not nonblank:
        return []
    lens = sorted(len(t) for t in nonblank if len(t) > 20) or [60]
    full = lens[int(len(lens) * 0.6)]
    out: list[_Para] = []
    cur: _Para | None = None
    prev_short = True
    for text, s, e in lines:
        t = text.strip()
        if not t:
            continue
        marker = bool(_NUM.match(t) or _SUBNUM.match(t) or _LETTER.match(t) or _DASH.match(t) or _ROMAN_H.match(t)
                      or _STOP.match(t) or _OPENS_PARAGRAPH.match(t)
                      or (t[:1].isupper() and _closing().match(fold(t))))   # "Với nội dung trên, …" opens the closing
        sentence_end = cur is not None and bool(re.search(r"[.;!?]\)?\s*$", cur.text)) and t[:1].isupper()
        if cur is None or marker or prev_short or sentence_end:
            if cur:
                out.append(cur)
            cur = _Para(t, s + (len(text) - len(text.lstrip())), e)
        else:
            glue = "" if re.search(r"\S[-/]$", cur.text) else " "
            cur.text += glue + t
            cur.end = e
        prev_short = len(text.rstrip()) < 0.7 * full or bool(re.search(r"[:]\s*$", t))
    if cur:
        out.append(cur)
    # a stray watermark or page number between lines ("Dự thảo", "2") is not a paragraph
    return [p for p in out if len(p.text.split()) >= 3 or _NUM.match(p.text) or _LETTER.match(p.text)
            or _STOP.match(p.text)]


def _scope(paras: list[_Para]) -> tuple[int, int, str | None]:
    """(first, end, section) paragraphs that may assign tasks."""
    g = _grammar()
    end = next((i + 1 if _GLUED_STOP.search(p.text) else i for i, p in enumerate(paras)
                if _STOP.match(p.text) or _GLUED_STOP.search(p.text)), len(paras))
    for i, p in enumerate(paras[:end]):
        if len(p.text) >= 80:
            continue
        m = g["section_rx"].match(fold(p.text).lower())
        if m:
            sec = p.text[m.start(1):m.end(1)].upper() if m.group(1) else None
            return i + 1, end, sec
    start = next((i for i, p in enumerate(paras[:end])
                  if _NUM.match(p.text) or _roman_heading(p.text) or _LETTER.match(p.text)), end)   # "a)" lists too
    if 0 < start < end and paras[start - 1].text.rstrip().endswith(":"):
        start -= 1   # the list's introduction names who carries its items out
    if start == end:
        start = next((i for i in range(end - 1) if _hands_list_on(paras[i], paras[i + 1:i + 3])), end)
    return start, end, None


def _assignment_runs(paras: list[_Para], end: int, ref) -> list[_Item]:
    """A letter without a numbered list: a run of two or more paragraphs that each give a body work
    ("Giao Sở Xây dựng chủ trì …, báo cáo UBND tỉnh trước ngày 30/6/2025." / "UBND các huyện khẩn
    trương lập danh mục …") is its list of tasks. A single such paragraph is not (the readings of
    tests/real4 and real9), nor a closing request to every body with no date ("Yêu cầu các cơ quan,
    đơn vị nghiêm túc triển khai thực hiện./.")."""
    items: list[_Item] = []
    run: list[_Para] = []
    run_listed, prev = False, None
    for p in paras[:end] + [None]:
        # the paragraphs right under an introduction that announces them ("… thông báo treo cờ như sau:") are its
        # items, even when each speaks to every body ("Tất cả các cơ quan, đơn vị … treo cờ Tổ quốc …")
        listed = run_listed if run else bool(prev and _ANNOUNCES.search(prev.text.rstrip()))
        if p is not None and _assigns(p.text.strip(), ref, listed):
            run_listed = listed
            run.append(p)
        else:
            if len(run) >= 2:
                items += [_Item([], q.text.strip(), (q.start, q.end), q.page, [], [], None, (None,), False) for q in run]
            run = []
        prev = p
    return items


# an introduction that announces the paragraphs under it: "…, UBND huyện thông báo treo cờ Tổ quốc như sau:"
_ANNOUNCES = re.compile(r"(?i)(?:như\s+sau|sau\s+đây|các\s+nội\s+dung\s+sau)\s*:$")


def _assigns(t: str, ref, listed: bool = False) -> bool:
    """Does this unnumbered paragraph give a named body work ("Giao X …", "X khẩn trương …")? `listed`: it is
    one of the paragraphs an introduction announces, which may speak to every body."""
    if not t or t.endswith(":") or _NUM.match(t) or _LETTER.match(t) or _DASH.match(t) or _roman_heading(t) \
            or re.match(r"(?i)điều\s+\d", t) or _closing().match(fold(t)):
        return False
    if _grammar()["assign_rx"].match(fold(t).lower()):
        lead = _chain_lead(t)[0]
        listed = False   # "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.": a closing request
    elif starts_body(t):
        phrase, stop = _agency_phrase(t)
        relays = _relays().search(fold(t[:stop + 24]).lower())   # before or as its first verb
        bodies = split_agencies(phrase)
        # a name, or a list of names ("Các sở, ban, ngành, …; UBND các huyện, thị xã, thành phố"), not a sentence
        named = len(phrase.split()) <= (20 if listed else 12) or len(phrase) <= 240 and len(bodies) >= 2 \
            and all(len(b.split()) <= 20 for b in bodies)
        lead = bodies if stop < len(t) and named and not re.search(r"\d", phrase) and not relays else []
    else:
        return False
    if not lead:
        return False
    return listed or not all(is_collective(x) for x in lead) or _deadline_tail(t, ref)[1] is not None


@lru_cache(maxsize=1)
def _relays() -> re.Pattern:
    """The verbs of a body that only passes the letter on (data/task_verbs.json relays; folded, lower case)."""
    return re.compile(r"(?<!\w)" + phrase_alternation(fold(w) for w in _grammar()["relays"]) + r"(?!\w)")


def _hands_list_on(intro: _Para, items: list[_Para]) -> bool:
    """A list of dashes only, or of paragraphs that open with their verb, introduced by a sentence that hands its
    items to a body ("…, yêu cầu BHXH các tỉnh thực hiện:" + "- Về báo cáo tháng …"; "… yêu cầu Thủ trưởng các cơ
    quan, Chủ tịch UBND các xã:" + "Tổ chức quán triệt Kế hoạch …"). A list introduced otherwise is a list of
    recipients, invitees or findings; a single paragraph under it is one instruction (the real4/real9 reading)."""
    head = intro.text.rstrip()
    if not head.endswith(":") or not items:
        return False
    listed = bool(_DASH.match(items[0].text)) or len(items) == 2 and all(_opens_with_verb(q.text.strip()) for q in items)
    return listed and bool(_intro_hands_on(head.rstrip(" :"))[0])


def _roman_heading(t: str) -> re.Match | None:
    """"II. TỔ CHỨC THỰC HIỆN" or a short "I. Nhiệm vụ chung": a roman section heading."""
    m = _ROMAN_H.match(t.strip())
    if not m or re.match(r"(?i)v\s*/\s*v\b", t.strip()):
        return None   # "V/v …" is a letter's subject line
    title = m.group(2).strip()
    if title == title.upper() or (len(title) < 80 and not re.search(r"[.;:,]$", title)):
        return m
    return None


# the cue that announces the list, after the body it is handed to: "… như sau", "…, cụ thể như sau"
_LIST_CUE_END = re.compile(r"(?i)(?:\s*,)?\s+(?:cụ\s+thể\s+)?như\s+sau\s*$")


def _agency_phrase(text: str) -> tuple[str, int]:
    """The agency phrase at the start of `text` and where it ends (before the first verb)."""
    m = _grammar()["verb_rx"].search(fold(text))  # lower-case only: "Ban Chỉ đạo" is a name
    stop = m.start() if m else len(text)
    phrase = re.sub(r"\s*\([^)]*\)?\s*$", "", text[:stop]).strip(" ,;:")   # "… tỉnh (theo lịch phân công) chủ trì"
    phrase = _LIST_CUE_END.sub("", phrase)   # "yêu cầu Bộ Kế hoạch và Đầu tư như sau:"
    phrase = re.sub(r"[\s,]+và$", "", phrase)   # "các sở, ngành và | đề nghị …": "và" joins the next verb
    adverb = _trailing_adverb().search(fold(phrase))
    return (phrase[:adverb.start()].rstrip(" ,") if adverb else phrase), stop


@lru_cache(maxsize=1)
def _trailing_adverb() -> re.Pattern:
    """An adverb between a body and its verb ("UBND xã chỉ xem xét"), lower case as printed."""
    return re.compile(r"(?:\s+" + phrase_alternation(fold(w) for w in _grammar()["adverbs"]) + r")+\s*$")


def _find_support(text: str) -> list[str]:
    """The bodies after "phối hợp với", "thống nhất với" …, up to a verb or what the work is about
    ("thống nhất với UBND tỉnh Quảng Trị về quy mô …")."""
    g = _grammar()
    f = fold(text).lower()
    for w in g["support"]:
        m = re.search(r"\s*".join(map(re.escape, fold(w).split())), f)   # "phốihợp với": a web copy's glue
        if m:
            rest = text[m.end():]
            phrase, _ = _agency_phrase(rest)
            return split_agencies(re.split(r"\s+(?:về|để|nhằm|trong việc)\s", phrase, maxsplit=1)[0])
    return []


# who an assignment verb may name in lower case: "Đề nghị cơ quan lập quy hoạch …", "Giao chủ đầu tư …"
_ADDRESSEE = re.compile(r"(?:cơ quan|đơn vị|chủ đầu tư|địa phương|nhà thầu)\s+\w")


def _chain_lead(text: str) -> tuple[list[str], list[str]]:
    """Lead and support named by the sentence: subject, 'chỉ đạo' chain, 'chủ trì', 'phối hợp với'."""
    g = _grammar()
    f = fold(text).lower()
    lead: list[str] = []
    pos = 0
    m = g["assign_rx"].match(f)
    if m:
        pos = m.end()
    elif not starts_body(text):
        # an assignment after an opening clause, or else a sentence opening with its verb: the list's lead does it
        pos = _assigned_after_clause(f)
    if pos >= 0:
        phrase, stop = _agency_phrase(text[pos:])
        # a body, or after an assignment verb a lower-case addressee ("Đề nghị cơ quan lập quy hoạch …")
        named = starts_body(phrase) and not _generic(phrase) or (m is not None and _ADDRESSEE.match(fold(phrase)))
        # no agent: a passive ("Các trường hợp được gia hạn"), a lone "Các" before "tổ chức", a field label
        # ("Đơn vị thực hiện: …"), a sentence holding a document number ("Bộ … đã có Công văn số …")
        if phrase and named and not re.search(r"(?<!\w)được(?!\w)", phrase) and not find_numbers(phrase) \
                and fold(phrase).lower() not in ("các", "những", "mọi", "đơn vị", "cơ quan"):
            lead = split_agencies(phrase)
        pos = pos + stop
    else:
        pos = 0
    # pass the task on along "chỉ đạo B", "giao B"
    while True:
        rest_f = f[pos:]
        m = g["pass_on_rx"].match(rest_f)
        if not m:
            break
        phrase, stop = _agency_phrase(text[pos + m.end():])
        if not phrase or not starts_body(phrase):
            break
        # "yêu cầu các sở, ngành và đề nghị các tổ chức đoàn thể thực hiện": a second addressee, not the next link
        both = lead and re.search(r"(?<!\w)và$", f[:pos].rstrip(" ,"))
        lead = (lead if both else []) + split_agencies(phrase)
        pos = pos + m.end() + stop
    return lead, _find_support(text)


def _assigned_after_clause(f: str) -> int:
    """Where the body starts in "Trước khi nghỉ lễ, yêu cầu các đơn vị …" (folded, lower case); -1 if
    no assignment follows a comma."""
    for c in re.finditer(r",\s+", f):
        a = _grammar()["assign_rx"].match(f[c.end():])
        if a:
            return c.end() + a.end()
    return -1


def _labelled(text: str) -> tuple[str, list[str], list[str], str | None]:
    """'(Cơ quan tham mưu: X; thời gian: Y)' at the end: (text without it, lead, support, deadline)."""
    g = _grammar()
    m = re.search(r"\(([^()]*)\)\s*[.;]?\s*$", text)
    if not m:
        return text, [], [], None
    inner = m.group(1)
    lead: list[str] = []
    support: list[str] = []
    deadline = None
    found = False
    for part in inner.split(";"):
        if ":" not in part:
            continue
        label, value = part.split(":", 1)
        lf = collapse_ws(fold(label).lower())
        if lf in (fold(x) for x in g["lead_labels"]):
            lead, found = split_agencies(value), True
        elif lf in (fold(x) for x in g["support_labels"]):
            support, found = split_agencies(value), True
        elif lf in (fold(x) for x in g["deadline_labels"]):
            deadline, found = collapse_ws(value).strip(" ."), True
    if not found:
        return text, [], [], None
    return text[:m.start()].rstrip(" .;,"), lead, support, deadline


# a full date inside an item, after "trước", "chậm nhất", "trong ngày" or "vào (lúc 16h00) ngày (thứ Sáu)":
# "trước ngày 20/4/2015", "trước ngày 10 tháng 4 năm 2023", "vào lúc 16h00 ngày thứ Sáu 20/4/2018"
_INLINE_DATE = re.compile(
    r"(?i)(?<!\w)(?:trước|chậm nhất|trong(?=\s+ngày)|vào(?:\s+(?:buổi\s+)?(?:sáng|chiều|tối))?"
    r"(?:\s+lúc\s+\d{1,2}\s*(?:h|giờ)\s*\d{0,2}(?:\s*phút)?)?)\s+"
    rf"(?:ngày\s+)?(?:thứ\s+\w+,?\s+)?{FULL_DATE}")


# … or the end of the period it runs for: "treo cờ … trong 03 ngày từ ngày 13 đến hết ngày 15 tháng 5 năm 2019"
# (only "đến hết": a bare "từ … đến ngày …" is as often a reporting period as a time to act)
_UNTIL_DATE = re.compile(
    rf"(?i)(?<!\w)đến\s+hết\s+(?:ngày\s+)?{FULL_DATE}")


# a month inside an item, after "trong", "trước" or "chậm nhất": "trong tháng 10 năm 2008", "trước tháng 6/2025"
_INLINE_MONTH = re.compile(r"(?i)(?<!\w)(?:trong|trước|chậm\s+nhất(?:\s+trong)?)\s+tháng\s+\d{1,2}"
                           r"(?:\s+năm\s+|\s*/\s*)(?:19|20)\d\d(?!\d)")


# a body's recurring due date inside an item: "gửi về BHXH Việt Nam trước ngày 28 hàng tháng",
# "gửi hỏa tốc đến Văn phòng Chính phủ trước 14 giờ 00 hàng ngày"
# "báo cáo … trước ngày 15/12 hằng năm"
_RECURRING_DUE = re.compile(r"(?i)(?<!\w)(?:trước|chậm\s+nhất(?:\s+vào)?)\s+"
                            r"(?:ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}|\s+tháng\s+\d{1,2})?|\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?)"
                            r"\s+h[àằ]ng\s+(?:ngày|tuần|tháng|quý|năm)(?!\w)")


# a deadline labelled at the end of an item, after its work: "…; thời gian thực hiện: Quý II/2025."
_LABELLED_DUE = re.compile(r"(?i)[;,.]\s*(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*"
                           r"([^;:]{2,80}?)\s*[.;]?\s*$")


def _is_deadline_note(note: str, ref) -> bool:
    """A bracketed note that is a deadline ("Hoàn thành trước ngày 20/6/2025", "Sau khi có ý kiến …"), not one that
    names a guide to follow ("Nội dung băng zôn, khẩu hiệu theo hướng dẫn của Ban Tuyên giáo Huyện ủy")."""
    kind = parse_deadline(note, *ref)["deadline_kind"]
    return kind != "none" and (kind != "conditional" or opens_with_condition(note))


def _deadline_tail(text: str, ref) -> tuple[str, str | None]:
    """A deadline at the end of the item: '(Hoàn thành trước ngày 20/6/2025 …).', '; hoàn thành
    trong tháng 6/2025.' — (text without it, deadline text)."""
    m = re.search(r"\(([^()]*)\)\s*[.;]?\s*$", text)
    if m and _is_deadline_note(m.group(1), ref):
        return text[:m.start()].rstrip(" .;,"), collapse_ws(m.group(1)).strip(" .")
    m = _LABELLED_DUE.search(text)   # "…; thời gian thực hiện: Quý II/2025."
    if m and parse_deadline(m.group(1), *ref)["deadline_kind"] != "none":
        return text[:m.start()].rstrip(" .;,"), collapse_ws(m.group(1)).strip(" .")
    m = re.search(r"[;,]\s*((?:hoàn thành|thực hiện|xong|trước|trong|chậm nhất)[^;]*)$", text, re.I)
    if m and not find_numbers(m.group(1)) and parse_deadline(m.group(1), *ref)["deadline_kind"] not in ("none",):
        # "…, thực hiện Công văn số 11034/VPCP-KGVX ngày 17/10/2017 …": a document's date is no deadline
        return text[:m.start()].rstrip(" .;,"), collapse_ws(m.group(1)).strip(" .")
    m = re.search(r"(?i)(?:^|[.;,]\s+)((?:định kỳ|hằng|hàng)\s+(?:hằng\s+|hàng\s+)?(?:năm|quý|tháng|tuần))(?!\w)", text)
    if m:
        return text, m.group(1)
    m = re.search(r"(?i)(?<!\w)vào\s+(?:ngày\s+\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*\s+|thứ\s+\w+\s+)?h[àằ]ng\s+(?:tuần|tháng|quý|năm)(?!\w)",
                  text)
    if m:
        return text, m.group(0)   # "… tiếp công dân vào ngày 15 hàng tháng": a recurring date inside the item
    m = re.search(r"(?i)(?<!\w)(?:đảm bảo|bảo đảm)\s+hoàn\s+thành\s[^.;]{0,80}?(?:trong|trước)\s[^.;]{0,30}?(?:19|20)\d\d", text)
    if m and parse_deadline(m.group(0), *ref)["deadline_kind"] != "none":
        return text, m.group(0)   # "…, đảm bảo hoàn thành công trình trong năm 2018. …": inside the item
    m = _INLINE_DATE.search(text)
    if m and parse_deadline(m.group(0), *ref)["deadline_kind"] == "date":
        return text, m.group(0)   # "… hoàn thành tổng kết … trước ngày 20/4/2015; …": a date inside the item
    m = _INLINE_MONTH.search(text)
    if m and parse_deadline(m.group(0), *ref)["deadline_kind"] == "month":
        return text, m.group(0)   # "…, trình Chính phủ trong tháng 10 năm 2008;": a month inside the item
    return text, None


def _is_title(text: str) -> bool:
    """'Về công tác lãnh đạo, chỉ đạo': a heading, not an assignment."""
    t = text.strip()
    if t.endswith((".", ":", ";")):
        return False
    if re.match(r"^(?:Về|VỀ)\b", t):
        return len(t.split()) <= 40   # "Về đẩy mạnh chuyển đổi số, … trong hệ thống chính trị"
    if _grammar()["assign_rx"].match(fold(t).lower()):
        return False   # "Giao Trung tâm … đăng tải thông báo này": an assignment without its full stop
    return len(t.split()) <= 25 and (t == t.upper() or not starts_body(t))


def extract_prose_tasks(doc: ReadDocument, ref) -> list[dict]:
    """Tasks assigned by numbered items and sentences of the body."""
    paras = _paragraphs(doc)
    return _timed(_prose_tasks(paras, ref), paras, ref)


# an item that only says when: "2/ Thời gian treo cờ Tổ quốc: Từ ngày 30/4/2025 đến hết ngày 01/5/2025."
_TIME_ITEM = re.compile(r"(?i)^\s*(?:\d{1,2}\s*[./)]\s*)?thời\s+gian(?:\s+[^:\d]{1,60})?\s*:\s*(.*)$")


_PERIOD_LABEL = re.compile(r"(?i)^[-–+•*\s]*(?:đợt\s+\d+\s*:)?\s*")   # "+ Đợt 2: "


def _timed(tasks: list[dict], paras: list[_Para], ref) -> list[dict]:
    """A list whose own item says when its work is done ("Thời gian treo cờ: + Đợt 1: từ … đến hết ngày 20/8;
    + Đợt 2: từ … đến hết ngày 03/9/2019") gives that time to its tasks that have none: the last day named."""
    if not tasks:
        return tasks
    best: tuple[str, str] | None = None   # (the period as printed, its last day)
    for i, p in enumerate(paras):
        m = _TIME_ITEM.match(p.text)
        if m is None or any(t["span"][0] <= p.start < t["span"][1] for t in tasks if t.get("span")):
            continue
        parts = [m.group(1)] + [q.text for q in itertools.takewhile(lambda q: _DASH.match(q.text), paras[i + 1:])]
        for part in parts:
            last = max((d.iso for d in find_dates(part) if d.iso), default=None)   # a window, or a list of days
            if last and (best is None or last > best[1]):
                best = (collapse_ws(_PERIOD_LABEL.sub("", part)).rstrip(" .;"), last)
    if best is None:
        return tasks
    for t in tasks:
        if t["deadline_kind"] == "none":
            t.update(deadline_text=best[0], deadline=best[1], deadline_kind="date")
    return tasks


def _prose_tasks(paras: list[_Para], ref) -> list[dict]:
    lo, hi, roman = _scope(paras)
    if lo >= hi:
        return _number_and_build(_assignment_runs(paras, hi, ref), ref)
    items: list[_Item] = []
    section = roman
    num: str | None = None
    letter: str | None = None
    ctx: dict[int, tuple[list[str], list[str], bool]] = {}  # level -> (lead, support, open list)
    heading_pending = False
    for p in paras[lo:hi]:
        t = p.text.strip()
        span = (p.start, p.end)
        m = _roman_heading(t)
        if m:
            section, num, letter, ctx = m.group(1), None, None, {}
            roman = roman or section   # numbered items now sit in roman sections
            continue
        m = _NUM.match(t)
        if m:
            num, letter, body = m.group(1), None, m.group(2)
            ctx = {k: v for k, v in ctx.items() if k < 1}
            if roman is None:
                section = num
            if _names_only(body):   # "2. Trung tâm Văn hóa - Thông tin và Thể thao" over its dashes
                ctx[1], heading_pending = (split_agencies(body.strip(" .:;")), [], True), False
                continue
            if _is_title(body):
                heading_pending = True
                continue
            heading_pending = False
            if body.rstrip().endswith(":"):
                ld, sp = _chain_lead(body.rstrip(" :"))
                ctx[1] = (ld or _inherit(ctx, 1)[0], sp, True)
                continue
            items.append(_Item([num], body, span, p.page, *_inherit(ctx, 1), section, (num,), True))
            continue
        m = _SUBNUM.match(t)
        if m and m.group(1) != num:   # "2.1." under an item 2 not printed as its own line
            num, letter, ctx = m.group(1), None, {k: v for k, v in ctx.items() if k < 1}
            section = num if roman is None else section
        m = m or _LETTER.match(t)
        if m:
            letter, body = m.group(m.re.groups - 1), m.group(m.re.groups)
            ctx = {k: v for k, v in ctx.items() if k < 2}
            heading_pending = False
            if body.rstrip().endswith(":"):
                head = body.rstrip(" :")
                ld, sp = _chain_lead(head)
                if not ld and starts_body(head):
                    ld = split_agencies(head)
                ctx[2] = (ld or _inherit(ctx, 2)[0], sp or (_inherit(ctx, 2)[1] if not ld else []), True)
                continue
            items.append(_Item([num or "", letter], body, span, p.page, *_inherit(ctx, 2), section,
                               (num, letter), True))
            continue
        m = _DASH.match(t)
        body = m.group(1) if m else t
        level = 3
        if not m and (_closing().match(fold(body)) or _CLOSING_REQUEST.search(body) or _ARTICLE.match(body)):
            ctx, heading_pending = {}, False   # "Nhận được công văn này, đề nghị …": the letter's closing
            continue
        if not m:
            open_level = max((k for k, v in ctx.items() if v[2]), default=None)
            if body.rstrip().endswith(":"):
                lvl = 2 if letter else 1 if (num or section) else 0   # before any "1.": the list's introduction
                head = body.rstrip(" :")
                ld, sp = _intro_hands_on(head) if lvl == 0 else _chain_lead(head)
                if ld or lvl:   # an introduction that hands nothing on opens no list
                    ctx[lvl] = (ld or _inherit(ctx, lvl)[0], sp, True)
                heading_pending = False
                continue
            if open_level is None or heading_pending:
                if heading_pending and body[:1].islower():
                    continue   # the heading's title wrapped onto a line of its own ("5. Về đẩy mạnh … đổi mới" + "sáng tạo …")
                if heading_pending and num:
                    items.append(_Item([num], body, span, p.page, *_inherit(ctx, 1), section, (num,), True))
                    heading_pending = False
                    continue
                if items and not starts_body(body):
                    items[-1].extra.append(body)
                    items[-1].span = (items[-1].span[0], p.end)
                continue
            if starts_body(body) or _CONDITION.match(body):
                ctx = {}  # a closing paragraph with its own subject, or a note "Trường hợp …", ends the lists
                continue
        parent = (num, letter) if letter else (num,) if num else (section,)   # bullets right under "I. …": I.1, I.2
        items.append(_Item(list(parent), body, span, p.page, *_inherit(ctx, level), section, parent, False))
    return _number_and_build(items, ref)


_DONE = re.compile(r"[^,;:.]{2,90}?\s(?:đã|đang|vừa)\s")   # "<body> đã …": what a body did or is doing
_ARTICLE = re.compile(r"(?i)điều\s+\d+[a-z]?\s*[.:]")   # "Điều 3. Quyết định này thay thế …": a decision's next article


# the letter's last paragraph asking every body to carry it out: "Để góp phần …, đề nghị các cơ quan, đơn vị và nhân dân
# trên địa bàn nghiêm túc triển khai thực hiện./.", "Đề nghị Hiệu trưởng các đơn vị chấp hành nghiêm túc./."
_CLOSING_REQUEST = re.compile(r"(?i)(?:đề nghị|yêu cầu)\s+(?:\S+\s+){0,3}?(?:các|toàn thể|mọi)\s[^.;]{0,120}?"
                              r"(?:(?:triển khai\s+)?thực hiện|chấp hành)(?:\s+nghiêm túc)?\s*\./\.?\s*$")


@lru_cache(maxsize=1)
def _closing() -> re.Pattern:
    """The closing formula of a letter or plan (data/task_verbs.json 'closing'), which ends the items."""
    return re.compile(r"(?i)\s*" + phrase_alternation(fold(w) for w in _grammar()["closing"]) + r"(?!\w)")


def _names_only(text: str) -> bool:
    """The item names bodies and nothing they are to do: no verb, every piece a body."""
    pieces = split_agencies(text.strip(" .;,"))
    return bool(pieces) and not _grammar()["verb_rx"].search(fold(text)) \
        and all(starts_body(p) and len(p.split()) <= 12 for p in pieces)


# "kính báo cáo Thủ tướng Chính phủ như sau", "kính trình UBND tỉnh xem xét, phê duyệt dự toán như sau"
_REPORTS = re.compile(r"(?i)\s*(?:kính\s+|xin\s+)?(?:báo\s+cáo|trình)\b[^;.]{0,160}\bnhư\s+sau$")


def _is_report(text: str) -> bool:
    """Does the introduction's last clause have a body report to its superior ("…, Bộ GTVT kính báo
    cáo Thủ tướng Chính phủ như sau")? Its items are findings, not tasks."""
    last = re.split(r"[,;.]\s+", text)[-1]
    subject, stop = _agency_phrase(last)
    return starts_body(subject) and bool(_REPORTS.match(fold(last[stop:])))


def _handed_on(text: str) -> tuple[list[str], list[str]]:
    """The bodies a list's introduction hands its items to ("Phòng X yêu cầu các trường … thực hiện
    các nội dung sau"); none when it names only its own subject ("UBND tỉnh ban hành Kế hoạch …")."""
    if _grammar()["assign_rx"].match(fold(text).lower()):
        return _chain_lead(text)   # "…, yêu cầu Cục Thuế các tỉnh tập trung thực hiện các công việc sau đây"
    subject, stop = _agency_phrase(text)
    if not starts_body(subject):
        return [], []
    rest = fold(text[stop:]).lower()
    if _grammar()["pass_on_rx"].match(rest):
        return _chain_lead(text)
    m = _and_passes_on().search(rest) or _issues_and_passes_on().match(rest)
    return _chain_lead(text[stop + m.end():]) if m else ([], [])


@lru_cache(maxsize=1)
def _and_passes_on() -> re.Pattern:
    """"… và yêu cầu / giao …": the subject's second verb hands the work on (folded, lower case)."""
    return re.compile(r"\svà\s+(?=" + phrase_alternation(fold(a) for a in _grammar()["pass_on"]) + r"\s)")


@lru_cache(maxsize=1)
def _issues_and_passes_on() -> re.Pattern:
    """"(UBND tỉnh) ban hành văn bản yêu cầu …", "đã có Công văn số 12/UBND-KT ngày 3/5/2024 đề nghị …": the subject
    issues a document that hands the work on (folded, lower case)."""
    return re.compile(rf"(?:đã\s+)?(?:ban\s+hành|có|gửi)\s+(?:{type_regex()})(?:\s+số\s+\S+)?(?:\s+ngày\s+\S+)?\s+"
                      r"(?=" + phrase_alternation(fold(a) for a in _grammar()["pass_on"]) + r"\s)", re.IGNORECASE)


def _intro_hands_on(text: str) -> tuple[list[str], list[str]]:
    """The bodies a list's introduction hands its items to: those of its first clause, opening with
    a body or an assignment, that hands anything on ("Kính gửi: …. Thực hiện Kế hoạch số …, Phòng
    Giáo dục yêu cầu các trường thực hiện các nội dung sau" -> the schools; "Hiện nay, BHXH các tỉnh
    vẫn đang thông báo …. Vì vậy, đề nghị BHXH các tỉnh thực hiện …, cụ thể như sau" -> BHXH)."""
    if _is_report(text):
        return [], []
    g = _grammar()
    for cut in [0] + [m.end() for m in re.finditer(r"[.;]\s+|,\s+", text)]:
        clause = text[cut:]
        if starts_body(clause) or g["assign_rx"].match(fold(clause).lower()):
            lead, support = _handed_on(clause)
            if lead:
                return lead, support
    return [], []


def _inherit(ctx: dict, level: int) -> tuple[list[str], list[str]]:
    for k in sorted((k for k in ctx if k < level), reverse=True):
        if ctx[k][0]:
            return ctx[k][0], ctx[k][1]
    return [], []


def _number_and_build(items: list[_Item], ref) -> list[dict]:
    children: dict[tuple, list[_Item]] = {}
    for it in items:
        if not it.own_label:
            children.setdefault(it.parent_key, []).append(it)
    out: list[dict] = []
    for it in items:
        label = [x for x in it.label if x]
        if not it.own_label:
            sibs = children[it.parent_key]
            if len(sibs) > 1 or not label:
                label.append(str(sibs.index(it) + 1))
        text = " ".join([it.text] + it.extra)
        task = _build(it, ".".join(label), text, ref)
        if task:
            out.append(task)
    return out


def _later_assignment(name: str) -> tuple[str, list[str], list[str]]:
    """"1. Đồng ý bổ sung tuyến đường … . Ủy ban nhân dân tỉnh Quảng Trị có trách nhiệm thông báo …", "1. Bộ
    đã có Công văn số … . Đề nghị cơ quan lập quy hoạch tiếp tục …": an item that opens with an approval or a
    fact and then gives a body work; the task is that sentence on."""
    for m in re.finditer(r"[.;]\s+", name):
        rest = name[m.end():]
        if rest[:1].isupper() and (starts_body(rest) and _agency_phrase(rest)[1] < len(rest)
                                   or _grammar()["assign_rx"].match(fold(rest).lower())):
            lead, support = _chain_lead(rest)
            if lead:
                return rest, lead, support
    return name, [], []


def _opens_with_verb(text: str) -> bool:
    return bool(_grammar()["verb_rx"].match(fold(text[:1].lower() + text[1:])))


def _acts_after_label(label: str, rest: str) -> bool:
    """"Tiếp công dân định kỳ: Giám đốc Sở tiếp công dân …": after a short label, a body and its verb.
    Not after a field label ("Địa điểm: Phòng Tiếp công dân …", "Mục tiêu: …": data field_labels)."""
    if not starts_body(rest) or fold(label.strip()).lower() in _field_labels():
        return False
    phrase, stop = _agency_phrase(rest)
    return stop < len(rest) and len(phrase.split()) <= 12 and not _CONDITION.search(phrase)


@lru_cache(maxsize=1)
def _field_labels() -> frozenset[str]:
    return frozenset(fold(w).lower() for w in _grammar()["field_labels"])


# head words that are also common nouns: "Lãnh đạo UBND tỉnh: …" names a body, "Lãnh đạo toàn diện trên các lĩnh vực: …"
# (a Party committee's remit) does not
_GENERIC_HEAD = re.compile(r"(?i)(?:lãnh\s+đạo|thành\s+viên|đại\s+biểu)\s")


def _generic(phrase: str) -> bool:
    """A phrase opening with such a word that names no body."""
    return bool(_GENERIC_HEAD.match(phrase)) and not agencies.find_agencies(phrase)


def _build(it: _Item, no: str, text: str, ref) -> dict | None:
    name, lead, support, deadline = _labelled(text)
    if deadline is None:
        name, deadline = _deadline_tail(name, ref)
    own_lead, own_support = [], []
    m = re.match(r"^(Đối với\s+)?([^:]{3,160}):\s+(\S.*)$", name)
    if m and starts_body(m.group(2)) and not _grammar()["verb_rx"].search(fold(m.group(2))) \
            and not (is_list_prefix(m.group(2)) and not _opens_with_verb(m.group(3))) and not _generic(m.group(2)):
        # "Các Bộ: Quốc phòng, Công an … báo cáo …": the colon is the list's; "UBND các phường: Thông báo …" is not
        own_lead = split_agencies(m.group(2))
        if not m.group(1):   # "Sở Tài chính: chủ trì …" names the work after the colon; "Đối với các cơ quan …:
            name = m.group(3)   # Treo cờ …" addresses the bodies and keeps its words
        own_support = _find_support(m.group(3))
    elif not lead:
        own_lead, own_support = _chain_lead(name)
        if not own_lead and m and _acts_after_label(m.group(2), m.group(3)):
            own_lead, own_support = _chain_lead(m.group(3))
    if not (lead or own_lead or it.ctx_lead):
        name, own_lead, own_support = _later_assignment(name)
    lead = lead or own_lead or it.ctx_lead
    support = support or own_support or (it.ctx_support if not own_lead else [])
    if deadline is None and lead and (m := _RECURRING_DUE.search(name) or _UNTIL_DATE.search(name)):
        deadline = m.group(0)   # due from a body; without one it is the public's date ("công dân đăng ký trước ngày
        # 15 hàng tháng") or a holiday ("Cán bộ, viên chức … được nghỉ … đến hết ngày 02/01/2017")
    if not lead and not deadline:
        return None
    if not deadline and _DONE.match(name) and starts_body(name):
        return None   # "Phòng Nội vụ đã tham mưu UBND huyện ban hành …": a report of work done, not a task
    if not deadline and _names_only(name):
        return None   # "- Thường trực Tổng liên đoàn lao động Việt Nam;": an invitee or recipient, no work
    return make_task(appendix=None, section=it.section, no=no, name=collapse_ws(name), lead=lead,
                     support=support, product=None, deadline_text=deadline, status_text=None, notes=None,
                     ref=ref, span=it.span, page=it.page, row=None, source="prose")
