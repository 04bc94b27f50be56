"""`vanban extract FILE` and `vanban eval DIR`: one file's extraction, and scores against gold."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from pipeline.errors import UsageError


def _fmt(x: object) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


def text_summary(ex: dict) -> str:
    """A readable summary of one extraction for a person."""
    d = ex["document"]
    lines = [f"{ex['file']}  ({ex.get('format')}, {ex.get('pages') or '-'} pages{', OCR' if ex.get('ocr') else ''})",
             f"  Loại / type      : {d.get('type')} ({d.get('type_code') or '-'})",
             f"  Số / number      : {d.get('number')!r}   key: {d.get('key')}",
             f"  Ngày / date      : {d.get('date') or d.get('date_partial')}   Nơi / place: {d.get('place')}",
             f"  Cơ quan / issuer : {d.get('issuer')}",
             f"  Trích yếu        : {d.get('subject')}",
             f"  Người ký / signer: {d.get('signer')} ({d.get('signer_title')})",
             f"  Dự thảo / draft  : {d.get('is_draft')}"]
    if d.get("recipients"):
        lines.append("  Kính gửi / to    : " + "; ".join(d["recipients"]))
    lines.append(f"Căn cứ & trích dẫn / citations ({len(ex['citations'])}):")
    for c in ex["citations"]:
        lines.append(f"  - [{c.get('relation')}] {c.get('type')} {c.get('number')} {c.get('date') or ''} "
                     f"{('— ' + c['issuer']) if c.get('issuer') else ''}".rstrip())
    if ex.get("named_citations"):
        lines.append(f"Văn bản nêu tên / named ({len(ex['named_citations'])}):")
        lines += [f"  - {n.get('name')}" for n in ex["named_citations"]]
    lines.append(f"Nhiệm vụ / tasks ({len(ex['tasks'])}):")
    for t in ex["tasks"]:
        where = " ".join(x for x in (t.get("appendix"), t.get("section"), t.get("no")) if x)
        name = (t.get("name") or "")[:90]
        lines.append(f"  - {where}: {name} | chủ trì: {', '.join(t.get('lead') or []) or '-'} | "
                     f"hạn: {t.get('deadline') or t.get('deadline_text') or '-'}")
    for w in ex.get("warnings", []):
        lines.append(f"! {w}")
    return "\n".join(lines)


def extract_cmd(
    file: Path = typer.Argument(..., help="A .docx, .pdf, .txt (or .doc, image) file."),
    format: str = typer.Option("json", "--format", "-f", help="json | text | html"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
) -> None:
    """Read one file and print its extraction. Touches no database."""
    from extractors import extract
    from pipeline.readers import read

    if format not in ("json", "text", "html"):
        raise UsageError(f"unknown format {format!r} (json, text, html)", f"định dạng không hợp lệ {format!r}")
    if not file.exists():
        raise UsageError(f"{file}: no such file", f"{file}: không có tệp này")
    doc = read(file)
    ex = extract(doc)
    if format == "json":
        out = json.dumps(ex, ensure_ascii=False, indent=1)
    elif format == "text":
        out = text_summary(ex)
    else:
        from pipeline.annotate import render_html
        out = render_html(doc, ex)
    if output:
        output.write_text(out + "\n", encoding="utf-8")
    else:
        sys.stdout.write(out + "\n")


def eval_cmd(
    paths: List[Path] = typer.Argument(..., help="Folders or files with X.gold.json beside them."),
    as_json: bool = typer.Option(False, "--json", help="Print the score table as JSON."),
    details: bool = typer.Option(False, "--details", help="List each miss."),
) -> None:
    """Score extraction against gold files: document fields, citations, tasks."""
    from rich.console import Console
    from rich.table import Table

    from pipeline.evaluate import by_format, evaluate

    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder", f"{p}: không có tệp hoặc thư mục này")
    scores = evaluate(paths)
    if not scores:
        raise UsageError("no documents with a .gold.json found", "không tìm thấy tài liệu có tệp .gold.json")
    table = by_format(scores)
    if as_json:
        sys.stdout.write(json.dumps({"by_format": table, "files": [s.__dict__ for s in scores]},
                                    ensure_ascii=False, indent=1) + "\n")
        return
    console = Console(width=max(Console().width, 120))
    cols = list(table)
    t = Table(title="vanban eval")
    t.add_column("metric")
    for c in cols:
        t.add_column(c, justify="right")
    for metric in table["all"]:
        t.add_row(metric, *[_fmt(table[c].get(metric)) for c in cols])
    console.print(t)
    if details:
        for s in scores:
            for m in s.errors + s.misses:
                console.print(f"{s.file}: {m}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
    app.command("eval")(eval_cmd)
