"""Benchmark: one translate job run locally vs on Ray (2 workers) on this machine.

    python bench/scale.py        (about 4 minutes on 2 cores)

The model is the random-weight Argos package of the size of real ones that bench/engine.py
builds (Transformer base, int8; it never emits `</s>`, so every segment decodes a fixed 64
tokens, about a news sentence). The job: 8 articles of 15 generated Indonesian news
sentences (bench/memory.py's templates), into English, with the repository's glossary, a
fresh cache each time. Three ways, paired in each of ROUNDS rounds (median):

- local: `--executor local`, one process, `--threads 2` (two batches decoded at once);
- ray: `--executor ray --workers 2`, Ray actors of `--threads 1` each (i18n/executors);
- ray_threads: `--executor ray --workers 1`, one actor of `--threads 2` (the default), given
  two batches at a time, one for each of its model's decoding threads;
- ray_data: the same batches through Ray Data, `map_batches` over an `ActorPoolStrategy(size=2)`
  (a ChunkedEngine defined here), the alternative the executor was measured against.

Each way's time covers the whole job as `i18n translate` runs it, starting the workers and
loading the model included, but not starting the Ray instance (a cluster is up before an
archive job; `ray_init_s` says what starting one here costs). The PO files of the Ray runs
are compared byte for byte with the local ones. Ends with
`BENCH scale: local_s=… ray_s=… overhead=… segments_per_s_per_worker=… ray_data_s=… ...
ray_threads_s=… threads_overhead=…`. The batches are the engine's own cut for its threads
(ct2._batches): with `--threads 1` that is CTranslate2's cut, with `--threads 2` a balanced
one, so in int8 a sentence whose output follows its batch's padding may differ between the
two (`identical` counts the ways whose files equal the local run's).
"""
from __future__ import annotations

import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH), str(ROOT / "tests")]

from i18n.engines.base import ChunkedEngine, ModelEngine, Translation, WrapperEngine  # noqa: E402

ARTICLES, SENTENCES = 8, 15
WORKERS = 2
ROUNDS = 3
MAX_LEN = 64  # tokens decoded per segment (the random model never stops by itself)
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def bench_engine(*, device: str = "cpu", threads: int = 2, beam_size: int = 4, compute_type: str = "auto",
                 packages_dir: str = "") -> ModelEngine:
    """The argos engine over the benchmark package, decoding MAX_LEN tokens (the workers build it too)."""
    from i18n.engines.argos import ArgosEngine
    from i18n.engines.ct2 import EngineOptions

    options = EngineOptions.from_settings(device=device, threads=threads, beam_size=beam_size, compute_type=compute_type)
    engine = ArgosEngine(packages_dir=Path(packages_dir), options=replace(options, max_decoding_length=MAX_LEN))
    # The random model never ends, so the guard finds every output degenerate; its second decode
    # is switched off for all three ways alike (Ray Data's workers have none), as bench/engine.py
    # does, so that each way decodes each segment once. The detector still runs on the driver.
    engine.can_redecode = False
    return engine


class _DataWorker:
    """Ray Data's callable class: the engine built once per actor, one pair per dataset."""

    def __init__(self, recipe, source: str, target: str):
        self.engine, self.source, self.target = recipe.build(), source, target

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        done = self.engine.translate_planned(list(batch["texts"][0]), self.source, self.target)
        return {"k": batch["k"], "texts": np.array([[t.text for t in done]], dtype=object),
                "scores": np.array([[t.score for t in done]], dtype=object)}


class RayDataEngine(WrapperEngine, ChunkedEngine):
    """The Ray executor's batches through Ray Data: one row per batch (the same cut as the
    local engine's), map_batches with an actor pool per pair, results streamed back."""

    can_redecode = False  # its workers have no second decode

    def __init__(self, here: ModelEngine, recipe):
        self.engine, self.recipe, self.name = here, recipe, here.name

    def translate_chunks(self, texts: Sequence[str], source: str, target: str) -> Iterator[tuple[list[int], list]]:
        import ray.data

        chunks = self.engine.plan_batches(texts, source, target) or [list(range(len(texts)))]
        rows = [{"k": k, "texts": [texts[i] for i in c]} for k, c in enumerate(chunks)]
        ds = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            _DataWorker, fn_constructor_kwargs={"recipe": self.recipe, "source": source, "target": target},
            batch_size=1, compute=ray.data.ActorPoolStrategy(size=WORKERS), num_cpus=1, batch_format="numpy",
        )
        mid = self.model_id(source, target)
        for row in ds.iter_rows():
            yield chunks[int(row["k"])], [Translation(str(t), float(s), mid)
                                          for t, s in zip(row["texts"], row["scores"], strict=True)]


