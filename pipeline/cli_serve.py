"""`vanban serve`: the analyst web UI (Datasette, read-only) over the database."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

# Not imported from pipeline.cli: `python -m pipeline.cli` would import that module twice.
from pipeline.defaults import DEFAULT_DB


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; anything but loopback prints a warning."),
    port: int = typer.Option(8001, "--port", "-p", help="TCP port."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database path."),
    immutable: bool = typer.Option(False, "--immutable", help="Open the file immutable (nothing writes to it while served)."),
) -> None:
    """Datasette over the database, read-only: documents, citations, tasks, canned queries."""
    from pipeline.serve import serve

    code = serve(db, host, port, immutable=immutable)
    if code:
        sys.exit(code)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
