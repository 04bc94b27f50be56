"""Plain text: encoding detection, then one paragraph block per line."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile
from pipeline.model import DocumentBuilder, ReadDocument


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (with/without BOM), UTF-16 (BOM), else charset detection
    with Windows-1258 preferred among single-byte Vietnamese candidates."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) > 3 and (data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4):
        try:
            enc = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise CorruptFile("not a text file (no text encoding fits)", "không phải tệp văn bản (không nhận ra bảng mã)")
    return str(best), best.encoding


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, less tab, newline, form feed, CR


def looks_binary(text: str) -> bool:
    """Binary junk decoded as text: many control characters."""
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample) > 0.02


def _legacy(text: str, enc: str, data: bytes) -> tuple[str, str | None]:
    """Text converted from TCVN3/VNI when it is legacy-font mojibake (see pipeline.legacy)."""
    from pipeline.legacy import decode_legacy_bytes, fix_text
    if enc.startswith("utf"):
        return fix_text(text)
    found = decode_legacy_bytes(data)
    return found if found else (text, None)


def read_txt(path: Path, data: bytes, sha256: str) -> ReadDocument:
    text, enc = decode_text(data)
    if looks_binary(text) or "\x00" in text[:4096]:
        raise CorruptFile(f"{path.name}: binary data, not text", f"{path.name}: dữ liệu nhị phân, không phải văn bản")
    if not text.strip():
        raise EmptyFile(f"{path.name}: no text in the file", f"{path.name}: tệp không có nội dung")
    warnings = [] if enc.startswith("utf") else [f"decoded as {enc}"]
    text, legacy = _legacy(text, enc, data)
    if legacy:
        warnings = [f"converted from {legacy.upper()}"]
    b = DocumentBuilder()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        b.paragraph(line)
    return b.build(str(path), "txt", sha256, pages=None, warnings=warnings)
