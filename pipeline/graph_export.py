"""The citation graph out of the database: GraphML / GEXF / JSON for other tools (networkx
writers), and a self-contained HTML picture of one document's neighbourhood.

Exports are multigraphs: one edge per (source, target, relation, reported_by) row of `edges`,
so a document that both bases itself on and implements another keeps both relations.
The HTML page is one file with inline SVG, CSS and a few lines of JS: no network needed,
every document string HTML-escaped.
"""
from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

NODE_ATTRS = ("number", "type", "date", "date_partial", "issuer", "issuer_level", "subject")

LEVEL_COLOURS = {"central": "#c0392b", "province": "#2471a3", "commune": "#229954", "unknown": "#7f8c8d"}
RELATION_COLOURS = {"can_cu": "#1f3a93", "thuc_hien": "#d35400", "tra_loi": "#8e44ad", "sua_doi": "#c0392b",
                    "thay_the": "#922b21", "bai_bo": "#000000", "huong_dan": "#117a65", "kem_theo": "#7d6608",
                    "theo": "#5d6d7e", "other": "#aab7b8"}
RELATION_LABELS = {"can_cu": "căn cứ", "thuc_hien": "thực hiện", "tra_loi": "trả lời", "sua_doi": "sửa đổi",
                   "thay_the": "thay thế", "bai_bo": "bãi bỏ", "huong_dan": "hướng dẫn", "kem_theo": "kèm theo",
                   "theo": "theo", "other": "khác"}
LEVEL_LABELS = {"central": "Trung ương", "province": "Tỉnh", "commune": "Xã / huyện", "unknown": "Không rõ"}


def export_multigraph(db) -> nx.MultiDiGraph:
    """All documents and edges, attributes as plain strings/ints/bools (no None) for writers."""
    G = nx.MultiDiGraph()
    cols = ("key",) + NODE_ATTRS + ("ingested",)
    for row in db.conn.execute(f"SELECT {', '.join(cols)} FROM documents ORDER BY key"):
        d = dict(zip(cols, row))
        key = d.pop("key")
        G.add_node(key, label=d["number"] or key, **{k: ("" if v is None else v) for k, v in d.items()
                                                     if k != "ingested"}, ingested=bool(d["ingested"]))
    for s, t, rel, m, by in db.conn.execute(
            "SELECT source_key, target_key, relation, mentions, reported_by FROM edges ORDER BY id"):
        G.add_edge(s, t, key=f"{rel}|{by or ''}", relation=rel, mentions=int(m or 0), reported_by=by or "",
                   reported=bool(by))
    return G


