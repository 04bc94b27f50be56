"""SQLite store: schema and migrations, and writing one file's extraction (SPEC.md "Database").

Identity rules (SPEC.md "Document identity"):
- a document's key is its normalised number plus `@year` (`57-NQ/TW@2024`), the number alone
  when it carries its year, or `vb:…` / `sha256:…` when it has no number;
- a cited document that is not ingested has a `documents` row with `ingested = 0`; when the
  document itself arrives, that row is filled in place and keeps its edges;
- a mention without a year (a *bare* key, `57-NQ/TW`) joins the only known document with that
  number; with several candidates it stays ambiguous (`citations.ambiguous = 1`, no edge, a
  warning). Bare mentions are resolved again whenever a document with that number appears;
- a document never cites itself; saving the same file twice changes nothing.

Schema v2 adds the `task_register` view (the task register with its lead/support agencies as
JSON arrays, for Datasette facets) and `meta.graph_version`, a counter that triggers bump on
every change to `edges` and to documents: `pipeline.graph_index` keys its cached
adjacency and the document fields it shows (key, number, type, date, issuer, ingested) on it,
so any ingest invalidates the cache.

`edges` is derived from `citations` (direct edges, `reported_by` NULL) and
`reported_relations` (edges a document states between two others), so it is rebuilt for a
document whenever its citations or their resolution change.

Writes use the raw sqlite3 connection (`db.conn.execute`): `save_extraction` never commits;
the caller wraps it (`with db.conn:`), so one file is one transaction.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from extractors.identity import file_key, make_key, normalize_number, year_in_number
from pipeline.levels import issuer_level
from pipeline.normalize import casefold_key, clean_text, collapse_ws, strip_accents

SCHEMA_VERSION = 3

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY,
  number TEXT, number_norm TEXT, number_ascii TEXT, year INTEGER,
  type TEXT, type_code TEXT, date TEXT, date_partial TEXT,
  issuer TEXT, issuer_parent TEXT, issuer_level TEXT,
  place TEXT, signer TEXT, signer_title TEXT, signing_authority TEXT,
  subject TEXT, recipients TEXT, is_draft INTEGER NOT NULL DEFAULT 0,
  ingested INTEGER NOT NULL DEFAULT 0,
  file TEXT, json TEXT, warnings TEXT, search_ascii TEXT,
  first_seen TEXT, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY, path TEXT, name TEXT, format TEXT, size INTEGER,
  pages INTEGER, ocr INTEGER, status TEXT NOT NULL CHECK (status IN ('ingested','failed','duplicate')),
  error TEXT, ingested_at TEXT,
  document_key TEXT REFERENCES documents(key) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS citations (
  id INTEGER PRIMARY KEY,
  source_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  target_key TEXT REFERENCES documents(key),
  mention_key TEXT NOT NULL, number TEXT, number_norm TEXT,
  type TEXT, date TEXT, issuer TEXT, relation TEXT, quote TEXT,
  span_start INTEGER, span_end INTEGER, page INTEGER,
  ambiguous INTEGER NOT NULL DEFAULT 0, candidates TEXT, seq INTEGER
);
CREATE TABLE IF NOT EXISTS reported_relations (
  id INTEGER PRIMARY KEY,
  reported_by TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  source_mention TEXT, target_mention TEXT,
  source_key TEXT REFERENCES documents(key), target_key TEXT REFERENCES documents(key),
  relation TEXT, quote TEXT, span_start INTEGER, span_end INTEGER, page INTEGER
);
CREATE TABLE IF NOT EXISTS edges (
  id INTEGER PRIMARY KEY,
  source_key TEXT NOT NULL REFERENCES documents(key),
  target_key TEXT NOT NULL REFERENCES documents(key),
  relation TEXT NOT NULL, mentions INTEGER NOT NULL DEFAULT 1,
  reported_by TEXT REFERENCES documents(key)
);
CREATE TABLE IF NOT EXISTS agencies (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, level TEXT
);
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY,
  document_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  seq INTEGER, appendix TEXT, section TEXT, no TEXT, name TEXT, product TEXT,
  deadline_text TEXT, deadline TEXT, deadline_kind TEXT, status_text TEXT, notes TEXT,
  source_refs TEXT, span_start INTEGER, span_end INTEGER, page INTEGER, provenance TEXT,
  search_ascii TEXT
);
CREATE TABLE IF NOT EXISTS task_agencies (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  agency_id INTEGER REFERENCES agencies(id),
  name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('lead','support')), seq INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS edges_unique
  ON edges(source_key, target_key, relation, COALESCE(reported_by, ''));
CREATE INDEX IF NOT EXISTS edges_source ON edges(source_key);
CREATE INDEX IF NOT EXISTS edges_target ON edges(target_key);
CREATE INDEX IF NOT EXISTS edges_reported_by ON edges(reported_by);
CREATE INDEX IF NOT EXISTS citations_source ON citations(source_key);
CREATE INDEX IF NOT EXISTS citations_target ON citations(target_key);
CREATE INDEX IF NOT EXISTS citations_number ON citations(number_norm);
CREATE INDEX IF NOT EXISTS citations_mention ON citations(mention_key);
CREATE INDEX IF NOT EXISTS reported_by_idx ON reported_relations(reported_by);
CREATE INDEX IF NOT EXISTS reported_source ON reported_relations(source_mention);
CREATE INDEX IF NOT EXISTS reported_target ON reported_relations(target_mention);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number_norm);
CREATE INDEX IF NOT EXISTS documents_number_ascii ON documents(number_ascii);
CREATE INDEX IF NOT EXISTS documents_ingested ON documents(ingested);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer);
CREATE INDEX IF NOT EXISTS files_document ON files(document_key);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_key);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks(deadline);
CREATE INDEX IF NOT EXISTS task_agencies_task ON task_agencies(task_id);
CREATE INDEX IF NOT EXISTS task_agencies_agency ON task_agencies(agency_id);
"""


