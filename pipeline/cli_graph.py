"""`vanban graph …` (citation-graph queries, `show` picture) and `vanban export graph`."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable

import typer

from pipeline.defaults import DEFAULT_DB

graph_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Citation-graph queries. REF as people write it: 57-NQ/TW, 'Kế hoạch 50/KH-UBND', '04-TB/BCĐ 2026'.")


class Fmt(str, Enum):
    table = "table"
    json = "json"


class GraphFmt(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


class TopBy(str, Enum):
    documents = "documents"
    issuers = "issuers"


DbOpt = typer.Option(DEFAULT_DB, "--db", help="SQLite database path.")
FmtOpt = typer.Option(Fmt.table, "--format", "-f", help="table (terminal) or json.")


def _open(db: Path):
    """Open an existing database for reading; a missing one is an error, not a new empty file."""
    from pipeline.errors import VanbanError
    from pipeline.store import open_db
    if not Path(db).exists():
        raise VanbanError(f"database {db} does not exist (run `vanban ingest` first)",
                          f"chưa có cơ sở dữ liệu {db} (hãy chạy `vanban ingest` trước)")
    return open_db(db)


_HIDDEN = {"path", "relations"}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "✓" if v else "·"
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


def _columns(rows: list[dict]) -> list[str]:
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols and k not in _HIDDEN:
                cols.append(k)
    if any("path" in r for r in rows):
        cols.append("via")
    return cols


def _value(r: dict, c: str) -> Any:
    if c == "via":
        p = r.get("path") or []
        return p[-2] if len(p) > 2 else ""
    return r.get(c)


def emit(rows: list[dict], fmt: Fmt, title: str = "") -> None:
    """Print query results: JSON array, a rich table on a terminal, tab-separated when piped."""
    if fmt == Fmt.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    cols = _columns(rows)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        t = Table(title=title or None, show_lines=False)
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*(_cell(_value(r, c)) for c in cols))
        Console().print(t)
        if not rows:
            typer.echo("(không có kết quả / no results)")
        return
    if rows:
        typer.echo("\t".join(cols))
    for r in rows:
        typer.echo("\t".join(_cell(_value(r, c)).replace("\t", " ").replace("\n", " ") for c in cols))


def _query(fn: Callable[..., list[dict]], db: Path, *args: Any, **kw: Any) -> list[dict]:
    dbh = _open(db)
    try:
        return fn(dbh, *args, **kw)
    finally:
        dbh.conn.close()


TABLE_LIMIT = 200   # rows shown in a table when --limit is not given (JSON: all)

LimitOpt = typer.Option(None, "--limit", help=f"At most this many, nearest first (0: all; default: all for json, "
                        f"{TABLE_LIMIT} for a table).")
MaxDepthOpt = typer.Option(0, "--max-depth", "--depth", help="Stop at this depth (0: no limit).")


def _limited(fn: Callable[..., list[dict]], db: Path, ref: str, fmt: Fmt, limit: int | None, **kw: Any) -> list[dict]:
    """Run a query with the --limit rule; on a table, say when rows were left out."""
    if limit is None and fmt == Fmt.table:
        rows = _query(fn, db, ref, limit=TABLE_LIMIT + 1, **kw)
        if len(rows) > TABLE_LIMIT:
            typer.echo(f"(chỉ hiện {TABLE_LIMIT} văn bản gần nhất / first {TABLE_LIMIT} shown: --limit 0 for all, "
                       "--format json)", err=True)
        return rows[:TABLE_LIMIT]
    return _query(fn, db, ref, limit=limit or None, **kw)


def cites_cmd(ref: str = typer.Argument(..., help="Document reference."),
              reported: bool = typer.Option(False, "--reported", help="Also relations other documents report it has."),
              limit: int | None = LimitOpt, fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Documents REF cites."""
    from pipeline import graph
    emit(_limited(graph.cites, db, ref, fmt, limit, reported=reported), fmt, f"{ref} cites")


