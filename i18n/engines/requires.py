"""The MT stack is an optional extra: `pip install "i18n-newsroom[mt]"`; so is Ray (`[ray]`).

The light install (check, glossary, stats, apply, compile, extract, segment) has no
argostranslate, ctranslate2 or sentencepiece; `translate` and `models` call `require_mt`
first, so a light install answers them with one line naming the extra, not a traceback.
"""
from __future__ import annotations

import importlib.util

from ..errors import MissingExtraError

__all__ = ["MT_PACKAGES", "require_mt", "require_ray"]

MT_PACKAGES = ("argostranslate", "ctranslate2", "sentencepiece")


def require_mt(command: str) -> None:
    """Raise MissingExtraError naming the `mt` extra when a package of the MT stack is missing.

    Only looks the packages up (importlib.util.find_spec): nothing heavy is imported.
    """
    missing = [name for name in MT_PACKAGES if not _importable(name)]
    if missing:
        raise MissingExtraError(
            f"`i18n {command}` needs the machine-translation extra ({', '.join(missing)} not "
            'installed): pip install "i18n-newsroom[mt]"'
        )


def require_ray() -> None:
    """Raise MissingExtraError naming the `ray` extra when Ray (with Ray Data) is not installed."""
    if not _importable("ray"):
        raise MissingExtraError(
            '`--executor ray` needs the Ray extra (ray not installed): pip install "i18n-newsroom[ray]"'
        )


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
