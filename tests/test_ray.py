"""The Ray executor (i18n/executors): the same PO files as the local executor, byte for byte;
a killed worker is restarted and its batch retried; an interrupted driver resumes from the cache.

One local Ray instance for the module, started here (`ray.init(num_cpus=2)`, loopback only,
no dashboard). The workers build `ray_engines:logged_argos`, the real Argos engine over the
tiny packages, which logs each batch it translates (and can kill its own process).
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
import ray
from click.testing import CliRunner
from ray_engines import logged

import cli
from i18n.engines.cache import TranslationCache
from i18n.engines.pivot import compose
from i18n.engines.registry import EngineRecipe, EngineSettings
from i18n.errors import ExecutorError, UsageError
from i18n.executors import ExecutorSettings, open_engine
from i18n.glossary.model import load_glossary
from i18n.pipeline import translate_articles

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
NOW = datetime(2026, 11, 1, 9, 30, tzinfo=timezone.utc)
TARGETS = ["en", "ru", "vi"]
BATCH_TOKENS = 96  # the engine's token batches, hence Ray tasks, of a few segments: many over two workers
DATES = re.compile(rb'^"(PO-Revision-Date|POT-Creation-Date): .*\\n"\n', re.M)


@pytest.fixture(scope="module")
def ray_session():
    """A local Ray instance with 2 CPUs whose workers import this checkout and tests/."""
    path = os.pathsep.join([str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")])
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", object_store_memory=100 * 2**20,
             log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": path}})
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    """Eight variants of the seed article (shared sentences, one of their own each)."""
    folder = tmp_path_factory.mktemp("ray-articles") / "id"
    folder.mkdir()
    lines = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    paths = []
    for n in range(8):
        body = [f"Laporan nomor {n} dari Vladivostok pada hari ke-{n + 1}.", *lines[n % 5:], *lines[: n % 5]]
        path = folder / f"laporan-{n}.txt"
        path.write_text("\n".join(body) + "\n", "utf-8")
        paths.append(path)
    return paths


def recipe(argos_dir: Path, log: Path, kill_at: int = 0) -> EngineRecipe:
    options = {"packages_dir": str(argos_dir), "log": str(log), "kill_at": kill_at,
               "max_batch_tokens": BATCH_TOKENS}
    return EngineRecipe("ray_engines:logged_argos", EngineSettings(threads=1, compute_type="float32"), options)


def run_job(articles: list[Path], out: Path, engine_recipe: EngineRecipe, executor: ExecutorSettings):
    """The job of `i18n translate --to en,ru,vi` with the repository's glossary, into out/locales."""
    with open_engine(engine_recipe, executor) as model, TranslationCache(out / "cache.sqlite") as cache:
        translate_articles(articles, "id", TARGETS, engine=compose(model, cache=cache), locales=out / "locales",
                           glossary=load_glossary(ROOT / "glossary"), now=NOW)
    return model


def files(locales: Path) -> dict[str, bytes]:
    return {p.relative_to(locales).as_posix(): p.read_bytes() for p in sorted(locales.rglob("*")) if p.is_file()}


def segments_per_pair(log: Path) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for _, source, target, n in logged(log):
        out[(source, target)] = out.get((source, target), 0) + n
    return out


@pytest.fixture(scope="module")
def reference(articles, argos_dir, tmp_path_factory) -> tuple[dict[str, bytes], dict[tuple[str, str], int]]:
    """The local executor's PO files for the job, and the segments it sent to each direct pair."""
    out = tmp_path_factory.mktemp("local")
    run_job(articles, out, recipe(argos_dir, out / "log"), ExecutorSettings())
    return files(out / "locales"), segments_per_pair(out / "log")


def test_ray_workers_write_the_same_po_files_as_the_local_executor(ray_session, articles, argos_dir, reference,
                                                                   tmp_path):
    local_files, local_segments = reference
    assert len(local_files) == len(articles) * len(TARGETS)
    model = run_job(articles, tmp_path, recipe(argos_dir, tmp_path / "log"), ExecutorSettings("ray"))
    assert files(tmp_path / "locales") == local_files
    batches = logged(tmp_path / "log")
    pids = {pid for pid, *_ in batches}
    assert len(pids) == 2 and os.getpid() not in pids  # both workers translated; this process did not
    assert segments_per_pair(tmp_path / "log") == local_segments  # each pending segment once, in batches
    assert len(batches) >= 12  # many small batches
    assert model.engine.calls == 0  # the engine on the driver loaded no model


