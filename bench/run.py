"""vanban benchmark: speed and memory figures, written to outputs/bench.md (`make bench`).

    python bench/run.py [--n 300] [--sample 40] [--ingest-n N] [--workers W] [--graph-docs 100000]
                        [--only formats,compare,ingest,graph,startup,profile]

1. machine description (CPU, cores, RAM, Python, load average: the machine may be shared);
2. a synthetic corpus from bench/generate.py (cached under outputs/bench/);
3. per format, on the same files in the same run: the raw reader alone (python-docx
   paragraphs + tables; pypdfium2 text; pdfplumber tables; plain decode for .txt) against the
   whole pipeline (read -> extract -> store), with docs/s, pages/s, the ratio, and
   extraction-only ms per document (the PDF reader takes its table grids from pdf_fast);
4. seed004.pdf (28 pages, 16 with tables): pypdfium2 text vs pdfplumber tables vs pdf_fast;
5. the ingest of `--ingest-n` documents with `pipeline.ingest.ingest_paths(workers=, batch=)` on
   all cores, in a child process whose process-tree memory is sampled (and, `compare`, one
   transaction per file against batches of 64 on the --n corpus);
6. the citation-graph benchmark (bench/graph_bench.py, another helper's) when it exists;
7. `vanban --help` start-up time; 8. a cProfile of the pipeline (top costs).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PY = sys.executable
CHARS_PER_PAGE = 2500  # an A4 page of 13-14 pt Vietnamese prose, for .docx/.txt page estimates


# ---------------------------------------------------------------- machine

def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        info = dict(l.split(":", 1) for l in Path("/proc/cpuinfo").read_text().splitlines() if ":" in l)
        info = {k.strip(): v.strip() for k, v in info.items()}
        cpu = f"{info.get('model name', cpu)} (family {info.get('cpu family', '?')}, model {info.get('model', '?')})"
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        ram = f"{kb / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        pass
    import docx  # noqa: F401
    import pdfplumber
    import pypdfium2
    from importlib.metadata import version
    return {"CPU": cpu, "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
            "RAM": ram, "Python": platform.python_version(), "OS": platform.platform(),
            "libraries": f"python-docx {version('python-docx')}, pypdfium2 {version('pypdfium2')}, "
                         f"pdfplumber {pdfplumber.__version__}, SQLite {__import__('sqlite3').sqlite_version}"}


# ---------------------------------------------------------------- corpus

def corpus(n: int, seed: int, templates: int) -> list[Path]:
    from generate import VERSION, generate
    folder = ROOT / "outputs" / "bench" / f"corpus-v{VERSION}-n{n}-s{seed}-t{templates}"
    man = folder / ".manifest.json"
    if man.exists():
        m = json.loads(man.read_text(encoding="utf-8"))
        paths = [folder / f for f in m["files"]]
        if all(p.exists() for p in paths):
            return paths
    return generate(folder, n, seed, templates, workers=min(2, os.cpu_count() or 1))


def by_format(paths: list[Path], k: int) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for p in paths:
        out.setdefault(p.suffix.lstrip("."), []).append(p)
    return {f: v[:k] for f, v in sorted(out.items())}


# ---------------------------------------------------------------- raw readers

def raw_docx(p: Path) -> int:
    import docx
    d = docx.Document(str(p))
    n = sum(len(par.text) for par in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                n += len(c.text)
    return n


def _pdf_pages(p: Path, per_page) -> tuple[int, int]:
    """(sum of per_page(page) over the pages, page count), each page closed after use."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(p))
    n = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                n += per_page(page)
            finally:
                page.close()
        return n, len(pdf)
    finally:
        pdf.close()


def _text_length(page) -> int:
    tp = page.get_textpage()
    try:
        return len(tp.get_text_range())
    finally:
        tp.close()


def raw_pdf_text(p: Path) -> tuple[int, int]:
    return _pdf_pages(p, _text_length)


def pdf_char_layer(p: Path) -> int:
    """The reader's fixed part, no layout: pages and text pages loaded, page objects scanned,
    every character's code, box and size through the reader's bulk path (`page_chars`)."""
    from pipeline.readers.pdf import page_chars
    from pipeline.readers.pdf_fast import page_objects
    return _pdf_pages(p, lambda page: len(page_chars(page, page_objects(page.raw))))[0]


