"""Citation-graph queries over the `edges` table (networkx). These functions are the library API
behind `vanban graph …`.

Edges point from the citing document to the cited one (`50/KH-UBND@2026 -> 57-NQ/TW@2024`,
relation `thuc_hien`); an edge a document reports between two others (`11/NQ-CP -> 71/NQ-CP`,
`sua_doi`) has `reported_by` set. Every query returns a list of document dicts (SPEC.md
"graph output"): key, number, type, date, issuer, ingested (bool), plus relation / depth /
path where the query has them.

Each query takes `db` (a sqlite_utils.Database from `pipeline.store.open_db`) and a reference
as people type it; pass `graph=load_graph(db)` to reuse one loaded graph across queries.
"""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx

from pipeline.errors import UsageError, VanbanError
from pipeline.refs import resolve_ref

# Strongest first: the relation shown when one document cites another in several ways.
RELATION_ORDER = ("thay_the", "sua_doi", "bai_bo", "can_cu", "thuc_hien", "huong_dan", "tra_loi",
                  "kem_theo", "theo", "other")

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


def load_graph(db) -> nx.DiGraph:
    """The whole citation graph: one node per document row, one edge per (source, target) pair
    with `relations` (strongest first), `mentions`, `reported_by` (list of reporters) and
    `direct` (the source's own text cites the target)."""
    G = nx.DiGraph()
    cur = db.conn.execute(f"SELECT {', '.join(_NODE_COLS)} FROM documents")
    names = _NODE_COLS[1:]
    G.add_nodes_from((row[0], dict(zip(names, row[1:]))) for row in cur)
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for s, t, rel, mentions, by in db.conn.execute(
            "SELECT source_key, target_key, relation, mentions, reported_by FROM edges"):
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
    """The SPEC 'graph output' object of one node."""
    a = G._node.get(key, {})
    return {"key": key, "number": a.get("number"), "type": a.get("type"),
            "date": a.get("date") or a.get("date_partial"), "issuer": a.get("issuer"),
            "ingested": bool(a.get("ingested"))}


def _edge_info(G: nx.DiGraph, s: str, t: str) -> dict[str, Any]:
    e = G._succ[s][t]
    out: dict[str, Any] = {"relation": e["relations"][0]}
    if len(e["relations"]) > 1:
        out["relations"] = list(e["relations"])
    if e["reported_by"] and not e["direct"]:
        out["reported_by"] = e["reported_by"][0] if len(e["reported_by"]) == 1 else list(e["reported_by"])
    return out


def _g(db, graph: nx.DiGraph | None) -> nx.DiGraph:
    return graph if graph is not None else load_graph(db)


def cites(db, ref: str, graph: nx.DiGraph | None = None, reported: bool = False) -> list[dict]:
    """Documents `ref` cites in its text, strongest relation first; with `reported`, also the
    relations other documents report it has (`11/NQ-CP` amends `71/NQ-CP`)."""
    G = _g(db, graph)
    key = resolve_one(db, ref)
    out = [{**doc_dict(G, t), **_edge_info(G, key, t), "depth": 1} for t in G.successors(key)
           if reported or G[key][t]["direct"]]
    return sorted(out, key=lambda d: (_rank(d["relation"]), d["key"]))


def cited_by(db, ref: str, graph: nx.DiGraph | None = None, reported: bool = False) -> list[dict]:
    """Documents whose text cites `ref`; with `reported`, also documents reported to relate to it."""
    G = _g(db, graph)
    key = resolve_one(db, ref)
    out = [{**doc_dict(G, s), **_edge_info(G, s, key), "depth": 1} for s in G.predecessors(key)
           if reported or G[s][key]["direct"]]
    return sorted(out, key=lambda d: (_rank(d["relation"]), d["key"]))


def _bfs(G: nx.DiGraph, start: str, forward: bool, max_depth: int | None,
         relations: Iterable[str] | None) -> list[dict]:
    """Breadth-first walk; each reached node once, at its smallest depth, with one shortest path."""
    rels = set(relations) if relations else None
    adj = G._succ if forward else G._pred       # plain dicts: the views cost more than the walk
    nodes = G._node
    seen = {start}
    out: list[dict] = []
    frontier = [(start, [start])]
    depth = 0
    while frontier and (max_depth is None or depth < max_depth):
        depth += 1
        nxt = []
        for u, upath in frontier:
            for v, e in adj[u].items():
                if v in seen or (rels and not rels.intersection(e["relations"])):
                    continue
                seen.add(v)
                path = upath + [v]
                a = nodes[v]
                d = {"key": v, "number": a.get("number"), "type": a.get("type"),
                     "date": a.get("date") or a.get("date_partial"), "issuer": a.get("issuer"),
                     "ingested": bool(a.get("ingested")), "relation": e["relations"][0]}
                if len(e["relations"]) > 1:
                    d["relations"] = list(e["relations"])
                if e["reported_by"] and not e["direct"]:
                    d["reported_by"] = e["reported_by"][0] if len(e["reported_by"]) == 1 else list(e["reported_by"])
                d["depth"] = depth
                d["path"] = path
                out.append(d)
                nxt.append((v, path))
        frontier = nxt
    return out


