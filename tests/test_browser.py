"""Headless Chromium over `vanban serve` and the annotated view.

Screenshots go to outputs/screenshots/ (set VANBAN_SCREENSHOTS=docs/screenshots to refresh the
ones the README shows), so a test run never dirties the committed pictures.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from test_serve import served  # noqa: F401  (session fixture: the running server)

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / os.environ.get("VANBAN_SCREENSHOTS", "outputs/screenshots")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    exe = require_tool("chromium")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args, url],
                          capture_output=True, text=True, timeout=120)


def screenshot(tmp_path: Path, url: str, name: str, size: str = "1400,1000") -> Path:
    out = SHOTS / name
    SHOTS.mkdir(parents=True, exist_ok=True)
    r = chromium(tmp_path, url, f"--screenshot={out}", f"--window-size={size}")
    assert out.is_file(), r.stderr[-2000:]
    return out


def assert_not_blank(png: Path) -> None:
    """The screenshot has content: many distinct colours, not one flat page."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    img = mpimg.imread(png)
    flat = (img[..., :3] * 255).astype("uint8").reshape(-1, 3)
    assert len({tuple(p) for p in flat[:: max(1, len(flat) // 20000)]}) > 20


def dom(tmp_path: Path, url: str) -> str:
    r = chromium(tmp_path, url, "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def test_home_page(served, tmp_path):  # noqa: F811
    html = dom(tmp_path, served.url(""))
    assert "Văn bản hành chính" in html and f"/{served.db}/lineage" in html
    assert_not_blank(screenshot(tmp_path, served.url(""), "home.png"))


def test_document_page(served, tmp_path):  # noqa: F811
    from datasette.utils import tilde_encode
    key = served.sql("SELECT d.key FROM documents d WHERE ingested = 1 ORDER BY"
                     " (SELECT count(*) FROM edges e WHERE e.source_key = d.key)"
                     " + (SELECT count(*) FROM tasks t WHERE t.document_key = d.key) DESC LIMIT 1")[0][0]
    url = served.url(f"{served.db}/documents/{tilde_encode(key)}")
    html = dom(tmp_path, url)
    assert "Văn bản này trích dẫn" in html and "Được trích dẫn bởi" in html and "Nhiệm vụ (" in html
    assert_not_blank(screenshot(tmp_path, url, "document.png", "1400,1800"))


def test_task_register_page(served, tmp_path):  # noqa: F811
    url = served.url(f"{served.db}/task_register", _facet_array="lead")
    html = dom(tmp_path, url)
    assert "Sổ nhiệm vụ" in html and "deadline_month" in html
    assert_not_blank(screenshot(tmp_path, url, "task_register.png"))


def test_annotated_view(tmp_path):
    from extractors import extract
    from pipeline.annotate import render_html
    from pipeline.readers import read
    doc = read(ROOT / "corpus" / "seed004.docx")
    page = tmp_path / "seed004.html"
    page.write_text(render_html(doc, extract(doc)), encoding="utf-8")
    html = dom(tmp_path, page.as_uri())
    assert 'class="k-' in html
    assert_not_blank(screenshot(tmp_path, page.as_uri(), "annotated.png"))
