"""`vanban watch`: real inbox folders, real watcher subprocesses, real signals (SIGTERM, SIGKILL)."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT

sys.path.insert(0, str(DATA / "bad"))
import badfiles  # noqa: E402

from pipeline.inbox import unique_destination  # noqa: E402

VANBAN = [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]
ENV = dict(os.environ, VANBAN_MAX_BYTES=str(badfiles.HUGE_LIMIT), PYTHONPATH=str(ROOT))
HANG_GUARD = 300  # seconds: only so a broken watcher cannot hang the suite; no test measures speed


class Box:
    """An inbox layout in tmp_path: in/, processed/, failed/ (the defaults: siblings of in/)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inbox = root / "in"
        self.processed = root / "processed"
        self.failed = root / "failed"
        self.db = root / "vanban.db"
        self.log = root / "watch.log"
        self.inbox.mkdir()

    def args(self, *extra: str) -> list[str]:
        return [*VANBAN, "watch", str(self.inbox), "--db", str(self.db), "--log", str(self.log),
                "--settle", "0.3", "--rescan", "1", *extra]

    def once(self) -> subprocess.CompletedProcess:
        return subprocess.run(self.args("--once"), env=ENV, capture_output=True, text=True, timeout=HANG_GUARD)

    def start(self) -> subprocess.Popen:
        out = open(self.root / f"watcher-{time.monotonic_ns()}.out", "w")
        return subprocess.Popen(self.args(), env=ENV, stdout=out, stderr=subprocess.STDOUT, text=True)

    def inbox_files(self) -> list[str]:
        return sorted(p.relative_to(self.inbox).as_posix() for p in self.inbox.rglob("*")
                      if p.is_file() and not p.name.startswith("."))

    def listing(self, d: Path) -> list[str]:
        return sorted(p.name for p in d.iterdir()) if d.exists() else []

    def done_count(self) -> int:
        return len(self.listing(self.processed)) + len([n for n in self.listing(self.failed)
                                                        if not n.endswith(".error.json")])

    def sql(self, q: str, *args) -> list[tuple]:
        con = sqlite3.connect(self.db)
        try:
            return con.execute(q, args).fetchall()
        finally:
            con.close()


def wait_for(cond, what: str) -> None:
    deadline = time.monotonic() + HANG_GUARD
    while not cond():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for: {what}")
        time.sleep(0.05)


@pytest.fixture()
def box(tmp_path) -> Box:
    return Box(tmp_path)


def deliver(src: Path, inbox: Path) -> Path:
    """Drop a file the way a careful copier does: hidden temp name, then rename."""
    tmp = inbox / f".{src.name}.copying"
    shutil.copy(src, tmp)
    dest = inbox / src.name
    os.replace(tmp, dest)
    return dest


# ---------------------------------------------------------------- --once

def test_once_good_bad_duplicate_and_temp_files(box):
    good = badfiles.make_good_files(box.inbox, 3)
    shutil.copy(good[1], box.inbox / "bản sao trùng.docx" if good[1].suffix == ".docx" else box.inbox / "bản sao trùng.txt")
    badfiles.make_bad_files(box.inbox)
    (box.inbox / "~$Kế hoạch.docx").write_bytes(b"lock")
    (box.inbox / "tai-ve.pdf.crdownload").write_bytes(b"%PDF-1.7 partial")
    r = box.once()
    assert r.returncode == 1, r.stdout + r.stderr          # some inputs failed
    assert "Traceback" not in r.stdout + r.stderr
    assert box.inbox_files() == ["tai-ve.pdf.crdownload", "~$Kế hoạch.docx"]
    assert sorted(box.listing(box.processed)) == sorted([p.name for p in good] + [
        n for n in box.listing(box.processed) if n.startswith("bản sao")])
    assert len(box.listing(box.processed)) == 4
    failed = box.listing(box.failed)
    assert sorted(n for n in failed if not n.endswith(".error.json")) == sorted(badfiles.MAKERS)
    for name in badfiles.MAKERS:
        rep = json.loads((box.failed / f"{name}.error.json").read_text(encoding="utf-8"))
        assert rep["code"] in badfiles.EXPECTED_CODES[name], rep
        assert rep["reason_vi"] and rep["reason_en"] and rep["error_class"] and rep["time"]
        assert len(rep["sha256"]) == 64
    lines = r.stdout.splitlines()
    assert sum(l.startswith("duplicate ") for l in lines) == 1
    assert sum(l.startswith("ingested ") for l in lines) == 3
    assert sum(l.startswith("failed ") for l in lines) == 8
    assert len(box.log.read_text(encoding="utf-8").splitlines()) == len(lines)
    assert box.sql("select count(*) from documents where ingested = 1") == [(3,)]


