"""vanban: read Vietnamese administrative documents, extract their facts, store them in SQLite.

Library entry points (the CLI is a thin layer over these):
- `pipeline.readers.read(path)` -> ReadDocument
- `extractors.extract(doc)` -> extraction dict (SPEC.md shape)
- `pipeline.ingest.ingest_paths(db_path, paths)` -> results
"""
__version__ = "0.1.0"
