"""Citations (stub until the citation grammar lands)."""
from __future__ import annotations

from pipeline.model import ReadDocument


def extract_citations(doc: ReadDocument, document: dict) -> list[dict]:
    return []


def extract_named_citations(doc: ReadDocument, document: dict, citations: list[dict]) -> list[dict]:
    return []


def extract_reported_relations(doc: ReadDocument, citations: list[dict]) -> list[dict]:
    return []
