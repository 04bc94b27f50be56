"""Relation of a cited document to the citing one, and relations reported between others.

Cue words are data (data/relations.json). A mention's relation comes from its clause — the
text from the last clause boundary (unit start, ";", ". ", ":", "(") up to the type word:
- a cue right before the type word ("Căn cứ", "Thực hiện", "Tiếp nhận", "theo", "thay thế"…);
- a paragraph opening with "Căn cứ" makes every top-level item of its ";" list `can_cu`;
- a mention following another citation in the same clause describes that citation (it is
  nested: "Nghị quyết số 11 … sửa đổi … Nghị quyết số 71 …") -> `other`, and the cue between
  the two is a relation the document *reports* (11 -sua_doi-> 71);
- coordinated mentions ("Nghị định số 267 và Nghị định số 268") share the relation;
- a unit holding only a citation (a notes cell "Quyết định số 05-QĐ/BCĐ ngày … (STT13)") is
  the source of that row: `theo`; a paragraph opening with a citation and ending with ";"
  (a basis list without the word "Căn cứ") is `can_cu`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.doctypes import canonical_type, type_regex
from extractors.phrases import phrase_alternation

RELATIONS = ("can_cu", "thuc_hien", "tra_loi", "sua_doi", "thay_the", "bai_bo", "huong_dan",
             "kem_theo", "theo", "other")


def _cues() -> dict:
    return vocab.load("relations.json")


@lru_cache(maxsize=None)
def _cue_list(kind: str) -> list[tuple[str, str]]:
    pairs = [(c, rel) for rel, cs in _cues()[kind].items() for c in cs]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


_BOUNDARY = re.compile(r";|:|\(|\)|\.\s+(?=[^\W\d_])|\n(?=\s*[-–+•*])|\t|\n(?=\s*(?:V/v|v/v|Về việc|Kính gửi|Căn cứ)\b)")
_PAREN = re.compile(r"\([^()\n]{0,120}\)")


def clause_start(ft: str, unit_start: int, pos: int) -> int:
    """Start of the clause containing `pos` inside its unit. A parenthesis closed before `pos`
    ("Sở Kế hoạch và Đầu tư (Thường trực Ban …) tại Tờ trình số") does not end the clause."""
    seg = _PAREN.sub(lambda m: " " * len(m.group(0)), ft[unit_start:pos])
    last = 0
    for m in _BOUNDARY.finditer(seg):
        last = m.end()
    return unit_start + last


_MARKER = re.compile(r"^(?:điều\s+\d+[a-z]?\s*[.:]\s*|[-–+•*]\s*|\d+(?:\.\d+)*[.)]\s*|[a-zđ][.)]\s*|[ivxlc]+[.\-–]\s*|\(\d+\)\s*|v/v\s*|về việc\s*)+")


# a reference to a part of the cited document ("điểm c, khoản 1, Điều 14", "một số điều trong",
# "Chương VII") stands between a cue and the type word without changing the cue's relation
ARTICLE_REF = re.compile(
    r"(?:(?<=\s)|^)(?:(?:một\s+số\s+|các\s+)?(?:nội\s+dung\s+(?:tại|của)\s+)?(?:điểm|khoản|điều|mục|chương|phần|tiết|phụ\s+lục)"
    r"(?:\s+(?:[\dIVXLC]+[a-zđ]?(?:\.\d+)*|[a-zđ](?=[\s,])))?(?:\s*(?:,|và)\s*)?\s*)+"
    r"(?:(?:của|trong|tại)\s*|[-–]\s*)?$"   # "… một số nội dung tại Mục III, Điều 1 - Nghị quyết số …"
    r"|(?:(?<=\s)|^)(?:một\s+số\s+)?nội\s+dung\s+(?:của|trong|tại)\s*$", re.IGNORECASE)


def strip_article_ref(p: str) -> str:
    """"tại điểm c, khoản 1, điều 14" -> "tại"; "hướng dẫn thực hiện một số điều trong" -> "hướng dẫn thực hiện"."""
    m = ARTICLE_REF.search(p)
    return p[:m.start()].rstrip(" ,") if m and m.group(0).strip() else p


def cue_before(prefix: str) -> str | None:
    """Relation of an own cue ending the prefix ("… Căn cứ", "Thực hiện các", "theo")."""
    p = strip_article_ref(_norm(prefix))
    p = re.sub(r"\b(các|những|tại|nội dung|tinh thần|kết luận tại)$", lambda m: m.group(0) if m.group(0) == "tại" else "", p).strip()
    if any(p == e or p.endswith(" " + e) for e in _cues()["examples"]):
        return None   # "… còn thiếu những căn cứ …, ví dụ như Nghị quyết số …": examples, no relation
    for cue, rel in _cue_list("own"):
        if p == cue or p.endswith(" " + cue) or p.endswith("," + cue):   # "điều chỉnh,bổ sung": a lost space
            return rel
    return None


def opening_cue(p: str) -> tuple[str | None, str]:
    """Relation and cue word of an opening cue at the start of a normalised clause ("thực hiện",
    "để triển khai thực hiện", "căn cứ", "xét", "bổ sung"); (None, "") if none."""
    rx, rels = _opening_re()
    m = rx.match(p)
    return (rels[m.group(0)], m.group(0)) if m else (None, "")


@lru_cache(maxsize=None)
def _opening_re() -> tuple[re.Pattern, dict[str, str]]:
    """The longest opening cue that is the whole clause or is followed by a space or a comma."""
    rels: dict[str, str] = {}
    for cue, rel in _cue_list("opening"):
        rels.setdefault(cue, rel)
    return re.compile("(?:" + "|".join(map(re.escape, rels)) + r")(?=[ ,]|\Z)"), rels


_CAPITAL_CLAUSE = re.compile(r",\s+(?!(?:" + "|".join(["và", "các", "của", "Điểm", "Khoản", "Điều", "Mục", "Chương",
                                                          "Phần", "Phụ lục"]) + r")\b)([A-ZĐÂĂÊÔƠƯ][^\s,]*)")


def _governs(between_raw: str) -> bool:
    """The words between an opening cue and a citation keep the cue governing it: modifiers
    ("quyết liệt, hiệu quả"), article references ("Điều 2"), other documents of the same list
    ("Luật Hộ tịch năm 2014,") — but no verb of its own ("triển khai", "sửa đổi" …, except
    "kèm theo") and no new main clause (", Ủy ban nhân dân tỉnh …")."""
    if _own_verb().search(_norm(between_raw)):
        return False
    return not new_main_clause(between_raw)


@lru_cache(maxsize=None)
def _own_verb() -> re.Pattern:
    """Any reported cue but "kèm theo", as a whole word."""
    cues = [re.escape(c) for c, rel in _cue_list("reported") if rel != "kem_theo"]
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)")


def new_main_clause(between_raw: str) -> bool:
    """", Ủy ban nhân dân tỉnh ban hành …": a comma then a capitalised word that is not a type
    word (a list item) starts a new main clause. Not in a title printed in capitals, where every word is one."""
    letters = [c for c in between_raw if c.isalpha()]
    if len(letters) > 20 and all(c.isupper() for c in letters):
        return False
    for m in _CAPITAL_CLAUSE.finditer(between_raw):
        rest = between_raw[m.start(1):]
        if not re.match(r"(?i)(?:" + type_regex() + r")(?!\w)", rest):
            return True
    return False


def _describes_unnumbered(p: str, doc_type: str | None = None) -> bool:
    """"Kế hoạch triển khai thực hiện" / "ban hành Kế hoạch thực hiện": the cue ending the clause
    follows a type word of an unnumbered document, so it describes that one, not THIS one — unless
    it is the enacting sentence naming THIS document ("Chính phủ ban hành Nghị định sửa đổi, bổ
    sung … của Nghị định số …": the type word after "ban hành" is the document's own type)."""
    for cue, _rel in _cue_list("own"):
        if p == cue or p.endswith(" " + cue):
            p = p[:len(p) - len(cue)]   # "hướng dẫn thực hiện": the cue itself is no type word
            break
    if re.search(r"(?:,|(?<!\w)đồng thời)\s*,?\s*(?:để|nhằm)?\s*$", p):
        return False   # "…, đồng thời, để thực hiện Chỉ thị số …": the cue starts a phrase of its own
    tm = re.search(rf"(?<!\w)(?:{type_regex()})(?!\s+này)(?!\w)", p, re.IGNORECASE)
    if not (tm and tm.start() > 0):
        return False
    if doc_type and re.search(r"(?<!\w)ban hành\s*$", p[:tm.start()]) and \
            canonical_type(tm.group(0)) == doc_type:
        return False
    return True


def passive_cue(between: str) -> str | None:
    """"X … được sửa đổi, bổ sung tại Y": the relation Y has to X (Y amends X), or None."""
    b = _norm(between)
    for cue, rel in sorted(((c, r) for r, cs in _cues()["passive"].items() for c in cs), key=lambda x: -len(x[0])):
        if re.search(r"(?<!\w)" + re.escape(cue) + r"(?:\s+(?:một số điều|một phần))?\s*(?:tại|bởi|theo)?\s*(?:các\s+)?$", b):
            return rel
    return None


# "Theo đề nghị của A tại Công văn số …, … và của B tại Công văn số …": the next proposer of the same clause
_NEXT_PROPOSER = re.compile(r"(?:,|(?<!\w)và)\s+của\s+[^,;:()]{3,100}?\s+(?:tại|theo)(?:\s+(?:các|những))?\s*$")


def next_proposer(between: str) -> bool:
    """Does the text between two mentions name the next one's own proposer ("…, và của Sở B tại")?"""
    return bool(_NEXT_PROPOSER.search(_norm(between)))


def list_continues(between: str) -> bool:
    """The text between two mentions ends a description and starts the next item of a list
    (", và Nghị quyết số …", "; Quyết định số …", "và Điều 2 Quyết định …") with no verb
    that would make the second mention part of the first one's description."""
    b = _norm(between)
    if not re.search(r"(?:,|;|(?<!\w)và|(?<!\w)cùng)\s*(?:các\s+)?(?:(?:điểm\s+\w+\s*,?\s*)?(?:khoản\s+\d+\s*,?\s*)?"
                     r"điều\s+\d+[a-z]?\s*(?:của\s+)?)?$", b) and not _NEXT_PROPOSER.search(b):
        return False
    for cue, _rel in _cue_list("reported"):
        if re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", b):
            return False
    return True


def _caption_like(p: str) -> bool:
    return p in _cues()["caption"]


def own_relation(prefix: str, clause_is_unit_start: bool, unit_text: str, basis_paragraph: bool,
                 only_citation: bool, prev_basis_line: bool, in_table: bool,
                 unit_opening: str | None = None, doc_type: str | None = None) -> str:
    """Relation of a top-level (not nested) mention from the words before it in its clause.
    `unit_opening` is the relation of the cue opening the mention's paragraph (a ";" list
    after "Thực hiện …; Quyết định số …" or "Xét Tờ trình …; Báo cáo thẩm tra số …")."""
    collapsed = re.sub(r"\s+", " ", prefix).strip()
    p = _MARKER.sub("", collapsed.lower())
    raw = collapsed[len(collapsed) - len(p):]
    p = strip_article_ref(p)
    raw = raw[:len(p)]
    if p in ("các", "những") or _plural_type_phrase(p):
        p = raw = ""   # "…; các báo cáo bổ sung, giải trình số …": only the plural of the mention's type words
    op_rel, op_cue = opening_cue(p)
    if basis_paragraph and op_rel in (None, "can_cu"):
        return "can_cu"
    rel = cue_before(p)
    if rel == "kem_theo" and not _caption_like(p):
        # "thực hiện theo Quy chế … ban hành kèm theo Thông tư số …": the rules followed
        rel = "theo" if re.search(r"(?<!\w)(?:theo|tại|trên cơ sở)(?!\w)", re.sub(r"kèm theo$", "", p)) else None
    if rel == "theo" and p.endswith("tại") and op_rel in ("can_cu", "thuc_hien") and _governs(raw[len(op_cue):-3]):
        # "Thực hiện ý kiến chỉ đạo của Thủ tướng tại công văn số …", "Căn cứ ý kiến của Bộ Chính trị tại
        # văn bản số …": "tại" only locates what the opening cue governs
        return op_rel
    if rel == "theo" and p.endswith("tại"):
        # "theo hướng dẫn tại", "quy định tại" follow the document; a bare "tại" only locates it
        rel = "theo" if (op_rel in ("theo", "can_cu", "thuc_hien") or p.startswith("trên cơ sở")
                         or _FOLLOWS_AT.search(p)) else "other"
    if rel == "thuc_hien" and op_rel != "thuc_hien":
        rel = "other"
    if rel == "can_cu" and not re.match(r"^căn(?: cứ|$)", p):   # "Căn Luật …": a "Căn cứ" that lost its "cứ"
        rel = None
    if rel == "tra_loi" and not (op_rel == "tra_loi" or re.search(r"(?<!\w)nhận được(?:\s+(?:các|những))?$", p)):
        rel = None
    if rel in ("thuc_hien", "sua_doi", "thay_the", "bai_bo", "huong_dan") and _describes_unnumbered(p, doc_type):
        return "other"
    if rel == "thuc_hien" or (rel is None and op_rel and _governs(raw[len(op_cue):])):
        rel = op_rel
        if op_cue.endswith("thi hành") and doc_type in _cues()["guide_types"]:
            rel = "huong_dan"
    if rel:
        return rel
    if p == "":
        if only_citation:
            return "theo" if (in_table or not unit_text.rstrip().endswith(";")) and not prev_basis_line else "can_cu"
        if basis_paragraph:
            return "can_cu"
        if unit_opening and not clause_is_unit_start:
            return unit_opening
        if clause_is_unit_start and not in_table and (unit_text.rstrip().endswith(";") or prev_basis_line):
            return "can_cu"
    if p.startswith("trên cơ sở") or p.startswith("theo "):
        return "theo"
    if _ANSWERED.search(unit_text.lower()):
        return "tra_loi"   # "Bộ X có văn bản số … Về việc này, Thủ tướng Chính phủ có ý kiến như sau:"
    return "other"


# "theo hướng dẫn tại", "quy định tại", "theo ý kiến chỉ đạo của Thủ tướng Chính phủ tại": the document followed
_FOLLOWS_AT = re.compile(r"(?<!\w)(?:(?:theo|quy định)(?:\s+\S+){0,3}|theo(?!\s+dõi)(?:\s+\S+){0,4}?\s+của\s+[^,;:]{1,80})"
                         r"\s+tại$")
_ANSWERED = re.compile(r"(?<!\w)về việc này\s*,?\s+[^.;:]{0,80}?\s(?:có|cho)\s+ý\s+kiến")


def _plural_type_phrase(p: str) -> bool:
    """"các báo cáo bổ sung, giải trình", "các tờ trình": the plural type words of the mentions
    that follow, with their modifiers but no cue of their own."""
    m = re.match(rf"(?:các|những)\s+(?:{type_regex()})(?!\w)", p, re.IGNORECASE)
    if not m:
        return False
    rest = re.sub(r"^\s*bổ\s+sung(?!\w)", "", p[m.end():])   # "báo cáo bổ sung": a supplementary report
    return not _any_cue().search(rest)


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern:
    """Any own or opening cue, as a word of its own."""
    cues = {c for kind in ("own", "opening") for c, _ in _cue_list(kind)}
    return re.compile(r"(?<!\w)" + phrase_alternation(cues) + r"(?!\w)")


def coordinated(between: str) -> bool:
    """Text between two mentions that only coordinates them ("và", ",", "và các")."""
    b = _norm(between)
    return bool(re.fullmatch(r"(ngày \S+ )?(,|và|cùng|;)?\s*(và )?(các )?", b))


def reported_cue(between: str) -> str | None:
    """A relation cue stated between an earlier citation and a later one (the last one wins)."""
    b = _norm(between)
    best: tuple[int, str] | None = None
    for cue, rel in _cue_list("reported"):
        for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", b):
            # the cue must govern the later citation: nothing but modifiers after it
            if best is None or m.start() > best[0]:
                best = (m.start(), rel)
    if best is None:
        return None
    tail = b[best[0]:]
    if re.search(r"(?i)(?<!\w)(" + type_regex() + r")(?!\w)", tail[:-1] if tail else tail):
        # a type word after the cue: the cue belongs to an unnumbered document in between
        return None
    return best[1]


# what THIS document does to the cited one (amends, replaces, repeals, guides) outranks the
# relation of an earlier mention in the basis (a decision citing in "Căn cứ" the one it replaces)
SPECIFIC = ("sua_doi", "thay_the", "bai_bo", "huong_dan")


def combine(relations: list[str]) -> str:
    """One relation per cited document: a specific action of THIS document on it if any mention
    states one, else the first mention's, or the first non-`other` later."""
    for r in relations:
        if r in SPECIFIC:
            return r
    for r in relations:
        if r != "other":
            return r
    return "other"
