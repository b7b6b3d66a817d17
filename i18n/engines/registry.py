"""Engines by name: the `i18n.engines` entry-point group, or an import string `package.module:attr`.

A registered name (this package registers `argos` and `ctranslate2` in its pyproject.toml, as
any plugin would) or an import string names a class or factory. It is called with keyword
options: `device`, `threads`, `beam_size`, `compute_type`, then the keys of the engine's own
table `[tool.i18n.engines.NAME]` (dashes as underscores). It returns an `Engine` (a `name`
and `translate_batch`) or a `ModelEngine`; `pivot.compose` adds the pivot and the cache.
A plugin that fails to load is one line naming it.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from ..errors import I18nError, PluginError, UsageError
from .base import Engine, ModelEngine

__all__ = ["GROUP", "BUILTIN", "DEFAULT_ENGINE", "EngineSettings", "EngineSpec", "EngineRecipe", "registered_engines",
           "find_engine", "load_factory", "build_engine", "parse_model_option"]

GROUP = "i18n.engines"
DEFAULT_ENGINE = "argos"
# The same entries as [project.entry-points."i18n.engines"] in pyproject.toml, so that a
# checkout run without installing (PYTHONPATH=.) knows its own engines (a test keeps them equal).
BUILTIN = {
    "argos": "i18n.engines.argos:create_engine",
    "ctranslate2": "i18n.engines.ct2:create_engine",
}


@dataclass(frozen=True)
class EngineSettings:
    """The options every engine factory is given (`--device`, `--threads`, ...)."""

    device: str = "cpu"
    threads: int = 2
    beam_size: int = 4
    compute_type: str = "auto"


@dataclass(frozen=True)
class EngineSpec:
    """A name and the import string it stands for, with where it was registered."""

    name: str
    target: str  # package.module:attr
    origin: str  # "built in", "entry point (<distribution>)", "import string"


def registered_engines() -> dict[str, EngineSpec]:
    """Every engine name known here: this package's, then those of installed plugins."""
    found = {name: EngineSpec(name, target, "built in") for name, target in BUILTIN.items()}
    for ep in entry_points(group=GROUP):
        if ep.name in found and found[ep.name].target == ep.value:
            continue  # this package's own registration, when it is installed
        dist = ep.dist.name if ep.dist is not None else "?"
        found[ep.name] = EngineSpec(ep.name, ep.value, f"entry point ({dist})")
    return dict(sorted(found.items()))


def find_engine(name: str) -> EngineSpec:
    """The spec for a registered name or an import string; PluginError naming the known ones."""
    if ":" in name:
        return EngineSpec(name, name, "import string")
    known = registered_engines()
    if name not in known:
        raise PluginError(
            f"unknown engine {name!r}: choose one of {', '.join(known)} (`i18n engines` lists them), "
            "or give an import string package.module:attr"
        )
    return known[name]


def load_factory(spec: EngineSpec) -> Callable[..., Any]:
    """Import the class or factory `spec` names; any failure is one PluginError line."""
    module_name, _, attr = spec.target.partition(":")
    try:
        value: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            value = getattr(value, part)
    except Exception as exc:  # a plugin may fail in any way: report it, naming the plugin
        raise PluginError(f"engine {spec.name!r} ({spec.target}) failed to load: {_one_line(exc)}") from None
    if not callable(value):
        raise PluginError(f"engine {spec.name!r} ({spec.target}) is not a class or a factory")
    return value


def build_engine(name: str, *, settings: EngineSettings | None = None,
                 options: Mapping[str, Any] | None = None) -> Engine | ModelEngine:
    """The engine `name` built with the settings and its own options (its config table)."""
    spec = find_engine(name)
    factory = load_factory(spec)
    settings = settings or EngineSettings()
    kwargs = {str(k).replace("-", "_"): v for k, v in (options or {}).items()}
    try:
        return factory(device=settings.device, threads=settings.threads, beam_size=settings.beam_size,
                       compute_type=settings.compute_type, **kwargs)
    except I18nError:
        raise
    except Exception as exc:  # a plugin's own failure, or options it does not take
        raise PluginError(f"engine {spec.name!r} ({spec.target}) failed to start: {_one_line(exc)}") from None


@dataclass(frozen=True)
class EngineRecipe:
    """How to build an engine: its name (or import string), the settings and its own options.

    Plain data that pickles, so that another process (a Ray worker) builds the same engine.
    """

    name: str
    settings: EngineSettings = EngineSettings()
    options: Mapping[str, Any] = field(default_factory=dict)

    def build(self) -> Engine | ModelEngine:
        """The engine, as `build_engine` makes it."""
        return build_engine(self.name, settings=self.settings, options=self.options)


def parse_model_option(values: list[str]) -> dict[str, str]:
    """`--model id-en=DIR` (repeatable) as {"id-en": "DIR"}."""
    out: dict[str, str] = {}
    for value in values:
        pair, sep, folder = value.partition("=")
        if not sep or not pair.strip() or not folder.strip():
            raise UsageError(f"--model {value!r}: write it as PAIR=DIR, e.g. --model id-en=models/opus-mt-id-en")
        out[pair.strip()] = folder.strip()
    return out


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
