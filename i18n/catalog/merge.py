"""Catalogs per (article, target language): built from segments, merged without losing work.

The review states (untranslated, machine, draft, changed, reviewed, obsolete) and how a PO
entry encodes them are `states`' business; this module applies the rules between them.
Draft, changed and reviewed entries hold human work and are never overwritten.
A re-run may only fill untranslated entries and refresh untouched machine suggestions.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import polib

from ..langs import LANGUAGE_NAMES, normalize_lang
from ..model import Article, Segment
from ..readers.inline import tag_notes
from .po import entry_key, new_header, refuse_duplicates
from .similar import SIMILARITY, pair_changed
from .states import (
    HUMAN,
    State,
    carried_over,
    copy_entry,
    drop_glossary_notes,
    entry_state,
    glossary_problems,
    note_suggestion,
    obsolete_copy,
    revived_state,
    set_machine,
    set_tag_notes,
)

__all__ = [
    "Suggestion",
    "EntryChange",
    "MergeResult",
    "SIMILARITY",
    "merge_catalog",
    "extract_template",
    "pending_texts",
]

PROJECT = "i18n-newsroom"
_KEEP_HEADERS = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "Last-Translator", "Language-Team",
    "X-Generator", "Plural-Forms",
)


@dataclass
class Suggestion:
    """A machine translation of one source sentence, with notes for the reviewer."""

    text: str
    model: str  # engine and model that produced it, e.g. "argos translate-id_en-1_9"
    notes: list[str] = field(default_factory=list)  # become `#.` lines
    flags: list[str] = field(default_factory=list)  # extra PO flags besides `fuzzy`
    fuzzy: bool = True  # False: the entry is filled as reviewed (`i18n translate --tm-exact reviewed`)

    @property
    def glossary_problems(self) -> int:
        """How many `glossary-missing:` notes this suggestion carries."""
        return glossary_problems(self.notes)


@dataclass(frozen=True)
class EntryChange:
    """What a merge did to one entry: its state before and after."""

    msgid: str
    msgctxt: str | None
    before: str  # absent | untranslated | machine | draft | changed | reviewed | obsolete
    after: str  # untranslated | machine | draft | changed | reviewed | obsolete | dropped
    machine: bool = False  # msgstr (re)set from a machine suggestion in this run
    glossary_problems: int = 0


@dataclass
class MergeResult:
    """The merged catalog and what happened to each entry."""

    catalog: polib.POFile
    changes: list[EntryChange]
    written: bool = False

    def counts(self) -> dict[str, int]:
        """Summary counts: new, reused, revived, machine, reviewed, changed, ..."""
        c = self.changes
        active = [x for x in c if x.after not in ("obsolete", "dropped")]
        return {
            "segments": len(active),
            "new": sum(x.before == "absent" for x in c),
            "reused": sum(x.before not in ("absent", "obsolete") for x in active),
            "revived": sum(x.before == "obsolete" for x in active),
            "machine": sum(x.machine for x in c),
            "reviewed": sum(x.after == "reviewed" for x in c),
            "changed": sum(x.after == "changed" and x.before == "absent" for x in c),
            "untranslated": sum(x.after == "untranslated" for x in c),
            "obsolete": sum(x.after == "obsolete" and x.before != "obsolete" for x in c),
            "glossary_problems": sum(x.glossary_problems for x in active),
        }


def pending_texts(old: polib.POFile | None, segments: list[Segment], *, machine: bool = True) -> list[str]:
    """Unique segment texts a machine suggestion could still be used for, in reading order.

    Reviewed, draft and changed entries are skipped: a re-run never replaces them; so are
    untouched machine suggestions with `machine=False` (the caller knows they would come again).
    """
    states: dict[str, str] = {}
    for entry in old or []:
        if entry.msgctxt is None and not entry.obsolete:
            states[entry.msgid] = entry_state(entry)
    for entry in old or []:
        if entry.msgctxt is None and entry.obsolete:
            states.setdefault(entry.msgid, revived_state(entry))
    out: list[str] = []
    seen: set[str] = set()
    for seg in segments:
        if seg.text not in seen:
            seen.add(seg.text)
            state = states.get(seg.text)
            if state not in HUMAN and (machine or state != State.MACHINE):
                out.append(seg.text)
    return out


def extract_template(article: Article, segments: list[Segment], *, project: str = PROJECT) -> polib.POFile:
    """A POT template: one entry per distinct sentence, no translations."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = new_header(
        source=article.lang, target=None, source_file=article.ref, project=project
    )
    pot.header = f"Sentences of {article.ref} ({LANGUAGE_NAMES[article.lang]})."
    tags = markup_notes(article, segments)
    for text, refs in _occurrences(segments).items():
        entry = polib.POEntry(msgid=text, msgstr="", occurrences=refs)
        set_tag_notes(entry, tags.get(text, []))
        pot.append(entry)
    return pot


Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass
class _Old:
    """The old catalog's entries, looked up the ways the merge needs (never modified)."""

    entries: list[polib.POEntry]
    active: dict[Key, polib.POEntry]
    obsolete: dict[Key, polib.POEntry]
    with_context: dict[str, list[polib.POEntry]]  # msgid -> its active entries with a msgctxt

    @classmethod
    def of(cls, old: polib.POFile | None) -> _Old:
        entries = [] if old is None else list(old)
        active = {entry_key(e): e for e in entries if not e.obsolete}
        with_context: dict[str, list[polib.POEntry]] = {}
        for (ctx, msgid), entry in active.items():
            if ctx is not None:
                with_context.setdefault(msgid, []).append(entry)
        obsolete = {entry_key(e): e for e in entries if e.obsolete}
        return cls(entries, active, obsolete, with_context)