_TASK_FTS = ("name", "product", "search_ascii")   # the task columns searched in full text


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.conn.executescript(_SCHEMA_V1)
    db["documents"].enable_fts(["subject", "number", "issuer", "search_ascii"], create_triggers=True,
                               replace=True)
    db["tasks"].enable_fts(list(_TASK_FTS), create_triggers=True, replace=True)


TASK_REGISTER_VIEW = """
CREATE VIEW task_register AS
SELECT t.id, t.document_key, d.number AS document_number, d.type AS document_type,
       t.appendix, t.section, t.no, t.name,
       (SELECT json_group_array(name) FROM (SELECT name FROM task_agencies
          WHERE task_id = t.id AND role = 'lead' ORDER BY seq)) AS lead,
       (SELECT json_group_array(name) FROM (SELECT name FROM task_agencies
          WHERE task_id = t.id AND role = 'support' ORDER BY seq)) AS support,
       t.product, t.deadline_text, t.deadline, substr(t.deadline, 1, 7) AS deadline_month,
       t.deadline_kind, t.status_text, t.page
FROM tasks t JOIN documents d ON d.key = t.document_key"""

_BUMP = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'graph_version'"
_GRAPH_TRIGGERS = {
    "edges_graph_ins": "AFTER INSERT ON edges", "edges_graph_del": "AFTER DELETE ON edges",
    "edges_graph_upd": "AFTER UPDATE ON edges", "documents_graph_ins": "AFTER INSERT ON documents",
    "documents_graph_del": "AFTER DELETE ON documents",
    "documents_graph_upd": "AFTER UPDATE OF key, number, type, date, date_partial, issuer, ingested ON documents",
}


def _migrate_v2(db: sqlite_utils.Database) -> None:
    """The task_register view (was created by `vanban serve`), and the graph version counter."""
    conn = db.conn
    conn.execute("DROP VIEW IF EXISTS task_register")
    conn.execute(TASK_REGISTER_VIEW)
    conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('graph_version', '0')")
    for name, when in _GRAPH_TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {_BUMP}; END")


