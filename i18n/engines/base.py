"""The engine contract: what an engine gives, what the pipeline calls, and one result type.

Three levels, each built from the one below by a wrapper (see `compose`), never by probing
an object for methods:

- `Engine`: the minimal contract a plugin implements: a `name` and
  `translate_batch(texts, source, target) -> list[str]`.
- `ModelEngine`: an engine that also scores its output (`translate_scored`), says which
  direct pairs it has (`pairs`), the identity of the model behind a pair (`model_id`, the
  cache key) and what to do when a pair is missing. Argos and CTranslate2 are ModelEngines;
  `PlainEngine` makes one of any `Engine` (no scores, every pair direct).
- `ChunkedEngine`: a ModelEngine that hands translations back chunk by chunk as workers
  finish them (the Ray executor); the cache stores each chunk as it comes.
- `Translator`: what the pipeline calls: `route` (direct, or through English, answered by the
  pivot wrapper) and `translate_scored` over any pair the route reaches.

`Translation` is the one result type from the model up to the catalog's door: the engine
fills text, score and model; the pivot wrapper the intermediate; glossary enforcement the
protection and term checks. The catalog takes a `catalog.merge.Suggestion`, which the
translation memory also produces and which sits below the engines.
"""
from __future__ import annotations

import statistics
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..catalog.states import (
    DEGENERATE,
    GLOSSARY_FAILED,
    GLOSSARY_PROTECTED,
    LOW_CONFIDENCE,
    MARKUP_LOST,
    glossary_missing_note,
    pivot_note,
)
from ..errors import MissingModelError, ModelError

__all__ = [
    "PIVOT",
    "ChunkedEngine",
    "Engine",
    "MARKUP_FALLBACK",
    "ModelEngine",
    "PlainEngine",
    "Route",
    "TermCheck",
    "Translation",
    "Translator",
    "WrapperEngine",
    "flag_low_confidence",
]

PIVOT = "en"  # the language a pair without a direct model goes through


# The reviewer's note on a sentence whose tags the model lost (engines/markup.py).
MARKUP_FALLBACK = f"{MARKUP_LOST} pieces between tags translated apart; check order"


