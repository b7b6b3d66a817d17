"""Engines a newsroom might plug in, for the registry tests (imported as `plugin_engine:NAME`)."""
from __future__ import annotations


class Bracketing:
    """The minimal contract: a name and translate_batch; the options it is built with are kept."""

    name = "bracketing"

    def __init__(self, *, device, threads, beam_size, compute_type, marker="MT"):
        self.settings = (device, threads, beam_size, compute_type)
        self.marker = marker

    def translate_batch(self, texts, source, target):
        return [f"[{self.marker} {source}>{target}] {t}" for t in texts]


def broken_factory(**options):
    raise RuntimeError("the licence server is down")


NOT_CALLABLE = 42