def cited_by_cmd(ref: str = typer.Argument(..., help="Document reference."),
                 reported: bool = typer.Option(False, "--reported", help="Also documents reported to relate to it."),
                 limit: int | None = LimitOpt, fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Documents that cite REF."""
    from pipeline import graph
    emit(_limited(graph.cited_by, db, ref, fmt, limit, reported=reported), fmt, f"cite {ref}")


def lineage_cmd(ref: str = typer.Argument(..., help="Document reference."),
                max_depth: int = MaxDepthOpt, limit: int | None = LimitOpt,
                fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Everything REF rests on, transitively, nearest first (depth, path)."""
    from pipeline import graph
    emit(_limited(graph.lineage, db, ref, fmt, limit, max_depth=max_depth or None), fmt, f"lineage of {ref}")


def descendants_cmd(ref: str = typer.Argument(..., help="Document reference."),
                    max_depth: int = MaxDepthOpt, limit: int | None = LimitOpt,
                    fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Everything that cites or implements REF, transitively, nearest first (depth, path)."""
    from pipeline import graph
    emit(_limited(graph.descendants, db, ref, fmt, limit, max_depth=max_depth or None), fmt,
         f"descendants of {ref}")


def path_cmd(a: str = typer.Argument(..., help="From this document."),
             b: str = typer.Argument(..., help="To this document."),
             fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """A shortest citation chain between A and B, in path order."""
    from pipeline import graph
    rows = _query(graph.path, db, a, b)
    emit(rows, fmt, f"{a} → {b}")
    if not rows and fmt == Fmt.table:
        typer.echo(f"{a} và {b} không liên hệ / {a} and {b} are not connected", err=True)


def missing_cmd(limit: int = typer.Option(0, "--limit", help="At most this many (0: all)."),
                fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Cited documents the archive does not have, most mentioned first."""
    from pipeline import graph
    emit(_query(graph.missing, db, limit=limit or None), fmt, "cited, not ingested")


def top_cmd(by: TopBy = typer.Option(TopBy.documents, "--by", help="documents or issuers."),
            limit: int = typer.Option(20, "--limit", help="How many."),
            fmt: Fmt = FmtOpt, db: Path = DbOpt) -> None:
    """Most-cited documents or issuers (citing documents, PageRank)."""
    from pipeline import graph
    emit(_query(graph.top, db, by=by.value, limit=limit), fmt, f"top {by.value}")


def show_cmd(ref: str = typer.Argument(..., help="Document reference."),
             out: Path = typer.Option(..., "-o", "--output", help="HTML file to write."),
             radius: int = typer.Option(2, "--radius", help="Hops around REF (either direction)."),
             max_nodes: int = typer.Option(250, "--max-nodes", help="Nearest documents kept."),
             db: Path = DbOpt) -> None:
    """Write a self-contained HTML picture of REF's neighbourhood."""
    from pipeline.graph_export import show
    counts = _query(show, db, ref, out, radius=radius, max_nodes=max_nodes)
    typer.echo(f"{out}: {counts['nodes']} văn bản / documents, {counts['edges']} quan hệ / edges")


def export_graph_cmd(fmt: GraphFmt = typer.Option(..., "--format", "-f", help="graphml, gexf or json."),
                     out: Path = typer.Option(..., "-o", "--output", help="File to write."),
                     db: Path = DbOpt) -> None:
    """Write the whole citation graph (node and edge attributes) for Gephi, networkx, …"""
    from pipeline.graph_export import export_graph
    counts = _query(export_graph, db, fmt.value, out)
    typer.echo(f"{out}: {counts['nodes']} nodes, {counts['edges']} edges")


def _export_app(app: typer.Typer) -> typer.Typer:
    """The `export` group, shared with other modules that export things."""
    for g in app.registered_groups:
        if g.name == "export" and g.typer_instance is not None:
            return g.typer_instance
    exp = typer.Typer(add_completion=False, no_args_is_help=True, help="Export data for other tools.")
    app.add_typer(exp, name="export")
    return exp


def register(app: typer.Typer) -> None:
    graph_app.command("cites")(cites_cmd)
    graph_app.command("cited-by")(cited_by_cmd)
    graph_app.command("lineage")(lineage_cmd)
    graph_app.command("descendants")(descendants_cmd)
    graph_app.command("path")(path_cmd)
    graph_app.command("missing")(missing_cmd)
    graph_app.command("top")(top_cmd)
    graph_app.command("show")(show_cmd)
    app.add_typer(graph_app, name="graph")
    _export_app(app).command("graph")(export_graph_cmd)
