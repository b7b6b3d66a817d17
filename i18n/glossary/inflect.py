"""Russian names in the case a sentence needs: inflect a glossary form, read a rendering's case.

`inflect_ru("Владимир Путин", "datv")` is `Владимиру Путину`; a multiword name inflects each
word that inflects: adjectives agree with the noun they precede (`Амурской области`,
`Соединёнными Штатами`), a person's first name and surname both decline, and what stays
is left alone: indeclinable words (`США`, `Токио`, a woman's `Меркель`), words after the head
noun (`Республики Корея`, `космодроме Восточный`: a conventional name in apposition keeps its
nominative, as the Russian press writes it). Forms the dictionary gives otherwise than the
press writes them are listed in `i18n/data/inflection/ru.txt` (`Балкан`, not `Балканов`) and, in an East Asian name, every syllable but
the last (`Ким Чен Ына`, as the Russian press declines it).

`cases_of_ru(form, rendered)` reads the case the other way: which cases of `form` end as
`rendered` does (`Пескоффа` -> gent, accs of `Песков`), so a model's own rendering of a name,
even misspelt, tells the case its place needs. Words pymorphy3 does not know decline by
their ending (masculine consonant stems, -а/-я nouns), as the press declines foreign names.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..langs import load_lines
from .morph import _analyzer

__all__ = ["CASES", "inflect_ru", "cases_of_ru", "paradigm_ru", "is_person_ru", "agreement_ru"]

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_PERSON = frozenset({"Name", "Surn", "Patr"})
_VOWELS = frozenset("аеёиоуыэюяaeiouy")
_HUSHING = ("ж", "ш", "ч", "щ", "ц")
_UNDECLINED_ENDINGS = frozenset("оеёиуюэ")
# Endings of words outside the dictionary, by the last letter of the nominative (anim: acc = gen).
_FALLBACK = {
    "cons": {"gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"},
    "й": {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"},
    "а": {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
    "я": {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"},
}


@dataclass(frozen=True)
class _Word:
    text: str
    role: str  # "fixed", "head", "agree" (an adjective before the head), "person"
    parse: Any  # the pymorphy3 parse of the nominative, None: decline by ending
    animate: bool
    feminine: bool


def _syllables(word: str) -> int:
    return sum(1 for c in word.lower() if c in _VOWELS)


def _nominative_parse(word: str):
    """The parse of `word` as a nominative dictionary form, proper-name readings first."""
    parses = [p for p in _analyzer().parse(word) if p.tag.case == "nomn" or "Fixd" in p.tag]
    if not parses:
        return None
    low = word.lower().replace("ё", "е")
    own = [p for p in parses if p.normal_form.replace("ё", "е") == low and p.is_known] or parses
    if word[:1].isupper():
        proper = [p for p in own if {"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes]
        own = proper or own
    return own[0]


def _adjective_parse(word: str):
    """The nominative adjective reading of `word`, if the dictionary has one."""
    return next((p for p in _analyzer().parse(word) if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn"
                 and p.is_known), None)


def _unknown_full_name(words: list[str], parses: list) -> bool:
    """A name of two or more capitalised words the dictionary does not know (Си Цзиньпин,
    Прабово Субианто): a person's, as place names of that shape are hyphenated (Буэнос-Айрес)."""
    return len(words) > 1 and all(w[:1].isupper() and not w.isupper() for w in words) and all(
        p is None or not p.is_known or len(w) <= 2 for w, p in zip(words, parses, strict=True))


@lru_cache(maxsize=20_000)
def _plan(form: str) -> tuple[_Word, ...]:
    words = form.split()
    parses = [None if w.isupper() or any(c.isdigit() for c in w) else _nominative_parse(w) for w in words]
    # A word the dictionary does not know that ends in -о, -е, -и, -у, -ю, -э is a foreign
    # name that does not decline (Прабово, Джокови, Субианто): pymorphy3's guess would decline it.
    parses = [None if p is not None and not p.is_known and w[-1:].lower() in _UNDECLINED_ENDINGS else p
              for w, p in zip(words, parses, strict=True)]
    grammemes = [p.tag.grammemes if p is not None else frozenset() for p in parses]
    person = any(_PERSON & g for g in grammemes) or _unknown_full_name(words, parses)
    if not person:
        # Before a noun, a word that can be an adjective is one (Красная площадь, not the place Красная).
        for k in range(len(words) - 1):
            adjective = _adjective_parse(words[k]) if grammemes[k + 1] and "NOUN" in grammemes[k + 1] else None
            if adjective is not None:
                parses[k], grammemes[k] = adjective, adjective.tag.grammemes
    feminine = any("femn" in g and ("Name" in g or "Surn" in g) for g in grammemes)
    out: list[_Word] = []
    if person:
        # An East Asian name (Ким Чен Ын, Си Цзиньпин): the press declines the last syllable only.
        asian = any(_syllables(w) == 1 and "Name" not in g for w, g in zip(words[:-1], grammemes[:-1], strict=True))
        for k, (w, p, g) in enumerate(zip(words, parses, grammemes, strict=True)):
            inflects = (k == len(words) - 1 or not asian) and not w.isupper() and "Fixd" not in g
            if inflects and p is None and (feminine or not w[:1].isupper()):
                inflects = False  # a woman's foreign surname (Меркель) does not decline
            out.append(_Word(w, "person" if inflects else "fixed", p, True, feminine))
        return tuple(out)
    head = next((k for k, g in enumerate(grammemes) if "NOUN" in g and "Fixd" not in g), None)
    if head is None and all(("ADJF" in g or "PRTF" in g) for g in grammemes):
        head = len(words) - 1  # an adjective used as a name (Восточный) declines as one
    animate = head is not None and "anim" in grammemes[head]
    for k, (w, p, g) in enumerate(zip(words, parses, grammemes, strict=True)):
        if head is None or k > head or "Fixd" in g or p is None:
            role = "fixed"
        elif k == head:
            role = "head"
        else:
            role = "agree" if ("ADJF" in g or "PRTF" in g) else "fixed"
        out.append(_Word(w, role, p, animate, False))
    return tuple(out)