def test_name_clash_gets_a_suffix_never_overwrites(box):
    box.processed.mkdir()
    (box.processed / "-Kế hoạch 1.txt").write_text("đã có từ trước", encoding="utf-8")
    badfiles.good_txt(box.inbox / "-Kế hoạch 1.txt", 1)
    box.failed.mkdir()
    (box.failed / "rỗng.txt").write_bytes(b"old")
    badfiles.empty(box.inbox / "rỗng.txt")
    box.once()
    assert (box.processed / "-Kế hoạch 1.txt").read_text(encoding="utf-8") == "đã có từ trước"
    assert (box.processed / "-Kế hoạch 1 (2).txt").read_text(encoding="utf-8").startswith("ỦY BAN")
    assert (box.failed / "rỗng.txt").read_bytes() == b"old"
    assert (box.failed / "rỗng (2).txt").exists() and (box.failed / "rỗng (2).txt.error.json").exists()
    assert box.inbox_files() == []


@pytest.mark.parametrize("existing,expected", [
    ([], "a.txt"), (["a.txt"], "a (2).txt"), (["a.txt", "a (2).txt"], "a (3).txt"),
    (["noext"], "noext (2)"), (["x.tar.gz"], "x.tar (2).gz"),
])
def test_unique_destination(tmp_path, existing, expected):
    for n in existing:
        (tmp_path / n).write_text("x")
    name = existing[0] if existing else expected
    assert unique_destination(tmp_path, name).name == expected


def test_subfolders_keep_their_relative_path(box):
    (box.inbox / "Phòng KH").mkdir()
    badfiles.good_txt(box.inbox / "Phòng KH" / "kế hoạch 9.txt", 9)
    r = box.once()
    assert r.returncode == 0, r.stdout + r.stderr
    assert (box.processed / "Phòng KH" / "kế hoạch 9.txt").exists()


def test_missing_inbox_is_usage_error(box):
    r = subprocess.run([*VANBAN, "watch", str(box.root / "không có"), "--once", "--db", str(box.db)],
                       env=ENV, capture_output=True, text=True, timeout=HANG_GUARD)
    assert r.returncode == 2 and "Traceback" not in r.stderr


# ---------------------------------------------------------------- the running watcher

def test_running_watcher_ingests_new_files_refuses_a_second_and_stops_on_sigterm(box):
    w = box.start()
    try:
        wait_for(lambda: (box.inbox / ".vanban-watch.lock").exists()
                 and (box.inbox / ".vanban-watch.lock").read_text().strip() == str(w.pid), "the lock")
        second = box.once()
        assert second.returncode == 1
        assert "another watcher" in second.stderr and str(w.pid) in second.stderr
        for p in badfiles.make_good_files(box.root / "stage", 2):
            deliver(p, box.inbox)
        wait_for(lambda: len(box.listing(box.processed)) == 2, "two files processed")
        w.send_signal(signal.SIGTERM)
        assert w.wait(timeout=HANG_GUARD) == 0
    finally:
        if w.poll() is None:
            w.kill()
            w.wait()
    assert box.inbox_files() == []
    assert box.sql("select count(*) from files where status = 'ingested'") == [(2,)]


@pytest.mark.slow
def test_done_means_sigkill_twice_then_once(box):
    """40 distinct good documents and 8 bad files dropped into the inbox while the watcher is
    SIGKILLed twice at random moments and restarted; then `watch --once` finishes the job."""
    rng = random.Random(int(os.environ.get("VANBAN_TEST_SEED", "20260316")))
    stage = box.root / "stage"
    good = badfiles.make_good_files(stage, 40)
    bad = list(badfiles.make_bad_files(stage).values())
    drops = good + bad
    rng.shuffle(drops)
    first, second = drops[:26], drops[26:]

    w = box.start()
    for p in first:
        deliver(p, box.inbox)
    k1 = rng.randint(2, 12)
    wait_for(lambda: box.done_count() >= k1 or w.poll() is not None, f"{k1} files handled")
    time.sleep(rng.uniform(0, 0.4))
    w.send_signal(signal.SIGKILL)
    w.wait()

    w = box.start()
    for p in second:
        deliver(p, box.inbox)
    k2 = box.done_count() + rng.randint(2, 12)
    wait_for(lambda: box.done_count() >= k2 or w.poll() is not None, f"{k2} files handled")
    time.sleep(rng.uniform(0, 0.4))
    w.send_signal(signal.SIGKILL)
    w.wait()

    r = box.once()      # 1 when bad files were left for it, 0 when the killed watchers got them all
    assert r.returncode in (0, 1) and "Traceback" not in r.stdout + r.stderr, r.stdout + r.stderr
    assert box.inbox_files() == []
    assert box.listing(box.processed) == sorted(p.name for p in good)
    failed = box.listing(box.failed)
    assert [n for n in failed if n.startswith(".")] == []     # no temp leftovers
    assert sorted(n for n in failed if not n.endswith(".error.json")) == sorted(p.name for p in bad)
    for p in bad:
        rep = json.loads((box.failed / f"{p.name}.error.json").read_text(encoding="utf-8"))
        assert rep["code"] in badfiles.EXPECTED_CODES[p.name] and rep["reason_vi"] and rep["reason_en"]

    assert box.sql("pragma integrity_check") == [("ok",)]
    assert box.sql("select count(*) from files where status = 'ingested'") == [(40,)]
    assert box.sql("select count(*) from files where status = 'failed'") == [(8,)]
    assert box.sql("select count(*) from documents where ingested = 1") == [(40,)]
    assert box.sql("select count(distinct document_key) from files where status = 'ingested'") == [(40,)]
    import hashlib
    stored = {row[0] for row in box.sql("select sha256 from files where status = 'ingested'")}
    on_disk = {hashlib.sha256((box.processed / n).read_bytes()).hexdigest() for n in box.listing(box.processed)}
    assert stored == on_disk


