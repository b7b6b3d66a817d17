"""Finding glossary forms in text: one word trie per glossary and language, built once.

Text is cut into words (Unicode letters and digits); what lies between two words is their
joiner. A space, a hyphen or an apostrophe is a soft joiner, so `Soyuz-2` meets `Soyuz 2`
and `Jong-un` meets `Jong Un`; any other joiner (`U.S.`, `(EEF`) must be the same in the
form and the text. Words meet by key (see `i18n.morph`): a Russian word by lemma, an
Indonesian one with its clitic removed, a Vietnamese one with its tone mark folded.

Case-sensitive forms compare keys as written, except that a word's first letter after a
hyphen is taken as a capital (`Jong-un` = `Jong-Un`), a lemma takes the case of its
word's first letter (`Путиным` -> `Путин`), and a form word written in lower case also
meets the word capitalised (sentence starts, titles: `космодром` meets `Космодром`, but
`Kim` never meets `kim`). Case-insensitive forms compare casefolded keys.

Each language gets one trie whose edges are word keys; a scan walks it from every word
and keeps the longest match (`Korea Utara` before `Korea`), leftmost first, without
overlaps. That is one dictionary lookup per word for the words that start no form, instead
of one regular expression per term per segment.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..model import Term, TermMatch
from .morph import APOSTROPHES, HYPHENS, common_word_ru, fold_word, form_keys, word_keys

__all__ = ["TermMatcher", "tokenize", "Token", "variant_of"]

_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SOFT_GAP = re.compile(r"[^\S\n]+|[" + re.escape(HYPHENS + APOSTROPHES) + "]")
_HYPHEN_SET = frozenset(HYPHENS)
SOFT = "~"
_SEP = "\x1f"
_HEAD = 5  # characters of a root key that an ASCII word is first compared with
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
        cased = [_cased(k, word, after_hyphen) for k in keys]
        return tuple(dict.fromkeys(cased + [k[:1].lower() + k[1:] for k in cased]))
    return tuple(dict.fromkeys(k.casefold() for k in keys))


def _form_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    keys = form_keys(word, lang)
    if sensitive:
        return tuple(dict.fromkeys(_cased(k, word, after_hyphen) for k in keys))
    return tuple(dict.fromkeys(k.casefold() for k in keys))


class TermMatcher:
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
        self._seen: set[str] = set()  # words whose start nodes are in _starts (both hyphen cases)
        self._starters: set[str] = set()  # ... of which those that start a form
        for term in terms:
            for form in term.forms.get(lang, ()):
                self._add(term, form)
        self._root_keys = frozenset(k.casefold() for trie in self._tries for k in trie)
        # Where a word's keys are the word and prefixes of it (Indonesian cuts clitics off the
        # end; folding changes nothing in an NFC word without apostrophes, but Vietnamese tones
        # and Russian ё are folded, and English plurals are rewritten).
        prefix_keys = lang == "id" or (lang == "en" and not inflected)
        self._heads = frozenset(k[:_HEAD] for k in self._root_keys) if prefix_keys else None
        self._automaton = _automaton(self._root_keys) if prefix_keys and self._root_keys else None

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
        """Every match in `text`: leftmost first, longest at each start, no overlaps.

        The words of `text` are taken in one C call (`findall`) and set against the words known
        to start a form: most texts hold few such words, so only their occurrences are walked
        into the tries, and only the words after them are cut out (a scan word by word in
        Python was most of the time; tests/test_matcher.py compares with it).
        """
        starts = self._head_starts(text) if self._heads is not None else None
        if starts is None:
            words = set(_WORD.findall(text))
            unseen = words - self._seen
            if unseen:
                if len(self._seen) > 200_000:  # bounded memory: start afresh with this text's words
                    self._seen, self._starters, self._starts = set(), set(), {}
                    unseen = words
                self._learn(unseen)
            found = words & self._starters
            if not found:
                return []
            starts = sorted(_occurrences(text, found))
        out: list[TermMatch] = []
        cursor = 0
        for start, word in starts:
            if start < cursor:
                continue  # inside the previous match
            match = self._longest(text, start, word)
            if match is not None:
                out.append(match)
                cursor = match.end
        return out

    def _head_starts(self, text: str) -> list[tuple[int, str]] | None:
        """(offset, word) of the words of `text` that start a form, in order, found by
        Aho-Corasick over the root keys at word starts (where a word's keys are prefixes of
        it, a word begins with its key); None where that does not apply (no automaton, a text whose casefolded form is
        not aligned with it or not NFC)."""
        if self._automaton is None:
            return None
        folded = text.casefold()
        if len(folded) != len(text) or not unicodedata.is_normalized("NFC", text):
            return None
        out = []
        seen = -1
        # Keys are runs of word characters, so no match crosses a word's start: leftmost-longest
        # matching reports one at every word start where some key begins (and a few inside words).
        for _, start, _ in self._automaton.find_matches_as_indexes(folded):
            if start == seen or (start and _is_word_char(text[start - 1])):
                continue
            seen = start
            word = _WORD.match(text, start).group()  # type: ignore[union-attr]
            if word not in self._seen:
                if len(self._seen) > 200_000:
                    self._seen, self._starters, self._starts = set(), set(), {}
                self._learn({word})
            if word in self._starters:
                out.append((start, word))
        return out

    def _learn(self, words: set[str]) -> None:
        """Remember which of `words` start a form (after a hyphen or not)."""
        lang, roots, heads = self.lang, self._root_keys, self._heads
        casefolded = _text_keys if self.inflected else _plain_keys
        for word in words:
            if heads is not None and word.isascii():
                # Keys here are the word or a prefix of it (a clitic cut off): a root key is a
                # prefix of the word, so the word begins with that key's head (most words do not).
                low = word.lower()
                if not any(low[:n] in heads for n in range(1, _HEAD + 1)):
                    continue
            # Every key a text word meets a trie's root with is a case variant of one of its
            # casefolded keys (cached across matchers): if none is a root key, it starts nothing.
            if not any(k in roots for k in casefolded(word, lang, False, False)):
                continue
            for after_hyphen in (False, True):
                entry = self._starts[(word, after_hyphen)] = self._start_nodes(word, after_hyphen)
                if entry[0] or entry[1]:
                    self._starters.add(word)
        self._seen |= words

    def _longest(self, text: str, start: int, word: str) -> TermMatch | None:
        """The longest match of a form starting with the word `word` at `start`, if any."""
        after_hyphen = start >= 2 and text[start - 1] in _HYPHEN_SET and _is_word_char(text[start - 2])
        entry = self._starts[(word, after_hyphen)]
        keys_of = _text_keys if self.inflected else _plain_keys
        lang = self.lang
        best_end, best_term = -1, None
        following: list[tuple[int, str, str, bool]] = []  # (end, word, joiner, after_hyphen) after it
        first_end = start + len(word)
        for sensitive, nodes in ((True, entry[0]), (False, entry[1])):
            if not nodes:
                continue
            stack = [(nodes[0], first_end, -1)] if len(nodes) == 1 else [(node, first_end, -1) for node in nodes]
            while stack:
                node, end, j = stack.pop()
                term = node.get(None)
                if term is not None and end > best_end:
                    best_end, best_term = end, term
                if len(node) > (term is not None):  # edges to follow: the next word is needed
                    nxt = _next_word(text, end, following, j + 1)
                    if nxt is not None:
                        w_end, w, joiner, ah = nxt
                        for k in keys_of(w, lang, ah, sensitive):
                            child = node.get(joiner + _SEP + k)
                            if child is not None:
                                stack.append((child, w_end, j + 1))
        if best_term is None:
            return None
        return TermMatch(best_term, lang, start, best_end, text[start:best_end])

    def _start_nodes(self, word: str, after_hyphen: bool) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
        keys_of = _text_keys if self.inflected else _plain_keys
        sensitive_nodes, insensitive_nodes = (
            tuple(root[k] for k in keys_of(word, self.lang, after_hyphen, sensitive) if k in root)
            if root else ()
            for sensitive, root in ((True, self._tries[0]), (False, self._tries[1]))
        )
        return sensitive_nodes, insensitive_nodes


def _automaton(keys: frozenset[str]):
    """Aho-Corasick over `keys` (ahocorasick_rs, Rust), or None without the library."""
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - a light install without it: the word sets do
        return None
    return ahocorasick_rs.AhoCorasick(sorted(keys), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


def _is_word_char(c: str) -> bool:
    """What `_WORD` takes into a word: a letter or digit ([^\\W_]) or a combining accent."""
    return c.isalnum() or "\u0300" <= c <= "\u036f"


def _occurrences(text: str, words: set[str]) -> list[tuple[int, str]]:
    """(offset, word) of each whole-word occurrence in `text` of one of `words`."""
    out = []
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (pos == 0 or not _is_word_char(text[pos - 1])) and (end == len(text) or not _is_word_char(text[end])):
                out.append((pos, word))
            pos = text.find(word, pos + 1)
    return out


def _next_word(text: str, end: int, following: list, j: int) -> tuple[int, str, str, bool] | None:
    """The j-th word after the match's first word (its end, word, joiner, after hyphen), cut out
    of `text` once and kept in `following`; None at the end of the text."""
    while len(following) <= j:
        m = _WORD.search(text, following[-1][0] if following else end)
        if m is None:
            return None
        last = following[-1][0] if following else end
        gap = text[last:m.start()]
        known = _GAPS.get(gap)
        if known is None:
            known = _classify_gap(gap)
        following.append((m.end(), m.group(), known[0], known[1]))
    return following[j]


@lru_cache(maxsize=200_000)
def _plain_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    key = fold_word(word, lang)
    if sensitive:
        key = _cased(key, word, after_hyphen)
        return tuple(dict.fromkeys((key, key[:1].lower() + key[1:])))
    return (key.casefold(),)


def _plain_form_keys(word: str, lang: str, after_hyphen: bool, sensitive: bool) -> tuple[str, ...]:
    key = fold_word(word, lang)
    return (_cased(key, word, after_hyphen),) if sensitive else (key.casefold(),)


def variant_of(term: Term, lang: str, text: str) -> int | None:
    """The index of the variant of `term` in `lang` that `text` (a match of it) is written as.

    Compared as the matcher compares, word by word through base forms, so `Путина` is the
    variant `Путин` and `По словам Пескова` meets `Песков`, not `Дмитрий Песков`; a variant
    written exactly wins over one met through base forms. None when no variant is `text`.
    """
    variants = term.forms.get(lang, ())
    folded = fold_word(text, lang).casefold()
    for k, variant in enumerate(variants):
        if fold_word(variant, lang).casefold() == folded:
            return k
    words = tokenize(text)
    sensitive = term.case_sensitive
    for k, variant in enumerate(variants):
        form = tokenize(variant)
        if len(form) == len(words) and all(
            set(_text_keys(w[2], lang, w[4], sensitive)) & set(_form_keys(f[2], lang, f[4], sensitive))
            for w, f in zip(words, form, strict=True)
        ):
            return k
    return None
