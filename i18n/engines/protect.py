"""Protecting spans of a segment from the translation model with placeholders.

Names and do-not-translate terms are replaced by a placeholder the model tends to copy;
after translation every placeholder must come back exactly once, and is then replaced by
the term's target form. Which placeholder a real model copies best is an empirical
question (see `bench/placeholders.py`), so the shapes are interchangeable strategies:

* `brackets`:   `⟦0⟧`   rare brackets around a number;
* `underscore`: `__T0__` an identifier-like token;
* `copy`:       the target form itself, which the model must leave alone.

This module knows nothing about glossaries: it takes spans (start, end, target form).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ProtectionError

__all__ = ["STRATEGIES", "TOKEN", "Span", "Protected", "Restored", "protect_spans", "restore_spans", "tokens_kept",
           "each_once"]


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the source text, to come back as `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Protected:
    """A segment with placeholders, ready to translate."""

    text: str
    strategy: str
    placeholders: tuple[str, ...]
    replacements: tuple[str, ...]
    originals: tuple[str, ...] = ()  # the source text of each span (for a pivot's intermediate)


@dataclass(frozen=True)
class Restored:
    """The translation with target forms put back, or the reason it could not be."""

    text: str
    ok: bool
    problems: tuple[str, ...] = ()
    # Where each target form landed in `text`: (start, end, span number), in text order.
    landed: tuple[tuple[int, int, int], ...] = ()


TOKEN = re.compile(r"⟦\s*(\d+)\s*⟧")  # the `brackets` placeholder, as a model may space it
_PATTERNS = {
    "brackets": TOKEN,
    "underscore": re.compile(r"_\s*_\s*[Tt]\s*(\d+)\s*_\s*_"),
}
STRATEGIES: tuple[str, ...] = ("brackets", "underscore", "copy")


def _placeholder(strategy: str, index: int, replacement: str) -> str:
    if strategy == "brackets":
        return f"⟦{index}⟧"
    if strategy == "underscore":
        return f"__T{index}__"
    return replacement


def protect_spans(text: str, spans: list[Span], *, strategy: str = "brackets") -> Protected:
    """Replace each span by a placeholder (numbered in text order)."""
    if strategy not in STRATEGIES:
        raise ProtectionError(f"unknown placeholder strategy {strategy!r}: use one of {', '.join(STRATEGIES)}")
    spans = sorted(spans, key=lambda s: s.start)
    last = 0
    parts: list[str] = []
    holders: list[str] = []
    for i, span in enumerate(spans):
        if not (last <= span.start < span.end <= len(text)):
            raise ProtectionError(
                f"span {span.start}-{span.end} is out of range or overlaps the previous one "
                f"in a text of {len(text)} characters"
            )
        holder = _placeholder(strategy, i, span.replacement)
        parts += [text[last : span.start], holder]
        holders.append(holder)
        last = span.end
    parts.append(text[last:])
    return Protected("".join(parts), strategy, tuple(holders), tuple(s.replacement for s in spans),
                     tuple(text[s.start : s.end] for s in spans))


def restore_spans(translated: str, protected: Protected) -> Restored:
    """Put the target forms back; `ok` is False unless every placeholder came back once."""
    n = len(protected.placeholders)
    if n == 0:
        return Restored(translated, True)
    if protected.strategy == "copy":
        want = Counter(protected.replacements)
        problems = []
        rest = translated
        # Longer forms first, blanked out once counted: "Восточный" is not counted again
        # inside "Восточный экономический форум".
        for form in sorted(want, key=lambda f: (-len(f), f)):
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
            seen = len(pattern.findall(rest))
            rest = pattern.sub("\0", rest)
            if seen != want[form]:
                problems.append(f"{form!r} expected {want[form]} time(s), found {seen}")
        if problems:
            return Restored(translated, False, tuple(problems))
        return Restored(translated, True, (), _copies_landed(translated, protected.replacements))
    pattern = _PATTERNS[protected.strategy]
    found = Counter(int(m.group(1)) for m in pattern.finditer(translated))
    problems = []
    for i in range(n):
        if found[i] != 1:
            problems.append(f"placeholder {protected.placeholders[i]} came back {found[i]} time(s)")
    for i in sorted(set(found) - set(range(n))):
        problems.append(f"unknown placeholder number {i} in the output")
    if problems:
        return Restored(translated, False, tuple(problems))
    parts: list[str] = []
    landed = []
    last = size = 0  # size: the length of the text built so far
    for m in pattern.finditer(translated):
        parts.append(translated[last:m.start()])
        size += m.start() - last
        form = protected.replacements[int(m.group(1))]
        parts.append(form)
        landed.append((size, size + len(form), int(m.group(1))))
        size += len(form)
        last = m.end()
    parts.append(translated[last:])
    return Restored("".join(parts), True, (), tuple(landed))


def tokens_kept(source: str, output: str) -> bool:
    """Whether each `⟦n⟧` token of `source` (a glossary placeholder, or an inline tag as
    engines/markup.py sends it) is in `output` exactly once; True when `source` has none."""
    return each_once(output, {int(m.group(1)) for m in TOKEN.finditer(source)})


def each_once(text: str, numbers: Iterable[int]) -> bool:
    """Whether each `⟦n⟧` token numbered in `numbers` is in `text` exactly once."""
    found = Counter(int(m.group(1)) for m in TOKEN.finditer(text))
    return all(found[n] == 1 for n in numbers)


def _copies_landed(text: str, forms: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """Where the copied forms stand, longest first (as counted), each taken once, in text order."""
    taken: list[tuple[int, int, int]] = []
    for i in sorted(range(len(forms)), key=lambda k: (-len(forms[k]), k)):
        for m in re.finditer(rf"(?<!\w){re.escape(forms[i])}(?!\w)", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), i))
                break
    return tuple(sorted(taken))