def _migrate_v3(db: sqlite_utils.Database) -> None:
    """Tasks are indexed for full-text search a document at a time (`_index_tasks`), not by
    sqlite-utils' per-row triggers: FTS5 upkeep row by row was half the store time of a plan
    with a hundred tasks."""
    for name in ("tasks_ai", "tasks_ad", "tasks_au"):
        db.conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    db["tasks"].enable_fts(list(_TASK_FTS), create_triggers=False, replace=True)


MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2, 3: _migrate_v3}


def graph_version(db: sqlite_utils.Database) -> int | None:
    """The counter bumped by every change to edges or document keys (None before schema v2)."""
    try:
        row = db.conn.execute("SELECT value FROM meta WHERE name = 'graph_version'").fetchone()
    except Exception:   # no meta table: not a vanban database
        return None
    return int(row[0]) if row and row[0] is not None else None


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating and migrating) the vanban database: WAL journal, foreign keys on."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA busy_timeout = 10000")
    if str(path) != ":memory:":
        db.enable_wal()
        db.conn.execute("PRAGMA synchronous = NORMAL")   # WAL: durable at checkpoints, never corrupt
    version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    for v in sorted(MIGRATIONS):
        if v > version:
            MIGRATIONS[v](db)
            db.conn.execute(f"PRAGMA user_version = {v}")
            db.conn.execute("INSERT OR REPLACE INTO meta(name, value) VALUES ('schema_version', ?)", (str(v),))
            db.conn.commit()
    return db


# ---------------------------------------------------------------- small helpers

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _j(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False)


def _year(date: str | None) -> int | None:
    if date and re.match(r"^\d{4}", str(date)):
        return int(str(date)[:4])
    return None


UNNUMBERED_PREFIXES = ("sha256:", "vb:")   # extractors.identity.file_key / content_key


def is_unnumbered(key: str) -> bool:
    """A key of a document without a number (`sha256:…` from its bytes, `vb:…` from its header)."""
    return key.startswith(UNNUMBERED_PREFIXES)


def key_year(key: str) -> int | None:
    """The year a key carries (`…@2024`, or inside the number), else None."""
    if is_unnumbered(key):
        return None
    if "@" in key:
        return _year(key.rsplit("@", 1)[1])
    return year_in_number(key)


def is_bare(key: str) -> bool:
    """A key without a year: a mention to join to the only known document with that number."""
    return "@" not in key and not is_unnumbered(key) and year_in_number(key) is None


def number_of_key(key: str) -> str | None:
    return None if is_unnumbered(key) else key.split("@", 1)[0]


def ascii_number(number_norm: str | None) -> str | None:
    return strip_accents(number_norm).upper() if number_norm else None


def _search_text(*parts: str | None) -> str:
    return strip_accents(" ".join(p for p in parts if p)).lower()


def _span(item: dict) -> tuple[int | None, int | None]:
    sp = item.get("span")
    if isinstance(sp, (list, tuple)) and len(sp) == 2:
        return sp[0], sp[1]
    return None, None


def file_known(db: sqlite_utils.Database, sha256: str) -> bool:
    """True when these bytes are already stored (ingested, or a duplicate of a stored document).

    Failed files are not 'known': ingesting them again retries them."""
    row = db.conn.execute("SELECT status FROM files WHERE sha256 = ?", (sha256,)).fetchone()
    return bool(row) and row[0] in ("ingested", "duplicate")


# ---------------------------------------------------------------- documents

_DOC_FIELDS = ("number", "number_norm", "number_ascii", "year", "type", "type_code", "date",
               "date_partial", "issuer", "issuer_parent", "issuer_level", "place", "signer",
               "signer_title", "signing_authority", "subject", "recipients", "is_draft",
               "ingested", "file", "json", "warnings", "search_ascii", "updated_at")


def _document_key(extraction: dict) -> str:
    doc = extraction.get("document") or {}
    key = doc.get("key") or make_key(doc.get("number"), _year(doc.get("date")) or _year(doc.get("date_partial")))
    return key or file_key(extraction["sha256"])


