"""Every corpus file's extraction validates against the JSON Schema kept in the repo."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import CORPUS, ROOT
from extractors import extract
from pipeline.readers import read

SCHEMA = json.loads((ROOT / "pipeline" / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".docx", ".pdf", ".txt"))


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_extraction_matches_schema(path: Path) -> None:
    ex = extract(read(path))
    jsonschema.Draft202012Validator(SCHEMA).validate(ex)
    assert ex["sha256"] and ex["document"]["key"]


def test_schema_rejects_a_bad_relation() -> None:
    ex = extract(read(CORPUS / "seed000.txt"))
    ex["citations"] = [{"type": "Nghị quyết", "number": "57-NQ/TW", "key": "57-NQ/TW@2024", "date": None,
                        "issuer": None, "relation": "likes", "quote": "", "span": [0, 1], "page": None}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(ex)
