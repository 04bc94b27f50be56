"""Word automatic numbering (numbering.xml): render the "1.", "a)", "II." labels Word draws
but does not store in the text, so list items keep their labels. python-docx has no API for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.readers.docx import q

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, aa..zz, …"""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)  # decimal and everything else


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = " "


@dataclass
class Numbering:
    """Level definitions per numId, and running counters while the body is walked in order."""

    levels: dict[str, dict[int, Level]]
    style_num: dict[str, tuple[str, int]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc) -> "Numbering | None":
        try:
            part = doc.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return None
        root = part.element
        abstract: dict[str, dict[int, Level]] = {}
        for an in root.findall(q("abstractNum")):
            abstract[an.get(q("abstractNumId"))] = {int(l.get(q("ilvl"), "0")): _level(l) for l in an.findall(q("lvl"))}
        levels: dict[str, dict[int, Level]] = {}
        for num in root.findall(q("num")):
            ref = num.find(q("abstractNumId"))
            lv = dict(abstract.get(ref.get(q("val")) if ref is not None else "", {}))
            for ov in num.findall(q("lvlOverride")):
                ilvl = int(ov.get(q("ilvl"), "0"))
                if ov.find(q("lvl")) is not None:
                    lv[ilvl] = _level(ov.find(q("lvl")))
                so = ov.find(q("startOverride"))
                if so is not None and ilvl in lv:
                    lv[ilvl] = Level(int(so.get(q("val"), "1")), lv[ilvl].fmt, lv[ilvl].text, lv[ilvl].suffix)
            levels[num.get(q("numId"))] = lv
        return cls(levels, _style_numbering(doc))

    def label(self, p: etree._Element) -> str:
        """The rendered label of paragraph `p` ('' when it is not numbered); advances counters."""
        num_id, ilvl = self._num_of(p)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        lv = self.levels[num_id]
        if ilvl not in lv:
            return ""
        cnt = self.counters.setdefault(num_id, {})
        cnt[ilvl] = cnt.get(ilvl, lv[ilvl].start - 1) + 1
        for deeper in [k for k in cnt if k > ilvl]:
            del cnt[deeper]
        level = lv[ilvl]
        if level.fmt == "bullet":
            ch = level.text.strip()
            return ("- " if not ch or not ch.isascii() else ch + " ")
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                n = cnt.get(k, lv[k].start if k in lv else 1)
                fmt = lv[k].fmt if k in lv else "decimal"
                text = text.replace(f"%{k + 1}", format_number(n, fmt))
        return text + level.suffix if text else ""

    def _num_of(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(q("pPr"))
        num_pr = ppr.find(q("numPr")) if ppr is not None else None
        if num_pr is not None:
            nid = num_pr.find(q("numId"))
            il = num_pr.find(q("ilvl"))
            return (nid.get(q("val")) if nid is not None else None,
                    int(il.get(q("val"), "0")) if il is not None else 0)
        ps = ppr.find(q("pStyle")) if ppr is not None else None
        if ps is not None and ps.get(q("val")) in self.style_num:
            return self.style_num[ps.get(q("val"))]
        return None, 0


def _level(l: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        el = l.find(q(tag))
        return el.get(q("val"), default) if el is not None else default
    suff = val("suff", "tab")
    return Level(int(val("start", "1") or 1), val("numFmt", "decimal"), val("lvlText", ""),
                 "" if suff == "nothing" else " ")


def _style_numbering(doc) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry their own numbering (e.g. 'List Number')."""
    out: dict[str, tuple[str, int]] = {}
    for st in doc.styles.element.findall(q("style")):
        num_pr = st.find(f"{q('pPr')}/{q('numPr')}")
        if num_pr is None:
            continue
        nid = num_pr.find(q("numId"))
        il = num_pr.find(q("ilvl"))
        if nid is not None:
            out[st.get(q("styleId"))] = (nid.get(q("val")), int(il.get(q("val"), "0")) if il is not None else 0)
    return out
