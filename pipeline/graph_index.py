"""The citation graph as compact integer adjacency (CSR arrays in NumPy), for fast traversals.

Built from SQLite with one SELECT of integer-coded edges (document rowids, a relation code, a
"direct" flag); ids are positions in the sorted list of document keys (so a key is found by
bisection). One (source, target) pair is one adjacency entry whatever its number of rows in
`edges`: its relations are a bit mask (bit i = `relations[i]`, strongest first) and `direct`
says whether the source's own text cites the target (else only other documents report it).

The index also keeps the fields a query shows of each document (number, type, date, issuer,
ingested), also as object arrays (`column`; repeated values as one object) so the fields of
many ids are gathered by NumPy at once. Traversals walk level by level over whole frontiers
(vectorised; a level's first occurrences found with `np.minimum.at`, no sort), so their cost is
the edges they touch; `paths` builds a level's paths as one (ids x depth+1) array gathered from
the previous level's. Result rows are made for the ids a query returns (`pipeline.graph`).

Cache: `load_index(db)` keeps the index in memory for the process and in `<db>-graph.npz`
beside the database (plain arrays, no pickle), keyed by `meta.graph_version` — a counter that
triggers bump on every change to `edges` and to those document fields (pipeline.store schema
v2) — and by the database file's size and mtime. `PRAGMA data_version` is not used: it only
tells one open connection about other connections' commits, and is not kept across processes.
"""
from __future__ import annotations

import bisect
import itertools
import os
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

# Strongest first: the relation shown when one document cites another in several ways.
RELATION_ORDER = ("thay_the", "sua_doi", "bai_bo", "can_cu", "thuc_hien", "huong_dan", "tra_loi",
                  "kem_theo", "theo", "other")
INDEX_FORMAT = 2
CACHE_SUFFIX = "-graph.npz"
FIELDS = ("number", "type", "date", "issuer")    # text fields kept per document (date: date or date_partial)
SHARED = ("type", "date", "issuer")              # fields with few distinct values
_NONE = "\x01"                                   # None in the cache file's text blobs


@dataclass(frozen=True)
class Adjacency:
    """CSR rows: the neighbours of id i are `nbr[indptr[i]:indptr[i+1]]` (ascending ids)."""

    indptr: np.ndarray   # int64, n + 1
    nbr: np.ndarray      # int32
    rel: np.ndarray      # uint32 relation bit mask per entry
    direct: np.ndarray   # bool per entry

    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def find(self, u: int, v: int) -> int:
        """Position of the entry u -> v, or -1."""
        lo, hi = int(self.indptr[u]), int(self.indptr[u + 1])
        j = lo + int(np.searchsorted(self.nbr[lo:hi], v))
        return j if j < hi and self.nbr[j] == v else -1


@dataclass
class Reached:
    """What a walk reached, in breadth-first order: ids, the id each was reached from, the
    adjacency position of that edge (-1 when several adjacencies were walked), and its depth."""

    ids: np.ndarray
    parent: np.ndarray
    pos: np.ndarray
    depth: np.ndarray

    def __len__(self) -> int:
        return int(self.ids.size)