def _document_row(key: str, extraction: dict, warnings: list[str]) -> dict:
    doc = extraction.get("document") or {}
    number = doc.get("number") or None
    norm = number_of_key(key) if not is_unnumbered(key) else (normalize_number(number) if number else None)
    return {
        "number": number, "number_norm": norm, "number_ascii": ascii_number(norm),
        "year": key_year(key) or _year(doc.get("date")) or _year(doc.get("date_partial")),
        "type": doc.get("type"), "type_code": doc.get("type_code"), "date": doc.get("date"),
        "date_partial": doc.get("date_partial"), "issuer": doc.get("issuer"),
        "issuer_parent": doc.get("issuer_parent"),
        "issuer_level": issuer_level(doc.get("issuer"), number),
        "place": doc.get("place"), "signer": doc.get("signer"), "signer_title": doc.get("signer_title"),
        "signing_authority": doc.get("signing_authority"), "subject": doc.get("subject"),
        "recipients": _j(doc.get("recipients")), "is_draft": int(bool(doc.get("is_draft"))),
        "ingested": 1, "file": extraction.get("sha256"),
        "json": json.dumps(extraction, ensure_ascii=False, default=str),
        "warnings": _j(warnings),
        "search_ascii": _search_text(doc.get("subject"), number, doc.get("issuer")),
        "updated_at": _now(),
    }


def _write_document(conn, key: str, row: dict) -> None:
    """Insert the document, or fill its placeholder row in place (keeping its edges)."""
    cols = ", ".join(f"{c} = :{c}" for c in _DOC_FIELDS)
    cur = conn.execute(f"UPDATE documents SET {cols} WHERE key = :key", {**row, "key": key})
    if cur.rowcount == 0:
        names = ("key", "first_seen") + _DOC_FIELDS
        conn.execute(f"INSERT INTO documents ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})",
                     {**row, "key": key, "first_seen": row["updated_at"]})


def _ensure_placeholder(conn, key: str, mention: dict) -> None:
    """A row for a cited document not (yet) ingested; later mentions fill fields still empty."""
    norm = number_of_key(key)
    number = mention.get("number") or norm
    year = key_year(key)
    now = _now()
    conn.execute(
        "INSERT OR IGNORE INTO documents (key, number, number_norm, number_ascii, year, ingested, first_seen, updated_at)"
        " VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
        (key, number, norm, ascii_number(norm), year, now, now))
    date = mention.get("date")
    if date and year is not None and _year(date) != year:
        date = None
    if not (mention.get("type") or date or mention.get("issuer")):
        return
    conn.execute(
        "UPDATE documents SET type = COALESCE(type, ?), date = COALESCE(date, ?), issuer = COALESCE(issuer, ?)"
        " WHERE key = ? AND ingested = 0", (mention.get("type"), date, mention.get("issuer"), key))
    row = conn.execute("SELECT number, issuer FROM documents WHERE key = ? AND ingested = 0", (key,)).fetchone()
    if row:
        conn.execute("UPDATE documents SET issuer_level = ?, search_ascii = ? WHERE key = ?",
                     (issuer_level(row[1], row[0]), _search_text(row[0], row[1]), key))


def _drop_orphan_placeholder(conn, key: str) -> None:
    """Delete a placeholder that nothing refers to any more (a bare key that got resolved)."""
    row = conn.execute("SELECT ingested FROM documents WHERE key = ?", (key,)).fetchone()
    if not row or row[0]:
        return
    refs = conn.execute(
        "SELECT (SELECT count(*) FROM citations WHERE target_key = ?)"
        " + (SELECT count(*) FROM reported_relations WHERE source_key = ? OR target_key = ?)"
        " + (SELECT count(*) FROM edges WHERE source_key = ? OR target_key = ?)"
        " + (SELECT count(*) FROM files WHERE document_key = ?)",
        (key,) * 6).fetchone()[0]
    if refs == 0:
        conn.execute("DELETE FROM documents WHERE key = ?", (key,))


# ---------------------------------------------------------------- mention resolution

