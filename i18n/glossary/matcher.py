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

Each language gets one trie whose edges are word keys; a scan walks it from each word that
may start a form and keeps the longest match (`Korea Utara` before `Korea`), leftmost first,
without overlaps. Which words may start one, `i18n.glossary.starts` finds without cutting
the whole text into words (Aho-Corasick over the first words' keys, or the text's word set
where keys are lemmas); the words after a start are cut only as far as the trie goes, and
each trie node remembers where the gap and word that followed it led. The matches are the
ones the word-by-word scan gave (tests/matcher_oracle.py keeps it to compare).
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache, partial
from typing import Any, TypeAlias

from ..model import Term, TermMatch
from .morph import APOSTROPHES, HYPHENS, common_word_ru, fold_word, form_keys, key_tails, word_keys
from .starts import WORD, StartScan, is_word_char

__all__ = ["TermMatcher", "tokenize", "Token", "variant_of"]

_WORD = WORD  # what a word is (i18n.glossary.starts)
# The gap after a word (what is not a word character) and the next word; in a text without
# combining accents a word character is a letter or a digit, and the simpler pattern is the
# same one, twice as fast.
_GAP_WORD = re.compile(r"((?:[^\w\u0300-\u036f]|_)*)(" + WORD.pattern + ")")
_GAP_WORD_PLAIN = re.compile(r"([\W_]*)([^\W_]+)")
_ACCENT = re.compile(r"[\u0300-\u036f]")
_SOFT_GAP = re.compile(r"[^\S\n]+|[" + re.escape(HYPHENS + APOSTROPHES) + "]")
_HYPHEN_SET = frozenset(HYPHENS)
SOFT = "~"
_SEP = "\x1f"
MAX_VARIANT_KEYS = 64  # keys combinations indexed per multi-word form (ambiguous lemmas)

# (start, end, word, joiner, after_hyphen): joiner is the gap before the word, classified.
Token = tuple[int, int, str, str, bool]
# A trie node as the walk reads it: (its term or None, its memory of steps or None when no
# longer form goes on from it, the node).
View: TypeAlias = "tuple[Term | None, dict | None, dict]"
# What a word entering the tries leads to: () nothing; a Term when the nodes it enters are
# whole forms that no longer one goes on from; the node's View when it enters one that longer
# forms go on from; else the Views of the nodes it enters, in the order the walk takes them.
Entry: TypeAlias = "tuple[()] | Term | View | list[View]"
_NEXT = 0  # a node's key for what followed it (see _seal); edges are strings, the term is None
_UNSEEN: Any = object()
_new = object.__new__


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


def _view(node: dict) -> View:
    return node.get(None), node.get(_NEXT), node


def _seal(root: dict) -> list[dict]:
    """Give every node below `root` that a longer form goes on from a memory of the steps
    taken from it (gap and word -> the node they lead to), under the key _NEXT; those nodes."""
    sealed = []
    stack = list(root.values())
    while stack:
        node = stack.pop()
        children = [v for k, v in node.items() if k is not None]
        if children:
            node[_NEXT] = {}
            sealed.append(node)
            stack.extend(children)
    return sealed


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


