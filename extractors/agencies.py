"""Vietnamese public bodies: vocabulary (data/agencies.json, abbreviations.json,
provinces.json), abbreviation expansion, one canonical name per body, collectives, levels.

Public API (used by header, citations and tasks):
- `expand_abbreviations(text)`: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh", "Sở KH&CN" /
  "SKH&CN" -> "Sở Khoa học và Công nghệ", "BCĐ" -> "Ban Chỉ đạo".
- `canonical_agency(name, province=None)`: one name per body, new tone convention, full words;
  with a province, bodies of that province are completed ("UBND tỉnh" -> "Ủy ban nhân dân
  tỉnh Đồng Tháp", "Sở Nội vụ" -> "Sở Nội vụ tỉnh Đồng Tháp"). Collectives stay whole.
- `is_collective(name)`, `agency_level(name)`, `agency_info(name, province)`.
- `find_agencies(text, province=None)` -> [(start, end, canonical)] over the text.
- `detect_province(text)`: the province a document belongs to (most named after "tỉnh").

Why regexes and not spaCy/underthesea here: the vocabulary is a list of multi-word names
whose printed forms differ by case, tone placement, line breaks and "&" abbreviations.
Regexes over `fold(text)` (same length as the text) give character offsets directly and
match across line breaks; a spaCy PhraseMatcher would need a Vietnamese tokenizer (pyvi is
not installed; the "xx" tokenizer splits "KH&CN" and "VP.UBND" unpredictably) and token ->
char alignment for no gain on a closed vocabulary. underthesea's NER is trained on news,
not on agency names, and is slow to load.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from extractors import vocab
from extractors.phrases import first_letters, phrase_alternation
from pipeline.normalize import clean_text, collapse_ws, fold

LEVELS = ("central", "province", "commune", "party", "mass", "collective", "unknown")

# a body's term after its name: "khóa XIII", "lần thứ 5", "nhiệm kỳ 2021-2026" (one grammar for
# the end of a cited issuer and for a name stripped of its term)
TERM = r"(?:kh[oó]a\s+[IVXLC\d]+|lần\s+thứ\s+[IVXLC\d]+|nhiệm\s+kỳ\s+\d{4}\s*[-–]\s*\d{4}|kỳ\s+họp\s+thứ\s+[IVXLC\d]+)"


@lru_cache(maxsize=65536)
def _fk(s: str) -> str:
    """Comparison key: cleaned, tone-folded, lower case, single spaces (cached: a pure function
    of a string, asked for the same vocabulary names hundreds of times per document)."""
    return collapse_ws(fold(clean_text(s))).lower()


def _dash_key(s: str) -> str:
    """_fk with the spaces around a dash dropped ("Bà Rịa-Vũng Tàu" = "Bà Rịa - Vũng Tàu")."""
    return re.sub(r"\s*-\s*", "-", _fk(s))


def _ws(phrase: str) -> str:
    """Regex for a phrase whose spaces may be any whitespace run (line breaks included); a
    spaced dash may lose its spaces ("Bà Rịa - Vũng Tàu" as "BÀ RỊA-VŨNG TÀU")."""
    return r"\s+".join(re.escape(w) for w in phrase.split()).replace(r"\s+\-\s+", r"\s*-\s*")


# ---------------------------------------------------------------- abbreviations

@lru_cache(maxsize=None)
def _abbr_regex() -> tuple[re.Pattern, dict[str, str]]:
    ab = vocab.load("abbreviations.json")
    table: dict[str, str] = {}
    fields = ab["fields"]
    short = set(ab["short_fields"])
    for k, v in fields.items():
        # "Sở GD&ĐT", "Bộ GD&ĐT", a district's "Phòng GD&ĐT" (not the short fields), as printed and in a
        # header's capitals
        for head in ("Sở", "Bộ") + (("Phòng",) if k not in short else ()):
            table[f"{head} {k}"] = table[f"{head.upper()} {k}"] = f"{head} {v}"
        table["S" + k] = "Sở " + v
        if k not in short or k in ("NV", "TC", "TP", "XD", "YT", "NG", "CT"):
            table["B" + k] = "Bộ " + v
    table.update(ab["words"])
    keys = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\w&./-])(" + "|".join(_ws(k) for k in keys) + r")(?![\w&/]|-\w)")
    return pat, {re.sub(r"\s+", " ", k): v for k, v in table.items()}


def expand_abbreviations(text: str) -> str:
    """Replace known abbreviations of bodies and titles by their full words (case-sensitive)."""
    pat, table = _abbr_regex()
    return pat.sub(lambda m: _expansion(m, table), text)


def _expansion(m: re.Match, table: dict[str, str]) -> str:
    """The full words of an abbreviation, less the last words when the text prints them next
    ("MTTQ Việt Nam" -> "Mặt trận Tổ quốc Việt Nam", not "… Việt Nam Việt Nam")."""
    full = table.get(re.sub(r"\s+", " ", m.group(1)), m.group(1))
    words = full.split()
    after = fold(m.string[m.end():m.end() + 40]).lower().split()
    for k in range(min(3, len(words) - 1), 0, -1):
        if [fold(w).lower() for w in words[-k:]] == after[:k]:
            return " ".join(words[:-k])
    return full


# ---------------------------------------------------------------- vocabulary

@lru_cache(maxsize=None)
def _provinces() -> tuple[list[str], dict[str, str]]:
    p = vocab.load("provinces.json")
    names = list(p["current"]) + list(p["merged"])
    return sorted(names, key=len, reverse=True), dict(p["merged"])


@lru_cache(maxsize=None)
def _entries() -> list[dict]:
    """All bodies: {name, level, branch, scoped, successor, aliases} (Sở/Bộ from sectors)."""
    d = vocab.load("agencies.json")
    out: list[dict] = []
    for group in ("central", "province", "commune"):
        for e in d[group]:
            out.append({"name": e["name"], "level": group, "branch": e.get("branch", "state"),
                        "scoped": e.get("scoped"), "successor": e.get("successor"),
                        "aliases": list(e.get("aliases", []))})
    sec = d["sectors"]
    for field in sec["current"] + list(sec["old"]):
        succ = sec["old"].get(field)
        out.append({"name": "Sở " + field, "level": "province", "branch": "state", "scoped": "so",
                    "successor": ("Sở " + succ) if succ else None, "aliases": []})
    return out


@lru_cache(maxsize=None)
def _alias_index() -> dict[str, dict]:
    """fold-lower name or expanded alias -> entry."""
    idx: dict[str, dict] = {}
    for form, e in _spellings():
        idx.setdefault(_fk(form), e)
    return idx


@lru_cache(maxsize=None)
def _glued_index() -> dict[str, tuple[str, dict]]:
    """Key without spaces -> (the name or alias as spelt, entry): a web copy that lost a space ("Ủy bannhân
    dân", "Bộ Kế hoạchvà Đầu tư") still names the body."""
    idx: dict[str, tuple[str, dict]] = {}
    for form, e in _spellings():
        idx.setdefault(_fk(form).replace(" ", ""), (form, e))
    return idx


def _spellings() -> Iterator[tuple[str, dict]]:
    """Each entry's name and aliases, as spelt and with abbreviations expanded, in the table's order."""
    for e in _entries():
        for a in [e["name"]] + e["aliases"]:
            yield from ((form, e) for form in dict.fromkeys((a, expand_abbreviations(a))))


@lru_cache(maxsize=None)
def _casing() -> tuple[re.Pattern, dict[str, str]]:
    """Known phrases with their canonical capitalisation (names, sectors, provinces)."""
    phrases = {e["name"] for e in _entries()}
    phrases |= set(_provinces()[0])
    phrases |= {"Trung ương", "Đảng", "Việt Nam", "Hồ Chí Minh", "Ban Chỉ đạo", "Tổ Công tác",
                "Đảng ủy", "Đảng đoàn", "Ban cán sự đảng", "Hội đồng", "Mặt trận Tổ quốc",
                "Cộng sản", "Thanh niên", "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng",
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ban Chấp hành"}
    fixed = {_dash_key(p): fold(p) for p in phrases}
    keys = sorted(fixed, key=len, reverse=True)
    pat = re.compile(r"(?<!\w)(" + "|".join(_ws(k) for k in keys) + r")(?!\w)", re.IGNORECASE)
    return pat, fixed


@lru_cache(maxsize=1)
def _sector_casing() -> tuple[re.Pattern, dict[str, str]]:
    """A unit head ("Phòng", "Trung tâm", "Chi cục" …) and a sector a provincial department is named for
    ("Tài nguyên và Môi trường", "Y tế"), with that department's or ministry's capitalisation."""
    sectors = {e["name"].split(" ", 1)[1] for e in _entries() if e["name"].startswith(("Sở ", "Bộ "))}
    fixed = {_dash_key(x): fold(x) for x in sectors}
    keys = sorted(fixed, key=len, reverse=True)
    pat = re.compile(r"(?<!\w)((?:phòng|trung tâm|chi cục|cục|vụ|thanh tra)\s+)(" + "|".join(_ws(k) for k in keys)
                     + r")(?!\w)", re.IGNORECASE)
    return pat, fixed


def _mostly_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _recase(s: str, caps: bool | None = None) -> str:
    """Known phrases get their canonical case; an all-caps name (`caps`: as printed, before its
    abbreviations were written out) is lowered first."""
    lowered = caps if caps is not None else _mostly_caps(s)
    if lowered:
        s = s.lower()
    pat, fixed = _casing()
    s = pat.sub(lambda m: fixed.get(_dash_key(m.group(1)), m.group(1)), s)
    if lowered:   # "HUYỆN ĐỨC TRỌNG": a place no table knows keeps its capitals after its level word
        s = _PLACE_AFTER_LEVEL.sub(lambda m: m.group(1) + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split()), s)
        unit, sectors = _sector_casing()   # "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG": the sector as a Sở writes it
        s = unit.sub(lambda m: m.group(1) + sectors.get(_dash_key(m.group(2)), m.group(2)), s)
    return s[:1].upper() + s[1:] if s else s


# a level word, not after "các", and the one to four words of a place name that end the name
_NOT_PLACE = r"(?!(?:trực|thuộc|và|trên|các|hội|ủy|uỷ|đoàn|đội|bộ|nhà)(?!\w))"   # "xã hội", "tỉnh ủy", "tỉnh đoàn" …
# (a Central Highlands name keeps its apostrophe: "Cư M’gar", "Ea H'leo", "Đắk R’lấp")
_PLACE_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)?"
_PLACE_AFTER_LEVEL = re.compile(rf"(?<!các )((?<!\w){vocab.level_pattern(space=' ')}\s+)"
                                rf"({_NOT_PLACE}{_PLACE_WORD}(?:\s+{_NOT_PLACE}{_PLACE_WORD}){{0,3}})$")


