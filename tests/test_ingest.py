"""pipeline.ingest and `vanban ingest`: real files in, a real SQLite database out."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import CORPUS, DATA, ROOT

sys.path.insert(0, str(DATA / "bad"))
import badfiles  # noqa: E402

from pipeline.errors import CorruptFile, TooLarge, UsageError  # noqa: E402
from pipeline.readers.guards import check_zip_container  # noqa: E402
from pipeline.ingest import (collect_files, db_summary, ingest_file,  # noqa: E402
                             ingest_paths, is_skipped_name, open_database)


@pytest.fixture()
def db(tmp_path):
    d = open_database(tmp_path / "t.db")
    yield d
    d.conn.close()


@pytest.fixture(autouse=True)
def _limits(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_BYTES", str(badfiles.HUGE_LIMIT))


def rows(db, table: str) -> int:
    return db.execute(f"select count(*) from {table}").fetchone()[0]


# ---------------------------------------------------------------- one file

def test_ingest_then_duplicate(db, tmp_path):
    p = badfiles.good_txt(tmp_path / "kế hoạch 1.txt", 1)
    r1 = ingest_file(db, p)
    assert r1.status == "ingested" and r1.document_key and r1.error is None
    copy = tmp_path / "bản sao.txt"
    shutil.copy(p, copy)
    r2 = ingest_file(db, copy)
    assert r2.status == "duplicate" and r2.message == "already ingested"
    assert r2.sha256 == r1.sha256
    assert rows(db, "files") == 1
    assert db.execute("select count(*) from documents where ingested = 1").fetchone()[0] == 1


@pytest.mark.parametrize("name", sorted(badfiles.MAKERS))
def test_bad_file_fails_with_reason(db, tmp_path, name):
    p = badfiles.MAKERS[name](tmp_path / name)
    r = ingest_file(db, p)
    assert r.status == "failed", r
    assert r.error["code"] in badfiles.EXPECTED_CODES[name], r.error
    assert r.error["reason_vi"] and r.error["reason_en"] and r.error["error_class"]
    assert "Traceback" not in r.message
    assert db.execute("select status from files where sha256 = ?", (r.sha256,)).fetchone() == ("failed",)
    assert db.execute("select count(*) from documents where ingested = 1").fetchone()[0] == 0


def test_batch_goes_on_after_bad_files(tmp_path):
    folder = tmp_path / "in"
    badfiles.make_bad_files(folder)
    good = badfiles.make_good_files(folder, 4)
    results = ingest_paths(tmp_path / "b.db", [folder])
    by_status = {s: sorted(Path(r.path).name for r in results if r.status == s)
                 for s in ("ingested", "duplicate", "failed")}
    assert by_status["failed"] == sorted(badfiles.MAKERS)
    assert by_status["ingested"] == sorted(p.name for p in good)
    assert [r.path for r in results] == sorted(r.path for r in results)   # deterministic order


def test_pdf_named_docx_is_refused_as_mislabelled(db, tmp_path):
    p = tmp_path / "thực ra là pdf.docx"
    shutil.copy(CORPUS / "seed000.pdf", p)
    r = ingest_file(db, p)
    assert r.status == "failed" and r.error["code"] == "mislabelled_file"
    assert ".docx" in r.error["reason_en"] and "pdf" in r.error["reason_en"]


def test_text_named_pdf_is_refused_as_mislabelled(db, tmp_path):
    p = badfiles.good_txt(tmp_path / "thực ra là văn bản.pdf", 7)
    r = ingest_file(db, p)
    assert r.status == "failed" and r.error["code"] == "mislabelled_file"


def test_doc_that_is_really_docx_is_read(db, tmp_path):
    """Word families are interchangeable: a .docx saved as .doc is read, not refused."""
    p = tmp_path / "công văn.doc"
    shutil.copy(CORPUS / "seed000.docx", p)
    r = ingest_file(db, p)
    assert r.status == "ingested", r.error


def test_docx_and_txt_variants_are_distinct_documents(db, tmp_path):
    keys = {ingest_file(db, p).document_key for p in badfiles.make_good_files(tmp_path, 6)}
    assert len(keys) == 6


def test_missing_file_is_a_failure_not_a_crash(db, tmp_path):
    r = ingest_file(db, tmp_path / "không có.txt")
    assert r.status == "failed" and r.error["code"] == "not_found"


# ---------------------------------------------------------------- the pre-read guard

def test_zip_bomb_refused_by_declared_ratio(tmp_path):
    p = badfiles.zip_bomb_docx(tmp_path / "bomb.docx", megabytes=40)
    with pytest.raises(TooLarge, match="zip bomb"):
        check_zip_container(p)


def test_zip_refused_by_declared_total(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_UNZIPPED_BYTES", "100000")
    p = tmp_path / "big.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", os.urandom(150_000))
    with pytest.raises(TooLarge):
        check_zip_container(p)


def test_real_docx_passes_the_guard():
    for p in sorted(CORPUS.glob("*.docx")):
        check_zip_container(p)


def test_truncated_zip_is_corrupt(tmp_path):
    with pytest.raises(CorruptFile):
        check_zip_container(badfiles.truncated_docx(tmp_path / "t.docx"))


# ---------------------------------------------------------------- collecting files

@pytest.mark.parametrize("name,skipped", [
    ("~$kế hoạch.docx", True), (".hidden.txt", True), ("tai-ve.pdf.part", True),
    ("x.crdownload", True), ("x.TMP", True), ("Thumbs.db", True), ("báo cáo.docx~", True),
    ("-bắt đầu bằng gạch.txt", False), ("Kế hoạch số 50.docx", False), ("x.pdf", False),
])
def test_skipped_names(name, skipped):
    assert is_skipped_name(name) is skipped


def test_collect_files_recursive_sorted_skips_temp(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/z.txt", "a.txt", "~$a.docx", ".git/x.txt", "c.pdf.part", "b/ă.txt"):
        (tmp_path / rel).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path, tmp_path / "a.txt"])]
    assert got == ["a.txt", "b/z.txt", "b/ă.txt"]


def test_collect_missing_path_is_usage_error(tmp_path):
    with pytest.raises(UsageError):
        collect_files([tmp_path / "nope"])


# ---------------------------------------------------------------- the CLI

VANBAN = [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]


def vanban(*args: str, cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run the `vanban` command as a real subprocess (the console-script entry point)."""
    env = dict(os.environ, VANBAN_MAX_BYTES=str(badfiles.HUGE_LIMIT), PYTHONPATH=str(ROOT),
               **(env_extra or {}))
    return subprocess.run([*VANBAN, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_cli_ingest_exit_codes_and_summary(tmp_path):
    folder = tmp_path / "in"
    good = badfiles.make_good_files(folder, 3)
    db = tmp_path / "cli.db"
    r = vanban("ingest", str(folder), "--db", str(db), cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "ingested 3" in r.stdout and "documents 3" in r.stdout
    assert "\x1b[" not in r.stdout + r.stderr          # no progress bar or colours when piped
    # the same files again: all duplicates, still success
    r = vanban("ingest", str(folder), "--db", str(db), cwd=ROOT)
    assert r.returncode == 0 and "duplicate 3" in r.stdout
    # a bad file among good ones: exit 1, one line for the failure
    badfiles.empty(folder / "rỗng.txt")
    r = vanban("ingest", str(folder), "--db", str(db), cwd=ROOT)
    assert r.returncode == 1
    fails = [l for l in r.stderr.splitlines() if l.startswith("FAILED")]
    assert len(fails) == 1 and "rỗng.txt" in fails[0] and "Traceback" not in r.stderr
    # a path that does not exist: usage error
    r = vanban("ingest", str(tmp_path / "không có"), "--db", str(db), cwd=ROOT)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert good


def test_cli_ingest_leading_dash_and_vietnamese_names(tmp_path):
    p = badfiles.good_txt(tmp_path / "-Kế hoạch số 7 (bản chính).txt", 7)
    r = vanban("ingest", "--db", str(tmp_path / "d.db"), "--", p.name, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = open_database(tmp_path / "d.db")
    try:
        assert d.execute("select name from files").fetchone() == (p.name,)
        assert db_summary(d)["documents"] == 1
    finally:
        d.conn.close()


def test_page_limit_applies(db, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_PAGES", "1")
    p = tmp_path / "nhiều trang.pdf"
    shutil.copy(CORPUS / "seed004.pdf", p)
    r = ingest_file(db, p)
    assert r.status == "failed" and r.error["code"] == "too_large", r.error


def test_db_summary_counts(tmp_path):
    ingest_paths(tmp_path / "s.db", badfiles.make_good_files(tmp_path / "in", 2))
    d = open_database(tmp_path / "s.db")
    try:
        s = db_summary(d)
    finally:
        d.conn.close()
    assert s["documents"] == 2 and s["files"] == 2
    assert {"citations", "tasks", "agencies"} <= set(s)


def test_process_pool_gives_the_same_results_as_serial(tmp_path):
    folder = tmp_path / "in"
    good = badfiles.make_good_files(folder, 4)
    shutil.copy(good[0], folder / "bản sao.docx")          # same bytes twice in one batch
    badfiles.empty(folder / "rỗng.txt")
    badfiles.truncated_docx(folder / "hỏng.docx")
    serial = ingest_paths(tmp_path / "serial.db", [folder])
    pooled = ingest_paths(tmp_path / "pooled.db", [folder], workers=2)
    strip = lambda rs: [(Path(r.path).name, r.status, r.sha256, (r.error or {}).get("code")) for r in rs]
    assert strip(pooled) == strip(serial)
    assert sorted(r.status for r in pooled) == ["duplicate", "failed", "failed"] + ["ingested"] * 4


def test_zip_without_word_parts_named_docx_fails(db, tmp_path):
    r = ingest_file(db, badfiles.plain_zip_docx(tmp_path / "plain-zip.docx"))
    assert r.status == "failed" and r.error["code"] in badfiles.EXPECTED_CODES["plain-zip.docx"]
