"""Tasks (nhiệm vụ): every assignment in a document as a row of the task register.

Three readers, tried in order of authority:
1. appendix tables (`task_tables`) — .docx/.pdf tables mapped by their header words;
2. flattened tables (`task_text`) — the same tables after a PDF was turned into plain text;
3. prose (`task_prose`) — "X chủ trì, phối hợp với Y …", "(Cơ quan tham mưu: …; thời gian: …)",
   numbered items a), b), 1., 2. — used only when the document has no task table, since a
   plan's prose section "Tổ chức thực hiện" restates what its appendix assigns.
An item that names no body, nor does its introduction, falls to the letter's addressees ("Kính gửi").
"""
from __future__ import annotations

import re

from pipeline.model import ReadDocument


def extract_tasks(doc: ReadDocument, document: dict, citations: list[dict]) -> list[dict]:
    """Task records (SPEC.md "tasks" shape plus span/page/row provenance), in document order."""
    from extractors.task_common import reference_date
    from extractors.task_prose import extract_prose_tasks
    from extractors.task_tables import extract_table_tasks
    from extractors.task_text import extract_flat_table_tasks

    ref = reference_date(doc, document or {})
    tasks = extract_table_tasks(doc, ref)
    if tasks:
        return tasks
    tasks = extract_flat_table_tasks(doc, ref)
    if tasks:
        return tasks
    return _addressed(extract_prose_tasks(doc, ref), (document or {}).get("recipients") or [])


def _addressed(tasks: list[dict], recipients: list[str]) -> list[dict]:
    """An item of a letter that names no body, nor does its introduction, is the work of the bodies the letter
    is addressed to ("Kính gửi: Bộ Tư pháp." / "1. Tổ chức cuộc họp tổng kết …")."""
    names = [r for r in recipients if len(r.split()) <= 12 and not re.search(r"\d", r)]
    if not names or len(names) != len(recipients):
        return tasks
    for t in tasks:
        if not t["lead"]:
            t["lead"] = list(names)
    return tasks
