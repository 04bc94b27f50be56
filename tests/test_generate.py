"""The benchmark corpus generator: deterministic, realistic enough to ingest, and the parallel
ingest gives the same database as the one-file-at-a-time ingest."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

import pipeline.ingest as ingest  # noqa: E402
from pipeline.ingest import ingest_paths  # noqa: E402

REAL_PREPARE = ingest.prepare


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> list[Path]:
    return generate.generate(tmp_path_factory.mktemp("gen"), 12, seed=3, templates=0)


def test_same_seed_same_bytes(small_corpus, tmp_path):
    again = generate.generate(tmp_path / "again", 12, seed=3, templates=0)
    assert [p.name for p in again] == [p.name for p in small_corpus]
    assert generate.corpus_digest(again) == generate.corpus_digest(small_corpus)


def test_other_seed_other_documents(small_corpus, tmp_path):
    other = generate.generate(tmp_path / "other", 12, seed=4, templates=0)
    assert generate.corpus_digest(other) != generate.corpus_digest(small_corpus)


def test_specs_have_header_citations_and_tasks():
    specs = generate.make_specs(60, seed=1)
    assert len({(s["number"], s["year"]) for s in specs}) == 60   # numbers restart each year
    assert any(s["table"] for s in specs)
    assert any(s["local"] for s in specs), "documents cite earlier documents of the corpus"
    lines = generate.text_lines(next(s for s in specs if s["table"]))
    assert any(l.startswith("Số: ") for l in lines)
    assert any(l.startswith("Căn cứ ") for l in lines)
    assert "\t".join(generate._HEADER) in lines


def test_formats_follow_the_office_mix():
    f = generate.formats(2000, seed=0, have_pdf=True)
    assert 0.45 < f.count("docx") / 2000 < 0.55
    assert 0.30 < f.count("pdf") / 2000 < 0.40
    assert 0.11 < f.count("txt") / 2000 < 0.19


def _dump(db_path: Path) -> dict:
    con = sqlite3.connect(db_path)
    try:
        return {
            "documents": sorted(con.execute("select key, ingested, number, issuer from documents")),
            "edges": sorted(con.execute("select source_key, target_key, relation from edges")),
            "tasks": con.execute("select count(*) from tasks").fetchone()[0],
            "files": sorted(con.execute("select sha256, status from files")),
        }
    finally:
        con.close()


def test_generated_documents_ingest_in_parallel_as_one_by_one(small_corpus, tmp_path):
    folder = small_corpus[0].parent
    serial = ingest_paths(tmp_path / "serial.db", [folder])
    parallel = ingest_paths(tmp_path / "parallel.db", [folder], workers=2, batch=5)
    assert [r.status for r in parallel] == [r.status for r in serial]
    assert all(r.status == "ingested" for r in parallel), [r.message for r in parallel if r.status != "ingested"]
    a, b = _dump(tmp_path / "serial.db"), _dump(tmp_path / "parallel.db")
    assert a == b
    assert sum(1 for d in b["documents"] if d[1] == 1) == 12
    assert b["edges"], "citations among the documents and to central documents become edges"
    again = ingest_paths(tmp_path / "parallel.db", [folder], workers=2)
    assert {r.status for r in again} == {"duplicate"}


def test_bad_file_fails_alone(small_corpus, tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "ok.docx").write_bytes(small_corpus[0].read_bytes())
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    res = {Path(r.path).name: r for r in ingest_paths(tmp_path / "x.db", [bad], workers=2, batch=8)}
    assert res["ok.docx"].status == "ingested"
    assert res["broken.pdf"].status == "failed" and res["broken.pdf"].error


def crashing_prepare(path):
    """A reader that kills its process on one file (as a segfault in a C library would)."""
    import os
    if str(path).endswith("boom.txt"):
        os._exit(3)
    return REAL_PREPARE(path)


def test_a_file_that_kills_its_worker_fails_alone(small_corpus, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in small_corpus[:5]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "boom.txt").write_text("Số: 1/KH-UBND\n", encoding="utf-8")
    monkeypatch.setattr(ingest, "prepare", crashing_prepare)
    res = {Path(r.path).name: r for r in ingest_paths(tmp_path / "x.db", [folder], workers=2, batch=4)}
    assert res["boom.txt"].status == "failed"
    assert res["boom.txt"].error["code"] == "reader_crashed"
    assert all(r.status == "ingested" for n, r in res.items() if n != "boom.txt")


def test_a_file_that_fails_to_save_rolls_back_alone_in_a_batch(small_corpus, tmp_path, monkeypatch):
    """batch > 1: one transaction for many files, a SAVEPOINT each; a file whose save raises
    after writing part of itself leaves nothing of it, and the rest of the batch is committed."""
    from pipeline import store
    real_save = store.save_extraction
    victim = small_corpus[2].name

    def save_then_fail(db, extraction, file_path):
        key = real_save(db, extraction, file_path)
        if file_path.endswith(victim):
            raise ValueError("simulated failure after a partial write")
        return key
    monkeypatch.setattr(store, "save_extraction", save_then_fail)
    folder = small_corpus[0].parent
    res = {Path(r.path).name: r for r in ingest_paths(tmp_path / "b.db", [folder], batch=5)}
    assert res[victim].status == "failed" and res[victim].error["stage"] == "saving"
    assert all(r.status == "ingested" for n, r in res.items() if n != victim)
    con = sqlite3.connect(tmp_path / "b.db")
    try:
        sha = res[victim].sha256
        assert con.execute("select status from files where sha256 = ?", (sha,)).fetchall() == [("failed",)]
        assert con.execute("select count(*) from documents where file = ?", (sha,)).fetchone()[0] == 0
        assert con.execute("select count(*) from documents where ingested = 1").fetchone()[0] == 11
    finally:
        con.close()