_NOTE = re.compile(r"\s*\((?:b/c|để\s+)?(?:báo cáo|biết|thực hiện|phối hợp|t/h|b/c|chỉ đạo|theo dõi)\)\s*$",
                   re.IGNORECASE)


# "Y BAN NHÂN DÂN": a PDF's text lost the "Ủ" (its glyph unmapped); no body's name opens with the word "Y"
_LOST_U = re.compile(r"^Y(\s+)(BAN|[Bb]an)(?!\w)")
# "Ủy ban nhân dân (UBND) tỉnh Bình Phước", "Bộ Y tế (BYT)": the abbreviation the text defines is no part of the name
_ABBR_DEFINED = re.compile(r"[ \t]*\((?-i:[A-ZĐ][A-ZĐ&]{1,9})\)")
# "HĐND huyện huyện Ngân Sơn": a level word typed twice
_LEVEL_TWICE = re.compile(rf"(?i)(?<!\w)({vocab.level_pattern(space=' ')})\s+\1(?!\w)")


def _strip(name: str) -> str:
    s = collapse_ws(clean_text(name))
    s = re.sub(r"^[-–+•*\s]+", "", s)
    s = _LOST_U.sub(lambda m: ("ỦY" if m.group(2).isupper() else "Ủy") + m.group(1) + m.group(2), s)
    s = _LEVEL_TWICE.sub(r"\1", s)
    s = _ABBR_DEFINED.sub("", s)
    s = re.sub(r"[\s,;.:]+$", "", s)
    s = _NOTE.sub("", s)
    return s.strip()


