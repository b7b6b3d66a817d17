"""Applying a catalog: PO file + source article -> the translated article.

The output keeps the article's layout: one translated paragraph per source paragraph line,
blank lines where the source had blank lines. Lines set aside as boilerplate (`[iklan_2]`,
a bare `Sumber`, `Komentar (0)`) are scrape noise, not part of the article: they are dropped
from the translation and counted as `set_aside`.

By default only reviewed entries are used; a sentence without one keeps its source text
and is counted as untranslated, so a half-reviewed article is visibly half-translated.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from ..article import read_article
from ..counts import counted
from ..errors import InputError
from ..fileio import project_root
from ..langs import article_lang, normalize_lang
from ..model import Article
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
    set_aside: int = 0  # boilerplate lines dropped

    def to_dict(self) -> dict[str, int]:
        """A JSON-ready dict."""
        return {
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "set_aside": self.set_aside,
        }

    def summary(self, po: Path, output: Path | None, include_fuzzy: bool) -> str:
        """The counts line `i18n apply` prints on stderr."""
        note = f", {self.fuzzy} unreviewed" if include_fuzzy else ""
        return (
            f"{po}: {self.reviewed} reviewed{note}, {self.untranslated} untranslated "
            f"(source text kept), {counted(self.set_aside, 'boilerplate line', 'boilerplate lines')} left out"
            + (f" -> {output}" if output else "")
        )


def _entries_by_sentence(po: polib.POFile) -> tuple[dict[str, polib.POEntry], dict[tuple[str, int], polib.POEntry]]:
    """The active entries by msgid, and those with a msgctxt by (msgid, source line)."""
    plain: dict[str, polib.POEntry] = {}
    by_context: dict[tuple[str, int], polib.POEntry] = {}
    for entry in active_entries(po):
        if entry.msgctxt is None:
            plain[entry.msgid] = entry
        else:
            # A translator split a repeated sentence with msgctxt: the entry's `#:`
            # references say which occurrences it translates.
            for _path, line in entry.occurrences:
                if line and line.isdigit():
                    by_context[(entry.msgid, int(line))] = entry
    return plain, by_context


def apply_catalog(po: polib.POFile, article: Article, *, include_fuzzy: bool = False) -> tuple[str, ApplyCounts]:
    """The translated article text and counts; fuzzy entries are used only on request."""
    plain, by_context = _entries_by_sentence(po)
    if article.paragraphs and any(p.tags or p.attribute for p in article.paragraphs):
        raise InputError(
            article.path,
            "is a markup article (HTML or Markdown): i18n apply writes plain-text articles only so far",
        )
    segments = segment_article(article)
    if (plain or by_context) and not any(
        s.text in plain or (s.text, s.line) in by_context for s in segments
    ):
        source = po.metadata.get("X-Source-File", "")
        made_from = f" (its X-Source-File is {source})" if source else ""
        raise InputError(
            article.path,
            f"none of its sentences is in the PO file{made_from}: give the article the PO "
            "file translates with --source",
        )
    counts = ApplyCounts(set_aside=len(article.set_aside))
    translated: dict[int, str] = {}
    paragraphs = {p.index: p for p in article.paragraphs}
    pieces: dict[int, list[str]] = {}
    last_end: dict[int, int] = {}
    for seg in segments:
        text = paragraphs[seg.paragraph].text
        entry = by_context.get((seg.text, seg.line)) or plain.get(seg.text)
        out = _translation(entry, include_fuzzy)
        if out is None:
            counts.untranslated += 1
            out = seg.text
        elif entry_state(entry) == State.REVIEWED:
            counts.reviewed += 1
        else:
            counts.fuzzy += 1
        parts = pieces.setdefault(seg.paragraph, [])
        # Keep the source's own spacing between sentences (and any text outside them).
        parts.append(text[last_end.get(seg.paragraph, 0):seg.start])
        parts.append(out)
        last_end[seg.paragraph] = seg.end
    for index, parts in pieces.items():
        parts.append(paragraphs[index].text[last_end[index]:])
        translated[index] = "".join(parts).strip()

    by_line = {p.line: translated.get(p.index, p.text) for p in article.paragraphs}
    dropped = {s.line for s in article.set_aside}
    first = min(by_line)
    last = max(by_line)
    lines: list[str] = []
    for lineno in range(first, last + 1):
        if lineno in by_line:
            lines.append(by_line[lineno])
        elif lineno not in dropped:
            lines.append("")  # a blank line of the source
    return "\n".join(lines) + "\n", counts


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
    return apply_catalog(catalog, art, include_fuzzy=include_fuzzy)


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
