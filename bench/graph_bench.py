"""Citation-graph benchmark: a seeded synthetic archive (default 100,000 documents, 1,000,000
edges) loaded into SQLite with the store schema, then the graph queries timed.

Not a test. Run: `.venv/bin/python bench/graph_bench.py [--docs N] [--edges M] [--seed S]`.
Writes outputs/bench_graph.md and prints it. The database is kept in outputs/bench/ and reused
by a later run with the same parameters (`--fresh` rebuilds it).

The generator (deterministic for a seed) imitates the administrative hierarchy:

- Issuers. Central: Bộ Chính trị / Ban Bí thư (`57-NQ/TW`, `KL/TW`, `CT/TW`), Quốc hội (laws
  `45/2019/QH14`), Chính phủ (`30/2020/NĐ-CP`, `71/NQ-CP`), Thủ tướng (`QĐ-TTg`, `CT-TTg`);
  10 ministries (`TT-…` circulars, `QĐ-…`, official letters); 34 provinces, each with a
  Tỉnh ủy (`NQ/TU`, `CTr/TU`), HĐND (`NQ-HĐND`), UBND tỉnh (`KH/QĐ/TB/BC-UBND`, letters),
  10 Sở matched to the ministries, and 60 communes. Symbols carry a province/commune tag
  (`UBND07`, `SGDĐT07`, `UBNDX0731`) so keys are unique. Shares of documents: central 4%,
  ministries 7%, province bodies 18%, Sở 30%, communes 41%.
- Years 2000–2026, 8% more documents each year; each document cites only earlier ones.
- How much a document cites depends on its type (a law or decree ~10 bases, a plan ~10, an
  official letter ~3, a notice ~2), scaled so the total is the requested edge count.
- Whom it cites: mostly its own province and the levels above. A commune cites its UBND tỉnh
  (30%), the province's Sở (25%), its own earlier documents (22%), the Tỉnh ủy/HĐND (8%),
  central documents (8%), other communes of the province (5%); a Sở cites its UBND tỉnh (35%),
  its own earlier documents (20%), its ministry (15%), central (15%), the Tỉnh ủy/HĐND (8%);
  province bodies cite central (45%), each other (35%), ministries (12%); ministries cite
  central (55%) and themselves; central bodies cite central (90%). 0.3% of citations go anywhere
  earlier (cross-province noise). Inside a pool, half the picks are preferential (Pólya urn:
  a document is picked in proportion to 1 + times cited, laws and Politburo resolutions
  start heavier), the others by recency (the cited date ~ 1.5 years before, exponential);
  central, ministry and Party pools 80% by popularity (one cites the law, not last month's
  decree), a body's own and its province's pools 40%. 6% more citations are drawn than asked
  and a random surplus dropped, so the edge count is exact.
  This gives chains of 3–6 administrative levels (NQ/TW -> NQ-CP -> KH-UBND tỉnh -> KH of a
  Sở -> CV of a commune) and a few hubs cited by thousands; year-to-year links inside a body
  (this year's plan cites last year's) and among central documents make the shortest-path
  depth of a full lineage larger (median ~18 at 100,000 documents).
- Relations follow the pair: plans and resolutions `thuc_hien`/`can_cu` what is above them,
  legal documents `can_cu`, decrees/circulars `huong_dan` laws, a document of the same issuer
  and type is sometimes amended or replaced (`sua_doi`/`thay_the`), letters `theo`/`tra_loi`.
  Mentions per edge: 1 + exponential (mean 0.5).
- Not ingested (cited only, no outgoing edges): central 30%, ministries 35%, local 8%.
"""
from __future__ import annotations

import argparse
import bisect
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.identity import make_key, normalize_number  # noqa: E402
from pipeline.store import ascii_number, open_db, save_extraction  # noqa: E402

PROVINCES, SO_PER_PROVINCE, COMMUNES = 34, 10, 60
MINISTRIES = (("BGDĐT", "SGDĐT", "Giáo dục và Đào tạo"), ("BYT", "SYT", "Y tế"), ("BTC", "STC", "Tài chính"),
              ("BNV", "SNV", "Nội vụ"), ("BKHCN", "SKHCN", "Khoa học và Công nghệ"), ("BCT", "SCT", "Công Thương"),
              ("BXD", "SXD", "Xây dựng"), ("BNNMT", "SNNMT", "Nông nghiệp và Môi trường"), ("BTP", "STP", "Tư pháp"),
              ("BVHTTDL", "SVHTTDL", "Văn hóa, Thể thao và Du lịch"))
