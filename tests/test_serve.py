"""`vanban serve`: Datasette over a database built from the corpus, checked through its JSON API.

The server runs as a subprocess on a free loopback port. Canned queries are compared with the
library (pipeline.graph) on the same database; writes through the SQL endpoint are refused.
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import serve as serve_mod

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served(SimpleNamespace):
    """A running `vanban serve`: base URL, database name and path."""

    def url(self, path: str, **params: str) -> str:
        q = ("?" + urllib.parse.urlencode(params)) if params else ""
        return f"{self.base}/{path.lstrip('/')}{q}"

    def get(self, path: str, **params: str) -> tuple[int, str, str]:
        """(status, content type, body) of a GET."""
        try:
            with urllib.request.urlopen(self.url(path, **params), timeout=30) as r:
                return r.status, r.headers.get("content-type", ""), r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("content-type", ""), e.read().decode("utf-8")

    def json(self, path: str, **params: str):
        status, _, body = self.get(path, **params)
        assert status == 200, body[:500]
        return json.loads(body)

    def rows(self, path: str, **params: str) -> list[dict]:
        return self.json(f"{self.db}/{path}.json", _shape="array", **params)

    def sql(self, query: str, *args) -> list[tuple]:
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        try:
            return conn.execute(query, args).fetchall()
        finally:
            conn.close()


def build_db(path: Path) -> Path:
    """A database of the corpus .docx files, through the library's ingest."""
    from pipeline.ingest import ingest_paths

    results = ingest_paths(path, sorted(CORPUS.glob("*.docx")))
    assert results and all(r.status in ("ingested", "duplicate") for r in results), \
        [(r.path, r.message) for r in results if r.status == "failed"]
    return path


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """`python -m pipeline.cli serve` on a free loopback port (VANBAN_DB names the database if set)."""
    db_path = Path(os.environ["VANBAN_DB"]) if os.environ.get("VANBAN_DB") else \
        build_db(tmp_path_factory.mktemp("serve") / "vanban.db")
    port = free_port()
    log = open(tmp_path_factory.mktemp("serve-log") / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db_path),
                             "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    s = Served(base=f"http://127.0.0.1:{port}", db=serve_mod.database_name(db_path), db_path=db_path, proc=proc)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                s.get("-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"vanban serve did not start:\n{log.read()[-3000:]}")
                time.sleep(0.3)
        yield s
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def library_db(served):
    from pipeline.store import open_db
    return open_db(served.db_path)


# ---------------------------------------------------------------- configuration (no server)

@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.5.0.1", True), ("localhost", True),
                                            ("::1", True), ("[::1]", True), ("0.0.0.0", False),
                                            ("192.168.1.10", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert serve_mod.is_loopback(host) is loopback


def test_metadata_is_rekeyed_to_the_served_file():
    meta = serve_mod.load_metadata("archive_2026")
    assert "archive_2026" in meta["databases"] and "vanban" not in meta["databases"]
    tables = meta["databases"]["archive_2026"]["tables"]
    assert {"type", "issuer", "year"} <= set(tables["documents"]["facets"])
    assert {"array": "lead"} in tables["task_register"]["facets"]
    assert "/archive_2026/lineage" in meta["description_html"] and "@DB@" not in meta["description_html"]
    queries = meta["databases"]["archive_2026"]["queries"]
    assert {"cites", "cited_by", "lineage", "descendants", "agency_tasks", "overdue_tasks", "due_this_month",
            "missing_documents", "most_cited", "deadline_calendar"} <= set(queries)
    assert "WITH RECURSIVE" in queries["lineage"]["sql"]


def test_command_is_read_only_and_uses_repo_config(tmp_path):
    cmd = serve_mod.datasette_command(tmp_path / "x.db", "127.0.0.1", 8123, tmp_path / "m.json", immutable=True)
    assert cmd[cmd.index("-i") + 1] == str(tmp_path / "x.db")
    assert cmd[cmd.index("--template-dir") + 1].endswith("metadata/templates")
    assert cmd[cmd.index("--plugins-dir") + 1].endswith("metadata/plugins")
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"


def test_missing_database_is_a_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(tmp_path / "none.db"),
                        "--port", str(free_port())], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "none.db" in r.stderr and "Traceback" not in r.stderr


