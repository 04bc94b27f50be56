"""styles.xml read one style at a time: a paragraph's style name and numbering, on first use.

A Word styles.xml is mostly table-style formatting (often 300+ KB, ~6 ms to parse whole);
the reader needs the few styles its paragraphs name. The file is indexed by a scan for its
top-level `<w:style>` elements and each style asked for is parsed alone, wrapped in the root
start tag so its namespace prefixes resolve. Anything the scan cannot vouch for (another
encoding, comments, CDATA, a DTD, W bound to a second prefix, escaped ids) makes it parse
the whole file instead. Names follow python-docx (`BaseStyle.name`, `BabelFish`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import docx
from docx.styles import BabelFish
from lxml import etree

from pipeline.readers.docx import W, q
from pipeline.readers.docx_package import XML_PARSER, PackageError

_ATTRS = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*):styles" + _ATTRS)
_DECL = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_UNSAFE = b"<!"  # a comment, CDATA section or DTD


def default_styles_xml() -> bytes:
    """python-docx's default styles part, which it uses when a document has none."""
    return (Path(docx.__file__).parent / "templates" / "default-styles.xml").read_bytes()


class Styles:
    """Style names, style numbering and fonts of one styles.xml, computed when first asked;
    the part itself is only inflated when a first question comes."""

    def __init__(self, load: Callable[[], bytes]) -> None:
        self._load = load
        self._xml: bytes | None = None
        self._root: etree._Element | None = None
        self._index: Index | None = None
        self._names: dict[str | None, str | None] = {}
        self._numbering: dict[str | None, tuple[str, int] | None] = {}

    def name(self, style_id: str | None) -> str | None:
        """The UI name of a style id (the id itself when no style has it), as python-docx names it."""
        if style_id not in self._names:
            name = style_id
            for st in self._styles(style_id):
                try:
                    name = _ui_name(st)
                except ValueError:  # w:name without w:val: python-docx fails on it; it is skipped
                    continue
            self._names[style_id] = name
        return self._names[style_id]

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph style that carries its own numbering ('List Number')."""
        if style_id not in self._numbering:
            found = None
            for st in self._styles(style_id):
                num_pr = st.find(f"{q('pPr')}/{q('numPr')}")
                nid = num_pr.find(q("numId")) if num_pr is not None else None
                if nid is not None:
                    il = num_pr.find(q("ilvl"))
                    found = (nid.get(q("val")), int(il.get(q("val"), "0")) if il is not None else 0)
            self._numbering[style_id] = found
        return self._numbering[style_id]

    def fonts(self) -> set[str]:
        """Every font name the styles set (rare: only legacy-encoding detection asks)."""
        names: set[str] = set()
        for rf in self._tree().iter(q("rFonts")):
            names.update(v for k in ("ascii", "hAnsi", "cs", "eastAsia") if (v := rf.get(q(k))))
        return names

    def _styles(self, style_id: str | None) -> list[etree._Element]:
        """The w:style elements with this styleId, in file order."""
        xml = self._bytes()
        if self._index is None:
            return [st for st in self._tree().iterchildren(q("style")) if st.get(q("styleId")) == style_id]
        open_tag, close_tag, starts, end = self._index
        out = []
        for a, b, closed in starts.get(style_id, ()):
            stop = b if closed else end.search(xml, b)
            if stop is None:
                raise PackageError(f"styles.xml: unclosed w:style {style_id!r}")
            chunk = xml[a:b] if closed else xml[a:stop.end()]
            out.append(etree.fromstring(open_tag + chunk + close_tag, XML_PARSER)[0])
        return out

    def _bytes(self) -> bytes:
        if self._xml is None:
            self._xml = self._load()
            self._index = _index(self._xml)
        return self._xml

    def _tree(self) -> etree._Element:
        if self._root is None:
            self._root = etree.fromstring(self._bytes(), XML_PARSER)
        return self._root


def _ui_name(style: etree._Element) -> str | None:
    el = style.find(q("name"))
    if el is None:
        return None
    val = el.get(q("val"))
    if val is None:
        raise ValueError("w:name without w:val")
    return BabelFish.internal2ui(val)


# root start tag, root end tag, styleId -> (start, end of start tag, self-closing) of each of
# its w:style elements, and the pattern that ends a w:style element
Index = tuple[bytes, bytes, dict[str | None, list[tuple[int, int, bool]]], re.Pattern[bytes]]


def _index(xml: bytes) -> Index | None:
    """Where each style starts, or None when the scan cannot be trusted and the whole file
    must be parsed."""
    decl = _DECL.match(xml)
    if decl and decl.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff") or _UNSAFE in xml:
        return None
    root = _ROOT.search(xml)
    if root is None:
        return None
    prefix = root.group(1)
    if (xml.count(W.encode()) != 1 or xml.count(b"xmlns:" + prefix + b"=") != 1
            or not re.search(rb"\sxmlns:" + prefix + rb"""\s*=\s*["']""" + re.escape(W.encode()), root.group(2))):
        return None
    open_tag = xml[root.start():root.end()]
    close_tag = b"</" + prefix + b":styles>"
    if root.group(3):  # <w:styles/>: no styles at all
        return open_tag[:-2] + b">", close_tag, {}, re.compile(b"")
    sid_attr = re.compile(rb"\s" + prefix + rb""":styleId\s*=\s*(?:"([^"]*)"|'([^']*)')""")
    starts: dict[str | None, list[tuple[int, int, bool]]] = {}
    for m in re.finditer(rb"<" + prefix + rb":style" + _ATTRS, xml):
        sid = sid_attr.search(m.group(1))
        raw = None if sid is None else (sid.group(1) if sid.group(1) is not None else sid.group(2))
        if raw is not None and re.search(rb"[&\t\r\n]", raw):
            return None  # escaped or whitespace-normalised id: leave it to the parser
        key = None if raw is None else raw.decode("utf-8")
        starts.setdefault(key, []).append((m.start(), m.end(), bool(m.group(2))))
    return open_tag, close_tag, starts, re.compile(rb"</" + prefix + rb":style\s*>")
