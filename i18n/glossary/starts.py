"""Where a glossary form may start in a text: the prefilter in front of the matcher's word walk.

A text's words are mostly words that start no form; the matcher (`i18n.glossary.matcher`)
walks its tries only from the offsets `StartScan.starts` gives, a superset of the words that
start a form, sorted. Two ways to find them, both exact in that sense:

- Aho-Corasick (`ahocorasick_rs`) over the lower-cased text, with the lower-cased first-word
  keys of the glossary's forms as patterns. This holds where every key of a word is its own
  spelling or a prefix of it up to case, followed by a tail (`i18n.glossary.morph.key_tails`):
  Indonesian clitics (`Kremlinnya` -> `Kremlin`), English plurals (`summits`; `cities` ->
  `city`, searched as `cit`), nothing. A hit counts where a word begins and the rest of the
  word is a tail. An ASCII text is searched as bytes, every byte of no word made a space and
  each pattern a space and a key, so that every hit is a word's start. Another text needs
  each character lower-cased to one character that folds as the matcher folds it
  (`_safe_chars`), or it takes the second way.
- The word set: the text's distinct words, each classified once per matcher by its keys (a
  word may start a form when one of its keys is a first-word key) and remembered, the starts
  then located with `str.find`. This serves Russian, whose lemmas (`людей` -> `человек`) need
  not share a prefix with the word, and Vietnamese, whose tone marks fold out of place.

Either way a start is only a candidate: the matcher looks the word up in its tries as before.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import ahocorasick_rs

from .morph import key_prefixes

__all__ = ["WORD", "StartScan", "is_word_char"]

WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SAFE_BELOW = 0x3000  # characters above are rare in the four languages: their texts take the word set
_REMEMBERED = 200_000  # words classified per matcher before the memory starts over


def is_word_char(c: str) -> bool:
    """True for a character `WORD` takes into a word (a letter, a digit, a combining accent)."""
    return c.isalnum() or "\u0300" <= c <= "\u036f"


class StartScan:
    """The words of a text that may start one of the forms: (start, end) offsets, sorted."""

    def __init__(self, first_keys: Iterable[str], lang: str, keys_of: Callable[[str], frozenset[str]],
                 *, tails: frozenset[str] | None):
        """`first_keys`: the tries' root keys; `keys_of(word)`: every key a text word meets them
        by (either case rule, after a hyphen or not); `tails`: what a word may add after the
        beginning it shares with a key (`i18n.glossary.morph.key_tails`), None where a key
        need not be a prefix of its word."""
        self._first = frozenset(first_keys)
        self._keys_of = keys_of
        # A word that goes on after a hit must go on by a tail, to its end.
        self._tail_firsts, self._tail, self._ascii_tails = _tail_tables(tails or frozenset())
        self._starting: set[str] = set()
        self._other: set[str] = set()
        self._ac = self._ascii_ac = None
        if tails is not None and self._first:
            # A pattern with a non-word character can meet no word of a safe text.
            patterns = sorted({p for k in self._first for p in key_prefixes(k, lang) if WORD.fullmatch(p)})
            longest = ahocorasick_rs.MatchKind.LeftmostLongest
            if patterns:
                self._ac = ahocorasick_rs.AhoCorasick(patterns, matchkind=longest)
                # An ASCII text's words are also searched as bytes, each after a space.
                self._ascii_ac = ahocorasick_rs.BytesAhoCorasick(
                    [b" " + p.encode() for p in patterns if p.isascii()] or [b" \x00"], matchkind=longest)

    def starts(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of words of `text`, in order, among them every word that starts a form."""
        if len(self._starting) + len(self._other) > _REMEMBERED:
            self._starting.clear()
            self._other.clear()
        if self._ac is None:
            return self._word_starts(text)
        if text.isascii():
            return self._ascii_starts(text)
        if _unsafe().search(text) is None:
            return self._hit_starts(text)
        return self._word_starts(text)

    def _ascii_starts(self, text: str) -> list[tuple[int, int]]:
        # The text as bytes, lower-cased, every byte of no word a space, after one more
        # space: each pattern is a space and a key's prefix, so a hit is a word's start.
        data = b" " + text.encode().translate(_ASCII_WORDS)
        size = len(data)
        tails, space = self._ascii_tails, data.find
        out = []
        for _, start, end in self._ascii_ac.find_matches_as_indexes(data):  # type: ignore[union-attr]
            if end < size and data[end] != 32:  # the word goes on: by a tail, to its end
                stop = space(b" ", end)
                if stop < 0:
                    stop = size
                if data[end:stop] not in tails:
                    continue
                end = stop
            out.append((start, end - 1))
        return out

    def _hit_starts(self, text: str) -> list[tuple[int, int]]:
        # Patterns hold word characters only, so no hit spans two words, and the hit at a
        # word's first letter is the longest pattern there. A word with a key begins with
        # one of the key's prefixes, so that hit reaches at least as far, and what is left
        # of the word is a suffix of the key's tail. A safe text has no combining accent: a
        # word character there is a letter or a digit.
        low = text.lower()
        size = len(text)
        firsts, tail = self._tail_firsts, self._tail
        out = []
        for _, start, end in self._ac.find_matches_as_indexes(low):  # type: ignore[union-attr]
            if start and low[start - 1].isalnum():
                continue
            if end < size and low[end].isalnum():
                if low[end] not in firsts:
                    continue
                m = tail.match(low, end)
                if m is None:
                    continue
                end = m.end()
            out.append((start, end))
        return out

    def _classify(self, word: str) -> bool:
        found = not self._first.isdisjoint(self._keys_of(word))
        (self._starting if found else self._other).add(word)
        return found

    def _word_starts(self, text: str) -> list[tuple[int, int]]:
        words = _words(text)
        for word in words.difference(self._starting, self._other):
            self._classify(word)
        hits = words & self._starting
        if not hits:
            return []
        out = []
        size = len(text)
        for word in hits:
            n = len(word)
            i = text.find(word)
            while i >= 0:
                j = i + n
                if (not i or not is_word_char(text[i - 1])) and (j == size or not is_word_char(text[j])):
                    out.append((i, j))
                i = text.find(word, j)  # no whole-word occurrence begins inside this one
        out.sort()
        return out


