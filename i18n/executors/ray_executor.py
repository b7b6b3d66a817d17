"""The Ray executor: a language pair's pending segments translated by Ray actors.

Each actor (`_Worker`) builds the engine from its recipe in its own process and loads a
pair's model the first time it is given that pair: one loaded model per pair per actor, on
the device of the engine settings (an actor reserves `threads` CPUs, or one GPU). On a CPU
the model decodes `threads` batches at once (inter_threads), so such an actor takes that many
batches at a time (a threaded actor, each slot in the pool once): given one at a time, all
but one of its decoding threads would idle. The segments are cut into batches; a
`ray.util.ActorPool` hands each batch to the next free slot and each batch comes back as soon
as it is done, so the driver's cache keeps it even if the job is
interrupted. A killed actor is restarted by Ray and its batch retried (`max_restarts`,
`max_task_retries`). The batches are those the engine cuts when it runs locally
(`ModelEngine.plan_batches`), each decoded whole (`translate_planned`), so a segment meets the same
companions, and the model the same shapes, wherever it runs: the PO files are byte for byte
a local run's. The second decode against degenerate output (`redecode`, a few segments) is
one task, the same call a local run makes.
Plain actors rather than Ray Data's `map_batches` over an actor pool:
bench/scale.py measures both (README, "Past one machine").

Only `open_engine` (executors/__init__.py) imports this module, when `--executor ray` is asked.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ray
from ray.util import ActorPool

from ..engines.base import ChunkedEngine, Engine, ModelEngine, PlainEngine, Translation, WrapperEngine
from ..engines.registry import EngineRecipe
from ..errors import ExecutorError, I18nError

__all__ = ["RESTARTS", "RayEngine", "connect"]

RESTARTS = 3  # times Ray restarts a dead worker, and retries the batch it was translating


class _Worker:
    """One Ray actor: the engine, built in the actor's process; its models load on first use."""

    def __init__(self, recipe: EngineRecipe, cwd: str):
        if os.path.isdir(cwd):  # relative model folders in the options mean what they meant on the driver
            os.chdir(cwd)
        engine = recipe.build()
        self.engine = engine if isinstance(engine, ModelEngine) else PlainEngine(engine)

    def translate(self, chunk: int, texts: list[str], source: str, target: str) -> tuple[int, list[Translation]]:
        """Batch number `chunk` translated over one direct pair."""
        return chunk, self.engine.translate_planned(texts, source, target)

    def redecode(self, texts: list[str], source: str, target: str, short: list[bool]) -> list[Translation]:
        """The engine's second decode of `texts` (see ModelEngine.redecode)."""
        return self.engine.redecode(texts, source, target, short=short)

    def pid(self) -> int:
        """The actor's process id (the tests kill it)."""
        return os.getpid()