def write_articles(folder: Path) -> list[Path]:
    """ARTICLES articles of SENTENCES distinct news sentences, one paragraph of three sentences a line."""
    from memory import CLAUSES, sentences

    texts = sentences(random.Random(17), ARTICLES * SENTENCES, CLAUSES)
    folder.mkdir(parents=True)
    paths = []
    for n in range(ARTICLES):
        mine = texts[n * SENTENCES:(n + 1) * SENTENCES]
        path = folder / f"berita-{n}.txt"
        path.write_text("\n".join(" ".join(mine[k:k + 3]) for k in range(0, SENTENCES, 3)) + "\n", "utf-8")
        paths.append(path)
    return paths


def run_job(way: str, articles: list[Path], out: Path, packages: Path) -> tuple[float, dict[str, bytes]]:
    """One job the `way` given, into `out`: seconds, and the PO files it wrote."""
    from i18n.engines.cache import TranslationCache
    from i18n.engines.pivot import compose
    from i18n.engines.registry import EngineRecipe, EngineSettings
    from i18n.executors import ExecutorSettings, open_engine
    from i18n.glossary.model import load_glossary
    from i18n.pipeline import translate_articles

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    threads = 1 if way in ("ray", "ray_data") else 2
    recipe = EngineRecipe("scale:bench_engine", EngineSettings(threads=threads), {"packages_dir": str(packages)})
    glossary = load_glossary(ROOT / "glossary")
    start = time.perf_counter()
    if way == "ray_data":
        model: object = RayDataEngine(recipe.build(), recipe)
        opened = None
    else:
        workers = 1 if way == "ray_threads" else WORKERS
        executor = ExecutorSettings("local") if way == "local" else ExecutorSettings("ray", workers=workers)
        opened = open_engine(recipe, executor)
        model = opened.__enter__()
    try:
        with TranslationCache(out / "cache.sqlite") as cache:
            translate_articles(articles, "id", ["en"], engine=compose(model, cache=cache), locales=out / "locales",
                               glossary=glossary, now=NOW)
    finally:
        if opened is not None:
            opened.__exit__(None, None, None)
    seconds = time.perf_counter() - start
    locales = out / "locales"
    return seconds, {p.relative_to(locales).as_posix(): p.read_bytes() for p in sorted(locales.rglob("*.po"))}


def main() -> None:
    import engine as engine_bench  # bench/engine.py: builds the base-size package once, into bench/.cache
    import ray
    import ray.data

    packages = engine_bench.PACKAGES
    engine_bench.build_package()
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        articles = write_articles(tmp / "articles" / "id")
        start = time.perf_counter()
        path = os.pathsep.join([str(ROOT), str(BENCH), str(ROOT / "tests")])
        ray.init(num_cpus=WORKERS, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False,
                 object_store_memory=200 * 2**20, runtime_env={"env_vars": {"PYTHONPATH": path}})
        ray.data.DataContext.get_current().enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        ray_init_s = time.perf_counter() - start
        times: dict[str, list[float]] = {"local": [], "ray": [], "ray_data": [], "ray_threads": []}
        same: dict[str, bool] = dict.fromkeys(times, True)
        for r in range(ROUNDS):
            reference = None
            for way in times:
                seconds, files = run_job(way, articles, tmp / way, packages)
                times[way].append(seconds)
                reference = reference or files
                same[way] = same[way] and files == reference and len(files) == ARTICLES
                print(f"round {r + 1}: {way:8} {seconds:6.1f} s", file=sys.stderr, flush=True)
        ray.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    med = {way: statistics.median(t) for way, t in times.items()}
    segments = ARTICLES * SENTENCES
    per_worker = segments / med["ray"] / WORKERS
    print(f"{segments} segments × {MAX_LEN} tokens, beam 4, int8; local: 1 process, --threads 2; ray and ray_data: "
          f"{WORKERS} workers × --threads 1; ray_threads: 1 worker × --threads 2; the engine's token batches; Ray "
          f"instance started in {ray_init_s:.1f} s; PO files equal to the local run's: "
          + ", ".join(f"{way} {'yes' if ok else 'no'}" for way, ok in same.items() if way != "local"), file=sys.stderr)
    print(f"BENCH scale: local_s={med['local']:.1f} ray_s={med['ray']:.1f} overhead={med['ray'] / med['local'] - 1:.2f} "
          f"segments_per_s_per_worker={per_worker:.2f} ray_data_s={med['ray_data']:.1f} "
          f"local_segments_per_s={segments / med['local']:.2f} ray_init_s={ray_init_s:.1f} identical={sum(same.values())}/{len(same)} "
          f"ray_threads_s={med['ray_threads']:.1f} threads_overhead={med['ray_threads'] / med['local'] - 1:.2f}")


if __name__ == "__main__":
    main()
