"""i18n: news articles to reviewed translations.

The public API. Importing this package is cheap: nothing here imports the MT stack
(ctranslate2, argostranslate.translate, stanza, torch); engines load it when a model is
first needed.
"""
from __future__ import annotations

from .article import read_article
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
from .langs import SUPPORTED, normalize_lang
from .glossary import Glossary, load_glossary
from .checks import CheckReport, check_paths
from .model import Article, Finding, Paragraph, Segment, SetAside, Term, TermMatch
from .segment import segment_article, split_sentences

__version__ = "0.1.0"

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
    "PackageError",
    "POFileError",
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
