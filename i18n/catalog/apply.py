"""Applying a catalog: PO file + source article -> the translated article.

The output keeps the article's layout: one translated paragraph per source paragraph line,
blank lines where the source had blank lines. Lines set aside as boilerplate (`[iklan_2]`,
a bare `Sumber`, `Komentar (0)`) are scrape noise, not part of the article: they are dropped
from the translation and counted as `set_aside`.

By default only reviewed entries are used; a sentence without one keeps its source text
and is counted as untranslated, so a half-reviewed article is visibly half-translated.

An HTML or Markdown article is written back in its own format (`readers.html.write_html`,
`readers.markdown.write_markdown`): the same document with each block's text replaced, the
placeholders of a sentence (`<1>…</1>`, `<2/>`) turned back into the tags they stand for,
attributes and everything that is not content untouched; a block set aside as noise stays as
it is (the writer changes text, never structure). A translation whose placeholders do not
match its sentence's (`readers.inline.markup_problems`: a tag lost, repeated, unbalanced or
moved into another pair) is not used: that sentence keeps its source text, and a warning
names the PO entry (`file.po:LINE: markup: ...`), so the document is never broken.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..article import decode_text, read_article
from ..counts import counted
from ..errors import ArticleError, InputError, LanguageError
from ..fileio import project_root, read_bytes
from ..langs import article_lang, normalize_lang
from ..model import Article, Segment
from ..readers.inline import markup_problems
from ..segment import segment_article
from .po import read_po
from .states import State, active_entries, entry_state

__all__ = ["ApplyCounts", "apply_catalog", "apply_po"]


@dataclass
class ApplyCounts:
    """Sentences by where their text came from (every occurrence counts)."""

    reviewed: int = 0
    fuzzy: int = 0  # machine suggestions, drafts and changed-source entries used
    untranslated: int = 0  # source text kept
    set_aside: int = 0  # boilerplate lines dropped (kept as they are in HTML and Markdown)
    broken_markup: int = 0  # translations not used: their placeholders do not match (counted untranslated too)
    warnings: list[str] = field(default_factory=list)  # one line each, PO file:line first

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict."""
        return {
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "set_aside": self.set_aside,
            "broken_markup": self.broken_markup,
        }

    def summary(self, po: Path, output: Path | None, include_fuzzy: bool) -> str:
        """The counts line `i18n apply` prints on stderr."""
        note = f", {self.fuzzy} unreviewed" if include_fuzzy else ""
        if self.broken_markup:
            note += f", {self.broken_markup} with broken markup"
        return (
            f"{po}: {self.reviewed} reviewed{note}, {self.untranslated} untranslated "
            f"(source text kept), {counted(self.set_aside, 'boilerplate line', 'boilerplate lines')} left out"
            + (f" -> {output}" if output else "")
        )


def apply_catalog(
    po: polib.POFile, article: Article, *, include_fuzzy: bool = False, document: str | None = None
) -> tuple[str, ApplyCounts]:
    """The translated article text and counts; fuzzy entries are used only on request.

    A markup article (HTML, Markdown) is written in its own format from `document`, the text it
    was read from; a translation whose placeholders do not match its sentence's is not used
    (the sentence stays in the source language, with a warning naming the PO entry's line).
    """
    lookup = _Lookup(po)
    segments = segment_article(article)
    if (lookup.plain or lookup.by_context) and not any(lookup.find(s) is not None for s in segments):
        source = po.metadata.get("X-Source-File", "")
        made_from = f" (its X-Source-File is {source})" if source else ""
        raise InputError(
            article.path,
            f"none of its sentences is in the PO file{made_from}: give the article the PO "
            "file translates with --source",
        )
    counts = ApplyCounts(set_aside=len(article.set_aside))
    texts = _paragraph_texts(article, segments, lookup, include_fuzzy, counts, po_name=getattr(po, "fpath", None))
    if article.format == "text":
        return _text_lines(article, texts), counts
    if document is None:
        raise InputError(article.path, f"is a {article.format} article: give its text as document= to write it")
    # The document declares the translation's language once something of it is translated.
    lang = _target_lang(po) if counts.reviewed + counts.fuzzy else None
    return write_document(article, document, texts, lang=lang), counts


def _target_lang(po: polib.POFile) -> str | None:
    """The catalog's language (its `Language` header) as a supported code, or None."""
    try:
        return normalize_lang(po.metadata.get("Language", ""))
    except LanguageError:
        return None


class _Lookup:
    """The catalog's active entries by sentence (and by sentence and line, for msgctxt ones)."""

    def __init__(self, po: polib.POFile):
        self.plain: dict[str, polib.POEntry] = {}
        self.by_context: dict[tuple[str, int], polib.POEntry] = {}
        for entry in active_entries(po):
            if entry.msgctxt is None:
                self.plain[entry.msgid] = entry
            else:
                # A translator split a repeated sentence with msgctxt: the entry's `#:`
                # references say which occurrences it translates.
                for _path, line in entry.occurrences:
                    if line and line.isdigit():
                        self.by_context[(entry.msgid, int(line))] = entry

    def find(self, seg: Segment) -> polib.POEntry | None:
        return self.by_context.get((seg.text, seg.line)) or self.plain.get(seg.text)


