"""The glossary matcher as it was before issue 18's prefilter, kept verbatim as the oracle.

`i18n.glossary.matcher.TermMatcher` must find exactly what this one finds (same terms, same
spans, same order) on every text; tests/test_matcher_oracle.py compares the two on generated
and real text in id, en, ru and vi. This is the word loop that tokenizes the whole text and
looks every word up: test-only, never imported by i18n.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from i18n.glossary.morph import APOSTROPHES, HYPHENS, common_word_ru, fold_word, form_keys, word_keys
from i18n.model import Term, TermMatch

__all__ = ["LegacyTermMatcher"]

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SOFT_GAP = re.compile(r"[^\S\n]+|[" + re.escape(HYPHENS + APOSTROPHES) + "]")
_HYPHEN_SET = frozenset(HYPHENS)
SOFT = "~"
_SEP = "\x1f"
MAX_VARIANT_KEYS = 64  # keys combinations indexed per multi-word form (ambiguous lemmas)

# (start, end, word, joiner, after_hyphen): joiner is the gap before the word, classified.
Token = tuple[int, int, str, str, bool]


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of `text` with their offsets and the joiner before each (SOFT or literal)."""
    out: list[Token] = []
    prev_end = -1
    gaps = _GAPS
    for m in _WORD.finditer(text):
        start, end = m.span()
        if prev_end < 0:
            joiner, after_hyphen = "", False
        else:
            gap = text[prev_end:start]
            known = gaps.get(gap)
            if known is None:
                known = _classify_gap(gap)
            joiner, after_hyphen = known
        out.append((start, end, m.group(), joiner, after_hyphen))
        prev_end = end
    return tuple(out)


# The few distinct gaps between words (" ", ", ", "-", ". "), classified once.
_GAPS: dict[str, tuple[str, bool]] = {}


def _classify_gap(gap: str) -> tuple[str, bool]:
    if _SOFT_GAP.fullmatch(gap):
        known = (SOFT, gap in _HYPHEN_SET)
    else:
        known = (_literal_joiner(gap), False)
    if len(_GAPS) < 10_000:
        _GAPS[gap] = known
    return known


def _literal_joiner(gap: str) -> str:
    gap = "".join(gap.split())
    for c in HYPHENS:
        gap = gap.replace(c, "-")
    for c in APOSTROPHES:
        gap = gap.replace(c, "'")
    return gap


def _cased(key: str, word: str, after_hyphen: bool) -> str:
    if key and key[0].islower() and (after_hyphen or word[:1].isupper()):
        return key[0].upper() + key[1:]
    return key


@lru_cache(maxsize=200_000)
def _text_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    keys = word_keys(word, lang)
    if sensitive:
        cased = [_cased(k, word, after_hyphen) for k in keys] + _capitals(word, lang)
        return tuple(dict.fromkeys(cased + [k[:1].lower() + k[1:] for k in cased]))
    return tuple(dict.fromkeys(k.casefold() for k in keys))


def _capitals(word: str, lang: str) -> list[str]:
    """A word in capitals of four letters or more (a dateline's `JAKARTA`, a headline's) also
    meets the name written with one capital; shorter ones are acronyms (`AS` is not `As`)."""
    if len(word) < 4 or not word.isupper():
        return []
    titled = word[:1] + word[1:].lower()
    return [_cased(k, titled, False) for k in word_keys(titled, lang)]


def _form_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    keys = form_keys(word, lang)
    if sensitive:
        return tuple(dict.fromkeys(_cased(k, word, after_hyphen) for k in keys))
    return tuple(dict.fromkeys(k.casefold() for k in keys))


