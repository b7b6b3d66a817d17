"""The guard against degenerate output: look at every output, decode the bad ones again.

`GuardedEngine` wraps a ModelEngine (over the cache, so that cached outputs are looked at too
and a second decode is cached like a first): each output that `degenerate.find_degeneration`
finds looping, cut short or far too long is decoded a second time with other settings
(`ModelEngine.redecode`; for CTranslate2 `ct2.RETRY`: greedy, repeats discouraged, repeated
3-word phrases forbidden, and a minimum length for an output that ended early). The second
output is used when the detector finds nothing wrong with it; the segment is flagged for the
reviewer either way (`degenerate-output:` in the PO entry), since a model that looped once on
a sentence is not to be trusted on it. An engine without a second decode is only flagged.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .base import ModelEngine, Translation, WrapperEngine
from .degenerate import find_degeneration

__all__ = ["GuardedEngine"]


class GuardedEngine(WrapperEngine):
    """A ModelEngine whose looping or truncated outputs are decoded again, or flagged."""

    can_redecode = False  # the guard spends the second decode itself

    def __init__(self, engine: ModelEngine):
        self.engine = engine
        self.name = engine.name
        self.flagged = 0  # outputs found degenerate
        self.fixed = 0  # of those, replaced by a second decode the detector accepts

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """The engine's translations, degenerate ones decoded again (or flagged)."""
        out = list(self.engine.translate_scored(texts, source, target))
        problems = {i: p for i, (text, tr) in enumerate(zip(texts, out, strict=True))
                    if (p := find_degeneration(text, tr.text, source, target)) is not None}
        if not problems:
            return out
        self.flagged += len(problems)
        bad = list(problems)
        second: list[Translation] = []
        if self.engine.can_redecode:
            second = self.engine.redecode([texts[i] for i in bad], source, target,
                                          short=[problems[i].kind == "short" for i in bad])
        for k, i in enumerate(bad):
            what = problems[i].message
            retry = second[k] if second else None
            if retry is not None and retry.text and find_degeneration(texts[i], retry.text, source, target) is None:
                self.fixed += 1
                how = "not allowed to end early" if problems[i].kind == "short" else "with repeats forbidden"
                out[i] = dataclasses.replace(
                    retry, cached=out[i].cached and retry.cached,
                    degenerate=f"the model's first output was degenerate ({what}); this is a second decode, "
                               f"{how}: check it against the source",
                )
            else:
                out[i] = dataclasses.replace(out[i], degenerate=what)
        return out
