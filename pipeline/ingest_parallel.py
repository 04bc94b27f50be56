"""Ingest many files on all cores: worker processes read and extract, one process writes SQLite.

    ingest_many(db_path, paths, workers=None) -> list[IngestResult]

The main process hashes every file first and skips bytes already in the database (or met
earlier in the same run); workers run `pipeline.readers.read` + `extractors.extract` (through
`pipeline.ingest.guarded_read`, so the size and zip-bomb guards apply) and send back the
extraction dict; the main process is the only SQLite writer and saves `batch` extractions per
transaction (`store.save_extraction`), each inside a SAVEPOINT so one file that fails to save
is rolled back alone and the batch goes on. Results are the same `IngestResult`s as
`pipeline.ingest.ingest_file` gives, in input order.
"""
from __future__ import annotations

import os
import sqlite3
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pipeline.ingest import (IngestResult, _failed, _record_failure, _unexpected, collect_files,
                             hash_file, open_database)

Progress = Callable[[int, int, IngestResult], None]
DEFAULT_BATCH = 64


def default_workers() -> int:
    """Worker processes: env VANBAN_WORKERS, else the CPUs this process may use."""
    env = os.environ.get("VANBAN_WORKERS")
    if env:
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _work(job: tuple[str, str]) -> dict[str, Any]:
    """In a worker: read and extract one file. Never raises; errors come back as dicts."""
    from pipeline.errors import ReadError
    from pipeline.ingest import guarded_read
    path_s, sha = job
    path = Path(path_s)
    stage = "reading"
    try:
        doc = guarded_read(path)
        stage = "extracting"
        from extractors import extract
        extraction = extract(doc)
    except ReadError as e:
        return {"path": path_s, "sha": sha, "error": e.to_dict(), "record": True}
    except MemoryError as e:
        return {"path": path_s, "sha": sha, "error": _unexpected(e, path, stage), "record": True}
    except Exception as e:  # noqa: BLE001 - one bad file must not stop a batch
        return {"path": path_s, "sha": sha, "error": _unexpected(e, path, stage), "record": True}
    if extraction.get("sha256") and extraction["sha256"] != sha:
        return {"path": path_s, "sha": sha, "retryable": True, "record": False,
                "error": {"code": "changed", "error_class": "FileChanged",
                          "reason_en": f"{path.name}: the file changed while it was being read",
                          "reason_vi": f"{path.name}: tệp bị thay đổi trong khi đang đọc"}}
    return {"path": path_s, "sha": sha, "extraction": extraction}


def _hash_all(files: list[Path]) -> Iterator[tuple[Path, str | None, IngestResult | None]]:
    for f in files:
        try:
            yield f, hash_file(f), None
        except FileNotFoundError as e:
            yield f, None, _failed(f, None, {"code": "not_found", "error_class": type(e).__name__,
                                             "reason_en": f"{f.name}: file not found",
                                             "reason_vi": f"{f.name}: không tìm thấy tệp"})
        except OSError as e:
            yield f, None, _failed(f, None, _unexpected(e, f, "hashing"))


def _plan(db, files: list[Path]) -> tuple[dict[int, IngestResult], list[tuple[int, str, str]]]:
    """Results known before any reading (missing, already stored, repeated bytes) and the jobs."""
    from pipeline import store
    done: dict[int, IngestResult] = {}
    jobs: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    for i, (f, sha, res) in enumerate(_hash_all(files)):
        if res is not None:
            done[i] = res
        elif sha in seen:
            done[i] = IngestResult(str(f), sha, "duplicate", message=f"same bytes as {seen[sha]}")
        elif store.file_known(db, sha):
            done[i] = IngestResult(str(f), sha, "duplicate", message="already ingested")
        else:
            seen[sha] = str(f)
            jobs.append((i, str(f), sha))
    return done, jobs


