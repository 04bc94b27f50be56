"""Legacy Vietnamese encodings (TCVN3/ABC and VNI): detection and conversion to Unicode."""
from __future__ import annotations

from pipeline.model import ReadDocument


def fix_document_if_legacy(doc: ReadDocument, fonts: set[str] | None = None) -> ReadDocument:
    """Placeholder until the converter lands: returns the document unchanged."""
    return doc