def merge_catalog(
    article: Article,
    segments: list[Segment],
    target: str,
    *,
    old: polib.POFile | None = None,
    suggestions: Mapping[str, Suggestion] | None = None,
    project: str = PROJECT,
) -> MergeResult:
    """The catalog for (article, target): `old` merged with the segments and suggestions.

    `suggestions` maps a source sentence to its machine translation. Reviewed entries are
    kept as they are (only their `#:` references follow the article); see the module doc.
    A pure function: `old` is not modified, nothing is read or written.
    """
    target = normalize_lang(target)
    occurrences = _occurrences(segments)
    if old is not None:  # a merge keyed by msgid would keep only one of two duplicates
        refuse_duplicates(old, getattr(old, "fpath", None) or "<catalog>")
    before = _Old.of(old)
    po = polib.POFile(wrapwidth=79)
    _set_header(po, old, article, target, project)
    matches = _carried_over(before, occurrences)
    changes: dict[Key, EntryChange] = {}
    revived: set[Key] = set()
    tags = markup_notes(article, segments)
    for entry, change in _active_entries(before, occurrences, matches, suggestions or {}, revived, tags):
        po.append(entry)
        changes[entry_key(entry)] = change
    gone = _obsolete_entries(before, occurrences, matches, revived, changes)
    for entry in gone:
        po.append(entry)  # polib writes obsolete entries last, in this order
    return MergeResult(po, [c for c in changes.values() if c.after != "matched"])


def _carried_over(old: _Old, occurrences: Mapping[str, object]) -> dict[str, polib.POEntry]:
    """New sentences paired with the vanished entry whose human translation they carry over."""
    # Sentences that left the article: their human translations may follow a changed sentence.
    vanished = [e for e in old.entries if not e.obsolete and e.msgid not in occurrences]
    new_texts = [t for t in occurrences if (None, t) not in old.active and (None, t) not in old.obsolete]
    return _match_changed(new_texts, vanished)


def _active_entries(
    old: _Old,
    occurrences: Mapping[str, list[tuple[str, str]]],
    matches: Mapping[str, polib.POEntry],
    suggestions: Mapping[str, Suggestion],
    revived: set[Key],
    tags: Mapping[str, list[str]],
) -> Iterator[tuple[polib.POEntry, EntryChange]]:
    """One entry per sentence in reading order (then the translator's msgctxt variants of it),
    each with what the merge did to it. The keys of obsolete entries revived go to `revived`;
    `tags` holds the `<1> = <strong>` lines of a markup sentence (its last extracted comments)."""
    for text, refs in occurrences.items():
        key = (None, text)
        sugg = suggestions.get(text)
        if key in old.active:
            entry = copy_entry(old.active[key])
            before: str = entry_state(entry)
            state = before
        elif key in old.obsolete:
            entry = copy_entry(old.obsolete[key], obsolete=False)
            revived.add(key)
            before, state = "obsolete", entry_state(entry)
        elif text in matches:
            entry = carried_over(matches[text], text, refs)
            before, state = "absent", State.CHANGED
        else:
            entry = polib.POEntry(msgid=text, msgstr="")
            before, state = "absent", State.UNTRANSLATED
        entry.occurrences = refs
        if sugg is not None and text in tags:
            sugg = Suggestion(sugg.text, sugg.model, [*sugg.notes, *tags[text]], sugg.flags, sugg.fuzzy)
        machine = _apply_suggestion(entry, state, sugg)
        if entry_state(entry) == State.REVIEWED:
            drop_glossary_notes(entry)  # they described the machine's text; `i18n check` judges this one
        set_tag_notes(entry, tags.get(text, []))
        yield entry, _change(entry, before, machine)
        # Entries a translator gave a msgctxt stay beside the sentence they belong to.
        for other in old.with_context.get(text, ()):
            kept = copy_entry(other)
            yield kept, _change(kept, entry_state(kept), False)