@lru_cache(maxsize=None)
def _collective_res() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in vocab.load("agencies.json")["collective_patterns"]]


@lru_cache(maxsize=16384)
def is_collective(name: str) -> bool:
    """A phrase naming no single body ("Các sở, ban, ngành, địa phương", "… liên quan")."""
    s = _fk(expand_abbreviations(_strip(name)))
    return any(r.search(s) for r in _collective_res())


_PROV_SUFFIX_CACHE: dict[str, re.Pattern] = {}


def _split_province(s: str) -> tuple[str, str | None]:
    """"Ủy ban nhân dân tỉnh Đồng Tháp" -> ("Ủy ban nhân dân tỉnh", "Đồng Tháp")."""
    names, _ = _provinces()
    if "re" not in _PROV_SUFFIX_CACHE:
        _PROV_SUFFIX_CACHE["re"] = re.compile(
            rf"^(.*?)\s*(?:\b{vocab.level_pattern('province', space=' ')}\s+|\bTP\.\s*|\bTP\s+)?(?<!\w)("
            + "|".join(_ws(fold(n)) for n in names) + r")$",
            re.IGNORECASE)
    m = _PROV_SUFFIX_CACHE["re"].match(fold(s))
    if not m or not m.group(1):
        return s, None
    prov_f = m.group(2)
    prov = next((n for n in names if _dash_key(n) == _dash_key(prov_f)), prov_f)
    mid = s[len(m.group(1)):m.start(2)].strip()
    if not mid and _fk(prov) == _fk("Hồ Chí Minh"):
        return s, None   # "Đoàn TNCS Hồ Chí Minh", "Học viện … Hồ Chí Minh": the person; the city is "thành phố / TP."
    base = s[:len(m.group(1))].strip()
    if mid and re.match(r"(?i)tỉnh|thành phố|tp", fold(mid)):
        base = f"{base} tỉnh" if fold(mid).lower().startswith("tỉnh") else f"{base} thành phố"
    return base, prov


