"""Generators for bad input files (and distinct good documents) used by the ingest/inbox tests.

Every file is made on the fly in a temp folder, so nothing large or hostile is stored in git.
Run `python tests/data/bad/badfiles.py DIR` to write the whole set into DIR for a manual try.
"""
from __future__ import annotations

import io
import os
import sys
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"

# name -> the error code each bad file must end with (pipeline.errors codes)
EXPECTED_CODES = {
    "empty.txt": {"empty_file"},
    "truncated.docx": {"corrupt_file"},
    "corrupt.pdf": {"corrupt_file"},
    "encrypted.pdf": {"encrypted_file"},
    "junk.txt": {"corrupt_file"},
    "bomb.docx": {"too_large"},
    "huge.txt": {"too_large"},
    "plain-zip.docx": {"unsupported_format", "mislabelled_file", "corrupt_file"},
    "lies.docx": {"mislabelled_file"},
}
HUGE_LIMIT = 1_000_000        # VANBAN_MAX_BYTES the tests set; huge.txt is over it


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def truncated_docx(path: Path) -> Path:
    data = (CORPUS / "seed001.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_pdf(path: Path) -> Path:
    """A PDF header followed by garbage: no objects, no xref, no trailer."""
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(4000) + b"\n%%EOF\n")
    return path


def encrypted_pdf(path: Path, password: str = "m@tkhau") -> Path:
    """A real text PDF from the corpus, encrypted with a user password (pypdf, RC4-128)."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(CORPUS / "seed000.pdf"))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with open(path, "wb") as f:
        writer.write(f)
    return path


def junk_txt(path: Path, size: int = 20000) -> Path:
    """Binary junk with a .txt name (deterministic bytes, many control characters and NULs)."""
    data = bytes((i * 7919 + (i >> 3) * 31) % 256 for i in range(size))
    path.write_bytes(data)
    return path


def zip_bomb_docx(path: Path, megabytes: int = 64) -> Path:
    """A docx-looking zip whose word/document.xml inflates ~1000x to `megabytes` MB of zeros.
    Written streaming, so making it never holds the inflated data in memory."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as w:
            for _ in range(megabytes):
                w.write(chunk)
    return path


def huge_txt(path: Path, size: int = HUGE_LIMIT + 500_000) -> Path:
    line = "Ủy ban nhân dân tỉnh Đồng Tháp triển khai kế hoạch chuyển đổi số.\n".encode()
    path.write_bytes(line * (size // len(line) + 1))
    return path


def pdf_named_docx(path: Path) -> Path:
    """A file whose extension lies: a real PDF named .docx."""
    shutil.copy(CORPUS / "seed000.pdf", path)
    return path


def plain_zip_docx(path: Path) -> Path:
    """A zip with no Word parts, named .docx."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes/readme.md", "# not a Word document\n")
        zf.writestr("data/values.csv", "a,b\n1,2\n")
    return path


MAKERS = {
    "empty.txt": empty,
    "truncated.docx": truncated_docx,
    "corrupt.pdf": corrupt_pdf,
    "encrypted.pdf": encrypted_pdf,
    "junk.txt": junk_txt,
    "bomb.docx": zip_bomb_docx,
    "huge.txt": huge_txt,
    "lies.docx": pdf_named_docx,
}


def make_bad_files(folder: Path) -> dict[str, Path]:
    """All eight bad files in `folder`; returns name -> path. Set VANBAN_MAX_BYTES=HUGE_LIMIT."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: make(folder / name) for name, make in MAKERS.items()}


# ---------------------------------------------------------------- distinct good documents

_BODY = (CORPUS / "seed004.txt").read_text(encoding="utf-8").splitlines()[4:40]


def good_lines(n: int) -> list[str]:
    """A plan with a header and a number of its own (n), so each variant is a distinct document."""
    day = n % 28 + 1
    return ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG THÁP", f"Số: {1000 + n}/KH-UBND",
            f"Đồng Tháp, ngày {day} tháng 3 năm 2026", "KẾ HOẠCH",
            f"Triển khai chuyển đổi số tại cơ sở, đợt {n}", *_BODY,
            f"Kế hoạch này thay thế các văn bản trước đây của đợt {n}.", "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH", "Huỳnh Minh Tuấn"]


def good_txt(path: Path, n: int) -> Path:
    path.write_text("\n".join(good_lines(n)) + "\n", encoding="utf-8")
    return path


def good_docx(path: Path, n: int) -> Path:
    import docx
    d = docx.Document()
    lines = good_lines(n)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "\n".join(lines[:3])
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 1).text = lines[3]
    for line in lines[4:]:
        d.add_paragraph(line)
    d.core_properties.title = f"Kế hoạch {1000 + n}"
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def make_good_files(folder: Path, count: int, start: int = 1) -> list[Path]:
    """`count` distinct good documents, alternating .txt and .docx, names with Vietnamese
    letters and spaces (and one with a leading dash)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + count):
        stem = f"Kế hoạch số {1000 + i} đợt {i}" if i != start else f"-kế hoạch {1000 + i}"
        out.append(good_docx(folder / f"{stem}.docx", i) if i % 2 else good_txt(folder / f"{stem}.txt", i))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for name, p in make_bad_files(target).items():
        print(p, p.stat().st_size)
