"""Word forms per language: the keys under which a glossary form and a text word meet.

A translation honours `Путин` when it says `Путиным`; `Kremlinnya` still names the Kremlin;
`hoà` and `hòa` are the same Vietnamese syllable written in the old and the new style.
`word_keys(word, lang)` gives a text word's own (folded) spelling followed by its base
forms, `form_keys(word, lang)` the keys of a word of a glossary form; the two match when
they share a key. Keys keep the word's case;
callers fold case when the glossary entry is case-insensitive.

Russian lemmas come from pymorphy3 with its offline dictionary (imported on first use, one
analyzer per process, lookups cached). English strips plural and possessive endings,
Indonesian the clitics -nya, -lah, -kah, -pun; Vietnamese folds tone-mark placement.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "fold_word",
    "fold_vi",
    "word_keys",
    "form_keys",
    "lemmas_ru",
    "case_stems_ru",
    "common_word_ru",
    "strip_clitics_id",
    "singular_en",
    "key_prefixes",
    "key_tails",
    "APOSTROPHES",
    "HYPHENS",
]

APOSTROPHES = "'’ʼ‘`´"
HYPHENS = "-‐‑‒–"
_APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES})
# Vietnamese tones as combining marks (NFD): grave, acute, tilde, hook above, dot below.
_VI_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ID_CLITICS = ("nya", "lah", "kah", "pun")
_RU_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "ым", "им", "ах", "ях", "а", "я", "у", "ю", "е", "ы", "и")
# English words that end in -s but are not plurals of a word one letter shorter.
_EN_INVARIANT = frozenset(
    "news series species means politics economics physics mathematics headquarters "
    "whereabouts crossroads diabetes measles athletics ethics logistics".split()
)
_EN_SIBILANT_ES = re.compile(r"(?:s|x|z|ch|sh)es$", re.IGNORECASE)


def fold_vi(word: str) -> str:
    """Canonical Vietnamese spelling: NFC with the tone mark moved after the syllable.

    Old (`hoà`, `thuý`, `uỷ`) and new (`hòa`, `thúy`, `ủy`) placements fold to the same text.
    """
    decomposed = unicodedata.normalize("NFD", word)
    if not any(c in _VI_TONES for c in decomposed):
        return unicodedata.normalize("NFC", word)
    tones = "".join(sorted(c for c in decomposed if c in _VI_TONES))
    bare = "".join(c for c in decomposed if c not in _VI_TONES)
    return unicodedata.normalize("NFC", bare) + tones


def fold_word(word: str, lang: str) -> str:
    """A word's spelling for comparison: NFC, one apostrophe, Vietnamese tones folded, ё = е."""
    word = unicodedata.normalize("NFC", word).translate(_APOS_TABLE)
    if lang == "vi":
        return fold_vi(word)
    if lang == "ru":
        return word.replace("ё", "е").replace("Ё", "Е")
    return word


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3  # heavy-ish (dictionary load): only when Russian is first compared

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=1)
def _lemmatizer():
    """pymorphy3 for normal forms alone: without the units that only analyse a word with no
    Cyrillic letter (numbers, punctuation, Roman numerals, Latin), with no re-scoring and
    plain tuples for Parse objects. For a word with a Cyrillic letter the same normal forms
    as `_analyzer()` (tests/test_morph.py), at about half the cost: lemmas are most of what
    a check of Russian translations spends in pymorphy3."""
    import pymorphy3
    from pymorphy3 import units
    from pymorphy3.lang.ru import config

    shape_only = (units.NumberAnalyzer, units.PunctuationAnalyzer, units.RomanNumberAnalyzer, units.LatinAnalyzer)
    kept = []
    for item in config.DEFAULT_UNITS:
        group = [u for u in (item if isinstance(item, (list, tuple)) else [item]) if not isinstance(u, shape_only)]
        if group:
            kept.append(group)
    return pymorphy3.MorphAnalyzer(lang="ru", units=kept, result_type=None, probability_estimator_cls=None)


@lru_cache(maxsize=200_000)
def lemmas_ru(word: str) -> tuple[str, ...]:
    """The lemmas of a Russian word (all its analyses), lower case, ё as е, sorted."""
    if not any("а" <= c <= "я" or c == "ё" for c in word.lower()):
        return ()
    analyzer = _analyzer()
    forms = {p[2].replace("ё", "е") for p in _lemmatizer().parse(word)}  # p[2]: the normal form
    low = word.lower().replace("ё", "е")
    if not analyzer.word_is_known(low):
        # Foreign names outside the dictionary still decline (Ким Чен Ына, Ыну): also
        # offer the word with a case ending removed.
        forms.update(case_stems_ru(low)[1:])
        forms.update(_plural_only_lemmas(low))
    return tuple(sorted(forms))


def case_stems_ru(word: str) -> tuple[str, ...]:
    """A Russian word in lower case (ё as е), then each stem left by taking one case ending off
    (at least two letters left): how a foreign name declines (Маска, Ына)."""
    low = word.lower().replace("ё", "е")
    return (low, *(low[: -len(e)] for e in _RU_ENDINGS if low.endswith(e) and len(low) - len(e) >= 2))


