"""Citation-graph queries, exports and the `vanban graph` commands.

Two databases: one built from the gold extractions (tests the graph code on its own), and one
built by the real pipeline (read() + extract() + save_extraction() over the five .docx files),
which checks the whole chain.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT
from gold_extraction import build_gold_db, synthetic
from pipeline import graph
from pipeline.graph import AmbiguousRef, RefNotFound
from pipeline.graph_export import export_graph, render_html, show
from pipeline.store import open_db, save_extraction


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "v.db"
    db, keys = build_gold_db(path)
    yield db, keys, path
    db.conn.close()


def keys_of(rows) -> list[str]:
    return [r["key"] for r in rows]


def test_cited_by_57_lists_the_three_citing_documents(gold):
    db, keys, _ = gold
    rows = graph.cited_by(db, "57-NQ/TW")
    assert sorted(keys_of(rows)) == sorted([keys["seed000"], keys["seed003"], keys["seed004"]])
    by = {r["key"]: r for r in rows}
    assert by[keys["seed004"]]["relation"] == "thuc_hien"
    assert all(r["ingested"] is True and r["depth"] == 1 for r in rows)
    assert set(rows[0]) >= {"key", "number", "type", "date", "issuer", "ingested", "relation"}
    # with --reported, 71/NQ-CP (reported by 50/KH-UBND to implement 57) joins them
    assert "71/NQ-CP@2025" in keys_of(graph.cited_by(db, "57-NQ/TW", reported=True))


@pytest.mark.parametrize("ref, seed", [("04-TB/BCĐTW", "seed003"), ("04-TB/BCĐ", "seed000"),
                                       ("04-TB/BCĐ 2026", "seed000")])
def test_cited_by_the_two_04_notices(gold, ref, seed):
    db, keys, _ = gold
    assert keys_of(graph.cited_by(db, ref)) == [keys[seed]]


def test_lineage_of_50_reaches_57_and_reported_edges(gold):
    db, _, _ = gold
    rows = graph.lineage(db, "50/KH-UBND")
    by = {r["key"]: r for r in rows}
    assert by["57-NQ/TW@2024"]["depth"] == 1 and by["57-NQ/TW@2024"]["relation"] == "thuc_hien"
    assert by["57-NQ/TW@2024"]["path"] == ["50/KH-UBND@2026", "57-NQ/TW@2024"]
    assert {"11/NQ-CP@2026", "71/NQ-CP@2025", "283/KH-UBND@2025"} <= set(by)
    G = graph.load_graph(db)
    assert G["11/NQ-CP@2026"]["71/NQ-CP@2025"]["relations"] == ["sua_doi"]
    assert G["11/NQ-CP@2026"]["71/NQ-CP@2025"]["reported_by"] == ["50/KH-UBND@2026"]
    assert G["71/NQ-CP@2025"]["57-NQ/TW@2024"]["relations"] == ["thuc_hien"]


def test_lineage_follows_chains(gold):
    db, _, _ = gold
    rows = graph.lineage(db, "11/NQ-CP")
    assert [(r["key"], r["depth"], r["relation"]) for r in rows] == \
        [("71/NQ-CP@2025", 1, "sua_doi"), ("57-NQ/TW@2024", 2, "thuc_hien")]
    assert rows[1]["path"] == ["11/NQ-CP@2026", "71/NQ-CP@2025", "57-NQ/TW@2024"]
    assert graph.lineage(db, "11/NQ-CP", max_depth=1)[0]["key"] == "71/NQ-CP@2025"
    assert len(graph.lineage(db, "11/NQ-CP", max_depth=1)) == 1


def test_descendants_of_57(gold):
    db, keys, _ = gold
    by = {r["key"]: r for r in graph.descendants(db, "57-NQ/TW")}
    assert by[keys["seed004"]]["depth"] == 1
    assert by["71/NQ-CP@2025"]["depth"] == 1
    assert by["11/NQ-CP@2026"]["depth"] == 2          # amends 71, which implements 57
    assert by["11/NQ-CP@2026"]["path"] == ["57-NQ/TW@2024", "71/NQ-CP@2025", "11/NQ-CP@2026"]


@pytest.mark.parametrize("fn, forward", [(graph.lineage, True), (graph.descendants, False)])
def test_walk_rows_agree_with_networkx(gold, fn, forward):
    """Every row of every document's lineage/descendants: depth = shortest distance, path a real
    chain from the document to the row's key, relation the strongest of the last edge's."""
    db, _, _ = gold
    G = graph.load_graph(db)
    H = G if forward else G.reverse(copy=False)
    for start in sorted(G):
        rows = fn(db, start, graph=G)
        dist = nx.single_source_shortest_path_length(H, start)
        assert {r["key"] for r in rows} == set(dist) - {start}
        assert [r["depth"] for r in rows] == sorted(r["depth"] for r in rows)      # nearest first
        for r in rows:
            p = r["path"]
            assert r["depth"] == dist[r["key"]] == len(p) - 1 and p[0] == start and p[-1] == r["key"]
            assert all(H.has_edge(a, b) for a, b in zip(p, p[1:]))
            s, t = (p[-2], p[-1]) if forward else (p[-1], p[-2])
            assert r["relation"] == G[s][t]["relations"][0]
            assert r.get("relations", G[s][t]["relations"][:1]) == G[s][t]["relations"]
            assert list(r)[:7] == ["key", "number", "type", "date", "issuer", "ingested", "relation"]
            assert list(r)[-2:] == ["depth", "path"]
        limited = fn(db, start, graph=G, limit=2)
        assert limited == rows[:2]


def test_cites(gold):
    db, _, _ = gold
    rows = graph.cites(db, "Kế hoạch 50/KH-UBND")
    assert len(rows) == 15
    assert rows[0]["relation"] in ("can_cu", "thuc_hien")
    assert graph.cites(db, "11/NQ-CP") == []             # its own text is not in the archive
    assert keys_of(graph.cites(db, "11/NQ-CP", reported=True)) == ["71/NQ-CP@2025"]


def test_path(gold):
    db, keys, _ = gold
    rows = graph.path(db, "11/NQ-CP", "57-NQ/TW")
    assert keys_of(rows) == ["11/NQ-CP@2026", "71/NQ-CP@2025", "57-NQ/TW@2024"]
    assert rows[1]["relation"] == "sua_doi" and rows[1]["direction"] == "cites"
    back = graph.path(db, "57-NQ/TW", "11/NQ-CP")          # reverse direction is found too
    assert keys_of(back) == ["57-NQ/TW@2024", "71/NQ-CP@2025", "11/NQ-CP@2026"]
    assert back[1]["direction"] == "cited_by"
    assert graph.path(db, "52-NQ/TW", "669/SKH&CN-CĐS") == []


def test_missing_ranks_by_mentions(gold):
    db, _, _ = gold
    rows = graph.missing(db)
    ks = keys_of(rows)
    assert ks[0] == "57-NQ/TW@2024" and rows[0]["mentions"] == 3
    assert "11/NQ-CP@2026" in ks
    assert all(r["ingested"] is False for r in rows)
    assert not set(ks) & {r[0] for r in db.conn.execute("SELECT key FROM documents WHERE ingested = 1")}


def test_top(gold):
    db, _, _ = gold
    docs = graph.top(db)
    assert docs[0]["key"] == "57-NQ/TW@2024" and docs[0]["pagerank"] > 0
    issuers = graph.top(db, by="issuers")
    assert issuers[0]["issuer"] == "Bộ Chính trị" and issuers[0]["level"] == "central"


def test_refs_that_do_not_name_one_document(gold):
    db, _, _ = gold
    with pytest.raises(AmbiguousRef) as e:
        graph.cited_by(db, "04-TB")
    assert e.value.candidates == ["04-TB/BCĐ@2026", "04-TB/BCĐTW@2025"] or \
        sorted(e.value.candidates) == ["04-TB/BCĐ@2026", "04-TB/BCĐTW@2025"]
    with pytest.raises(RefNotFound):
        graph.lineage(db, "999/KH-UBND")


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_files(gold, tmp_path, fmt, reader):
    db, keys, _ = gold
    out = tmp_path / f"g.{fmt}"
    counts = export_graph(db, fmt, out)
    G = reader(out)
    assert G.number_of_nodes() == counts["nodes"] == db.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert G.number_of_edges() == counts["edges"] == db.conn.execute("SELECT count(*) FROM edges").fetchone()[0]
    n = G.nodes["57-NQ/TW@2024"]
    assert n["type"] == "Nghị quyết" and n["date"] == "2024-12-22" and n["issuer"] == "Bộ Chính trị"
    assert n["ingested"] in (False, "false")
    rels = {d["relation"] for _, _, d in G.edges(data=True)}
    assert {"thuc_hien", "can_cu", "sua_doi"} <= rels


def test_export_graph_json(gold, tmp_path):
    db, _, _ = gold
    out = tmp_path / "g.json"
    export_graph(db, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["directed"] is True
    e = [x for x in data["edges"] if x["source"] == "11/NQ-CP@2026"]
    assert e == [{"source": "11/NQ-CP@2026", "target": "71/NQ-CP@2025", "relation": "sua_doi", "mentions": 1,
                  "reported_by": "50/KH-UBND@2026", "reported": True}]
    node = next(x for x in data["nodes"] if x["id"] == "50/KH-UBND@2026")
    assert node["ingested"] is True and node["type"] == "Kế hoạch"


def test_show_html_is_self_contained_and_escaped(tmp_path):
    db = open_db(tmp_path / "v.db")
    evil = '<script>alert("x")</script> & <b>'
    with db.conn:
        save_extraction(db, synthetic("e" * 64, "1/KH-UBND", "2026-01-01",
                                      [{"number": "57-NQ/TW", "date": "2024-12-22", "issuer": evil}],
                                      subject=evil, issuer=evil), "e.txt")
    out = tmp_path / "s.html"
    counts = show(db, "1/KH-UBND", out)
    text = out.read_text(encoding="utf-8")
    assert counts == {"nodes": 2, "edges": 1}
    assert evil not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in text
    assert text.count("<script>") == 1                   # only our own inline script
    for needle in ("src=", "href=\"http", "@import", "url(http"):
        assert needle not in text
    assert "<svg" in text and "1/KH-UBND" in text


def test_render_html_colours_by_level_and_relation(gold):
    db, _, _ = gold
    G = graph.load_graph(db)
    H = graph.neighbourhood(G, "50/KH-UBND@2026", radius=1)
    text = render_html(H, "50/KH-UBND@2026")
    assert "#c0392b" in text and "#2471a3" in text     # central and province nodes
    assert 'marker-end="url(#arr-thuc_hien)"' in text


# ---------------------------------------------------------------- CLI

def run_cli(*args: str):
    from pipeline.cli import app
    return CliRunner().invoke(app, list(args))


def test_cli_cited_by_json(gold):
    _, keys, path = gold
    r = run_cli("graph", "cited-by", "57-NQ/TW", "--format", "json", "--db", str(path))
    assert r.exit_code == 0, r.output
    assert sorted(x["key"] for x in json.loads(r.output)) == sorted([keys["seed000"], keys["seed003"], keys["seed004"]])


@pytest.mark.parametrize("cmd", [["lineage", "50/KH-UBND"], ["descendants", "57-NQ/TW"], ["cites", "50/KH-UBND"],
                                 ["path", "11/NQ-CP", "57-NQ/TW"], ["missing"], ["top"], ["top", "--by", "issuers"]])
def test_cli_queries_print_json_arrays(gold, cmd):
    _, _, path = gold
    r = run_cli("graph", *cmd, "--format", "json", "--db", str(path))
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert isinstance(rows, list) and rows


def test_cli_table_output(gold):
    _, _, path = gold
    r = run_cli("graph", "missing", "--db", str(path))
    assert r.exit_code == 0
    assert r.output.splitlines()[0].split("\t")[:2] == ["key", "number"]
    assert "11/NQ-CP@2026" in r.output


def test_cli_show_and_export(gold, tmp_path):
    _, _, path = gold
    r = run_cli("graph", "show", "57-NQ/TW", "-o", str(tmp_path / "n.html"), "--db", str(path))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "n.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run_cli("export", "graph", "--format", "graphml", "-o", str(tmp_path / "g.graphml"), "--db", str(path))
    assert r.exit_code == 0, r.output
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 20


def test_cli_exit_status_for_bad_refs(gold, tmp_path):
    """Through the console entry point: ambiguous -> 2 with the candidates, unknown -> 1, one line."""
    _, _, path = gold
    cmd = [sys.executable, "-m", "pipeline.cli", "graph", "cited-by"]
    amb = subprocess.run(cmd + ["04-TB", "--db", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert amb.returncode == 2
    assert "04-TB/BCĐ@2026" in amb.stderr and "04-TB/BCĐTW@2025" in amb.stderr and "Traceback" not in amb.stderr
    nf = subprocess.run(cmd + ["999/KH-UBND", "--db", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert nf.returncode == 1 and len(nf.stderr.strip().splitlines()) == 1
    nodb = subprocess.run(cmd + ["57-NQ/TW", "--db", str(tmp_path / "none.db")], capture_output=True, text=True, cwd=ROOT)
    assert nodb.returncode == 1 and not (tmp_path / "none.db").exists()


# ---------------------------------------------------------------- the real pipeline

@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The five .docx files through read() + extract() + save_extraction()."""
    from extractors import extract
    from pipeline.readers import read
    db = open_db(tmp_path_factory.mktemp("real") / "v.db")
    keys = {}
    for i in range(5):
        f = CORPUS / f"seed00{i}.docx"
        with db.conn:
            keys[f.stem] = save_extraction(db, extract(read(f)), str(f))
    yield db, keys
    db.conn.close()


