"""The SQLite store: schema, identity rules, idempotence, full-text search (real SQLite files)."""
from __future__ import annotations

import sqlite3

import pytest

from gold_extraction import SEEDS, build_gold_db, gold_extraction, synthetic
from pipeline.store import (SCHEMA_VERSION, document_warnings, file_known, open_db, record_failure,
                            save_extraction)

TABLES = ("files", "documents", "citations", "edges", "agencies", "tasks", "task_agencies")


def save(db, ex, path="x.txt"):
    with db.conn:
        return save_extraction(db, ex, path)


def counts(db) -> dict[str, int]:
    return {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def edges(db) -> set[tuple]:
    return set(db.conn.execute("SELECT source_key, target_key, relation, mentions, reported_by FROM edges"))


def row(db, sql, *args):
    return db.conn.execute(sql, args).fetchone()


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    db, keys = build_gold_db(tmp_path_factory.mktemp("gold") / "v.db")
    yield db, keys
    db.conn.close()


def test_schema_created_and_migrated(tmp_path):
    p = tmp_path / "sub" / "v.db"
    db = open_db(p)
    for t in TABLES + ("documents_fts", "tasks_fts"):
        assert db[t].exists(), t
    assert row(db, "PRAGMA user_version")[0] == SCHEMA_VERSION
    assert row(db, "PRAGMA journal_mode")[0] == "wal"
    assert row(db, "PRAGMA foreign_keys")[0] == 1
    db.conn.close()
    db = open_db(p)                      # reopening an up-to-date database changes nothing
    assert row(db, "SELECT value FROM meta WHERE name = 'schema_version'")[0] == str(SCHEMA_VERSION)


def test_gold_corpus_rows(gold):
    db, keys = gold
    assert keys["seed004"] == "50/KH-UBND@2026"
    for s in ("seed000", "seed001", "seed002", "seed003"):   # no number, or printed blank
        assert keys[s].startswith("sha256:")
    assert row(db, "SELECT count(*) FROM documents WHERE ingested = 1")[0] == 5
    assert row(db, "SELECT count(*) FROM files WHERE status = 'ingested'")[0] == 5
    # one row per mention; every gold citation of the five documents
    total = sum(len(gold_extraction(s)["citations"]) for s in SEEDS)
    assert row(db, "SELECT count(*) FROM citations")[0] == total
    assert row(db, "SELECT count(*) FROM tasks")[0] == 9 + 4 + 18 + 95
    assert row(db, "SELECT count(*) FROM tasks WHERE document_key = ?", keys["seed004"])[0] == 95


def test_cited_documents_are_placeholders(gold):
    db, _ = gold
    r = row(db, "SELECT ingested, type, date, issuer, issuer_level FROM documents WHERE key = '57-NQ/TW@2024'")
    assert r == (0, "Nghị quyết", "2024-12-22", "Bộ Chính trị", "central")
    # two different documents numbered 04: one per symbol and year
    assert row(db, "SELECT date FROM documents WHERE key = '04-TB/BCĐ@2026'")[0] == "2026-03-18"
    assert row(db, "SELECT date FROM documents WHERE key = '04-TB/BCĐTW@2025'")[0] == "2025-05-30"


def test_bare_mention_joins_the_only_known_document(gold):
    db, keys = gold
    # seed003 prints "Nghị quyết số 57-NQ/TW" with no date: it joins 57-NQ/TW@2024
    r = row(db, "SELECT target_key, ambiguous FROM citations WHERE source_key = ? AND mention_key = '57-NQ/TW'",
            keys["seed003"])
    assert r == ("57-NQ/TW@2024", 0)
    assert row(db, "SELECT count(*) FROM documents WHERE key = '57-NQ/TW'")[0] == 0


def test_reported_relations_become_edges(gold):
    db, keys = gold
    e = edges(db)
    assert ("11/NQ-CP@2026", "71/NQ-CP@2025", "sua_doi", 1, keys["seed004"]) in e
    assert ("71/NQ-CP@2025", "57-NQ/TW@2024", "thuc_hien", 1, keys["seed004"]) in e


def test_no_self_citation(gold):
    db, _ = gold
    assert row(db, "SELECT count(*) FROM edges WHERE source_key = target_key")[0] == 0
    assert row(db, "SELECT count(*) FROM citations WHERE source_key = target_key")[0] == 0


@pytest.mark.parametrize("order", [SEEDS, tuple(reversed(SEEDS)), ("seed003", "seed004", "seed000", "seed002", "seed001")])
def test_same_graph_whatever_the_order(tmp_path, gold, order):
    db, _ = build_gold_db(tmp_path / "o.db", order)
    assert edges(db) == edges(gold[0])
    assert counts(db) == counts(gold[0])


def test_resaving_a_file_changes_nothing(tmp_path):
    db, _ = build_gold_db(tmp_path / "v.db")
    before, e = counts(db), edges(db)
    for s in SEEDS:
        save(db, gold_extraction(s))
    assert counts(db) == before
    assert edges(db) == e
    assert all(file_known(db, gold_extraction(s)["sha256"]) for s in SEEDS)


def test_placeholder_upgraded_in_place_keeps_edges(tmp_path):
    db, keys = build_gold_db(tmp_path / "v.db")
    cited_before = set(db.conn.execute("SELECT source_key FROM edges WHERE target_key = '57-NQ/TW@2024'"))
    ex = synthetic("a" * 64, "57-NQ/TW", "2024-12-22", doc_type="Nghị quyết", issuer="Bộ Chính trị",
                   subject="về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
    assert save(db, ex) == "57-NQ/TW@2024"
    r = row(db, "SELECT ingested, file, subject FROM documents WHERE key = '57-NQ/TW@2024'")
    assert r[0] == 1 and r[1] == "a" * 64 and r[2].startswith("về đột phá")
    assert set(db.conn.execute("SELECT source_key FROM edges WHERE target_key = '57-NQ/TW@2024'")) == cited_before
    assert row(db, "SELECT count(*) FROM documents WHERE number_norm = '57-NQ/TW'")[0] == 1


def test_ambiguous_bare_mention_is_never_guessed(tmp_path):
    db = open_db(tmp_path / "v.db")
    save(db, synthetic("1" * 64, "10/KH-UBND", "2026-02-01",
                       [{"number": "04-TB/BCĐ", "date": "2026-01-05"}, {"number": "04-TB/BCĐ", "date": "2025-03-01"}]))
    key = save(db, synthetic("2" * 64, "20/KH-UBND", "2026-03-01", [{"number": "04-TB/BCĐ"}]))
    r = row(db, "SELECT target_key, ambiguous, candidates FROM citations WHERE source_key = ?", key)
    assert r[0] is None and r[1] == 1 and "04-TB/BCĐ@2025" in r[2] and "04-TB/BCĐ@2026" in r[2]
    assert row(db, "SELECT count(*) FROM edges WHERE source_key = ?", key)[0] == 0
    assert any("ambiguous" in w and "04-TB/BCĐ" in w for w in document_warnings(db, key))
    assert row(db, "SELECT count(*) FROM documents WHERE key = '04-TB/BCĐ'")[0] == 0


def test_bare_mention_resolved_when_the_document_arrives(tmp_path):
    db = open_db(tmp_path / "v.db")
    key = save(db, synthetic("3" * 64, "30/KH-UBND", "2026-03-01", [{"number": "04-TB/BCĐ", "relation": "thuc_hien"}]))
    assert row(db, "SELECT ingested FROM documents WHERE key = '04-TB/BCĐ'")[0] == 0   # bare placeholder
    save(db, synthetic("4" * 64, "04-TB/BCĐ", "2026-01-05", doc_type="Thông báo"))
    assert row(db, "SELECT target_key, ambiguous FROM citations WHERE source_key = ?", key) == ("04-TB/BCĐ@2026", 0)
    assert ((key, "04-TB/BCĐ@2026", "thuc_hien", 1, None)) in edges(db)
    assert row(db, "SELECT count(*) FROM documents WHERE key = '04-TB/BCĐ'")[0] == 0
    # a second 04-TB/BCĐ makes the bare mention ambiguous again: it is not guessed
    save(db, synthetic("5" * 64, "04-TB/BCĐ", "2025-02-02", doc_type="Thông báo"))
    assert row(db, "SELECT target_key, ambiguous FROM citations WHERE source_key = ?", key) == (None, 1)
    assert not [e for e in edges(db) if e[0] == key]


def test_a_document_cannot_cite_one_issued_after_it(tmp_path):
    db = open_db(tmp_path / "v.db")
    save(db, synthetic("6" * 64, "04-TB/BCĐ", "2024-01-05"))
    save(db, synthetic("7" * 64, "04-TB/BCĐ", "2026-01-05"))
    key = save(db, synthetic("8" * 64, "9/KH-UBND", "2025-01-01", [{"number": "04-TB/BCĐ"}]))
    assert row(db, "SELECT target_key FROM citations WHERE source_key = ?", key)[0] == "04-TB/BCĐ@2024"


def test_own_number_in_an_appendix_caption_is_not_a_citation(tmp_path):
    db = open_db(tmp_path / "v.db")
    key = save(db, synthetic("9" * 64, "50/KH-UBND", "2026-01-16",
                             [{"number": "50/KH-UBND", "date": "2026-01-16", "relation": "kem_theo"},
                              {"number": "50/KH-UBND", "relation": "kem_theo"},
                              {"number": "57-NQ/TW", "date": "2024-12-22"}]))
    assert [r[0] for r in db.conn.execute("SELECT target_key FROM citations WHERE source_key = ?", (key,))] \
        == ["57-NQ/TW@2024"]


def test_other_file_of_the_same_document_is_a_duplicate(tmp_path):
    db = open_db(tmp_path / "v.db")
    docx = gold_extraction("seed004")
    pdf = gold_extraction("seed004", fmt="pdf")
    save(db, docx)
    before = counts(db)
    assert save(db, pdf, "seed004.pdf") == "50/KH-UBND@2026"
    assert row(db, "SELECT status, document_key FROM files WHERE sha256 = ?", pdf["sha256"]) == \
        ("duplicate", "50/KH-UBND@2026")
    assert file_known(db, pdf["sha256"])
    after = counts(db)
    assert after.pop("files") == before.pop("files") + 1 and after == before


def test_failure_recorded_then_retried(tmp_path):
    db = open_db(tmp_path / "v.db")
    with db.conn:
        record_failure(db, "bad.pdf", "b" * 64, {"code": "corrupt_file", "reason_en": "broken"})
    assert row(db, "SELECT status, error FROM files WHERE sha256 = ?", "b" * 64)[0] == "failed"
    assert not file_known(db, "b" * 64)
    save(db, synthetic("b" * 64, "1/TB-UBND", "2026-01-01"), "bad.pdf")
    assert row(db, "SELECT status, error FROM files WHERE sha256 = ?", "b" * 64) == ("ingested", None)
    with db.conn:                          # a stored file is not turned into a failure
        record_failure(db, "bad.pdf", "b" * 64, {"code": "x"})
    assert file_known(db, "b" * 64)


def test_key_change_on_reextraction_retracts_the_old_rows(tmp_path):
    db = open_db(tmp_path / "v.db")
    old = save(db, synthetic("c" * 64, None, None, [{"number": "57-NQ/TW", "date": "2024-12-22"}]))
    assert old.startswith("sha256:")
    new = save(db, synthetic("c" * 64, "12/KH-UBND", "2026-02-02", [{"number": "57-NQ/TW", "date": "2024-12-22"}]))
    assert new == "12/KH-UBND@2026"
    assert row(db, "SELECT count(*) FROM documents WHERE key = ?", old)[0] == 0
    assert {e[0] for e in edges(db)} == {new}
    assert row(db, "SELECT document_key FROM files")[0] == new


def test_save_does_not_commit(tmp_path):
    db = open_db(tmp_path / "v.db")
    save_extraction(db, gold_extraction("seed004"), "seed004.docx")
    assert db.conn.in_transaction
    other = sqlite3.connect(tmp_path / "v.db")
    assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    db.conn.rollback()
    assert row(db, "SELECT count(*) FROM documents")[0] == 0
    other.close()


@pytest.mark.parametrize("query, seed", [
    ("chuyen doi so", "seed002"),            # accent-free finds "chuyển đổi số"
    ("chuyển đổi số", "seed002"),
    ("57 NQ TW", "seed004"),
])
def test_document_full_text_search(gold, query, seed):
    db, keys = gold
    hits = {r[0] for r in db.conn.execute(
        "SELECT d.key FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?",
        (f'"{query}"',))}
    assert keys[seed] in hits


def test_task_full_text_search_and_agencies(gold):
    db, keys = gold
    hits = db.conn.execute(
        "SELECT t.document_key, t.name FROM tasks_fts f JOIN tasks t ON t.rowid = f.rowid WHERE tasks_fts MATCH ?",
        ('"nong nghiep ung dung cong nghe cao"',)).fetchall()
    assert any(k == keys["seed004"] and "nông nghiệp ứng dụng công nghệ cao" in n for k, n in hits)
    lead = db.conn.execute(
        "SELECT a.name FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id JOIN tasks t ON t.id = ta.task_id"
        " WHERE t.document_key = ? AND t.appendix = 'Phụ lục I' AND t.no = '1' AND ta.role = 'lead'",
        (keys["seed004"],)).fetchall()
    assert lead == [("Sở Nông nghiệp và Môi trường",)]


def test_v1_database_is_migrated_to_the_task_register_view_and_graph_version(tmp_path):
    """A database made by schema v1 (serve used to create the view itself) gains both on open."""
    from pipeline import store
    p = tmp_path / "old.db"
    db = sqlite3.connect(p)
    db.executescript(store._SCHEMA_V1 + "PRAGMA user_version = 1;")
    db.close()
    db = open_db(p)
    assert row(db, "PRAGMA user_version")[0] == SCHEMA_VERSION == 3
    assert row(db, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'task_register'")[0] == 1
    v0 = store.graph_version(db)
    save(db, synthetic("c" * 64, "3/KH-UBND", "2026-03-01", [{"number": "57-NQ/TW", "date": "2024-12-22"}],
                       tasks=[{"name": "Việc", "lead": ["Sở Nội vụ"], "support": []}]))
    assert store.graph_version(db) > v0
    assert row(db, "SELECT name, lead FROM task_register")[0:2] == ("Việc", '["Sở Nội vụ"]')
    db.conn.close()


def test_unnumbered_keys_are_not_bare_numbers():
    from pipeline.store import is_bare, key_year, number_of_key
    for key in ("vb:0123456789abcdef", "sha256:0123456789abcdef"):
        assert not is_bare(key) and key_year(key) is None and number_of_key(key) is None
    assert is_bare("57-NQ/TW") and number_of_key("57-NQ/TW@2024") == "57-NQ/TW"


def _task_hits(db, words: str) -> list[str]:
    return [r[0] for r in db.conn.execute(
        "SELECT t.name FROM tasks_fts f JOIN tasks t ON t.id = f.rowid WHERE tasks_fts MATCH ? ORDER BY t.name",
        (f'"{words}"',))]


@pytest.mark.parametrize("steps, query, expected", [
    # (sha, number, task names) saved in order; then a full-text query over the tasks
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"])], "ra soat", ["Rà soát hồ sơ"]),
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"]), ("a", "1/KH-UBND", ["Rà soát hồ sơ"])], "ra soat", ["Rà soát hồ sơ"]),
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"]), ("a", "1/KH-UBND", ["Tổng hợp báo cáo"])], "ra soat", []),
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"]), ("a", "2/KH-UBND", ["Tổng hợp báo cáo"])], "tong hop", ["Tổng hợp báo cáo"]),
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"]), ("a", "2/KH-UBND", ["Tổng hợp báo cáo"])], "ra soat", []),
    ([("a", "1/KH-UBND", ["Rà soát hồ sơ"]), ("b", "3/KH-UBND", ["Rà soát đất"])], "ra soat", ["Rà soát hồ sơ", "Rà soát đất"]),
])
def test_task_search_index_follows_resaves_and_retractions(tmp_path, steps, query, expected):
    """Tasks are indexed a document at a time; a re-extraction or a key change leaves no stale entry."""
    db = open_db(tmp_path / "v.db")
    for sha, number, names in steps:
        save(db, synthetic(sha * 64, number, "2026-01-05", [],
                           tasks=[{"name": n, "lead": ["Sở Nội vụ"], "support": []} for n in names]))
    assert _task_hits(db, query) == expected
    db.conn.execute("INSERT INTO tasks_fts (tasks_fts) VALUES ('integrity-check')")   # raises when out of step