@dataclass
class CitationIndex:
    """All documents (ids = positions in `keys`, sorted) and the citation edges both ways."""

    keys: list[str]
    relations: tuple[str, ...]
    fwd: Adjacency       # citing -> cited
    rev: Adjacency       # cited -> citing
    fields: dict[str, list[str | None]] = field(default_factory=dict)   # FIELDS -> value per id
    ingested: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    stamp: tuple = ()
    _names: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _cols: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def column(self, name: str) -> np.ndarray:
        """'key' or a FIELDS column as an object array (made once), to gather many ids at a time."""
        col = self._cols.get(name)
        if col is None:
            src = self.keys if name == "key" else self.fields[name]
            if name in SHARED:                       # equal values as one object: fewer cache misses
                same: dict = {}
                src = [same.setdefault(v, v) for v in src]
            col = np.empty(len(src), dtype=object)
            col[:] = src
            self._cols[name] = col
        return col

    def warm(self) -> "CitationIndex":
        """Make the object-array columns now (tens of ms), not in the first query."""
        for name in ("key", *FIELDS):
            self.column(name)
        return self

    def columns(self, ids: np.ndarray) -> tuple[list, ...]:
        """Lists of key, number, type, date, issuer, ingested (bool) of these ids."""
        return (self.column("key")[ids].tolist(), *(self.column(f)[ids].tolist() for f in FIELDS),
                self.ingested[ids].tolist())

    def strongest(self, masks: np.ndarray) -> list[str]:
        """The strongest relation name of each bit mask ('other' for an empty mask)."""
        names = self._cols.get("relation")
        if names is None:
            names = np.empty(len(self.relations) + 1, dtype=object)
            names[:-1] = self.relations
            names[-1] = "other"
            self._cols["relation"] = names
        m = masks.astype(np.int64)
        bit = np.where(m == 0, len(self.relations), np.log2(np.maximum(m & -m, 1)).astype(np.int64))
        return names[bit].tolist()

    def doc(self, i: int) -> dict:
        """The SPEC 'graph output' object of id i."""
        f = self.fields
        return {"key": self.keys[i], "number": f["number"][i], "type": f["type"][i], "date": f["date"][i],
                "issuer": f["issuer"][i], "ingested": bool(self.ingested[i])}

    def docs(self, ids: Iterable[int]) -> list[dict]:
        ids = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
        return [{"key": k, "number": n, "type": t, "date": d, "issuer": s, "ingested": g}
                for k, n, t, d, s, g in zip(*self.columns(ids))]

    @property
    def n(self) -> int:
        return len(self.keys)

    @property
    def n_edges(self) -> int:
        return int(self.fwd.nbr.size)

    def id_of(self, key: str) -> int | None:
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else None

    def relation_names(self, mask: int) -> tuple[str, ...]:
        """Relation names of a bit mask, strongest first."""
        names = self._names.get(mask)
        if names is None:
            names = tuple(r for b, r in enumerate(self.relations) if mask >> b & 1)
            self._names[mask] = names
        return names

    def relation_mask(self, relations: Iterable[str]) -> int:
        wanted = set(relations)
        return sum(1 << b for b, r in enumerate(self.relations) if r in wanted)

    def nbytes(self) -> int:
        """Memory of the arrays and keys (approximate for the Python strings)."""
        arrays = sum(a.nbytes for adj in (self.fwd, self.rev) for a in (adj.indptr, adj.nbr, adj.rel, adj.direct))
        strings = [*self.keys, *(v for col in self.fields.values() for v in col if v is not None)]
        return arrays + self.ingested.nbytes + sum(57 + len(v.encode("utf-8")) for v in strings)

    def walk(self, start: int, adjs: Sequence[Adjacency], max_depth: int | None = None, rel_mask: int = 0,
             limit: int | None = None, target: int | None = None) -> Reached:
        """Breadth-first walk from `start` over `adjs` (several: either direction). Each id once,
        at its smallest depth, reached from the first frontier id (in frontier order) that has it.
        Stops at `max_depth`, after `limit` ids, or when `target` is reached."""
        seen = np.zeros(self.n, dtype=bool)
        seen[start] = True
        slot = np.empty(self.n, dtype=np.int64)        # scratch: first position of an id in a level
        frontier = np.array([start], dtype=np.int64)
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = []
        found, depth = 0, 0
        while frontier.size and (max_depth is None or depth < max_depth):
            depth += 1
            nbs, pars, poss = [], [], []
            for A in adjs:
                lo = A.indptr[frontier]
                cnt = A.indptr[frontier + 1] - lo
                total = int(cnt.sum())
                if total == 0:
                    continue
                pos = np.repeat(lo - (np.cumsum(cnt) - cnt), cnt) + np.arange(total)
                nb = A.nbr[pos]
                keep = ~seen[nb]
                if rel_mask:
                    keep &= (A.rel[pos] & rel_mask) != 0
                nbs.append(nb[keep])
                pars.append(np.repeat(frontier, cnt)[keep])
                poss.append(pos[keep] if len(adjs) == 1 else np.full(int(keep.sum()), -1))
            if not nbs:
                break
            nb, par, pos = (np.concatenate(x) for x in (nbs, pars, poss))
            if nb.size == 0:
                break
            at = np.arange(nb.size)
            slot[nb] = nb.size
            np.minimum.at(slot, nb, at)                        # first position of each id (no sort)
            first = np.flatnonzero(slot[nb] == at)             # first occurrences, in order
            nb, par, pos = nb[first], par[first], pos[first]
            seen[nb] = True
            parts.append((nb, par, pos, depth))
            found += nb.size
            if (target is not None and seen[target]) or (limit is not None and found >= limit):
                break
            frontier = nb.astype(np.int64)
        if not parts:
            e = np.zeros(0, dtype=np.int64)
            return Reached(e, e, e, e)
        r = Reached(np.concatenate([p[0] for p in parts]).astype(np.int64),
                    np.concatenate([p[1] for p in parts]).astype(np.int64),
                    np.concatenate([p[2] for p in parts]).astype(np.int64),
                    np.concatenate([np.full(p[0].size, p[3], dtype=np.int64) for p in parts]))
        if limit is not None and len(r) > limit:
            r = Reached(r.ids[:limit], r.parent[:limit], r.pos[:limit], r.depth[:limit])
        return r

    def paths(self, start: int, reached: Reached) -> list[list[str]]:
        """For each id of a one-direction walk (levels in depth order), the keys from `start` to it.
        Built a level at a time: a level's paths are an (ids x depth+1) array gathered from the
        previous level's, turned into key lists by NumPy (no Python loop per id)."""
        ids, depth, parent = reached.ids, reached.depth, reached.parent
        if ids.size == 0:
            return []
        keys = self.column("key")
        where = np.zeros(self.n, dtype=np.int64)     # row of an id in its level's array
        prev = np.array([[start]], dtype=np.int64)
        cuts = [0, *(np.flatnonzero(np.diff(depth)) + 1).tolist(), int(ids.size)]
        out: list[list[str]] = []
        for lo, hi in zip(cuts[:-1], cuts[1:]):
            level = ids[lo:hi]
            cur = np.empty((hi - lo, prev.shape[1] + 1), dtype=np.int64)
            cur[:, :-1] = prev[where[parent[lo:hi]]]
            cur[:, -1] = level
            where[level] = np.arange(hi - lo)
            out += keys[cur].tolist()
            prev = cur
        return out


