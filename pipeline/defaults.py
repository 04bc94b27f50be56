"""Defaults shared by the command modules (kept apart from pipeline.cli, which
`python -m pipeline.cli` would otherwise import twice)."""
from pathlib import Path

DEFAULT_DB = Path("outputs/vanban.db")
