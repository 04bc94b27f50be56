"""Reading a document reference as people type it, and resolving it against the store."""
from __future__ import annotations

import pytest

from gold_extraction import build_gold_db
from pipeline.refs import parse_ref, resolve_ref


@pytest.mark.parametrize("text, number, year, type_, key", [
    ("57-NQ/TW", "57-NQ/TW", None, None, None),
    ("57-NQ/TW@2024", "57-NQ/TW", 2024, None, "57-NQ/TW@2024"),
    ("Nghị quyết 57", "57", None, "Nghị quyết", None),
    ("nghi quyet 57", "57", None, "Nghị quyết", None),
    ("NQ 57", "57", None, "Nghị quyết", None),
    ("Kế hoạch 50/KH-UBND", "50/KH-UBND", None, "Kế hoạch", None),
    ("Kế hoạch số 50/KH-UBND năm 2026", "50/KH-UBND", 2026, "Kế hoạch", None),
    ("04-TB/BCĐ 2026", "04-TB/BCĐ", 2026, None, None),
    ("04-TB/BCĐ (2026)", "04-TB/BCĐ", 2026, None, None),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", "57-NQ/TW", 2024, "Nghị quyết", None),
    ("Thông báo kết luận số 04-TB/BCĐTW", "04-TB/BCĐTW", None, "Thông báo", None),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", 2020, None, None),
    ("  57 - NQ / TW ", "57-NQ/TW", None, None, None),
    ("04-TB/BCÐ", "04-TB/BCĐ", None, None, None),                      # Icelandic Ð typed for Đ
    ("sha256:ABCDEF0123456789", None, None, None, "sha256:abcdef0123456789"),
    ("vb:0123456789abcdef", None, None, None, "vb:0123456789abcdef"),
    (" VB:0123456789ABCDEF ", None, None, None, "vb:0123456789abcdef"),
    ("Chương trình hành động 10-CTr/TU", "10-CTR/TU", None, "Chương trình hành động", None),
])
def test_parse_ref(text, number, year, type_, key):
    q = parse_ref(text)
    assert (q.number, q.year, q.type, q.key) == (number, year, type_, key)


@pytest.mark.parametrize("text", ["", "   ", "xyz", "Nghị quyết"])
def test_parse_ref_without_a_number(text):
    q = parse_ref(text)
    assert q.number is None and q.key is None


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db, _ = build_gold_db(tmp_path_factory.mktemp("refs") / "v.db")
    yield db
    db.conn.close()


@pytest.mark.parametrize("text, keys", [
    ("57-NQ/TW", ["57-NQ/TW@2024"]),
    ("57-nq/tw", ["57-NQ/TW@2024"]),
    ("57-NQ/TW@2024", ["57-NQ/TW@2024"]),
    ("Nghị quyết 57", ["57-NQ/TW@2024"]),
    ("Kế hoạch 50/KH-UBND", ["50/KH-UBND@2026"]),
    ("04-TB/BCĐ 2026", ["04-TB/BCĐ@2026"]),
    ("04-TB/BCĐ", ["04-TB/BCĐ@2026"]),           # not 04-TB/BCĐTW: a different symbol
    ("04-TB/BCĐTW", ["04-TB/BCĐTW@2025"]),
    ("04-TB/BCD", ["04-TB/BCĐ@2026"]),           # typed without marks
    ("04-TB/BCĐ 2025", []),
    ("Thông báo 04 2025", ["04-TB/BCĐTW@2025"]),
    ("Quyết định 57", []),                       # 57 is a Nghị quyết
    ("1751/QĐ-TTg", ["1751/QĐ-TTG"]),
    ("999/KH-UBND", []),
])
def test_resolve_ref(db, text, keys):
    assert resolve_ref(db, text) == keys


def test_resolve_ref_ambiguous_lists_candidates(db):
    assert sorted(resolve_ref(db, "04-TB")) == ["04-TB/BCĐ@2026", "04-TB/BCĐTW@2025"]
    assert sorted(resolve_ref(db, "Nghị quyết 11")) == ["11/NQ-CP@2026"]


def test_resolve_unnumbered_keys_exactly(tmp_path):
    """`vb:…` (content_key) and `sha256:…` keys resolve to exactly that document, or nothing."""
    from gold_extraction import synthetic
    from pipeline.store import open_db, save_extraction
    db = open_db(tmp_path / "v.db")
    ex = synthetic("d" * 64, None, "2026-04-01")
    ex["document"]["key"] = "vb:00112233aabbccdd"
    with db.conn:
        key = save_extraction(db, ex, "d.txt")
    assert key == "vb:00112233aabbccdd"
    assert resolve_ref(db, "vb:00112233aabbccdd") == [key] == resolve_ref(db, "VB:00112233AABBCCDD")
    assert resolve_ref(db, "vb:00112233aabbccde") == [] and resolve_ref(db, "vb:00112233") == []
    assert db.conn.execute("SELECT number_norm FROM documents WHERE key = ?", (key,)).fetchone()[0] is None
    db.conn.close()
