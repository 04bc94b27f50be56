"""The inbox watcher: clerks drop files into a folder; each is ingested once and moved out.

Layout (defaults; each can be given explicitly):
    INBOX/                 files arrive here (sub-folders too; their relative path is kept)
    INBOX/../processed/    ingested or duplicate files, original names (a clash gets " (2)")
    INBOX/../failed/       files that could not be read, each with NAME.error.json beside it
Processed and failed are SIBLINGS of the inbox (same filesystem, so moves are atomic renames,
and the inbox really ends up empty). If you give folders inside the inbox they are skipped.

How a file is handled, and why it is crash safe:
1. It is taken only when complete: two scans `settle` seconds apart see the same size and
   mtime. Hidden files, Office lock files (~$x.docx) and partial downloads (.part,
   .crdownload, .tmp) are never taken.
2. hash -> ingest in ONE transaction (pipeline.ingest.ingest_file) -> commit.
3. Only after the commit is the file moved (os.replace: atomic). Killed before the move, a
   restart finds the file still in the inbox, sees its sha256 already in the database and moves
   it to processed/ as a duplicate; killed before the commit, nothing was written and the file
   is simply ingested again. No file is lost and none is ingested twice.
4. For a failure the NAME.error.json is written first (temp file + rename), then the file moves.

Events come from watchdog, but the folder is also rescanned every `rescan` seconds, because
events get lost on network shares; an event only makes the next scan happen sooner.
One watcher per inbox: an exclusive flock on INBOX/.vanban-watch.lock; a second watcher exits.
SIGTERM/SIGINT stop the watcher after the file in hand is finished.
"""
from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pipeline.errors import UsageError, VanbanError
from pipeline import store
from pipeline.ingest import IngestResult, display_path, ingest_file, open_database, walk_files

LOCK_NAME = ".vanban-watch.lock"
TMP_PREFIX = ".vanban-tmp-"
RETRY_LIMIT_ONCE = 3


class WatcherBusy(VanbanError):
    """Another watcher holds the inbox lock."""

    code = "busy"


@dataclass
class WatchConfig:
    inbox: Path
    db_path: Path
    processed: Path | None = None
    failed: Path | None = None
    settle: float = 2.0        # seconds a file's size and mtime must stay unchanged
    rescan: float = 10.0       # full rescan period, events or not
    log_file: Path | None = None

    def __post_init__(self) -> None:
        self.inbox = Path(self.inbox)
        self.db_path = Path(self.db_path)
        self.processed = Path(self.processed) if self.processed else default_dir(self.inbox, "processed")
        self.failed = Path(self.failed) if self.failed else default_dir(self.inbox, "failed")


def default_dir(inbox: Path, name: str) -> Path:
    """A sibling of the inbox: /srv/inbox -> /srv/processed."""
    return inbox.resolve().parent / name


@dataclass
class WatchStats:
    ingested: int = 0
    duplicate: int = 0
    failed: int = 0
    stuck: list[str] = field(default_factory=list)   # could not be handled (left in the inbox)

    @property
    def exit_code(self) -> int:
        return 1 if (self.failed or self.stuck) else 0


# ---------------------------------------------------------------- file-system helpers

