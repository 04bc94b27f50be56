"""Readers: a file in, a `ReadDocument` out. The format is sniffed from the bytes, not the name.

`read(path)` is the only entry point the rest of the program uses. Each format lives in its
own module (`docx.py`, `pdf.py`, `txt.py`, …) exposing `read_<format>(path, data, sha256)`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import UnsupportedFormat
from pipeline.model import ReadDocument
from pipeline.readers.guards import guard_file


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sniff(data: bytes, name: str = "") -> str:
    """Format from the leading bytes: pdf, docx (zip with word/), doc (OLE), rtf, odt, image, txt."""
    head = data[:8]
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            if b"mimetypeapplication/vnd.oasis.opendocument.text" in data[:200]:
                return "odt"
            return "docx"
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in data[:200]:
            return "odt"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data[:5] == b"{\\rtf":
        return "rtf"
    if head.startswith(b"\x89PNG") or head[:3] == b"\xff\xd8\xff" or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    return "txt"


def read(path: str | Path) -> ReadDocument:
    """Read any supported file into the document model, or raise a `ReadError` saying why."""
    path = Path(path)
    guard_file(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fmt = sniff(data, path.name)
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf
        return read_pdf(path, data, sha)
    if fmt == "docx":
        from pipeline.readers.docx import read_docx
        return read_docx(path, data, sha)
    if fmt == "txt":
        from pipeline.readers.txt import read_txt
        return read_txt(path, data, sha)
    if fmt in ("doc", "rtf", "odt"):
        from pipeline.readers.office import read_office
        return read_office(path, data, sha, fmt)
    if fmt == "image":
        from pipeline.readers.ocr import read_image
        return read_image(path, data, sha)
    raise UnsupportedFormat(f"{path.name}: unsupported file format ({fmt})",
                            f"{path.name}: định dạng tệp không được hỗ trợ ({fmt})")