def _doc_year(conn, key: str) -> int | None:
    row = conn.execute("SELECT year FROM documents WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _candidates(conn, number_norm: str, source_key: str | None) -> list[str]:
    """Known documents with this number (dated keys), excluding the citing document and,
    when both years are known, documents later than the citing one."""
    src_year = _doc_year(conn, source_key) if source_key else None
    rows = conn.execute("SELECT key, year FROM documents WHERE number_norm = ? AND key != ?",
                        (number_norm, number_norm)).fetchall()
    return sorted(k for k, y in rows
                  if k != source_key and not (src_year and y and y > src_year))


def _resolve(conn, mention_key: str, source_key: str | None) -> tuple[str | None, list[str]]:
    """(target key, candidates). A bare key with 0 candidates targets its own placeholder;
    with several, target is None and the candidates are returned."""
    if not is_bare(mention_key):
        return mention_key, []
    cands = _candidates(conn, mention_key, source_key)
    if len(cands) == 1:
        return cands[0], []
    if not cands:
        return mention_key, []
    return None, cands


def mention_key_of(c: dict) -> str | None:
    """The identity a citation names: its `key`, else number + year of its date."""
    key = c.get("key")
    if key:
        return key
    return make_key(c.get("number"), _year(c.get("date")))


def _is_self(mention_key: str, doc_key: str, doc_norm: str | None, doc_year: int | None) -> bool:
    if mention_key == doc_key:
        return True
    if doc_norm and number_of_key(mention_key) == doc_norm:
        y = key_year(mention_key)
        return y is None or doc_year is None or y == doc_year
    return False


def _insert_citations(conn, key: str, citations: list[dict], doc_norm: str | None,
                      doc_year: int | None) -> tuple[set[str], list[str]]:
    """Write citation rows; returns (number_norms to re-resolve, warnings)."""
    touched: set[str] = set()
    warnings: list[str] = []
    for seq, c in enumerate(citations):
        mkey = mention_key_of(c)
        if not mkey or _is_self(mkey, key, doc_norm, doc_year):
            continue
        target, cands = _resolve(conn, mkey, key)
        if target == mkey:
            _ensure_placeholder(conn, target, c)
            if not is_bare(mkey):
                touched.add(number_of_key(mkey))
        else:
            warnings.append(f"ambiguous citation {c.get('number') or mkey}: {', '.join(cands)}")
        s0, s1 = _span(c)
        conn.execute(
            "INSERT INTO citations (source_key, target_key, mention_key, number, number_norm, type, date, issuer,"
            " relation, quote, span_start, span_end, page, ambiguous, candidates, seq)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, target, mkey, c.get("number"), number_of_key(mkey), c.get("type"), c.get("date"),
             c.get("issuer"), c.get("relation") or "other", c.get("quote"), s0, s1, c.get("page"),
             int(target is None), _j(cands) if cands else None, seq))
    return touched, warnings


def _endpoint(r: dict, end: str, by_number: dict[str, str]) -> str | None:
    """Mention key of one end of a reported relation (`source`/`target`)."""
    k = r.get(f"{end}_key")
    v = r.get(end)
    if isinstance(v, dict):
        k = k or mention_key_of(v)
        v = v.get("number")
    if k:
        return k
    if isinstance(v, str) and v.strip():
        norm = normalize_number(v)
        if "@" in norm or not is_bare(norm):
            return norm
        return by_number.get(norm, norm)
    return None