def pdf_text_rects(p: Path) -> int:
    """The cheapest geometry pdfium gives: its text rectangles (one per run of a text object,
    `FPDFText_CountRects`/`GetRect`), without their text."""
    import ctypes

    import pypdfium2.raw as pdfium_c
    box = [ctypes.c_double() for _ in range(4)]

    def rects(page) -> int:
        tp = page.get_textpage()
        try:
            k = pdfium_c.FPDFText_CountRects(tp.raw, 0, -1)
            for j in range(k):
                pdfium_c.FPDFText_GetRect(tp.raw, j, *box)
            return k
        finally:
            tp.close()
    return _pdf_pages(p, rects)[0]


def raw_pdf_tables(p: Path) -> int:
    import pdfplumber
    with pdfplumber.open(str(p)) as pdf:
        n = 0
        for page in pdf.pages:
            n += len(page.extract_tables())
            page.flush_cache()
        return n


def fast_pdf_tables(p: Path) -> tuple[int, int]:
    import pypdfium2 as pdfium
    from pipeline.readers.pdf_fast import find_tables
    pdf = pdfium.PdfDocument(str(p))
    n = fallbacks = 0
    try:
        for i in range(len(pdf)):
            t = find_tables(pdf[i])
            if t is None:
                fallbacks += 1
            else:
                n += len(t)
        return n, fallbacks
    finally:
        pdf.close()


def raw_txt(p: Path) -> int:
    return len(p.read_bytes().decode("utf-8").splitlines())


# ---------------------------------------------------------------- pipeline

class Timer:
    def __init__(self) -> None:
        self.t: dict[str, float] = {}

    def add(self, k: str, dt: float) -> None:
        self.t[k] = self.t.get(k, 0.0) + dt


def pipeline_one(p: Path, db, tm: Timer) -> tuple[int, int]:
    """read -> extract -> store for one file, timing each stage; (pages, chars)."""
    from extractors import extract
    from pipeline import store
    from pipeline.readers import read
    t0 = time.perf_counter()
    doc = read(p)
    t1 = time.perf_counter()
    ex = extract(doc)
    t2 = time.perf_counter()
    with db.conn:
        store.save_extraction(db, ex, str(p))
    t3 = time.perf_counter()
    tm.add("read", t1 - t0)
    tm.add("extract", t2 - t1)
    tm.add("store", t3 - t2)
    return doc.pages or max(1, round(len(doc.text) / CHARS_PER_PAGE)), len(doc.text)


def _warm_up(fmt: str, workdir: Path) -> None:
    """Both sides of the comparison once, untimed, on the corpus seeds of this format: imports,
    vocabularies and compiled regexes are then in place, as in a running ingest."""
    from pipeline.store import open_db
    raw = {"docx": raw_docx, "pdf": raw_pdf_text, "txt": raw_txt}[fmt]
    db = open_db(workdir / "warm-up.db")
    for q in sorted((ROOT / "corpus").glob(f"seed00[0-3].{fmt}")):
        raw(q)
        pipeline_one(q, db, Timer())
    db.conn.close()
    for q in workdir.glob("warm-up.db*"):
        q.unlink()


