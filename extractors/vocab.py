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
