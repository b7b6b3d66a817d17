"""PO file I/O on top of polib: read with located errors, render deterministically, write atomically.

The in-memory catalog is a `polib.POFile`. Rendering is fixed (wrap width, entry order as
given, obsolete entries last), so the same catalog always gives the same bytes. `write_po`
compares with the file already on disk: when nothing but the dates would differ the file is
left untouched, so a re-run on unchanged input leaves `git status` clean.
"""
from __future__ import annotations

import codecs
import enum
import re
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import polib

from ..errors import POFileError
from ..fileio import read_bytes, write_bytes_atomic
from ..langs import LANGUAGE_NAMES, normalize_lang

__all__ = [
    "WRAP_WIDTH",
    "GENERATOR",
    "read_po",
    "decode_po",
    "parse_po",
    "render_po",
    "write_po",
    "plural_forms",
    "format_date",
    "wrap_comment",
    "entry_key",
    "refuse_duplicates",
    "new_header",
]

WRAP_WIDTH = 79  # GNU gettext's default (msgmerge, msgcat)
GENERATOR = "i18n-newsroom"
DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")
# What msgfmt's lexer accepts on a line that is not a comment: an optional `#~` (obsolete)
# and/or `#|` (previous) prefix, then a keyword and one quoted string, or a quoted string.
# polib silently repairs an unterminated or unquoted string (dropping characters), so these
# lines are checked before it parses: a broken file is refused, never rewritten garbled.
_PREFIX = re.compile(r"#~\s*(?:\|\s*)?|#\|\s*")
_STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
)
# A text whose every line `_check_strings`' loop accepts for sure, in one pass: blank lines,
# comments that are no `#~`/`#|` prefix, and lines of one quoted string, with a prefix or not
# (a subset of what the loop accepts: anything else goes through the loop, which names the
# line). Each line matches one way only, so a failing text costs one pass, not a backtrack
# through every split of its earlier lines' spaces.
_ONE_STRING = r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"[^"\\\n]*(?:\\.[^"\\\n]*)*"[ \t\r]*'
_PLAIN_LINE = (rf"[ \t]*(?:#(?![~|])[^\n]*|(?:#~[ \t]*(?:\|[ \t]*)?|#\|[ \t]*)(?:#[^\n]*|{_ONE_STRING}|\r)?"
               rf"|{_ONE_STRING}|\r)?")
_PLAIN_LINES = re.compile(rf"(?:{_PLAIN_LINE}\n)*{_PLAIN_LINE}")


def read_po(path: Path | str) -> polib.POFile:
    """Read a PO or POT file; a syntax error becomes POFileError naming file:line."""
    path = Path(path)
    return decode_po(read_bytes(path, error=POFileError, kind="a PO file"), path)


def decode_po(data: bytes, path: Path | str) -> polib.POFile:
    """Parse the bytes of a PO file read from `path` (in the charset its header declares)."""
    codec, charset = declared_charset(data)
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise POFileError(
            path, f"invalid {charset} at byte offset {exc.start}; save the file as {charset}"
            + ("" if codec == "utf-8" else " or declare the charset it is written in"), line=line
        ) from None
    return parse_po(text, path=path)


_CHARSET = re.compile(rb"charset=([^\s\"\\;]+)")


def declared_charset(data: bytes) -> tuple[str, str]:
    """(Python codec, name as written) of the charset a PO file's header declares; UTF-8 when
    it declares none or an unknown one (`i18n check` reports that as po-charset)."""
    m = _CHARSET.search(data[:8192])
    if m is None:
        return "utf-8", "UTF-8"
    name = m.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return "utf-8", "UTF-8"
    return codec, ("UTF-8" if codec == "utf-8" else name)


def encode_po(catalog: polib.POFile, path: Path | str, *, text: str | None = None) -> bytes:
    """The bytes of `catalog` (`text`: its rendering, when the caller has it) in the charset its
    header declares (a Latin-1 catalog stays Latin-1). A character the charset cannot hold is
    an error naming it and the conversion, never a silent substitution: the file is converted
    to UTF-8 only when the user asks."""
    text = render_po(catalog) if text is None else text
    codec, charset = declared_charset(text[:8192].encode("utf-8"))
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise POFileError(
            path,
            f"cannot be written in the charset its header declares ({charset}): {text[exc.start]!r} "
            f"(line {line} of the new text) has no {charset} form; convert the file to UTF-8 first "
            "(`msgconv -t UTF-8 FILE -o FILE`), then run again",
        ) from None


def parse_po(text: str, *, path: Path | str = "<string>") -> polib.POFile:
    """Parse PO text; errors name `path` and the line."""
    _check_strings(text, path)
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
    except (OSError, ValueError) as exc:
        m = _SYNTAX_LINE.search(str(exc))
        line = int(m.group(1)) if m else None
        detail = str(exc).split(": ", 1)[1] if ": " in str(exc) else "syntax error"
        if detail.startswith("Syntax error"):
            detail = "syntax error"
        raise POFileError(
            path,
            f"not a valid PO file ({detail}); fix it in a PO editor or check it with "
            "`msgfmt --check -o /dev/null FILE`",
            line=line,
        ) from None
    po.fpath = str(path)  # polib stores the text itself when given text; errors name the file
    po.wrapwidth = WRAP_WIDTH
    return po


def _check_strings(text: str, path: Path | str) -> None:
    """Refuse a keyword or string line that is not one well-formed quoted string."""
    if _PLAIN_LINES.fullmatch(text):
        return  # every line one that _bad_line accepts: a comment, blank, or one quoted string
    bad = _bad_line(text)
    if bad is not None:
        lineno, line = bad
        what = "unterminated string" if line.count('"') % 2 else "expected a keyword and a quoted string"
        raise POFileError(
            path,
            f"not a valid PO file ({what}); fix it in a PO editor or check it with "
            "`msgfmt --check -o /dev/null FILE`",
            line=lineno,
        )


def _bad_line(text: str) -> tuple[int, str] | None:
    """(line number, stripped line) of the first line that is not a comment, a blank line or
    one quoted string (after a keyword or `#~`/`#|`), or None."""
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("#"):
            m = _PREFIX.match(line)
            if m is None:
                continue  # a comment
            line = line[m.end():]
            if not line or line.startswith("#"):
                continue  # a comment of an obsolete entry (`#~ #, fuzzy`)
        if line and not _STRING_LINE.fullmatch(line):
            return lineno, line
    return None


def render_po(catalog: polib.POFile, *, memo: dict | None = None) -> str:
    """The PO text of `catalog`: fixed wrap width, entries in their order, obsolete last.

    The same text as polib's own rendering, entry by entry. `memo` (any dict the caller keeps
    for a few renderings of related catalogs) holds each entry's text by what it shows, so
    the entries two catalogs share are wrapped once (wrapping is most of the time it takes).
    """
    catalog.wrapwidth = WRAP_WIDTH
    memo = {} if memo is None else memo
    head = "".join(
        "#\n" if not line else f"#{line}\n" if line[:1] in (",", ":") else f"# {line}\n"
        for line in catalog.header.split("\n")
    )
    entries = [e for e in catalog if not e.obsolete] + catalog.obsolete_entries()
    body = [catalog.metadata_as_entry().__unicode__(WRAP_WIDTH)] + [_entry_text(e, memo) for e in entries]
    return (head + "\n".join(body)).rstrip("\n") + "\n"


def _entry_text(entry: polib.POEntry, memo: dict) -> str:
    """polib's text of `entry`, looked up in `memo` by every field that the text shows."""
    try:
        key = (
            entry.obsolete, entry.tcomment, entry.comment, tuple(map(tuple, entry.occurrences)),
            tuple(entry.flags), entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural,
            entry.msgctxt, entry.msgid, entry.msgid_plural, tuple(sorted(entry.msgstr_plural.items())),
            entry.msgstr,
        )
    except TypeError:  # unhashable or unsortable fields set by a caller: no memo
        return entry.__unicode__(WRAP_WIDTH)
    text = memo.get(key)
    if text is None:
        text = memo[key] = entry.__unicode__(WRAP_WIDTH)
    return text


def format_date(when: datetime) -> str:
    """A PO header date: `2026-01-31 14:05+0000`."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M%z")


def plural_forms(lang: str) -> str:
    """The gettext Plural-Forms header for `lang` from Babel's CLDR-derived table."""
    from babel.messages.plurals import get_plural

    return get_plural(normalize_lang(lang)).plural_forms


def wrap_comment(lines: list[str], prefix: str = "#. ") -> str:
    """Comment lines as polib writes and reads them back (wrapped, whitespace folded)."""
    out: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if len(line) + len(prefix) > WRAP_WIDTH:
            wrapped = textwrap.wrap(
                line, WRAP_WIDTH, initial_indent=prefix, subsequent_indent=prefix,
                break_long_words=False,
            )
            out.extend(w[len(prefix):] for w in wrapped)
        else:
            out.append(line)
    return "\n".join(out)


def entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    """(msgctxt, msgid): what identifies an entry in a catalog."""
    return (entry.msgctxt, entry.msgid)


def refuse_duplicates(catalog: polib.POFile, path: Path | str) -> None:
    """Raise POFileError at the second of two entries with the same msgctxt and msgid.

    Obsolete (`#~`) entries count too: msgfmt rejects such a file, and a merge keyed by
    msgid would keep only one of the two translations.
    """
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in catalog:
        other = first.setdefault(entry_key(entry), entry)
        if other is not entry:
            which = "an obsolete #~ entry" if entry.obsolete or other.obsolete else "entry"
            raise POFileError(
                path,
                f"duplicate {which} for msgid {_short(entry.msgid)!r} (first at line "
                f"{other.linenum}); merge the two entries in a PO editor, keeping the right "
                "translation",
                line=entry.linenum,
            )


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _Unread(enum.Enum):
    # a typed sentinel: "the caller did not read the old file", distinct from None (no file)
    UNREAD = 0


_UNREAD = _Unread.UNREAD


def write_po(
    path: Path | str,
    catalog: polib.POFile,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    old: polib.POFile | None | _Unread = _UNREAD,
    disk: bytes | None | _Unread = _UNREAD,
) -> bool:
    """Write `catalog` atomically; return False (and touch nothing) when content is unchanged.

    The header dates are the only moving part: PO-Revision-Date is stamped with `now` when
    anything else changed; POT-Creation-Date when the set of source sentences changed.
    With `dry_run` nothing is written: the answer says whether the file would change.
    `old` is the file's current catalog when the caller has just read it (None: no file), and
    `disk` its bytes: when the new text is those very bytes nothing changed and the old catalog
    is not rendered; otherwise the old one is (a file an editor saved with other line breaks
    holds the same content), sharing the wrapped entries with the new one.
    """
    path = Path(path)
    now = now or datetime.now(timezone.utc)
    if old is _UNREAD:
        old = _read_existing(path)
        disk = _UNREAD
    if dry_run:
        catalog = _clone(catalog)  # the caller's catalog keeps its dates
    meta = catalog.metadata
    memo: dict = {}
    if old is not None:
        for key in DATE_FIELDS:
            if key in old.metadata:
                meta[key] = old.metadata[key]
        text = render_po(catalog, memo=memo)
        if disk is _UNREAD:
            disk = path.read_bytes() if path.is_file() else None
        if disk is not None and _same_text(disk, text):
            return False
        if text == render_po(old, memo=memo):
            return False
        if _source_keys(old) != _source_keys(catalog) or "POT-Creation-Date" not in meta:
            meta["POT-Creation-Date"] = format_date(now)
    else:
        meta.setdefault("POT-Creation-Date", format_date(now))
    meta["PO-Revision-Date"] = format_date(now)
    if not dry_run:
        text = render_po(catalog, memo=memo)
        write_bytes_atomic(path, encode_po(catalog, path, text=text), error=POFileError)
    return True


def _same_text(data: bytes, text: str) -> bool:
    """Whether `data` (a file's bytes) is `text` in the charset the text declares."""
    codec, _ = declared_charset(text[:8192].encode("utf-8"))
    try:
        return data == text.encode(codec)
    except UnicodeEncodeError:
        return False


def _read_existing(path: Path) -> polib.POFile | None:
    if not path.exists():
        return None
    try:
        return read_po(path)
    except POFileError:
        return None  # unreadable: it will be replaced whole


def _clone(po: polib.POFile) -> polib.POFile:
    return parse_po(render_po(po))


def _source_keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {entry_key(e) for e in po if not e.obsolete}


def new_header(*, source: str, target: str | None, source_file: str, project: str) -> dict:
    """Header fields of a fresh catalog (`target=None` for a POT template)."""
    meta = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "",
        "Language-Team": LANGUAGE_NAMES[target] if target else "",
        "Language": target or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
        "X-Source-Language": source,
        "X-Source-File": source_file,
    }
    if target:
        meta["Plural-Forms"] = plural_forms(target)
    return meta