def formats_section(files: dict[str, list[Path]], workdir: Path) -> tuple[list[str], dict]:
    """Raw reader vs whole pipeline per format, same files, same run."""
    from pipeline.store import open_db
    rows, facts = [], {}
    for fmt, paths in files.items():
        if not paths:
            continue
        db_path = workdir / f"formats-{fmt}.db"
        for q in workdir.glob(f"formats-{fmt}.db*"):
            q.unlink()
        _warm_up(fmt, workdir)
        db = open_db(db_path)
        raw_t = 0.0
        pages = 0
        t_tab = 0.0
        for p in paths:
            t = time.perf_counter()
            if fmt == "docx":
                raw_docx(p)
            elif fmt == "pdf":
                _, np_ = raw_pdf_text(p)
                pages += np_
            else:
                raw_txt(p)
            raw_t += time.perf_counter() - t
            if fmt == "pdf":
                t = time.perf_counter()
                raw_pdf_tables(p)
                t_tab += time.perf_counter() - t
        tm = Timer()
        est_pages = 0
        for p in paths:
            np_, _ = pipeline_one(p, db, tm)
            est_pages += np_
        db.conn.close()
        pipe_t = sum(tm.t.values())
        n = len(paths)
        if fmt != "pdf":
            pages = est_pages
        label = {"docx": "raw: python-docx paragraphs + tables", "txt": "raw: bytes -> UTF-8 -> lines",
                 "pdf": "raw: pypdfium2 text"}[fmt]
        rows.append(_row(f"{fmt} — {label}", n, pages, raw_t, None))
        if fmt == "pdf":
            rows.append(_row("pdf — raw: pdfplumber extract_tables", n, pages, t_tab, None))
            rows.append(_row("pdf — raw: pypdfium2 text + pdfplumber tables", n, pages, raw_t + t_tab, None))
        rows.append(_row(f"{fmt} — whole pipeline (read -> extract -> store)", n, pages, pipe_t, raw_t,
                         raw_t + t_tab if fmt == "pdf" else None))
        facts[fmt] = {"n": n, "pages": pages, "raw_s": raw_t, "pipe_s": pipe_t, **tm.t}
        for q in workdir.glob(f"formats-{fmt}.db*"):
            q.unlink()
        if fmt == "pdf":
            facts[fmt]["tables_s"] = t_tab
            answered = [fast_pdf_tables(p) for p in paths]
            facts["pdf_fast"] = {"n": n, "tables": sum(t for t, _ in answered),
                                 "fallbacks": sum(f for _, f in answered)}
    return rows, facts


def _row(name: str, n: int, pages: int, secs: float, raw: float | None, raw2: float | None = None) -> str:
    ratio = f"{secs / raw:.2f}×" if raw else ""
    if raw2:
        ratio += f" / {secs / raw2:.2f}×"
    return f"| {name} | {n} | {n / secs:.1f} | {pages / secs:.1f} | {secs:.2f} | {ratio} |"


# ---------------------------------------------------------------- seed004

SEED004 = ROOT / "corpus" / "seed004.pdf"


def seed004_child() -> None:
    """In a fresh process: warm up on the other corpus documents, .docx and .pdf (libraries
    imported, vocabularies loaded, regexes compiled, as in a running ingest worker), then time
    read, extract and store of seed004.pdf seen for the first time, and once more (the
    extractors' caches now hold its strings)."""
    import tempfile

    from pipeline import store
    db = store.open_db(Path(tempfile.mkdtemp(prefix="vanban-s004-")) / "s004.db")
    for q in sorted((ROOT / "corpus").glob("seed00[0-3].*")):
        if q.suffix in (".docx", ".pdf"):
            pipeline_one(q, db, Timer())
    out: dict = {"text": min(_timed(lambda: raw_pdf_text(SEED004)) for _ in range(3)),
                 "chars": min(_timed(lambda: pdf_char_layer(SEED004)) for _ in range(3)),
                 "rects": min(_timed(lambda: pdf_text_rects(SEED004)) for _ in range(3))}
    for run in ("first", "again"):
        tm = Timer()
        pipeline_one(SEED004, db, tm)
        out[run] = tm.t
    print(json.dumps(out))


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _seed004_runs(k: int = 5) -> list[dict]:
    """`seed004_child` in k fresh processes."""
    runs = []
    for _ in range(k):
        r = subprocess.run([PY, __file__, "--seed004-child"], capture_output=True, text=True, check=True)
        runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    return runs


