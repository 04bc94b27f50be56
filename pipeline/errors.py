"""Errors a person can read: each carries a Vietnamese and an English reason."""
from __future__ import annotations


class VanbanError(Exception):
    """Base error. `vi` and `en` are one-line reasons for a person; `code` is stable for tools."""

    code = "error"

    def __init__(self, en: str, vi: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.vi = vi or en

    def __str__(self) -> str:
        return f"{self.vi} / {self.en}" if self.vi != self.en else self.en

    def to_dict(self) -> dict:
        return {"code": self.code, "error_class": type(self).__name__, "reason_vi": self.vi, "reason_en": self.en}


class ReadError(VanbanError):
    code = "read_error"


class UnsupportedFormat(ReadError):
    code = "unsupported_format"


class EmptyFile(ReadError):
    code = "empty_file"


class CorruptFile(ReadError):
    code = "corrupt_file"


class MislabelledFile(ReadError):
    """The name says one format, the bytes another (a PDF named .docx, text named .pdf)."""

    code = "mislabelled_file"


class EncryptedFile(ReadError):
    code = "encrypted_file"


class TooLarge(ReadError):
    code = "too_large"


class MissingTool(ReadError):
    """A system tool (Tesseract, LibreOffice) needed for this file is not installed."""

    code = "missing_tool"


class UsageError(VanbanError):
    code = "usage"
