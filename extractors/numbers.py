"""Number-symbols of Vietnamese documents (DOMAIN.md §1–3): a tokenizer and small parsers.

Grammar (over tone-folded text, so offsets are valid in the display text):
- state:  NUM "/" [YEAR "/"] PART ("-" PART)*        12/QĐ-UBND, 30/2020/NĐ-CP, 1039/SKH&CN-CĐS,
          45/2019/QH14, 02/2011/TTLT-VPCP-BNV, 05/BNV-VP
- Party:  NUM "-" CODE "/" PART ("/" PART)*         57-NQ/TW, 10-CTr/TU, 04-TB/BCĐTW, 123-CV/TU
- mixed:  NUM "/" CODE "/" PART                      17/TB/CQTTBCĐ (printed in real documents)
- old:    NUM "-" ISSUER (no slash)                  15-CP, 38-HĐBT, 135-CT (1970s-90s), after "số" or a type word
- blank (drafts): "Số:" then blanks then "/SYMBOL" or "-SYMBOL".
A PART starts with an upper-case letter (letters, digits, "&", "." inside). A separator may be
followed by a line break (a number wrapped as "57-" / "NQ/TW"). Numbers are not dates (digits
after the slash), ratios ("15/63"), units ("Gbps/s") or pieces of URLs.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractors.doctypes import is_type_code, legal_type_from_issuer, type_from_code, type_regex
from pipeline.normalize import fold, strip_ws

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠ"
# every upper-case Vietnamese letter: old fonts and OCR print "TƯ" for "TW" ("13-NQ/TƯ", "445-KL/TƯ")
_UPV = "".join(sorted(c for c in map(chr, range(0xC0, 0x1EFA))
                      if c.isupper() and unicodedata.normalize("NFD", c)[0] in "ADEIOUY"))
_LOWV = _UPV.lower()
PART = rf"[{_UP}][A-Za-zĐđ0-9&{_UPV}{_LOWV}]*(?:\.[A-Za-zĐđ][A-Za-zĐđ0-9&{_UPV}{_LOWV}]*)*"
_SEP_WS = r"[ \n]{0,6}"
NUM = r"\d{1,6}[a-z]?"   # up to 6 digits: a city tax department numbers 100,000 letters a year
YEAR = r"(?:19[4-9]\d|20\d\d)"
# a dash may carry a space before it when an abbreviation follows ("473/TTr -NN&PTNT", "TT- TTCP")
_ABBR_AHEAD = r"(?=[A-ZĐ][A-ZĐ0-9&.]+[a-z]?(?![a-zđ\w]))"   # "BYT", "TTg", "TTr"
# … but a wrap never runs onto the place-and-date line ("255 / BC-BCĐPCGD-" / "Nga Sơn, ngày 13 tháng 11 năm 2020")
_NOT_PLACE_LINE = r"(?![ ]*\n[ ]*[^\n]{0,40},[ \t]*ngày)"
_DASH = rf"(?:[-–]{_NOT_PLACE_LINE}{_SEP_WS}|[ ]{{1,2}}[-–][ \n]{{0,3}}{_ABBR_AHEAD})"
STATE = rf"{NUM}/(?:{YEAR}/)?{PART}(?:(?:{_DASH}|/){PART})*"
# Party numbers: "57-NQ/TW", spaced "100 - KL/TW", wrapped "57-" / "NQ/TW"
# and "84 QĐ/TWĐTN" (dash lost: accepted after "số" only, see _plausible)
# … with a department after the body, as the Youth Union prints it ("225-KH/TWĐTN-CTTN"): initials,
# never an accented vowel (a flattened page glues the next header line on: "367-QĐ/TWĐTN-VPĐOÀN TNCS")
PARTY = rf"{NUM}(?:[ ]{{1,2}}[-–][ ]{{0,2}}|[-–]{_SEP_WS}|[ ](?=[{_UP}]{{2,4}}/)){PART}/{_SEP_WS}{PART}(?:/{PART})*" \
    r"(?:[-–][A-ZĐ][A-ZĐ&0-9]{1,7})?"
# a state number may wrap after "/" too ("749/QĐ-" / "TTg" is covered by the dash rule)
# … and a web page may space the slash ("2414 / VPCP - KGVX": after "số" only, see _plausible)
STATE_WRAP = rf"{NUM}[ ]{{0,2}}/{_SEP_WS}(?:{YEAR}/)?{PART}(?:(?:{_DASH}|/){PART})*"
# numbers of the 1970s-90s: NUM "-" ISSUER, no slash ("15-CP", "38-HĐBT", "135-CT", "16-NT", "64-TTg");
# only right after "số" or a type word (see _plausible)
OLD = rf"{NUM}[-–][A-ZĐ][A-ZĐ{_UPV}&]*[A-Za-z]?(?![-/\w])"

# a number may be glued to "số" / "s" when a PDF lost the space ("số31-QĐ/TW", "Nghị định s20/2008/NĐ-CP")
# (?=\d) first: most positions fail there, before the five look-behinds are tried (4x faster)
NUMBER_RE = re.compile(rf"(?=\d)(?:(?<=số)|(?<=Số)|(?<=SỐ)|(?<=\ss)|(?<![\w/.:\-&]))(?:{PARTY}|{STATE_WRAP}|{OLD})(?![\w&])")
# numbers of the 1990s-2000s with the issuer's code glued to the number, on a header's "Số:" line only:
# "255TCT/QĐ/KH", "1234 TCT/NV1"
GLUED_CODE = rf"{NUM}[ ]?(?-i:[{_UP}]{{2,}}[A-ZĐ0-9&]*)(?:/{PART})+"
# "Số:" line of a header: number (maybe blank) then symbol
SO_LINE_RE = re.compile(
    rf"(?<!\w)(?:Số\s*:?|(?-i:S)[ \t]*:(?=[ \t]*\d))\s*"   # "S: 709/VPCP-KTTH": a "Số" that lost its "ố"
    rf"(?:(?P<num>{PARTY}|{STATE_WRAP}|{OLD}|{GLUED_CODE})|(?P<blank>[ \t._…]*)(?P<sym>[/-][ ]?{PART}(?:[-/]{PART})*))",
    re.IGNORECASE)


@dataclass
class NumberMatch:
    start: int
    end: int
    number: str          # as printed, line breaks and spaces removed
    style: str           # "state" | "party"
    code: str | None     # type code inside the symbol ("NQ"), None for a công văn
    year: int | None     # year carried in the number (legal-normative documents)


def clean_number(printed: str) -> str:
    """As printed, with line breaks and spaces removed and trailing punctuation dropped."""
    s = strip_ws(printed)
    return s.rstrip(".-/,;:")


def parse_number(number: str) -> NumberMatch | None:
    """Structure of one number-symbol string (no offsets: start=end=0)."""
    s = clean_number(fold(number)).replace("–", "-")
    m = re.fullmatch(rf"({NUM})-?({PART})/(.+)", s)
    if m:
        return NumberMatch(0, 0, clean_number(number), "party", m.group(2), None)
    m = re.fullmatch(rf"({NUM})/(?:({YEAR})/)?(.+)", s)
    if not m:
        old = re.fullmatch(OLD, s)
        return NumberMatch(0, 0, clean_number(number), "state", None, None) if old else None
    year = int(m.group(2)) if m.group(2) else None
    parts = re.split(r"[-/.]", m.group(3))   # "09/2004/NQ.HĐNDK7", "1596/2003/QĐ.UBT": a dot for the dash
    code = parts[0] if parts and is_type_code(parts[0]) else None
    if code and len(parts) == 1 and not year:
        # "12/UBND"-like single part: an issuer, unless it is a known type code and nothing else
        pass
    return NumberMatch(0, 0, clean_number(number), "state", code, year)


def number_type(number: str) -> str | None:
    """Document type implied by the number's code (Party codes for Party numbers); "Công văn"
    for a state number whose symbol has no type code; "Luật" for "45/2019/QH14"."""
    p = parse_number(number)
    if p is None or "/" not in number:
        return None   # an old "15-CP" names its issuer only
    if p.style == "party":
        t = type_from_code(p.code, party=True)
        return t
    if p.code:
        return type_from_code(p.code)
    tail = re.split(r"/", clean_number(fold(number)))[-1]
    if p.year:
        return legal_type_from_issuer(tail)
    return "Công văn"


@lru_cache(maxsize=1)
def _before_res() -> tuple[re.Pattern, re.Pattern]:
    """What may stand right before a number: "số" / "Số:", or a type word ("Nghị định 15-CP")."""
    return (re.compile(r"(?i)số\s*:?\s*$"),
            re.compile(rf"(?i)(?:{type_regex()})\s*:?\s*$"))


def _plausible(text: str, m: re.Match) -> bool:
    """Reject URL pieces and symbols without a multi-letter part (unless after "số")."""
    s = m.group(0)
    before = text[max(0, m.start() - 40):m.start()]
    tok = re.split(r"\s", before)[-1] if before else ""
    if "http" in tok.lower() or "www" in tok.lower() or tok.endswith(("/", ".")) and len(tok) > 1:
        return False
    fb = fold(before)
    so_re, type_re = _before_res()
    after_so = bool(so_re.search(fb))
    after_so_or_type = after_so or bool(type_re.search(fb))
    if re.match(rf"{NUM} +/", s) and not after_so:
        return False   # "2414 / VPCP": a spaced slash only right after "số"
    if re.match(rf"{NUM} [{_UP}]", s) and not after_so_or_type:
        return False   # "84 QĐ/TWĐTN" with its dash lost: only right after "số" or a type word
    if "/" not in s and not after_so_or_type:
        return False   # "15-CP", "38-HĐBT": an old number only right after "số" or a type word
    sym = s.split("/", 1)[1] if "/" in s else s
    letters_runs = re.findall(rf"[A-Za-zĐđ&{_UPV}{_LOWV}]{{2,}}", sym)
    if not letters_runs:
        return after_so
    if re.fullmatch(r"[^-/]+", re.sub(r"^\d+[a-z]?/", "", re.sub(r"\s", "", s))):
        # single part after the slash ("12/UBND", "3/TP"): only after "số" or with a year/code
        if not after_so and not is_type_code(sym.strip()) \
                and not re.search(rf"(?i)(?<!\w)(?:{type_regex()})\s+$", fb):
            return False   # "Công văn 285/CCTTHC" names its type; "12/UBND" alone does not
    return True


# a lower-case word of 2+ letters glued after an upper-case run of 2+ ends the symbol
# (real symbols have at most one lower-case letter after capitals: "QĐi", "CTr", "TTr")
_GLUED_WORD = re.compile(rf"(?<=[{_UP}{_UPV}]{{2}})[a-zđ{_LOWV}]{{2,}}$")


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number-symbol in `text` (display text), with offsets; not dates, ratios, URLs."""
    ft = fold(text)
    out: list[NumberMatch] = []
    for m in NUMBER_RE.finditer(ft):
        if not _plausible(ft, m):
            continue
        end = m.end()
        while end > m.start() and ft[end - 1] in ".":
            end -= 1
        glued = _GLUED_WORD.search(ft, m.start(), end)
        if glued:
            end = glued.start()   # "70-TB/TWngày": a word glued to the symbol is not part of it
        printed = text[m.start():end]
        p = parse_number(printed)
        if p is None:
            continue
        out.append(NumberMatch(m.start(), end, clean_number(printed), p.style, p.code, p.year))
    return out


LIST_BEFORE_RE = re.compile(rf"(?:số\s+)((?:{NUM}\s*,\s*)*{NUM})\s*(?:,|và)\s*$", re.IGNORECASE)


def list_numbers_before(text: str, nm: NumberMatch, folded: str | None = None) -> list[tuple[int, int, str]]:
    """"số 1, 2 và 3/QĐ-UBND": the bare numbers listed before a full number, completed with
    its symbol -> [(start, end, "1/QĐ-UBND"), …] (offsets of the bare numbers)."""
    window = fold(text[max(0, nm.start - 80):nm.start])
    m = LIST_BEFORE_RE.search(window)
    if not m:
        return []
    base = nm.start - len(window)
    sep = "-" if nm.style == "party" else "/"
    tail = nm.number.split(sep, 1)[1]
    out = []
    for n in re.finditer(NUM, m.group(1)):
        s = base + m.start(1) + n.start()
        out.append((s, s + len(n.group(0)), f"{n.group(0)}{sep}{tail}"))
    return out
