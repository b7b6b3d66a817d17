"""What a reviewer should look at first, as data: review progress and the entries that need a human.

`review_project(settings)` reads the PO files `i18n check` would read (same settings, same
findings) and gathers, per file, the review counts of `i18n stats` and the entries that need
a human before the rest: glossary problems, degenerate output, low model confidence, changed
sources and QA findings. `i18n report` renders it as one HTML page (`checks/html.py`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..catalog.layout import find_po_files
from ..catalog.po import read_po
from ..catalog.states import (
    DEGENERATE,
    GLOSSARY_CASE,
    GLOSSARY_FAILED,
    GLOSSARY_MISSING,
    LOW_CONFIDENCE,
    MACHINE,
    OLD_MACHINE,
    PIVOT_NOTE,
    State,
    active_entries,
    entry_notes,
    entry_state,
    pivot_text,
)
from ..catalog.stats import FileStats, catalog_stats
from ..config import CheckSettings
from ..langs import lang_from_path
from ..model import SEVERITIES, Finding
from .project import check_project
from .runner import CheckReport

__all__ = ["KINDS", "ReviewItem", "Review", "review_project", "review_items", "entry_kinds"]

# What needs a human, most urgent first: an item's first kind ranks it.
KINDS = {
    "degenerate": "Degenerate output",
    "glossary": "Glossary problem",
    "low-confidence": "Low confidence",
    "changed": "Changed source",
    "qa": "QA finding",
}
# The notes of a machine suggestion that ask the reviewer to look at a glossary term (a
# protected or repaired name is done; these are not).
_GLOSSARY_PROBLEMS = (GLOSSARY_MISSING, GLOSSARY_CASE, GLOSSARY_FAILED)
# The check finding that only says what `i18n stats` counts already (an empty msgstr).
STATE_ONLY = "untranslated"


@dataclass(frozen=True)
class ReviewItem:
    """One PO entry (or a whole file, line 0 / its header) that needs a human, and why."""

    path: str  # the PO file as `i18n check` names it
    line: int  # the entry's line in it (the header's or 0 for a file-level finding)
    lang: str
    kinds: tuple[str, ...]  # keys of KINDS, most urgent first
    source_lang: str = ""
    state: str = ""  # the entry's review state ('' for a file-level item)
    model: str = ""  # the machine suggestion's model, when the entry is one
    source: str = ""
    previous: str = ""  # the sentence the kept translation was made for (changed source)
    suggestion: str = ""
    pivot: str = ""  # the English intermediate, when the suggestion went through English
    notes: tuple[str, ...] = ()  # the reviewer's notes from the extracted comments
    findings: tuple[Finding, ...] = ()

    @property
    def severity(self) -> str:
        """The worst finding's severity, '' when the item has none."""
        return max((f.severity for f in self.findings), key=SEVERITIES.index, default="")

    def rank(self) -> tuple:
        """Sort key: errors first (a reviewed entry that is wrong, a broken file), then the most
        urgent kind, the worst severity, the place."""
        worst = SEVERITIES.index(self.severity) if self.severity else -1
        return (self.severity != "error", list(KINDS).index(self.kinds[0]), -worst, self.lang, self.path, self.line)


@dataclass
class Review:
    """The review report's data: what `i18n stats` and `i18n check` say, and the items."""

    stats: list[FileStats]
    check: CheckReport
    items: list[ReviewItem] = field(default_factory=list)

    def languages(self) -> list[str]:
        """The target languages, in the order the files were read."""
        langs = [s.lang for s in self.stats] + [i.lang for i in self.items]
        return list(dict.fromkeys(lang for lang in langs if lang))

    def kind_counts(self) -> dict[str, int]:
        """How many items have each kind (every kind, zeros included)."""
        counts = Counter(kind for item in self.items for kind in item.kinds)
        return {kind: counts[kind] for kind in KINDS}


def review_project(settings: CheckSettings) -> Review:
    """Check and read every PO file under the settings' paths: stats, findings, items to review."""
    report = check_project(settings)
    unreadable = {f.path for f in report.unreadable}
    by_place: dict[tuple[str, int], list[Finding]] = {}
    for finding in report.findings:
        if finding.check != STATE_ONLY:
            by_place.setdefault((finding.path, finding.line), []).append(finding)
    review = Review(stats=[], check=report)
    for path in (p.as_posix() for p in find_po_files(settings.paths)):  # as `i18n stats` reads them
        if path in unreadable:
            continue
        po = read_po(path)
        stats = catalog_stats(po, path)
        review.stats.append(stats)
        source_lang = (po.metadata.get("X-Source-Language") or "").strip()
        review.items += review_items(path, stats.lang, active_entries(po), by_place, source_lang=source_lang)
    for (path, line), findings in by_place.items():  # what no entry took: the header, the file
        lang = next((s.lang for s in review.stats if s.path == path), "") or lang_from_path(Path(path)) or ""
        kinds = tuple(k for k in ("glossary", "qa") if k in _finding_kinds(findings))
        review.items.append(ReviewItem(path, line, lang, kinds, findings=tuple(findings)))
    review.items.sort(key=ReviewItem.rank)
    return review


def review_items(
    path: str, lang: str, entries: Iterable[polib.POEntry], by_place: dict[tuple[str, int], list[Finding]],
    *, source_lang: str = "",
) -> list[ReviewItem]:
    """The entries of one PO file that need a human; their findings are taken out of `by_place`."""
    items = []
    for entry in entries:
        findings = tuple(by_place.pop((path, entry.linenum), ()))
        state = entry_state(entry)
        notes = entry_notes(entry)
        kinds = entry_kinds(state, notes, findings)
        if not kinds:
            continue
        items.append(ReviewItem(
            path, entry.linenum, lang, kinds, source_lang, state=str(state), model=_model(notes),
            source=_joined(entry.msgid, entry.msgid_plural),
            previous=(entry.previous_msgid or "") if state == State.CHANGED else "",
            suggestion=_suggestion(entry), pivot=pivot_text(entry),
            notes=tuple(n for n in notes if not n.startswith((MACHINE, OLD_MACHINE, PIVOT_NOTE))),
            findings=findings,
        ))
    return items


def entry_kinds(state: State, notes: list[str], findings: Iterable[Finding]) -> tuple[str, ...]:
    """Why an entry needs a human (keys of KINDS, most urgent first); () when it does not."""
    found = _finding_kinds(findings)
    if any(n.startswith(_GLOSSARY_PROBLEMS) for n in notes):
        found.add("glossary")
    if any(n.startswith(DEGENERATE) for n in notes):
        found.add("degenerate")
    if any(n.startswith(LOW_CONFIDENCE) for n in notes):
        found.add("low-confidence")
    if state == State.CHANGED:
        found.add("changed")
    return tuple(kind for kind in KINDS if kind in found)


def _finding_kinds(findings: Iterable[Finding]) -> set[str]:
    return {"glossary" if f.check.startswith("glossary") else "qa" for f in findings}


def _model(notes: list[str]) -> str:
    # `machine translation: <model> [<fingerprint>]` (`machine: ` in older files): the model
    for note in notes:
        for prefix in (MACHINE, OLD_MACHINE):
            if note.startswith(prefix):
                return note[len(prefix):].rsplit(" [", 1)[0]
    return ""


def _joined(singular: str, plural: str | None) -> str:
    return f"{singular}\n{plural}" if plural else singular


def _suggestion(entry: polib.POEntry) -> str:
    if entry.msgstr_plural:
        return "\n".join(f"[{k}] {entry.msgstr_plural[k]}" for k in sorted(entry.msgstr_plural))
    return entry.msgstr
