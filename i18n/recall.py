"""The translation-memory step of `i18n translate`: reviewed work first, the model for the rest.

For one language pair the pending segments are looked up in the memory (catalog/memory.py):

- an exact hit becomes the suggestion at once, with no model call: the reviewed translation,
  `fuzzy` unless the job marks exact hits reviewed, with a comment naming the PO file of the
  entry it comes from (the msgid is the same sentence; a line number would go stale as soon
  as that file is rewritten, and change the comment on every run) and any other reviewed
  translation of the sentence (the most recent one wins);
- a fuzzy hit (similarity at or above the threshold) still goes to the model; it becomes the
  suggestion when its similarity beats the model's confidence, else it is shown in a comment
  beside the machine suggestion, with its similarity either way.

A hit whose translation does not honour the current glossary carries the `glossary-missing:`
notes a machine suggestion would, and is never marked reviewed. This module sits between the
engines (it uses their glossary check) and the pipeline, which calls it in one place.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .catalog.memory import TMMatch, TranslationMemory
from .catalog.merge import Suggestion
from .catalog.states import TM_NOTE, suggestion_note
from .engines.enforce import check_translation

__all__ = ["TM_MODEL", "EXACT_MODES", "Recall", "recall_memory", "tm_beats_mt"]

TM_MODEL = "translation-memory"  # the model a suggestion from the memory is attributed to
EXACT_MODES = ("fuzzy", "reviewed")  # how an exact hit is filled (`--tm-exact`)


def tm_beats_mt(similarity: float, mt_score: float | None) -> bool:
    """Whether a fuzzy TM hit should be the suggestion rather than the machine output.

    The model's score is a mean log-probability per token: exp() of it is its typical token
    probability (0-1), set against the similarity as a fraction. An engine without scores
    keeps its suggestion (the hit stays in the comment).
    """
    return mt_score is not None and similarity / 100 > math.exp(mt_score)


@dataclass
class Recall:
    """What the memory gave for one language pair's pending segments."""

    source: str
    target: str
    exact: dict[str, Suggestion] = field(default_factory=dict)
    fuzzy: dict[str, TMMatch] = field(default_factory=dict)
    glossary: object = None
    fuzzy_used: int = 0  # fuzzy hits that became the suggestion

    def to_translate(self, texts: list[str]) -> list[str]:
        """The segments the model still has to translate: all but the exact hits."""
        return [t for t in texts if t not in self.exact]

    def with_machine(self, text: str, mt: Suggestion | None, mt_score: float | None) -> Suggestion | None:
        """The suggestion for `text` given its machine one: MT, or a fuzzy hit that beats it."""
        match = self.fuzzy.get(text)
        if match is None:
            return mt
        hit = _hit_line(match)
        if mt is None or tm_beats_mt(match.score, mt_score):
            self.fuzzy_used += 1
            notes = [hit, *_others(match)]
            if mt is not None:
                notes.append(suggestion_note(mt.model, mt.text))
            return Suggestion(
                text=match.unit.translation, model=TM_MODEL,
                notes=[*self._glossary_notes(text, match.unit.translation), *notes],
            )
        return Suggestion(
            text=mt.text, model=mt.model, flags=list(mt.flags),
            notes=[*mt.notes, f"{hit}: {match.unit.translation}"],
        )

    def _glossary_notes(self, text: str, translation: str) -> list[str]:
        if self.glossary is None:
            return []
        return [c.describe() for c in check_translation(self.glossary, text, translation, self.source, self.target)]


def recall_memory(
    memory: TranslationMemory | None,
    texts: list[str],
    source: str,
    target: str,
    *,
    threshold: float = 75.0,
    exact: str = "fuzzy",
    glossary=None,
) -> Recall:
    """Look `texts` up in `memory`; exact hits become suggestions, fuzzy hits wait for MT."""
    recall = Recall(source, target, glossary=glossary)
    if memory is None or not texts:
        return recall
    for text, match in memory.lookup(texts, source, target, threshold=threshold).items():
        if not match.exact:
            recall.fuzzy[text] = match
            continue
        problems = recall._glossary_notes(text, match.unit.translation)
        others = _others(match)
        lines = [f"{TM_NOTE}exact match, reviewed in {match.unit.file()} ({match.unit.day})", *others]
        # Marked reviewed only when nothing is left to decide: no glossary problem, no conflict.
        reviewed = exact == "reviewed" and not problems and not others
        recall.exact[text] = Suggestion(
            text=match.unit.translation, model=TM_MODEL, notes=[*problems, *lines], fuzzy=not reviewed,
        )
    return recall


def _hit_line(match: TMMatch) -> str:
    unit = match.unit
    return f'{TM_NOTE}{match.score:.0f}% match of "{unit.text}", reviewed in {unit.file()} ({unit.day})'


def _others(match: TMMatch) -> list[str]:
    return [
        f'{TM_NOTE}also reviewed as "{alt.translation}" in {alt.file()} ({alt.day})'
        for alt in match.alternatives
    ]
