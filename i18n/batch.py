"""`i18n translate` as one call: the defaults (glossary, cache, packages, engine) resolved, the
engine built by name and composed around the cache, the pipeline run. The MT stack is
imported only when this runs."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .catalog.layout import DEFAULT_DOMAIN
from .config import engine_config, translate_glossary
from .engines.base import Engine, ModelEngine
from .engines.registry import DEFAULT_ENGINE, EngineRecipe, EngineSettings, parse_model_option
from .langs import SUPPORTED, article_lang
from .pipeline import Progress, translate_articles
from .summary import TranslateReport

__all__ = ["translate_batch", "count_steps", "make_engine", "engine_recipe"]


def make_engine(
    name: str | None = None,
    *,
    settings: EngineSettings | None = None,
    models: Sequence[str] = (),
    packages_dir: Path | None = None,
    project: Path | None = None,
) -> Engine | ModelEngine:
    """The engine of `i18n translate`, built here (see `engine_recipe` for the arguments)."""
    return engine_recipe(name, settings=settings, models=models, packages_dir=packages_dir, project=project).build()


def engine_recipe(
    name: str | None = None,
    *,
    settings: EngineSettings | None = None,
    models: Sequence[str] = (),
    packages_dir: Path | None = None,
    project: Path | None = None,
) -> EngineRecipe:
    """How to build the engine of `i18n translate`: `name`, else `[tool.i18n] engine`, else argos
    (ctranslate2 when `models` are given), with `settings` and its `[tool.i18n.engines.NAME]` table.

    `models` are `--model PAIR=DIR` values (over the ctranslate2 table's); `packages_dir` is
    the argos engine's `--packages-dir`. The pyproject is looked for from `project` (default: here).
    """
    config = engine_config(project or Path.cwd())
    given = parse_model_option(list(models))
    chosen = name or config.engine or ("ctranslate2" if given else DEFAULT_ENGINE)
    options = dict(config.tables.get(chosen, {}))
    if chosen == "ctranslate2" and given:
        options["models"] = {**options.get("models", {}), **given}
    if chosen == "argos" and packages_dir is not None:
        options["packages_dir"] = packages_dir
    return EngineRecipe(chosen, settings or EngineSettings(), options)


def count_steps(articles: Sequence[Path], source: str | None, targets: Sequence[str] | None) -> int:
    """How many times `translate_batch` calls `progress`: once per language pair, once per catalog."""
    langs = [source or article_lang(None, a, "--from") for a in articles]
    pairs = [(s, t) for s in langs for t in (targets or SUPPORTED) if s != t]
    return len(set(pairs)) + len(pairs)


def translate_batch(
    articles: Sequence[Path],
    source: str | None,
    targets: Sequence[str] | None,
    *,
    glossary: Path | None = None,
    no_glossary: bool = False,
    locales: Path = Path("locales"),
    cache_path: Path | None = None,
    packages_dir: Path | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    domain: str = DEFAULT_DOMAIN,
    data: Path | None = None,
    memory_path: Path | None = None,
    no_memory: bool = False,
    tm_threshold: float = 75.0,
    tm_exact: str = "fuzzy",
    engine: str | None = None,
    models: Sequence[str] = (),
    device: str = "cpu",
    threads: int = 2,
    beam_size: int = 4,
    compute_type: str = "auto",
    executor: str = "local",
    address: str | None = None,
    workers: int | None = None,
) -> TranslateReport:
    """Translate `articles` into `targets` with the engine and the cache.

    `source`: the articles' language, None for each one's folder name (a mixed batch);
    `targets` None: every other supported language (see `pipeline.translate_articles`).

    The engine: see `make_engine` (`engine`, `models`, `packages_dir`), built with `device`,
    `threads`, `beam_size` and `compute_type`. It runs where `executor` says: here (`local`),
    or on `workers` Ray actors of the cluster at `address` (`ray`; see `executors`).
    The glossary defaults to `glossary/` when it exists (`no_glossary` turns it off); the
    cache to the user cache folder; the packages to Argos's folder; the translation memory to
    memory.sqlite beside the cache (`no_memory`: none). A `dry_run` opens no cache and works
    on a copy of the memory in RAM: it writes no file and calls no model. The cache file also
    keeps the ledger of what each run left in each catalog (`ledger`), so that a re-run skips
    what did not change.
    """
    from contextlib import nullcontext

    from .catalog.memory import TranslationMemory, default_memory_path
    from .engines.cache import TranslationCache
    from .engines.pivot import compose
    from .executors import ExecutorSettings, open_engine
    from .glossary.model import load_glossary

    glossary = translate_glossary(glossary, no_glossary)
    terms = load_glossary(glossary) if glossary is not None else None
    # Before any file is opened: an unknown or broken engine (or cluster) leaves nothing behind.
    settings = EngineSettings(device=device, threads=threads, beam_size=beam_size, compute_type=compute_type)
    recipe = engine_recipe(engine, settings=settings, models=models, packages_dir=packages_dir)
    runs_on = ExecutorSettings(executor, address, workers)
    with open_engine(recipe, runs_on, connect=not dry_run) as model, (
        nullcontext(None) if dry_run else TranslationCache(cache_path)
    ) as cache, (
        nullcontext(None) if no_memory
        else TranslationMemory(memory_path or default_memory_path(cache_path), copy=dry_run)
    ) as memory:
        translator = compose(model, cache=cache)
        options = f"tm={tm_threshold} exact={tm_exact} memory={not no_memory}"
        ledger = None if cache is None else _open_ledger(cache.path, translator, f"{model.name} {settings}", options)
        try:
            return translate_articles(
                list(articles), source, targets, engine=translator, locales=locales, glossary=terms,
                dry_run=dry_run, progress=progress, domain=domain, data=data,
                memory=memory, tm_threshold=tm_threshold, tm_exact=tm_exact, ledger=ledger,
            )
        finally:
            if ledger is not None:
                ledger.close()


def _open_ledger(path: Path, translator, engine: str, options: str):
    """The ledger in the cache file; a pair's engine identity names the engine with its settings
    and, for each hop of the pair's route, the model (the cache's key) and its label."""
    from .ledger import Ledger

    def identity(source: str, target: str) -> str:
        hops = translator.route(source, target).hops
        return " ".join([engine, *(f"{translator.engine.model_id(*h)}={translator.engine.label(*h)}" for h in hops)])

    return Ledger(path, identity=identity, options=options)
