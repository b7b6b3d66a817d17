"""Spellings close to a glossary form: the near misses a reviewer should correct (`Ким Чен Ин`)."""
from __future__ import annotations

from .matcher import tokenize

__all__ = ["near_miss", "near_miss_span", "edit_distance"]


def near_miss(variants: tuple[str, ...], text: str, lang: str) -> str | None:
    """A run of words in `text` within a small edit distance of a variant (`Ким Чен Ин`).

    Russian words may carry a case ending (`Ким Чен Ином`): up to two final letters are
    also tried without it."""
    span = near_miss_span(variants, text, lang)
    return text[span[0]:span[1]] if span is not None else None


def near_miss_span(variants: tuple[str, ...], text: str, lang: str) -> tuple[int, int] | None:
    """Where `near_miss` finds its run of words: (start, end) in `text`, or None."""
    tokens = tokenize(text)
    for variant in variants:
        size = len(tokenize(variant))
        form = variant.casefold()
        if len(form) < 4 or not size:
            continue
        limit = max(1, len(form) // 4)
        for i in range(len(tokens) - size + 1):
            start, end = tokens[i][0], tokens[i + size - 1][1]
            folded = text[start:end].casefold()
            for cut in range(3 if lang == "ru" else 1):
                candidate = folded[: len(folded) - cut]
                if abs(len(candidate) - len(form)) <= limit and 0 < edit_distance(candidate, form, limit) <= limit:
                    return start, end
    return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 once it must exceed limit."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]
