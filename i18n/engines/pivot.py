"""The pipeline's translator: any ModelEngine, routed directly or through English.

`PivotEngine` answers which pairs pivot (`route`), translates every unique segment of a batch
once, hop by hop (a pivot is batched at each hop: one call for id->en, one for en->ru), sums
the hops' scores and flags the segments whose score is far below the batch's typical one.
A pivot's English intermediate travels with each result (`Translation.intermediate`), for
the reviewer; it comes from the cache like any hop's output, so a cached run keeps it.
A segment whose `⟦n⟧` tokens (glossary placeholders, inline tags) did not all come through the
first hop is not decoded further: its result is empty, marked `tokens_lost`, and its caller
translates it again without them (engines/enforce.py, engines/markup.py), so the second hop
is never spent on an output that would be thrown away.
`compose` builds the usual stack: pivot over the guard (guard.py) over the cache over the engine.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..langs import normalize_lang
from .base import Engine, ModelEngine, PlainEngine, Route, Translation, flag_low_confidence
from .cache import CachedEngine, TranslationCache, normalize_source
from .guard import GuardedEngine
from .protect import tokens_kept

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
        live = list(range(len(unique)))  # the segments still going: all but those that lost tokens
        for k, (s, t) in enumerate(route.hops):
            if k:
                between = list(outputs)
                live = [i for i in live if tokens_kept(unique[i], outputs[i])]
            hop = dict(zip(live, self.engine.translate_scored([outputs[i] for i in live], s, t), strict=True)) if live else {}
            where = f"{s}→{t}: " if route.pivot else ""
            for i, h in hop.items():
                outputs[i] = h.text
                scores[i] = None if scores[i] is None or h.score is None else scores[i] + h.score  # type: ignore[operator]
                cached[i] = cached[i] and h.cached
                degenerate[i] = "; ".join(filter(None, [degenerate[i], h.degenerate and where + h.degenerate]))
        going = set(live)
        flag = dict(zip(live, flag_low_confidence([scores[i] for i in live]), strict=True))
        every = {
            key: Translation(outputs[i], scores[i], model_id, flag[i], cached[i], label=label, intermediate=between[i],
                             degenerate=degenerate[i])
            if i in going else Translation("", None, model_id, cached=cached[i], label=label, intermediate=between[i],
                                           tokens_lost=True)
            for i, key in enumerate(unique)
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