def _lookup(base: str) -> tuple[dict | None, str]:
    """Entry for a base name (no province), trying with/without a trailing "tỉnh"."""
    idx = _alias_index()
    k = _fk(base)
    if k in idx:
        return idx[k], base
    if k.endswith(" tỉnh") and k[:-5] in idx and idx[k[:-5]]["scoped"] in ("so", "name"):
        return idx[k[:-5]], base[:-5].strip()
    if k + " tỉnh" in idx:
        return idx[k + " tỉnh"], base + " tỉnh"
    m = re.match(r"(?i)sở\s+(.+)$", fold(base))
    if m:
        for e in _entries():
            if e["scoped"] == "so" and _fk(e["name"]) == "sở " + _fk(m.group(1)):
                return e, e["name"]
    glued = _glued_index().get(k.replace(" ", "")) if len(k) >= 8 else None
    if glued:
        return glued[1], glued[0]
    return None, base


def completions(prefix: str) -> list[str]:
    """The known bodies whose name goes on from `prefix` by whole words ("Bộ Văn hoá, Thể thao" -> "Bộ Văn hóa, Thể
    thao và Du lịch"): a header cell the page cut."""
    k = _fk(prefix)
    return sorted({e["name"] for form, e in _spellings() if _fk(form).startswith(k + " ")}) if k else []


def province_level_word(prov: str) -> str:
    """"thành phố" for a city directly under the centre (Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng,
    Cần Thơ, Huế — provinces.json "cities"), else "tỉnh"."""
    cities = {_fk(c) for c in vocab.load("provinces.json").get("cities", [])}
    return "thành phố" if _fk(prov) in cities else "tỉnh"


_PROVINCE_LEVEL_END = re.compile(rf"(?i)\b{vocab.level_pattern('province', space=' ')}$")   # "… tỉnh", "… thành phố"


def _compose(entry: dict | None, base: str, prov: str | None) -> str:
    if not prov:
        return base
    if entry is None:
        if _PROVINCE_LEVEL_END.search(base):
            return f"{base} {prov}"
        return base
    scoped = entry["scoped"]
    level = province_level_word(prov)
    if scoped == "tinh":
        b = base if _PROVINCE_LEVEL_END.search(base) else f"{base} {level}"
        if level == "thành phố":
            b = re.sub(r"(?i)\btỉnh$", "thành phố", b)   # "HĐND" of Hà Nội: the entry's "… tỉnh" is a city's
        return f"{b} {prov}"
    if scoped == "name":
        if level == "thành phố":   # a centrally-run city's committees: Thành ủy, Thành đoàn Hà Nội
            base = re.sub(r"(?<!\w)Tỉnh(?=\s+(?:ủy|uỷ|Ủy|đoàn|Đoàn)(?!\w))", "Thành", base)
        return f"{base} {prov}"
    if scoped == "so":
        return f"{base} {level} {prov}"
    return base


@lru_cache(maxsize=16384)
def canonical_agency(name: str, province: str | None = None) -> str:
    """One canonical name per body (see module docstring)."""
    s = _strip(name)
    if not s:
        return s
    caps = _mostly_caps(s)
    s = expand_abbreviations(s)
    s = _recase(s, caps)
    s = fold(collapse_ws(s))
    if is_collective(s):
        return s
    base, prov = _split_province(s)
    entry, base2 = _lookup(base)
    if entry is not None:
        k = _fk(base2)
        # aliases that are the whole name map to the entry's canonical name
        if k != _fk(entry["name"]) and (k in {_fk(a) for a in entry["aliases"]} or
                                        k in {_fk(expand_abbreviations(a)) for a in entry["aliases"]}):
            base2 = fold(entry["name"])
        else:
            base2 = fold(entry["name"]) if _fk(entry["name"]) == k else base2
    if prov is None and province and (entry is None or entry["level"] == "province"):
        if entry is not None or re.search(r"(?i)\b(tỉnh)$", base2):
            prov = province
    return _compose(entry, base2, fold(prov) if prov else None)


