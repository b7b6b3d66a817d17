"""Review states of a PO entry, and the markers that encode them (README, "Review states").

The one place that knows how a state is written in a PO file; every other module asks here.

| state        | in the PO entry                                                    |
|--------------|--------------------------------------------------------------------|
| untranslated | empty msgstr (and every msgstr[n] empty)                           |
| machine      | `#, fuzzy`, no `#| msgid`,                                         |
|              | `#. machine translation: <model> [<fingerprint>]` whose            |
|              | fingerprint is the msgstr's: nobody touched the suggestion         |
| draft        | `#, fuzzy`, no `#| msgid`, a msgstr that is not that suggestion    |
| changed      | `#, fuzzy` with `#| msgid` (the sentence the msgstr translates)    |
| reviewed     | non-empty msgstr, not fuzzy                                        |
| obsolete     | `#~`: the sentence left the article                                |

Draft, changed and reviewed entries hold human work: a re-run never overwrites them.
Notes for the reviewer go into extracted comments (`#.`): the machine marker above (the model
in words a translator reads, `argos id→en 1.9`; the fingerprint, 8 hex digits in brackets at
its end, for programs), the new machine output of a changed sentence (`machine suggestion:
<model>: <text>`), one `glossary-missing: ...` line per glossary term a suggestion does not
honour, the glossary's other notes on it (`glossary-case:`, `glossary-repaired:`,
`glossary-protected:`), which describe the machine's text and are dropped once a person
reviews the entry, and the notes `entry_notes` knows by their prefix (`NOTE_PREFIXES`): a low
model score, degenerate output, the English intermediate of a pivoted suggestion,
translation-memory hits. Files written before the marker was renamed say `machine: <model>
[<fingerprint>]`; they are read the same.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import Enum

import polib

from ..readers.inline import TAG_NOTE
from .po import WRAP_WIDTH, wrap_comment

__all__ = [
    "State",
    "HUMAN",
    "FUZZY",
    "MACHINE",
    "MACHINE_SUGGESTS",
    "GLOSSARY_MISSING",
    "LOW_CONFIDENCE",
    "DEGENERATE",
    "PIVOT_NOTE",
    "TM_NOTE",
    "NOTE_PREFIXES",
    "GLOSSARY_CASE",
    "GLOSSARY_REPAIRED",
    "GLOSSARY_NOTES",
    "MARKUP_LOST",
    "fingerprint",
    "entry_state",
    "revived_state",
    "is_fuzzy",
    "is_reviewed_work",
    "with_fuzzy",
    "machine_note",
    "suggestion_note",
    "glossary_missing_note",
    "pivot_note",
    "glossary_problems",
    "glossary_case_note",
    "glossary_repaired_note",
    "drop_glossary_notes",
    "carried_over",
    "translated_source",
    "obsolete_copy",
    "copy_entry",
    "set_machine",
    "note_suggestion",
    "set_tag_notes",
    "active_entries",
    "entries_in",
    "count_states",
    "entry_notes",
    "pivot_text",
]


class State(str, Enum):
    """The review state of one entry; compares equal to its name as a string."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    DRAFT = "draft"
    CHANGED = "changed"
    REVIEWED = "reviewed"
    OBSOLETE = "obsolete"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


HUMAN = frozenset({State.REVIEWED, State.DRAFT, State.CHANGED})  # never overwritten by a re-run

FUZZY = "fuzzy"  # the flag of every unreviewed translation
MACHINE = "machine translation: "  # the extracted comment that names the model of a suggestion
OLD_MACHINE = "machine: "  # the same marker as written before (read, never written)
MACHINE_SUGGESTS = "machine suggestion: "  # new machine output beside a changed sentence
GLOSSARY_MISSING = "glossary-missing:"  # a glossary term the suggestion does not honour
GLOSSARY_CASE = "glossary-case:"  # a restored name whose case the sentence did not settle
GLOSSARY_REPAIRED = "glossary-repaired:"  # a misspelt name the suggestion had, put right
GLOSSARY_PROTECTED = "glossary-protected:"  # the names protected from the model and restored
GLOSSARY_FAILED = "glossary protection failed"  # placeholders lost: translated without them
MARKUP_LOST = "markup lost by the model:"  # inline tags lost: the pieces between them translated apart
# Every note about the glossary that describes a machine suggestion: stale once a person
# reviewed the entry (`i18n check` is then the authority on its text). The markup note is of
# the same kind (the `markup` check judges the reviewed text).
GLOSSARY_NOTES = (GLOSSARY_MISSING, GLOSSARY_CASE, GLOSSARY_REPAIRED, GLOSSARY_PROTECTED, GLOSSARY_FAILED, MARKUP_LOST)
LOW_CONFIDENCE = "low-confidence:"  # a model score far below the job's typical one
DEGENERATE = "degenerate-output:"  # a looping or truncated suggestion
PIVOT_NOTE = "pivot en: "  # the English intermediate of a suggestion made through English
TM_NOTE = "translation memory: "  # a hit of the translation memory
# Where a note begins in an entry's extracted comments: a line that starts with none of these
# continues the note above it (wrap_comment wraps long notes over several lines).
NOTE_PREFIXES = (
    MACHINE_SUGGESTS, MACHINE, OLD_MACHINE, GLOSSARY_MISSING, GLOSSARY_PROTECTED, GLOSSARY_FAILED,
    GLOSSARY_CASE, GLOSSARY_REPAIRED, LOW_CONFIDENCE, DEGENERATE, PIVOT_NOTE, TM_NOTE, MARKUP_LOST,
)


