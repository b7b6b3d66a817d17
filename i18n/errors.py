"""One exception family: every failure the toolkit reports to a user is an I18nError.

Each message says what went wrong, where (file:line or byte offset) and what to do next,
so the CLI can print it as one line without a traceback.
"""
from __future__ import annotations

from pathlib import Path

__all__ = [
    "I18nError",
    "InputError",
    "ArticleError",
    "LanguageError",
    "GlossaryError",
    "POFileError",
    "ModelError",
    "MissingModelError",
    "PluginError",
    "ExecutorError",
    "PackageError",
    "ConfigError",
    "MissingExtraError",
    "CacheError",
    "ProtectionError",
    "UsageError",
]


class I18nError(Exception):
    """Base class of every error the toolkit raises on purpose."""

    exit_code = 1


class InputError(I18nError):
    """A file the user gave cannot be used (unreadable, wrong encoding, wrong kind)."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None):
        self.path = Path(path)
        self.line = line
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.message = message


class ArticleError(InputError):
    """A source article cannot be read (bad UTF-8, binary, empty)."""


class LanguageError(I18nError, ValueError):
    """An unknown or unsupported language code."""


class GlossaryError(I18nError):
    """A glossary has problems; `problems` lists every one of them."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class POFileError(InputError):
    """A PO file cannot be parsed or written."""


class ModelError(I18nError):
    """A translation model cannot be loaded or run."""


class MissingModelError(ModelError):
    """No installed model covers a language pair."""


class PluginError(I18nError):
    """An engine named by `--engine` or `[tool.i18n] engine` is unknown or fails to load."""


class ExecutorError(I18nError):
    """The executor that runs the model (`--executor ray`) cannot start, or lost its workers."""


class PackageError(I18nError):
    """An Argos package archive is malformed or unsafe."""


class ConfigError(InputError):
    """A configuration problem: a bad `[tool.i18n]` table or an unknown check id."""


class MissingExtraError(I18nError):
    """A command needs an optional part of the install (a pip extra) that is not there."""


class CacheError(I18nError):
    """The translation cache file cannot be opened or written."""


class ProtectionError(I18nError, ValueError):
    """Spans to protect are out of range, overlap, or the strategy is unknown."""


class UsageError(I18nError):
    """The command line asks for something that cannot be done as given (exit 2, like click)."""

    exit_code = 2
