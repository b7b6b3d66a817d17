"""Where the model runs: in this process (`local`, the default) or on Ray workers (`ray`).

The executor is a seam under the translation cache. Reading, segmentation, glossary
protection and checks, the translation memory, the cache and the merge with its atomic
writes stay in this process (the driver) whatever the executor, so the promises of a local
run (no reviewed work lost, every file old or complete) hold unchanged; only the model's
work on a language pair's pending segments moves. `open_engine` gives the pipeline the
engine for the executor chosen; Ray is imported only when `ray` is chosen.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..engines.base import Engine, ModelEngine
from ..engines.registry import EngineRecipe
from ..errors import UsageError

__all__ = ["EXECUTORS", "ExecutorSettings", "open_engine"]

EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class ExecutorSettings:
    """`--executor`, `--address`, `--workers`; `batch_size`: segments per Ray task for an engine
    that does not cut its own (`ModelEngine.plan_batches`; a CTranslate2 engine's are token batches)."""

    name: str = "local"
    address: str | None = None  # a Ray cluster (`ray start --head` prints it); None: start one here
    workers: int | None = None  # None: as many as the cluster's CPUs (or GPUs) hold
    batch_size: int = 64


@contextmanager
def open_engine(
    recipe: EngineRecipe, executor: ExecutorSettings | None = None, *, connect: bool = True
) -> Iterator[Engine | ModelEngine]:
    """The engine of `recipe` for `executor`: built here (local), or built by each Ray worker.

    `connect` False (a dry run, which calls no model) builds the Ray engine without joining
    a cluster. The Ray workers are stopped when the block ends, however it ends.
    """
    executor = executor or ExecutorSettings()
    if executor.name == "local":
        if executor.address is not None or executor.workers is not None:
            raise UsageError("--address and --workers go with --executor ray")
        yield recipe.build()
        return
    if executor.name != "ray":
        raise UsageError(f"--executor {executor.name!r}: choose one of {', '.join(EXECUTORS)}")
    if executor.workers is not None and executor.workers < 1:
        raise UsageError(f"--workers {executor.workers}: give at least 1")
    from ..engines.requires import require_ray

    require_ray()
    # The engine here only answers routes and model ids (it loads no model): the workers
    # load the models, on the device the settings ask for, which this machine may not have.
    here = replace(recipe, settings=replace(recipe.settings, device="cpu")).build()
    from .ray_executor import RayEngine

    engine = RayEngine(here, recipe, address=executor.address, workers=executor.workers,
                       batch_size=executor.batch_size, join=connect)
    try:
        yield engine
    finally:
        engine.close()
