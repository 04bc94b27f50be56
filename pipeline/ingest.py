"""Ingest files into the database: hash -> (duplicate?) -> guard -> read -> extract -> save.

One file is one transaction by default: a document is either wholly in the database or not at
all, so a crash at any instant leaves nothing half-written and redoing the file is safe (the
sha256 of the bytes is unique in `files`). `ingest_paths(..., batch=N)` commits N files per
transaction instead, each inside a SAVEPOINT so a file that fails to save rolls back alone; a
crash then loses at most the open batch, which is redone on the next run. Every failure becomes
an `IngestResult` with a reason in Vietnamese and English; a run never stops on one bad file.

`ingest_paths(..., workers=N)`: N worker processes read and extract (at most
IN_FLIGHT_PER_WORKER files each in flight, so memory does not grow with the corpus), this
process stays the one SQLite writer and saves in input order. A file whose reader kills its
worker (a crash in a C library) fails alone: the files that were in flight are redone one by
one in fresh processes.

The pre-read guard (size limit, zip-bomb check) lives in `pipeline.readers.guards` and runs
inside `read()`, before any reader touches the bytes.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.errors import ReadError, TooLarge, UsageError
TEMP_SUFFIXES = (".part", ".crdownload", ".tmp", ".partial", ".download", ".swp", "~")


@dataclass
class IngestResult:
    """What happened to one file. `status` is "ingested", "duplicate" or "failed"."""

    path: str
    sha256: str | None
    status: str
    document_key: str | None = None
    error: dict | None = None
    message: str = ""
    retryable: bool = False   # a failure not caused by the file (database busy): try again later
    counts: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def max_pages() -> int | None:
    """Page limit (env VANBAN_MAX_PAGES); None when unset. Readers should enforce it while
    reading; this is a backstop after reading."""
    env = os.environ.get("VANBAN_MAX_PAGES")
    return int(env) if env else None


# ---------------------------------------------------------------- one file

def display_path(path: str | Path) -> str:
    """A path as text that can always be printed, logged and stored: a name that is not valid
    UTF-8 (an old Windows-1258 zip extracted on Linux) gets U+FFFD for its undecodable bytes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unexpected(e: BaseException, path: Path, stage: str) -> dict:
    """An error dict for an exception we did not anticipate: class name and message, no traceback."""
    cls = type(e).__name__
    msg = str(e).strip().splitlines()[0][:300] if str(e).strip() else cls
    return {"code": "unexpected_error", "error_class": cls, "stage": stage,
            "reason_en": f"{path.name}: unexpected error while {stage}: {cls}: {msg}",
            "reason_vi": f"{path.name}: lỗi không lường trước khi {_STAGE_VI.get(stage, stage)}: {cls}: {msg}"}


_STAGE_VI = {"reading": "đọc tệp", "extracting": "trích xuất", "saving": "lưu vào cơ sở dữ liệu",
             "hashing": "tính mã băm", "checking": "kiểm tra"}


def hash_file(path: Path) -> str:
    from pipeline.readers import sha256_file
    return sha256_file(path)


def guarded_read(path: Path):
    """Guard, then read one file into a ReadDocument. Raises ReadError (or anything a reader raises)."""
    from pipeline.readers import read
    doc = read(path)
    limit = max_pages()
    if limit and doc.pages and doc.pages > limit:
        raise TooLarge(f"{path.name}: {doc.pages} pages is over the limit of {limit}",
                       f"{path.name}: {doc.pages} trang vượt giới hạn {limit}")
    return doc


def read_and_extract(path: Path) -> dict:
    """Guard, read and extract one file (pure: touches no database)."""
    from extractors import extract
    return extract(guarded_read(path))


def _clean(error: dict) -> dict:
    """Error dict with every text printable (see display_path)."""
    return {k: display_path(v) if isinstance(v, str) else v for k, v in error.items()}


Transaction = Callable[[], AbstractContextManager]


