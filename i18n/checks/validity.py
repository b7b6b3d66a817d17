"""PO validity as `msgfmt -c` judges it, in Python (no process per file).

Errors where msgfmt -c rejects a file: no header entry, a charset the bytes are not valid
in, a missing or invalid Plural-Forms (nplurals, the expression, values it can take,
division by zero), an entry whose number of msgstr[n] differs from nplurals, a duplicate
msgid, msgid and msgstr not both beginning or ending with a newline. Warnings where msgfmt
only warns: header fields missing or still at their template value, an unknown charset.
Format-string mismatches of `c-format` / `python-format` / `python-brace-format` entries are
the `placeholders` QA check. msgfmt skips fuzzy entries; the runner lowers entry findings
on fuzzy entries to warnings, so the error verdict stays the same.
"""
from __future__ import annotations

import codecs
import gettext
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.po import parse_po
from ..errors import POFileError
from ..fileio import read_bytes
from .registry import EntryView, FileView, Located, also, register

if TYPE_CHECKING:
    import polib

__all__ = ["decode_po", "check_plural_entry", "check_newlines", "HEADER_DEFAULTS"]

# Header fields msgfmt -c wants, with the value xgettext leaves in a template.
HEADER_DEFAULTS = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "Language": "",
    "MIME-Version": "",
    "Content-Type": "text/plain; charset=CHARSET",
    "Content-Transfer-Encoding": "ENCODING",
}
_CHARSET = re.compile(rb"charset=([^\s\"\\;]+)")
_HEADER_LINE = re.compile(r'^msgid ""\s*$', re.MULTILINE)
_PLURAL = re.compile(r"plural\s*=\s*([^;]*)")
_NPLURALS = re.compile(r"nplurals\s*=\s*([^;]*)")
# The Plural-Forms expression is evaluated for these n; real rules repeat within 0..199.
_SAMPLE_N = tuple(range(0, 1001)) + (10_000, 100_000, 1_000_000)


def decode_po(path: Path) -> tuple[polib.POFile, str, list[Located]]:
    """Read and parse a PO file in the charset its header declares.

    Returns (polib catalog, text, charset problems as `Located`).
    An unreadable file or a PO syntax error raises POFileError with file:line.
    """
    path = Path(path)
    data = read_bytes(path, error=POFileError, kind="a PO file")
    problems = []
    m = _CHARSET.search(data[:8192])
    charset = m.group(1).decode("ascii", "replace") if m else "UTF-8"
    line = data[: m.start()].count(b"\n") + 1 if m else 1
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        problems.append(Located(line, f"charset {charset!r} is not a known encoding name; write charset=UTF-8",
                                "warning"))
        codec = "utf-8"
    if codec == "utf-8":
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data.count(b"\n", 0, exc.start) + 1
        problems.append(Located(bad, f"byte {data[exc.start]:#04x} is not valid {charset}; save the file as "
                                f"{charset} or declare the charset it is written in (UTF-8)", "error"))
        text = data.decode("utf-8", "replace")
    return parse_po(text, path=path), text, problems


def _header_line(text: str) -> int:
    m = _HEADER_LINE.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


@register("po-header", "warning", "file")
def check_header(file: FileView) -> list[Located]:
    """PO header fields present and filled in."""
    line = _header_line(file.text)
    meta = file.po.metadata
    if not meta:
        return [Located(line, "the PO header entry (msgid \"\") is missing; add one with Content-Type and Language",
                        "error")]
    out = []
    missing = [k for k in HEADER_DEFAULTS if k not in meta]
    if missing:
        out.append(Located(line, f"header fields missing: {', '.join(missing)}"))
    stale = [k for k, v in HEADER_DEFAULTS.items() if k in meta and meta[k].strip() == v and (v or k == "Language")]
    if stale:
        out.append(Located(line, f"header fields still at their template value: {', '.join(stale)}; fill them in"))
    return out


@register("po-charset", "error", "file")
def check_charset(file: FileView) -> list[Located]:
    """File valid in the charset its header declares."""
    return list(file.charset_problems)  # found by decode_po, which must decode before parsing


@register("po-plural-forms", "error", "entry")
def check_plural_forms(view: EntryView) -> list[str]:
    """Plural-Forms valid and matching every plural entry."""
    return check_plural_entry(view.forms, view.nplurals) if view.forms is not None else []


@also("po-plural-forms", "file")
def check_plural_header(file: FileView) -> list[Located]:
    """The header's Plural-Forms: present when needed, valid, in range."""
    if not file.po.metadata:
        return []  # po-header reports the missing header
    line = _header_line(file.text)
    return [Located(line, message) for message in _plural_header(file.po.metadata, file.entries, file.target)]


@register("po-duplicate", "error", "entry", fuzzy_too=True)  # msgfmt -c rejects a duplicate even when fuzzy
def check_duplicate(view: EntryView) -> list[str]:
    """No duplicate entries."""
    if view.duplicate_of is None:
        return []
    return [f"duplicate entry: the same msgid is at line {view.duplicate_of}; merge them"]


@register("po-newline", "error", "entry")
def check_newline(view: EntryView) -> list[str]:
    """msgid and msgstr both begin and end with a newline, or neither."""
    return [message for source, target in view.pairs if target for message in check_newlines(source, target)]


def _plural_header(meta: dict, entries: list, target: str | None) -> list[str]:
    value = meta.get("Plural-Forms")
    advice = _advice(target)
    if value is None:
        if any(e.msgid_plural for e in entries):
            return [f"the catalog has plural entries but the header has no Plural-Forms{advice}"]
        return []
    n_match, p_match = _NPLURALS.search(value), _PLURAL.search(value)
    if not n_match or not p_match:
        return [f"Plural-Forms lacks nplurals=INTEGER or plural=EXPRESSION{advice}"]
    try:
        nplurals = int(n_match.group(1).strip())
    except ValueError:
        return [f"Plural-Forms has an invalid nplurals value{advice}"]
    try:
        func = gettext.c2py(p_match.group(1).strip())
    except (ValueError, SyntaxError, RecursionError):
        return [f"Plural-Forms has an invalid plural expression{advice}"]
    try:
        largest = max(int(func(n)) for n in _SAMPLE_N)
    except ZeroDivisionError:
        return [f"the Plural-Forms expression can divide by zero{advice}"]
    if nplurals < 1 or largest >= nplurals:
        return [f"nplurals = {nplurals} but the plural expression gives values up to {largest}{advice}"]
    return []


def _advice(target: str | None) -> str:
    if not target:
        return ""
    try:
        from ..catalog.po import plural_forms

        return f"; for this language use: {plural_forms(target)}"
    except Exception:  # an unknown language: no advice, the finding stands
        return ""


def check_plural_entry(forms: list[str], nplurals: int | None) -> list[str]:
    """A plural entry's msgstr[n] count against nplurals."""
    if nplurals is None or len(forms) == nplurals or nplurals < 1:
        return []
    return [f"the entry has {len(forms)} plural forms but the header's nplurals is {nplurals}"]


def check_newlines(source: str, target: str) -> list[str]:
    """msgid and msgstr must both begin (and both end) with a newline, or neither."""
    out = []
    if source.startswith("\n") != target.startswith("\n"):
        out.append("msgid and msgstr do not both begin with a newline (\\n); match the source")
    if source.endswith("\n") != target.endswith("\n"):
        out.append("msgid and msgstr do not both end with a newline (\\n); match the source")
    return out