def test_real_cited_by_57(real):
    db, keys = real
    assert sorted(keys_of(graph.cited_by(db, "57-NQ/TW"))) == sorted([keys["seed000"], keys["seed003"], keys["seed004"]])


def test_real_lineage_of_50_and_reported_edges(real):
    db, keys = real
    assert keys["seed004"] == "50/KH-UBND@2026"
    assert "57-NQ/TW@2024" in keys_of(graph.lineage(db, "50/KH-UBND"))
    G = graph.load_graph(db)
    assert "sua_doi" in G["11/NQ-CP@2026"]["71/NQ-CP@2025"]["relations"]
    assert "thuc_hien" in G["71/NQ-CP@2025"]["57-NQ/TW@2024"]["relations"]


@pytest.mark.parametrize("ref, seed", [("04-TB/BCĐTW", "seed003"), ("04-TB/BCĐ", "seed000")])
def test_real_cited_by_04(real, ref, seed):
    db, keys = real
    assert keys_of(graph.cited_by(db, ref)) == [keys[seed]]


def test_real_missing_lists_11(real):
    db, _ = real
    assert "11/NQ-CP@2026" in keys_of(graph.missing(db))


# ---------------------------------------------------------------- the index and its cache

def test_limit_and_max_depth_keep_the_nearest(gold):
    db, _, _ = gold
    full = graph.lineage(db, "50/KH-UBND")
    assert [r["depth"] for r in full] == sorted(r["depth"] for r in full)       # nearest first
    two = graph.lineage(db, "50/KH-UBND", limit=2)
    assert two == full[:2]
    assert all(r["depth"] == 1 for r in graph.lineage(db, "50/KH-UBND", max_depth=1))
    assert len(graph.cited_by(db, "57-NQ/TW", limit=1)) == 1
    assert graph.descendants(db, "57-NQ/TW", relations=["sua_doi"]) == []


