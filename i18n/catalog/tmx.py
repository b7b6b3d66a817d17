"""TMX 1.4b read and write: translation memories exchanged with OmegaT, Trados, Weblate and
translate-toolkit.

A `<tu>` holds one sentence in several languages (`<tuv xml:lang="..."><seg>`); we read
each tuv in another language than the tu's source as one `TMXUnit` (source -> target). The
source language of a tu is its `srclang` attribute, else the header's (`*all*`: the tu's
first tuv); translate-toolkit's `po2tmx` writes `srclang` on each tu and `en` in the header
whatever the source. Language codes go through `langs.normalize_lang` (`id-ID`, `ru_RU`,
`EN`); tuvs in other languages are skipped and counted. A unit's date is the target tuv's
`changedate` or `creationdate`, else the tu's. Inline codes in a `<seg>` (`<bpt>`, `<ph>`,
...) are read as their text, the native code they carry. `TMX 1.1` files (`lang` instead of
`xml:lang`) read the same way.

Parsing goes through defusedxml's SAX parser, which gives a line for every element: a file
that declares entities (the billion-laughs bomb) or refers to external ones is refused,
never expanded or fetched, and a malformed one raises `TMXError` with its line. Writing is
deterministic (no run date in the header) and atomic (`fileio`).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import InputSource, Locator

from ..errors import InputError, LanguageError
from ..fileio import read_bytes, write_bytes_atomic
from ..langs import normalize_lang

__all__ = ["TMXError", "TMXUnit", "TMXFile", "read_tmx", "parse_tmx", "render_tmx", "write_tmx", "xml_unsafe"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TMX_DATE = "%Y%m%dT%H%M%SZ"
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry


class TMXError(InputError):
    """A TMX file is malformed, unsafe or not TMX."""


@dataclass(frozen=True)
class TMXUnit:
    """One translation: a source sentence and its translation in one target language."""

    source: str  # normalised language codes
    target: str
    text: str
    translation: str
    date: str = ""  # ISO 8601 UTC (`2026-11-01T10:00:00Z`); "" when the file gives none
    tuid: str = ""
    line: int = 0  # the line of its <tu> in the file read
    notes: tuple[str, ...] = ()
    props: tuple[tuple[str, str], ...] = ()  # (type, value) of the tu's <prop> elements


@dataclass
class TMXFile:
    """What a TMX file held: its units, its header and what was left out."""

    units: list[TMXUnit] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)
    skipped_langs: Counter[str] = field(default_factory=Counter)  # tuvs per unsupported code
    skipped_tus: int = 0  # tus with no source tuv, no translation or only empty segments
    date: str = ""  # the header's creationdate (ISO UTC), "" when it has none


def xml_unsafe(text: str) -> bool:
    """Whether `text` holds a character XML 1.0 cannot carry (most C0 controls)."""
    return _UNSAFE.search(text) is not None


def read_tmx(path: Path | str) -> TMXFile:
    """Read a TMX file (see the module docstring for what is kept)."""
    path = Path(path)
    return parse_tmx(read_bytes(path, error=TMXError, kind="a TMX file"), path=path)


def parse_tmx(data: bytes, *, path: Path | str = "<tmx>") -> TMXFile:
    """Parse TMX bytes safely: no entity expansion, nothing fetched, errors at their line."""
    from defusedxml import DefusedXmlException

    handler = _Handler(path)
    parser = _parser()
    parser.setContentHandler(handler)
    source = InputSource()
    source.setByteStream(BytesIO(data))
    try:
        parser.parse(source)
    except DefusedXmlException as exc:
        raise TMXError(
            path, f"refused: the file declares or references XML entities ({type(exc).__name__}); "
            "TMX needs none: export it again without a DTD internal subset", line=handler.line(),
        ) from None
    except SAXParseException as exc:
        raise TMXError(
            path, f"not well-formed XML ({exc.getMessage()}, column {(exc.getColumnNumber() or 0) + 1}); "
            "fix the file or export it again", line=exc.getLineNumber(),
        ) from None
    if not handler.seen_root:
        raise TMXError(path, "not a TMX file: no <tmx> element; export the memory again as TMX")
    return handler.result


def _parser():
    """defusedxml's SAX parser that also accepts, without fetching it, the external DTD a
    `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` names (translate-toolkit and OmegaT write one)."""
    from defusedxml.common import ExternalReferenceForbidden
    from defusedxml.expatreader import DefusedExpatParser

    class Parser(DefusedExpatParser):
        def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
            if context is None:  # the external DTD subset: skipped, never read
                return 1
            raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser = Parser()
    parser.forbid_dtd, parser.forbid_entities, parser.forbid_external = False, True, True
    return parser


class _TU:
    def __init__(self, attrs: dict[str, str], line: int):
        self.attrs = attrs
        self.line = line
        self.tuvs: list[tuple[str, dict[str, str], str]] = []  # (raw language, attributes, segment)
        self.notes: list[str] = []
        self.props: list[tuple[str, str]] = []


class _Handler(ContentHandler):
    """Builds a TMXFile from SAX events, raising TMXError at the line of a misplaced element."""

    def __init__(self, path: Path | str):
        super().__init__()
        self.path = path
        self.result = TMXFile()
        self.locator: Locator | None = None
        self.seen_root = False
        self.tu: _TU | None = None
        self.tuv: tuple[str, dict[str, str], int] | None = None
        self.seg: str | None = None
        self.buffer: list[str] | None = None  # text of the <seg>, <note> or <prop> being read
        self.prop_type = ""

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def skippedEntity(self, name: str) -> None:
        # With an external DTD that is never read, expat skips an undeclared entity silently.
        raise self.fail(f"entity &{name}; is not defined (TMX uses only &lt; &gt; &amp; &quot; &apos;); "
                        "write the character itself")

    def line(self) -> int | None:
        return self.locator.getLineNumber() if self.locator is not None else None

    def fail(self, message: str) -> TMXError:
        return TMXError(self.path, message, line=self.line())

    def startElement(self, name: str, attrs) -> None:
        if not self.seen_root:
            if name != "tmx":
                raise self.fail(f"not a TMX file: the root element is <{name}>, expected <tmx>")
            self.seen_root = True
        elif name == "header":
            self.result.header = dict(attrs)
            if attrs.get("creationdate"):
                self.result.date = _parse_date(attrs["creationdate"], "creationdate", self.path, self.line() or 0)
        elif name == "tu":
            if self.tu is not None:
                raise self.fail("<tu> inside another <tu>; fix the file or export it again")
            self.tu = _TU(dict(attrs), self.line() or 0)
        elif name == "tuv":
            if self.tu is None or self.tuv is not None:
                raise self.fail("<tuv> outside a <tu>; fix the file or export it again")
            lang = attrs.get("xml:lang") or attrs.get("lang") or ""
            if not lang.strip():
                raise self.fail("<tuv> without xml:lang; give each <tuv> its language")
            self.tuv, self.seg = (lang, dict(attrs), self.line() or 0), None
        elif name == "seg":
            if self.tuv is None:
                raise self.fail("<seg> outside a <tuv>; fix the file or export it again")
            self.buffer = []
        elif name in ("note", "prop") and self.tu is not None and self.tuv is None:
            self.buffer, self.prop_type = [], attrs.get("type", "")

    def characters(self, content: str) -> None:
        if self.buffer is not None:
            self.buffer.append(content)

    def endElement(self, name: str) -> None:
        if name == "seg" and self.buffer is not None:
            self.seg, self.buffer = "".join(self.buffer), None
        elif name == "tuv" and self.tu is not None and self.tuv is not None:
            if self.seg is None:
                raise TMXError(self.path, "<tuv> without <seg>; give it one, empty if need be", line=self.tuv[2])
            self.tu.tuvs.append((self.tuv[0], self.tuv[1], self.seg))
            self.tuv = None
        elif name in ("note", "prop") and self.buffer is not None and self.tuv is None and self.tu is not None:
            text = "".join(self.buffer).strip()
            if name == "note":
                self.tu.notes.append(text)
            else:
                self.tu.props.append((self.prop_type, text))
            self.buffer = None
        elif name == "tu" and self.tu is not None:
            self._add_units(self.tu)
            self.tu = None

    def _lang(self, raw: str) -> str | None:
        try:
            return normalize_lang(raw)
        except LanguageError:
            self.result.skipped_langs[raw] += 1
            return None

    def _add_units(self, tu: _TU) -> None:
        if not tu.tuvs:
            self.result.skipped_tus += 1
            return
        declared = tu.attrs.get("srclang") or self.result.header.get("srclang") or "*all*"
        raw_source = tu.tuvs[0][0] if declared.strip().lower() == "*all*" else declared
        source = self._lang(raw_source)
        tuvs = [(self._lang(raw), attrs, seg.strip()) for raw, attrs, seg in tu.tuvs]
        text = next((seg for lang, _, seg in tuvs if lang == source), "")
        added = 0
        for lang, attrs, seg in tuvs:
            if source is None or lang is None or lang == source or not text or not seg:
                continue
            date = self._date(attrs, tu) or ""
            self.result.units.append(TMXUnit(
                source, lang, text, seg, date, tu.attrs.get("tuid", ""), tu.line, tuple(tu.notes), tuple(tu.props),
            ))
            added += 1
        if not added:
            self.result.skipped_tus += 1

    def _date(self, attrs: dict[str, str], tu: _TU) -> str | None:
        for holder in (attrs, tu.attrs):
            for key in ("changedate", "creationdate"):
                if holder.get(key):
                    return _parse_date(holder[key], key, self.path, tu.line)
        return None


def _parse_date(value: str, key: str, path: Path | str, line: int) -> str:
    """A TMX date (`20261101T100000Z`; also ISO 8601) as ISO UTC."""
    text = value.strip()
    try:
        when = datetime.strptime(text, _TMX_DATE).replace(tzinfo=timezone.utc)
    except ValueError:
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise TMXError(
                path, f"{key}={value!r} is not a TMX date (YYYYMMDDThhmmssZ); fix or remove it", line=line
            ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_tmx(units: Iterable[TMXUnit], *, tool_version: str = "0") -> bytes:
    """The units as a TMX 1.4b document, one <tu> per unit (UTF-8 bytes, deterministic).

    Raises ValueError for a unit holding a character XML cannot carry (`xml_unsafe`).
    """
    units = list(units)
    sources = {u.source for u in units}
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {
        "creationtool": "i18n-newsroom", "creationtoolversion": tool_version, "datatype": "plaintext",
        "segtype": "sentence", "adminlang": "en", "srclang": sources.pop() if len(sources) == 1 else "*all*",
        "o-tmf": "i18n-newsroom translation memory",
    })
    body = ET.SubElement(root, "body")
    for unit in units:
        if xml_unsafe(unit.text) or xml_unsafe(unit.translation):
            raise ValueError(f"unit {unit.text!r} holds a character XML cannot carry")
        attrs = {"srclang": unit.source}
        if unit.tuid:
            attrs["tuid"] = unit.tuid
        if unit.date:
            attrs["creationdate"] = _tmx_date(unit.date)
        tu = ET.SubElement(body, "tu", attrs)
        for note in unit.notes:  # TMX order: note, prop, tuv
            ET.SubElement(tu, "note").text = note
        for kind, value in unit.props:
            ET.SubElement(tu, "prop", {"type": kind}).text = value
        for lang, text in ((unit.source, unit.text), (unit.target, unit.translation)):
            ET.SubElement(ET.SubElement(tu, "tuv", {_XML_LANG: lang}), "seg").text = text
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def write_tmx(units: Iterable[TMXUnit], path: Path | str, *, tool_version: str = "0") -> None:
    """Write the units as a TMX 1.4b file (atomic)."""
    write_bytes_atomic(path, render_tmx(units, tool_version=tool_version), error=TMXError)


def _tmx_date(iso: str) -> str:
    when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return when.astimezone(timezone.utc).strftime(_TMX_DATE)
