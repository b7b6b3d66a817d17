"""Degenerate machine output: a looping phrase, or a length far from what the language pair gives.

Pure text functions, no model: `find_degeneration(source, output, source_lang, target_lang)`
says what is wrong with one output, or None. Two symptoms, the ones MT users meet most:

- a loop: the same word or phrase (1 to `MAX_PHRASE` words) over and over in a row
  ("salad salad salad", "the city of the city of the city of"), which the source does not do;
- a length far from the pair's usual ratio: output cut short (a premature end, a decode that
  stopped at its length limit mid-sentence is caught as a loop or as too long) or far too long
  (a hallucinated continuation). Short sources are not judged: a title or a name varies too much.

The expected ratios (characters of output per character of source) are language data: each
language's length relative to English, measured on the reference translations in
tests/data/reference and tests/data/glossary_eval (median ratios 0.93-0.97 between id, en, ru
and vi; the spread of a sentence's log ratio is about 0.15, so the bounds below sit about four
spreads out and flag no reference sentence).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Degeneration", "find_degeneration", "find_loop", "expected_ratio", "LENGTH_FACTOR"]

MAX_PHRASE = 6  # longest looping phrase looked for, in words
MIN_REPEATS = {1: 4}  # a single word must come 4 times in a row; a phrase of 2+ words 3 times
MIN_LENGTH_SOURCE = 30  # characters; shorter sources are not judged by length
TOO_SHORT = 1.8  # output shorter than expected / TOO_SHORT
TOO_LONG = 2.0  # output longer than expected * TOO_LONG
# Characters per character of English, by language (see the module doc).
LENGTH_FACTOR = {"en": 1.0, "id": 1.04, "ru": 0.97, "vi": 0.99}

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Degeneration:
    """What is wrong with one output: `loop`, `short` or `long`, and a sentence for the reviewer."""

    kind: str
    message: str


def expected_ratio(source_lang: str, target_lang: str) -> float:
    """The usual length of a target_lang translation per character of source_lang text."""
    return LENGTH_FACTOR.get(target_lang, 1.0) / LENGTH_FACTOR.get(source_lang, 1.0)


def find_loop(text: str) -> tuple[str, int] | None:
    """The longest run of one phrase repeated back to back in `text`: (phrase, times), or None
    when no phrase repeats often enough (MIN_REPEATS) to be a loop."""
    tokens = _TOKEN.findall(text.casefold())
    best: tuple[int, int, int] | None = None  # (tokens covered, n, start)
    for n in range(1, MAX_PHRASE + 1):
        need = MIN_REPEATS.get(n, 3)
        i = 0
        while i + n * need <= len(tokens):
            times = 1
            while tokens[i + times * n : i + (times + 1) * n] == tokens[i : i + n]:
                times += 1
            if times >= need and (best is None or times * n > best[0]):
                best = (times * n, n, i)
            i += max(1, (times - 1) * n) if times > 1 else 1
    if best is None:
        return None
    covered, n, start = best
    return " ".join(tokens[start : start + n]), covered // n


def find_degeneration(source: str, output: str, source_lang: str, target_lang: str) -> Degeneration | None:
    """What is degenerate about `output` as a translation of `source`, or None."""
    if not output.strip():
        return None  # an empty output is the untranslated state, reported elsewhere
    loop = find_loop(output)
    if loop is not None:
        phrase, times = loop
        mine = find_loop(source)
        if mine is None or mine[1] + 1 < times:
            return Degeneration("loop", f"the phrase «{phrase}» repeats {times} times in a row")
    n = len(source.strip())
    if n < MIN_LENGTH_SOURCE:
        return None
    ratio = len(output.strip()) / n
    expected = expected_ratio(source_lang, target_lang)
    if ratio < expected / TOO_SHORT:
        return Degeneration("short", f"{ratio:.2f} times as long as the source ({expected:.2f} expected): "
                                     "the output stops before the end of the source")
    if ratio > expected * TOO_LONG:
        return Degeneration("long", f"{ratio:.2f} times as long as the source ({expected:.2f} expected): "
                                    "the output adds text the source does not have")
    return None