def _own_transaction(db) -> Transaction:
    """One transaction per use: `with conn:` commits, or rolls back on an exception."""
    return lambda: db.conn


def _savepoint(db) -> Transaction:
    """A SAVEPOINT per use inside the caller's open transaction: an exception rolls back only
    what was written inside it."""
    conn = db.conn

    @contextmanager
    def sp() -> Iterator[None]:
        conn.execute("SAVEPOINT vanban_file")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO vanban_file")
            conn.execute("RELEASE vanban_file")
            raise
        conn.execute("RELEASE vanban_file")
    return sp


def _record_failure(db, path: Path, sha: str | None, error: dict, tx: Transaction | None = None) -> None:
    """Best effort: a failure row in the database; never raises."""
    if sha is None:
        return
    error = _clean(error)
    try:
        from pipeline import store
        with (tx or _own_transaction(db))():
            store.record_failure(db, display_path(path), sha, error)
    except Exception:  # noqa: BLE001 - recording a failure must not hide the failure itself
        pass


def _failed(path: Path, sha: str | None, error: dict, retryable: bool = False) -> IngestResult:
    error = _clean(error)
    return IngestResult(display_path(path), sha, "failed", error=error,
                        message=error.get("reason_en", ""), retryable=retryable)


def check_known(db, path: Path) -> IngestResult | str:
    """Phase 1: hash the bytes. Returns the sha256, or a final result (duplicate, missing…)."""
    from pipeline import store
    try:
        sha = hash_file(path)
    except FileNotFoundError as e:
        return _failed(path, None, {"code": "not_found", "error_class": type(e).__name__,
                                    "reason_en": f"{path.name}: file not found",
                                    "reason_vi": f"{path.name}: không tìm thấy tệp"})
    except OSError as e:
        return _failed(path, None, _unexpected(e, path, "hashing"))
    try:
        if store.file_known(db, sha):
            return IngestResult(display_path(path), sha, "duplicate", message="already ingested")
    except sqlite3.OperationalError as e:
        return _failed(path, sha, _unexpected(e, path, "checking"), retryable=True)
    return sha


def prepare(path: str | Path) -> tuple[dict | None, dict | None]:
    """Phase 2 (no database; safe in a worker process): guard, read, extract.
    Returns (extraction, None) or (None, error dict)."""
    path = Path(path)
    stage = "reading"
    try:
        doc = guarded_read(path)
        stage = "extracting"
        from extractors import extract
        extraction = extract(doc)
        extraction["file"] = display_path(extraction.get("file") or path.name)
        return extraction, None
    except ReadError as e:
        return None, _clean(e.to_dict())
    except Exception as e:  # noqa: BLE001 - one bad file must not stop a batch
        return None, _clean(_unexpected(e, path, stage))


def save(db, path: Path, sha: str, extraction: dict | None, error: dict | None,
         tx: Transaction | None = None) -> IngestResult:
    """Phase 3: record the failure, or save the extraction; all of it inside one `tx()` (by
    default its own transaction; `_savepoint(db)` inside a batch)."""
    from pipeline import store
    tx = tx or _own_transaction(db)
    if error is not None:
        _record_failure(db, path, sha, error, tx)
        return _failed(path, sha, error)
    if store.file_known(db, sha):        # the same bytes were saved meanwhile (same batch, other writer)
        return IngestResult(display_path(path), sha, "duplicate", message="already ingested")
    if extraction.get("sha256") and extraction["sha256"] != sha:
        return _failed(path, sha, {"code": "changed", "error_class": "FileChanged",
                                   "reason_en": f"{path.name}: the file changed while it was being read",
                                   "reason_vi": f"{path.name}: tệp bị thay đổi trong khi đang đọc"},
                       retryable=True)
    try:
        with tx():
            key = store.save_extraction(db, extraction, display_path(path))
    except sqlite3.OperationalError as e:
        # locked / busy / disk full while saving: not the file's fault, try it again later
        return _failed(path, sha, _unexpected(e, path, "saving"), retryable=True)
    except Exception as e:  # noqa: BLE001
        err = _unexpected(e, path, "saving")
        _record_failure(db, path, sha, err, tx)
        return _failed(path, sha, err)
    row = db.conn.execute("SELECT status FROM files WHERE sha256 = ?", (sha,)).fetchone()
    if row and row[0] == "duplicate":   # other bytes of a document already stored (its PDF and its .docx)
        return IngestResult(display_path(path), sha, "duplicate", document_key=key,
                            message=f"same document as already ingested {key}")
    return IngestResult(display_path(path), sha, "ingested", document_key=key,
                        message=f"ingested as {key}",
                        counts={"citations": len(extraction.get("citations") or []),
                                "tasks": len(extraction.get("tasks") or [])})