def seed004_section() -> list[str]:
    from statistics import median

    def best(fn, k: int = 5) -> float:
        ts = []
        for _ in range(k):
            t = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t)
        return min(ts)

    def grids() -> None:
        import pypdfium2 as pdfium
        from pipeline.readers.pdf_fast import table_finder
        pdf = pdfium.PdfDocument(str(SEED004))
        for i in range(len(pdf)):
            table_finder(pdf[i], 5)
        pdf.close()
    text = best(lambda: raw_pdf_text(SEED004))
    grid_t = best(grids)
    fast_tables = best(lambda: fast_pdf_tables(SEED004), 3)
    plumb = best(lambda: raw_pdf_tables(SEED004), 1)
    n_tables, fb = fast_pdf_tables(SEED004)
    runs = _seed004_runs()

    def med(run: str, *steps: str) -> float:
        if not steps:
            return median(r[run] for r in runs)
        return median(sum(r[run][s] for s in steps) for r in runs)

    def ratio(run: str, *steps: str) -> float:
        """Against pypdfium2 text timed in the same process, just before (a shared machine's
        speed drifts between processes)."""
        return median(sum(r[run][s] for s in steps) / r["text"] for r in runs)

    def floor(layer: str) -> float:
        """A reader that costs `layer` and nothing more, plus this run's extract and store."""
        return median((r[layer] + r["first"]["extract"] + r["first"]["store"]) / r["text"] for r in runs)
    whole = med("first", "read", "extract", "store")
    rows = [
        "| step on corpus/seed004.pdf (28 pages, 16 with tables) | time | × pypdfium2 text |",
        "|---|---|---|",
        f"| pypdfium2 text, all pages (best of 5) | {text * 1000:.0f} ms | 1.00× |",
        f"| pdfplumber `extract_tables()`, all pages | {plumb * 1000:.0f} ms | {plumb / text:.1f}× |",
        f"| pdf_fast `find_tables()`, all pages ({n_tables} tables, {fb} fallbacks) | {fast_tables * 1000:.0f} ms | {fast_tables / text:.1f}× |",
        f"| pdf_fast `table_finder()` (cell boxes only, what the reader needs), all pages | {grid_t * 1000:.0f} ms | {grid_t / text:.1f}× |",
        f"| pypdfium2 text in the fresh processes below, median | {med('text') * 1000:.0f} ms | 1.00× |",
        f"| **whole pipeline: read + extract + store, first sight** (median of {len(runs)} fresh processes) | **{whole * 1000:.0f} ms** | **{ratio('first', 'read', 'extract', 'store'):.1f}×** |",
    ]
    for step in ("read", "extract", "store"):
        rows.append(f"| of which {step} | {med('first', step) * 1000:.0f} ms | {ratio('first', step):.1f}× |")
    again = med("again", "read", "extract", "store")
    rows.append(f"| the same file a second time in the same process (extraction caches warm) | {again * 1000:.0f} ms | {ratio('again', 'read', 'extract', 'store'):.1f}× |")
    rows += [
        f"| floor of the present reader: pages loaded, page objects scanned, every character's code, box and size, no layout (best of 3) | {med('chars') * 1000:.0f} ms | {median(r['chars'] / r['text'] for r in runs):.1f}× |",
        f"| floor of any reader with geometry: pdfium's text rectangles only, one per text run, no text (best of 3) | {med('rects') * 1000:.0f} ms | {median(r['rects'] / r['text'] for r in runs):.1f}× |",
        f"| **whole pipeline if layout and tables were free**: character floor + extract + store | | **{floor('chars'):.1f}×** |",
        f"| the same with the text-rectangle floor (a reader by runs, not characters) | | **{floor('rects'):.1f}×** |",
    ]
    return rows + ["", "First sight: each fresh process first reads, extracts and stores corpus/seed000-003 "
                   "(.docx and .pdf, as a running ingest worker has), times pypdfium2's text of seed004.pdf "
                   "(best of 3), then reads, extracts and stores seed004.pdf once; ratios are to that text "
                   "time, per process, median."]


# ---------------------------------------------------------------- parallel ingest (child process)

BATCHES = {"file": 1, "batch": 64}   # --ingest-how: one transaction per file, or per 64 files


