"""`i18n translate` as one call: the defaults (glossary, cache, packages) resolved, the engine
built around the cache, the pipeline run. The MT stack is imported only when this runs."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .catalog.layout import DEFAULT_DOMAIN
from .config import translate_glossary
from .langs import SUPPORTED, article_lang
from .pipeline import Progress, translate_articles
from .summary import TranslateReport

__all__ = ["translate_batch", "count_steps"]


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
) -> TranslateReport:
    """Translate `articles` into `targets` with the Argos engine and the cache.

    `source`: the articles' language, None for each one's folder name (a mixed batch);
    `targets` None: every other supported language (see `pipeline.translate_articles`).

    The glossary defaults to `glossary/` when it exists (`no_glossary` turns it off); the
    cache to the user cache folder; the packages to Argos's folder; the translation memory to
    memory.sqlite beside the cache (`no_memory`: none). A `dry_run` opens no cache and works
    on a copy of the memory in RAM: it writes no file and calls no model.
    """
    from contextlib import nullcontext

    from .catalog.memory import TranslationMemory, default_memory_path
    from .engines.argos import ArgosEngine
    from .engines.cache import TranslationCache
    from .engines.pivot import compose
    from .glossary.model import load_glossary

    glossary = translate_glossary(glossary, no_glossary)
    terms = load_glossary(glossary) if glossary is not None else None
    with nullcontext(None) if dry_run else TranslationCache(cache_path) as cache, (
        nullcontext(None) if no_memory
        else TranslationMemory(memory_path or default_memory_path(cache_path), copy=dry_run)
    ) as memory:
        engine = compose(ArgosEngine(packages_dir=packages_dir), cache=cache)
        return translate_articles(
            list(articles), source, targets, engine=engine, locales=locales, glossary=terms,
            dry_run=dry_run, progress=progress, domain=domain, data=data,
            memory=memory, tm_threshold=tm_threshold, tm_exact=tm_exact,
        )
