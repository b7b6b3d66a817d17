"""The newsroom glossary: checked whole, matched fast.

`lint_glossary` reports every problem of `glossary/*.csv` with file:line:column in one run
(the format is described in `i18n.glossary.csvfile`); `load_glossary` refuses a glossary that
has any. Matching lives in `i18n.glossary.matcher`; a Glossary builds one matcher per language (and
one per term for target checks) on first use and keeps it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..errors import GlossaryError
from ..langs import CASE_PLAIN, SUPPORTED, normalize_lang
from ..model import Term, TermMatch
from .csvfile import GlossaryProblem, read_terms
from .derived import derived_forms
from .matcher import TermMatcher, tokenize
from .morph import case_stems_ru, form_keys, word_keys

__all__ = ["Glossary", "format_terms", "load_glossary", "lint_glossary"]


class Glossary:
    """A checked set of terms, with matchers built once per language."""

    def __init__(self, terms: Iterable[Term]):
        self.terms: tuple[Term, ...] = tuple(terms)
        self._by_concept = {t.concept: t for t in self.terms}
        self._matchers: dict[tuple, TermMatcher] = {}
        self._inner: dict[str, dict[str, frozenset[str]]] = {}
        self._held: dict[str, dict[str, frozenset[str]]] = {}  # _nested: word -> the concepts holding it
        self._terms_by_code: dict[tuple[str, bool], TermMatcher] = {}  # find_terms' language code as given

    def __len__(self) -> int:
        return len(self.terms)

    def by_concept(self, concept: str) -> Term:
        """The term with this concept key."""
        try:
            return self._by_concept[concept]
        except KeyError:
            raise GlossaryError(f"no concept {concept!r} in the glossary") from None

    def terms_for(self, lang: str) -> list[Term]:
        """The terms with a form in `lang` (forbidden ones included)."""
        return [t for t in self.terms if lang in t.forms]

    def _matcher(self, kind: str, lang: str, inflected: bool) -> TermMatcher:
        key = (kind, lang, inflected)
        matcher = self._matchers.get(key)
        if matcher is None:
            if kind == "forbidden":
                terms = [t for t in self.terms if t.type == "forbidden"]
            else:
                terms = [t for t in self.terms if t.type != "forbidden"]
            matcher = self._matchers[key] = TermMatcher(terms, lang, inflected=inflected)
        return matcher

    def find_terms(self, text: str, lang: str, *, inflected: bool = True) -> list[TermMatch]:
        """Glossary terms in `text` (source side): non-overlapping, longest first, by start.

        With `inflected` (the default) words also meet by base form (`Путиным`,
        `Kremlinnya`, `summits`); `inflected=False` matches spellings only.
        """
        matcher = self._terms_by_code.get((lang, inflected))
        if matcher is None:
            matcher = self._terms_by_code[(lang, inflected)] = self._matcher("terms", normalize_lang(lang), inflected)
        return matcher.find(unicodedata.normalize("NFC", text))

    def find_forbidden(self, text: str, lang: str) -> list[TermMatch]:
        """Forbidden forms in `text`, inflection-aware."""
        return self._matcher("forbidden", normalize_lang(lang), True).find(unicodedata.normalize("NFC", text))

    def find_target(self, term: Term, text: str, lang: str) -> list[TermMatch]:
        """Occurrences of any variant of `term` in `text` written in `lang`, inflection-aware."""
        lang = normalize_lang(lang)
        if lang not in term.forms:
            return []
        key = ("target", term.concept, lang)
        matcher = self._matchers.get(key)
        if matcher is None or term is not self._by_concept.get(term.concept):
            matcher = TermMatcher([term], lang)
            if term is self._by_concept.get(term.concept):
                self._matchers[key] = matcher
        return matcher.find(unicodedata.normalize("NFC", text))

    def is_honoured(self, term: Term, text: str, lang: str) -> bool:
        """True when `text` uses a form of `term` in `lang` or a derived form of a name
        (`российским`, `North Korean`), or the term has no form there.

        A derived form spelled like the source's name counts too (`the Balkan states` for
        `negara-negara Balkan`): a false alarm on correct work costs more than missing the
        rare name left untranslated in a protected segment."""
        lang = normalize_lang(lang)
        if lang not in term.forms:
            return True
        return bool(self.find_target(term, text, lang)) or bool(self.find_derived(term, text, lang))

    def find_derived(self, term: Term, text: str, lang: str) -> list[TermMatch]:
        """Occurrences of a derived form of `term` (see `i18n.glossary.derived`) in `text`."""
        lang = normalize_lang(lang)
        key = ("derived", term.concept, lang)
        matcher = self._matchers.get(key)
        if matcher is None or term is not self._by_concept.get(term.concept):
            forms = derived_forms(term, lang)
            stand_in = Term(term.concept, "term", {lang: forms} if forms else {}, False)
            matcher = TermMatcher([stand_in], lang)
            if term is self._by_concept.get(term.concept):
                self._matchers[key] = matcher
        return matcher.find(unicodedata.normalize("NFC", text))

    def _nested(self, hit: TermMatch, concept: str, text: str, lang: str, found: list[TermMatch]) -> bool:
        """Whether `hit` lies inside a longer name of another concept (Китайское in Южно-Китайское
        море is the sea's, not a form of China) among `found`, the whole matcher's matches in
        `text`. Looked up only where a word of the hit and a word beside it both belong to
        another concept's name of several words."""
        inner = self._inner.get(lang)
        if inner is None:
            inner = self._inner[lang] = _inner_words(self.terms, lang)
        held = self._held.setdefault(lang, {})

        def concepts(words) -> set[str]:
            out: set[str] = set()
            for w in words:
                of_word = held.get(w)
                if of_word is None:  # the concepts holding a word, worked out once per word
                    if len(held) > 200_000:
                        held.clear()
                    of_word = held[w] = frozenset(c for k in word_keys(w, lang) for c in inner.get(k.casefold(), ()))
                out |= of_word
            return out

        holding = concepts(t[2] for t in tokenize(hit.text)) - {concept}
        if not holding:
            return False
        before = _LAST_WORD.search(text, max(0, hit.start - 60), hit.start)
        after = _FIRST_WORD.match(text, hit.end, hit.end + 60)
        if not holding & concepts(m.group(1) for m in (before, after) if m is not None):
            return False
        return any(o.term.concept != concept and o.start <= hit.start and hit.end <= o.end
                   and o.end - o.start > hit.end - hit.start for o in found)

    def unhonoured(self, matches: Iterable[TermMatch], text: str, lang: str) -> list[TermMatch]:
        """The source `matches` whose terms `text` (a translation into `lang`) does not honour.

        One per concept, in source order; terms without a form in `lang` are skipped. This
        is the one rule both the MT step's reviewer notes and `i18n check` apply.
        """
        lang = normalize_lang(lang)
        text = unicodedata.normalize("NFC", text)
        seen: set[str] = set()
        unsure: list[TermMatch] = []
        for match in matches:
            term = match.term
            variants = term.forms.get(lang)
            if term.concept in seen or not variants:
                continue
            seen.add(term.concept)
            if not _written(variants, term.case_sensitive, text):
                unsure.append(match)  # not written exactly: the lemma matcher decides
        # One pass of the whole matcher answers for every term at once (its tries and the
        # words it has met are the glossary's, kept between texts); each term's own matchers
        # settle the rest (a term hidden by an overlapping longer match, a derived form).
        found = self.find_terms(text, lang) if unsure else []
        present = {m.term.concept for m in found}
        out = []
        for m in unsure:
            if m.term.concept in present:
                continue
            for finder in (self.find_target, self.find_derived):
                hits = finder(m.term, text, lang)
                if hits and any(not self._nested(h, m.term.concept, text, lang, found) for h in hits):
                    break
            else:
                if not _declined_name(m.term, text, lang):
                    out.append(m)
        return out


_LAST_WORD = re.compile(r"([^\W_]+)[\W_]*$")
_FIRST_WORD = re.compile(r"[\W_]*([^\W_]+)")


def _declined_name(term: Term, text: str, lang: str) -> bool:
    """Whether `text` writes a Russian name of `term` declined as a foreign name declines, where
    the lemmatiser reads the form as another word (`Илона Маска`: маска, not the surname Маск):
    the words of a variant in a row, each capitalised as in the variant and either its spelling
    or its spelling with a case ending (`case_stems_ru`). A short variant that ends a longer one
    (`Маск` of `Илон Маск`) counts only with no capitalised word before it: `Илнона Маска` is a
    misspelt long variant, for the variant check to report. Checked only for a name the other
    tests found missing, so it can only take back a false alarm, never make one."""
    if lang != "ru" or term.type != "name":
        return False
    words = [t[2] for t in tokenize(text)]
    variants = [[t[2] for t in tokenize(v)] for v in term.forms.get(lang, ())]
    for form in variants:
        if not form or not all(w[:1].isupper() for w in form):
            continue
        ends_longer = any(len(v) > len(form) and v[-len(form):] == form for v in variants)
        wanted = [case_stems_ru(w)[0] for w in form]
        for i in range(len(words) - len(form) + 1):
            if ends_longer and i and words[i - 1][:1].isupper():
                continue
            if all(words[i + k][:1].isupper() and wanted[k] in case_stems_ru(words[i + k])
                   for k in range(len(form))):
                return True
    return False


def _inner_words(terms: Iterable[Term], lang: str) -> dict[str, frozenset[str]]:
    """Word key -> the concepts with a form of several words in `lang` holding that word."""
    out: dict[str, set[str]] = {}
    for term in terms:
        if term.type == "forbidden":
            continue
        for form in term.forms.get(lang, ()):
            tokens = tokenize(form)
            if len(tokens) > 1:
                for token in tokens:
                    for key in form_keys(token[2], lang):
                        out.setdefault(key.casefold(), set()).add(term.concept)
    return {k: frozenset(v) for k, v in out.items()}




def _written(variants: tuple[str, ...], case_sensitive: bool, text: str) -> bool:
    """Whether `_written_as(variants, case_sensitive)` finds a form in `text`, by str.find where
    the case rule allows it: compiling a regex per term was a tenth of a cold check's time."""
    if case_sensitive:
        haystack, needles = text, variants
    elif CASE_PLAIN.fullmatch(text) and all(CASE_PLAIN.fullmatch(v) for v in variants):
        haystack, needles = text.lower(), tuple(v.lower() for v in variants)
    else:
        return _written_as(variants, case_sensitive).search(text) is not None
    size = len(text)
    for needle in needles:
        i = haystack.find(needle)
        while i >= 0:
            j = i + len(needle)
            if (i == 0 or not _is_word(text[i - 1])) and (j == size or not _is_word(text[j])):
                return True
            i = haystack.find(needle, i + 1)
    return False


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # what `re` takes for \w in a str pattern


@lru_cache(maxsize=50_000)
def _written_as(variants: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    """A glossary form written exactly, as whole words: proof enough that the term is there."""
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def load_glossary(path: Path | str) -> Glossary:
    """Load a glossary folder (all *.csv, sorted) or one CSV file; refuse it if it has problems."""
    terms, problems = read_terms(path)
    if problems:
        many = f"{len(problems)} problems" if len(problems) > 1 else "a problem"
        raise GlossaryError(
            f"glossary {path} has {many}, the first: {problems[0]}; "
            f"run `i18n glossary lint {path}` to see them all",
            problems,
        )
    return Glossary(terms)


def lint_glossary(path: Path | str) -> list[GlossaryProblem]:
    """Every problem of a glossary folder or file, in file and line order."""
    return read_terms(path)[1]


def format_terms(glossary: Glossary, lang: str | None = None) -> str:
    """`i18n glossary list`: concept, type and forms (variants joined by |), tab-separated."""
    if lang is not None:
        lines = [f"{t.concept}\t{t.type}\t{'|'.join(t.forms[lang])}" for t in glossary.terms_for(lang)]
    else:
        lines = [
            f"{t.concept}\t{t.type}\t" + "\t".join(f"{code}={'|'.join(t.forms.get(code, ()))}" for code in SUPPORTED)
            for t in glossary.terms
        ]
    return "".join(line + "\n" for line in lines)
