"""Level of an issuing body (central / province / commune / unknown), from its name or number.

The rules are data (extractors/data/issuer_levels.json); this module only applies them.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.normalize import clean_text, collapse_ws, fold

LEVELS = ("central", "province", "commune", "unknown")
_DATA = Path(__file__).resolve().parent.parent / "extractors" / "data" / "issuer_levels.json"


@lru_cache(maxsize=1)
def _rules() -> tuple[list[tuple[str, re.Pattern]], list[tuple[str, re.Pattern]]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    name = [(lvl, re.compile(fold(rx), re.IGNORECASE)) for lvl, rx in data["name"]]
    symbol = [(lvl, re.compile(rx)) for lvl, rx in data["symbol"]]
    return name, symbol


def _symbol_tails(number: str) -> list[str]:
    """The issuer part of a number-symbol: `50/KH-UBND` -> [`KH-UBND`, `UBND`]."""
    tail = fold(clean_text(number)).upper().replace(" ", "").rsplit("/", 1)[-1]
    out = [tail]
    if "-" in tail:
        out.append(tail.split("-", 1)[1])
    return out


def issuer_level(issuer: str | None, number: str | None = None) -> str:
    """Level of the body that issued a document: from its name, else from its number-symbol."""
    name_rules, symbol_rules = _rules()
    if issuer:
        s = collapse_ws(fold(clean_text(issuer))).lower()
        for lvl, rx in name_rules:
            if rx.search(s):
                return lvl
    if number and "/" in number:
        for tail in _symbol_tails(number):
            for lvl, rx in symbol_rules:
                if rx.search(tail):
                    return lvl
    return "unknown"
