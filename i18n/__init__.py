"""i18n: news articles to reviewed translations.

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
}

__all__ = [
    "Article",
    "ArticleError",
    "CheckReport",
    "Finding",
    "Glossary",
    "GlossaryError",
    "I18nError",
    "InputError",
    "LanguageError",
    "MissingModelError",
    "ModelError",
    "POFileError",
    "PackageError",
    "Paragraph",
    "SUPPORTED",
    "Segment",
    "SetAside",
    "Term",
    "TermMatch",
    "check_paths",
    "load_glossary",
    "normalize_lang",
    "read_article",
    "segment_article",
    "split_sentences",
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
    from .checks.runner import CheckReport, check_paths
    from .errors import (
        ArticleError,
        GlossaryError,
        I18nError,
        InputError,
        LanguageError,
        MissingModelError,
        ModelError,
        PackageError,
        POFileError,
    )
    from .glossary.model import Glossary, load_glossary
    from .langs import SUPPORTED, normalize_lang
    from .model import Article, Finding, Paragraph, Segment, SetAside, Term, TermMatch
    from .segment import segment_article, split_sentences