def fingerprint(text: str) -> str:
    """A short hash of a machine suggestion: tells an untouched suggestion from an edited one."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def is_fuzzy(entry: polib.POEntry) -> bool:
    """Whether the entry is flagged fuzzy (machine, draft or changed: not reviewed yet)."""
    return FUZZY in entry.flags


def entry_state(entry: polib.POEntry) -> State:
    """The review state of `entry` (see the module doc)."""
    if entry.obsolete:
        return State.OBSOLETE
    return revived_state(entry)


def revived_state(entry: polib.POEntry) -> State:
    """The state `entry` has, or would have if an obsolete entry came back to the article."""
    if not entry.msgstr and not any(entry.msgstr_plural.values()):
        return State.UNTRANSLATED  # a plural entry's translation is in msgstr[n], msgstr is empty
    if not is_fuzzy(entry):
        return State.REVIEWED
    if entry.previous_msgid is not None:
        return State.CHANGED
    # `machine translation: <model> [<fingerprint>]`, possibly wrapped over several comment lines.
    lines = entry.comment.splitlines()
    tag = f"[{fingerprint(entry.msgstr)}]"
    for k, line in enumerate(lines):
        if line.startswith((MACHINE, OLD_MACHINE)) and " ".join(lines[k:k + 3]).find(tag) >= 0:
            return State.MACHINE
    return State.DRAFT


def is_reviewed_work(entry: polib.POEntry) -> bool:
    """A reviewed translation, live or obsolete (a sentence that left the article)."""
    return revived_state(entry) == State.REVIEWED


def with_fuzzy(flags: Iterable[str]) -> list[str]:
    """`flags` with the fuzzy flag first when it is not there yet."""
    flags = list(flags)
    return flags if FUZZY in flags else [FUZZY, *flags]


def machine_note(model: str, text: str) -> str:
    """The marker of an untouched machine suggestion: `machine translation: <model> [<fingerprint>]`."""
    return f"{MACHINE}{model} [{fingerprint(text)}]"


def suggestion_note(model: str, text: str) -> str:
    """The new machine output of a changed sentence, kept beside the old translation."""
    return f"{MACHINE_SUGGESTS}{model}: {text}"


def glossary_missing_note(source: str, expected: str, found: str = "") -> str:
    """The note of an unhonoured term: `glossary-missing: KTT -> саммит (found "KTT")`."""
    found = f' (found "{found}")' if found else ""
    return f"{GLOSSARY_MISSING} {source} -> {expected}{found}"


def glossary_case_note(form: str, written: str, reason: str) -> str:
    """The note of a restored name whose case was guessed: `glossary-case: Путин -> Путину
    (after “позвонил”): check the case`."""
    return f"{GLOSSARY_CASE} {form} -> {written} ({reason}): check the case"


def glossary_repaired_note(found: str, written: str) -> str:
    """The note of a misspelt name put right: `glossary-repaired: Пескоффа -> Пескова`."""
    return f"{GLOSSARY_REPAIRED} {found} -> {written}"


def drop_glossary_notes(entry: polib.POEntry) -> bool:
    """Remove the glossary notes of a machine suggestion from a reviewed entry; True if any were
    there. They described the machine's text, not the reviewer's."""
    notes = entry_notes(entry)
    kept = [note for note in notes if not note.startswith(GLOSSARY_NOTES)]
    if len(kept) == len(notes):
        return False
    entry.comment = wrap_comment(kept)
    return True


def pivot_note(text: str) -> str:
    """The English intermediate of a suggestion made through English, for a reviewer who reads
    English and not the source: `pivot en: President Putin met Kim.`"""
    return f"{PIVOT_NOTE}{text}"


def glossary_problems(notes: Iterable[str] | polib.POEntry) -> int:
    """How many glossary-missing notes there are in `notes` or in an entry's extracted comments."""
    if isinstance(notes, polib.POEntry):
        notes = notes.comment.splitlines()
    return sum(1 for line in notes if line.startswith(GLOSSARY_MISSING))


def translated_source(entry: polib.POEntry) -> str:
    """The source sentence an entry's msgstr translates (its `#| msgid` while unresolved)."""
    if entry_state(entry) == State.CHANGED:
        return entry.previous_msgid
    return entry.msgid