@lru_cache(maxsize=16)
def _tail_tables(tails: frozenset[str]) -> tuple[frozenset[str], re.Pattern[str], frozenset[bytes]]:
    """A tail's first letters, a pattern for a tail that ends its word, the tails as bytes."""
    longer = sorted((t for t in tails if t), key=len, reverse=True)
    pattern = re.compile("(?:" + "|".join(map(re.escape, longer)) + r")(?![^\W_]|[\u0300-\u036f])")
    return frozenset(t[0] for t in longer), pattern, frozenset(t.encode() for t in tails if t.isascii())


_ASCII_WORDS = bytes(c if c < 128 and chr(c).isalnum() else 32 for c in range(256)).lower()


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text))


@lru_cache(maxsize=1)
def _unsafe() -> re.Pattern[str]:
    """A character class of what `StartScan` may not lower-case and compare as it stands."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(_safe_chars()):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[^{body}]")


def _safe_chars() -> set[int]:
    """Code points below _SAFE_BELOW whose lower-casing is what the matcher's comparison needs.

    Safe: one character in, one out, for lower, upper and casefold; casefold and lower agree,
    and so do lowering the character and lowering its capital (`_cased` capitalises a key's
    first letter); lowering keeps a word character one (and a non-word one not); the character
    is NFC on its own and composes with nothing before it, so a run of them is NFC and so is
    each word of it (no combining mark, no Hangul jamo, no second half of a composition).
    Not Σ, whose lower case depends on the letter after it.
    """
    second_halves = set()
    for cp in range(_SAFE_BELOW):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second_halves.add(int(parts[1], 16))
    safe = set()
    for cp in range(_SAFE_BELOW):
        c = chr(cp)
        if cp in second_halves or 0x1100 <= cp <= 0x11FF or c == "\u03a3":
            continue
        if unicodedata.category(c).startswith("M") or unicodedata.combining(c):
            continue
        lo, up, folded = c.lower(), c.upper(), c.casefold()
        if len(lo) != 1 or len(up) != 1 or len(folded) != 1 or folded != lo or up.lower() != lo:
            continue
        if lo.lower() != lo or is_word_char(lo) != is_word_char(c) or unicodedata.normalize("NFC", c) != c:
            continue
        safe.add(cp)
    return safe
