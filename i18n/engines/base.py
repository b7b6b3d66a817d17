"""The engine contract: what every engine gives, and the one result type it returns."""
from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Engine", "Translation", "flag_low_confidence"]


class Engine(Protocol):
    """Anything that translates a batch of segments from one language to another."""

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` from `source` to `target`; same length and order."""
        ...


@dataclass(frozen=True)
class Translation:
    """One machine-translated segment with its model score."""

    text: str
    score: float | None  # mean log-probability per token (summed over pivot hops)
    model: str
    low_confidence: bool = False
    cached: bool = False


def flag_low_confidence(scores: Sequence[float | None], *, margin: float = 0.5, min_count: int = 3) -> list[bool]:
    """True for scores far below the job's typical score (median minus max(margin, 3 MADs))."""
    known = [s for s in scores if s is not None]
    if len(known) < min_count:
        return [False] * len(scores)
    typical = statistics.median(known)
    spread = statistics.median(abs(s - typical) for s in known) * 1.4826
    floor = typical - max(margin, 3 * spread)
    return [s is not None and s < floor for s in scores]
