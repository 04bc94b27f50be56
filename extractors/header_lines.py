"""The lines of a document's head and what every header rule asks of a line: in capitals, the
national motto, a rule, a signing-authority mark, the enacting authority (DOMAIN.md §1-2)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import vocab
from extractors.phrases import phrase_alternation
from pipeline.normalize import fold

HEAD_CHARS = 1600


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped display text
    cont: bool = False  # a virtual line continuing the previous one on the same printed line

    @property
    def f(self) -> str:
        return fold(self.text)


_LINE = re.compile(r"[^\n\t]+")


def lines_of(text: str, lo: int = 0, hi: int | None = None) -> list[Line]:
    """Non-empty lines of text[lo:hi] split at newlines and tabs, with offsets."""
    hi = len(text) if hi is None else hi
    out = []
    for m in _LINE.finditer(text[lo:hi]):
        s = m.group(0)
        if not s.strip():
            continue
        lead = len(s) - len(s.lstrip())
        t = s.strip()
        out.append(Line(lo + m.start() + lead, lo + m.start() + lead + len(t), t))
    return out


MOTTO = re.compile(r"(?i)c[ộô]ng\s+h\w{1,3}\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam|độc\s+lập\s*[-–]\s*tự\s+do\s*[-–]\s*hạnh\s+phúc|"
                    r"đảng\s+cộng\s+sản\s+việt\s+nam")
RULE = re.compile(r"^[\s*\-_–—=.]+$")
AUTH = re.compile(r"^(TM\.|T/M|T\.M\.|KT\.|K/T|TL\.|T/L|TUQ\.|Q\.|Q/|(?:TM|KT|TL)(?=\s))\s*(.*)$")   # "KT BỘ TRƯỞNG": no dot
STOP_SUBJECT = re.compile(r"(?i)^(căn cứ|kính gửi|kính thưa|nơi nhận|thực hiện chỉ đạo|[IVX]+[.\-–]\s|phần\s|chương\s|điều\s+\d|\d+\.\s"
                          r"|(?-i:[A-H])\s*[.\-–]\s*(?=[A-ZĐÀ-Ỹ]))")   # "A -MỤC ĐÍCH, YÊU CẦU": a lettered part


def is_caps(s: str) -> bool:
    letters = "".join(filter(str.isalpha, s))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)


def _authority_line() -> re.Pattern[str]:
    """The enacting authority printed under a title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "TỔNG KIỂM
    TOÁN NHÀ NƯỚC"): a body or an official title of data/header_layout.json and header_repost.json."""
    words = vocab.load("header_layout.json")["enacting_authorities"] + vocab.load("header_repost.json")["official_titles"]
    return re.compile(rf"(?i)^{phrase_alternation(fold(w) for w in words)}\b")


AUTHORITY_LINE = _authority_line()
