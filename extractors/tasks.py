"""Tasks (stub until the task grammar lands)."""
from __future__ import annotations

from pipeline.model import ReadDocument


def extract_tasks(doc: ReadDocument, document: dict, citations: list[dict]) -> list[dict]:
    return []
