"""Glossary checks: every term found in the source honoured in the translation.

A term found in `msgid` must be honoured in `msgstr` by the inflection-aware matcher
(`Путина` honours `Путин`); a do-not-translate term must appear as written; a forbidden
form must not appear; a missing name that the translation spells almost like a glossary
form is reported as a misspelling, with the preferred form. Each finding names the
glossary concept (`Problem.concept`, the `concept` field of JSON findings).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..glossary.spelling import edit_distance as _distance
from ..glossary.spelling import near_miss as _near_miss
from ..langs import normalize_lang
from ..model import TermMatch
from .pair import Pair
from .registry import Problem, functions, register

if TYPE_CHECKING:
    from ..glossary.model import Glossary

__all__ = ["TermView", "check_terms"]


@dataclass
class TermView:
    """What a glossary check reads: one pair, the glossary, and the glossary's verdict."""

    pair: Pair
    glossary: Glossary

    @cached_property
    def unhonoured(self) -> list[tuple[TermMatch, tuple[str, ...], str | None]]:
        """(term match, target variants, near-miss spelling or None) per term not honoured."""
        p, out = self.pair, []
        found = self.glossary.find_terms(p.source, p.source_lang)
        lang = normalize_lang(p.target_lang)
        missing = self.glossary.unhonoured(found, p.target, lang)
        for match in missing:
            variants = match.term.forms[lang]
            near = None if match.term.type == "dnt" else _near_miss(variants, p.target, lang)
            out.append((match, variants, near))
        done = {m.term.concept for m in missing}
        for match in found:
            term = match.term
            if term.concept in done or term.type != "name" or not _has_nested_variant(term.forms.get(lang, ())):
                continue
            done.add(term.concept)
            near = _partial_miss(self.glossary, term, p.target, lang)
            if near:
                out.append((match, term.forms[lang], near))
        return out


@register("glossary-missing", "error", "glossary")
def check_missing(view: TermView) -> list[Problem]:
    """Glossary term translated with its glossary form."""
    out = []
    for match, variants, near in view.unhonoured:
        if match.term.type != "dnt" and not near:
            accepted = f" (or {', '.join(variants[1:])})" if len(variants) > 1 else ""
            out.append(Problem(f"the source has “{match.text}”: translate it as “{variants[0]}”{accepted} "
                               f"(glossary {match.term.concept})", match.term.concept))
    return out


@register("glossary-variant", "error", "glossary")
def check_variant(view: TermView) -> list[Problem]:
    """Name not spelled by a variant the glossary does not list."""
    return [Problem(f"“{near}” is not a spelling the glossary lists; write “{variants[0]}” "
                    f"(glossary {match.term.concept})", match.term.concept)
            for match, variants, near in view.unhonoured if near]


@register("glossary-dnt", "error", "glossary")
def check_dnt(view: TermView) -> list[Problem]:
    """Do-not-translate term kept unchanged."""
    return [Problem(f"keep “{variants[0]}” as written (do not translate; glossary {match.term.concept})",
                    match.term.concept)
            for match, variants, _ in view.unhonoured if match.term.type == "dnt"]


@register("glossary-forbidden", "error", "glossary")
def check_forbidden(view: TermView) -> list[Problem]:
    """No forbidden form used."""
    out = []
    for match in view.glossary.find_forbidden(view.pair.target, view.pair.target_lang):
        note = f": {match.term.note}" if match.term.note else ""
        out.append(Problem(f"“{match.text}” is a forbidden form (glossary {match.term.concept}{note})",
                           match.term.concept))
    return out


def check_terms(glossary, source: str, target: str, source_lang: str, target_lang: str) -> list[tuple[str, str]]:
    """Glossary findings for one translation: (check id, message) pairs, in registry order."""
    view = TermView(Pair(source, target, source_lang, target_lang), glossary)
    ids = {"glossary-missing", "glossary-variant", "glossary-dnt", "glossary-forbidden"}
    return [(check_id, problem.message) for check_id, func in functions("glossary", ids) for problem in func(view)]


def _has_nested_variant(variants: tuple[str, ...]) -> bool:
    """True when a variant is the last or the first words of a longer one (`Путин` in
    `Владимир Путин`, `Prabowo` in `Prabowo Subianto`, `Си` in `Си Цзиньпин`)."""
    return any(len(v) > len(w) and (v.endswith(" " + w) or v.startswith(w + " ")) for v in variants for w in variants)


def _partial_miss(glossary, term, text: str, lang: str) -> str | None:
    """A short variant found and the rest of a longer one misspelt beside it: `Влаадимир Путин`
    (the leading words, before it), `Prabowo Subbianto`, `Xi Jinnping` (the trailing ones, after)."""
    from ..glossary.matcher import tokenize

    tokens = tokenize(text)
    starts = {t[0]: i for i, t in enumerate(tokens)}
    for found in glossary.find_target(term, text, lang):
        i = starts.get(found.start)
        size = len(tokenize(found.text))
        if i is None:
            continue
        for variant in term.forms[lang]:
            words = variant.split()
            k = len(words) - size
            if k <= 0:
                continue
            if i >= k and variant.endswith(" " + " ".join(words[k:])):
                window = text[tokens[i - k][0]: tokens[i - 1][1]]
                if _close(window, " ".join(words[:k]), lang):
                    return f"{window} {found.text}"
            if i + size + k <= len(tokens) and variant.startswith(" ".join(words[:size]) + " "):
                window = text[tokens[i + size][0]: tokens[i + size + k - 1][1]]
                if _close(window, " ".join(words[size:]), lang):
                    return f"{found.text} {window}"
    return None


def _close(window: str, form: str, lang: str) -> bool:
    """`window` spelled within a small edit distance of `form` but not as it (endings aside)."""
    folded, form = window.casefold(), form.casefold()
    limit = max(1, len(form) // 4)
    cuts = range(3 if lang == "ru" else 1)
    # Russian: either side may carry a case ending (`Дмиитрия` for `Дмитрий`).
    forms = {form, form[:-1]} if lang == "ru" and form[-1:] in "аяйь" else {form}
    pairs = [(folded[: len(folded) - cut], f) for cut in cuts for f in forms]
    if any(candidate == f for candidate, f in pairs):
        return False
    return any(abs(len(c) - len(f)) <= limit and 0 < _distance(c, f, limit) <= limit for c, f in pairs)
