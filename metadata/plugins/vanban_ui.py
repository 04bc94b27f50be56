"""Datasette plugin for `vanban serve` (loaded with --plugins-dir metadata/plugins).

- SQL functions for canned queries, taken from the library: `vanban_refs(ref)` (the keys a
  reference as people type it may name, `pipeline.refs.resolve_ref`, as a JSON array) and
  `vanban_fold(s)` (accent-free lower case, `pipeline.normalize.strip_accents`),
  `vanban_agency_match(query, name)` (`pipeline.register.agency_matches`) and `vanban_done(status)`.
- Cells holding a document key (`key`, `document_key`, `source_key`, `target_key`, `via_key`,
  `reported_by`…) in query results and views link to the document's page; a `number` cell
  links there too when its row has the `key`. Tables with foreign keys get Datasette's own links.
- The document page (row page of `documents`) gets `vanban_doc`: what it cites and what cites
  it (`pipeline.graph.cites` / `cited_by`) and its tasks; metadata/templates/row.html shows them.
- The `json` column of `documents` is folded into a <details> element.
- `/-/annotated/<sha256>`: the annotated view of a stored file (`pipeline.annotate`), re-read
  from where the `files` table says it lives; the document page links to it.
"""
from __future__ import annotations

import json
from types import SimpleNamespace
from urllib.parse import urlencode

from datasette import Response, hookimpl
from datasette.utils import tilde_decode, tilde_encode
from markupsafe import Markup

from pipeline.annotate import RELATIONS

KEY_COLUMNS = {"key", "document_key", "source_key", "target_key", "via_key", "reported_by", "cited_key"}
LIST_KEY_COLUMNS = {"cited_by_keys"}
# Tables whose key columns are foreign keys: Datasette already links them (with labels).
FK_TABLES = {"citations", "edges", "tasks", "files", "reported_relations", "documents"}


def _refs(conn):
    from pipeline.refs import resolve_ref

    db = SimpleNamespace(conn=conn)

    def vanban_refs(ref: str | None) -> str:
        if not ref or not str(ref).strip():
            return "[]"
        if conn.execute("SELECT 1 FROM documents WHERE key = ?", (str(ref),)).fetchone():
            return json.dumps([str(ref)], ensure_ascii=False)  # an exact key, whatever its form
        try:
            return json.dumps(resolve_ref(db, str(ref)), ensure_ascii=False)
        except Exception:  # a malformed reference matches nothing rather than failing the page
            return "[]"

    return vanban_refs


def vanban_fold(s: str | None) -> str | None:
    """Accent-free, lower-case, single-spaced form for accent-insensitive matching."""
    from pipeline.normalize import collapse_ws, strip_accents

    return None if s is None else collapse_ws(strip_accents(str(s))).lower()


def vanban_agency_match(query: str | None, name: str | None) -> int:
    """1 when `name` is the body `query` names, in any of its spellings (pipeline.register)."""
    from pipeline.register import agency_matches

    return int(bool(query and name and agency_matches(query, [name])))


def vanban_done(status: str | None) -> int:
    """1 when a task's status says it is done ("Đã hoàn thành"), as the register reads it."""
    from pipeline.register import _DONE

    return int(bool(status and _DONE.match(status)))


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("vanban_refs", 1, _refs(conn))
    conn.create_function("vanban_fold", 1, vanban_fold, deterministic=True)
    conn.create_function("vanban_agency_match", 2, vanban_agency_match, deterministic=True)
    conn.create_function("vanban_done", 1, vanban_done, deterministic=True)


def doc_url(datasette, database: str, key: str) -> str:
    return datasette.urls.row(database, "documents", tilde_encode(key))


def _link(datasette, database: str, key: str, text: str | None = None) -> Markup:
    return Markup('<a href="{}">{}</a>').format(doc_url(datasette, database, key), text or key)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table == "documents" and column == "json" and isinstance(value, str) and value:
        return Markup('<details><summary>JSON ({:,} ký tự)</summary><pre style="white-space:pre-wrap">{}</pre>'
                      "</details>").format(len(value), value)
    if table == "documents" and column in ("recipients", "warnings") and isinstance(value, str) and value:
        try:
            items = json.loads(value)
        except ValueError:
            return None
        if isinstance(items, list):
            return Markup("<br>").join(str(x) for x in items)
    if table in FK_TABLES or not isinstance(value, str) or not value:
        return None
    if column in KEY_COLUMNS:
        return _link(datasette, database, value)
    if column in LIST_KEY_COLUMNS:
        return Markup(", ").join(_link(datasette, database, k) for k in value.split(","))
    if column == "number":
        try:
            key = row["key"]
        except (KeyError, IndexError, TypeError):
            return None
        return _link(datasette, database, key, value) if key else None
    return None