def _insert_reported(conn, key: str, reported: list[dict], citations: list[dict]) -> set[str]:
    """Write the relations a document states between other documents; returns numbers to re-resolve."""
    touched: set[str] = set()
    by_number: dict[str, str] = {}
    for c in citations:
        mk = mention_key_of(c)
        if mk:
            by_number.setdefault(number_of_key(mk), mk)
    for r in reported or []:
        src, dst = _endpoint(r, "source", by_number), _endpoint(r, "target", by_number)
        if not src or not dst:
            continue
        ends = []
        for mk in (src, dst):
            target, _ = _resolve(conn, mk, None)
            if target == mk:
                _ensure_placeholder(conn, target, {})
                if not is_bare(mk):
                    touched.add(number_of_key(mk))
            ends.append(target)
        s0, s1 = _span(r)
        conn.execute(
            "INSERT INTO reported_relations (reported_by, source_mention, target_mention, source_key, target_key,"
            " relation, quote, span_start, span_end, page) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (key, src, dst, ends[0], ends[1], r.get("relation") or "other", r.get("quote"), s0, s1, r.get("page")))
    return touched


def _rebuild_edges(conn, key: str) -> None:
    """Edges of one document: its direct citations and the relations it reports."""
    conn.execute("DELETE FROM edges WHERE source_key = ? AND reported_by IS NULL", (key,))
    conn.execute(
        "INSERT INTO edges (source_key, target_key, relation, mentions, reported_by)"
        " SELECT source_key, target_key, relation, count(*), NULL FROM citations"
        " WHERE source_key = ? AND target_key IS NOT NULL AND target_key != source_key"
        " GROUP BY target_key, relation", (key,))
    conn.execute("DELETE FROM edges WHERE reported_by = ?", (key,))
    conn.execute(
        "INSERT INTO edges (source_key, target_key, relation, mentions, reported_by)"
        " SELECT source_key, target_key, relation, count(*), reported_by FROM reported_relations"
        " WHERE reported_by = ? AND source_key IS NOT NULL AND target_key IS NOT NULL"
        " AND source_key != target_key GROUP BY source_key, target_key, relation", (key,))


def _refresh_warnings(conn, key: str) -> None:
    """Document warnings = the extraction's warnings + citations that are still ambiguous."""
    row = conn.execute("SELECT json FROM documents WHERE key = ? AND ingested = 1", (key,)).fetchone()
    if not row:
        return
    base = list((json.loads(row[0]) or {}).get("warnings") or []) if row[0] else []
    for number, cands in conn.execute(
            "SELECT number, candidates FROM citations WHERE source_key = ? AND ambiguous = 1 ORDER BY seq", (key,)):
        base.append(f"ambiguous citation {number}: {', '.join(json.loads(cands or '[]'))}")
    conn.execute("UPDATE documents SET warnings = ? WHERE key = ?", (_j(base), key))


def _reresolve(conn, number_norm: str) -> None:
    """Resolve again every bare mention of `number_norm` (a document with it appeared)."""
    if not number_norm:
        return
    changed_sources: set[str] = set()
    for cid, src, old in conn.execute(
            "SELECT id, source_key, target_key FROM citations WHERE mention_key = ?", (number_norm,)).fetchall():
        target, cands = _resolve(conn, number_norm, src)
        if target != old:
            conn.execute("UPDATE citations SET target_key = ?, ambiguous = ?, candidates = ? WHERE id = ?",
                         (target, int(target is None), _j(cands) if cands else None, cid))
            changed_sources.add(src)
    for rid, by, sm, tm, sk, tk in conn.execute(
            "SELECT id, reported_by, source_mention, target_mention, source_key, target_key FROM reported_relations"
            " WHERE source_mention = ? OR target_mention = ?", (number_norm, number_norm)).fetchall():
        ns = _resolve(conn, sm, None)[0] if sm == number_norm else sk
        nt = _resolve(conn, tm, None)[0] if tm == number_norm else tk
        if (ns, nt) != (sk, tk):
            conn.execute("UPDATE reported_relations SET source_key = ?, target_key = ? WHERE id = ?", (ns, nt, rid))
            changed_sources.add(by)
    for src in changed_sources:
        _rebuild_edges(conn, src)
        _refresh_warnings(conn, src)
    _drop_orphan_placeholder(conn, number_norm)


# ---------------------------------------------------------------- agencies and tasks

def agency_id(conn, name: str) -> int | None:
    """Id of an agency (created on first sight) under its canonical name (extractors.agencies)."""
    row = _agency_row(name or "")
    if row is None:
        return None
    canon, nk = row
    found = conn.execute("SELECT id FROM agencies WHERE name_key = ?", (nk,)).fetchone()
    if found:
        return found[0]
    from extractors.agencies import agency_level
    cur = conn.execute("INSERT INTO agencies (name, name_key, level) VALUES (?, ?, ?)",
                       (canon, nk, agency_level(canon)))
    return cur.lastrowid


@lru_cache(maxsize=16384)
def _agency_row(name: str) -> tuple[str, str] | None:
    """(canonical name, name key) of an agency as printed; None for a blank or "-"."""
    from extractors.agencies import canonical_agency
    name = collapse_ws(clean_text(name))
    if not name or name == "-":
        return None
    canon = canonical_agency(name) or name
    return canon, casefold_key(canon)


_TASK_KNOWN = {"appendix", "section", "no", "name", "lead", "support", "product", "deadline_text", "deadline",
               "deadline_kind", "status_text", "notes", "source_refs", "span", "page"}


def _delete_tasks(conn, key: str) -> None:
    """Remove a document's tasks and their full-text entries (FTS5 'delete' needs the old values)."""
    cols = ", ".join(_TASK_FTS)
    conn.execute(f"INSERT INTO tasks_fts (tasks_fts, rowid, {cols})"
                 f" SELECT 'delete', id, {cols} FROM tasks WHERE document_key = ?", (key,))
    conn.execute("DELETE FROM tasks WHERE document_key = ?", (key,))


def _index_tasks(conn, key: str) -> None:
    cols = ", ".join(_TASK_FTS)
    conn.execute(f"INSERT INTO tasks_fts (rowid, {cols}) SELECT id, {cols} FROM tasks WHERE document_key = ?", (key,))


def _insert_tasks(conn, key: str, tasks: Iterable[dict]) -> None:
    ids: dict[str, int | None] = {}     # agency ids met in this document
    for seq, t in enumerate(tasks or []):
        s0, s1 = _span(t)
        extra = {k: v for k, v in t.items() if k not in _TASK_KNOWN}
        cur = conn.execute(
            "INSERT INTO tasks (document_key, seq, appendix, section, no, name, product, deadline_text, deadline,"
            " deadline_kind, status_text, notes, source_refs, span_start, span_end, page, provenance, search_ascii)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, seq, t.get("appendix"), t.get("section"), t.get("no"), t.get("name"), t.get("product"),
             t.get("deadline_text"), t.get("deadline"), t.get("deadline_kind"), t.get("status_text"),
             t.get("notes"), _j(t.get("source_refs") or []), s0, s1, t.get("page"),
             _j(extra) if extra else None, _search_text(t.get("name"), t.get("product"))))
        tid = cur.lastrowid
        rows = []
        for role in ("lead", "support"):
            for i, name in enumerate(t.get(role) or []):
                if name not in ids:
                    ids[name] = agency_id(conn, name)
                if ids[name] is not None:
                    rows.append((tid, ids[name], name, role, i))
        conn.executemany("INSERT INTO task_agencies (task_id, agency_id, name, role, seq) VALUES (?,?,?,?,?)", rows)
    _index_tasks(conn, key)


