"""Citation-graph benchmark: a seeded synthetic archive of 100,000 documents and 1,000,000 edges,
loaded into SQLite with the store schema, then the graph queries timed.

Not a test. Run: `.venv/bin/python bench/graph_bench.py [--docs N] [--edges M] [--seed S]`.
Writes outputs/bench_graph.md and prints it.

The archive imitates the shape of a real one: documents in date order, each citing only
earlier ones; a few central bodies (Bộ Chính trị, Chính phủ, Thủ tướng) whose documents are
cited everywhere (preferential attachment), ministries, 34 provinces and their communes,
which mostly cite their own province's recent documents; ~15% of documents are known only
as citations (`ingested = 0`, no outgoing edges).
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.store import ascii_number, open_db, save_extraction  # noqa: E402

RELATIONS = (("can_cu", 30), ("thuc_hien", 20), ("theo", 20), ("other", 15), ("tra_loi", 5),
             ("huong_dan", 4), ("sua_doi", 3), ("thay_the", 2), ("kem_theo", 1))
CENTRAL = (("Bộ Chính trị", "NQ", "TW", "Nghị quyết"), ("Ban Bí thư", "CT", "TW", "Chỉ thị"),
           ("Chính phủ", "NQ", "CP", "Nghị quyết"), ("Chính phủ", "NĐ", "CP", "Nghị định"),
           ("Thủ tướng Chính phủ", "QĐ", "TTg", "Quyết định"), ("Thủ tướng Chính phủ", "CT", "TTg", "Chỉ thị"))
MINISTRIES = ("BKHCN", "BTC", "BNV", "BYT", "BGDĐT", "BCT", "BXD", "BNNMT", "BTP", "BVHTTDL")
LOCAL_TYPES = (("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Thông báo", "TB"), ("Công văn", None), ("Báo cáo", "BC"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def generate(n_docs: int, n_edges: int, seed: int):
    """(documents, edges): documents as tuples in date order, edges as (src, dst, relation)."""
    rng = random.Random(seed)
    start = date(2000, 1, 1)
    span = (date(2026, 6, 30) - start).days
    days = sorted(rng.randrange(span) for _ in range(n_docs))
    seq: dict[tuple[str, int], int] = {}
    docs = []
    scope = []            # 0 central, 1 ministry, 2.. province index + 2
    for i, d in enumerate(days):
        dt = start + timedelta(days=d)
        r = rng.random()
        if r < 0.03:
            issuer, code, sym, typ = rng.choice(CENTRAL)
            sc = 0
        elif r < 0.13:
            sym = rng.choice(MINISTRIES)
            issuer, code, typ = f"Bộ {sym}", None, "Công văn"
            sc = 1
        else:
            p = rng.randrange(34)
            typ, code = rng.choice(LOCAL_TYPES)
            commune = r > 0.75
            sym = f"UBND{p}" if not commune else f"UBND{p}X{rng.randrange(100)}"
            issuer = f"Ủy ban nhân dân tỉnh P{p}" if not commune else f"Ủy ban nhân dân xã X{p}"
            sc = p + 2
        n = seq.get((sym, dt.year), 0) + 1
        seq[(sym, dt.year)] = n
        number = f"{n}-{code}/{sym}" if sym == "TW" else (f"{n}/{code}-{sym}" if code else f"{n}/{sym}")
        number_norm = number.upper()
        key = f"{number_norm}@{dt.year}"
        level = "central" if sc < 2 else ("commune" if "X" in sym else "province")
        docs.append([key, number, number_norm, dt.year, typ, dt.isoformat(), issuer, level, 1])
        scope.append(sc)
    ingested = [rng.random() > 0.15 for _ in range(n_docs)]
    for i, ok in enumerate(ingested):
        docs[i][8] = int(ok)
    sources = [i for i in range(n_docs) if ingested[i] and i > 20]
    per_source = n_edges // len(sources)
    extra = n_edges - per_source * len(sources)
    rel_names = [r for r, _ in RELATIONS]
    rel_weights = [w for _, w in RELATIONS]
    hubs: list[int] = []              # preferential-attachment pool of central/ministry documents
    by_scope: dict[int, list[int]] = {}
    edges = []
    nxt = 0
    for i in range(n_docs):
        if ingested[i] and i > 20:
            k = per_source + (1 if extra > 0 else 0)
            extra -= 1
            targets: set[int] = set()
            own = by_scope.get(scope[i], [])
            tries = 0
            while len(targets) < k and tries < 10 * k:
                tries += 1
                r = rng.random()
                if r < 0.35 and hubs:
                    t = rng.choice(hubs)
                elif r < 0.85 and own:
                    t = own[max(0, len(own) - 1 - int(rng.expovariate(1 / 30)))]   # recent ones
                else:
                    t = rng.randrange(i)
                if t != i:
                    targets.add(t)
            rels = rng.choices(rel_names, rel_weights, k=len(targets))
            for t, rel in zip(sorted(targets), rels):
                edges.append((i, t, rel))
                if scope[t] < 2:
                    hubs.append(t)
        if scope[i] < 2:
            hubs.append(i)
        by_scope.setdefault(scope[i], []).append(i)
        nxt += 1
    return docs, edges[:n_edges]


def load(db_path: Path, docs, edges) -> dict[str, float]:
    """Bulk-load into the store schema (documents, edges); FTS triggers and indexes included."""
    db = open_db(db_path)
    t0 = time.perf_counter()
    with db.conn:
        db.conn.executemany(
            "INSERT INTO documents (key, number, number_norm, number_ascii, year, type, date, issuer, issuer_level,"
            " ingested, search_ascii) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((k, n, nn, ascii_number(nn), y, t, d, i, lv, ing, nn.lower()) for k, n, nn, y, t, d, i, lv, ing in docs))
    t1 = time.perf_counter()
    keys = [d[0] for d in docs]
    with db.conn:
        db.conn.executemany("INSERT INTO edges (source_key, target_key, relation, mentions) VALUES (?,?,?,1)",
                            ((keys[s], keys[t], r) for s, t, r in edges))
    t2 = time.perf_counter()
    db.conn.close()
    return {"documents_s": t1 - t0, "edges_s": t2 - t1, "db_mb": db_path.stat().st_size / 2**20}


def time_ingest(tmp: Path, n: int, seed: int) -> float:
    """save_extraction() throughput: n small synthetic extractions with 10 citations each."""
    rng = random.Random(seed)
    db = open_db(tmp)
    t0 = time.perf_counter()
    for i in range(n):
        y = 2020 + i % 7
        cits = [{"type": "Nghị quyết", "number": f"{rng.randrange(n)}/KH-UBND", "date": f"{y - 1}-05-05",
                 "issuer": None, "relation": "can_cu", "quote": "", "span": None, "page": None} for _ in range(10)]
        for c in cits:
            c["key"] = f"{c['number']}@{y - 1}"
        ex = {"file": f"{i}.txt", "sha256": f"{i:064x}", "format": "txt", "pages": 1, "ocr": False,
              "document": {"type": "Kế hoạch", "number": f"{i}/KH-UBND", "key": f"{i}/KH-UBND@{y}",
                           "date": f"{y}-06-01", "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp", "subject": "thử"},
              "citations": cits, "named_citations": [], "reported_relations": [], "tasks": [], "warnings": []}
        with db.conn:
            save_extraction(db, ex, f"{i}.txt")
    dt = time.perf_counter() - t0
    db.conn.close()
    return n / dt


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20260116)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench_graph.md")
    ap.add_argument("--workdir", type=Path, default=ROOT / "outputs" / "bench")
    a = ap.parse_args()
    from pipeline import graph

    a.workdir.mkdir(parents=True, exist_ok=True)
    db_path = a.workdir / "bench_graph.db"
    for p in a.workdir.glob("bench_graph.db*"):
        p.unlink()
    t0 = time.perf_counter()
    docs, edges = generate(a.docs, a.edges, a.seed)
    gen_s = time.perf_counter() - t0
    loaded = load(db_path, docs, edges)
    del docs
    del edges
    gc.collect()

    db = open_db(db_path)
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    G = graph.load_graph(db)
    build_s = time.perf_counter() - t0
    rss1 = _rss_mb()
    tracemalloc.start()
    G2 = graph.load_graph(db)
    _, peak = tracemalloc.get_traced_memory()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del G2
    gc.collect()

    rng = random.Random(a.seed + 1)
    nodes = sorted(G.nodes)
    ingested = [k for k in nodes if G.nodes[k]["ingested"]]
    sample = rng.sample(ingested, a.queries)
    results = {}
    for name, fn in (("lineage", graph.lineage), ("descendants", graph.descendants)):
        times, sizes = [], []
        for k in sample:
            t = time.perf_counter()
            rows = fn(db, k, graph=G)
            times.append((time.perf_counter() - t) * 1000)
            sizes.append(len(rows))
        results[name] = (times, sizes)
    hub = max(G.nodes, key=G.in_degree)
    t = time.perf_counter()
    hub_rows = graph.descendants(db, hub, graph=G)
    hub_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    cb = graph.cited_by(db, hub, graph=G)
    cb_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    graph.missing(db, limit=20)
    missing_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    graph.top(db, graph=G)
    top_s = time.perf_counter() - t
    db.conn.close()
    ingest_rate = time_ingest(a.workdir / "bench_ingest.db", 2000, a.seed)
    for p in a.workdir.glob("bench_ingest.db*"):
        p.unlink()

    lines = [
        "# Citation-graph benchmark",
        "",
        f"`bench/graph_bench.py --docs {a.docs} --edges {a.edges} --seed {a.seed}` "
        f"(Python {sys.version.split()[0]}, SQLite file on local disk; shared 2-core machine).",
        "",
        "| step | figure |",
        "|---|---|",
        f"| generate {a.docs:,} documents / {G.number_of_edges():,} edges (Python) | {gen_s:.1f} s |",
        f"| load documents into SQLite (store schema, FTS triggers, indexes) | {loaded['documents_s']:.1f} s |",
        f"| load edges into SQLite (unique + source/target indexes) | {loaded['edges_s']:.1f} s |",
        f"| database size | {loaded['db_mb']:.0f} MB |",
        f"| build networkx graph from SQLite (`load_graph`) | {build_s:.1f} s |",
        f"| graph memory, tracemalloc (current / peak while building) | {current / 2**20:.0f} MB / {peak / 2**20:.0f} MB |",
        f"| process max RSS before / after the first build | {rss0:.0f} MB / {rss1:.0f} MB |",
    ]
    for name, (times, sizes) in results.items():
        lines.append(f"| `{name}` latency, {a.queries} random ingested documents: p50 / p95 / max "
                     f"| {pct(times, 50):.1f} / {pct(times, 95):.1f} / {max(times):.1f} ms "
                     f"(results: median {statistics.median(sizes):.0f}, max {max(sizes):,}) |")
    lines += [
        f"| `descendants` of the most-cited document ({hub}, {G.in_degree(hub):,} direct citers) "
        f"| {hub_ms:.0f} ms ({len(hub_rows):,} results) |",
        f"| `cited_by` of that document | {cb_ms:.0f} ms ({len(cb):,} results) |",
        f"| `missing` (top 20, SQL) | {missing_ms:.0f} ms |",
        f"| `top` (PageRank, pure-Python networkx: SciPy not installed) | {top_s:.1f} s |",
        f"| `save_extraction` throughput (10 citations each, one transaction per file) | {ingest_rate:.0f} documents/s |",
        "",
        f"Target: lineage/descendants < 200 ms per query on a loaded graph. "
        f"Per-command CLI calls also pay `load_graph` ({build_s:.1f} s at this size).",
    ]
    text = "\n".join(lines) + "\n"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
