"""Inline markup through the model: tags as tokens the model copies, verified, else pieces apart.

A sentence of an HTML or Markdown article holds its inline tags as placeholders (`<1>…</1>`,
`<2/>`). Sent as they are, real models mangle them (`<p>hello</p>` came back from Argos as
"pulphello vécu/p"). `MarkupTranslator` wraps the pipeline's translator: each placeholder
becomes a token of the shape glossary names use (`⟦5⟧`, numbered after the sentence's own
glossary tokens, one number per tag), the model translates, and the tokens are turned back
into their placeholders. The result must pass `readers.inline.markup_problems` (each tag
once, pairs closed and nested as in the source, sibling pairs free to change order); white
space a model puts inside a pair (`<1> Putin </1>`) is moved out of it.

When the model lost or garbled a token, the sentence is translated again in pieces: each run
of words between two tags on its own (one batch for all such sentences), put back between the
same tags. The markup is then right by construction; the word order across tags may not be,
so the entry says so to the reviewer (`Translation.markup_fallback`).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from ..readers.inline import PLACEHOLDER, markup_problems, tokens
from .base import Route, Translation, Translator
from .protect import TOKEN, each_once

__all__ = ["MarkupTranslator", "Masked", "mask_tags", "unmask_tags"]

_WORD = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Masked:
    """A sentence with its tags as tokens: the text sent, and each token number's tag."""

    text: str
    tags: dict[int, str]


def mask_tags(text: str) -> Masked | None:
    """`text` with each placeholder as a `⟦n⟧` token (numbers after the text's own), or None
    when it has no placeholder."""
    if not PLACEHOLDER.search(text):
        return None
    first = 1 + max((int(m.group(1)) for m in TOKEN.finditer(text)), default=-1)
    tags: dict[int, str] = {}

    def token(m: re.Match[str]) -> str:
        number = first + len(tags)
        tags[number] = m.group()
        return f"⟦{number}⟧"

    return Masked(PLACEHOLDER.sub(token, text), tags)


def unmask_tags(translated: str, masked: Masked, source: str) -> str | None:
    """The translation with its tokens back as placeholders, or None when a token did not come
    back exactly once or the tags would not match the source's (`markup_problems`)."""
    if not each_once(translated, masked.tags):
        return None
    out = _tidy(_untoken(translated, masked), source)
    return None if markup_problems(source, out) else out


def _untoken(text: str, masked: Masked) -> str:
    """`text` with the tokens of `masked` as their placeholders again, unchecked."""
    return TOKEN.sub(lambda k: masked.tags.get(int(k.group(1)), k.group()), text)


def _tidy(text: str, source: str) -> str:
    """Drop white space a model put just inside a pair (`<1> Putin </1>`) where the source has
    none, keeping the words apart outside it (`kata<1>Putin` -> `kata <1>Putin`)."""
    for m in re.finditer(r"<(\d+)>", source):
        opening, closing = m.group(), f"</{m.group(1)}>"

        def before(k: re.Match[str], tag: str = opening) -> str:
            return k.group(1) + " " * k.group(1).isalnum() + tag

        def after(k: re.Match[str], tag: str = closing) -> str:
            return tag + " " * k.group(1).isalnum() + k.group(1)

        if not source[m.end() : m.end() + 1].isspace():
            text = re.sub(rf"(\S?){opening}\s+", before, text)
        close = source.find(closing)
        if close > 0 and not source[close - 1].isspace():
            text = re.sub(rf"\s+{closing}(\S?)", after, text)
    return text.strip()


class MarkupTranslator:
    """A Translator that carries the inline tags of markup sentences through the model."""

    def __init__(self, inner: Translator):
        self.inner = inner
        self.name = inner.name

    def route(self, source: str, target: str) -> Route:
        """The inner translator's route."""
        return self.inner.route(source, target)

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate `texts`; a sentence with tags gets them back, verified (see the module)."""
        masked = [mask_tags(t) for t in texts]
        sent = [m.text if m is not None else t for t, m in zip(texts, masked, strict=True)]
        results = list(self.inner.translate_scored(sent, source, target))
        lost = []
        for i, (m, res) in enumerate(zip(masked, results, strict=True)):
            if m is None or (not res.text and not res.tokens_lost):
                continue
            if res.tokens_lost and each_once(res.intermediate, m.tags):
                # A pivot stopped it for the glossary's placeholders, not the tags: the caller
                # (glossary enforcement) translates it again without them.
                results[i] = dataclasses.replace(res, intermediate=_untoken(res.intermediate, m))
                continue
            back = unmask_tags(res.text, m, texts[i])
            if back is None:
                lost.append(i)
            else:  # a pivot's English text gets its tags back too (shown to the reviewer)
                results[i] = dataclasses.replace(res, text=back, intermediate=_untoken(res.intermediate, m))
        if lost:
            again = self._in_pieces([texts[i] for i in lost], [results[i] for i in lost], source, target)
            for i, res in zip(lost, again, strict=True):
                results[i] = res
        return results

    def _in_pieces(
        self, texts: list[str], first: list[Translation], source: str, target: str
    ) -> list[Translation]:
        """Each text's runs of words translated apart (one batch), put back between its tags;
        `first` are the whole-sentence results (what a sentence without words keeps)."""
        runs = list(dict.fromkeys(
            str(v).strip() for t in texts for kind, v in tokens(t) if kind == "text" and _WORD.search(str(v))
        ))
        done = dict(zip(runs, self.inner.translate_scored(runs, source, target), strict=True)) if runs else {}
        out = []
        for text, whole in zip(texts, first, strict=True):
            parts: list[str] = []
            mids: list[str] = []  # the pivot's English, put together the same way
            used: list[Translation] = []
            for kind, value in tokens(text):
                piece = str(value)
                if kind != "text":
                    tag = {"open": "<{}>", "close": "</{}>", "void": "<{}/>"}[kind].format(value)
                    parts.append(tag)
                    mids.append(tag)
                elif piece.strip() in done:
                    res = done[piece.strip()]
                    used.append(res)
                    lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
                    parts.append(lead + res.text + trail)
                    mids.append(lead + (res.intermediate or res.text) + trail)
                else:
                    parts.append(piece)
                    mids.append(piece)
            mid = "".join(mids) if any(r.intermediate for r in used) else ""
            out.append(_joined("".join(parts), mid, used or [whole]))
        return out


def _joined(text: str, intermediate: str, pieces: list[Translation]) -> Translation:
    """One Translation of a sentence made of `pieces`: mean score, flagged for the reviewer."""
    scores = [p.score for p in pieces]
    score = None if any(s is None for s in scores) else fmean(s for s in scores if s is not None)
    first = pieces[0]
    return dataclasses.replace(
        first, text=text, intermediate=intermediate, score=score, low_confidence=any(p.low_confidence for p in pieces),
        cached=all(p.cached for p in pieces), markup_fallback=True,
    )