# ---------------------------------------------------------------- building

def _adjacency(n: int, a: np.ndarray, b: np.ndarray, bit: np.ndarray, direct: np.ndarray) -> Adjacency:
    """CSR rows of a -> b; entries of one (a, b) pair merged (relation bits or-ed, direct or-ed)."""
    if a.size == 0:
        return Adjacency(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int32),
                         np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=bool))
    order = np.lexsort((b, a))
    a, b, bit, direct = a[order], b[order], bit[order], direct[order]
    first = np.ones(a.size, dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    starts = np.flatnonzero(first)
    rel = np.bitwise_or.reduceat(bit, starts).astype(np.uint32)
    dirs = np.logical_or.reduceat(direct, starts)
    au, bu = a[starts], b[starts]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(au, minlength=n), out=indptr[1:])
    return Adjacency(indptr, bu.astype(np.int32), rel, dirs.astype(bool))


def from_arrays(keys: list[str], fields: dict[str, list], ingested: np.ndarray, relations: tuple[str, ...],
                src: np.ndarray, dst: np.ndarray, code: np.ndarray, direct: np.ndarray,
                stamp: tuple = ()) -> CitationIndex:
    """An index from coded edge rows (ids into the sorted `keys`, relation codes into `relations`)."""
    n = len(keys)
    bit = np.left_shift(np.uint32(1), code.astype(np.uint32))
    fwd = _adjacency(n, src, dst, bit, direct.astype(bool))
    # the reverse rows come from the merged forward entries
    a = np.repeat(np.arange(n, dtype=np.int64), fwd.degree())
    rev = _adjacency(n, fwd.nbr.astype(np.int64), a, fwd.rel, fwd.direct)
    return CitationIndex(keys, relations, fwd, rev, fields, ingested.astype(bool), stamp)


