"""The vocabulary tables of the extractors (extractors/data/*.json), each read once.

Callers get the shared parsed object: read it, build from it, never modify it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed table `extractors/data/<name>` (e.g. "agencies.json")."""
    with open(DATA / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def place_levels(*tiers: str) -> tuple[str, ...]:
    """The level words of the given tiers of local government (all tiers when none; place_levels.json),
    longest first so that an alternation tries "thị xã" before "xã"."""
    table = load("place_levels.json")
    chosen = tiers or tuple(k for k in table if not k.startswith("_"))
    words = {w for tier in chosen for w in table[tier]}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def level_pattern(*tiers: str, space: str = r"\s+", capital: bool = False, without: tuple[str, ...] = ()) -> str:
    """A regex alternation of those level words but the ones `without`, `space` between a word's parts:
    "(?:thành\\s+phố|…|xã)"; with `capital`, as a line or a title opens them ("Thị xã", "Xã")."""
    words = tuple(w for w in place_levels(*tiers) if w not in without)
    if capital:
        words = tuple(w[:1].upper() + w[1:] for w in words)
    return "(?:" + "|".join(space.join(w.split()) for w in words) + ")"