def to_json_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link JSON: {directed, multigraph, nodes: [{id, …}], edges: [{source, target, …}]}."""
    return {"directed": True, "multigraph": True,
            "nodes": [{"id": n, **a} for n, a in G.nodes(data=True)],
            "edges": [{"source": s, "target": t, **{k: v for k, v in a.items()}} for s, t, a in G.edges(data=True)]}


def export_graph(db, fmt: str, out: str | Path) -> dict[str, int]:
    """Write the whole graph as graphml, gexf or json; returns node and edge counts."""
    G = export_multigraph(db)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(G, out)
    elif fmt == "gexf":
        nx.write_gexf(G, out)
    elif fmt == "json":
        out.write_text(json.dumps(to_json_data(G), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        from pipeline.errors import UsageError
        raise UsageError(f"unknown graph format '{fmt}' (graphml, gexf, json)",
                         f"định dạng đồ thị không hỗ trợ '{fmt}' (graphml, gexf, json)")
    return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


# ---------------------------------------------------------------- HTML picture

def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _layout(H: nx.DiGraph, focus: str, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Spring layout (deterministic seed), focus pinned at the centre, scaled to the canvas."""
    if H.number_of_nodes() == 1:
        return {focus: (width / 2, height / 2)}
    pos = nx.spring_layout(H.to_undirected(as_view=True), seed=7, pos={focus: (0.0, 0.0)}, fixed=[focus],
                           k=1.6 / math.sqrt(H.number_of_nodes()), iterations=200)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = max(max(xs) - min(xs), 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    m = 70
    return {n: (m + (p[0] - min(xs)) / span_x * (width - 2 * m), m + (p[1] - min(ys)) / span_y * (height - 2 * m))
            for n, p in pos.items()}


def _node_svg(n: str, a: dict, xy: tuple[float, float], focus: str) -> str:
    colour = LEVEL_COLOURS.get(a.get("issuer_level") or "unknown", LEVEL_COLOURS["unknown"])
    r = 13 if n == focus else 9
    ingested = bool(a.get("ingested"))
    fill = colour if ingested else "#ffffff"
    dash = "" if ingested else ' stroke-dasharray="3 2"'
    stroke = "#000" if n == focus else colour
    sw = 3 if n == focus else 2
    tip = "\n".join(x for x in (
        n, a.get("type"), a.get("number"), a.get("date") or a.get("date_partial"), a.get("issuer"), a.get("subject"),
        "đã lưu trữ / ingested" if ingested else "chưa có trong kho / not ingested") if x)
    label = a.get("number") or (a.get("type") or n)[:24]
    x, y = xy
    return (f'<g class="node" data-key="{_e(n)}"><title>{_e(tip)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{dash}/>'
            f'<text x="{x:.1f}" y="{y - r - 4:.1f}" text-anchor="middle">{_e(label)}</text></g>')


def _edge_svg(s: str, t: str, a: dict, pos: dict) -> str:
    (x1, y1), (x2, y2) = pos[s], pos[t]
    d = math.hypot(x2 - x1, y2 - y1) or 1.0
    r = 11
    x2a, y2a = x2 - (x2 - x1) * r / d, y2 - (y2 - y1) * r / d
    rel = a["relations"][0]
    colour = RELATION_COLOURS.get(rel, RELATION_COLOURS["other"])
    dash = ' stroke-dasharray="6 3"' if not a.get("direct", True) else ""
    tip = f"{s} → {t}: {', '.join(RELATION_LABELS.get(x, x) for x in a['relations'])}"
    if a.get("reported_by"):
        tip += f" (theo {', '.join(a['reported_by'])})"
    return (f'<g class="edge" data-s="{_e(s)}" data-t="{_e(t)}"><title>{_e(tip)}</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2a:.1f}" y2="{y2a:.1f}" stroke="{colour}" stroke-width="2"'
            f' marker-end="url(#arr-{_e(rel)})"{dash}/></g>')


def _legend(head: str) -> str:
    lv = "".join(f'<li><span class="dot" style="background:{c}"></span>{_e(LEVEL_LABELS[k])} ({k})</li>'
                 for k, c in LEVEL_COLOURS.items())
    rl = "".join(f'<li><span class="bar" style="background:{c}"></span>{_e(RELATION_LABELS[k])} ({k})</li>'
                 for k, c in RELATION_COLOURS.items())
    return (f'<div class="legend">{head}<b>Cơ quan ban hành / issuer level</b><ul>{lv}</ul>'
            f'<p>Vòng rỗng, viền đứt: chưa có trong kho (cited, not ingested)</p>'
            f'<b>Quan hệ / relation</b><ul>{rl}</ul><p>Nét đứt: quan hệ do văn bản khác nêu (reported)</p></div>')


_CSS = """body{font-family:system-ui,Arial,sans-serif;margin:0;display:flex}
svg{flex:1;height:100vh;background:#fbfcfc}text{font-size:11px;fill:#1b2631;pointer-events:none;paint-order:stroke;stroke:#fbfcfc;stroke-width:3px}
.legend{width:260px;padding:12px;font-size:13px;border-left:1px solid #ddd;overflow:auto;height:100vh;box-sizing:border-box}
.legend ul{list-style:none;padding:0;margin:4px 0 10px}.dot,.bar{display:inline-block;margin-right:6px;vertical-align:middle}
.dot{width:12px;height:12px;border-radius:50%}.bar{width:22px;height:4px}
.dim{opacity:.15}.node{cursor:pointer}"""

_JS = """(function(){var svg=document.querySelector('svg');
function nodes(){return svg.querySelectorAll('.node');}function edges(){return svg.querySelectorAll('.edge');}
svg.addEventListener('mouseover',function(ev){var g=ev.target.closest('.node');if(!g)return;var k=g.dataset.key,keep={};keep[k]=1;
edges().forEach(function(e){var on=e.dataset.s===k||e.dataset.t===k;if(on){keep[e.dataset.s]=1;keep[e.dataset.t]=1;}
e.classList.toggle('dim',!on);});nodes().forEach(function(n){n.classList.toggle('dim',!keep[n.dataset.key]);});});
svg.addEventListener('mouseout',function(){svg.querySelectorAll('.dim').forEach(function(x){x.classList.remove('dim');});});
})();"""


def render_html(H: nx.DiGraph, focus: str, title: str | None = None) -> str:
    """One self-contained HTML page drawing `H` (a `graph.load_graph` subgraph) around `focus`."""
    width, height = 1200.0, 860.0
    pos = _layout(H, focus, width, height)
    markers = "".join(
        f'<marker id="arr-{_e(k)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
        f' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
        for k, c in RELATION_COLOURS.items())
    edges = "".join(_edge_svg(s, t, a, pos) for s, t, a in H.edges(data=True))
    nodes = "".join(_node_svg(n, a, pos[n], focus) for n, a in H.nodes(data=True))
    a = H.nodes[focus]
    heading = title or f"{a.get('type') or ''} {a.get('number') or focus}".strip()
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(heading)} — vanban</title><style>{_CSS}</style></head><body>"
            f'<svg viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg" role="img"'
            f' aria-label="{_e(heading)}"><defs>{markers}</defs>{edges}{nodes}</svg>'
            + _legend(f"<h3>{_e(heading)}</h3><p>{_e(a.get('issuer'))}<br>{_e(a.get('date'))}</p>"
                      f"<p>{H.number_of_nodes()} văn bản, {H.number_of_edges()} quan hệ</p>")
            + f"<script>{_JS}</script></body></html>")


def show(db, ref: str, out: str | Path, radius: int = 2, max_nodes: int = 250) -> dict[str, int]:
    """Write the HTML picture of `ref`'s neighbourhood to `out`; returns node and edge counts."""
    from pipeline.graph import neighbourhood_graph, resolve_one
    key = resolve_one(db, ref)
    H = neighbourhood_graph(db, key, radius=radius, max_nodes=max_nodes)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(H, key), encoding="utf-8")
    return {"nodes": H.number_of_nodes(), "edges": H.number_of_edges()}