def ingest_file(db, path: str | Path) -> IngestResult:
    """Ingest one file into an open database; never raises for a bad file."""
    path = Path(path)
    known = check_known(db, path)
    if isinstance(known, IngestResult):
        return known
    extraction, error = prepare(path)
    return save(db, path, known, extraction, error)


# ---------------------------------------------------------------- many files

def is_skipped_name(name: str) -> bool:
    """Hidden files, Office lock files (~$x.docx) and partial downloads/copies."""
    low = name.lower()
    return (name.startswith(".") or name.startswith("~$") or name.startswith("~")
            or low.endswith(TEMP_SUFFIXES) or low in ("thumbs.db", "desktop.ini"))


def walk_files(root: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """Files under `root`, recursively, skipping hidden/temp names and hidden folders; sorted."""
    excluded = {p.resolve() for p in exclude}
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames
                             if not n.startswith(".") and (d / n).resolve() not in excluded)
        for n in filenames:
            if not is_skipped_name(n) and (d / n).is_file():
                out.append(d / n)
    return sorted(out)


# Files a folder walk leaves alone: our own sidecars (gold annotations, error reports) and data
# or code that no office sends as a document. A file named explicitly is always tried.
NOT_DOCUMENT_SUFFIXES = (".gold.json", ".error.json", ".json", ".md", ".csv", ".xlsx", ".db",
                         ".sqlite", ".py", ".ipynb", ".html", ".ics", ".graphml", ".gexf")


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into one sorted, de-duplicated list. A missing path is a
    usage error. A file named explicitly is taken even when its name looks temporary; inside
    folders, sidecars and data files (NOT_DOCUMENT_SUFFIXES) are left alone."""
    found: dict[str, Path] = {}
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder", f"{p}: không có tệp hoặc thư mục này")
        items = ([f for f in walk_files(p) if not f.name.lower().endswith(NOT_DOCUMENT_SUFFIXES)]
                 if p.is_dir() else [p])
        for f in items:
            found.setdefault(str(f.resolve()), f)
    return sorted(found.values(), key=lambda f: str(f))


Progress = Callable[[int, int, IngestResult], None]


def open_database(db_path: str | Path):
    """Open (and create) the database with a generous busy timeout for concurrent writers."""
    from pipeline import store
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = store.open_db(db_path)
    db.conn.execute(f"PRAGMA busy_timeout = {int(os.environ.get('VANBAN_BUSY_TIMEOUT_MS', 30000))}")
    return db


IN_FLIGHT_PER_WORKER = 4   # files handed to each worker ahead of the writer: bounds memory


def default_workers() -> int:
    """Worker processes for `workers=0`: env VANBAN_WORKERS, else the CPUs this process may use."""
    env = os.environ.get("VANBAN_WORKERS")
    if env:
        return max(1, int(env))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def ingest_paths(db_path: str | Path, paths: Iterable[str | Path], progress: Progress | None = None,
                 workers: int = 1, batch: int = 1) -> list[IngestResult]:
    """Ingest files and folders (recursively) into the database at `db_path`, in sorted order.
    `progress(i, total, result)` is called for each file once its transaction is committed.
    Identical bytes are one document.

    `workers > 1` (0 = default_workers()): reading and extraction run in worker processes while
    this process stays the one SQLite writer; results are saved in the same sorted order.
    `batch > 1`: commit every `batch` files (one SAVEPOINT each) instead of one transaction per
    file — faster on slow disks; an interruption loses at most the open batch."""
    files = collect_files(paths)
    workers = default_workers() if workers == 0 else max(1, workers)
    db = open_database(db_path)
    results: list[IngestResult] = []

    def done(r: IngestResult) -> None:
        results.append(r)
        if progress:
            progress(len(results), len(files), r)
    writer = _Writer(db, max(1, batch), done)
    try:
        for f, outcome in _outcomes(db, files, workers):
            writer.add(f, outcome)
        writer.flush()
    except BaseException:
        writer.abort()
        raise
    finally:
        db.conn.close()
    return results


# An outcome is a final IngestResult (missing file, bytes already stored), ("prepared", sha,
# extraction, error) from `prepare`, or ("repeat", sha) for bytes met earlier in the same run.
Outcome = IngestResult | tuple


def _outcomes(db, files: list[Path], workers: int) -> Iterator[tuple[Path, Outcome]]:
    """Each file with its outcome, in input order; reading and extraction pooled when workers > 1."""
    if workers <= 1 or len(files) <= 1:
        for f in files:
            known = check_known(db, f)
            yield f, known if isinstance(known, IngestResult) else ("prepared", known, *prepare(f))
        return
    plan: list[tuple[Path, IngestResult | str]] = [(f, check_known(db, f)) for f in files]
    seen: set[str] = set()
    owners: set[int] = set()
    for i, (f, known) in enumerate(plan):
        if isinstance(known, str) and known not in seen:
            seen.add(known)
            owners.add(i)
    prepared = _pooled([plan[i][0] for i in sorted(owners)], workers)
    for i, (f, known) in enumerate(plan):
        if isinstance(known, IngestResult):
            yield f, known
        elif i in owners:
            yield f, ("prepared", known, *next(prepared))
        else:
            yield f, ("repeat", known)


def _fork_context():
    from multiprocessing import get_context
    return get_context("fork") if hasattr(os, "fork") else get_context()


def _crashed(path: Path) -> dict:
    return {"code": "reader_crashed", "error_class": "BrokenProcessPool",
            "reason_en": f"{path.name}: the reader crashed on this file",
            "reason_vi": f"{path.name}: chương trình đọc bị lỗi nghiêm trọng với tệp này"}


def _isolated(path: Path, ctx) -> tuple[dict | None, dict | None]:
    """`prepare(path)` alone in a fresh process: a file that kills its worker fails by itself."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    with ProcessPoolExecutor(1, mp_context=ctx) as one:
        try:
            return one.submit(prepare, path).result()
        except BrokenProcessPool:
            return None, _crashed(path)


