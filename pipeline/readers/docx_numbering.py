"""Word automatic numbering (numbering.xml): render the "1.", "a)", "II." labels Word draws
but does not store in the text, so list items keep their labels. python-docx has no API for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from lxml import etree

from pipeline.readers.docx import q

if TYPE_CHECKING:
    from pipeline.readers.docx_styles import Styles

_PPR, _NUM_PR, _NUM_ID, _ILVL, _PSTYLE, _VAL = q("pPr"), q("numPr"), q("numId"), q("ilvl"), q("pStyle"), q("val")
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
    """Level definitions per numId, read from numbering.xml when a numbered paragraph first
    needs them, and running counters while the body is walked in order."""

    load: Callable[[], etree._Element]  # the parsed numbering part (w:numbering)
    styles: Styles  # paragraph styles may carry their own numbering (e.g. 'List Number')
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @cached_property
    def levels(self) -> dict[str, dict[int, Level]]:
        return _levels(self.load())

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
        ppr = p.find(_PPR)
        if ppr is None:
            return None, 0
        num_pr = ppr.find(_NUM_PR)
        if num_pr is not None:
            nid = num_pr.find(_NUM_ID)
            il = num_pr.find(_ILVL)
            return (nid.get(_VAL) if nid is not None else None,
                    int(il.get(_VAL, "0")) if il is not None else 0)
        ps = ppr.find(_PSTYLE)
        found = self.styles.numbering(ps.get(_VAL)) if ps is not None else None
        return found if found is not None else (None, 0)


def _levels(root: etree._Element) -> dict[str, dict[int, Level]]:
    """numId -> ilvl -> Level, abstract definitions resolved and overrides applied."""
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
    return levels


def _level(l: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        el = l.find(q(tag))
        return el.get(q("val"), default) if el is not None else default
    suff = val("suff", "tab")
    return Level(int(val("start", "1") or 1), val("numFmt", "decimal"), val("lvlText", ""),
                 "" if suff == "nothing" else " ")