# (type name, code, share within the unit, base out-degree, start weight in the urn)
TYPES = {
    "party": [("Nghị quyết", "NQ", .35, 4, 6), ("Kết luận", "KL", .35, 3, 3), ("Chỉ thị", "CT", .30, 3, 3)],
    "assembly": [("Luật", "LUAT", .6, 9, 8), ("Nghị quyết", "NQQH", .4, 6, 3)],
    "government": [("Nghị định", "NĐ", .6, 10, 4), ("Nghị quyết", "NQ", .4, 6, 4)],
    "pm": [("Quyết định", "QĐ", .75, 7, 2), ("Chỉ thị", "CT", .25, 5, 2)],
    "ministry": [("Thông tư", "TT", .15, 9, 3), ("Quyết định", "QĐ", .25, 5, 1), ("Công văn", None, .60, 3, 1)],
    "tu": [("Nghị quyết", "NQ", .4, 5, 3), ("Chương trình", "CTr", .3, 6, 2), ("Kế hoạch", "KH", .3, 8, 1)],
    "hdnd": [("Nghị quyết", "NQ", 1.0, 7, 2)],
    "ubnd": [("Kế hoạch", "KH", .25, 10, 2), ("Quyết định", "QĐ", .30, 6, 1), ("Công văn", None, .30, 3, 1),
             ("Thông báo", "TB", .08, 2, 1), ("Báo cáo", "BC", .07, 5, 1)],
    "so": [("Kế hoạch", "KH", .20, 8, 1), ("Công văn", None, .55, 3, 1), ("Thông báo", "TB", .10, 2, 1),
           ("Báo cáo", "BC", .15, 5, 1)],
    "commune": [("Kế hoạch", "KH", .20, 7, 1), ("Công văn", None, .50, 2, 1), ("Thông báo", "TB", .15, 1, 1),
                ("Báo cáo", "BC", .15, 4, 1)],
}
# kind -> (share of all documents, level written to issuer_level, share not ingested)
KINDS = {"party": (.006, "central", .3), "assembly": (.003, "central", .3), "government": (.012, "central", .3),
         "pm": (.019, "central", .3), "ministry": (.07, "central", .35), "tu": (.03, "province", .08),
         "hdnd": (.015, "province", .08), "ubnd": (.135, "province", .08), "so": (.30, "province", .08),
         "commune": (.41, "commune", .08)}
# kind -> [(pool, weight)]: where its citations go
MIX = {
    "central": [("central", 90), ("ministry", 10)],
    "ministry": [("central", 55), ("self", 35), ("ministry", 10)],
    "province": [("central", 45), ("ministry", 12), ("party", 15), ("ubnd", 20), ("province_so", 5),
                 ("self", 3)],
    "so": [("central", 15), ("sector", 15), ("ubnd", 35), ("party", 8), ("self", 20), ("province_so", 7)],
    "commune": [("central", 8), ("ubnd", 30), ("province_so", 25), ("party", 8), ("self", 22), ("communes", 5)],
}
NOISE = 0.003
RECENCY_DAYS = 550.0
HUB_POOLS = {"central", "ministry", "sector", "party"}   # picked mostly by popularity (laws, resolutions)
HUB_PICK = 0.8
OVERSAMPLE = 1.06                                        # some picks repeat a target: draw more, drop the surplus


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Unit:
    """One issuing body."""

    def __init__(self, kind: str, issuer: str, sym: str, province: int | None, sector: int | None = None):
        self.kind, self.issuer, self.sym, self.province, self.sector = kind, issuer, sym, province, sector