def _pooled(paths: list[Path], workers: int) -> Iterator[tuple[dict | None, dict | None]]:
    """`prepare(p)` for each path in worker processes, yielded in input order, with at most
    IN_FLIGHT_PER_WORKER × workers files in flight. When a reader kills its worker, every file
    then in flight (and not finished) is redone alone in a fresh process, and a new pool goes on."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import extractors  # noqa: F401 - imported before the fork, shared by the workers
    import pipeline.readers  # noqa: F401
    ctx = _fork_context()
    todo = deque(paths)
    window: deque = deque()
    pool = ProcessPoolExecutor(workers, mp_context=ctx)
    try:
        while todo or window:
            while todo and len(window) < IN_FLIGHT_PER_WORKER * workers:
                p = todo.popleft()
                window.append((p, pool.submit(prepare, p)))
            p, fut = window.popleft()
            try:
                yield fut.result()
                continue
            except BrokenProcessPool:
                pass
            suspects = [(p, fut)] + list(window)
            window.clear()
            pool.shutdown(wait=False, cancel_futures=True)
            for q, f in suspects:
                ok = f.done() and not f.cancelled() and f.exception() is None
                yield f.result() if ok else _isolated(q, ctx)
            pool = ProcessPoolExecutor(workers, mp_context=ctx)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Writer:
    """The one SQLite writer: one transaction per file (batch=1), or per `batch` files with a
    SAVEPOINT per file. Results are passed to `done` in input order once committed."""

    def __init__(self, db, batch: int, done: Callable[[IngestResult], None]) -> None:
        self.db, self.batch, self.done = db, batch, done
        self.tx = _own_transaction(db) if batch == 1 else _savepoint(db)
        self.pending: list[tuple[IngestResult, bool]] = []   # (result, written in the open transaction)

    def add(self, f: Path, outcome: Outcome) -> None:
        if isinstance(outcome, IngestResult):
            self.pending.append((outcome, False))
        else:
            conn = self.db.conn
            if self.batch > 1 and not conn.in_transaction:
                conn.execute("BEGIN")
            self.pending.append((self._save(f, outcome), self.batch > 1))
            if self.batch > 1 and not conn.in_transaction:   # SQLite aborted the whole batch (disk full…)
                err = sqlite3.OperationalError("the transaction was rolled back")
                self.pending = [(self._lost(r, err), False) if w and r.status != "failed" else (r, False)
                                for r, w in self.pending]
        if len(self.pending) >= self.batch:
            self.flush()

    def _save(self, f: Path, outcome: tuple) -> IngestResult:
        from pipeline import store
        if outcome[0] == "repeat":
            sha = outcome[1]
            if store.file_known(self.db, sha):
                return IngestResult(display_path(f), sha, "duplicate", message="already ingested")
            return save(self.db, f, sha, *prepare(f), tx=self.tx)   # its first copy failed: try this one
        _, sha, extraction, error = outcome
        return save(self.db, f, sha, extraction, error, tx=self.tx)

    def flush(self) -> None:
        """Commit the open batch, then report its results."""
        conn = self.db.conn
        pending, self.pending = self.pending, []
        if conn.in_transaction:
            try:
                conn.commit()
            except sqlite3.OperationalError as e:   # disk full / I/O error at commit: the batch is lost
                conn.rollback()
                pending = [(self._lost(r, e), w) if w and r.status != "failed" else (r, w) for r, w in pending]
        for r, _ in pending:
            self.done(r)

    def _lost(self, r: IngestResult, e: Exception) -> IngestResult:
        p = Path(r.path)
        return _failed(p, r.sha256, _unexpected(e, p, "saving"), retryable=True)

    def abort(self) -> None:
        """Interrupted: roll back the open batch (nothing of it is reported)."""
        self.pending = []
        try:
            if self.db.conn.in_transaction:
                self.db.conn.rollback()
        except sqlite3.Error:
            pass


def db_summary(db) -> dict[str, int]:
    """Counts for a closing summary: documents (ingested / cited only), citations, tasks, agencies."""
    out: dict[str, int] = {}
    names = set(db.table_names())

    def count(sql: str) -> int | None:
        try:
            return db.execute(sql).fetchone()[0]
        except sqlite3.Error:
            return None

    if "documents" in names:
        cols = {c.name for c in db["documents"].columns}
        if "ingested" in cols:
            out["documents"] = count("select count(*) from documents where ingested = 1")
            out["cited_only"] = count("select count(*) from documents where ingested = 0")
        else:
            out["documents"] = count("select count(*) from documents")
    for t in ("citations", "edges", "tasks", "agencies", "files"):
        if t in names:
            out[t] = count(f"select count(*) from [{t}]")
    return {k: v for k, v in out.items() if v is not None}