def _vocabulary(extra: Iterable[str]) -> tuple[str, ...]:
    known = set(RELATION_ORDER)
    extras = sorted({r for r in extra if r and r not in known})
    if len(RELATION_ORDER) + len(extras) > 32:
        raise ValueError("more than 32 distinct relations")
    return RELATION_ORDER + tuple(extras)


def build_index(db, stamp: tuple = ()) -> CitationIndex:
    """Read the graph from SQLite: the sorted keys, then one SELECT of integer-coded edges."""
    conn = db.conn
    rows = conn.execute("SELECT rowid, key, number, type, COALESCE(NULLIF(date, ''), date_partial), issuer,"
                        " ingested FROM documents ORDER BY key").fetchall()
    cols = list(zip(*rows)) if rows else [()] * 7
    keys = list(cols[1])
    fields = {name: list(col) for name, col in zip(FIELDS, cols[2:6])}
    ingested = np.array(cols[6], dtype=bool)
    rowids = np.array(cols[0], dtype=np.int64)
    del rows, cols
    inv = np.full(int(rowids.max()) + 1 if rowids.size else 1, -1, dtype=np.int64)
    inv[rowids] = np.arange(rowids.size)
    relations = _vocabulary(r for (r,) in conn.execute(
        f"SELECT DISTINCT relation FROM edges WHERE relation NOT IN ({','.join('?' * len(RELATION_ORDER))})",
        RELATION_ORDER))
    case = " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(relations) if "'" not in r)
    cur = conn.execute(
        f"SELECT s.rowid, t.rowid, CASE e.relation {case} ELSE {RELATION_ORDER.index('other')} END,"
        " e.reported_by IS NULL FROM edges e JOIN documents s ON s.key = e.source_key"
        " JOIN documents t ON t.key = e.target_key")
    flat = np.fromiter(itertools.chain.from_iterable(cur), dtype=np.int64)
    e = flat.reshape(-1, 4)
    return from_arrays(keys, fields, ingested, relations, inv[e[:, 0]], inv[e[:, 1]], e[:, 2], e[:, 3], stamp)


_FROM_NX: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def from_networkx(G) -> CitationIndex:
    """The index of a `pipeline.graph.load_graph` DiGraph (edge attributes `relations`, `direct`);
    remembered for the graph while it keeps its size."""
    memo = _FROM_NX.get(G)
    size = (G.number_of_nodes(), G.number_of_edges())
    if memo and memo[0] == size:
        return memo[1]
    keys = sorted(G.nodes)
    pos = {k: i for i, k in enumerate(keys)}
    relations = _vocabulary(r for _, _, rs in G.edges(data="relations") for r in rs or ())
    code = {r: i for i, r in enumerate(relations)}
    src, dst, cod, dire = [], [], [], []
    for s, t, a in G.edges(data=True):
        for r in a.get("relations") or ["other"]:
            src.append(pos[s])
            dst.append(pos[t])
            cod.append(code[r])
            dire.append(bool(a.get("direct", True)))
    nodes = G._node
    fields = {f: [nodes[k].get(f) or None for k in keys] for f in FIELDS}
    fields["date"] = [nodes[k].get("date") or nodes[k].get("date_partial") for k in keys]
    ingested = np.array([bool(nodes[k].get("ingested")) for k in keys], dtype=bool)
    idx = from_arrays(keys, fields, ingested, relations, np.array(src, dtype=np.int64),
                      np.array(dst, dtype=np.int64), np.array(cod, dtype=np.int64), np.array(dire, dtype=bool))
    _FROM_NX[G] = (size, idx)
    return idx


# ---------------------------------------------------------------- cache

def db_file(db) -> Path | None:
    """The main database file of a connection (None for :memory: and temporary databases)."""
    for _, name, file in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def cache_path(path: Path) -> Path:
    return path.with_name(path.name + CACHE_SUFFIX)