def _units() -> list[Unit]:
    u = [Unit("party", "Bộ Chính trị", "TW", None), Unit("assembly", "Quốc hội", "QH", None),
         Unit("government", "Chính phủ", "CP", None), Unit("pm", "Thủ tướng Chính phủ", "TTg", None)]
    u += [Unit("ministry", f"Bộ {name}", sym, None, i) for i, (sym, _, name) in enumerate(MINISTRIES)]
    for p in range(PROVINCES):
        tag = f"{p:02d}"
        u += [Unit("tu", f"Tỉnh ủy T{tag}", f"TU{tag}", p), Unit("hdnd", f"Hội đồng nhân dân tỉnh T{tag}", f"HĐND{tag}", p),
              Unit("ubnd", f"Ủy ban nhân dân tỉnh T{tag}", f"UBND{tag}", p)]
        u += [Unit("so", f"Sở {name} tỉnh T{tag}", f"{so}{tag}", p, i) for i, (_, so, name) in enumerate(MINISTRIES)]
        u += [Unit("commune", f"Ủy ban nhân dân xã X{tag}{c:02d}", f"UBNDX{tag}{c:02d}", p) for c in range(COMMUNES)]
    return u


def _number(unit: Unit, code: str | None, n: int, year: int) -> str:
    k = unit.kind
    if k == "party" or k == "tu":
        return f"{n}-{code}/{unit.sym}"
    if k == "assembly":
        return f"{n}/{year}/QH{13 + (year - 2011) // 5 if year >= 2011 else 12}"
    if k == "government" and code == "NĐ":
        return f"{n}/{year}/NĐ-CP"
    if k == "ministry" and code == "TT":
        return f"{n}/{year}/TT-{unit.sym}"
    if k == "hdnd":
        return f"{n}/{year}/NQ-{unit.sym}"
    if code is None:
        return f"{n}/{unit.sym}-VP"
    return f"{n}/{code}-{unit.sym}"


def _relation(rng: random.Random, src_kind: str, src_code: str | None, same_unit: bool, same_type: bool,
              tgt_code: str | None, tgt_kind: str) -> str:
    if same_unit and same_type and rng.random() < 0.3:
        return rng.choice(("sua_doi", "sua_doi", "thay_the", "bai_bo"))
    if src_code is None or src_code in ("TB",):                       # letters and notices
        return rng.choices(("theo", "tra_loi", "thuc_hien", "can_cu", "kem_theo", "other"), (40, 20, 15, 10, 5, 10))[0]
    if src_code in ("NĐ", "TT") and tgt_code in ("LUAT", "NĐ"):
        return rng.choices(("can_cu", "huong_dan"), (80, 20))[0]
    if src_code in ("KH", "CTr", "NQ", "BC") and tgt_kind in ("party", "government", "pm", "tu", "hdnd", "ubnd"):
        return rng.choices(("thuc_hien", "can_cu", "theo"), (45, 45, 10))[0]
    return rng.choices(("can_cu", "theo", "other"), (80, 10, 10))[0]