# ---------------------------------------------------------------- files

def _file_row(conn, sha: str, path: str, extraction: dict | None, status: str, key: str | None,
              error: dict | None = None) -> None:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError:
        size = None
    ex = extraction or {}
    conn.execute(
        "INSERT INTO files (sha256, path, name, format, size, pages, ocr, status, error, ingested_at, document_key)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sha256) DO UPDATE SET path = excluded.path,"
        " name = excluded.name, format = COALESCE(excluded.format, files.format), size = excluded.size,"
        " pages = COALESCE(excluded.pages, files.pages), ocr = COALESCE(excluded.ocr, files.ocr),"
        " status = excluded.status, error = excluded.error, ingested_at = excluded.ingested_at,"
        " document_key = excluded.document_key",
        (sha, str(path), ex.get("file") or p.name, ex.get("format"), size, ex.get("pages"),
         None if ex.get("ocr") is None else int(bool(ex.get("ocr"))), status, _j(error), _now(), key))


def record_failure(db: sqlite_utils.Database, path: str | Path, sha256: str | None, error: dict) -> None:
    """Record a file that could not be read or extracted (status 'failed', the error as JSON).

    Does not commit; a file already stored successfully is left as it is."""
    conn = db.conn
    sha = sha256 or f"path:{path}"
    row = conn.execute("SELECT status FROM files WHERE sha256 = ?", (sha,)).fetchone()
    if row and row[0] in ("ingested", "duplicate"):
        return
    _file_row(conn, sha, str(path), None, "failed", None, error)


