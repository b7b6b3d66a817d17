"""The pipeline's translator: any ModelEngine, routed directly or through English.

`PivotEngine` answers which pairs pivot (`route`), translates every unique segment of a batch
once, hop by hop (a pivot is batched at each hop: one call for id->en, one for en->ru), sums
the hops' scores and flags the segments whose score is far below the batch's typical one.
A pivot's English intermediate travels with each result (`Translation.intermediate`), for
the reviewer; it comes from the cache like any hop's output, so a cached run keeps it.
`compose` builds the usual stack: pivot over the guard (guard.py) over the cache over the engine.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..langs import normalize_lang
from .base import Engine, ModelEngine, PlainEngine, Route, Translation, flag_low_confidence
from .cache import CachedEngine, TranslationCache, normalize_source
from .guard import GuardedEngine

__all__ = ["PivotEngine", "compose"]


class PivotEngine:
    """A Translator over a ModelEngine: direct pairs as they are, the others through English."""

    def __init__(self, engine: ModelEngine):
        self.engine = engine
        self.name = engine.name

    def route(self, source: str, target: str) -> Route:
        """The route for source -> target; MissingModelError if none."""
        return self.engine.find_route(normalize_lang(source), normalize_lang(target))

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` from `source` to `target`."""
        return [t.text for t in self.translate_scored(texts, source, target)]

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate with scores: identical segments (after normalising spaces) once."""
        route = self.route(source, target)
        model_id = "+".join(self.engine.model_id(s, t) for s, t in route.hops)
        label = " + ".join(self.engine.label(s, t) for s, t in route.hops)
        keys = [normalize_source(t) for t in texts]
        unique = [k for k in dict.fromkeys(keys) if k]
        outputs: list[str] = list(unique)
        scores: list[float | None] = [0.0] * len(unique)
        cached = [True] * len(unique)
        between: list[str] = [""] * len(unique)
        degenerate: list[str] = [""] * len(unique)
        for k, (s, t) in enumerate(route.hops):
            if k:
                between = outputs
            hop = self.engine.translate_scored(outputs, s, t) if outputs else []
            outputs = [h.text for h in hop]
            scores = [None if a is None or h.score is None else a + h.score for a, h in zip(scores, hop, strict=True)]
            cached = [c and h.cached for c, h in zip(cached, hop, strict=True)]
            where = f"{s}→{t}: " if route.pivot else ""
            degenerate = ["; ".join(filter(None, [d, h.degenerate and where + h.degenerate]))
                          for d, h in zip(degenerate, hop, strict=True)]
        flags = flag_low_confidence(scores)
        every = {
            k: Translation(o, s, model_id, f, c, label=label, intermediate=b, degenerate=d)
            for k, o, s, f, c, b, d in zip(unique, outputs, scores, flags, cached, between, degenerate, strict=True)
        }
        return [every[k] if k else Translation("", None, model_id, label=label) for k in keys]


def compose(engine: Engine | ModelEngine, *, cache: TranslationCache | None = None) -> PivotEngine:
    """The translator the pipeline uses: pivot through English over the guard against
    degenerate output over the cache over `engine`.

    An engine with only the minimal contract is first given the scored call (`PlainEngine`).
    The cache sits under the pivot, so a pivot's first hop (id->en) is shared by every target
    of a job and by the direct id->en pair.
    """
    # A declared base class, not a probe: ModelEngines say what they have.
    model = engine if isinstance(engine, ModelEngine) else PlainEngine(engine)
    return PivotEngine(GuardedEngine(CachedEngine(model, cache)))
