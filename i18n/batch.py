"""`i18n translate` as one call: the defaults (glossary, cache, packages) resolved, the engine
built around the cache, the pipeline run. The MT stack is imported only when this runs."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .catalog.layout import DEFAULT_DOMAIN
from .config import translate_glossary
from .pipeline import Progress, translate_articles
from .summary import TranslateReport

__all__ = ["translate_batch"]


def translate_batch(
    articles: Sequence[Path],
    source: str,
    targets: Sequence[str],
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
    """Translate `articles` (all in `source`) into `targets` with the Argos engine and the cache.

    The glossary defaults to `glossary/` when it exists (`no_glossary` turns it off); the
    cache to the user cache folder; the packages to Argos's folder; the translation memory to
    memory.sqlite beside the cache (`no_memory`: none).
    """
    from contextlib import nullcontext

    from .catalog.memory import TranslationMemory, default_memory_path
    from .engines.argos import ArgosEngine
    from .engines.cache import TranslationCache
    from .engines.pivot import compose
    from .glossary.model import load_glossary

    glossary = translate_glossary(glossary, no_glossary)
    terms = load_glossary(glossary) if glossary is not None else None
    with TranslationCache(cache_path) as cache, (
        nullcontext(None) if no_memory else TranslationMemory(memory_path or default_memory_path(cache_path))
    ) as memory:
        engine = compose(ArgosEngine(packages_dir=packages_dir), cache=cache)
        return translate_articles(
            list(articles), source, list(targets), engine=engine, locales=locales, glossary=terms,
            dry_run=dry_run, progress=progress, domain=domain, data=data,
            memory=memory, tm_threshold=tm_threshold, tm_exact=tm_exact,
        )