def generate(n_docs: int, n_edges: int, seed: int):
    """(documents, edges): documents as lists in date order
    [key, number, number_norm, year, type, date, issuer, level, ingested], edges as
    (source index, target index, relation, mentions)."""
    rng = random.Random(seed)
    units = _units()
    by_kind: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        by_kind.setdefault(u.kind, []).append(i)
    kinds = list(KINDS)
    kind_w = [KINDS[k][0] for k in kinds]
    years = list(range(2000, 2027))
    year_w = [1.08 ** (y - 2000) for y in years]
    dates = sorted(date(y, 1, 1) + timedelta(days=rng.randrange(365)) for y in rng.choices(years, year_w, k=n_docs))
    seq: dict[tuple[str, str | None, int], int] = {}
    docs, meta = [], []           # meta: (unit index, kind, code, day number, base out-degree, urn weight)
    seen_keys: set[str] = set()
    for dt in dates:
        kind = rng.choices(kinds, kind_w)[0]
        ui = rng.choice(by_kind[kind])
        unit = units[ui]
        typ, code, _, base, weight = rng.choices(TYPES[kind], [t[2] for t in TYPES[kind]])[0]
        series = (unit.sym, "QH" if kind == "assembly" else code, dt.year)   # laws and QH resolutions share numbers
        n = seq.get(series, 0) + 1
        seq[series] = n
        number = _number(unit, code, n, dt.year)
        key = make_key(number, dt.year)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        ingested = int(rng.random() >= KINDS[kind][2])
        docs.append([key, number, normalize_number(number), dt.year, typ, dt.isoformat(), unit.issuer,
                     KINDS[kind][1], ingested])
        meta.append((ui, kind, code, dt.toordinal(), base, weight))
    n = len(docs)
    total_base = sum(m[4] for m, d in zip(meta, docs) if d[8])
    scale = OVERSAMPLE * n_edges / max(total_base, 1)

    # pools: name -> (doc ids in date order, their days, Pólya urn)
    pools: dict[object, tuple[list[int], list[int], list[int]]] = {}

    def pool_names(i: int) -> list[object]:
        ui, kind, *_ = meta[i]
        u = units[ui]
        names: list[object] = [("unit", ui), "all"]
        if kind in ("party", "assembly", "government", "pm"):
            names.append("central")
        elif kind == "ministry":
            names += ["ministry", ("sector", u.sector)]
        else:
            p = u.province
            names.append(("province_all", p))
            if kind in ("tu", "hdnd"):
                names.append(("party", p))
            elif kind == "ubnd":
                names.append(("ubnd", p))
            elif kind == "so":
                names.append(("province_so", p))
            else:
                names.append(("communes", p))
        return names

    def target_pool(i: int, name: str) -> object:
        ui, kind, *_ = meta[i]
        u = units[ui]
        if name in ("central", "ministry"):
            return name
        if name == "self":
            return ("unit", ui)
        if name == "sector":
            return ("sector", u.sector)
        return (name, u.province)

    def pick(pool, day: int, hubby: bool) -> int | None:
        ids, days, urn = pool
        if not ids:
            return None
        if rng.random() < (HUB_PICK if hubby else 0.4):
            return rng.choice(urn)
        want = day - rng.expovariate(1.0 / RECENCY_DAYS)
        j = bisect.bisect_right(days, want) - 1
        return ids[max(j, 0)] if j >= 0 or rng.random() < 0.5 else None

    edges: list[tuple[int, int, str, int]] = []
    carry = 0.0
    for i in range(n):
        ui, kind, code, day, base, weight = meta[i]
        if docs[i][8] and i > 0:
            mixkey = {"party": "central", "assembly": "central", "government": "central", "pm": "central",
                      "ministry": "ministry", "tu": "province", "hdnd": "province", "ubnd": "province",
                      "so": "so", "commune": "commune"}[kind]
            names, weights = zip(*MIX[mixkey])
            want_f = base * scale * (0.4 + 1.2 * rng.random()) + carry
            k = int(want_f)
            carry = want_f - k
            targets: dict[int, None] = {}
            for _ in range(4 * k):
                if len(targets) >= k:
                    break
                if rng.random() < NOISE:
                    t = rng.randrange(i)
                else:
                    pname = rng.choices(names, weights)[0]
                    pool = pools.get(target_pool(i, pname))
                    t = pick(pool, day, pname in HUB_POOLS) if pool else None
                if t is not None and t != i:
                    targets[t] = None
            for t in targets:
                tui, tkind, tcode, *_ = meta[t]
                rel = _relation(rng, kind, code, tui == ui, tcode == code, tcode, tkind)
                edges.append((i, t, rel, 1 + int(rng.expovariate(2.0))))
                for name in pool_names(t):
                    pools[name][2].append(t)        # cited once more: more likely cited again
        for name in pool_names(i):
            ids, days, urn = pools.setdefault(name, ([], [], []))
            ids.append(i)
            days.append(day)
            urn.extend([i] * meta[i][5])
    if len(edges) > n_edges:                      # drop a random surplus, not the latest documents' edges
        drop = set(rng.sample(range(len(edges)), len(edges) - n_edges))
        edges = [e for j, e in enumerate(edges) if j not in drop]
    return docs, edges


# ---------------------------------------------------------------- loading

def load(db_path: Path, docs, edges) -> dict[str, float]:
    """Bulk-load into the store schema (documents, then edges with their indexes rebuilt after)."""
    db = open_db(db_path)
    conn = db.conn
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO documents (key, number, number_norm, number_ascii, year, type, date, issuer, issuer_level,"
            " ingested, search_ascii) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((k, n, nn, ascii_number(nn), y, t, d, i, lv, ing, nn.lower()) for k, n, nn, y, t, d, i, lv, ing in docs))
    t1 = time.perf_counter()
    keys = [d[0] for d in docs]
    index_sql = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges' AND sql IS NOT NULL")]
    with conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges'"
                                    " AND sql IS NOT NULL").fetchall():
            conn.execute(f"DROP INDEX {name}")
        conn.executemany("INSERT INTO edges (source_key, target_key, relation, mentions) VALUES (?,?,?,?)",
                         ((keys[s], keys[t], r, m) for s, t, r, m in edges))
        for sql in index_sql:
            conn.execute(sql)
        conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('bench_complete', '1')")
    t2 = time.perf_counter()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
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


