"""Derived forms of a name: the adjectives and demonyms that honour it in a translation.

`Russian President Vladimir Putin` translates `Presiden Rusia Vladimir Putin` correctly, as
`Российский президент` or `с российским лидером` do: the derived word names the concept.
`derived_forms(term, lang)` gives the dictionary forms of those words, from a short rule
list per language applied to the last word of each glossary form (`Россия` -> `российский`,
`Korea` -> `Korean`; earlier words stay, `North Korea` -> `North Korean`, or, for a Russian
adjective + noun name, fuse into one compound, `Северная Корея` -> `северокорейский`) plus
the irregular ones the glossary lists in its `derived` column (`en:French|ru:французский`).

Derived forms only ever satisfy the check: enforcement never writes them (a placeholder
always comes back as one of the term's own forms). Rules generate candidates; a candidate
that is no word (`Chinan`) costs nothing, since it must appear in the translation to count.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Term

__all__ = ["derived_forms", "RULES", "PREFIXES"]

# (ending of the name's last word to remove, suffix to add), lower case, tried in order.
RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (
        ("ия", "ийский"), ("ия", "ский"), ("ея", "ейский"), ("ква", "ковский"), ("а", "ский"),
        ("а", "анский"), ("ы", "ский"), ("и", "ский"), ("ь", "евский"), ("ь", "ский"), ("й", "йский"),
        ("ск", "ский"), ("", "ский"), ("", "ьский"), ("", "анский"), ("", "ийский"),
        ("о", "ский"), ("ио", "ийский"), ("и", "инский"),
    ),
    "en": (
        ("", "n"), ("", "an"), ("", "ian"), ("a", "ese"), ("", "ese"), ("y", "ian"), ("a", "ian"),
        ("o", "an"), ("s", ""), ("e", "ian"),
    ),
    "id": (),
    "vi": (),
}
# Prefixes a Russian derived adjective may carry: пропекинский, антироссийский.
PREFIXES: dict[str, tuple[str, ...]] = {"ru": ("про", "анти", "пан"), "en": ("pro-", "anti-")}
_RU_ADJ_ENDINGS = ("ая", "ый", "ий", "ой", "ое", "ые", "ие")


def _derive_word(word: str, lang: str) -> list[str]:
    low = word.lower().replace("ё", "е") if lang == "ru" else word
    out = []
    for ending, suffix in RULES.get(lang, ()):
        if low.lower().endswith(ending) and len(low) - len(ending) >= 3:
            out.append(low[: len(low) - len(ending)] + suffix)
    return out


def _ru_compound_heads(first: str) -> list[str]:
    """`Северная` -> `северо`, `северно`; `Южная` -> `южно`: the first part of a compound."""
    low = first.lower().replace("ё", "е")
    for ending in _RU_ADJ_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            heads = [stem + "о"]
            if stem.endswith("н"):
                heads.append(stem[:-1] + "о")
            return heads
    return []


def _derive_form(form: str, lang: str) -> list[str]:
    words = form.split()
    if not words:
        return []
    *head, last = words
    lasts = _derive_word(last, lang)
    out = [" ".join([*head, d]) for d in lasts]
    if lang == "ru" and len(head) == 1:
        out += [h + d for h in _ru_compound_heads(head[0]) for d in lasts]
    if not head:
        out += [p + d for p in PREFIXES.get(lang, ()) for d in lasts]
    return out


@lru_cache(maxsize=20_000)
def derived_forms(term: Term, lang: str) -> tuple[str, ...]:
    """The derived forms that honour `term` in `lang`: listed irregular ones, then by rule."""
    if term.type != "name":
        return ()
    listed = term.derived.get(lang, ())
    made = [d for form in term.forms.get(lang, ()) for d in _derive_form(form, lang)]
    return tuple(dict.fromkeys([*listed, *made]))