def _obsolete_entries(
    old: _Old,
    occurrences: Mapping[str, object],
    matches: Mapping[str, polib.POEntry],
    revived: set[Key],
    changes: dict[Key, EntryChange],
) -> list[polib.POEntry]:
    """The `#~` entries: old obsolete ones not revived, then the human work of sentences that
    left the article (machine-only ones are dropped). Records each vanished entry's fate."""
    consumed = {id(e) for e in matches.values()}
    # Keys are unique (refuse_duplicates), so a key names one entry.
    gone = {key: copy_entry(e, previous=False) for key, e in old.obsolete.items() if key not in revived}
    for entry in old.entries:
        if entry.obsolete or entry.msgid in occurrences:
            continue
        state = entry_state(entry)
        # A reviewed or draft translation that follows a changed sentence is also kept
        # as it is, obsolete, under its own sentence: if the edit is undone, the sentence
        # comes back to its reviewed translation, not to a fuzzy copy of it.
        keep = state in (State.REVIEWED, State.DRAFT) or (state in HUMAN and id(entry) not in consumed)
        if keep:
            gone.pop(entry_key(entry), None)  # the newer translation replaces an older one
            gone[entry_key(entry)] = obsolete_copy(entry)
        if id(entry) in consumed:
            after = "matched"
        elif keep:
            after = "obsolete"
        else:
            after = "dropped"  # nothing a person wrote: an empty or machine-only entry
        changes[entry_key(entry)] = EntryChange(entry.msgid, entry.msgctxt, state, after)
    return list(gone.values())


def markup_notes(article: Article, segments: list[Segment]) -> dict[str, list[str]]:
    """For each sentence with inline tags, what its placeholders stand for (`<1> = <strong>`)."""
    paragraphs = {p.index: p for p in article.paragraphs}
    out: dict[str, list[str]] = {}
    for seg in segments:
        tags = paragraphs[seg.paragraph].tags if seg.paragraph in paragraphs else ()
        if tags:
            lines = out.setdefault(seg.text, [])
            lines += [line for line in tag_notes(seg.text, tags) if line not in lines]
    return out


def _occurrences(segments: list[Segment]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for seg in segments:
        refs = out.setdefault(seg.text, [])
        ref = (seg.article, str(seg.line))
        if ref not in refs:
            refs.append(ref)
    return out


def _set_header(po: polib.POFile, old: polib.POFile | None, article: Article, target: str, project: str) -> None:
    fresh = new_header(
        source=article.lang, target=target, source_file=article.ref, project=project
    )
    if old is None:
        po.metadata = fresh
        po.header = (
            f"{LANGUAGE_NAMES[target]} translation of {article.ref}.\n"
            "Review an entry: correct its msgstr and remove the fuzzy flag.\n"
            "Re-runs of `i18n translate` never change reviewed entries."
        )
        return
    po.header = old.header
    po.metadata_is_fuzzy = old.metadata_is_fuzzy
    meta = dict(old.metadata)
    for key, value in fresh.items():
        # Names, team and the editor's own fields belong to the people who edit the file;
        # rewriting what Poedit wrote would make every run after a save a change.
        if key in _KEEP_HEADERS:
            meta.setdefault(key, value)
        else:
            meta[key] = value
    po.metadata = meta


def _apply_suggestion(entry: polib.POEntry, state: str, sugg: Suggestion | None) -> bool:
    """Fill or refresh `entry` from `sugg` where the rules allow; True when msgstr was set."""
    if sugg is None or not sugg.text:
        return False
    if state == State.CHANGED:
        note_suggestion(entry, sugg.text, sugg.model, sugg.notes)
        return False
    if state not in (State.UNTRANSLATED, State.MACHINE):
        return False
    return set_machine(entry, sugg.text, sugg.model, sugg.notes, sugg.flags, fuzzy=sugg.fuzzy)


def _change(entry: polib.POEntry, before: str, machine: bool) -> EntryChange:
    after = entry_state(entry)
    problems = 0
    if after != State.REVIEWED:
        problems = glossary_problems(entry)
    return EntryChange(entry.msgid, entry.msgctxt, before, after, machine, problems)


def _match_changed(new_texts: list[str], vanished: list[polib.POEntry]) -> dict[str, polib.POEntry]:
    """Pair new sentences with the vanished ones they replace (difflib ratio >= SIMILARITY; see
    `similar`). Only human work is carried over (machine output is regenerated)."""
    human = [e for e in vanished if entry_state(e) in HUMAN]
    pairs = pair_changed(new_texts, [e.msgid for e in human]) if new_texts and human else {}
    return {new_texts[i]: human[j] for i, j in pairs.items()}
