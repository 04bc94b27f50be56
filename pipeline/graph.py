"""Citation-graph queries over the `edges` table. These functions are the library API behind
`vanban graph …`.

Edges point from the citing document to the cited one (`50/KH-UBND@2026 -> 57-NQ/TW@2024`,
relation `thuc_hien`); an edge a document reports between two others (`11/NQ-CP -> 71/NQ-CP`,
`sua_doi`) has `reported_by` set. Every query returns a list of document dicts (SPEC.md
"graph output"): key, number, type, date, issuer, ingested (bool), plus relation / depth /
path where the query has them.

Each query takes `db` (a sqlite_utils.Database from `pipeline.store.open_db`) and a reference
as people type it. Traversals run over `pipeline.graph_index` (integer CSR adjacency, cached
beside the database and in memory, rebuilt after any ingest), which also holds the document
fields the rows show; SQLite is read only for `reported_by` of reported edges. `graph=` may pass a `CitationIndex` (`load_index(db)`)
or a networkx graph from `load_graph(db)` (converted once). `load_graph` (networkx, with all
attributes) remains for exports, pictures and callers that want networkx.
"""
from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import numpy as np

from pipeline.errors import UsageError, VanbanError
from pipeline.graph_index import RELATION_ORDER, CitationIndex, Reached, from_networkx, load_index
from pipeline.refs import resolve_ref

if TYPE_CHECKING:
    import networkx as nx      # imported where used: the CLI queries do not need it (0.3 s)

__all__ = ["RELATION_ORDER", "RefNotFound", "AmbiguousRef", "load_graph", "load_index", "resolve_one",
           "doc_dict", "cites", "cited_by", "lineage", "descendants", "path", "missing", "pagerank", "top",
           "neighbourhood", "neighbourhood_graph"]

_NODE_COLS = ("key", "number", "type", "date", "date_partial", "issuer", "issuer_level", "ingested", "subject")

class RefNotFound(VanbanError):
    code = "ref_not_found"


class AmbiguousRef(UsageError):
    code = "ambiguous_ref"

    def __init__(self, ref: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"'{ref}' names several documents: {', '.join(candidates)} — add the year (e.g. {candidates[0]})",
                         f"'{ref}' ứng với nhiều văn bản: {', '.join(candidates)} — hãy ghi thêm năm (ví dụ {candidates[0]})")


def _rank(relation: str) -> int:
    return RELATION_ORDER.index(relation) if relation in RELATION_ORDER else len(RELATION_ORDER)


