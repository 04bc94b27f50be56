"""Checks that run before any reader touches a file's bytes.

Size limit, emptiness, and for zip containers (docx/odt) the uncompressed sizes declared in
the zip directory, so a zip bomb is refused without inflating anything. `read()` calls
`guard_file` first, so `vanban extract`, `ingest` and `watch` are all protected.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from pipeline.errors import CorruptFile, EmptyFile, TooLarge

ZIP_MAGIC = b"PK\x03\x04"
MAX_BYTES_DEFAULT = 200 * 1024 * 1024   # 200 MiB per file
MAX_UNZIPPED_DEFAULT = 1 << 30          # 1 GiB declared uncompressed in one container
MAX_RATIO_DEFAULT = 100                 # deflate ratio that no real document member reaches…
RATIO_FLOOR = 8 << 20                   # …checked only for members above 8 MiB uncompressed


def max_bytes() -> int:
    """The file size limit: env VANBAN_MAX_BYTES (read at each call), else 200 MiB."""
    return int(os.environ.get("VANBAN_MAX_BYTES", MAX_BYTES_DEFAULT))


def max_unzipped_bytes() -> int:
    return int(os.environ.get("VANBAN_MAX_UNZIPPED_BYTES", MAX_UNZIPPED_DEFAULT))


def max_zip_ratio() -> float:
    return float(os.environ.get("VANBAN_MAX_ZIP_RATIO", MAX_RATIO_DEFAULT))


def check_zip_container(path: Path) -> None:
    """Refuse a zip whose directory declares too much uncompressed data (a zip bomb) or that
    cannot be opened at all. Only the central directory is read; nothing is inflated.

    Python's zipfile (used by python-docx and openpyxl) never inflates past a member's declared
    `file_size`, so checking the declared sizes bounds what any reader will inflate."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise CorruptFile(f"{path.name}: damaged or truncated zip container ({e})",
                          f"{path.name}: tệp nén (docx/zip) bị hỏng hoặc bị cắt cụt ({e})") from e
    total = sum(i.file_size for i in infos)
    limit = max_unzipped_bytes()
    if total > limit:
        raise TooLarge(f"{path.name}: zip bomb refused: {total} bytes uncompressed declared, limit {limit}",
                       f"{path.name}: từ chối tệp nén bất thường (zip bomb): khai {total} byte khi giải nén, "
                       f"giới hạn {limit}")
    ratio_limit = max_zip_ratio()
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > ratio_limit * max(i.compress_size, 1):
            ratio = i.file_size / max(i.compress_size, 1)
            raise TooLarge(f"{path.name}: zip bomb refused: member {i.filename} inflates {ratio:.0f}x "
                           f"to {i.file_size} bytes",
                           f"{path.name}: từ chối tệp nén bất thường (zip bomb): {i.filename} giải nén "
                           f"gấp {ratio:.0f} lần, {i.file_size} byte")


def guard_file(path: Path) -> None:
    """Checks that need no reader: exists, not empty, under the size limit, sane zip directory."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(f"{path.name}: the file is empty", f"{path.name}: tệp rỗng")
    limit = max_bytes()
    if size > limit:
        raise TooLarge(f"{path.name}: {size} bytes is over the limit of {limit}",
                       f"{path.name}: tệp {size} byte vượt giới hạn {limit}")
    with open(path, "rb") as f:
        head = f.read(4)
    if head == ZIP_MAGIC:
        check_zip_container(path)