def ingest_child(db: str, folder: str, workers: int, how: str) -> None:
    """In a child process: ingest a folder with `ingest_paths(workers=, batch=BATCHES[how])`;
    print a JSON summary."""
    from pipeline.ingest import ingest_paths
    t = time.perf_counter()
    res = ingest_paths(db, [folder], workers=workers, batch=BATCHES[how])
    wall = time.perf_counter() - t
    counts: dict[str, int] = {}
    for r in res:
        counts[r.status] = counts.get(r.status, 0) + 1
    errors = sorted({(r.error or {}).get("code", "") for r in res if r.status == "failed"})
    ru_s, ru_c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ru_s.ru_utime + ru_s.ru_stime + ru_c.ru_utime + ru_c.ru_stime
    print(json.dumps({"files": len(res), "wall_s": wall, "status": counts, "errors": errors, "cpu_s": cpu,
                      "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def _tree_rss_mb(root: int) -> float:
    """Sum of VmRSS over a process and its descendants, from /proc."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(d))
            for line in Path(f"/proc/{d}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(d)] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(kids.get(p, []))
    return total / 1024


def ingest_section(paths: list[Path], workers: int, workdir: Path, how: str) -> tuple[list[str], dict]:
    db = workdir / "ingest.db"
    for q in workdir.glob("ingest.db*"):
        q.unlink()
    folder = paths[0].parent
    proc = subprocess.Popen([PY, __file__, "--ingest-child", str(db), str(folder), str(workers), how],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            stop.wait(0.5)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    stop.set()
    th.join()
    s = json.loads(out.strip().splitlines()[-1])
    size = sum(q.stat().st_size for q in workdir.glob("ingest.db*")) / 2**20
    n, wall = s["files"], s["wall_s"]
    label = f"`ingest.ingest_paths(workers={workers}, batch={BATCHES[how]})`"
    lines = [
        f"| how | {label} |",
        f"| documents | {n:,} ({json.dumps(s['status'])}) |",
        f"| workers (reading + extraction processes) + 1 SQLite writer | {workers} |",
        f"| wall time | {wall:.1f} s |",
        f"| throughput | {n / wall:.1f} documents/s |",
        f"| 10,000 documents at this rate | {10000 / (n / wall) / 60:.1f} min |",
        f"| CPU time, whole process tree (user + system) | {s['cpu_s']:.0f} s = {1000 * s['cpu_s'] / n:.0f} ms per document |",
        f"| the same work on {len(os.sched_getaffinity(0))} cores of its own (CPU time / cores) | "
        f"{s['cpu_s'] / len(os.sched_getaffinity(0)) / 60:.1f} min, "
        f"{n / (s['cpu_s'] / len(os.sched_getaffinity(0))):.1f} documents/s |",
        f"| peak memory, whole process tree (sampled RSS sum) | {peak:.0f} MB |",
        f"| max RSS: writer process / largest worker | {s['self_maxrss_mb']:.0f} MB / {s['children_maxrss_mb']:.0f} MB |",
        f"| database size | {size:.0f} MB |",
    ]
    if s["errors"]:
        lines.append(f"| failure codes | {', '.join(s['errors'])} |")
    return lines, {**s, "peak_tree_mb": peak, "db_mb": size}


# ---------------------------------------------------------------- graph, startup, profile

def graph_section(docs: int) -> list[str]:
    gb = ROOT / "bench" / "graph_bench.py"
    if not gb.exists() or docs <= 0:
        return ["(skipped: --graph-docs 0, or bench/graph_bench.py not present)"]
    out = ROOT / "outputs" / "bench_graph.md"
    r = subprocess.run([PY, str(gb), "--docs", str(docs), "--edges", str(docs * 10), "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        return [f"graph_bench.py failed (exit {r.returncode}): {r.stderr.strip().splitlines()[-1:]}"]
    text = out.read_text(encoding="utf-8")
    return [l for l in text.splitlines() if not l.startswith("# ")]


def startup_section() -> list[str]:
    exe = Path(PY).parent / "vanban"
    cmd = [str(exe), "--help"] if exe.exists() else [PY, "-m", "pipeline.cli", "--help"]
    ts = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True)
        ts.append(time.perf_counter() - t)
    bare = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([PY, "-c", "pass"], capture_output=True)
        bare.append(time.perf_counter() - t)
    r = subprocess.run([PY, "-X", "importtime", "-c", "import pipeline.cli"], cwd=ROOT,
                       capture_output=True, text=True)
    imports = []
    for line in r.stderr.splitlines()[1:]:
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" " * 1) and not parts[2].startswith("   "):
            try:
                imports.append((int(parts[1]), parts[2].strip()))
            except ValueError:
                pass
    top = ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in sorted(imports, reverse=True)[:6])
    return [f"| `vanban --help`, median of 5 | {statistics.median(ts) * 1000:.0f} ms (target < 500 ms) |",
            f"| bare `python -c pass`, median of 5 | {statistics.median(bare) * 1000:.0f} ms |",
            f"| heaviest top-level imports of `pipeline.cli` (cumulative) | {top} |"]


def profile_section(files: dict[str, list[Path]], k: int = 10) -> list[str]:
    """cProfile over read -> extract -> store for a few files of each format: top functions by
    own time, and the project's functions by cumulative time."""
    from extractors import extract
    from pipeline import store
    from pipeline.readers import read
    sample = [p for paths in files.values() for p in paths[:k]]
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "p.db")
        pr = cProfile.Profile()
        pr.enable()
        for p in sample:
            ex = extract(read(p))
            with db.conn:
                store.save_extraction(db, ex, str(p))
        pr.disable()
        db.conn.close()
    st = pstats.Stats(pr, stream=io.StringIO())
    total = sum(v[2] for v in st.stats.values())

    def short(fn: str, line: int, name: str) -> str:
        f = fn.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        return f"`{f}:{line}({name})`"

    out = [f"cProfile of read -> extract -> store on {len(sample)} files ({k} per format); "
           f"total own time {total:.2f} s.", "",
           "Top functions by own time:", "",
           "| function | own time | share | cumulative | calls |", "|---|---|---|---|---|"]
    for (fn, line, name), (cc, nc, tt, ct, _) in sorted(st.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:15]:
        out.append(f"| {short(fn, line, name)} | {tt:.3f} s | {tt / total:.0%} | {ct:.3f} s | {nc} |")
    out += ["", "The project's own functions by cumulative time (time spent in them and what they call):", "",
            "| function | cumulative | share | calls |", "|---|---|---|---|"]
    mine = [(kv[0], kv[1]) for kv in st.stats.items()
            if "/pipeline/" in kv[0][0] or "/extractors/" in kv[0][0]]
    for (fn, line, name), (cc, nc, tt, ct, _) in sorted(mine, key=lambda kv: kv[1][3], reverse=True)[:22]:
        out.append(f"| {short(fn, line, name)} | {ct:.3f} s | {ct / total:.0%} | {nc} |")
    return out


# ---------------------------------------------------------------- report

SECTIONS = ("formats", "compare", "ingest", "graph", "startup", "profile")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="vanban benchmark -> outputs/bench.md")
    ap.add_argument("--n", type=int, default=300, help="corpus size for the per-format figures")
    ap.add_argument("--sample", type=int, default=40, help="files per format for raw vs pipeline")
    ap.add_argument("--ingest-n", type=int, default=None, help="documents for the parallel ingest (default --n)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--templates", type=int, default=24)
    ap.add_argument("--graph-docs", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.md")
    ap.add_argument("--ingest-how", default="batch", choices=sorted(BATCHES),
                    help="the big ingest: one transaction per file (file) or per 64 files (batch, default)")
    ap.add_argument("--only", default=",".join(SECTIONS),
                    help=f"sections to run now, of {','.join(SECTIONS)}; the others are taken from "
                         "their last run (outputs/bench/sections/)")
    ap.add_argument("--ingest-child", nargs=4, metavar=("DB", "FOLDER", "WORKERS", "HOW"), help=argparse.SUPPRESS)
    ap.add_argument("--seed004-child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.seed004_child:
        seed004_child()
        return
    if a.ingest_child:
        ingest_child(a.ingest_child[0], a.ingest_child[1], int(a.ingest_child[2]), a.ingest_child[3])
        return
    from pipeline.ingest import default_workers
    workers = a.workers or default_workers()
    workdir = ROOT / "outputs" / "bench"
    saved = workdir / "sections"
    saved.mkdir(parents=True, exist_ok=True)
    only = [x.strip() for x in a.only.split(",") if x.strip()]
    cmd = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    m = machine()
    paths = corpus(a.n, a.seed, a.templates)
    files = by_format(paths, a.sample)
    blocks: dict[str, str] = {}
    facts_all: dict = {}
    for name in SECTIONS:
        if name not in only:
            continue
        t = time.perf_counter()
        load0 = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if name == "formats":
            fmt_rows, facts = formats_section(files, workdir)
            body = render_formats(a, paths, fmt_rows, facts, seed004_section())
            facts_all["formats"] = facts
        elif name == "compare":
            compare = [(how, ingest_section(paths, workers, workdir, how)[1]) for how in ("file", "batch")]
            body = render_compare(a, workers, compare)
        elif name == "ingest":
            ing_paths = paths if not a.ingest_n or a.ingest_n == a.n else corpus(a.ingest_n, a.seed, a.templates)
            ing_rows, ing = ingest_section(ing_paths, workers, workdir, a.ingest_how)
            body = "## Ingest with all cores\n\n| | |\n|---|---|\n" + "\n".join(ing_rows)
            facts_all["ingest"] = ing
        elif name == "graph":
            body = "## Citation graph (bench/graph_bench.py)\n\n" + "\n".join(graph_section(a.graph_docs))
        elif name == "startup":
            body = "## Start-up\n\n| | |\n|---|---|\n" + "\n".join(startup_section())
        else:
            body = "## Profile\n\n" + "\n".join(profile_section(files))
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        body += (f"\n\n<sub>Section run {stamp} by `{cmd}` in {time.perf_counter() - t:.0f} s; "
                 f"load average before: {load0}, after: {load}; bench process max RSS so far {rss:.0f} MB.</sub>\n")
        (saved / f"{name}.md").write_text(body, encoding="utf-8")
        blocks[name] = body
    for name in SECTIONS:
        if name not in blocks and (saved / f"{name}.md").exists():
            blocks[name] = (saved / f"{name}.md").read_text(encoding="utf-8")
    L = ["# vanban benchmark", "",
         "Not a test: figures from runs of `bench/run.py` on the machine below (a 2-core machine "
         "shared with other work: compare figures within one section, and see the load averages).",
         "", "## Machine", "", "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in m.items()]
    L += [""] + [blocks[n].rstrip() + "\n" for n in SECTIONS if n in blocks]
    notes = ROOT / "bench" / "analysis.md"
    if notes.exists():
        L += [notes.read_text(encoding="utf-8").rstrip()]
    report = "\n".join(L) + "\n"
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(report, encoding="utf-8")
    (workdir / "bench.json").write_text(json.dumps({"machine": m, **facts_all}, indent=1, ensure_ascii=False),
                                        encoding="utf-8")
    print(report)


def render_formats(a, paths: list[Path], fmt_rows: list[str], facts: dict, s004: list[str]) -> str:
    mix: dict[str, int] = {}
    for p in paths:
        mix[p.suffix] = mix.get(p.suffix, 0) + 1
    stage = {f: {k: 1000 * v[k] / v["n"] for k in ("read", "extract", "store")} for f, v in facts.items()
             if "read" in v}
    L = ["## Corpus", "",
         f"bench/generate.py, seed {a.seed}: {len(paths)} documents "
         f"({', '.join(f'{v} {k}' for k, v in sorted(mix.items()))}); PDFs are copies of "
         f"{a.templates} LibreOffice-made templates (see bench/README.md).", "",
         "## Raw reader vs whole pipeline, per format", "",
         f"Same files, same run, {a.sample} per format, after one untimed pass of both sides over "
         "corpus/seed000-003 of the format (imports, vocabularies, compiled regexes in place, as in a "
         "running ingest). Pages: PDF page count; for .docx/.txt "
         f"estimated as characters / {CHARS_PER_PAGE}. Ratio = pipeline time / raw reader time "
         "(for PDFs: / pypdfium2 text, and / pypdfium2 text + pdfplumber tables).", "",
         "| what | docs | docs/s | pages/s | seconds | ratio |", "|---|---|---|---|---|---|"]
    L += fmt_rows
    L += ["", "Per document, ms (read / extract / store):", "",
          "| format | read | extract (extraction only) | store |", "|---|---|---|---|"]
    L += [f"| {f} | {v['read']:.1f} | {v['extract']:.1f} | {v['store']:.1f} |" for f, v in stage.items()]
    if "pdf_fast" in facts:
        pf = facts["pdf_fast"]
        L += ["", f"pdf_fast on the sample: {pf['tables']} tables found, "
                  f"{pf['fallbacks']} pages left to pdfplumber."]
    L += ["", "## PDF tables: seed004.pdf", ""] + s004
    return "\n".join(L)


def render_compare(a, workers: int, compare: list) -> str:
    L = ["## Parallel ingest: one transaction per file vs batches", "",
         f"Same {a.n}-document corpus, `ingest.ingest_paths(workers={workers}, batch=)`: one "
         "transaction per file (file, batch=1, the default and what the inbox does) and 64 files "
         "per transaction, a SAVEPOINT each (batch, batch=64).", "",
         "| how | wall | docs/s | CPU ms per document | peak tree RSS |", "|---|---|---|---|---|"]
    L += [f"| {how} (batch={BATCHES[how]}) | {f['wall_s']:.1f} s | {f['files'] / f['wall_s']:.1f} | "
          f"{1000 * f['cpu_s'] / f['files']:.0f} | {f['peak_tree_mb']:.0f} MB |" for how, f in compare]
    return "\n".join(L)


if __name__ == "__main__":
    main()
