"""Legacy Word .doc, .rtf and OpenDocument .odt: converted to .docx by LibreOffice headless,
then read by the .docx reader. Each conversion uses its own throw-away LibreOffice profile
(so parallel runs do not fight over one) and a time limit."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import CorruptFile, EncryptedFile, MissingTool
from pipeline.model import ReadDocument

TIMEOUT = int(os.environ.get("VANBAN_SOFFICE_TIMEOUT", "180"))


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise MissingTool("LibreOffice is not installed (needed for .doc/.rtf/.odt); "
                          "install it: apt-get install libreoffice-writer-nogui",
                          "chưa cài LibreOffice (cần cho tệp .doc/.rtf/.odt); "
                          "cài bằng: apt-get install libreoffice-writer-nogui")
    return exe


def _encrypted_ole(data: bytes) -> bool:
    """An OLE file holding an encrypted Office package (password-protected .docx/.doc)."""
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


def convert_to_docx(path: Path, data: bytes, fmt: str) -> bytes:
    """Bytes of the .docx LibreOffice makes from `data` (a .doc/.rtf/.odt file)."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="vanban-soffice-") as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(Path(tmp) / "out"), str(src)]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                 env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired as e:
            raise CorruptFile(f"{path.name}: LibreOffice took longer than {TIMEOUT} s to convert it",
                              f"{path.name}: LibreOffice chuyển đổi quá {TIMEOUT} giây") from e
        out = Path(tmp) / "out" / "input.docx"
        if res.returncode != 0 or not out.exists():
            raise CorruptFile(f"{path.name}: LibreOffice could not open the .{fmt} file "
                              f"({(res.stderr or res.stdout).strip()[:200]})",
                              f"{path.name}: LibreOffice không mở được tệp .{fmt}")
        return out.read_bytes()


def read_office(path: Path, data: bytes, sha256: str, fmt: str) -> ReadDocument:
    if fmt == "doc" and _encrypted_ole(data):
        raise EncryptedFile(f"{path.name}: the document is password-protected",
                            f"{path.name}: văn bản được đặt mật khẩu")
    from pipeline.readers.docx import read_docx
    doc = read_docx(path, convert_to_docx(path, data, fmt), sha256, fmt=fmt)
    doc.warnings.append(f"converted from .{fmt} by LibreOffice")
    return doc
