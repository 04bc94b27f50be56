"""Shared test fixtures: paths to the corpus, and `require_tool` for system tools.

A test that needs Tesseract or LibreOffice calls `require_tool("tesseract")`: locally it is
skipped when the tool is missing; on CI (CI=true) it fails instead, so CI never skips silently.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of a system tool; skip (locally) or fail (on CI) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    msg = f"system tool '{name}' is not installed (.ci/run installs it)"
    if ON_CI:
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