def _aggregate_edges(rows: Iterable[tuple]) -> dict[tuple[str, str], dict[str, Any]]:
    """(source, target) -> edge attributes, from `edges` rows (source, target, relation, mentions, by)."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for s, t, rel, mentions, by in rows:
        e = pairs.get((s, t))
        if e is None:
            pairs[(s, t)] = {"relations": [rel], "mentions": mentions or 0,
                             "reported_by": [by] if by else [], "direct": by is None}
            continue
        if rel not in e["relations"]:
            e["relations"] = sorted(e["relations"] + [rel], key=_rank)
        e["mentions"] += mentions or 0
        if by and by not in e["reported_by"]:
            e["reported_by"].append(by)
        e["direct"] = e["direct"] or by is None
    return pairs


def load_graph(db) -> nx.DiGraph:
    """The whole citation graph as networkx: one node per document row, one edge per (source,
    target) pair with `relations` (strongest first), `mentions`, `reported_by` (list of
    reporters) and `direct` (the source's own text cites the target). Slow on big archives
    (tens of seconds at a million edges): the queries here use `load_index` instead."""
    import networkx as nx
    G = nx.DiGraph()
    cur = db.conn.execute(f"SELECT {', '.join(_NODE_COLS)} FROM documents")
    names = _NODE_COLS[1:]
    G.add_nodes_from((row[0], dict(zip(names, row[1:]))) for row in cur)
    pairs = _aggregate_edges(db.conn.execute(
        "SELECT source_key, target_key, relation, mentions, reported_by FROM edges"))
    G.add_edges_from((s, t, a) for (s, t), a in pairs.items())
    return G


def subgraph(db, keys: Iterable[str]) -> nx.DiGraph:
    """The networkx graph (as `load_graph`) of these documents and the edges among them."""
    import networkx as nx
    keys = sorted(set(keys))
    G = nx.DiGraph()
    ks = json.dumps(keys, ensure_ascii=False)
    names = _NODE_COLS[1:]
    G.add_nodes_from((row[0], dict(zip(names, row[1:]))) for row in db.conn.execute(
        f"SELECT {', '.join(_NODE_COLS)} FROM documents WHERE key IN (SELECT value FROM json_each(?))", (ks,)))
    pairs = _aggregate_edges(db.conn.execute(
        "SELECT source_key, target_key, relation, mentions, reported_by FROM edges"
        " WHERE source_key IN (SELECT value FROM json_each(?)) AND target_key IN (SELECT value FROM json_each(?))"
        " ORDER BY id", (ks, ks)))
    G.add_edges_from((s, t, a) for (s, t), a in pairs.items())
    return G


def resolve_one(db, ref: str) -> str:
    """The single key a reference names; AmbiguousRef (exit 2) or RefNotFound (exit 1) otherwise."""
    keys = resolve_ref(db, ref)
    if not keys:
        raise RefNotFound(f"no document matches '{ref}'", f"không tìm thấy văn bản '{ref}'")
    if len(keys) > 1:
        raise AmbiguousRef(ref, keys)
    return keys[0]


def doc_dict(G: nx.DiGraph, key: str) -> dict[str, Any]:
    """The SPEC 'graph output' object of one node of a networkx graph."""
    a = G._node.get(key, {})
    return {"key": key, "number": a.get("number"), "type": a.get("type"),
            "date": a.get("date") or a.get("date_partial"), "issuer": a.get("issuer"),
            "ingested": bool(a.get("ingested"))}


def _index(db, graph: CitationIndex | nx.DiGraph | None) -> CitationIndex:
    if graph is None:
        return load_index(db)
    if isinstance(graph, CitationIndex):
        return graph
    return from_networkx(graph)


def _id(db, idx: CitationIndex, ref: str) -> int:
    key = resolve_one(db, ref)
    i = idx.id_of(key)
    if i is None:                      # in the database but not in a stale index passed as graph=
        raise RefNotFound(f"'{ref}' is not in the graph given", f"'{ref}' không có trong đồ thị đã nạp")
    return i


def _reporters(db, s: str, t: str) -> list[str]:
    return [r for (r,) in db.conn.execute(
        "SELECT reported_by FROM edges WHERE source_key = ? AND target_key = ? AND reported_by IS NOT NULL"
        " GROUP BY reported_by ORDER BY min(id)", (s, t))]


def _edge_fields(db, idx: CitationIndex, mask: int, direct: bool, s: str, t: str) -> dict[str, Any]:
    """relation (strongest), relations (when several), reported_by (edges only reported by others)."""
    names = idx.relation_names(int(mask))
    out: dict[str, Any] = {"relation": names[0] if names else "other"}
    if len(names) > 1:
        out["relations"] = list(names)
    if not direct:
        by = _reporters(db, s, t)
        if by:
            out["reported_by"] = by[0] if len(by) == 1 else by
    return out


def _neighbours(db, ref: str, graph, reported: bool, limit: int | None, forward: bool) -> list[dict]:
    idx = _index(db, graph)
    i = _id(db, idx, ref)
    A = idx.fwd if forward else idx.rev
    lo, hi = int(A.indptr[i]), int(A.indptr[i + 1])
    sel = [j for j in range(lo, hi) if reported or A.direct[j]]
    sel.sort(key=lambda j: (int(A.rel[j]) & -int(A.rel[j]), idx.keys[A.nbr[j]]))   # lowest bit = strongest
    if limit:
        sel = sel[:limit]
    me = idx.keys[i]
    rows = idx.docs(int(A.nbr[j]) for j in sel)
    for d, j in zip(rows, sel):
        s, t = (me, d["key"]) if forward else (d["key"], me)
        d.update(_edge_fields(db, idx, A.rel[j], bool(A.direct[j]), s, t))
        d["depth"] = 1
    return rows


def cites(db, ref: str, graph: CitationIndex | nx.DiGraph | None = None, reported: bool = False,
          limit: int | None = None) -> list[dict]:
    """Documents `ref` cites in its text, strongest relation first; with `reported`, also the
    relations other documents report it has (`11/NQ-CP` amends `71/NQ-CP`)."""
    return _neighbours(db, ref, graph, reported, limit, forward=True)


def cited_by(db, ref: str, graph: CitationIndex | nx.DiGraph | None = None, reported: bool = False,
             limit: int | None = None) -> list[dict]:
    """Documents whose text cites `ref`; with `reported`, also documents reported to relate to it."""
    return _neighbours(db, ref, graph, reported, limit, forward=False)


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic-GC passes while a query makes tens of thousands of rows (they hold no cycles).
    Otherwise each pass re-scans the rows made so far (3x the time of a big answer), and the
    first pass after would scan them all once more: so when many were made, they are moved
    straight to the oldest generation (gc.freeze + gc.unfreeze: a list splice, no scan) — where
    a collection would put these survivors anyway."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > _PROMOTE:
            gc.freeze()
            gc.unfreeze()
        if was:
            gc.enable()


_PROMOTE = 20_000      # young objects above which a query's results are promoted unscanned


def _walk_rows(db, idx: CitationIndex, start: int, r: Reached, forward: bool) -> list[dict]:
    """Rows of a one-direction walk: document, relation of the edge it was reached by, depth, path.
    Columns are gathered with NumPy, each row made by one dict display; only the few rows with
    several relations or a reported edge are remade (keeping the key order) afterwards."""
    if len(r) == 0:
        return []
    A = idx.fwd if forward else idx.rev
    masks, direct = A.rel[r.pos], A.direct[r.pos]
    special = np.flatnonzero((masks & (masks - 1)) | ~direct).tolist()
    paths = idx.paths(start, r)
    rows = [{"key": k, "number": n, "type": t, "date": d, "issuer": s, "ingested": g, "relation": rel,
             "depth": dep, "path": p}
            for k, n, t, d, s, g, rel, dep, p in zip(*idx.columns(r.ids), idx.strongest(masks),
                                                      r.depth.tolist(), paths)]
    for j in special:
        d, p = rows[j], paths[j]
        new = {c: d[c] for c in ("key", "number", "type", "date", "issuer", "ingested", "relation")}
        rels = idx.relation_names(int(masks[j]))
        if len(rels) > 1:
            new["relations"] = list(rels)
        if not direct[j]:
            s, t = (p[-2], p[-1]) if forward else (p[-1], p[-2])
            by = _reporters(db, s, t)
            if by:
                new["reported_by"] = by[0] if len(by) == 1 else by
        new["depth"], new["path"] = d["depth"], p
        rows[j] = new
    return rows


def _traverse(db, ref: str, graph, forward: bool, max_depth: int | None, relations: Iterable[str] | None,
              limit: int | None) -> list[dict]:
    idx = _index(db, graph)
    start = _id(db, idx, ref)
    rels = list(relations) if relations else []
    mask = idx.relation_mask(rels) if rels else 0
    if rels and not mask:
        return []
    with _no_gc():
        r = idx.walk(start, (idx.fwd if forward else idx.rev,), max_depth=max_depth or None, rel_mask=mask,
                     limit=limit or None)
        return _walk_rows(db, idx, start, r, forward)


def lineage(db, ref: str, graph: CitationIndex | nx.DiGraph | None = None, max_depth: int | None = None,
            relations: Iterable[str] | None = None, limit: int | None = None) -> list[dict]:
    """Everything `ref` rests on, transitively, nearest first: depth 1 = what it cites; `path`
    runs from `ref`. `max_depth` stops the walk, `limit` keeps the first (nearest) documents."""
    return _traverse(db, ref, graph, True, max_depth, relations, limit)


def descendants(db, ref: str, graph: CitationIndex | nx.DiGraph | None = None, max_depth: int | None = None,
                relations: Iterable[str] | None = None, limit: int | None = None) -> list[dict]:
    """Everything that cites or implements `ref`, transitively, nearest first; `path` runs from
    `ref` back to it. `max_depth` and `limit` as for `lineage`."""
    return _traverse(db, ref, graph, False, max_depth, relations, limit)


def _chain(idx: CitationIndex, start: int, target: int) -> list[int] | None:
    """Ids of a shortest chain start..target: following citations, then against them, then either way."""
    if start == target:
        return [start]
    for adjs in ((idx.fwd,), (idx.rev,), (idx.fwd, idx.rev)):
        r = idx.walk(start, adjs, target=target)
        hit = np.flatnonzero(r.ids == target)
        if hit.size:
            parent = dict(zip(r.ids.tolist(), r.parent.tolist()))
            chain = [target]
            while chain[-1] != start:
                chain.append(parent[chain[-1]])
            return chain[::-1]
    return None


def path(db, a: str, b: str, graph: CitationIndex | nx.DiGraph | None = None) -> list[dict]:
    """A shortest citation chain between two documents, in path order.

    Prefers a chain following citations from A to B, then from B to A, then one ignoring
    direction. Each element after the first carries the `relation` of the edge joining it to
    the previous one and `direction` (`cites`: previous cites it; `cited_by`: it cites previous).
    Empty when the two are not connected."""
    idx = _index(db, graph)
    ia, ib = _id(db, idx, a), _id(db, idx, b)
    chain = _chain(idx, ia, ib)
    if chain is None:
        return []
    keys = [idx.keys[i] for i in chain]
    rows = idx.docs(chain)
    rows[0]["depth"] = 0
    for i in range(1, len(chain)):
        u, v = chain[i - 1], chain[i]
        j = idx.fwd.find(u, v)
        if j >= 0:
            info, direction = _edge_fields(db, idx, idx.fwd.rel[j], bool(idx.fwd.direct[j]), keys[i - 1], keys[i]), "cites"
        else:
            j = idx.fwd.find(v, u)
            info, direction = _edge_fields(db, idx, idx.fwd.rel[j], bool(idx.fwd.direct[j]), keys[i], keys[i - 1]), "cited_by"
        rows[i].update({**info, "direction": direction, "depth": i})
    return rows


def missing(db, limit: int | None = None) -> list[dict]:
    """Cited documents that are not in the archive, most mentioned first."""
    sql = ("SELECT d.key, d.number, d.type, COALESCE(d.date, d.date_partial), d.issuer,"
           " (SELECT count(*) FROM citations c WHERE c.target_key = d.key) AS mentions,"
           " (SELECT count(DISTINCT e.source_key) FROM edges e WHERE e.target_key = d.key) AS cited_by,"
           " (SELECT count(DISTINCT e.reported_by) FROM edges e WHERE e.reported_by IS NOT NULL"
           "   AND (e.target_key = d.key OR e.source_key = d.key)) AS reported"
           " FROM documents d WHERE d.ingested = 0 ORDER BY mentions DESC, cited_by DESC, reported DESC, d.key")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [{"key": k, "number": n, "type": t, "date": dt, "issuer": i, "ingested": False,
             "mentions": m, "cited_by": c, "reported_by_count": r}
            for k, n, t, dt, i, m, c, r in db.conn.execute(sql)]


def _pagerank_arrays(n: int, src: np.ndarray, dst: np.ndarray, alpha: float = 0.85, tol: float = 1.0e-10,
                     max_iter: int = 200) -> np.ndarray:
    """PageRank by power iteration over edge arrays (dangling mass spread uniformly, as networkx)."""
    outdeg = np.bincount(src, minlength=n).astype(float)
    dangling = outdeg == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.divide(x, outdeg, out=np.zeros(n), where=~dangling)
        new = alpha * (np.bincount(dst, weights=share[src], minlength=n) + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - x).sum() < n * tol:
            return new
        x = new
    return x


def pagerank(G: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank of a networkx graph. networkx's needs SciPy (not a dependency); without it, the
    same power iteration over NumPy arrays."""
    import networkx as nx
    n = G.number_of_nodes()
    if n == 0:
        return {}
    try:
        return nx.pagerank(G, alpha=alpha)
    except (ImportError, ModuleNotFoundError):
        pass
    nodes = list(G)
    index = {k: i for i, k in enumerate(nodes)}
    src = np.fromiter((index[s] for s, _ in G.edges()), dtype=np.int64, count=G.number_of_edges())
    dst = np.fromiter((index[t] for _, t in G.edges()), dtype=np.int64, count=G.number_of_edges())
    return dict(zip(nodes, _pagerank_arrays(n, src, dst, alpha, tol, max_iter).tolist()))


def index_pagerank(idx: CitationIndex) -> np.ndarray:
    """PageRank of every id of the index (one edge per citing pair, as `pagerank`)."""
    if idx.n == 0:
        return np.zeros(0)
    src = np.repeat(np.arange(idx.n, dtype=np.int64), idx.fwd.degree())
    return _pagerank_arrays(idx.n, src, idx.fwd.nbr.astype(np.int64))


def top(db, by: str = "documents", limit: int = 20, graph: CitationIndex | nx.DiGraph | None = None) -> list[dict]:
    """Most-cited documents (by citing documents, then PageRank), or issuers (`by="issuers"`)."""
    if by not in ("documents", "issuers"):
        raise UsageError(f"--by must be documents or issuers, not {by}", f"--by phải là documents hoặc issuers, không phải {by}")
    idx = _index(db, graph)
    indeg = idx.rev.degree()
    pr = np.round(index_pagerank(idx), 6)
    if by == "documents":
        cand = np.flatnonzero(indeg)
        order = cand[np.lexsort((cand, -pr[cand], -indeg[cand]))][:limit]
        rows = idx.docs(order.tolist())
        for d, i in zip(rows, order.tolist()):
            d["cited_by"] = int(indeg[i])
            d["pagerank"] = float(pr[i])
        return rows
    from extractors.agencies import canonical_agency
    prf = index_pagerank(idx)
    agg: dict[str, dict[str, Any]] = {}
    canon: dict[str, str] = {}
    for k, issuer, level in db.conn.execute(
            "SELECT key, issuer, issuer_level FROM documents WHERE issuer IS NOT NULL AND issuer != ''"):
        i = idx.id_of(k)
        if i is None:
            continue
        if issuer not in canon:
            canon[issuer] = canonical_agency(issuer) or issuer
        name = canon[issuer]
        r = agg.setdefault(name.casefold(), {"issuer": name, "level": level, "documents": 0,
                                             "cited_by": 0, "pagerank": 0.0})
        r["documents"] += 1
        r["cited_by"] += int(indeg[i])
        r["pagerank"] += float(prf[i])
    rows = [dict(r, pagerank=round(r["pagerank"], 6)) for r in agg.values() if r["cited_by"]]
    rows.sort(key=lambda r: (-r["cited_by"], -r["pagerank"], r["issuer"]))
    return rows[:limit]


def neighbourhood(G: nx.DiGraph, key: str, radius: int = 2, max_nodes: int = 250) -> nx.DiGraph:
    """Subgraph of documents within `radius` hops of `key` (either direction), nearest first."""
    import networkx as nx
    dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), key, cutoff=radius)
    keep = sorted(dist, key=lambda k: (dist[k], k))[:max_nodes]
    return G.subgraph(keep).copy()


def neighbourhood_graph(db, key: str, radius: int = 2, max_nodes: int = 250,
                        graph: CitationIndex | nx.DiGraph | None = None) -> nx.DiGraph:
    """As `neighbourhood(load_graph(db), key, …)`, walking the index and reading only those rows."""
    idx = _index(db, graph)
    start = idx.id_of(key)
    if start is None:
        raise RefNotFound(f"no document '{key}'", f"không tìm thấy văn bản '{key}'")
    r = idx.walk(start, (idx.fwd, idx.rev), max_depth=radius)
    dist = {key: 0, **{idx.keys[i]: d for i, d in zip(r.ids.tolist(), r.depth.tolist())}}
    keep = sorted(dist, key=lambda k: (dist[k], k))[:max_nodes]
    return subgraph(db, keep)