class LegacyTermMatcher:
    """Leftmost-longest, non-overlapping matching of many terms' forms in one language."""

    def __init__(self, terms: Iterable[Term], lang: str, *, inflected: bool = True):
        self.lang = lang
        self.inflected = inflected
        # Two tries: case-sensitive forms and case-insensitive ones. A node is a dict of
        # edges; the terminal term sits under the key None (the first form indexed wins).
        self._tries: tuple[dict, dict] = ({}, {})
        self.size = 0
        # (word, after_hyphen) -> the trie nodes it enters from the root, by trie: most words
        # of a text start no form, and this turns their test into one dict lookup.
        self._starts: dict[tuple[str, bool], tuple[tuple[dict, ...], tuple[dict, ...]]] = {}
        for term in terms:
            for form in term.forms.get(lang, ()):
                self._add(term, form)

    def _add(self, term: Term, form: str) -> None:
        tokens = tokenize(form)
        if not tokens:
            return
        sensitive = term.case_sensitive
        keys_of = _form_keys if self.inflected else _plain_form_keys
        # Russian running text writes the ordinary words of a multiword name in lower case
        # (`католической церкви` for `Католическая церковь`); never a proper name's (`Путин`).
        lower_ok = self.inflected and sensitive and self.lang == "ru" and len(tokens) > 1
        options = []
        for i, (_, _, word, joiner, after_hyphen) in enumerate(tokens):
            keys = keys_of(word, self.lang, after_hyphen, sensitive)
            if lower_ok and word[:1].isupper() and common_word_ru(word):
                keys = tuple(dict.fromkeys([*keys, *(k[:1].lower() + k[1:] for k in keys)]))
            options.append([k if i == 0 else joiner + _SEP + k for k in keys])
        root = self._tries[0 if sensitive else 1]
        for path in itertools.islice(itertools.product(*options), MAX_VARIANT_KEYS):
            node = root
            for edge in path:
                node = node.setdefault(edge, {})
            if None not in node:
                node[None] = term
                self.size += 1

    def find(self, text: str) -> list[TermMatch]:
        """Every match in `text`: leftmost first, longest at each start, no overlaps."""
        tokens = tokenize(text)
        n = len(tokens)
        out: list[TermMatch] = []
        keys_of = _text_keys if self.inflected else _plain_keys
        lang = self.lang
        starts = self._starts
        i = 0
        while i < n:
            best_end, best_term = -1, None
            word, after_hyphen = tokens[i][2], tokens[i][4]
            entry = starts.get((word, after_hyphen))
            if entry is None:
                entry = starts[(word, after_hyphen)] = self._start_nodes(word, after_hyphen)
            if not entry[0] and not entry[1]:
                i += 1
                continue
            for sensitive, nodes in ((True, entry[0]), (False, entry[1])):
                stack = [(node, i) for node in nodes]
                while stack:
                    node, j = stack.pop()
                    term = node.get(None)
                    if term is not None and j > best_end:
                        best_end, best_term = j, term
                    if j + 1 < n:
                        _, _, w, joiner, ah = tokens[j + 1]
                        for k in keys_of(w, lang, ah, sensitive):
                            child = node.get(joiner + _SEP + k)
                            if child is not None:
                                stack.append((child, j + 1))
            if best_term is None:
                i += 1
                continue
            start, end = tokens[i][0], tokens[best_end][1]
            out.append(TermMatch(best_term, lang, start, end, text[start:end]))
            i = best_end + 1
        return out

    def _start_nodes(self, word: str, after_hyphen: bool) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
        if len(self._starts) > 200_000:
            self._starts.clear()
        keys_of = _text_keys if self.inflected else _plain_keys
        sensitive_nodes, insensitive_nodes = (
            tuple(root[k] for k in keys_of(word, self.lang, after_hyphen, sensitive) if k in root)
            if root else ()
            for sensitive, root in ((True, self._tries[0]), (False, self._tries[1]))
        )
        return sensitive_nodes, insensitive_nodes


@lru_cache(maxsize=200_000)
def _plain_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    key = fold_word(word, lang)
    if sensitive:
        key = _cased(key, word, after_hyphen)
        titled = [fold_word(word[:1] + word[1:].lower(), lang)] if len(word) >= 4 and word.isupper() else []
        return tuple(dict.fromkeys((key, key[:1].lower() + key[1:], *titled)))
    return (key.casefold(),)


def _plain_form_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    key = fold_word(word, lang)
    return (_cased(key, word, after_hyphen),) if sensitive else (key.casefold(),)