def agency_info(name: str, province: str | None = None) -> dict:
    """{canonical, level, branch, successor, collective} for a name as printed."""
    canon = canonical_agency(name, province)
    if is_collective(canon):
        return {"canonical": canon, "level": "collective", "branch": None, "successor": None,
                "collective": True}
    base, _ = _split_province(canon)
    entry, _ = _lookup(base)
    if entry is None:
        lvl, branch = _guess_level(canon)
        return {"canonical": canon, "level": lvl, "branch": branch, "successor": None,
                "collective": False}
    level = entry["level"]
    if entry["branch"] == "party":
        level = "party"
    elif entry["branch"] == "mass":
        level = "mass"
    return {"canonical": canon, "level": level, "branch": entry["branch"],
            "successor": entry["successor"], "collective": False}


def _guess_level(name: str) -> tuple[str, str | None]:
    k = _fk(name)
    if re.search(r"\b(đảng ủy|tỉnh ủy|thành ủy|huyện ủy|đảng đoàn|ban cán sự đảng|chi bộ)\b", k):
        return "party", "party"
    if re.search(rf"\b{vocab.level_pattern('commune', space=' ')}\b", k):
        return "commune", "state"
    if re.search(r"\b(trung ương|chính phủ|quốc gia|quốc hội)\b", k) or k.startswith("bộ "):
        return "central", "state"
    if re.search(rf"\b{vocab.level_pattern('province', space=' ')}\b", k) or k.startswith("sở "):
        return "province", "state"
    return "unknown", None


def agency_level(name: str) -> str:
    """central | province | commune | party | mass | collective | unknown."""
    return agency_info(name)["level"]


def successor(name: str) -> str | None:
    """The body an old body was merged into in 2025 (Bộ/Sở TT&TT -> KH&CN …), else None."""
    return agency_info(name)["successor"]


# ---------------------------------------------------------------- finding bodies in text

# a name wraps onto the next line only in running text ("xã Xuân" / "Phú)"), not out of a caps heading
_LOWER = "[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
_UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"


