"""The `vanban` command: a thin layer over the library. Heavy imports happen inside commands."""
from __future__ import annotations

import sys

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="vanban: Vietnamese administrative documents -> facts, tasks and a citation graph in SQLite.")


def _register_subcommands() -> None:
    """Each concern keeps its commands beside its code; they register here."""
    import importlib
    for mod in ("pipeline.cli_extract", "pipeline.cli_ingest", "pipeline.cli_tasks",
                "pipeline.cli_graph", "pipeline.cli_serve"):
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name == mod:
                continue
            raise
        m.register(app)


_register_subcommands()


def main() -> None:
    """Console-script entry: turn our errors into one clear line and exit status 2/1."""
    import os

    from pipeline.errors import UsageError, VanbanError
    try:
        app(standalone_mode=True)
    except UsageError as e:
        typer.echo(f"vanban: {e}", err=True)
        sys.exit(2)
    except VanbanError as e:
        typer.echo(f"vanban: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("vanban: interrupted / đã dừng", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 — one clear line, never a bare traceback
        if os.environ.get("VANBAN_DEBUG"):
            raise
        typer.echo(f"vanban: unexpected error / lỗi không mong đợi: {type(e).__name__}: {e} "
                   "(set VANBAN_DEBUG=1 for the traceback)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
