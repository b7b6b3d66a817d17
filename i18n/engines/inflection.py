"""Restored names in the form their place needs, and misspelt names repaired.

A placeholder comes back as the glossary's dictionary form (`Путин`); in Russian the sentence
usually needs another case (`поблагодарил Путина`, `с Путиным`). `place_names` reads the
case from the words that govern the place (`i18n.glossary.government`) and inflects the form
(`i18n.glossary.inflect`); letters the model glued to the placeholder (`⟦0⟧а`) are its own
case ending and are read first. What the context does not settle is returned as unsure: the
caller translates those segments once more without placeholders, in one batch, and
`settle_from_rendering` reads the case from the model's own rendering of the name (by its
ending, so a misspelt `Пескоффа` still says genitive). A case nothing settles is written in
the likeliest case and noted for the reviewer (`glossary-case: ... check the case`).

`repair_names` puts right a name the model spelt wrongly in an unprotected translation: the
glossary form, in the case the wrong spelling's ending shows, with a `glossary-repaired:` note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog.states import glossary_case_note, glossary_repaired_note
from ..glossary.government import case_at_ru
from ..glossary.inflect import cases_of_ru, inflect_ru, is_person_ru, paradigm_ru
from ..glossary.matcher import tokenize
from ..glossary.spelling import near_miss_span
from ..model import Term

__all__ = ["Placed", "place_names", "settle_from_rendering", "repair_names", "INFLECTING"]

INFLECTING = frozenset({"ru"})  # target languages whose restored names take a case
_GLUED = re.compile(r"[а-яё]{1,3}(?![\w])")


@dataclass
class Placed:
    """A restored translation with its names in place; `unsure` names need a rendering."""

    text: str
    # (start, end, span number, term, form, cases tried, reason) of each restored name
    names: list[tuple[int, int, int, Term, str, tuple[str, ...], str]] = field(default_factory=list)
    unsure: list[int] = field(default_factory=list)  # indexes into names

    def notes(self) -> list[str]:
        """The reviewer's notes for the names still unsure."""
        out = []
        for k in self.unsure:
            start, end, _, _, form, _, reason = self.names[k]
            out.append(glossary_case_note(form, self.text[start:end], reason))
        return out

    def rewrite(self, k: int, written: str) -> None:
        """Write name `k` as `written`, shifting the names after it."""
        start, end, n, term, form, cases, reason = self.names[k]
        self.text = self.text[:start] + written + self.text[end:]
        shift = len(written) - (end - start)
        self.names[k] = (start, start + len(written), n, term, form, cases, reason)
        for j, (s, e, n2, t2, f2, c2, r2) in enumerate(self.names):
            if s > start:
                self.names[j] = (s + shift, e + shift, n2, t2, f2, c2, r2)


def place_names(text: str, landed, terms: list[Term], forms: list[str], target: str) -> Placed:
    """Inflect each restored name of `text` (landed: (start, end, span number)) to its place."""
    placed = Placed(text)
    for start, end, n in landed:
        placed.names.append((start, end, n, terms[n], forms[n], (), ""))
    if target not in INFLECTING:
        return placed
    others = tuple((s, e) for s, e, _ in landed)
    # Right to left: the words left of a name (what governs it) are not rewritten yet.
    for k in sorted(range(len(placed.names)), key=lambda j: -placed.names[j][0]):
        start, end, n, term, form, _, _ = placed.names[k]
        if term.type != "name" or len(set(paradigm_ru(form).values())) == 1:
            continue  # do-not-translate terms and indeclinable names stay as written
        glued = _GLUED.match(placed.text, end)
        if glued and cases_of_ru(form, form + glued.group()):
            cases = cases_of_ru(form, form + glued.group())
            placed.names[k] = (start, glued.end(), n, term, form, cases, "the model's ending")
            placed.rewrite(k, inflect_ru(form, cases[0]))
            continue
        guess = case_at_ru(placed.text, start, person=is_person_ru(form), others=others, end=end)
        written = {inflect_ru(form, c) for c in guess.cases}
        placed.names[k] = (start, end, n, term, form, guess.cases, guess.reason)
        placed.rewrite(k, inflect_ru(form, guess.cases[0]))
        if not guess.sure and len(written) > 1:
            placed.unsure.append(k)
    placed.unsure.sort()
    return placed


def settle_from_rendering(placed: Placed, rendering: str, glossary, target: str) -> None:
    """Settle unsure names by the case of the model's own rendering of each (unprotected)."""
    still = []
    for k in placed.unsure:
        _, _, _, term, form, tried, _ = placed.names[k]
        seen = glossary.find_target(term, rendering, target)
        span = (seen[0].start, seen[0].end) if seen else near_miss_span(term.forms[target], rendering, target)
        cases = cases_of_ru(form, rendering[span[0]:span[1]]) if span else ()
        if not cases:
            still.append(k)
            continue
        preferred = [c for c in cases if c in tried] or list(cases)
        placed.rewrite(k, inflect_ru(form, preferred[0]))
    placed.unsure = still


def repair_names(text: str, matches, glossary, target: str) -> tuple[str, list[str]]:
    """Put right the names of `matches` (source terms) that `text` spells wrongly."""
    notes = []
    for m in glossary.unhonoured(matches, text, target):
        term = m.term
        if term.type != "name" or target not in term.forms:
            continue
        span = near_miss_span(term.forms[target], text, target)
        if span is None:
            continue
        found = text[span[0]:span[1]]
        size = len(tokenize(found))
        form = next((v for v in term.forms[target] if len(tokenize(v)) == size), term.forms[target][0])
        written = form
        if target in INFLECTING:
            cases = cases_of_ru(form, found)
            written = inflect_ru(form, cases[0]) if cases else form
        text = text[:span[0]] + written + text[span[1]:]
        notes.append(glossary_repaired_note(found, written))
    return text, notes