def _by_ending(word: str, case: str, feminine: bool) -> str | None:
    low = word.lower()
    if case == "nomn":
        return word
    if low[-1:] in ("а", "я"):
        ending = _FALLBACK[low[-1]][case]
        if low[-1] == "а" and case == "gent" and low[-2:-1] in ("г", "к", "х", *_HUSHING):
            ending = "и"
        return word[:-1] + ending
    if feminine or low[-1:] in _VOWELS or low[-1:] == "ь":
        return None  # indeclinable: a foreign vowel ending, or a woman's surname
    if low[-1:] == "й":
        return word[:-1] + _FALLBACK["й"][case]
    ending = _FALLBACK["cons"][case]
    if case == "ablt" and low[-1:] in _HUSHING:
        ending = "ем"
    return word + ending


def _cased_like(new: str, old: str) -> str:
    """`new` with the capitals of `old`, each part of a hyphenated word apart (Южно-Китайском)."""
    old_parts, new_parts = old.split("-"), new.split("-")
    if len(old_parts) != len(new_parts):
        old_parts, new_parts = [old], [new]
    return "-".join(n[:1].upper() + n[1:] if o[:1].isupper() else n for o, n in zip(old_parts, new_parts, strict=True))


@lru_cache(maxsize=1)
def _exceptions() -> dict[tuple[str, str], str]:
    """(nominative, case) -> form, from `i18n/data/inflection/ru.txt`."""
    out = {}
    for line in load_lines("inflection", "ru"):
        nominative, case, form = line.split()
        out[(nominative.lower(), case)] = form
    return out


def _inflect_word(w: _Word, case: str, animate: bool) -> str:
    if w.role == "fixed" or case == "nomn":
        return w.text
    listed = _exceptions().get((w.text.lower(), case))
    if listed is not None:
        return _cased_like(listed, w.text)
    if case == "accs" and w.role == "person" and w.text[-1:].lower() not in ("а", "я"):
        case = "gent"  # a man's name: the animate accusative is the genitive (Эмманюэля Макрона)
    if w.parse is None:
        return _by_ending(w.text, case, w.feminine) or w.text
    wanted = {case}
    if case == "accs" and w.role == "agree" and ("masc" in w.parse.tag or "plur" in w.parse.tag):
        wanted.add("anim" if animate else "inan")
    made = w.parse.inflect(wanted)
    if made is None:
        return w.text
    return _cased_like(made.word, w.text)


@lru_cache(maxsize=50_000)
def inflect_ru(form: str, case: str) -> str:
    """The glossary form `form` in grammatical `case` (a pymorphy3 case name), number kept."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}: use one of {', '.join(CASES)}")
    plan = _plan(form)
    animate = any(w.animate for w in plan if w.role == "head")
    return " ".join(_inflect_word(w, case, animate) for w in plan)


@lru_cache(maxsize=20_000)
def paradigm_ru(form: str) -> dict[str, str]:
    """`form` in each of the six cases."""
    return {case: inflect_ru(form, case) for case in CASES}


def is_person_ru(form: str) -> bool:
    """True when `form` names a person (a first name, surname or patronymic in it)."""
    return any(w.role == "person" or (w.parse is not None and _PERSON & w.parse.tag.grammemes) for w in _plan(form))


@lru_cache(maxsize=20_000)
def agreement_ru(form: str) -> tuple[str, str]:
    """(gender, number) a verb agreeing with `form` as its subject takes: ("masc", "sing") for
    Путин, ("femn", "sing") for Мария Захарова, ("plur", "plur") for Филиппины; unknown -> masc."""
    plan = _plan(form)
    if any(w.role == "person" for w in plan) or is_person_ru(form):
        return ("femn" if any(w.feminine for w in plan) else "masc", "sing")
    head = next((w for w in plan if w.role == "head" and w.parse is not None), None)
    if head is None:
        return ("masc", "sing")
    tag = head.parse.tag
    if tag.number == "plur" or "Pltm" in tag:
        return ("plur", "plur")
    return (str(tag.gender) if tag.gender in ("masc", "femn", "neut") else "masc", "sing")


def cases_of_ru(form: str, rendered: str) -> tuple[str, ...]:
    """The cases of `form` whose ending `rendered` (a rendering of the name, maybe misspelt:
    `Пескоффа`) has, longest ending first; () when the name does not inflect or no ending fits.

    The ending of a case is what its form adds to the stem all six forms share (`Путин`:
    `а`, `у`, `ым`, `е`, and the empty ending of the nominative)."""
    forms = paradigm_ru(form)
    last = [f.split()[-1] if f.split() else f for f in forms.values()]
    if len(set(last)) == 1:
        return ()
    stem = last[0]
    for word in last[1:]:
        while not word.startswith(stem):
            stem = stem[:-1]
    word = rendered.split()[-1].lower() if rendered.split() else ""
    endings = {case: w[len(stem):].lower() for case, w in zip(forms, last, strict=True)}
    fitting = [(len(e), case) for case, e in endings.items() if word.endswith(e)]
    if not fitting:
        return ()
    best = max(n for n, _ in fitting)
    return tuple(case for n, case in fitting if n == best)
