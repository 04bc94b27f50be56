"""`vanban tasks`: the task register, filtered, sorted by deadline, as table/csv/json/xlsx/ics."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from pipeline.defaults import DEFAULT_DB


class TaskFmt(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    ics = "ics"


class Role(str, Enum):
    lead = "lead"
    support = "support"


def tasks(
    agency: Optional[str] = typer.Option(None, "--agency", "-a", help="Body, any spelling: 'Sở KH&CN', 'Công an tỉnh'."),
    role: Optional[Role] = typer.Option(None, "--role", help="lead (chủ trì) or support (phối hợp)."),
    due_before: Optional[str] = typer.Option(None, "--due-before", help="Deadline on or before this day (2026-03-31 or 31/3/2026)."),
    overdue: bool = typer.Option(False, "--overdue", help="Deadline already passed (relative to --today)."),
    today: Optional[str] = typer.Option(None, "--today", help="Reference day for --overdue (default: today)."),
    fmt: TaskFmt = typer.Option(TaskFmt.table, "--format", "-f", help="table | csv | json | xlsx | ics"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database path."),
) -> None:
    """The task register (sổ theo dõi nhiệm vụ): every assignment of the ingested documents."""
    from pipeline.errors import UsageError
    from pipeline.register import export_tasks, parse_day, query_tasks
    try:
        parse_day(due_before)
        parse_day(today)
    except ValueError as e:
        raise UsageError(str(e), f"ngày không hợp lệ: {e}") from None
    if fmt in (TaskFmt.xlsx,) and output is None and sys.stdout.isatty():
        raise UsageError("xlsx is binary: give -o FILE", "xlsx là tệp nhị phân: hãy dùng -o TỆP")
    rows = query_tasks(db, agency=agency, role=role.value if role else None, due_before=due_before,
                       overdue=overdue, today=today)
    export_tasks(rows, fmt.value, output)
    if output is not None:
        typer.echo(f"{len(rows)} tasks -> {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command("tasks")(tasks)