def document_context(conn, key: str) -> dict | None:
    """Citations both ways and tasks of one document, from the library's graph queries."""
    from pipeline import graph

    db = SimpleNamespace(conn=conn)
    if not conn.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone():
        return None
    cites = graph.cites(db, key, reported=True)        # the library's cached graph index
    cited_by = graph.cited_by(db, key, reported=True)
    cols = ["id", "appendix", "section", "no", "name", "product", "deadline_text", "deadline", "deadline_kind"]
    tasks = [dict(zip(cols, r)) for r in conn.execute(
        f"SELECT {', '.join(cols)} FROM tasks WHERE document_key = ? ORDER BY seq", (key,))]
    by_task: dict[int, dict[str, list[str]]] = {}
    for tid, name, role in conn.execute(
            "SELECT ta.task_id, ta.name, ta.role FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id"
            " WHERE t.document_key = ? ORDER BY ta.task_id, ta.role, ta.seq", (key,)):
        by_task.setdefault(tid, {}).setdefault(role, []).append(name)
    for t in tasks:
        t["lead"] = by_task.get(t["id"], {}).get("lead", [])
        t["support"] = by_task.get(t["id"], {}).get("support", [])
    return {"key": key, "cites": cites, "cited_by": cited_by, "tasks": tasks}


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "documents" or request is None:
        return {}

    async def inner():
        pks = request.url_vars.get("pks")
        if not pks:
            return {}
        key = tilde_decode(pks)
        ctx = await datasette.get_database(database).execute_fn(lambda conn: document_context(conn, key))
        if ctx is None:
            return {}
        for d in ctx["cites"] + ctx["cited_by"]:
            d["url"] = doc_url(datasette, database, d["key"])
        row = await datasette.get_database(database).execute(
            "SELECT type, number FROM documents WHERE key = ?", [key])
        dtype, number = row.first() if row.rows else (None, None)
        ctx["title"] = " ".join(x for x in (dtype, number) if x) or key
        ctx["relations"] = RELATIONS
        ctx["labels"] = (datasette.plugin_config("vanban_ui") or {}).get("labels") or {}
        ctx["tasks_url"] = datasette.urls.table(database, "tasks") + "?" + urlencode({"document_key": key})
        f = await datasette.get_database(database).execute("SELECT file FROM documents WHERE key = ?", [key])
        sha = f.first()[0] if f.rows else None
        ctx["annotated_url"] = datasette.urls.path(f"/-/annotated/{sha}") if sha else None
        return {"vanban_doc": ctx}

    return inner


def annotated_html(path: str, sha256: str) -> str | None:
    """The annotated view of the file at `path`, or None when it is gone or its bytes changed."""
    from pathlib import Path

    from extractors import extract
    from pipeline.annotate import render_html
    from pipeline.readers import read
    if not Path(path).is_file():
        return None
    doc = read(path)
    return render_html(doc, extract(doc)) if doc.sha256 == sha256 else None


async def annotated_view(request, datasette):
    sha = request.url_vars["sha"]
    db = datasette.get_database()
    row = (await db.execute("SELECT path FROM files WHERE sha256 = ?", [sha])).first()
    if row is None:
        return Response.html("<p>Không có tệp này / no such file.</p>", status=404)
    html = await datasette.get_database().execute_fn(lambda conn: annotated_html(row[0], sha))
    if html is None:
        return Response.html("<p>Tệp gốc không còn ở chỗ đã lưu hoặc đã đổi nội dung / the stored file is no "
                             "longer where it was recorded, or its bytes changed.</p>", status=410)
    return Response.html(html)


@hookimpl
def register_routes():
    return [(r"^/-/annotated/(?P<sha>[0-9a-f]{64})$", annotated_view)]
