"""`vanban serve`: Datasette over the vanban database, read-only, on loopback by default.

Configuration lives in the repository, not in code: `metadata/datasette.yaml` (Vietnamese
titles, column descriptions, facets, full-text search, canned queries; Datasette 0.65 reads
it with `--metadata`), `metadata/templates/` (the document page) and `metadata/plugins/`
(links from document keys to document pages; citations and tasks on a document's page).
The metadata names the database `vanban`; `load_metadata` re-keys it to the served file's
name (Datasette names a database after its file stem).

Read-only: Datasette opens the file with `mode=ro` and runs only SELECT statements from
`?sql=`; with `immutable=True` the file is opened immutable (no locking, counts cached;
use only for a database nothing writes to while it is served).
"""
from __future__ import annotations

import ipaddress
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
METADATA_DIR = Path(os.environ.get("VANBAN_METADATA_DIR", ROOT / "metadata"))
METADATA_FILE = METADATA_DIR / "datasette.yaml"
TEMPLATE_NAME = "vanban"  # database name used inside datasette.yaml

SETTINGS = {
    "default_page_size": "50",
    "sql_time_limit_ms": "5000",
    "facet_time_limit_ms": "500",
    "max_returned_rows": "5000",
    "allow_download": "off",
    "suggest_facets": "off",
}

# Views the web UI facets on (a table page can facet only on columns). They belong to the
# schema (pipeline.store migrations create them); serve only checks they are there.
UI_VIEWS = ("task_register",)


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives a database file (its stem)."""
    return Path(db_path).stem


def load_metadata(db_name: str, path: Path = METADATA_FILE) -> dict:
    """datasette.yaml as a dict, its database section re-keyed to `db_name` (and `@DB@` in links)."""
    import yaml

    meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    dbs = meta.get("databases") or {}
    if TEMPLATE_NAME in dbs and db_name != TEMPLATE_NAME:
        dbs[db_name] = dbs.pop(TEMPLATE_NAME)
    if meta.get("description_html"):
        from datasette.utils import tilde_encode
        meta["description_html"] = meta["description_html"].replace("@DB@", tilde_encode(db_name))
    return meta


def ensure_views(db_path: str | Path) -> list[str]:
    """The views present in the database, opened read-only (serve never writes); warns when a UI
    view is missing (a database of an older schema: any other vanban command upgrades it)."""
    from urllib.parse import quote
    conn = sqlite3.connect(f"file:{quote(str(Path(db_path).resolve()))}?mode=ro", uri=True, timeout=30)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()
    missing = [v for v in UI_VIEWS if v not in have]
    if missing:
        print(f"vanban: views {', '.join(missing)} missing (older database): run `vanban ingest` or any "
              "graph command once to upgrade it / thiếu view, hãy chạy một lệnh vanban để nâng cấp CSDL",
              file=sys.stderr)
    return sorted(have)


def write_metadata(db_path: str | Path, directory: str | Path) -> Path:
    """Write the re-keyed metadata as JSON into `directory`; returns its path."""
    meta = load_metadata(database_name(db_path))
    out = Path(directory) / "metadata.json"
    out.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def datasette_command(db_path: str | Path, host: str, port: int, metadata_path: str | Path,
                      immutable: bool = False) -> list[str]:
    """The `datasette serve` command line for this database and configuration."""
    cmd = [sys.executable, "-m", "datasette", "serve",
           *(["-i", str(db_path)] if immutable else [str(db_path)]),
           "--host", host, "--port", str(port),
           "--metadata", str(metadata_path),
           "--template-dir", str(METADATA_DIR / "templates"),
           "--plugins-dir", str(METADATA_DIR / "plugins")]
    for k, v in SETTINGS.items():
        cmd += ["--setting", k, v]
    return cmd


def check_args(db_path: str | Path, host: str, port: int) -> None:
    """Refuse a missing database or a bad port with a clear message."""
    if not Path(db_path).is_file():
        raise UsageError(f"database not found: {db_path} (run `vanban ingest` first)",
                         f"không tìm thấy cơ sở dữ liệu: {db_path} (hãy chạy `vanban ingest` trước)")
    if not 0 < port < 65536:
        raise UsageError(f"bad port: {port}", f"cổng không hợp lệ: {port}")


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False) -> int:
    """Run Datasette over `db_path` until interrupted; returns its exit status."""
    check_args(db_path, host, port)
    if not is_loopback(host):
        print(f"vanban: CẢNH BÁO / WARNING: serving on {host}, reachable from other machines; "
              "the UI has no login", file=sys.stderr)
    ensure_views(db_path)
    with tempfile.TemporaryDirectory(prefix="vanban-serve-") as tmp:
        cmd = datasette_command(db_path, host, port, write_metadata(db_path, tmp), immutable)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        proc = subprocess.Popen(cmd, env=env)
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            return proc.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
