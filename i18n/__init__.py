"""i18n: news articles to reviewed translations.

The job: `translate_batch` (defaults resolved) or `translate_articles` (any engine); the
readers: `read_article`, `segment_article`; the engines: `Engine` (the contract),
`ModelEngine`, `Translation`, `ArgosEngine`, `TranslationCache`, `compose` (pivot and cache
around any engine); PO I/O: `read_po`, `write_po`; checks: `check_project`, `check_paths`.

The public API. Names are loaded on first use (PEP 562), so that `import i18n.errors`, the
CLI's start-up and `i18n check` pay only for the modules they touch; nothing here ever
imports the MT stack (ctranslate2, argostranslate.translate, stanza, torch): the engine
loads it when a model is first needed.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "Article": "model",
    "Finding": "model",
    "Paragraph": "model",
    "Segment": "model",
    "SetAside": "model",
    "Term": "model",
    "TermMatch": "model",
    "ArticleError": "errors",
    "GlossaryError": "errors",
    "I18nError": "errors",
    "InputError": "errors",
    "LanguageError": "errors",
    "MissingModelError": "errors",
    "ModelError": "errors",
    "PackageError": "errors",
    "POFileError": "errors",
    "SUPPORTED": "langs",
    "normalize_lang": "langs",
    "read_article": "article",
    "segment_article": "segment",
    "split_sentences": "segment",
    "Glossary": "glossary.model",
    "load_glossary": "glossary.model",
    "CheckReport": "checks.runner",
    "check_paths": "checks.runner",
    "CacheError": "errors",
    "ConfigError": "errors",
    "MissingExtraError": "errors",
    "ProtectionError": "errors",
    "translate_articles": "pipeline",
    "TranslateReport": "summary",
    "translate_batch": "batch",
    "read_po": "catalog.po",
    "write_po": "catalog.po",
    "Engine": "engines.base",
    "ModelEngine": "engines.base",
    "Translation": "engines.base",
    "ArgosEngine": "engines.argos",
    "compose": "engines.pivot",
    "TranslationCache": "engines.cache",
    "CheckSettings": "config",
    "check_settings": "config",
    "load_config": "config",
    "check_project": "checks.project",
}

__all__ = [
    "ArgosEngine",
    "Article",
    "ArticleError",
    "CacheError",
    "CheckReport",
    "CheckSettings",
    "ConfigError",
    "Engine",
    "ModelEngine",
    "Translation",
    "compose",
    "Finding",
    "Glossary",
    "GlossaryError",
    "I18nError",
    "InputError",
    "LanguageError",
    "MissingExtraError",
    "MissingModelError",
    "ModelError",
    "POFileError",
    "PackageError",
    "Paragraph",
    "ProtectionError",
    "SUPPORTED",
    "Segment",
    "SetAside",
    "Term",
    "TermMatch",
    "TranslateReport",
    "TranslationCache",
    "check_paths",
    "check_project",
    "check_settings",
    "load_config",
    "load_glossary",
    "normalize_lang",
    "read_article",
    "read_po",
    "segment_article",
    "split_sentences",
    "translate_articles",
    "translate_batch",
    "write_po",
]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'i18n' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .article import read_article
    from .batch import translate_batch
    from .catalog.po import read_po, write_po
    from .checks.project import check_project
    from .checks.runner import CheckReport, check_paths
    from .config import CheckSettings, check_settings, load_config
    from .engines.argos import ArgosEngine
    from .engines.base import Engine, ModelEngine, Translation
    from .engines.cache import TranslationCache
    from .engines.pivot import compose
    from .errors import (
        ArticleError,
        CacheError,
        ConfigError,
        GlossaryError,
        I18nError,
        InputError,
        LanguageError,
        MissingExtraError,
        MissingModelError,
        ModelError,
        PackageError,
        POFileError,
        ProtectionError,
    )
    from .glossary.model import Glossary, load_glossary
    from .langs import SUPPORTED, normalize_lang
    from .model import Article, Finding, Paragraph, Segment, SetAside, Term, TermMatch
    from .pipeline import translate_articles
    from .segment import segment_article, split_sentences
    from .summary import TranslateReport
