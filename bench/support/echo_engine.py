"""A stand-in engine for the benchmarks that time everything but the model (`--engine echo_engine:Echo`
with bench/ on PYTHONPATH): instant, deterministic, the source tagged with the pair."""
from __future__ import annotations


class Echo:
    """The minimal engine contract: a name and translate_batch."""

    name = "echo"

    def __init__(self, **settings):
        self.settings = settings

    def translate_batch(self, texts, source, target):
        return [f"[{source}>{target}] {t}" for t in texts]