@lru_cache(maxsize=None)
def _find_regexes() -> tuple[re.Pattern, re.Pattern]:
    """(names, case-insensitive over folded text; abbreviations, case-sensitive)."""
    names: set[str] = set()
    abbrs: set[str] = set()
    for e in _entries():
        for a in [e["name"]] + e["aliases"]:
            (abbrs if re.fullmatch(r"[A-ZĐ&.]{2,}(?: [A-ZĐ&.]+)?", a) else names).add(fold(a))
    ab = vocab.load("abbreviations.json")
    for k, v in ab["fields"].items():
        names.add("Sở " + k)
        names.add("Bộ " + k)
        if k not in ab["short_fields"]:
            abbrs.add("S" + k)
    for k in ab["words"]:
        if k in ("UBND", "HĐND", "VPUBND", "VP.UBND", "VPUB", "UBMTTQVN", "UB MTTQVN", "BCĐ", "BCĐTW"):
            abbrs.add(k)
    provs = "|".join(_ws(fold(p)) for p in _provinces()[0])
    scope = rf"(?:\s+(?:(?:tỉnh|thành phố|TP\.?)\s+)?(?:{provs})|\s+(?:tỉnh|Tỉnh)(?!\s+ủy)\b)?"
    name_alt = phrase_alternation(names)
    level_words = r"(?:\s+(?:tỉnh|xã|phường|huyện|thành phố|cấp tỉnh|cấp xã|Trung ương))?"
    bcd = r"Ban\s+Chỉ\s+đạo(?:\s+Trung\s+ương)?(?:\s+về\s+[^\t;:.()“”]+?(?=\s*(?:[\t;:.()“”]|(?-i:,\s+[A-ZĐ])|\s+của\b|\s+về\b|\s+tại\b|\s+ban\s+hành\b|$)))?"
    # a commune's, ward's or district's committee by its name ("UBND xã Ea H’ding", "UBND huyện Thống Nhất"), a name
    # wrapped onto the next line only after a lower-case letter; a city under a province by a name in title case
    # ("UBND thành phố Long Xuyên"), not by capitals, which run on in a flattened header ("… HỒ CHÍ MINH SỞ …")
    local_level = vocab.level_pattern('district', 'commune', without=vocab.place_levels('province'))
    ubnd_local = (rf"(?:Ủy\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|Đảng\s+ủy)\s+(?:"
                  rf"{local_level}[ \t]+"
                  rf"(?-i:{_UPPER}[\w]*(?:['’]\w+)?(?:[ \t]+{_UPPER}[\w]*(?:['’]\w+)?|(?<={_LOWER})\n{_UPPER}{_LOWER}[\w]*)*)"
                  rf"|thành\s+phố(?-i:(?:[ \t]+{_UPPER}{_LOWER}\w*)+))")
    collective = (r"(?:[Cc]ác|[Tt]oàn\s+thể)\s+(?:sở|ban|ngành|cơ\s+quan|đơn\s+vị|địa\s+phương|tổ\s+chức|"
                  r"phòng|trường|ngân\s+hàng|doanh\s+nghiệp|xã|phường|Bộ|bộ|Sở)"
                  r"(?:(?:,\s+|\s+và\s+|,\s+và\s+)(?:các\s+)?(?:sở|ban|ngành|cơ\s+quan|đơn\s+vị|địa\s+phương|tổ\s+chức|cá\s+nhân|"
                  r"phòng|trung\s+tâm|xã|phường|đoàn\s+thể|hội))*"
                  r"(?:\s+(?:có\s+)?liên\s+quan)?")
    name_first = first_letters(names | {"các", "toàn", "ủy", "ubnd", "hội", "hđnd", "đảng", "ban"})
    pat_names = re.compile(
        rf"{name_first}(?<![\w&])(?:{collective}|{ubnd_local}|{bcd}|(?:{name_alt}){level_words}{scope})(?![\w&])",
        re.IGNORECASE)
    abbr_alt = phrase_alternation(abbrs)
    pat_abbr = re.compile(rf"{first_letters(abbrs)}(?<![\w&./-])(?:{abbr_alt})"
                          rf"(?:\s+(?:tỉnh|Tỉnh|xã|phường|Trung\s+ương))?{scope}(?![\w&/-])")
    return pat_names, pat_abbr


@lru_cache(maxsize=None)
def _province_mention() -> re.Pattern:
    names, _ = _provinces()
    return re.compile(r"(?=t)(?:tỉnh|Tỉnh\s+ủy|Tỉnh\s+uỷ|TỈNH|TỈNH\s+ỦY|thành phố|Thành ủy)\s+(" +
                      "|".join(_ws(fold(n)) for n in names) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def detect_province(text: str) -> str | None:
    """The province most often named after "tỉnh"/"Tỉnh ủy"/"UBND tỉnh" in the text."""
    names, _ = _provinces()
    counts: dict[str, int] = {}
    for m in _province_mention().finditer(fold(text)):
        k = _dash_key(m.group(1))
        counts[k] = counts.get(k, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return next(fold(n) for n in names if _dash_key(n) == best)


def find_agencies(text: str, province: str | None = None) -> list[tuple[int, int, str]]:
    """Bodies named in `text`: (start, end, canonical name), leftmost-longest, no overlaps."""
    return list(_find_agencies(text, province))


def agency_spans(text: str) -> list[tuple[int, int]]:
    """Where body names or abbreviations match in `text`, overlapping, leftmost-longest first
    (not resolved to canonical names: see find_agencies)."""
    ft = fold(text)
    pat_names, pat_abbr = _find_regexes()
    found: list[tuple[int, int]] = []
    for pat in (pat_names, pat_abbr):
        for m in pat.finditer(ft):
            s, e = m.start(), m.end()
            while e > s and ft[e - 1] in " ,;.\n\t":
                e -= 1
            if e > s:
                found.append((s, e))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    return found


@lru_cache(maxsize=8)
def _find_agencies(text: str, province: str | None) -> tuple[tuple[int, int, str], ...]:
    """find_agencies, cached: the header, the signature and the citations ask about the same text."""
    if province is None:
        province = detect_province(text)
    found = agency_spans(text)
    out: list[tuple[int, int, str]] = []
    last = -1
    for s, e in found:
        if s < last:
            continue
        canon = canonical_agency(text[s:e], province)
        if canon:
            out.append((s, e, canon))
            last = e
    return tuple(out)