def lineage(db, ref: str, graph: nx.DiGraph | None = None, max_depth: int | None = None,
            relations: Iterable[str] | None = None) -> list[dict]:
    """Everything `ref` rests on, transitively: depth 1 = what it cites; `path` runs from `ref`."""
    G = _g(db, graph)
    return _bfs(G, resolve_one(db, ref), True, max_depth, relations)


def descendants(db, ref: str, graph: nx.DiGraph | None = None, max_depth: int | None = None,
                relations: Iterable[str] | None = None) -> list[dict]:
    """Everything that cites or implements `ref`, transitively; `path` runs from `ref` back to it."""
    G = _g(db, graph)
    return _bfs(G, resolve_one(db, ref), False, max_depth, relations)


def path(db, a: str, b: str, graph: nx.DiGraph | None = None) -> list[dict]:
    """A shortest citation chain between two documents, in path order.

    Prefers a chain following citations from A to B, then from B to A, then one ignoring
    direction. Each element after the first carries the `relation` of the edge joining it to
    the previous one and `direction` (`cites`: previous cites it; `cited_by`: it cites previous).
    Empty when the two are not connected."""
    G = _g(db, graph)
    ka, kb = resolve_one(db, a), resolve_one(db, b)
    for H in (G, G.reverse(copy=False), G.to_undirected(as_view=True)):
        try:
            keys = nx.shortest_path(H, ka, kb)
            break
        except nx.NetworkXNoPath:
            continue
    else:
        return []
    out = [{**doc_dict(G, keys[0]), "depth": 0}]
    for i in range(1, len(keys)):
        u, v = keys[i - 1], keys[i]
        if G.has_edge(u, v):
            info, direction = _edge_info(G, u, v), "cites"
        else:
            info, direction = _edge_info(G, v, u), "cited_by"
        out.append({**doc_dict(G, v), **info, "direction": direction, "depth": i})
    return out


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


def pagerank(G: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank. networkx's needs SciPy (not a dependency); without it, the same power iteration
    (dangling mass spread uniformly, as networkx does) over NumPy arrays."""
    n = G.number_of_nodes()
    if n == 0:
        return {}
    try:
        return nx.pagerank(G, alpha=alpha)
    except (ImportError, ModuleNotFoundError):
        pass
    import numpy as np
    nodes = list(G)
    index = {k: i for i, k in enumerate(nodes)}
    src = np.fromiter((index[s] for s, _ in G.edges()), dtype=np.int64, count=G.number_of_edges())
    dst = np.fromiter((index[t] for _, t in G.edges()), dtype=np.int64, count=G.number_of_edges())
    outdeg = np.bincount(src, minlength=n).astype(float)
    dangling = outdeg == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        share = np.divide(x, outdeg, out=np.zeros(n), where=~dangling)
        new = alpha * (np.bincount(dst, weights=share[src], minlength=n) + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - x).sum() < n * tol:
            x = new
            break
        x = new
    return dict(zip(nodes, x.tolist()))


def top(db, by: str = "documents", limit: int = 20, graph: nx.DiGraph | None = None) -> list[dict]:
    """Most-cited documents (by citing documents, then PageRank), or issuers (`by="issuers"`)."""
    G = _g(db, graph)
    pr = pagerank(G)
    if by == "documents":
        rows = [{**doc_dict(G, k), "cited_by": G.in_degree(k), "pagerank": round(pr.get(k, 0.0), 6)}
                for k in G.nodes if G.in_degree(k)]
        rows.sort(key=lambda d: (-d["cited_by"], -d["pagerank"], d["key"]))
        return rows[:limit]
    if by != "issuers":
        raise UsageError(f"--by must be documents or issuers, not {by}", f"--by phải là documents hoặc issuers, không phải {by}")
    from extractors.agencies import canonical_agency
    agg: dict[str, dict[str, Any]] = {}
    canon: dict[str, str] = {}
    for k, a in G.nodes(data=True):
        if not a.get("issuer"):
            continue
        if a["issuer"] not in canon:
            canon[a["issuer"]] = canonical_agency(a["issuer"]) or a["issuer"]
        name = canon[a["issuer"]]
        r = agg.setdefault(name.casefold(), {"issuer": name, "level": a.get("issuer_level"), "documents": 0,
                                             "cited_by": 0, "pagerank": 0.0})
        r["documents"] += 1
        r["cited_by"] += G.in_degree(k)
        r["pagerank"] += pr.get(k, 0.0)
    rows = [dict(r, pagerank=round(r["pagerank"], 6)) for r in agg.values() if r["cited_by"]]
    rows.sort(key=lambda r: (-r["cited_by"], -r["pagerank"], r["issuer"]))
    return rows[:limit]


def neighbourhood(G: nx.DiGraph, key: str, radius: int = 2, max_nodes: int = 250) -> nx.DiGraph:
    """Subgraph of documents within `radius` hops of `key` (either direction), nearest first."""
    dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), key, cutoff=radius)
    keep = sorted(dist, key=lambda k: (dist[k], k))[:max_nodes]
    return G.subgraph(keep).copy()