def carried_over(source: polib.POEntry, msgid: str, occurrences: list) -> polib.POEntry:
    """A changed-source entry: `source`'s translation, fuzzy, under the new sentence `msgid`."""
    return polib.POEntry(
        msgid=msgid,
        msgstr=source.msgstr,
        occurrences=occurrences,
        flags=with_fuzzy(source.flags),
        tcomment=source.tcomment,
        previous_msgid=translated_source(source),
    )


def obsolete_copy(entry: polib.POEntry) -> polib.POEntry:
    """`entry` as a `#~` entry: no references, no extracted comments, no `#| msgid`."""
    dead = copy_entry(entry)
    dead.obsolete = True
    dead.occurrences = []
    dead.comment = ""
    dead.previous_msgid = None  # Babel cannot read `#~| msgid` lines
    return dead


def copy_entry(entry: polib.POEntry, *, obsolete: bool | None = None, previous: bool = True) -> polib.POEntry:
    """A copy of `entry` (lists copied); `obsolete` sets the copy's `#~` state, `previous=False`
    drops its `#| msgid` and `#| msgctxt` (Babel cannot read `#~|` lines)."""
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        msgctxt=entry.msgctxt,
        obsolete=entry.obsolete if obsolete is None else obsolete,
        encoding=entry.encoding,
        comment=entry.comment,
        tcomment=entry.tcomment,
        occurrences=list(entry.occurrences),
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt if previous else None,
        previous_msgid=entry.previous_msgid if previous else None,
        previous_msgid_plural=entry.previous_msgid_plural,
    )


def set_machine(
    entry: polib.POEntry, text: str, model: str, notes: Iterable[str] = (), flags: Iterable[str] = (),
    *, fuzzy: bool = True,
) -> bool:
    """Make `entry` the untouched machine suggestion `text` of `model`, with the reviewer's
    `notes` and extra `flags`; False (nothing changed) when it already is exactly that.

    `fuzzy=False` fills it as reviewed (a memory hit under `i18n translate --tm-exact reviewed`)."""
    comment = wrap_comment([machine_note(model, text), *notes])
    new_flags = with_fuzzy(entry.flags) if fuzzy else [f for f in entry.flags if f != "fuzzy"]
    new_flags += [f for f in dict.fromkeys(flags) if f not in new_flags]
    if entry.msgstr == text and entry.comment == comment and entry.flags == new_flags:
        return False
    entry.msgstr, entry.comment, entry.flags = text, comment, new_flags
    return True


def note_suggestion(entry: polib.POEntry, text: str, model: str, notes: Iterable[str] = ()) -> None:
    """Put new machine output beside a changed entry's kept translation (msgstr untouched)."""
    entry.comment = wrap_comment([suggestion_note(model, text), *notes])


def set_tag_notes(entry: polib.POEntry, lines: Iterable[str]) -> None:
    """Make `lines` (what the placeholders of a markup sentence stand for, `<1> = <strong>`)
    the entry's last extracted comments, replacing the ones an earlier run wrote."""
    kept = [line for line in entry.comment.splitlines() if not TAG_NOTE.match(line)]
    entry.comment = "\n".join([*kept, *lines])


def active_entries(catalog: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    """The entries of sentences in the article (not `#~` obsolete), in file order."""
    return [e for e in catalog if not e.obsolete]


def entries_in(catalog: Iterable[polib.POEntry], *states: State | str) -> list[polib.POEntry]:
    """The entries in any of `states`, in file order (`entries_in(po, "machine", "draft")`)."""
    wanted = {State(s) for s in states}
    return [e for e in catalog if entry_state(e) in wanted]


def count_states(catalog: Iterable[polib.POEntry]) -> dict[State, int]:
    """How many entries are in each state (every state present, zeros included)."""
    counts = dict.fromkeys(State, 0)
    for entry in catalog:
        counts[entry_state(entry)] += 1
    return counts


def entry_notes(entry: polib.POEntry) -> list[str]:
    """The entry's extracted comments as whole notes: the lines of a wrapped note joined again.

    A line that starts with a known prefix (`NOTE_PREFIXES`) begins a note; a line after it
    that starts with none continues it where `wrap_comment` would have broken the line there
    (the line above full up to the next word). Other comments stay one note a line.
    """
    notes: list[str] = []
    open_note = False  # whether the last note began with a known prefix
    last = ""  # the last physical line
    for line in entry.comment.splitlines():
        known = line.startswith(NOTE_PREFIXES)
        word = line.split(" ", 1)[0]
        if open_note and not known and notes and len("#. ") + len(last) + 1 + len(word) > WRAP_WIDTH:
            notes[-1] += " " + line
        else:
            notes.append(line)
            open_note = known
        last = line
    return notes


def pivot_text(entry: polib.POEntry) -> str:
    """The English intermediate of a suggestion made through English (`pivot en:` note), or ''."""
    return next((n[len(PIVOT_NOTE):] for n in entry_notes(entry) if n.startswith(PIVOT_NOTE)), "")