def _save_batch(db, batch: list[tuple[int, dict]]) -> list[tuple[int, IngestResult]]:
    """One transaction for the batch, one SAVEPOINT per file."""
    from pipeline import store
    conn = db.conn
    out: list[tuple[int, IngestResult]] = []
    failures: list[tuple[Path, str, dict]] = []
    with conn:
        for i, item in batch:
            path, sha = Path(item["path"]), item["sha"]
            if "error" in item:
                out.append((i, _failed(path, sha, item["error"], retryable=item.get("retryable", False))))
                if item.get("record"):
                    failures.append((path, sha, item["error"]))
                continue
            ex = item["extraction"]
            conn.execute("SAVEPOINT vanban_file")
            try:
                key = store.save_extraction(db, ex, str(path))
                status = conn.execute("SELECT status FROM files WHERE sha256 = ?", (sha,)).fetchone()
            except Exception as e:  # noqa: BLE001 - roll this file back, keep the batch
                conn.execute("ROLLBACK TO vanban_file")
                conn.execute("RELEASE vanban_file")
                err = _unexpected(e, path, "saving")
                busy = isinstance(e, sqlite3.OperationalError)
                out.append((i, _failed(path, sha, err, retryable=busy)))
                if not busy:
                    failures.append((path, sha, err))
                continue
            conn.execute("RELEASE vanban_file")
            if status and status[0] == "duplicate":
                out.append((i, IngestResult(str(path), sha, "duplicate", document_key=key,
                                            message=f"same document as already ingested {key}")))
            else:
                out.append((i, IngestResult(str(path), sha, "ingested", document_key=key,
                                            message=f"ingested as {key}",
                                            counts={"citations": len(ex.get("citations") or []),
                                                    "tasks": len(ex.get("tasks") or [])})))
    for path, sha, err in failures:
        _record_failure(db, path, sha, err)
    return out


def _crashed(path_s: str, sha: str) -> dict[str, Any]:
    name = Path(path_s).name
    return {"path": path_s, "sha": sha, "record": True,
            "error": {"code": "reader_crashed", "error_class": "BrokenProcessPool",
                      "reason_en": f"{name}: the reader crashed on this file",
                      "reason_vi": f"{name}: chương trình đọc bị lỗi nghiêm trọng với tệp này"}}


def _isolated(job: tuple[int, str, str], ctx: Any) -> dict[str, Any]:
    """Run one job alone in a fresh process: a file that kills its worker fails by itself."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    _, p, sha = job
    with ProcessPoolExecutor(1, mp_context=ctx) as one:
        try:
            return one.submit(_work, (p, sha)).result()
        except BrokenProcessPool:
            return _crashed(p, sha)


def _results(jobs: list[tuple[int, str, str]], workers: int) -> Iterator[tuple[int, dict]]:
    """(index, worker result) as they finish: in a process pool (at most 4 jobs per worker in
    flight, so finished extractions never pile up), or in-process for 1 worker. When a reader
    kills its worker, the jobs that were in flight are rerun one by one in fresh processes."""
    if workers <= 1 or len(jobs) <= 1:
        for i, p, sha in jobs:
            yield i, _work((p, sha))
        return
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    import extractors  # noqa: F401 - imported before the fork, shared by the workers
    import pipeline.readers  # noqa: F401
    ctx = get_context("fork") if hasattr(os, "fork") else get_context()
    todo = deque(jobs)
    in_flight: dict[Any, tuple[int, str, str]] = {}
    pool = ProcessPoolExecutor(workers, mp_context=ctx)
    try:
        while todo or in_flight:
            while todo and len(in_flight) < 4 * workers:
                job = todo.popleft()
                in_flight[pool.submit(_work, (job[1], job[2]))] = job
            finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                job = in_flight.pop(fut)
                try:
                    yield job[0], fut.result()
                except BrokenProcessPool:
                    broken = True
                    yield job[0], _isolated(job, ctx)
            if broken:
                suspects = list(in_flight.values())
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for job in suspects:
                    yield job[0], _isolated(job, ctx)
                pool = ProcessPoolExecutor(workers, mp_context=ctx)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_many(db_path: str | Path, paths: Iterable[str | Path], workers: int | None = None,
                batch: int = DEFAULT_BATCH, progress: Progress | None = None) -> list[IngestResult]:
    """Ingest files and folders (recursively) with `workers` reading processes and one SQLite
    writer committing every `batch` files. Same results as `ingest_paths`, in input order."""
    workers = default_workers() if workers is None else max(1, workers)
    files = collect_files(paths)
    db = open_database(db_path)
    results: dict[int, IngestResult] = {}
    try:
        done, jobs = _plan(db, files)
        results.update(done)
        n = 0
        for i in sorted(done):
            n += 1
            if progress:
                progress(n, len(files), done[i])
        pending: list[tuple[int, dict]] = []

        def flush() -> None:
            nonlocal n
            for i, r in _save_batch(db, pending):
                results[i] = r
                n += 1
                if progress:
                    progress(n, len(files), r)
            pending.clear()

        for i, r in _results(jobs, workers):
            pending.append((i, r))
            if len(pending) >= batch:
                flush()
        flush()
    finally:
        db.conn.close()
    return [results[i] for i in range(len(files))]