def test_a_worker_decodes_as_many_batches_at_once_as_it_has_threads(ray_session, articles, argos_dir, reference,
                                                                    tmp_path):
    """--threads 2 on 2 CPUs: one worker, whose model decodes two batches at once (inter_threads),
    is given two at a time: its first two batches meet inside it. Given one at a time, the
    first would wait alone (`meet`) while the second queued behind it. The same PO files."""
    log = tmp_path / "log"
    options = {"packages_dir": str(argos_dir), "log": str(log), "meet": 2, "max_batch_tokens": BATCH_TOKENS}
    engine_recipe = EngineRecipe("ray_engines:logged_argos", EngineSettings(threads=2, compute_type="float32"), options)
    run_job(articles, tmp_path, engine_recipe, ExecutorSettings("ray"))
    assert log.with_suffix(".met").read_text("utf-8") == "met"
    assert len({pid for pid, *_ in logged(log)}) == 1  # one worker holding both CPUs
    assert files(tmp_path / "locales") == reference[0]


def test_killed_worker_is_restarted_and_the_job_finishes_with_identical_files(ray_session, articles, argos_dir,
                                                                              reference, tmp_path):
    log = tmp_path / "log"
    run_job(articles, tmp_path, recipe(argos_dir, log, kill_at=3), ExecutorSettings("ray"))
    killed = int(log.with_suffix(".killed").read_text())  # a worker killed itself after 3 batches
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)
    pids = {pid for pid, *_ in logged(log)}
    assert len(pids - {killed}) >= 2  # the other worker, and the killed one's replacement
    assert files(tmp_path / "locales") == reference[0]
    assert segments_per_pair(log) == reference[1]  # the killed batch retried once, nothing lost


def test_interrupted_driver_resumes_from_the_cache(ray_session, articles, argos_dir, reference, tmp_path,
                                                   monkeypatch):
    stored = []
    put_many = TranslationCache.put_many

    def interrupt_on_third_batch(self, *args):
        if len(stored) == 2:
            raise KeyboardInterrupt  # Ctrl-C on the driver while the workers are busy
        stored.append(args)
        put_many(self, *args)

    monkeypatch.setattr(TranslationCache, "put_many", interrupt_on_third_batch)
    with pytest.raises(KeyboardInterrupt):
        run_job(articles, tmp_path, recipe(argos_dir, tmp_path / "log1"), ExecutorSettings("ray"))
    monkeypatch.undo()
    assert not (tmp_path / "locales").exists()  # interrupted in the first pair: no PO file touched
    kept = sum(len(items) for *_, items in stored)
    with TranslationCache(tmp_path / "cache.sqlite") as cache:
        assert len(cache) == kept > 0  # the two batches that came back before the interrupt

    run_job(articles, tmp_path, recipe(argos_dir, tmp_path / "log2"), ExecutorSettings("ray"))
    assert files(tmp_path / "locales") == reference[0]
    resumed = segments_per_pair(tmp_path / "log2")
    total = reference[1]
    assert resumed[("id", "en")] == total[("id", "en")] - kept  # the cached batches were not sent again
    assert resumed[("en", "ru")] == total[("en", "ru")]


def test_cli_executor_ray_writes_what_the_local_executor_writes(ray_session, articles, argos_dir, tmp_path):
    def translate(name: str, *extra: str) -> dict[str, bytes]:
        out = tmp_path / name
        args = ["translate", *map(str, articles), "--from", "id", "--to", "en,ru", "--glossary", str(ROOT / "glossary"),
                "--locales", str(out / "locales"), "--cache", str(out / "cache.sqlite"), "--packages-dir",
                str(argos_dir), "--compute-type", "float32", "--threads", "1", "-q", *extra]
        done = CliRunner().invoke(cli.main, args)
        assert done.exit_code == 0, done.output
        return {k: DATES.sub(b"", v) for k, v in files(out / "locales").items()}

    local = translate("local")
    assert len(local) == len(articles) * 2
    assert translate("ray", "--executor", "ray", "--workers", "2") == local


def test_more_workers_than_the_cluster_holds_is_one_line(ray_session, argos_dir, tmp_path):
    engine_recipe = recipe(argos_dir, tmp_path / "log")
    with pytest.raises(ExecutorError, match=r"^--workers 3: the Ray cluster has 2 CPUs and the workers need 3 CPUs"):
        with open_engine(engine_recipe, ExecutorSettings("ray", workers=3)) as model:
            model.translate_scored(["Putin tiba."], "id", "en")


def test_address_without_the_ray_executor_is_a_usage_error(argos_dir, tmp_path):
    with pytest.raises(UsageError, match="--address and --workers go with --executor ray"):
        with open_engine(recipe(argos_dir, tmp_path / "log"), ExecutorSettings("local", address="auto")):
            pass