def test_processed_and_failed_inside_the_inbox_are_not_rescanned(box):
    badfiles.good_txt(box.inbox / "kế hoạch 3.txt", 3)
    badfiles.empty(box.inbox / "rỗng.txt")
    r = subprocess.run(box.args("--once", "--processed", str(box.inbox / "đã xử lý"),
                                "--failed", str(box.inbox / "lỗi")),
                       env=ENV, capture_output=True, text=True, timeout=HANG_GUARD)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (box.inbox / "đã xử lý" / "kế hoạch 3.txt").exists()
    assert (box.inbox / "lỗi" / "rỗng.txt.error.json").exists()
    lines = r.stdout.splitlines()
    assert [l.split()[0] for l in lines[1:-1]] == ["ingested", "failed"]


def test_stability_tracker_waits_for_unchanged_size_and_mtime(tmp_path):
    from pipeline.inbox import StabilityTracker
    f = tmp_path / "đang chép.docx"
    f.write_bytes(b"part one")
    slow = StabilityTracker(settle=3600)
    assert slow.update([f])[0] == []
    assert slow.update([f])[0] == []                 # unchanged, but not for long enough
    now = StabilityTracker(settle=0)
    assert now.update([f])[0] == [f]
    f.write_bytes(b"part one, part two")             # grew: its signature changed
    sig_before = slow.seen[f][0]
    slow.update([f])
    assert slow.seen[f][0] != sig_before
    f.unlink()
    assert slow.update([f]) == ([], None) and f not in slow.seen


def test_database_busy_leaves_the_file_in_the_inbox_for_later(box):
    assert box.once().returncode == 0                      # creates the database
    p = badfiles.good_txt(box.inbox / "kế hoạch 5.txt", 5)
    holder = sqlite3.connect(box.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")                      # another writer holds the lock
    try:
        r = subprocess.run(box.args("--once"), env=dict(ENV, VANBAN_BUSY_TIMEOUT_MS="100"),
                           capture_output=True, text=True, timeout=HANG_GUARD)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 1 and "retry" in r.stdout and "Traceback" not in r.stdout + r.stderr
    assert p.exists() and not (box.failed / p.name).exists()
    r = box.once()
    assert r.returncode == 0 and (box.processed / p.name).exists()


def test_name_that_is_not_utf8_is_handled_not_a_crash(box):
    """A Windows-1258 name from an old zip, extracted on Linux: bytes that are not UTF-8."""
    raw_good = os.path.join(os.fsencode(box.inbox), "k\xe9 ho\xb9ch s\xf4 1.txt".encode("latin-1"))
    raw_bad = os.path.join(os.fsencode(box.inbox), "r\xe9ng.txt".encode("latin-1"))
    try:
        with open(raw_good, "wb") as f:
            f.write(badfiles.good_txt(box.root / "g.txt", 11).read_bytes())
        open(raw_bad, "wb").close()
    except OSError:
        pytest.skip("this filesystem refuses names that are not UTF-8")
    r = box.once()
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr, r.stdout + r.stderr
    assert box.inbox_files() == []
    assert len(os.listdir(os.fsencode(box.processed))) == 1
    assert len(os.listdir(os.fsencode(box.failed))) == 2
    assert box.sql("select count(*) from files where status = 'ingested'") == [(1,)]


def test_processed_file_path_is_recorded_after_the_move(tmp_path):
    """The files table points at processed/, where the annotated view re-reads the file."""
    import sqlite3
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    src = ROOT / "corpus" / "seed000.docx"
    (inbox / "báo cáo.docx").write_bytes(src.read_bytes())
    db = tmp_path / "v.db"
    r = subprocess.run([sys.executable, "-m", "pipeline.cli", "watch", str(inbox), "--once", "--db", str(db),
                        "--settle", "0"], capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    (path,) = sqlite3.connect(db).execute("SELECT path FROM files").fetchone()
    assert Path(path).parent.name == "processed" and Path(path).is_file()