def _retract(conn, key: str, sha: str) -> None:
    """Remove what a file wrote under `key` (its key changed on re-extraction)."""
    row = conn.execute("SELECT file FROM documents WHERE key = ?", (key,)).fetchone()
    if not row or row[0] != sha:
        return
    conn.execute("DELETE FROM citations WHERE source_key = ?", (key,))
    conn.execute("DELETE FROM reported_relations WHERE reported_by = ?", (key,))
    _delete_tasks(conn, key)
    conn.execute("DELETE FROM edges WHERE (source_key = ? AND reported_by IS NULL) OR reported_by = ?", (key, key))
    conn.execute("UPDATE files SET document_key = NULL WHERE document_key = ?", (key,))
    conn.execute("UPDATE documents SET ingested = 0, file = NULL, json = NULL, warnings = NULL WHERE key = ?", (key,))
    _drop_orphan_placeholder(conn, key)


def save_extraction(db: sqlite_utils.Database, extraction: dict, file_path: str) -> str:
    """Write one file's extraction; returns the document key. No commit: wrap in `with db.conn:`.

    Saving the same bytes again replaces what they wrote before (no duplicate rows or edges).
    Another file with an already ingested key (the PDF of a stored .docx) is recorded as a
    'duplicate' file of that document and changes nothing else."""
    conn = db.conn
    sha = extraction["sha256"]
    key = _document_key(extraction)
    prev = conn.execute("SELECT document_key FROM files WHERE sha256 = ?", (sha,)).fetchone()
    if prev and prev[0] and prev[0] != key:
        _retract(conn, prev[0], sha)
    holder = conn.execute("SELECT file FROM documents WHERE key = ? AND ingested = 1", (key,)).fetchone()
    if holder and holder[0] and holder[0] != sha:
        _file_row(conn, sha, file_path, extraction, "duplicate", key)
        return key

    conn.execute("DELETE FROM citations WHERE source_key = ?", (key,))
    conn.execute("DELETE FROM reported_relations WHERE reported_by = ?", (key,))
    _delete_tasks(conn, key)

    row = _document_row(key, extraction, list(extraction.get("warnings") or []))
    _write_document(conn, key, row)
    doc_norm, doc_year = row["number_norm"], row["year"]
    touched, _ = _insert_citations(conn, key, extraction.get("citations") or [], doc_norm, doc_year)
    touched |= _insert_reported(conn, key, extraction.get("reported_relations") or [],
                                extraction.get("citations") or [])
    _rebuild_edges(conn, key)
    _insert_tasks(conn, key, extraction.get("tasks") or [])
    issuer = (extraction.get("document") or {}).get("issuer")
    if issuer:
        agency_id(conn, issuer)
    _file_row(conn, sha, file_path, extraction, "ingested", key)
    if doc_norm and not is_bare(key):
        touched.add(doc_norm)
    for n in sorted(t for t in touched if t):
        _reresolve(conn, n)
    _refresh_warnings(conn, key)
    return key


def file_moved(db: sqlite_utils.Database, sha256: str, new_path: str | Path) -> None:
    """Record where a stored file now lives (the inbox moves it to processed/); commits."""
    with db.conn:
        db.conn.execute("UPDATE files SET path = ? WHERE sha256 = ?", (str(new_path), sha256))


def document_warnings(db: sqlite_utils.Database, key: str) -> list[str]:
    """Warnings stored for a document (the extraction's, plus ambiguous citations)."""
    row = db.conn.execute("SELECT warnings FROM documents WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row and row[0] else []