def unique_destination(directory: Path, name: str) -> Path:
    """`directory/name`, or `name (2)`, `name (3)`… before the extension: never an existing file."""
    dest = directory / name
    if not os.path.lexists(dest):
        return dest
    if "." in name[1:]:
        stem, ext = name.rsplit(".", 1)
        ext = "." + ext
    else:
        stem, ext = name, ""
    n = 2
    while True:
        dest = directory / f"{stem} ({n}){ext}"
        if not os.path.lexists(dest):
            return dest
        n += 1


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def move_file(src: Path, dest: Path) -> Path:
    """Move atomically (rename). Across filesystems: copy to a hidden temp name in the target
    folder, fsync, rename into place, then remove the source."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, dest)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        tmp = dest.parent / f"{TMP_PREFIX}{os.getpid()}-{dest.name}"
        shutil.copy2(src, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
        os.unlink(src)
    _fsync_dir(dest.parent)
    return dest


def write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{TMP_PREFIX}{os.getpid()}-{path.name}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def clean_stale_temps(*dirs: Path) -> None:
    """Remove temp files a killed watcher left behind (we hold the lock, so none is live)."""
    for d in dirs:
        if d.is_dir():
            for p in d.rglob(f"{TMP_PREFIX}*"):
                try:
                    p.unlink()
                except OSError:
                    pass


def error_report(result: IngestResult, original: Path, moved_to: Path) -> dict:
    """The NAME.error.json content: reasons in Vietnamese and English, class, time, sha256."""
    err = dict(result.error or {})
    return {
        "file": display_path(original.name),
        "original_path": display_path(original),
        "moved_to": display_path(moved_to),
        "sha256": result.sha256,
        "time": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        "code": err.get("code"),
        "error_class": err.get("error_class"),
        "reason_vi": err.get("reason_vi"),
        "reason_en": err.get("reason_en"),
        "error": err,
    }


# ---------------------------------------------------------------- the lock

class InboxLock:
    """An exclusive, non-blocking flock on INBOX/.vanban-watch.lock (released by the kernel
    when the process dies, even by SIGKILL)."""

    def __init__(self, inbox: Path) -> None:
        self.path = inbox / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> "InboxLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise WatcherBusy(f"another watcher (pid {other}) is already processing {self.path.parent}; exiting",
                              f"một tiến trình theo dõi khác (pid {other}) đang xử lý {self.path.parent}; thoát")
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


# ---------------------------------------------------------------- stability tracking

class StabilityTracker:
    """Remembers each file's (size, mtime) and when it was first seen so; a file is ready when
    two scans at least `settle` seconds apart see the same signature."""

    def __init__(self, settle: float) -> None:
        self.settle = settle
        self.seen: dict[Path, tuple[tuple[int, int], float]] = {}

    def update(self, files: list[Path]) -> tuple[list[Path], float | None]:
        """(ready files in order, seconds until the next pending file could be ready)."""
        now = time.monotonic()
        ready: list[Path] = []
        wait: float | None = None
        current = set()
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            current.add(f)
            sig = (st.st_size, st.st_mtime_ns)
            prev = self.seen.get(f)
            if prev is None or prev[0] != sig:
                self.seen[f] = (sig, now)
                left = self.settle
            else:
                left = self.settle - (now - prev[1])
            if left <= 0:
                ready.append(f)
            else:
                wait = left if wait is None else min(wait, left)
        for f in list(self.seen):
            if f not in current:
                del self.seen[f]
        return ready, wait

    def forget(self, f: Path) -> None:
        self.seen.pop(f, None)


# ---------------------------------------------------------------- the watcher

def make_logger(log_file: Path | None, echo: Callable[[str], None] | None) -> logging.Logger:
    log = logging.getLogger(f"vanban.watch.{id(object())}")
    log.setLevel(logging.INFO)
    log.propagate = False
    if echo is not None:
        class Echo(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                echo(record.getMessage())
        log.addHandler(Echo())
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        h = logging.FileHandler(log_file, encoding="utf-8")
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(h)
    return log


class Watcher:
    """Drains and watches one inbox. Use `run(once=...)`; it returns the stats."""

    def __init__(self, cfg: WatchConfig, echo: Callable[[str], None] | None = print) -> None:
        self.cfg = cfg
        self.log = make_logger(cfg.log_file, echo)
        self.stop = threading.Event()
        self.wake = threading.Event()
        self.stats = WatchStats()
        self.tracker = StabilityTracker(cfg.settle)
        self.attempts: dict[Path, int] = {}
        self.db = None

    # -- setup
    def check_dirs(self) -> None:
        inbox = self.cfg.inbox
        if not inbox.is_dir():
            raise UsageError(f"{inbox}: inbox folder does not exist", f"{inbox}: thư mục hộp thư đến không tồn tại")
        for d in (self.cfg.processed, self.cfg.failed):
            if d.resolve() == inbox.resolve():
                raise UsageError(f"{d}: must differ from the inbox", f"{d}: phải khác thư mục hộp thư đến")
            d.mkdir(parents=True, exist_ok=True)

    def candidates(self) -> list[Path]:
        return [f for f in walk_files(self.cfg.inbox, exclude=(self.cfg.processed, self.cfg.failed))
                if self.attempts.get(f, 0) >= 0]

    def _on_signal(self, signum: int, frame: object) -> None:
        self.log.info(f"signal {signal.Signals(signum).name}: stopping after the current file")
        self.stop.set()
        self.wake.set()

    def _start_observer(self):
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return None
        wake = self.wake

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                wake.set()
        try:
            obs = Observer()
            obs.daemon = True
            obs.schedule(Handler(), str(self.cfg.inbox), recursive=True)
            obs.start()
            return obs
        except Exception as e:  # noqa: BLE001 - inotify limits etc.: rescans still work
            self.log.warning(f"file events unavailable ({type(e).__name__}: {e}); rescanning every "
                             f"{self.cfg.rescan:g}s")
            return None

    # -- one file
    def _rel(self, f: Path) -> Path:
        try:
            return f.relative_to(self.cfg.inbox)
        except ValueError:
            return Path(f.name)

    def handle(self, f: Path, once: bool) -> None:
        """Ingest one ready file and move it out of the inbox; never raises for one file."""
        try:
            self._handle(f, once)
        except Exception as e:  # noqa: BLE001 - a watcher must not crash-loop on one file
            self.attempts[f] = -1
            self.stats.stuck.append(display_path(self._rel(f)))
            self.log.error(f"stuck     {display_path(self._rel(f))}: {type(e).__name__}: {display_path(str(e))}; "
                           "left in place")
            self.tracker.forget(f)

    def _handle(self, f: Path, once: bool) -> None:
        rel = display_path(self._rel(f))
        r = ingest_file(self.db, f)
        if r.status == "failed" and (r.error or {}).get("code") == "not_found":
            self.log.info(f"gone      {rel} (removed before it could be read)")
            return
        if r.retryable:
            n = self.attempts.get(f, 0) + 1
            self.attempts[f] = n
            self.log.warning(f"retry     {rel}: {r.message}")
            if once and n >= RETRY_LIMIT_ONCE:
                self.attempts[f] = -1
                self.stats.stuck.append(str(rel))
            self.tracker.forget(f)
            return
        try:
            if r.status == "failed":
                dest = unique_destination(self.cfg.failed / self._rel(f).parent, f.name)
                report = error_report(r, f, dest)
                write_json_atomic(dest.parent / f"{dest.name}.error.json", report)
                move_file(f, dest)
                self.stats.failed += 1
                self.log.info(f"failed    {rel}: {r.error.get('reason_vi')} / {r.error.get('reason_en')} "
                              f"-> {display_path(dest)}")
            else:
                dest = move_file(f, unique_destination(self.cfg.processed / self._rel(f).parent, f.name))
                if r.status == "ingested":
                    store.file_moved(self.db, r.sha256, dest)   # the annotated view re-reads it there
                if r.status == "duplicate":
                    self.stats.duplicate += 1
                    self.log.info(f"duplicate {rel}: already ingested (sha256 {r.sha256[:12]}) -> {display_path(dest)}")
                else:
                    self.stats.ingested += 1
                    self.log.info(f"ingested  {rel} -> {r.document_key} -> {display_path(dest)}")
        except OSError as e:
            self.attempts[f] = -1      # do not spin on a file we cannot move
            self.stats.stuck.append(str(rel))
            self.log.error(f"stuck     {rel}: cannot move it out of the inbox ({display_path(str(e))}); left in place")
        self.tracker.forget(f)

    # -- the loop
    def run(self, once: bool = False) -> WatchStats:
        self.check_dirs()
        with InboxLock(self.cfg.inbox):
            clean_stale_temps(self.cfg.processed, self.cfg.failed)
            old = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)} \
                if threading.current_thread() is threading.main_thread() else {}
            for s in old:
                signal.signal(s, self._on_signal)
            self.db = open_database(self.cfg.db_path)
            obs = None if once else self._start_observer()
            self.log.info(f"watching  {display_path(self.cfg.inbox)} -> processed {display_path(self.cfg.processed)}, "
                          f"failed {display_path(self.cfg.failed)}"
                          + (" (once)" if once else ""))
            try:
                self._loop(once)
            finally:
                if obs is not None:
                    obs.stop()
                self.db.conn.close()
                for s, h in old.items():
                    signal.signal(s, h)
        st = self.stats
        self.log.info(f"summary   ingested {st.ingested}, duplicate {st.duplicate}, failed {st.failed}"
                      + (f", left in inbox {len(st.stuck)}" if st.stuck else ""))
        for h in list(self.log.handlers):
            h.close()
            self.log.removeHandler(h)
        return st

    def _loop(self, once: bool) -> None:
        while not self.stop.is_set():
            self.wake.clear()
            files = self.candidates()
            ready, wait = self.tracker.update(files)
            for f in ready:
                if self.stop.is_set():
                    return
                self.handle(f, once)
            if ready:
                continue          # look again at once: more may have arrived meanwhile
            if once and wait is None:
                return            # nothing pending: drained
            timeout = wait if wait is not None else self.cfg.rescan
            self.wake.wait(min(timeout, self.cfg.rescan) + 0.05)
            if self.wake.is_set() and wait is None:
                time.sleep(0.2)   # let a burst of events settle before rescanning


def watch(cfg: WatchConfig, once: bool = False, echo: Callable[[str], None] | None = print) -> WatchStats:
    """Run a watcher on `cfg.inbox` (see module doc). Raises WatcherBusy if one already runs."""
    return Watcher(cfg, echo).run(once=once)
