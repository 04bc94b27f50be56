"""Extractors: pure functions over a `ReadDocument`, each returning fields or spans with offsets.

`extract(doc)` runs them in order and returns the extraction dict of SPEC.md:
header fields -> citations (which need the document's own identity, so an appendix caption
naming the document itself is not a citation) -> named citations -> relations that the
document reports between other documents -> tasks (which refer to citations by number).
"""
from __future__ import annotations

from typing import Any

from pipeline.model import ReadDocument


def extract(doc: ReadDocument) -> dict[str, Any]:
    """The full extraction of one read document, in the SPEC.md JSON shape."""
    from extractors.citations import extract_citations, extract_named_citations, extract_reported_relations
    from extractors.header import extract_document
    from extractors.identity import content_key, file_key
    from extractors.tasks import extract_tasks

    document = extract_document(doc)
    if not document.get("key"):
        document["key"] = content_key(document) or file_key(doc.sha256)
    citations = extract_citations(doc, document)
    named = extract_named_citations(doc, document, citations)
    reported = extract_reported_relations(doc, citations)
    tasks = extract_tasks(doc, document, citations)
    warnings = list(doc.warnings)
    if document.get("number") is None:
        warnings.append("no document number found")
    if document.get("date") is None and not document.get("date_partial"):
        warnings.append("no document date found")
    return {
        "file": doc.path.rsplit("/", 1)[-1],
        "sha256": doc.sha256,
        "format": doc.format,
        "pages": doc.pages,
        "ocr": doc.ocr,
        "document": document,
        "citations": citations,
        "named_citations": named,
        "reported_relations": reported,
        "tasks": tasks,
        "warnings": warnings,
    }
