"""notebooks/analysis.ipynb runs headless (nbclient) from a fresh database, so it cannot rot."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"


@pytest.fixture(scope="module")
def executed():
    from nbclient import NotebookClient
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def _outputs(nb, kind: str) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == kind]


def _text(nb) -> str:
    return "".join(o.get("text", "") for o in _outputs(nb, "stream"))


def test_notebook_runs_without_errors(executed):
    assert not _outputs(executed, "error")


def test_notebook_draws_the_deadline_plot_and_the_lineage(executed):
    images = [o for o in _outputs(executed, "display_data") if "image/png" in o.get("data", {})]
    assert len(images) == 2


def test_notebook_uses_the_library_not_copies_of_its_sql():
    src = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    for call in ("ingest_paths(", "store.open_db(", "graph.top(", "graph.missing(", "graph.lineage(",
                 "register.query_tasks("):
        assert call in src
    assert "SELECT" not in src.upper().replace("SELECTED", "")


def test_notebook_reports_the_archive(executed):
    text = _text(executed)
    assert "'ingested': 5" in text or "ingested" in text
    assert "citation edges" in text and "rests on" in text and "tasks" in text