@lru_cache(maxsize=50_000)
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
        # What a word enters from the roots (Entry), for a word after a space or the like and
        # for one right after a hyphen.
        self._starts: tuple[dict[str, Entry], dict[str, Entry]] = ({}, {})
        for term in terms:
            for form in term.forms.get(lang, ()):
                self._add(term, form)
        _seal(self._tries[0])
        self._insensitive = {id(node) for node in _seal(self._tries[1])}  # the nodes _step reads without case
        self._keys_of = _text_keys if inflected else _plain_keys
        self._scan = StartScan(set(self._tries[0]) | set(self._tries[1]), lang,
                               partial(_any_keys, lang=lang, inflected=inflected),
                               tails=key_tails(lang, inflected=inflected))

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
        out: list[TermMatch] = []
        last = 0
        plain, after_hyphen = self._starts
        lang, hyphens = self.lang, _HYPHEN_SET
        for start, end in self._scan.starts(text):
            if start < last:
                continue  # inside the previous match
            word = text[start:end]
            hyphenated = start > 1 and text[start - 1] in hyphens and is_word_char(text[start - 2])
            entry = (after_hyphen if hyphenated else plain).get(word)
            if entry is None:
                entry = self._start_entry(word, hyphenated)
            if not entry:
                continue
            kind = entry.__class__
            if kind is tuple:
                found = self._follow(text, entry, end)  # type: ignore[arg-type]
            elif kind is list:
                found = self._follow_all(text, entry, end)  # type: ignore[arg-type]
            else:
                found = (end, entry)  # type: ignore[assignment]  # a whole form, no longer one from it
            if found is not None:
                last, term = found
                # TermMatch(term, lang, start, last, ...) without the frozen dataclass's
                # __init__, whose five object.__setattr__ calls were a fifth of find's time on
                # a glossary-heavy text: the same instance dictionary, filled directly (an
                # equal and equally hashed TermMatch, tests/test_matcher_oracle.py).
                match = _new(TermMatch)
                fields = match.__dict__
                fields["term"], fields["lang"], fields["start"], fields["end"] = term, lang, start, last
                fields["text"] = text[start:last]
                out.append(match)
        return out

    def _follow(self, text: str, view: View, end: int) -> tuple[int, Term] | None:
        """(end, term) of the longest form from a node (`view`, the first word's, ending at
        `end`), or None.

        The words after the first are cut from `text` only as far as the trie asks for them,
        and each node remembers where a gap and word that followed it led. Where a word leads
        on two ways, both are followed (`_follow_all`), as the word-by-word scan's depth-first
        walk did (tests/matcher_oracle.py).
        """
        term, steps, node = view
        best = None if term is None else (end, term)
        gap_word = _GAP_WORD_PLAIN if text.isascii() or not _ACCENT.search(text) else _GAP_WORD
        while steps is not None:  # a longer form goes on through this node
            m = gap_word.match(text, end)
            if m is None:
                return best
            after = m.end()
            step = text[end:after]
            taken = steps.get(step, _UNSEEN)
            if taken is _UNSEEN:
                taken = self._step(steps, step, node, m.group(1), m.group(2))
            if taken is None:
                return best
            if taken.__class__ is list:
                return self._follow_all(text, taken, after) or best  # anything found there is longer
            term, steps, node = taken
            end = after
            if term is not None:
                best = (end, term)
        return best

    def _follow_all(self, text: str, views: list[View], end: int) -> tuple[int, Term] | None:
        """`_follow` from several nodes, in the order the walk takes them: the longest form
        wins, the first of equally long ones."""
        best = None
        for view in views:
            found = self._follow(text, view, end)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        return best

    def _step(self, steps: dict, step: str, node: dict, gap: str, word: str) -> View | list[View] | None:
        """Where `gap` and `word` lead from `node`: a View, the Views of several nodes in the
        order the walk takes them (last key first), or None; remembered."""
        joiner, after_hyphen = _GAPS.get(gap) or _classify_gap(gap)
        sensitive = id(node) not in self._insensitive
        children = [child for k in self._keys_of(word, self.lang, after_hyphen, sensitive)
                    if (child := node.get(joiner + _SEP + k)) is not None]
        taken: View | list[View] | None = None
        if len(children) == 1:
            taken = _view(children[0])
        elif children:
            taken = [_view(child) for child in reversed(children)]
        if len(steps) > 10_000:
            steps.clear()
        steps[step] = taken
        return taken

    def _start_entry(self, word: str, after_hyphen: bool) -> Entry:
        """What `word` enters from the roots (Entry), remembered."""
        cache = self._starts[after_hyphen]
        if len(cache) > 200_000:
            cache.clear()
        nodes = self._start_nodes(word, after_hyphen)
        both = nodes[0] + nodes[1]
        entry: Entry = ()
        if len(both) == 1 and _NEXT in both[0]:
            entry = _view(both[0])
        elif both:
            # The walk takes the sensitive nodes before the insensitive ones, each group last
            # first; with whole forms only and no longer one, the first term it meets is kept.
            ordered = [*nodes[0][::-1], *nodes[1][::-1]]
            if any(_NEXT in node for node in ordered):
                entry = [_view(node) for node in ordered]
            else:
                entry = ordered[0][None]
        cache[word] = entry
        return entry

    def _start_nodes(self, word: str, after_hyphen: bool) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
        """The trie nodes `word` enters from the roots: (case-sensitive, insensitive)."""
        keys_of = self._keys_of
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


@lru_cache(maxsize=200_000)
def _any_keys(word: str, *, lang: str, inflected: bool) -> frozenset[str]:
    """Every key `word` may meet a form's first word by, and a few more: each base key as it
    is, with its first letter capitalised (`_cased`), either of those with its first letter
    in lower case, and casefolded; a superset of what `_text_keys` (or `_plain_keys`) gives
    for either case rule, after a hyphen or not, at the price of one `word_keys` call."""
    if inflected:
        base = [*word_keys(word, lang), *_capitals(word, lang)]
    else:
        base = [fold_word(word, lang)]
        if len(word) >= 4 and word.isupper():
            base.append(fold_word(word[:1] + word[1:].lower(), lang))
    out: set[str] = set()
    for k in base:
        capital = k[:1].upper() + k[1:]
        out.update((k, capital, k[:1].lower() + k[1:], capital[:1].lower() + capital[1:], k.casefold()))
    return frozenset(out)


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
