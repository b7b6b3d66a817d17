"""TBX-Basic export and import, for terminology tools (Weblate, translate-toolkit, OmegaT).

What we keep maps onto the data categories those tools read:

| glossary            | TBX                                                                 |
|---------------------|---------------------------------------------------------------------|
| concept             | `<termEntry id="...">`                                               |
| note                | `<note>` on the entry                                               |
| type dnt            | `<descrip type="Translation needed">no</descrip>` (Weblate: read-only)|
| type forbidden      | every term `administrativeStatus` = `deprecatedTerm-admn-sts`       |
| type name / term    | `partOfSpeech` = `properNoun` / `noun`                               |
| variants, in order  | one `<tig>` each; the first `preferredTerm-admn-sts`, the rest admitted|
| case (non-default)  | `<descrip type="caseSensitivity">`                                   |

Import also reads `ntig/termGrp/term` and TBX v3 (`conceptEntry/langSec/termSec`), takes a
missing concept id from the first term, and skips languages outside id, en, ru, vi
(reporting which). Parsing goes through defusedxml: a file that declares entities (the
billion-laughs bomb) or refers to external ones is refused, never expanded or fetched.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, LanguageError
from ..fileio import read_bytes, write_bytes_atomic
from ..langs import SUPPORTED, normalize_lang
from ..model import Term
from .csvfile import GlossaryProblem, default_case_sensitive, read_terms, write_glossary_csv

__all__ = ["write_tbx", "render_tbx", "read_tbx", "parse_tbx", "import_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_SLUG = re.compile(r"[^\w]+")


def render_tbx(terms: Iterable[Term], *, source_lang: str = "id") -> bytes:
    """The terms as a TBX-Basic document (UTF-8 bytes, deterministic)."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: source_lang})
    header = ET.SubElement(root, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = "i18n newsroom glossary"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in terms:
        entry = ET.SubElement(body, "termEntry", {"id": term.concept})
        if term.type == "dnt":
            ET.SubElement(entry, "descrip", {"type": "Translation needed"}).text = "no"
        if term.case_sensitive != default_case_sensitive(term.type):
            case = "sensitive" if term.case_sensitive else "insensitive"
            ET.SubElement(entry, "descrip", {"type": "caseSensitivity"}).text = case
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        for lang in SUPPORTED:
            variants = term.forms.get(lang)
            if not variants:
                continue
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
            for i, variant in enumerate(variants):
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = variant
                pos = "properNoun" if term.type in ("name", "dnt") else "noun"
                ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = pos
                status = _DEPRECATED if term.type == "forbidden" else _PREFERRED if i == 0 else _ADMITTED
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def write_tbx(terms: Iterable[Term], path: Path | str, *, source_lang: str = "id") -> None:
    """Write the terms as a TBX-Basic file (atomic)."""
    path = Path(path)
    write_bytes_atomic(path, render_tbx(terms, source_lang=source_lang))


def read_tbx(path: Path | str) -> tuple[list[Term], list[str]]:
    """Read a TBX file: its terms and the (sorted) language codes that were skipped."""
    path = Path(path)
    return parse_tbx(read_bytes(path, kind="a TBX file"), path=path)


def import_tbx(path: Path | str, output: Path | str) -> tuple[list[Term], list[str], list[GlossaryProblem]]:
    """Convert a TBX file into the glossary CSV `output`: its terms, the languages skipped,
    and the problems the written CSV has (as `i18n glossary lint` reports them)."""
    terms, skipped = read_tbx(path)
    write_glossary_csv(terms, output)
    return terms, skipped, read_terms(output)[1]


def parse_tbx(data: bytes, *, path: Path | str = "<tbx>") -> tuple[list[Term], list[str]]:
    """Parse TBX bytes safely (no entity expansion, nothing fetched)."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            path,
            f"refused: the file declares or references XML entities ({type(exc).__name__}); "
            "TBX needs none: export it again without a DTD internal subset",
        ) from None
    except ET.ParseError as exc:
        line, _ = exc.position
        raise InputError(path, f"not well-formed XML ({exc}); fix or export the file again", line=line) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputError(path, f"not a TBX file: the root element is <{_local(root.tag)}>, expected <martif> or <tbx>")
    terms: list[Term] = []
    skipped: set[str] = set()
    seen: set[str] = set()
    for entry in root.iter():
        if _local(entry.tag) in ("termEntry", "conceptEntry"):
            term = _read_entry(entry, skipped, path)
            if term is None:
                continue
            if term.concept in seen:
                raise InputError(path, f"concept id '{term.concept}' appears twice")
            seen.add(term.concept)
            terms.append(term)
    return terms, sorted(skipped)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) == name]


def _read_entry(entry: ET.Element, skipped: set[str], path) -> Term | None:
    notes = [(n.text or "").strip() for n in _children(entry, "note")]
    descrips = {d.get("type", ""): (d.text or "").strip() for d in _children(entry, "descrip")}
    forms: dict[str, tuple[str, ...]] = {}
    statuses: list[str] = []
    parts: list[str] = []
    for lang_set in _children(entry, "langSet") + _children(entry, "langSec"):
        raw = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
        try:
            lang = normalize_lang(raw)
        except LanguageError:
            skipped.add(raw)
            continue
        variants: list[tuple[int, str]] = []
        for holder in lang_set.iter():
            if _local(holder.tag) not in ("tig", "ntig", "termSec"):
                continue
            term_el = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
            if term_el is None or not "".join(term_el.itertext()).strip():
                continue
            text = " ".join("".join(term_el.itertext()).split())
            status = ""
            for child in holder.iter():
                if _local(child.tag) == "termNote":
                    kind, value = child.get("type", ""), (child.text or "").strip()
                    if kind == "administrativeStatus":
                        status = value
                    elif kind == "partOfSpeech":
                        parts.append(value)
            statuses.append(status)
            variants.append((0 if status == _PREFERRED else 1, text))
        if variants:
            ordered = [text for _, text in sorted(variants, key=lambda v: v[0])]
            forms[lang] = tuple(dict.fromkeys(ordered))
    if not forms:
        return None
    concept = (entry.get("id") or "").strip()
    if not concept:
        first = next(iter(forms.values()))[0]
        concept = _SLUG.sub("-", first.lower()).strip("-") or first
    if statuses and all(s in (_DEPRECATED, "deprecated", "deprecatedTermAdmnSts") for s in statuses):
        type_ = "forbidden"
    elif descrips.get("Translation needed", "").lower() == "no":
        type_ = "dnt"
    elif parts and all(p == "properNoun" for p in parts):
        type_ = "name"
    else:
        type_ = "term"
    case = descrips.get("caseSensitivity", "").lower()
    sensitive = case == "sensitive" if case in ("sensitive", "insensitive") else default_case_sensitive(type_)
    note = "\n".join(n for n in notes if n)
    return Term(concept, type_, forms, sensitive, note, f"{Path(path).as_posix()}#{concept}")