def _stamp(db, path: Path) -> tuple | None:
    """(format, graph_version, file size, file mtime_ns); None when the database has no counter."""
    from pipeline.store import graph_version
    v = graph_version(db)
    if v is None:
        return None
    st = path.stat()
    return (INDEX_FORMAT, v, st.st_size, st.st_mtime_ns)


def save_cache(idx: CitationIndex, path: Path) -> bool:
    """Write the index beside the database (atomically); False when the folder is not writable."""
    def blob(values) -> np.ndarray:
        return np.frombuffer("\x00".join(_NONE if v is None else v for v in values).encode("utf-8"), dtype=np.uint8)

    texts = [*idx.keys, *idx.relations, *(v for col in idx.fields.values() for v in col if v)]
    if any("\x00" in v or _NONE in v for v in texts):      # cannot be stored in the blobs: no cache
        return False

    out = cache_path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, stamp=np.array(idx.stamp, dtype=np.int64), n=np.array([idx.n]), keys=blob(idx.keys),
                     relations=blob(idx.relations), ingested=idx.ingested,
                     **{f"f_{k}": blob(v) for k, v in idx.fields.items()}, fi=idx.fwd.indptr, fn=idx.fwd.nbr, fr=idx.fwd.rel, fd=idx.fwd.direct,
                     ri=idx.rev.indptr, rn=idx.rev.nbr, rr=idx.rev.rel, rd=idx.rev.direct)
        os.replace(tmp, out)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        return False


def read_cache(path: Path, stamp: tuple) -> CitationIndex | None:
    """The cached index when it exists, matches `stamp` and is consistent; else None."""
    f = cache_path(path)
    try:
        with np.load(f, allow_pickle=False) as z:
            if tuple(z["stamp"].tolist()) != tuple(stamp):
                return None
            n = int(z["n"][0])

            def texts(name: str) -> list:
                out = z[name].tobytes().decode("utf-8").split("\x00") if n else []
                return [None if v == _NONE else v for v in out]
            keys = texts("keys")
            fields = {k: texts(f"f_{k}") for k in FIELDS}
            ingested = z["ingested"]
            relations = tuple(z["relations"].tobytes().decode("utf-8").split("\x00"))
            fwd = Adjacency(z["fi"], z["fn"], z["fr"], z["fd"])
            rev = Adjacency(z["ri"], z["rn"], z["rr"], z["rd"])
    except (OSError, KeyError, ValueError, UnicodeDecodeError):
        return None
    for A in (fwd, rev):
        if len(keys) != n or A.indptr.size != n + 1 or int(A.indptr[-1]) != A.nbr.size \
                or A.rel.size != A.nbr.size or A.direct.size != A.nbr.size \
                or (A.nbr.size and (int(A.nbr.max()) >= n or int(A.nbr.min()) < 0)):
            return None
    if ingested.size != n or any(len(v) != n for v in fields.values()):
        return None
    return CitationIndex(keys, relations, fwd, rev, fields, ingested.astype(bool), tuple(stamp))


_MEMO: dict[str, CitationIndex] = {}


def load_index(db, cache: bool = True) -> CitationIndex:
    """The citation index of a database: from this process's memory, the file beside the
    database, or built from SQLite (then saved). Inside an open write transaction, or for an
    in-memory database, always built afresh."""
    path = db_file(db)
    if not cache or path is None or db.conn.in_transaction:
        return build_index(db)
    conn = db.conn
    conn.execute("BEGIN")            # one read snapshot for the stamp and the rows
    try:
        stamp = _stamp(db, path)
        if stamp is None:
            return build_index(db)
        memo = _MEMO.get(str(path))
        if memo is not None and memo.stamp == stamp:
            return memo
        idx = read_cache(path, stamp)
        if idx is None:
            idx = build_index(db, stamp)
            save_cache(idx, path)
    finally:
        conn.execute("COMMIT")
    _MEMO[str(path)] = idx.warm()
    return idx
