"""A seeded, deterministic synthetic corpus of Vietnamese administrative documents at any size.

    python bench/generate.py OUT_DIR --n 500 [--seed 0] [--templates 24] [--workers 2]

Each document is first a spec (issuing body, Số: N/KH-UBND, place/date line, title and
trích yếu, Căn cứ / Thực hiện citations to central documents and to earlier documents of the
same corpus, prose sections, an appendix table of tasks in some), then written as .docx
(python-docx), .txt or .pdf in an office's proportions (default 50% / 15% / 35%).

PDFs: LibreOffice is far too slow for thousands of files, so `--templates` specs (default 24,
a third of them with appendix tables) are written as .docx and converted ONCE with
`soffice --headless --convert-to pdf` into a cache (outputs/bench/pdf-templates/); the corpus PDFs are byte
copies of those templates with a unique trailing PDF comment, so each has its own sha256 but
repeats a template's text (the store records such copies as 'duplicate' files of the same
document: they are read and extracted in full, and written as a file row only). Without
soffice, no PDFs are written and their share goes to .docx (a warning says so).

Determinism: the same (n, seed) gives byte-identical .docx and .txt files (zip entries carry a
fixed timestamp); PDFs are deterministic given the template cache.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "generate_data.json"
CACHE = HERE.parent / "outputs" / "bench" / "pdf-templates"   # git-ignored with outputs/
VERSION = 2  # bump when the output changes, so cached templates are rebuilt
MIX = {"docx": 0.50, "pdf": 0.35, "txt": 0.15}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def vocab() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- specs

@dataclass
class Ref:
    """A citable document: type name, number, date dd/mm/yyyy, issuer, what it is about."""

    type: str
    number: str
    date: str
    issuer: str
    about: str

    def phrase(self) -> str:
        return f"{self.type} số {self.number} ngày {self.date} của {self.issuer} {self.about}"


def _pick(rng: random.Random, items: list[dict]) -> dict:
    return rng.choices(items, weights=[i.get("weight", 1) for i in items])[0]


def _deadline(rng: random.Random, v: dict, year: int) -> str:
    m = rng.randint(1, 12)
    return rng.choice(v["deadlines"]).format(M=f"{m:02d}" if rng.random() < 0.5 else m, Y=year,
                                             Q=rng.choice(ROMAN[:4]), D=rng.randint(1, 28))


def _number(kind: dict, body: dict, n: int) -> str:
    if kind["code"] == "CV":
        return f"{n}-CV/{body['sym']}" if body["party"] else f"{n}/{body['sym']}-VP"
    return f"{n}-{kind['code']}/{body['sym']}" if body["party"] else f"{n}/{kind['code']}-{body['sym']}"


def make_specs(n: int, seed: int = 0, number_base: int = 0) -> list[dict]:
    """`n` document specs; spec i may cite central documents and specs before it."""
    v = vocab()
    rng = random.Random(seed)
    province = v["provinces"][seed % len(v["provinces"])]
    central = [Ref(**c) for c in v["central"]]
    counters: dict[tuple[str, str, int], int] = {}
    specs: list[dict] = []
    own: list[Ref] = []
    for i in range(n):
        body = _pick(rng, v["bodies"])
        kinds = [k for k in v["kinds"] if not (k.get("party_only") and not body["party"])
                 and not (k.get("state_only") and body["party"])]
        kind = _pick(rng, kinds)
        year = 2024 + (i * 3) // max(n, 1)
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        ck = (body["sym"], kind["code"], year)
        counters[ck] = counters.get(ck, number_base) + rng.randint(1, 9)
        number = _number(kind, body, counters[ck])
        issuer = body["full"].format(P=province)
        topic = rng.choice(v["topics"]).format(Y=year)
        basis = rng.sample(central, rng.randint(1, 3))
        implements = rng.choice(central) if rng.random() < 0.5 else None
        local = rng.sample(own[-200:], min(len(own[-200:]), rng.randint(0, 3)))
        n_par = rng.choice([3, 5, 8, 12, 20, 30])
        sections = []
        heads = rng.sample(["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN", "KẾT QUẢ THỰC HIỆN",
                            "PHƯƠNG HƯỚNG, NHIỆM VỤ", "TÌNH HÌNH CHUNG", "KINH PHÍ THỰC HIỆN", "ĐỀ XUẤT, KIẾN NGHỊ"], 8)
        for s in range(min(len(heads), max(1, n_par // 3))):
            paras = []
            for _ in range(rng.randint(1, 4)):
                sent = " ".join(rng.choice(v["sentences"]).format(T=topic) for _ in range(rng.randint(1, 3)))
                if local and rng.random() < 0.3:
                    sent += f" Tiếp tục thực hiện {rng.choice(local).phrase()}."
                paras.append(sent)
            sections.append((f"{ROMAN[s]}. {heads[s]}", paras))
        table = None
        if rng.random() < kind["table"]:
            table = []
            for s in range(rng.randint(1, 4)):
                rows = []
                for _ in range(rng.randint(3, 12)):
                    lead = rng.choice(v["bodies"])["full"].format(P=province).replace(f" tỉnh {province}", "")
                    rows.append([f"{rng.choice(v['task_verbs'])} {rng.choice(v['task_objects'])}", lead,
                                 rng.choice(v["support"]), rng.choice(v["products"]), _deadline(rng, v, year)])
                table.append((ROMAN[s], rng.choice(["Hoàn thiện thể chế", "Phát triển hạ tầng số",
                                                    "Phát triển nguồn nhân lực", "Ứng dụng công nghệ",
                                                    "Tuyên truyền, nâng cao nhận thức"]), rows))
        recipients = rng.sample(["Các sở, ban, ngành tỉnh", "UBND các xã, phường", "Bộ Khoa học và Công nghệ",
                                 "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Văn phòng Chính phủ"], 3)
        spec = {
            "id": i, "kind": kind, "body_lines": [x.format(P=province.upper()) for x in body["lines"]],
            "issuer": issuer, "party": body["party"], "number": number, "province": province,
            "date": f"{day:02d}/{month:02d}/{year}", "day": day, "month": month, "year": year,
            "subject": (f"Thực hiện {implements.type} số {implements.number} ngày {implements.date} của "
                        f"{implements.issuer} {implements.about}" if implements else f"về {topic}"),
            "basis": [b.phrase() for b in basis],
            "implements": implements.phrase() if implements else None,
            "local": [r.phrase() for r in local], "sections": sections, "table": table,
            "sign": body["sign"], "signer": rng.choice(v["signers"]), "recipients": recipients,
        }
        specs.append(spec)
        own.append(Ref(kind["name"], number, spec["date"], issuer, f"về {topic}"))
    return specs


# ---------------------------------------------------------------- text form

def text_lines(spec: dict) -> list[str]:
    """The document as plain-text lines (header, body, signature, appendix rows tab-separated)."""
    k = spec["kind"]
    motto = (["ĐẢNG CỘNG SẢN VIỆT NAM"] if spec["party"]
             else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    out = spec["body_lines"] + [f"Số: {spec['number']}"]
    if k["title"] is None:
        out.append(f"V/v {spec['subject']}")
    out += motto + [f"{spec['province']}, ngày {spec['day']:02d} tháng {spec['month']:02d} năm {spec['year']}", ""]
    if k["title"]:
        out += [k["title"], spec["subject"], ""]
    else:
        out += ["Kính gửi: " + "; ".join(spec["recipients"]) + ".", ""]
    out += [f"Căn cứ {b};" for b in spec["basis"]]
    if spec["implements"]:
        out.append(f"Thực hiện {spec['implements']};")
    out += [f"Căn cứ {r};" for r in spec["local"][:1]]
    for head, paras in spec["sections"]:
        out += [head] + paras
    out += ["", "Nơi nhận:"] + [f"- {r};" for r in spec["recipients"]] + ["- Lưu: VT."]
    out += spec["sign"] + ["", spec["signer"]]
    if spec["table"]:
        out += ["", "Phụ lục", "DANH MỤC NHIỆM VỤ", _caption(spec)]
        out.append("\t".join(_HEADER))
        no = 0
        for numeral, title, rows in spec["table"]:
            out.append(f"{numeral}\t{title}")
            for r in rows:
                no += 1
                out.append("\t".join([str(no)] + r))
    return out


_HEADER = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả/sản phẩm", "Thời gian hoàn thành"]


def _caption(spec: dict) -> str:
    return (f"(Ban hành kèm theo {spec['kind']['name']} số {spec['number']} ngày {spec['date']} "
            f"của {spec['issuer']})")


def write_txt(spec: dict, path: Path) -> None:
    path.write_text("\n".join(text_lines(spec)) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- docx form

def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps, so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def docx_bytes(spec: dict) -> bytes:
    """The document as .docx: borderless header and signature tables, Table Grid appendix."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    d = Document()
    st = d.styles["Normal"]
    st.font.name, st.font.size = "Times New Roman", Pt(13)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(2), Cm(2), Cm(3), Cm(1.5)
    k = spec["kind"]
    lines = text_lines(spec)
    left = spec["body_lines"] + [f"Số: {spec['number']}"] + ([f"V/v {spec['subject']}"] if k["title"] is None else [])
    motto = (["ĐẢNG CỘNG SẢN VIỆT NAM"] if spec["party"]
             else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    date_line = f"{spec['province']}, ngày {spec['day']:02d} tháng {spec['month']:02d} năm {spec['year']}"
    two_rows = spec["id"] % 3 == 0   # both layouts occur: Số/date in the first row or in a second one
    head = d.add_table(rows=2 if two_rows else 1, cols=2)
    if two_rows:
        head.cell(0, 0).text = "\n".join(left[:len(spec["body_lines"])])
        head.cell(0, 1).text = "\n".join(motto)
        head.cell(1, 0).text = "\n".join(left[len(spec["body_lines"]):])
        head.cell(1, 1).text = date_line
    else:
        head.cell(0, 0).text = "\n".join(left)
        head.cell(0, 1).text = "\n".join(motto + [date_line])
    for cell in [c for row in head.rows for c in row.cells]:
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if k["title"]:
        for t in (k["title"], spec["subject"]):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(t).bold = True
    else:
        d.add_paragraph("Kính gửi: " + "; ".join(spec["recipients"]) + ".")
    start = lines.index("Căn cứ " + spec["basis"][0] + ";")
    end = lines.index("Nơi nhận:") - 1
    for ln in lines[start:end]:
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(ln)
        run.bold = ln[:3].rstrip(".") in ROMAN or ln.split(".")[0] in ROMAN
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n" + "\n".join(f"- {r};" for r in spec["recipients"]) + "\n- Lưu: VT."
    sig.cell(0, 1).text = "\n".join(spec["sign"]) + "\n\n\n" + spec["signer"]
    if spec["table"]:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for t, bold in (("Phụ lục", True), ("DANH MỤC NHIỆM VỤ", True), (_caption(spec), False)):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(t).bold = bold
        n_rows = 1 + sum(1 + len(rows) for _, _, rows in spec["table"])
        tbl = d.add_table(rows=n_rows, cols=6)
        tbl.style = "Table Grid"
        r = 0
        for c, h in zip(tbl.rows[0].cells, _HEADER):
            c.text = h
        no = 0
        for numeral, title, rows in spec["table"]:
            r += 1
            cells = tbl.rows[r].cells
            cells[0].text = numeral
            cells[1].merge(cells[5]).text = title
            for row in rows:
                r += 1
                no += 1
                for c, val in zip(tbl.rows[r].cells, [str(no)] + row):
                    c.text = val
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def write_docx(spec: dict, path: Path) -> None:
    path.write_bytes(docx_bytes(spec))


# ---------------------------------------------------------------- PDF templates

def pdf_templates(k: int, seed: int = 0, cache: Path = CACHE) -> list[Path]:
    """`k` PDF templates made once with LibreOffice and cached; [] when soffice is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    folder = cache / f"pdf-templates-v{VERSION}-s{seed}-k{k}"
    want = [folder / f"template{i:03d}.pdf" for i in range(k)]
    if all(p.exists() for p in want):
        return want
    if soffice is None:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    specs = make_specs(k, seed=seed + 10007, number_base=5000)
    for i, s in enumerate(specs):   # a third with an appendix table, like the seed plans
        if i % 3 == 0 and not s["table"]:
            s["table"] = [("I", "Nhiệm vụ trọng tâm", [["Xây dựng kế hoạch chuyển đổi số", "Sở Khoa học và Công nghệ",
                                                         "Các sở, ban, ngành tỉnh", "Kế hoạch", f"Quý {r % 4 + 1}/2026"]
                                                        for r in range(8 + 4 * (i % 5))])]
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for i, s in enumerate(specs):
            p = Path(tmp) / f"template{i:03d}.docx"
            write_docx(s, p)
            docs.append(str(p))
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", str(folder), *docs],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    missing = [p for p in want if not p.exists()]
    if missing:
        raise RuntimeError(f"soffice did not convert {len(missing)} templates")
    return want


# ---------------------------------------------------------------- the corpus

def formats(n: int, seed: int, have_pdf: bool) -> list[str]:
    rng = random.Random(seed * 7919 + 1)
    mix = dict(MIX)
    if not have_pdf:
        mix["docx"] += mix.pop("pdf")
    names, weights = list(mix), list(mix.values())
    return [rng.choices(names, weights=weights)[0] for _ in range(n)]


def _write_one(job: tuple[dict, str, str]) -> str:
    spec, fmt, path = job
    (write_docx if fmt == "docx" else write_txt)(spec, Path(path))
    return path


def generate(out_dir: str | Path, n: int, seed: int = 0, templates: int = 24,
             workers: int = 1) -> list[Path]:
    """Write `n` documents into `out_dir` (doc00000.docx, …) and a .manifest.json (hidden: ingest skips it); returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tpl = pdf_templates(templates, seed) if templates else []
    if templates and not tpl and MIX["pdf"]:
        print("generate: soffice not found, no PDFs (their share goes to .docx)", file=sys.stderr)
    fmts = formats(n, seed, bool(tpl))
    specs = make_specs(n, seed)
    paths, jobs = [], []
    n_pdf = 0
    for spec, fmt in zip(specs, fmts):
        p = out / f"doc{spec['id']:05d}.{fmt}"
        paths.append(p)
        if fmt == "pdf":
            src = tpl[n_pdf % len(tpl)]
            p.write_bytes(src.read_bytes() + f"\n%vanban-bench copy {spec['id']}\n".encode())
            n_pdf += 1
        else:
            jobs.append((spec, fmt, str(p)))
    if workers > 1 and len(jobs) > 50:
        with Pool(workers) as pool:
            for _ in pool.imap_unordered(_write_one, jobs, chunksize=16):
                pass
    else:
        for j in jobs:
            _write_one(j)
    manifest = {"n": n, "seed": seed, "templates": templates, "version": VERSION,
                "formats": {f: fmts.count(f) for f in sorted(set(fmts))},
                "files": [p.name for p in paths]}
    (out / ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def corpus_digest(paths: list[Path]) -> str:
    """One sha256 over the files' names and bytes (for determinism checks)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--templates", type=int, default=24)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args(argv)
    paths = generate(a.out_dir, a.n, a.seed, a.templates, a.workers)
    print(f"wrote {len(paths)} documents to {a.out_dir}")


if __name__ == "__main__":
    main()
