"""Contradictions between glossary rows, found after every row has been read.

Each check yields `(term, lang, message)`: the row and language cell to blame and what to do;
`csvfile.read_terms` turns them into located problems.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..langs import SUPPORTED
from ..model import Term
from .matcher import tokenize
from .morph import fold_word

__all__ = ["forbidden_preferred", "source_conflicts"]

Contradiction = tuple[Term, str, str]


def forbidden_preferred(terms: Iterable[Term]) -> Iterator[Contradiction]:
    """A forbidden form may not be another concept's preferred form (it would flag every use)."""
    terms = list(terms)
    preferred = {
        (lang, _fold_form(t.preferred(lang), lang)): t
        for t in terms if t.type != "forbidden" for lang in t.forms
    }
    for term in terms:
        if term.type != "forbidden":
            continue
        for lang, variants in term.forms.items():
            for variant in variants:
                other = preferred.get((lang, _fold_form(variant, lang)))
                if other is not None:
                    yield term, lang, (
                        f"forbidden form '{variant}' ({lang}) is the preferred form of "
                        f"'{other.concept}' ({other.origin}): every correct use would be an error; "
                        "drop the variant from the forbidden row or make it more specific"
                    )


def source_conflicts(terms: Iterable[Term]) -> Iterator[Contradiction]:
    """The same source form may not lead to two different preferred targets."""
    first: dict[tuple[str, str], Term] = {}
    reported: set[tuple[str, str, str]] = set()
    for term in terms:
        if term.type == "forbidden":
            continue
        for src, variants in term.forms.items():
            for variant in variants:
                other = first.setdefault((src, _fold_form(variant, src)), term)
                if other is term or (other.concept, term.concept, src) in reported:
                    continue
                if term.case_sensitive and other.case_sensitive and variant not in other.forms[src]:
                    continue
                diffs = _differences(term, other, src)
                if not diffs:
                    continue
                reported.add((other.concept, term.concept, src))
                yield term, src, (
                    f"'{variant}' ({src}) is also a form of '{other.concept}' ({other.origin}) "
                    f"with a different translation: {'; '.join(diffs)}; "
                    "one source term needs one translation (merge the rows or drop the variant)"
                )


def _differences(term: Term, other: Term, src: str) -> list[str]:
    """The target languages where two terms sharing a source form prefer different forms."""
    return [
        f"{tgt} '{other.preferred(tgt)}' vs '{term.preferred(tgt)}'"
        for tgt in SUPPORTED
        if tgt != src and tgt in term.forms and tgt in other.forms
        and _fold_form(term.preferred(tgt), tgt) != _fold_form(other.preferred(tgt), tgt)
    ]


def _fold_form(form: str | None, lang: str) -> str:
    # form is a preferred form of a language the term has, so never None in practice
    return " ".join(fold_word(t[2], lang).casefold() for t in tokenize(form or ""))
