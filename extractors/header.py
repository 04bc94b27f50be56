"""Document header fields (stub until the header grammar lands)."""
from __future__ import annotations

from pipeline.model import ReadDocument


def extract_document(doc: ReadDocument) -> dict:
    return {"type": None, "type_code": None, "number": None, "key": None, "date": None,
            "date_partial": None, "issuer": None, "place": None, "signer": None,
            "signer_title": None, "signing_authority": None, "subject": None,
            "recipients": [], "distribution": None, "is_draft": False}