def connect(address: str | None) -> bool:
    """Join the Ray cluster at `address` (None: start one on this machine, unless this process
    is already in one). True when this call started or joined it (and `close` leaves it)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(address=address, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    except (ConnectionError, ValueError, RuntimeError, TimeoutError) as exc:
        where = f"the Ray cluster at {address}" if address else "a Ray instance on this machine"
        raise ExecutorError(
            f"--executor ray: cannot reach {where} ({_one_line(exc)}): start a cluster with `ray start --head` "
            "and give the address it prints with --address"
        ) from None
    return True


class RayEngine(WrapperEngine, ChunkedEngine):
    """A ModelEngine whose model calls run on Ray actors; routes, model ids and labels are
    answered here by `engine` (the same engine built on the driver, which loads no model)."""

    def __init__(self, here: Engine | ModelEngine, recipe: EngineRecipe, *, address: str | None = None,
                 workers: int | None = None, batch_size: int = 64, join: bool = True):
        self.engine = here if isinstance(here, ModelEngine) else PlainEngine(here)
        self.name = self.engine.name
        self.recipe = recipe
        self.batch_size = max(1, batch_size)
        self.workers = workers
        self.actors: list[Any] = []
        self.slots = 1  # batches each actor takes at once (set when the actors start)
        self._joined = connect(address) if join else False

    def plan_batches(self, texts: Sequence[str], source: str, target: str) -> list[list[int]]:
        """The engine's own batches (the cut of a local run), else runs of `batch_size`."""
        planned = self.engine.plan_batches(texts, source, target)
        if planned is not None:
            return planned
        return [list(range(i, min(i + self.batch_size, len(texts)))) for i in range(0, len(texts), self.batch_size)]

    def redecode(self, texts: Sequence[str], source: str, target: str, *, short: Sequence[bool] = ()) -> list[Translation]:
        """The engine's second decode, as one task on one worker (the same call as a local run)."""
        with self._errors(source, target):
            return ray.get(self._start()[0].redecode.remote(list(texts), source, target, list(short)))

    def translate_chunks(
        self, texts: Sequence[str], source: str, target: str
    ) -> Iterator[tuple[list[int], list[Translation]]]:
        """Each batch of `texts` as an actor finishes it: (positions, translations)."""
        if not texts:
            return
        chunks = self.plan_batches(texts, source, target)
        work = [(k, [texts[i] for i in chunk], source, target) for k, chunk in enumerate(chunks)]
        actors = self._start()
        pool = ActorPool([actor for actor in actors for _ in range(self.slots)])
        with self._errors(source, target):
            for k, done in pool.map_unordered(lambda actor, args: actor.translate.remote(*args), work):
                yield chunks[k], done

    @contextmanager
    def _errors(self, source: str, target: str) -> Iterator[None]:
        """A worker's failure as the engine's own error, or one ExecutorError line."""
        try:
            yield
        except ray.exceptions.RayTaskError as exc:
            if isinstance(exc.cause, I18nError):  # the engine's own error (a model that fails to load)
                raise exc.cause from None
            raise ExecutorError(f"a Ray worker failed on {source}→{target}: {_one_line(exc.cause or exc)}") from None
        except ray.exceptions.RayActorError as exc:
            raise ExecutorError(
                f"a Ray worker died on {source}→{target} and could not be restarted ({RESTARTS} restarts): "
                f"{_one_line(exc)}; run again (finished batches are in the cache)"
            ) from None

    def _start(self) -> list[Any]:
        """The actors, started on first use: an all-cached re-run starts none."""
        if not self.actors:
            if not ray.is_initialized():
                self._joined = connect(None)
            cpus, gpus, count = self._resources()
            # Batches an actor decodes at once: its model's decoding threads (a CTranslate2
            # engine's inter_threads, `--threads` on a CPU); one on a GPU, where the threads
            # work on one batch, and for any other engine (it may not take two calls at once).
            inter = getattr(getattr(self.engine, "options", None), "inter_threads", 1)
            self.slots = 1 if gpus else max(1, int(inter))
            remote = ray.remote(_Worker).options(
                num_cpus=cpus, num_gpus=gpus, max_restarts=RESTARTS, max_task_retries=RESTARTS,
                max_concurrency=self.slots,
            )
            self.actors = [remote.remote(self.recipe, os.getcwd()) for _ in range(count)]
        return self.actors

    def _resources(self) -> tuple[float, float, int]:
        """(CPUs, GPUs) per actor and how many actors: as many as the cluster holds unless asked."""
        settings = self.recipe.settings
        total = ray.cluster_resources()
        have_cpus, have_gpus = int(total.get("CPU", 0)), int(total.get("GPU", 0))
        on_gpu = settings.device == "cuda" or (settings.device == "auto" and have_gpus > 0)
        cpus, gpus = (1, 1) if on_gpu else (settings.threads, 0)
        fits = have_gpus if on_gpu else have_cpus // cpus
        count = self.workers or max(fits, 1)
        if count > fits:
            what = f"{have_gpus} GPU(s)" if on_gpu else f"{have_cpus} CPUs"
            need = f"{count} GPU(s)" if on_gpu else f"{count * cpus} CPUs ({count} × --threads {cpus})"
            raise ExecutorError(
                f"--workers {count}: the Ray cluster has {what} and the workers need {need}: "
                "give fewer --workers or --threads, or add nodes to the cluster"
            )
        return cpus, gpus, count

    def worker_pids(self) -> list[int]:
        """The process id of each actor (started if need be)."""
        return ray.get([actor.pid.remote() for actor in self._start()])

    def close(self) -> None:
        """Stop the actors; leave the cluster if this engine joined it."""
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []
        if self._joined:
            ray.shutdown()
            self._joined = False


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__
