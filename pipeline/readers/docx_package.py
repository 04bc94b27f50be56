"""A .docx package opened lazily: only the XML parts the reader uses are inflated and parsed.

python-docx's `Document()` inflates and parses every part on open (a 350 KB styles.xml alone
costs ~6 ms) although the reader needs only document.xml, numbering.xml, the header/footer
parts and a few styles. Part names and URI arithmetic are python-docx's (`PackURI`); the small
relationship and content-type lookups it keeps private are written out here with its rules
(first-level relationships by type, content types matched case-insensitively).
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from docx.opc.packuri import PACKAGE_URI, PackURI
from lxml import etree

# what zipfile raises on a damaged member (bad CRC, bad deflate data, unknown compression)
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError)
# python-docx's oxml parser options, so the trees match the ones python-docx would build
XML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class PackageError(Exception):
    """The package is not a readable Word document (what `docx.Document()` would raise on)."""


@dataclass(frozen=True)
class Rel:
    """One relationship of a part: id, type, and the part it targets (None when external)."""

    rid: str
    reltype: str
    target: PackURI | None


class DocxPackage:
    """The main document part of a .docx zip and the parts related to it, parsed on demand."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zip = zf
        main = self._single(self.rels(PACKAGE_URI), RT.OFFICE_DOCUMENT)
        if main is None:
            raise PackageError("no main document relationship in the package")
        self.main = main
        content_type = self._content_type(main)
        if content_type != CT.WML_DOCUMENT_MAIN:
            raise PackageError(f"not a Word file, content type is '{content_type}'")
        self.main_rels = self.rels(main)

    def blob(self, uri: PackURI) -> bytes:
        """The bytes of a part (PackageError when the zip lacks it or it is damaged)."""
        found = self._member(uri.membername)
        if found is None:
            raise PackageError(f"missing part {uri}")
        return found

    def _member(self, name: str) -> bytes | None:
        try:
            return self._zip.read(name)
        except KeyError:
            return None
        except _ZIP_ERRORS as e:
            raise PackageError(f"damaged zip member {name}: {e}") from e

    def xml(self, uri: PackURI) -> etree._Element:
        """A part parsed as python-docx parses it."""
        return etree.fromstring(self.blob(uri), XML_PARSER)

    def rels(self, source: PackURI) -> list[Rel]:
        """Relationships of a part (or of the package for PACKAGE_URI), in document order."""
        data = self._member(source.rels_uri.membername)
        if data is None:
            return []
        out = []
        for el in etree.fromstring(data, XML_PARSER).iterchildren(f"{_PR}Relationship"):
            ref = el.get("Target")
            if ref is None:
                raise PackageError(f"relationship {el.get('Id')} of {source} has no Target")
            external = el.get("TargetMode", RTM.INTERNAL) == RTM.EXTERNAL
            target = None if external else PackURI.from_rel_ref(source.baseURI, ref)
            out.append(Rel(el.get("Id"), el.get("Type"), target))
        return out

    def related(self, reltype: str) -> PackURI | None:
        """The part the main document relates to by `reltype` (the first, if several)."""
        return self._single(self.main_rels, reltype)

    def by_rid(self, rid: str) -> PackURI:
        """The part the main document relates to by relationship id (last one wins, as a dict)."""
        found = [r.target for r in self.main_rels if r.rid == rid and r.target is not None]
        if not found:
            raise PackageError(f"no part for relationship {rid}")
        return found[-1]

    @staticmethod
    def _single(rels: list[Rel], reltype: str) -> PackURI | None:
        return next((r.target for r in rels if r.reltype == reltype and r.target is not None), None)

    def _content_type(self, uri: PackURI) -> str:
        data = self._member("[Content_Types].xml")
        if data is None:
            raise PackageError("no [Content_Types].xml")
        root = etree.fromstring(data, XML_PARSER)
        overrides = {(el.get("PartName") or "").lower(): el.get("ContentType")
                     for el in root.iterchildren(f"{_CT}Override")}
        defaults = {(el.get("Extension") or "").lower(): el.get("ContentType")
                    for el in root.iterchildren(f"{_CT}Default")}
        if uri.lower() in overrides:
            return overrides[uri.lower()]
        if uri.ext.lower() in defaults:
            return defaults[uri.ext.lower()]
        raise PackageError(f"no content type for {uri}")