def _plugin():
    spec = importlib.util.spec_from_file_location("vanban_ui", ROOT / "metadata" / "plugins" / "vanban_ui.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_plugin_links_keys_and_escapes(tmp_path):
    from datasette.app import Datasette
    plugin = _plugin()
    sqlite3.connect(tmp_path / "vanban.db").close()
    ds = Datasette([str(tmp_path / "vanban.db")])
    html = str(plugin.render_cell({"key": "57-NQ/TW@2024"}, "57-NQ/TW@2024", "key", None, "vanban", ds))
    assert html == '<a href="/vanban/documents/57-NQ~2FTW~402024">57-NQ/TW@2024</a>'
    evil = str(plugin.render_cell({"key": "<b>x"}, '<img src=x>', "number", None, "vanban", ds))
    assert "<img" not in evil and "&lt;img src=x&gt;" in evil and "~3Cb~3Ex" in evil
    # tables with foreign keys keep Datasette's own links
    assert plugin.render_cell({}, "57-NQ/TW@2024", "target_key", "edges", "vanban", ds) is None
    assert plugin.vanban_fold("Sở  Tài chính Đồng Tháp") == "so tai chinh dong thap"


# ---------------------------------------------------------------- through the server

def test_documents_and_tasks_match_the_database(served):
    docs = served.rows("documents", _size="max", _col="ingested")
    assert sorted(d["key"] for d in docs) == sorted(r[0] for r in served.sql("SELECT key FROM documents"))
    assert sum(1 for d in docs if d["ingested"]) == len(list(CORPUS.glob("*.docx"))) or os.environ.get("VANBAN_DB")
    n_tasks = served.sql("SELECT count(*) FROM tasks")[0][0]
    data = served.json(f"{served.db}/tasks.json", _size="0")
    assert data["filtered_table_rows_count"] == n_tasks
    reg = served.json(f"{served.db}/task_register.json", _facet="deadline_month", _size="0")
    assert reg["filtered_table_rows_count"] == n_tasks
    assert "deadline_month" in reg["facet_results"]


def test_cites_cited_by_lineage_agree_with_the_library(served):
    import networkx as nx

    from pipeline import graph
    db = library_db(served)
    G = graph.load_graph(db)
    ingested = [r[0] for r in served.sql("SELECT key FROM documents WHERE ingested = 1")]
    assert ingested
    for key in ingested:
        api = {r["key"] for r in served.rows("cites", ref=key)}
        assert api == set(G.successors(key)), key
        lineage = {r["key"] for r in served.rows("lineage", ref=key) if r["depth"] > 0}
        try:
            assert api == {d["key"] for d in graph.cites(db, key, graph=G, reported=True)}, key
            assert lineage == {d["key"] for d in graph.lineage(db, key, graph=G)}, key
        except graph.RefNotFound:  # pipeline.refs does not read this key form (reported to the lead)
            assert lineage == nx.descendants(G, key), key
    cited = [r[0] for r in served.sql("SELECT DISTINCT target_key FROM edges")]
    for key in cited[:20]:
        api = {r["key"] for r in served.rows("cited_by", ref=key)}
        assert api == {d["key"] for d in graph.cited_by(db, key, graph=G, reported=True)}, key
    top = {r["key"]: r["cited_by_count"] for r in served.rows("most_cited")}
    assert top == {d["key"]: d["cited_by"] for d in graph.top(db, limit=100, graph=G)}
    missing = {r["key"] for r in served.rows("missing_documents")}
    assert missing == {d["key"] for d in graph.missing(db)}


def test_reference_as_people_type_it(served):
    """The canned queries resolve references with pipeline.refs (number, type + number, no marks)."""
    key = served.sql("SELECT key FROM documents WHERE ingested = 1 AND number IS NOT NULL AND number != ''"
                     " ORDER BY key LIMIT 1")
    if not key:
        pytest.skip("no numbered document extracted yet")
    key = key[0][0]
    number = key.split("@")[0]
    assert served.rows("cites", ref=number) == served.rows("cites", ref=key)
    assert served.rows("cites", ref="") == []


def test_tasks_of_an_agency_agree_with_the_register(served):
    from pipeline.normalize import strip_accents
    from pipeline.register import query_tasks
    rows = served.sql("SELECT name FROM task_agencies WHERE role = 'lead' GROUP BY name ORDER BY count(*) DESC LIMIT 3")
    if not rows:
        pytest.skip("no task agencies extracted yet")
    for (name,) in rows:
        for query in (name, strip_accents(name).lower()):
            got = served.rows("agency_tasks", agency=query, role="lead", _size="max")
            assert got and all(r["role"] == "lead" for r in got)
            assert {r["task_id"] for r in got} == {t["id"] for t in query_tasks(served.db_path, agency=query, role="lead")}


def test_overdue_agrees_with_the_register(served):
    from pipeline.register import query_tasks
    got = {r["task_id"] for r in served.rows("overdue_tasks", _size="max")}
    assert got == {t["id"] for t in query_tasks(served.db_path, overdue=True)}


def test_search_finds_text_with_or_without_marks(served):
    with_marks = served.rows("tasks", _search="chuyển đổi số", _col="id")
    without = served.rows("tasks", _search="chuyen doi so", _col="id")
    # without marks the words are looser ("doi" is also "đội"), so it finds at least as much
    assert with_marks and {r["id"] for r in with_marks} <= {r["id"] for r in without}
    d1 = served.rows("documents", _search="chuyển đổi số")
    d2 = served.rows("documents", _search="chuyen doi so")
    assert {r["key"] for r in d1} <= {r["key"] for r in d2}


@pytest.mark.parametrize("sql", ["DELETE FROM documents", "UPDATE documents SET type = 'x'",
                                 "INSERT INTO agencies (name, name_key) VALUES ('x', 'x')",
                                 "DROP TABLE tasks", "ATTACH DATABASE '/tmp/x.db' AS x",
                                 "PRAGMA user_version = 99"])
def test_writes_through_the_query_endpoint_are_refused(served, sql):
    before = served.sql("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks),"
                        " (SELECT count(*) FROM agencies)")
    status, _, body = served.get(f"{served.db}.json", sql=sql)
    assert status >= 400, body[:300]
    assert served.sql("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks),"
                      " (SELECT count(*) FROM agencies)") == before


def test_document_page_shows_citations_both_ways_and_tasks(served):
    key, n_tasks = served.sql("SELECT d.key, (SELECT count(*) FROM tasks t WHERE t.document_key = d.key) AS n"
                              " FROM documents d WHERE ingested = 1 ORDER BY n DESC LIMIT 1")[0]
    from datasette.utils import tilde_encode
    status, _, page = served.get(f"{served.db}/documents/{tilde_encode(key)}")
    assert status == 200
    assert 'id="cites"' in page and 'id="cited-by"' in page and f"Nhiệm vụ ({n_tasks})" in page
    for (target,) in served.sql("SELECT DISTINCT target_key FROM edges WHERE source_key = ?", key):
        assert f'href="/{served.db}/documents/{tilde_encode(target)}"' in page


def test_key_cells_link_to_document_pages(served):
    from datasette.utils import tilde_encode
    status, _, page = served.get(f"{served.db}/task_register")
    assert status == 200
    key = served.sql("SELECT document_key FROM tasks LIMIT 1")
    if key:
        assert f'href="/{served.db}/documents/{tilde_encode(key[0][0])}"' in page


def test_home_page_is_vietnamese_and_lists_queries(served):
    status, _, page = served.get("")
    assert status == 200 and "Văn bản hành chính" in page and f"/{served.db}/lineage" in page
    status, _, page = served.get(served.db)
    assert "Phả hệ văn bản" in page and "Nhiệm vụ quá hạn" in page


def test_deadline_calendar_feed(served):
    status, ctype, body = served.get(f"{served.db}/deadline_calendar.ics")
    assert status == 200 and ctype.startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR")
    n = served.sql("SELECT count(*) FROM tasks WHERE deadline IS NOT NULL")[0][0]
    assert body.count("BEGIN:VEVENT") == n


def test_plugins_installed(served):
    names = {p["name"] for p in served.json("-/plugins.json")}
    assert {"datasette-ics", "datasette-vega", "datasette-search-all", "vanban_ui.py"} <= names


def test_document_page_links_to_its_annotated_view(served):
    key, sha = served.sql("SELECT key, file FROM documents WHERE ingested = 1 AND number = '50/KH-UBND'")[0]
    from datasette.utils import tilde_encode
    _, _, page = served.get(f"{served.db}/documents/{tilde_encode(key)}")
    assert f'href="/-/annotated/{sha}"' in page
    status, ctype, html = served.get(f"/-/annotated/{sha}")
    assert status == 200 and "text/html" in ctype
    assert "50/KH-UBND" in html and "57-NQ/TW" in html and "<script>alert" not in html
    assert served.get("/-/annotated/" + "0" * 64)[0] == 404