def _cli(db_path: Path, *args: str) -> tuple[float, float, int]:
    """(wall seconds, child peak RSS MB, output rows) of one `vanban graph …` process."""
    code = ("import resource, runpy, sys; sys.argv = ['vanban'] + sys.argv[1:];"
            "\ntry:\n    runpy.run_module('pipeline.cli', run_name='__main__')\nexcept SystemExit:\n    pass"
            "\nsys.stderr.write('RSS=%d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, "graph", *args, "--db", str(db_path)], cwd=ROOT,
                       capture_output=True, text=True)
    wall = time.perf_counter() - t
    rss = int(p.stderr.rsplit("RSS=", 1)[-1]) / 1024 if "RSS=" in p.stderr else float("nan")
    try:
        rows = len(json.loads(p.stdout))
    except ValueError:
        rows = -1
    return wall, rss, rows


def _timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return (time.perf_counter() - t) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20260116)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--fresh", action="store_true", help="Rebuild the database even if one exists.")
    ap.add_argument("--ingest", type=int, default=2000, help="save_extraction() calls timed (0: skip).")
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench_graph.md")
    ap.add_argument("--workdir", type=Path, default=ROOT / "outputs" / "bench")
    a = ap.parse_args()
    from pipeline import graph
    from pipeline.graph_index import build_index, cache_path, load_index

    a.workdir.mkdir(parents=True, exist_ok=True)
    db_path = a.workdir / f"bench_graph-{a.docs}-{a.edges}-{a.seed}.db"
    reuse = db_path.exists() and not a.fresh
    if reuse:
        with open_db(db_path).conn as c:
            reuse = bool(c.execute("SELECT 1 FROM meta WHERE name = 'bench_complete'").fetchone())
    gen_s, loaded = None, None
    if not reuse:
        for p in a.workdir.glob(db_path.name + "*"):
            p.unlink()
        t0 = time.perf_counter()
        docs, edges = generate(a.docs, a.edges, a.seed)
        gen_s = time.perf_counter() - t0
        loaded = load(db_path, docs, edges)
        del docs, edges
        gc.collect()
    cache_path(db_path).unlink(missing_ok=True)

    db = open_db(db_path)
    n_docs, n_edge_rows = db.conn.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM edges)").fetchone()
    rss0 = _rss_mb()
    build_ms, idx = _timed(build_index, db)
    rss1 = _rss_mb()
    load_ms, idx = _timed(load_index, db)          # builds again and writes the cache file
    cache_mb = cache_path(db_path).stat().st_size / 2**20
    from pipeline import graph_index
    graph_index._MEMO.clear()
    read_ms, idx = _timed(load_index, db)          # from the file
    memo_ms, idx = _timed(load_index, db)          # from memory

    rng = random.Random(a.seed + 1)
    ingested = [k for (k,) in db.conn.execute("SELECT key FROM documents WHERE ingested = 1 ORDER BY key")]
    sample = rng.sample(ingested, min(a.queries, len(ingested)))
    results = {}
    for name, fn, kw in (("lineage", graph.lineage, {}), ("descendants", graph.descendants, {}),
                         ("descendants, limit 100", graph.descendants, {"limit": 100}),
                         ("descendants, max_depth 2", graph.descendants, {"max_depth": 2})):
        times, sizes, depths = [], [], []
        for k in sample:
            ms, rows = _timed(fn, db, k, **kw)
            times.append(ms)
            sizes.append(len(rows))
            depths.append(max((r["depth"] for r in rows), default=0))
        results[name] = (times, sizes, depths)
    indeg = idx.rev.degree()
    hub = idx.keys[int(indeg.argmax())]
    hub_ms, hub_rows = _timed(graph.descendants, db, hub)
    hub_lim_ms, _ = _timed(graph.descendants, db, hub, limit=100)
    cb_ms, cb = _timed(graph.cited_by, db, hub)
    path_ms, prow = _timed(graph.path, db, sample[0], hub)
    missing_ms, _ = _timed(graph.missing, db, limit=20)
    top_ms, _ = _timed(graph.top, db)
    db.conn.close()

    # CLI: first call builds and caches the index, the second reads the cache
    cache_path(db_path).unlink(missing_ok=True)
    q = sample[0]
    cli = [("lineage, first call (builds + writes cache)", _cli(db_path, "lineage", q, "--format", "json")),
           ("lineage, cached", _cli(db_path, "lineage", q, "--format", "json")),
           ("descendants of the hub, cached, json (all rows)", _cli(db_path, "descendants", hub, "--format", "json")),
           ("descendants of the hub, cached, --limit 100", _cli(db_path, "descendants", hub, "--limit", "100",
                                                                "--format", "json"))]
    ingest_rate = None
    if a.ingest:
        ingest_rate = time_ingest(a.workdir / "bench_ingest.db", a.ingest, a.seed)
        for p in a.workdir.glob("bench_ingest.db*"):
            p.unlink()

    mb = idx.nbytes() / 2**20
    lines = [
        "# Citation-graph benchmark",
        "",
        f"`bench/graph_bench.py --docs {a.docs} --edges {a.edges} --seed {a.seed}` "
        f"(Python {sys.version.split()[0]}, NumPy, SQLite {__import__('sqlite3').sqlite_version}; "
        f"shared 2-core machine, other jobs running). Generator: see the module docstring "
        f"(own province and levels above, Pólya-urn hubs, recency).",
        "",
        "| step | figure |",
        "|---|---|",
        f"| archive | {n_docs:,} documents, {n_edge_rows:,} edge rows, {idx.n_edges:,} citing pairs |",
    ]
    if loaded:
        lines += [
            f"| generate (Python) | {gen_s:.1f} s |",
            f"| load documents into SQLite (store schema, FTS triggers) | {loaded['documents_s']:.1f} s |",
            f"| load edges into SQLite (indexes rebuilt after; graph-version trigger per row) | {loaded['edges_s']:.1f} s |",
            f"| database size | {loaded['db_mb']:.0f} MB |",
        ]
    lines += [
        f"| build the index from SQLite (`build_index`: one SELECT of integer-coded edges + CSR both ways) | {build_ms / 1000:.2f} s |",
        f"| index memory (arrays + keys) / process max RSS before → after the build | {mb:.0f} MB / {rss0:.0f} → {rss1:.0f} MB |",
        f"| `load_index`: build + write cache ({cache_mb:.0f} MB npz) / read cache file / in-process memo | "
        f"{load_ms / 1000:.2f} s / {read_ms:.0f} ms / {memo_ms:.2f} ms |",
    ]
    for name, (times, sizes, depths) in results.items():
        lines.append(f"| `{name}`, {len(sample)} random ingested documents: p50 / p95 / max "
                     f"| {pct(times, 50):.1f} / {pct(times, 95):.1f} / {max(times):.1f} ms "
                     f"(results: median {statistics.median(sizes):,.0f}, p95 {pct(sizes, 95):,.0f}, max {max(sizes):,}; "
                     f"depth median {statistics.median(depths):.0f}, max {max(depths)}) |")
    lines += [
        f"| `descendants` of the most-cited document ({hub}, {int(indeg.max()):,} citing documents) "
        f"| {hub_ms:.0f} ms ({len(hub_rows):,} results); with limit 100: {hub_lim_ms:.1f} ms |",
        f"| `cited_by` of that document | {cb_ms:.0f} ms ({len(cb):,} results) |",
        f"| `path` from a sampled document to it | {path_ms:.1f} ms ({len(prow)} documents) |",
        f"| `missing` (top 20, SQL) | {missing_ms:.0f} ms |",
        f"| `top` (in-degree + PageRank over the index, NumPy) | {top_ms:.0f} ms |",
    ]
    for name, (wall, rss, rows) in cli:
        lines.append(f"| CLI `vanban graph {name}` | {wall:.2f} s wall, peak RSS {rss:.0f} MB ({rows:,} rows) |")
    if ingest_rate:
        lines.append(f"| `save_extraction` throughput (10 citations each, one transaction per file) | {ingest_rate:.0f} documents/s |")
    lines += ["", "Target: lineage/descendants < 200 ms for every query (the max column). Latency of big answers "
              "is mostly making their Python rows (one dict and one path list per result: fields gathered "
              "from object arrays, paths a level at a time in NumPy); `limit`/`max_depth` bound it."]
    text = "\n".join(lines) + "\n"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
