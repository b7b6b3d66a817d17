"""Machine translation with the glossary enforced: protect, translate once, restore, check.

For each segment the glossary finds the source terms. `name` and `dnt` terms are replaced
by placeholders (see `protect`), all segments go to the engine in one batch, and the
target forms are put back, Russian names in the case their place needs (see `inflection`). A
segment whose placeholders did not come back exactly once is translated again without
protection, and its misspelt names repaired; a segment with a name whose case its sentence
does not settle is translated again too, to read the case from the model's own rendering.
Both needs share one unprotected decode (one more batch for all such segments), and it goes
no further than needed: through a pivot whose first hop kept the placeholders, only the
second hop is decoded again, from the English with the names put back (a pivot stops a
segment whose first hop lost them, see `pivot`). Finally every
source term is looked for in the output with the inflection-aware target matcher; each term
not honoured is recorded on the result, for the reviewer (a PO extracted comment).
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

from ..glossary.matcher import variant_of
from ..langs import normalize_lang
from ..model import TermMatch
from .base import PIVOT, TermCheck, Translation, Translator
from .inflection import Placed, place_names, repair_names, settle_from_rendering
from .protect import Protected, Span, protect_spans, restore_spans

__all__ = ["translate_segments", "check_translation", "PROTECTED_TYPES"]

PROTECTED_TYPES = ("name", "dnt")


def _target_form(match: TermMatch, target: str) -> str | None:
    """The target variant in the same position as the matched source variant, else the preferred one.

    Variants are aligned by position (`Vladimir Putin|Putin` -> `Владимир Путин|Путин`), so a
    source that says "Putin" gets "Путин", not the full name. The matched variant is found
    through base forms (`Путина` is the variant `Путин`), not by comparing the text literally.
    """
    term = match.term
    variants = term.forms.get(target)
    if not variants:
        return None
    k = variant_of(term, match.lang, match.text)
    return variants[k] if k is not None and k < len(variants) else variants[0]


def _protect(text: str, matches: list[TermMatch], target: str, strategy: str) -> tuple[Protected | None, tuple[str, ...], tuple[str, ...]]:
    """The protected text, the concepts protected, and each span's English form (what a pivot's
    English text gets back when only its second hop is decoded again)."""
    spans, concepts, english = [], [], []
    for m in matches:
        if m.term.type not in PROTECTED_TYPES:
            continue
        form = _target_form(m, target)
        if form is None and m.term.type == "dnt":
            form = m.text  # do not translate: keep the source form
        if form is None:
            continue
        spans.append(Span(m.start, m.end, form))
        concepts.append(m.term.concept)
        english.append(m.text if m.term.type == "dnt" else _target_form(m, PIVOT) or m.text)
    if not spans:
        return None, (), ()
    return protect_spans(text, spans, strategy=strategy), tuple(concepts), tuple(english)


def translate_segments(
    engine: Translator,
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    glossary=None,
    strategy: str | None = "brackets",
) -> list[Translation]:
    """Translate `texts` in one batch with glossary names/dnt protected and every term checked.

    `strategy=None` protects nothing (terms are still checked): the baseline to compare with.
    """
    source, target = normalize_lang(source), normalize_lang(target)
    texts = [unicodedata.normalize("NFC", t) for t in texts]
    matches = [glossary.find_terms(t, source) if glossary is not None else [] for t in texts]
    if strategy is None:
        prepared: list[tuple[Protected | None, tuple[str, ...], tuple[str, ...]]] = [(None, (), ())] * len(texts)
    else:
        prepared = [_protect(t, m, target, strategy) for t, m in zip(texts, matches, strict=True)]
    batch = [p.text if p is not None else t for t, (p, _, _) in zip(texts, prepared, strict=True)]
    first = engine.translate_scored(batch, source, target) if batch else []

    outputs: list[Translation] = list(first)
    restored, notes, placed, failed = _restore(first, prepared, glossary, target)
    # One unprotected decode serves both needs: the segments whose placeholders were lost, and
    # those with a name whose case the sentence did not settle (the model's rendering tells).
    unsure = [i for i, p in placed.items() if p.unsure]
    again = _unprotected(engine, texts, batch, first, prepared, failed + unsure, source, target)
    for i, tr in zip(failed + unsure, again, strict=True):
        if i in placed:
            settle_from_rendering(placed[i], tr.text, glossary, target)
            restored[i] = placed[i].text
            continue
        outputs[i] = tr
        restored[i], notes[i] = repair_names(tr.text, matches[i], glossary, target) if glossary else (tr.text, [])
    if strategy is None and glossary is not None:
        for i, tr in enumerate(first):
            restored[i], notes[i] = repair_names(tr.text, matches[i], glossary, target)

    results = []
    for i in range(len(texts)):
        out = restored[i]
        unhonoured = _check_terms(glossary, matches[i], out, target) if glossary is not None else ()
        results.append(
            dataclasses.replace(
                outputs[i],
                text=out,
                protected=prepared[i][1] if i not in failed else (),
                protection_failed=i in failed,
                unhonoured=unhonoured,
                notes=tuple(notes[i] + (placed[i].notes() if i in placed else [])),
                intermediate=_intermediate(outputs[i].intermediate, prepared[i][0] if i not in failed else None),
            )
        )
    return results


def _unprotected(engine: Translator, texts: list[str], batch: list[str], first: list[Translation], prepared,
                 todo: list[int], source: str, target: str) -> list[Translation]:
    """The segments `todo` translated without placeholders, each once and no further than needed.

    Through a pivot whose first hop kept the placeholders, only the second hop is decoded again,
    from the English with the names put back in their English form (the first hop is the
    memo's: no decode); a segment whose first hop lost them is translated again from the source.
    """
    if not todo:
        return []
    out: dict[int, Translation] = {}
    whole = todo
    if engine.route(source, target).pivot:
        kept = [i for i in todo if not first[i].tokens_lost]
        one = engine.translate_scored([batch[i] for i in kept], source, PIVOT) if kept else []
        english = {}
        for i, hop in zip(kept, one, strict=True):
            prot, _, forms = prepared[i]
            back = restore_spans(hop.text, dataclasses.replace(prot, replacements=forms))
            if back.ok:
                english[i] = (hop, back.text)
        two = engine.translate_scored([e for _, e in english.values()], PIVOT, target) if english else []
        for (i, (hop, text)), tr in zip(english.items(), two, strict=True):
            score = None if hop.score is None or tr.score is None else hop.score + tr.score
            out[i] = dataclasses.replace(tr, score=score, model=first[i].model, label=first[i].label, intermediate=text)
        whole = [i for i in todo if i not in out]
    if whole:
        out.update(zip(whole, engine.translate_scored([texts[i] for i in whole], source, target), strict=True))
    return [out[i] for i in todo]


def _restore(first: list[Translation], prepared, glossary, target: str):
    """Each protected output with its names put back in place; the segments whose placeholders
    did not all come back once (`failed`) are left for an unprotected translation."""
    restored = [t.text for t in first]
    notes: list[list[str]] = [[] for _ in first]
    placed: dict[int, Placed] = {}
    failed: list[int] = []
    for i, ((prot, concepts, _), tr) in enumerate(zip(prepared, first, strict=True)):
        if prot is None:
            continue
        back = restore_spans(tr.text, prot)
        if not back.ok:
            failed.append(i)
            continue
        terms = [glossary.by_concept(c) for c in concepts]
        placed[i] = place_names(back.text, back.landed, terms, list(prot.replacements), target)
        restored[i] = placed[i].text
    return restored, notes, placed, failed


def _intermediate(text: str, prot: Protected | None) -> str:
    """A pivot's English text with the protected terms back in their source form (the reviewer
    reads `Putin`, not `⟦0⟧`); as the model gave it when its placeholders did not come back."""
    if not text or prot is None or prot.strategy == "copy":
        return text
    back = restore_spans(text, dataclasses.replace(prot, replacements=prot.originals))
    return back.text if back.ok else text


def _check_terms(glossary, matches: list[TermMatch], output: str, target: str) -> tuple[TermCheck, ...]:
    checks = []
    for m in glossary.unhonoured(matches, output, target):
        expected = _target_form(m, target) or ""
        # The source form left as it was (untranslated), as a whole word of the output.
        found = m.text if re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", output) else ""
        checks.append(TermCheck(m.term.concept, m.term.type, m.text, expected, found))
    return tuple(checks)


def check_translation(glossary, text: str, output: str, source: str, target: str) -> tuple[TermCheck, ...]:
    """The glossary terms of `text` that `output` (any translation of it) does not honour."""
    source, target = normalize_lang(source), normalize_lang(target)
    text = unicodedata.normalize("NFC", text)
    return _check_terms(glossary, glossary.find_terms(text, source), output, target)
