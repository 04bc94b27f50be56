"""Readers: a file in, a `ReadDocument` out. The format is sniffed from the bytes, not the name.

`read(path)` is the only entry point the rest of the program uses. Each format lives in its
own module (`docx.py`, `pdf.py`, `txt.py`, …) exposing `read_<format>(path, data, sha256)`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import MislabelledFile, UnsupportedFormat
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


# What a file's name promises, and what its bytes are, by family: a .doc that is really RTF
# or .docx is common and harmless (LibreOffice reads them all); a PDF named .docx is not.
EXT_FAMILY = {".pdf": "pdf", ".docx": "office", ".doc": "office", ".rtf": "office", ".odt": "office",
              ".txt": "text", ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image",
              ".tiff": "image"}
FORMAT_FAMILY = {"pdf": "pdf", "docx": "office", "doc": "office", "rtf": "office", "odt": "office",
                 "txt": "text", "image": "image", "zip": "zip archive"}
FAMILY_VI = {"pdf": "PDF", "office": "văn bản Word/Office", "text": "văn bản thuần (text)",
             "image": "ảnh", "zip archive": "tệp nén zip"}


def check_label(path: Path, fmt: str) -> None:
    """Refuse a file whose extension names another family than its bytes (it goes to failed/)."""
    named = EXT_FAMILY.get(path.suffix.lower())
    actual = FORMAT_FAMILY.get(fmt, fmt)
    if named and named != actual:
        raise MislabelledFile(
            f"{path.name}: named {path.suffix} ({named}) but the content is {actual}; rename it and add it again",
            f"{path.name}: tên tệp là {path.suffix} ({FAMILY_VI.get(named, named)}) nhưng nội dung là "
            f"{FAMILY_VI.get(actual, actual)}; hãy đổi đúng phần mở rộng rồi nạp lại")


def read(path: str | Path) -> ReadDocument:
    """Read any supported file into the document model, or raise a `ReadError` saying why."""
    path = Path(path)
    guard_file(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fmt = sniff(data, path.name)
    check_label(path, fmt)
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
