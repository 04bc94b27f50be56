"""Score extractions against gold files, the same way for every change.

A file `X.docx` / `X.pdf` / `X.txt` is scored against `X.gold.json` beside it. Strings are
compared in `compare_form` (NFC, one tone convention, collapsed spaces, lower case).
Per file: document fields (exact after compare_form), citations (matched by normalised
number: precision, recall, F1; relation and date accuracy on matches), tasks (matched by
appendix/section/no: rows found, lead set, deadline, name without its closing "." or ";").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from extractors.identity import normalize_number
from pipeline.normalize import compare_form

DOC_FIELDS = ("type", "number", "date", "issuer", "place", "signer", "subject", "is_draft")
FORMATS = (".docx", ".pdf", ".txt", ".doc")


@dataclass
class FileScore:
    file: str
    fmt: str
    fields: dict[str, bool] = field(default_factory=dict)
    cit_tp: int = 0
    cit_fp: int = 0
    cit_fn: int = 0
    rel_ok: int = 0
    date_ok: int = 0
    issuer_ok: int = 0
    named_tp: int = 0
    named_fp: int = 0
    named_fn: int = 0
    task_gold: int = 0
    task_found: int = 0
    lead_ok: int = 0
    deadline_ok: int = 0
    name_ok: int = 0
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def gold_for(path: Path) -> Path | None:
    g = path.with_name(path.name[: -len(path.suffix)] + ".gold.json")
    return g if g.exists() else None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return compare_form(a if a is None else str(a)) == compare_form(b if b is None else str(b))
    return a == b


def _unpunctuated(name: str | None) -> str | None:
    """A task's name without the item's closing mark: annotators differ on keeping "." or ";"."""
    return name.rstrip(" .;:,") if name else name


def _agency_set(xs: Iterable[str] | None) -> set[str]:
    return {compare_form(x) for x in (xs or [])}


def score_file(extraction: dict, gold: dict, fmt: str, name: str) -> FileScore:
    s = FileScore(name, fmt)
    doc, gdoc = extraction.get("document", {}), gold.get("document", {})
    for f in DOC_FIELDS:
        if f not in gdoc:
            continue
        ok = _same(doc.get(f), gdoc.get(f))
        s.fields[f] = ok
        if not ok:
            s.misses.append(f"document.{f}: got {doc.get(f)!r}, gold {gdoc.get(f)!r}")
    _score_citations(s, extraction.get("citations", []), gold.get("citations", []))
    _score_named(s, extraction.get("named_citations", []), gold.get("named_citations", []))
    _score_tasks(s, extraction.get("tasks", []), gold.get("tasks", []))
    return s


def _score_named(s: FileScore, got: list[dict], gold: list[dict]) -> None:
    """Named citations (no number) match when their names are equal in compare_form."""
    got_names = {compare_form(n.get("name")) for n in got if n.get("name")}
    gold_names = {compare_form(n.get("name")) for n in gold if n.get("name")}
    s.named_tp += len(got_names & gold_names)
    s.named_fp += len(got_names - gold_names)
    s.named_fn += len(gold_names - got_names)
    s.misses += [f"named citation missed: {n}" for n in sorted(gold_names - got_names)]
    s.misses += [f"named citation extra: {n}" for n in sorted(got_names - gold_names)]


def _score_citations(s: FileScore, got: list[dict], gold: list[dict]) -> None:
    got_by = {normalize_number(c["number"]): c for c in got if c.get("number")}
    gold_by = {normalize_number(c["number"]): c for c in gold}
    for k, g in gold_by.items():
        c = got_by.get(k)
        if c is None:
            s.cit_fn += 1
            s.misses.append(f"citation missed: {g['number']}")
            continue
        s.cit_tp += 1
        if c.get("relation") == g.get("relation"):
            s.rel_ok += 1
        else:
            s.misses.append(f"relation {g['number']}: got {c.get('relation')}, gold {g.get('relation')}")
        if c.get("date") == g.get("date"):
            s.date_ok += 1
        else:
            s.misses.append(f"cited date {g['number']}: got {c.get('date')}, gold {g.get('date')}")
        if _same(c.get("issuer"), g.get("issuer")):
            s.issuer_ok += 1
        else:
            s.misses.append(f"cited issuer {g['number']}: got {c.get('issuer')!r}, gold {g.get('issuer')!r}")
    for k, c in got_by.items():
        if k not in gold_by:
            s.cit_fp += 1
            s.misses.append(f"citation extra: {c['number']}")


def _task_key(t: dict) -> tuple:
    """(appendix, section, no); an item numbered with its roman section ("I.1" in section I, as some
    golds write it) is the section's item "1", as the fixtures write it (seed002: IV, 1)."""
    section, no = str(t.get("section") or ""), str(t.get("no") or "")
    if re.fullmatch(r"[IVXL]+", section) and no.startswith(section + "."):
        no = no[len(section) + 1:]
    return (t.get("appendix") or "", section, no)