def _plural_only_lemmas(low: str) -> set[str]:
    """`балкан` -> `балканы`: the zero-ending genitive of a plural-only name (Балканы, Альпы,
    Афины), which the dictionary may lack or give as `-ов` only: the word plus -ы/-и is the
    nominative of a plural-only noun in the dictionary."""
    out = set()
    analyzer = _analyzer()
    for ending in ("ы", "и"):
        if not analyzer.word_is_known(low + ending):
            continue  # one dictionary lookup; parsing an unknown word runs the slow guessers
        for p in analyzer.parse(low + ending):
            if "Pltm" in p.tag and p.tag.case == "nomn" and p.is_known:
                out.add(p.normal_form.replace("ё", "е"))
    return out


# pymorphy3 tags of proper names: a capital there is part of the name, never dropped.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})


@lru_cache(maxsize=50_000)
def common_word_ru(word: str) -> bool:
    """True when a capitalised Russian word is also an ordinary word written in lower case
    (`Католическая`, `церковь`), not a proper name (`Путин`, `Москва`): running text may
    write a multiword name's such words in lower case (`католической церкви`)."""
    low = word.lower()
    if not any("а" <= c <= "я" or c == "ё" for c in low) or not _analyzer().word_is_known(low):
        return False
    parses = _analyzer().parse(low)
    return bool(parses) and not any(_PROPER & p.tag.grammemes for p in parses[:1])


def strip_clitics_id(word: str) -> tuple[str, ...]:
    """Indonesian stems left after removing -nya, -lah, -kah, -pun (up to two, `-nyalah`)."""
    out: list[str] = []
    frontier = [word]
    for _ in range(2):
        nxt = []
        for w in frontier:
            low = w.lower()
            for clitic in _ID_CLITICS:
                if low.endswith(clitic) and len(w) - len(clitic) >= 2:
                    stem = w[: -len(clitic)]
                    if stem not in out:
                        out.append(stem)
                        nxt.append(stem)
        frontier = nxt
    return tuple(out)


def singular_en(word: str) -> tuple[str, ...]:
    """English singulars a plural could come from (`summits` -> `summit`, `cities` -> `city`)."""
    low = word.lower()
    if len(word) < 4 or not low.endswith("s") or low.endswith(("ss", "us", "is")) or low in _EN_INVARIANT:
        return ()
    out = [word[:-1]]
    if low.endswith("ies"):
        out.insert(0, word[:-3] + ("Y" if word[-3].isupper() else "y"))
    elif _EN_SIBILANT_ES.search(low):
        out.insert(0, word[:-2])
    return tuple(out)


@lru_cache(maxsize=200_000)
def word_keys(word: str, lang: str) -> tuple[str, ...]:
    """The keys of one word: its folded spelling first, then its base forms (no duplicates)."""
    base = fold_word(word, lang)
    keys = [base]
    if lang == "ru":
        extra: tuple[str, ...] = lemmas_ru(base)
    elif lang == "id":
        extra = strip_clitics_id(base)
    elif lang == "en":
        extra = singular_en(base)
    else:
        extra = ()
    for key in extra:
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def key_tails(lang: str, *, inflected: bool = True) -> frozenset[str] | None:
    """What a word may add, lower-cased, after the beginning it shares with one of its keys.

    Every key `word_keys` gives an Indonesian or English word (and any word of a language
    without base forms) is the word's spelling or a prefix of it up to case, once
    `key_prefixes` has taken an English `y` off: the word goes on by a clitic or two
    (`Kremlinnya`), a plural ending (`summits`, `cities`), or nothing. The set holds every
    suffix of those endings, so a word that meets a key through a longer beginning still
    passes. None for Russian (a lemma need not share a prefix: `людей` -> `человек`) and
    Vietnamese (tone marks fold out of place, and Russian folds ё). Not `inflected`: keys are
    spellings, nothing may follow.
    """
    if lang in ("ru", "vi"):
        return None
    return _TAILS.get(lang, _NO_TAIL) if inflected else _NO_TAIL


def key_prefixes(key: str, lang: str) -> tuple[str, ...]:
    """The lower-cased beginnings a word with this key starts with (see `key_tails`)."""
    low = key.lower()
    if lang == "en" and low.endswith("y") and len(low) > 1:
        return (low, low[:-1])  # `cities` -> `city`
    return (low,)


def _suffixes(endings) -> frozenset[str]:
    return frozenset(e[i:] for e in endings for i in range(len(e) + 1))


_NO_TAIL = frozenset({""})
_TAILS = {
    "id": _suffixes(a + b for a in ("", *_ID_CLITICS) for b in ("", *_ID_CLITICS)),
    "en": _suffixes(("s", "es", "ies")),
}


def form_keys(word: str, lang: str) -> tuple[str, ...]:
    """The keys of one word of a glossary form: its spelling, and for Russian its lemmas.

    Only Russian forms are reduced too (a form may be written in any case, `Северная
    Корея`); English and Indonesian forms are base forms already, and stripping them as
    well would let `Allah` meet `Alkah`.
    """
    if lang == "ru":
        return word_keys(word, lang)
    return (fold_word(word, lang),)
