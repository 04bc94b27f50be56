"""Lead and support named in one agency cell.

A table with a single "Cơ quan thực hiện" column marks the roles inside the cell:
- labels: "Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp" (data/task_verbs.json lead_labels,
  support_labels);
- a verb after the lead: "Sở Tư pháp chủ trì, phối hợp với các sở, ngành", "Sở Y tế chủ trì;
  Sở Tài chính phối hợp";
- a mark in brackets: "Sở Giáo dục và Đào tạo (chủ trì); Sở Lao động - Thương binh và Xã hội".

`split_roles` returns the lead text and the support text, for agency_lists to split; None when
the cell marks no role (then the whole cell is the lead, as printed). `lead_and_support` gives
a row's bodies from its cells, whichever reader found them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors import vocab
from extractors.phrases import phrase_alternation
from extractors.task_common import agencies
from pipeline.normalize import fold

_SEP = r"[\s,;.\-–]*"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    g = vocab.load("task_verbs.json")
    lead_l = phrase_alternation(fold(x) for x in g["lead_labels"])
    sup_l = phrase_alternation(fold(x) for x in g["support_labels"])
    label = re.compile(rf"(?i)(?:^|(?<=[;\n.,]))\s*(?:(?P<lead>{lead_l})|(?P<sup>{sup_l}))\s*:")
    sup_v = phrase_alternation(fold(x) for x in g["support"])
    verb = re.compile(rf"(?i)\s+chủ\s+trì(?:\s+(?:thực\s+hiện|tham\s+mưu))?{_SEP}(?:{sup_v}|phối\s+hợp)?\s*")
    mark = re.compile(r"(?i)\s*\(\s*(?P<role>chủ\s+trì|phối\s+hợp)\s*\)")
    return label, verb, mark


@lru_cache(maxsize=4096)
def split_roles(cell: str) -> tuple[str, str] | None:
    """(lead text, support text) when the cell marks who leads; None when it marks no role."""
    f = fold(cell)   # same length as the cell
    return _by_labels(cell, f) or _by_verb(cell, f) or _by_mark(cell, f)


def lead_and_support(cells: dict, wrapped: bool = False) -> tuple[list[str], list[str]]:
    """Lead and support of a row; a lead cell that marks roles itself gives its support too, and
    so does a column for both roles ("Cơ quan chủ trì, phối hợp": its first body leads)."""
    lead_cell, support = cells.get("lead") or cells.get("roles"), agencies(cells.get("support"), wrapped)
    roles = split_roles(lead_cell) if lead_cell else None
    if roles is None:
        named = agencies(lead_cell, wrapped)
        if cells.get("lead") or not cells.get("roles"):
            return named, support
        return named[:1], support + named[1:]
    extra = [a for a in agencies(roles[1], wrapped) if a not in support]
    return agencies(roles[0], wrapped), support + extra


def _by_labels(cell: str, f: str) -> tuple[str, str] | None:
    label = _patterns()[0]
    found = list(label.finditer(f))
    if not found:
        return None
    lead, support = [cell[:found[0].start()]], []
    for m, nxt in zip(found, found[1:] + [None]):
        value = cell[m.end():nxt.start() if nxt else len(cell)]
        (lead if m.group("lead") else support).append(value)
    return _clean(" ".join(lead)), _clean(" ".join(support))


def _by_verb(cell: str, f: str) -> tuple[str, str] | None:
    m = _patterns()[1].search(f)
    if not m or not cell[:m.start()].strip():
        return None
    rest = cell[m.end():]
    rest = re.sub(r"(?i)\s+phối\s+hợp\s*[.;]?\s*$", "", rest)   # "…; Sở Tài chính phối hợp"
    return _clean(cell[:m.start()]), _clean(rest)


def _by_mark(cell: str, f: str) -> tuple[str, str] | None:
    marks = list(_patterns()[2].finditer(f))
    leads = [m for m in marks if fold(m.group("role")).lower().startswith("chủ")]
    if not leads:
        return None
    cut = leads[0]
    support = _patterns()[2].sub("", cell[cut.end():])
    return _clean(_patterns()[2].sub("", cell[:cut.start()])), _clean(support)


def _clean(text: str) -> str:
    return text.strip(" \t\n,;.:-–")