def _score_tasks(s: FileScore, got: list[dict], gold: list[dict]) -> None:
    s.task_gold = len(gold)
    got_by: dict[tuple, dict] = {}
    for t in got:
        got_by.setdefault(_task_key(t), t)
    for g in gold:
        t = got_by.get(_task_key(g))
        if t is None:
            s.misses.append(f"task missed: {_task_key(g)}")
            continue
        s.task_found += 1
        if _agency_set(t.get("lead")) == _agency_set(g.get("lead")):
            s.lead_ok += 1
        else:
            s.misses.append(f"task lead {_task_key(g)}: got {t.get('lead')}, gold {g.get('lead')}")
        if t.get("deadline") == g.get("deadline") and t.get("deadline_kind") == g.get("deadline_kind"):
            s.deadline_ok += 1
        else:
            s.misses.append(f"task deadline {_task_key(g)}: got {t.get('deadline')}/{t.get('deadline_kind')}, "
                            f"gold {g.get('deadline')}/{g.get('deadline_kind')}")
        if _same(_unpunctuated(t.get("name")), _unpunctuated(g.get("name"))):
            s.name_ok += 1
        else:
            s.misses.append(f"task name {_task_key(g)}: got {t.get('name')!r}, gold {g.get('name')!r}")


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = (2 * p * r / (p + r)) if p and r else (0.0 if (tp + fp + fn) else None)
    return p, r, f1


def summarize(scores: list[FileScore]) -> dict[str, Any]:
    """Totals over a list of file scores (micro-averaged)."""
    tp = sum(s.cit_tp for s in scores)
    fp = sum(s.cit_fp for s in scores)
    fn = sum(s.cit_fn for s in scores)
    p, r, f1 = _prf(tp, fp, fn)
    named = _prf(sum(s.named_tp for s in scores), sum(s.named_fp for s in scores), sum(s.named_fn for s in scores))
    out: dict[str, Any] = {"files": len(scores)}
    for f in DOC_FIELDS:
        vals = [s.fields[f] for s in scores if f in s.fields]
        out[f] = _ratio(sum(vals), len(vals))
    out.update({
        "citations_gold": tp + fn, "citation_precision": p, "citation_recall": r, "citation_f1": f1,
        "relation_acc": _ratio(sum(s.rel_ok for s in scores), tp),
        "cited_date_acc": _ratio(sum(s.date_ok for s in scores), tp),
        "cited_issuer_acc": _ratio(sum(s.issuer_ok for s in scores), tp),
        "named_gold": sum(s.named_tp + s.named_fn for s in scores), "named_f1": named[2],
        "tasks_gold": sum(s.task_gold for s in scores),
        "tasks_found": _ratio(sum(s.task_found for s in scores), sum(s.task_gold for s in scores)),
        "task_lead_acc": _ratio(sum(s.lead_ok for s in scores), sum(s.task_gold for s in scores)),
        "task_deadline_acc": _ratio(sum(s.deadline_ok for s in scores), sum(s.task_gold for s in scores)),
        "task_name_acc": _ratio(sum(s.name_ok for s in scores), sum(s.task_gold for s in scores)),
        "errors": sum(len(s.errors) for s in scores),
    })
    return out


def evaluable_files(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs under the given files or folders."""
    out = []
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() in FORMATS and f.is_file():
                g = gold_for(f)
                if g:
                    out.append((f, g))
    return out


def evaluate(paths: Iterable[Path]) -> list[FileScore]:
    """Read, extract and score every document that has a gold file."""
    from extractors import extract
    from pipeline.errors import VanbanError
    from pipeline.readers import read

    scores = []
    for f, g in evaluable_files(paths):
        gold = json.loads(g.read_text(encoding="utf-8"))
        fmt = f.suffix.lower().lstrip(".")
        try:
            extraction = extract(read(f))
        except Exception as e:  # noqa: BLE001 — a crash on one file is scored, not fatal
            msg = str(e) if isinstance(e, VanbanError) else f"{type(e).__name__}: {e}"
            s = FileScore(f.name, fmt, errors=[msg])
            s.task_gold = len(gold.get("tasks", []))
            s.cit_fn = len(gold.get("citations", []))
            scores.append(s)
            continue
        scores.append(score_file(extraction, gold, fmt, f.name))
    return scores


def by_format(scores: list[FileScore]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[FileScore]] = {}
    for s in scores:
        groups.setdefault(s.fmt, []).append(s)
    table = {fmt: summarize(group) for fmt, group in sorted(groups.items())}
    table["all"] = summarize(scores)
    return table
