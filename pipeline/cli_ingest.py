"""`vanban ingest PATH...` and `vanban watch INBOX`: files into the database."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from pipeline.defaults import DEFAULT_DB


def _reason(r) -> str:
    e = r.error or {}
    vi, en = e.get("reason_vi"), e.get("reason_en")
    return f"{vi} / {en}" if vi and en and vi != en else (en or vi or r.message)


def summary_lines(results: list, counts: dict) -> list[str]:
    """Closing summary: what happened to the files, and what the database now holds."""
    n = {s: sum(1 for r in results if r.status == s) for s in ("ingested", "duplicate", "failed")}
    lines = [f"Tệp / files: {len(results)}  ingested {n['ingested']}, duplicate {n['duplicate']}, "
             f"failed {n['failed']}"]
    db = [f"documents {counts.get('documents', 0)}"]
    if "cited_only" in counts:
        db[0] += f" (+{counts['cited_only']} cited, not ingested)"
    db += [f"{k} {counts[k]}" for k in ("citations", "edges", "tasks", "agencies") if k in counts]
    lines.append("CSDL / database: " + ", ".join(db))
    return lines


def ingest_cmd(
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursively). Use -- before a name that starts with '-'."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database path."),
    jobs: int = typer.Option(1, "--jobs", "--workers", "-j", help="Worker processes for reading and extraction (0 = all cores); one writer stays."),
    batch: int = typer.Option(1, "--batch", help="Files per database transaction (each file still rolls back alone). 1 = one transaction per file; 64 speeds up big folders on slow disks."),
) -> None:
    """Ingest files and folders into the database. The same bytes twice are one document."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from pipeline.ingest import collect_files, db_summary, ingest_paths, open_database

    err = Console(stderr=True)
    files = collect_files(paths)              # UsageError (exit 2) for a missing path
    failures: list = []

    def report(r) -> None:
        if r.status == "failed":
            failures.append(r)
        elif r.status == "duplicate":
            print(f"{r.path}: đã nạp trước đó / {r.message}", file=sys.stderr, flush=True)

    if err.is_terminal and sys.stdout.isatty() and files:
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.description}"), console=err, transient=True) as bar:
            task = bar.add_task("", total=len(files))

            def progress(i: int, total: int, r) -> None:
                report(r)
                if r.status == "failed":
                    bar.console.print(f"[red]FAILED[/red] {r.path}: {_reason(r)}", markup=True, highlight=False)
                bar.update(task, completed=i, description=Path(r.path).name[:40])
            results = ingest_paths(db, files, progress, workers=jobs, batch=batch)
    else:
        def progress(i: int, total: int, r) -> None:
            report(r)
            if r.status == "failed":
                print(f"FAILED {r.path}: {_reason(r)}", file=sys.stderr)
        results = ingest_paths(db, files, progress, workers=jobs, batch=batch)
    dbh = open_database(db)
    try:
        counts = db_summary(dbh)
    finally:
        dbh.conn.close()
    for line in summary_lines(results, counts):
        typer.echo(line)
    if failures:
        raise typer.Exit(1)


def watch_cmd(
    inbox: Path = typer.Argument(..., help="The inbox folder to watch."),
    processed: Optional[Path] = typer.Option(None, "--processed", help="Where ingested files go (default: INBOX/../processed)."),
    failed: Optional[Path] = typer.Option(None, "--failed", help="Where unreadable files go, with NAME.error.json (default: INBOX/../failed)."),
    once: bool = typer.Option(False, "--once", help="Drain the inbox and exit (for cron)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database path."),
    log: Optional[Path] = typer.Option(None, "--log", help="Append a log line per file to this file."),
    settle: float = typer.Option(2.0, "--settle", help="Seconds a file's size and mtime must stay unchanged before it is taken."),
    rescan: float = typer.Option(10.0, "--rescan", help="Full rescan period in seconds (file events can be lost on network shares)."),
) -> None:
    """Watch an inbox folder: ingest each new file, then move it to processed/ or failed/.

    A file is taken once its size and mtime stop changing (--settle); hidden files, ~$x.docx, .part, .crdownload and .tmp files are left alone.

    Unreadable files go to failed/ with NAME.error.json (reason in Vietnamese and English). Only one watcher may run per inbox. SIGTERM or Ctrl-C stops after the current file. With --once: exit 0, or 1 when some files failed.
    """
    from pipeline.inbox import WatchConfig, watch

    cfg = WatchConfig(inbox=inbox, db_path=db, processed=processed, failed=failed,
                      settle=settle, rescan=rescan, log_file=log)

    def echo(msg: str) -> None:
        print(msg, flush=True)

    stats = watch(cfg, once=once, echo=echo)
    if once and stats.exit_code:
        raise typer.Exit(stats.exit_code)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("watch")(watch_cmd)