def _paragraph_texts(
    article: Article, segments: list[Segment], lookup: _Lookup, include_fuzzy: bool, counts: ApplyCounts,
    *, po_name: str | None,
) -> dict[int, str]:
    """Each paragraph's text with its sentences translated (counted in `counts`), the source's
    own spacing between sentences kept."""
    markup = article.format != "text"
    paragraphs = {p.index: p for p in article.paragraphs}
    pieces: dict[int, list[str]] = {}
    last_end: dict[int, int] = {}
    for seg in segments:
        entry = lookup.find(seg)
        out = _translation(entry, include_fuzzy)
        problems = markup_problems(seg.text, out) if markup and out is not None else []
        if problems:
            assert entry is not None
            counts.warnings.append(
                f"{po_name or '<catalog>'}:{entry.linenum}: markup: {'; '.join(problems)} "
                f"(article line {seg.line}); the source sentence is kept"
            )
            counts.broken_markup += 1
            out = None
        if out is None:
            counts.untranslated += 1
            out = seg.text
        elif entry_state(entry) == State.REVIEWED:
            counts.reviewed += 1
        else:
            counts.fuzzy += 1
        text = paragraphs[seg.paragraph].text
        parts = pieces.setdefault(seg.paragraph, [])
        parts.append(text[last_end.get(seg.paragraph, 0) : seg.start])
        parts.append(out)
        last_end[seg.paragraph] = seg.end
    translated = {}
    for index, parts in pieces.items():
        parts.append(paragraphs[index].text[last_end[index] :])
        translated[index] = "".join(parts).strip()
    return translated


def _text_lines(article: Article, texts: dict[int, str]) -> str:
    """A plain-text article: one paragraph a line, the source's blank lines, noise left out."""
    by_line = {p.line: texts.get(p.index, p.text) for p in article.paragraphs}
    dropped = {s.line for s in article.set_aside}
    lines: list[str] = []
    for lineno in range(min(by_line), max(by_line) + 1):
        if lineno in by_line:
            lines.append(by_line[lineno])
        elif lineno not in dropped:
            lines.append("")  # a blank line of the source
    return "\n".join(lines) + "\n"


def write_document(article: Article, document: str, texts: dict[int, str], *, lang: str | None = None) -> str:
    """A markup article written back in its format with paragraph n's text `texts[n]`; `lang`,
    the translation's language, replaces the source's where the document declares it."""
    if article.format == "html":
        from ..readers.html import write_html

        return write_html(document, article, texts, lang=lang)
    if article.format == "markdown":
        from ..readers.mdwrite import write_markdown

        return write_markdown(document, article, texts)
    if article.format == "ninjs":
        from ..readers.ninjs import write_ninjs

        return write_ninjs(document, article, texts, lang=lang)
    raise InputError(article.path, f"i18n apply cannot write {article.format} articles")


def apply_po(
    po_path: Path, source: Path | None, *, lang: str | None = None, include_fuzzy: bool = False, data: Path | None = None
) -> tuple[str, ApplyCounts]:
    """`i18n apply`: the PO file at `po_path` applied to the article at `source`.

    The article's language is `lang`, else the PO file's X-Source-Language, else its folder's.
    """
    catalog = read_po(po_path)
    if source is None:
        source = _recorded_source(catalog, Path(po_path))
    lang = lang or catalog.metadata.get("X-Source-Language") or None
    art = read_article(source, article_lang(lang and normalize_lang(lang), source, "--from"), data=data)
    document = None if art.format == "text" else decode_text(read_bytes(source, error=ArticleError), source)
    return apply_catalog(catalog, art, include_fuzzy=include_fuzzy, document=document)


def _recorded_source(catalog: polib.POFile, po_path: Path) -> Path:
    """The article a PO file names in X-Source-File (relative to its project, else the current folder)."""
    recorded = (catalog.metadata.get("X-Source-File") or "").strip()
    if not recorded:
        raise InputError(po_path, "has no X-Source-File header naming its article: give the article with --source")
    root = project_root(po_path.resolve().parent)
    for candidate in [*([root / recorded] if root else []), Path(recorded)]:
        if candidate.is_file():
            return candidate
    raise InputError(po_path, f"its X-Source-File {recorded} does not exist: give the article with --source")


def _translation(entry: polib.POEntry | None, include_fuzzy: bool) -> str | None:
    if entry is None or not entry.msgstr:
        return None
    if entry_state(entry) == State.REVIEWED or include_fuzzy:
        return entry.msgstr
    return None