class Engine(Protocol):
    """The minimal contract: anything that translates a batch of segments between two languages."""

    name: str

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` from `source` to `target`; same length and order."""
        ...


@dataclass(frozen=True)
class TermCheck:
    """A glossary term of the source that the translation does not honour."""

    concept: str
    type: str
    source: str  # the form found in the source segment
    expected: str  # the preferred target form
    found: str = ""  # what stands in the output instead, when known (e.g. left untranslated)

    def describe(self) -> str:
        """The PO comment line: `glossary-missing: KTT -> саммит (found "KTT")`."""
        return glossary_missing_note(self.source, self.expected, self.found)


@dataclass(frozen=True)
class Translation:
    """One machine-translated segment with its model score and what the reviewer should know."""

    text: str
    score: float | None  # mean log-probability per token (summed over pivot hops)
    model: str  # the model's identity (the cache key), `argos:id-en@1.9#…`
    low_confidence: bool = False
    cached: bool = False
    protected: tuple[str, ...] = ()  # concepts protected and restored
    protection_failed: bool = False  # placeholders lost: translated without protection
    unhonoured: tuple[TermCheck, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # restoration's notes: names repaired, cases not settled
    label: str = ""  # the model in words a translator reads, `argos id→en 1.9`; model when empty
    intermediate: str = ""  # a pivot route's English text (names restored in the source's form)
    markup_fallback: bool = False  # inline tags lost by the model: the words between them translated apart
    degenerate: str = ""  # what the guard found looping or truncated (engines/guard.py), for the reviewer
    tokens_lost: bool = False  # a pivot's first hop lost its ⟦n⟧ tokens: not decoded further, text empty

    @property
    def model_label(self) -> str:
        """What the PO comment names as the model: the label, else the model's identity."""
        return self.label or self.model

    def comments(self) -> list[str]:
        """Lines for the PO entry's extracted comments: one per unhonoured term, then notes."""
        lines = [t.describe() for t in self.unhonoured]
        lines += self.notes
        if self.protected:
            lines.append(f"{GLOSSARY_PROTECTED} " + ", ".join(dict.fromkeys(self.protected)))
        if self.protection_failed:
            lines.append(f"{GLOSSARY_FAILED}: translated without placeholders")
        if self.markup_fallback:
            lines.append(MARKUP_FALLBACK)
        if self.low_confidence and self.score is not None:
            lines.append(f"{LOW_CONFIDENCE} model score {self.score:.2f} is far below this job's typical score")
        if self.degenerate:
            lines.append(f"{DEGENERATE} {self.degenerate}")
        if self.intermediate:
            lines.append(pivot_note(self.intermediate))
        return lines


@dataclass(frozen=True)
class Route:
    """How source -> target is translated: the languages passed through, e.g. (id, en, ru)."""

    langs: tuple[str, ...]

    @property
    def source(self) -> str:
        return self.langs[0]

    @property
    def target(self) -> str:
        return self.langs[-1]

    @property
    def pivot(self) -> bool:
        """True when the route goes through English."""
        return len(self.langs) > 2

    @property
    def hops(self) -> list[tuple[str, str]]:
        """The direct pairs, in order: [(id, en), (en, ru)]."""
        return list(zip(self.langs[:-1], self.langs[1:], strict=True))

    def describe(self) -> str:
        """`id→en→ru` (pivot) or `id→en` (direct)."""
        return "→".join(self.langs)


class Translator(Protocol):
    """What the pipeline calls: routing and scored translation over any reachable pair."""

    name: str

    def route(self, source: str, target: str) -> Route:
        """The route for source -> target; MissingModelError (saying what to do) if none."""
        ...

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate `texts` along the route, with scores; same length and order."""
        ...


class ModelEngine(ABC):
    """An engine with scores and a declared set of direct pairs (Argos, CTranslate2, a wrapper)."""

    name: str = "engine"
    can_redecode: bool = False  # whether `redecode` gives a second decode with other settings

    def pairs(self) -> frozenset[tuple[str, str]] | None:
        """The direct pairs this engine has; None: it takes any pair directly."""
        return None

    def model_id(self, source: str, target: str) -> str:
        """The identity of the model behind a direct pair (the cache key): name by default."""
        return self.name

    def label(self, source: str, target: str) -> str:
        """The model of a direct pair in words a translator reads (`argos id→en 1.9`): its id by default."""
        return self.model_id(source, target)

    def plan_batches(self, texts: Sequence[str], source: str, target: str) -> list[list[int]] | None:
        """The batches (positions in `texts`) this engine cuts one call into, when it cuts them
        by a rule of the texts alone; an executor that spreads the batches over workers sends
        the same ones, so a segment meets the same companions (a model's output can depend on
        its batch: padding changes the shapes, hence the sums). None: no fixed cut."""
        return None

    def translate_planned(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """`texts`, one batch of `plan_batches`, translated as that one batch, as a local run
        decodes it (an executor's worker; cutting it again would change its companions). By
        default `translate_scored`."""
        return self.translate_scored(texts, source, target)

    def missing_message(self, source: str, target: str) -> str:
        """What to say (and what to do) when source -> target has no model, direct or pivoted."""
        return f"engine {self.name} has no model for {source}→{target}"

    @abstractmethod
    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate `texts` over one direct pair, with scores; same length and order."""

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` from `source` to `target` (the minimal contract)."""
        return [t.text for t in self.translate_scored(texts, source, target)]

    def redecode(self, texts: Sequence[str], source: str, target: str, *, short: Sequence[bool] = ()) -> list[Translation]:
        """A second decode of `texts` with settings against loops (and, for those marked `short`,
        against an early end); only where `can_redecode` says the engine has one."""
        raise NotImplementedError(f"engine {self.name} has no second decode")

    def find_route(self, source: str, target: str) -> Route:
        """Direct when this engine has the pair, else through English; MissingModelError if neither."""
        have = self.pairs()
        if have is None or (source, target) in have:
            return Route((source, target))
        if PIVOT not in (source, target) and (source, PIVOT) in have and (PIVOT, target) in have:
            return Route((source, PIVOT, target))
        raise MissingModelError(self.missing_message(source, target))


class WrapperEngine(ModelEngine):
    """A ModelEngine around another (`self.engine`: the cache, the guard): its pairs, model ids,
    labels, messages and second decode are the wrapped engine's; a wrapper adds behaviour to
    `translate_scored` (and `redecode`) only."""

    engine: ModelEngine

    def pairs(self) -> frozenset[tuple[str, str]] | None:
        return self.engine.pairs()

    def model_id(self, source: str, target: str) -> str:
        return self.engine.model_id(source, target)

    def label(self, source: str, target: str) -> str:
        return self.engine.label(source, target)

    def missing_message(self, source: str, target: str) -> str:
        return self.engine.missing_message(source, target)

    @property
    def can_redecode(self) -> bool:  # type: ignore[override]
        return self.engine.can_redecode


class ChunkedEngine(ModelEngine):
    """A ModelEngine that translates a batch in chunks elsewhere (on Ray workers) and hands each
    chunk back as soon as it is done, so that the cache keeps finished work of an interrupted job."""

    @abstractmethod
    def translate_chunks(
        self, texts: Sequence[str], source: str, target: str
    ) -> Iterator[tuple[list[int], list[Translation]]]:
        """(positions in `texts`, their translations) for each chunk, in the order they finish."""

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Every chunk gathered back into the order of `texts`."""
        out: list[Translation | None] = [None] * len(texts)
        for positions, done in self.translate_chunks(texts, source, target):
            for i, result in zip(positions, done, strict=True):
                out[i] = result
        missing = [i for i, r in enumerate(out) if r is None]
        if missing:
            raise ModelError(f"engine {self.name} returned no translation for {len(missing)} of {len(texts)} segments")
        return [r for r in out if r is not None]


class PlainEngine(ModelEngine):
    """A ModelEngine made of any `Engine`: no scores, every pair direct, the engine's name as model."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.name = engine.name

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """The engine's translations, score None."""
        out = self.engine.translate_batch(list(texts), source, target)
        if len(out) != len(texts):
            raise ModelError(
                f"engine {self.name} returned {len(out)} translations for {len(texts)} segments: "
                "translate_batch must return one string per input, in order"
            )
        return [Translation(t, None, self.name) for t in out]


def flag_low_confidence(scores: Sequence[float | None], *, margin: float = 0.5, min_count: int = 3) -> list[bool]:
    """True for scores far below the job's typical score (median minus max(margin, 3 MADs))."""
    known = [s for s in scores if s is not None]
    if len(known) < min_count:
        return [False] * len(scores)
    typical = statistics.median(known)
    spread = statistics.median(abs(s - typical) for s in known) * 1.4826
    floor = typical - max(margin, 3 * spread)
    return [s is not None and s < floor for s in scores]