def test_queries_accept_an_index_or_a_networkx_graph(gold):
    db, _, _ = gold
    idx = graph.load_index(db)
    G = graph.load_graph(db)
    for fn, ref in ((graph.lineage, "50/KH-UBND"), (graph.descendants, "57-NQ/TW"), (graph.cited_by, "57-NQ/TW")):
        assert fn(db, ref) == fn(db, ref, graph=idx) == fn(db, ref, graph=G)
    assert idx.n == G.number_of_nodes() and idx.n_edges == G.number_of_edges()


def test_index_cache_file_is_reused_and_invalidated_by_an_ingest(tmp_path):
    from pipeline import graph_index
    p = tmp_path / "v.db"
    db = open_db(p)
    with db.conn:
        save_extraction(db, synthetic("a" * 64, "1/KH-UBND", "2026-01-01", [{"number": "57-NQ/TW", "date": "2024-12-22"}]), "a.txt")
    assert [r["key"] for r in graph.lineage(db, "1/KH-UBND")] == ["57-NQ/TW@2024"]
    cache = graph_index.cache_path(p)
    assert cache.exists()
    graph_index._MEMO.clear()
    again = graph_index.load_index(db)                     # read back from the file
    assert again.keys == ["1/KH-UBND@2026", "57-NQ/TW@2024"] and again.n_edges == 1
    with db.conn:                                          # an ingest: new edge, placeholder filled in
        save_extraction(db, synthetic("b" * 64, "2/KH-UBND", "2026-02-01", [{"number": "1/KH-UBND", "date": "2026-01-01"}]), "b.txt")
    rows = graph.lineage(db, "2/KH-UBND")
    assert [(r["key"], r["depth"]) for r in rows] == [("1/KH-UBND@2026", 1), ("57-NQ/TW@2024", 2)]
    assert rows[0]["ingested"] is True
    db.conn.close()


def test_cli_limit_and_max_depth(gold):
    _, _, path = gold
    r = run_cli("graph", "lineage", "50/KH-UBND", "--limit", "3", "--format", "json", "--db", str(path))
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.output)) == 3
    r = run_cli("graph", "descendants", "57-NQ/TW", "--max-depth", "1", "--format", "json", "--db", str(path))
    assert r.exit_code == 0 and {x["depth"] for x in json.loads(r.output)} == {1}
