"""Project settings: the `[tool.i18n]` table of pyproject.toml, merged with the options given.

Keys (each optional): `paths` (list), `glossary`, `format` (text | json | github),
`fail-on` (error | warning | never), `select` and `ignore` (lists of check ids, or one
comma-separated string). A `[tool.i18n.check]` table overrides `[tool.i18n]`. For
`i18n translate`: `engine` (a registered name or `package.module:attr`) and one table per
engine, `[tool.i18n.engines.NAME]` (the ctranslate2 engine's `models` folders are taken from
the pyproject's folder). Relative
paths are taken from the pyproject's folder. `data` names the project's language-data folder
(same layout as `i18n/data/`), read by every command that reads articles (`project_data`).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

__all__ = ["load_config", "project_data", "engine_config", "EngineConfig", "CONFIG_KEYS", "ENGINE_KEYS", "KNOWN_KEYS", "FORMATS", "FAIL_ON", "check_glossary",
           "translate_glossary", "CheckSettings", "check_settings"]

FORMATS = ("text", "json", "github")
FAIL_ON = ("error", "warning", "never")
CONFIG_KEYS = ("paths", "glossary", "format", "fail-on", "select", "ignore")
# Every key `[tool.i18n]` may hold, in one place: a key outside this list is a typo (or a
# setting of a newer version) and is refused, so that `glosary = ...` cannot pass silently.
ENGINE_KEYS = ("engine", "engines")  # `i18n translate`: the engine's name, each engine's own table
KNOWN_KEYS = (*CONFIG_KEYS, "check", "data", *ENGINE_KEYS)


def load_config(start: Path) -> tuple[dict, Path | None]:
    """`[tool.i18n]` of the pyproject.toml in `start` or its nearest parent holding one.

    Returns (settings, pyproject path); paths in the settings are resolved against the
    pyproject's folder. No pyproject, or one without the table, gives ({}, path or None).
    """
    start = Path(start).resolve()
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return _read_config(candidate), candidate
    return {}, None


def project_data(start: Path) -> Path | None:
    """The project's language-data folder: `[tool.i18n] data` of the nearest pyproject.toml.

    None when no pyproject sets it; a folder that does not exist is an error naming the line.
    """
    start = Path(start).resolve()
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            value = _read_table(candidate).get("data")
            if value is None:
                return None
            if not isinstance(value, str):
                raise ConfigError(candidate, "[tool.i18n] data must be a string (a folder)", line=_key_line(candidate, "data"))
            data = candidate.parent / value
            if not data.is_dir():
                raise ConfigError(
                    candidate,
                    f"[tool.i18n] data = {value!r}: no such folder ({data}); create it with the layout of "
                    "i18n/data/ (boilerplate/<lang>.txt, abbreviations/<lang>.txt, starters/<lang>.txt)",
                    line=_key_line(candidate, "data"),
                )
            return data
    return None


def _read_table(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(path, f"not valid TOML: {exc}", line=int(m.group(1)) if m else None) from None
    table = data.get("tool", {}).get("i18n", {})
    return table if isinstance(table, dict) else {}


def _read_config(path: Path) -> dict:
    table = _read_table(path)
    _refuse_unknown_keys(path, "[tool.i18n]", table, KNOWN_KEYS)
    settings = {k: v for k, v in table.items() if k in CONFIG_KEYS}
    if isinstance(table.get("check"), dict):  # [tool.i18n.check] overrides [tool.i18n]
        _refuse_unknown_keys(path, "[tool.i18n.check]", table["check"], CONFIG_KEYS)
        settings.update({k: v for k, v in table["check"].items() if k in CONFIG_KEYS})
    out: dict = {}
    for key, value in settings.items():
        if key in ("paths", "select", "ignore"):
            if isinstance(value, str):
                value = [v for v in re.split(r"[\s,]+", value) if v]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(path, f"[tool.i18n] {key} must be a list of strings")
            out[key] = [str(path.parent / v) for v in value] if key == "paths" else value
        elif not isinstance(value, str):
            raise ConfigError(path, f"[tool.i18n] {key} must be a string")
        elif key == "glossary":
            out[key] = str(path.parent / value)
        else:
            choices = FORMATS if key == "format" else FAIL_ON
            if value not in choices:
                raise ConfigError(path, f"[tool.i18n] {key} = {value!r}: choose one of {', '.join(choices)}")
            out[key] = value
    return out


def _refuse_unknown_keys(path: Path, table_name: str, table: dict, known: tuple[str, ...]) -> None:
    unknown = [key for key in table if key not in known]
    if unknown:
        raise ConfigError(
            path,
            f"{table_name} has an unknown key {unknown[0]!r}; the known keys are {', '.join(known)}",
            line=_key_line(path, unknown[0]),
        )


def _key_line(path: Path, key: str) -> int | None:
    """The 1-based line where `key = ...` is set in the file, for the error message."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), None)


def check_glossary(glossary: Path | None, config: dict, no_glossary: bool, cwd: Path | None = None) -> Path | None:
    """The glossary `i18n check` uses: --glossary, else [tool.i18n] glossary, else `glossary/`
    when it exists (as for `i18n translate`); `no_glossary` wins (None: no glossary checks)."""
    if no_glossary:
        return None
    if glossary is None and "glossary" in config:
        glossary = Path(config["glossary"])
    return translate_glossary(glossary, False, cwd)


def translate_glossary(glossary: Path | None, no_glossary: bool, cwd: Path | None = None) -> Path | None:
    """The glossary `i18n translate` uses: the one given, else `glossary/` when it exists.

    `no_glossary` wins over both (None: translate without a glossary).
    """
    if no_glossary:
        return None
    if glossary is not None:
        return glossary
    default = Path("glossary")
    return default if (Path(cwd or ".") / default).is_dir() else None


def _split_ids(values: Sequence[str]) -> list[str]:
    return [part for value in values for part in value.replace(",", " ").split() if part]


@dataclass(frozen=True)
class CheckSettings:
    """What `i18n check` runs with: the command line over `[tool.i18n]` over the defaults."""

    paths: list[Path]
    glossary: Path | None
    fmt: str = "text"
    fail_on: str = "error"
    select: list[str] | None = None
    ignore: list[str] | None = None


def check_settings(
    cwd: Path,
    *,
    paths: Sequence[Path] = (),
    glossary: Path | None = None,
    no_glossary: bool = False,
    fmt: str | None = None,
    fail_on: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    isolated: bool = False,
) -> CheckSettings:
    """Merge the options given (None or empty: not given) with `[tool.i18n]` found from `cwd`.

    `isolated` ignores the pyproject.toml; an empty `select`/`ignore` falls back to the config.
    Each `select`/`ignore` value may hold several ids, separated by commas or spaces.
    """
    config = {} if isolated else load_config(cwd)[0]
    select, ignore = _split_ids(select), _split_ids(ignore)
    return CheckSettings(
        paths=list(paths) or [Path(p) for p in config.get("paths", ["locales"])],
        glossary=check_glossary(glossary, config, no_glossary),
        fmt=fmt or config.get("format", "text"),
        fail_on=fail_on or config.get("fail-on", "error"),
        select=list(select) or config.get("select"),
        ignore=list(ignore) or config.get("ignore"),
    )


@dataclass(frozen=True)
class EngineConfig:
    """`[tool.i18n] engine` and the `[tool.i18n.engines.NAME]` tables of the nearest pyproject."""

    engine: str | None = None
    tables: dict[str, dict] = field(default_factory=dict)


def engine_config(start: Path) -> EngineConfig:
    """The engine settings of the nearest pyproject.toml from `start` (none: EngineConfig())."""
    start = Path(start).resolve()
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return _engine_config(candidate, _read_table(candidate))
    return EngineConfig()


def _engine_config(path: Path, table: dict) -> EngineConfig:
    engine = table.get("engine")
    if engine is not None and (not isinstance(engine, str) or not engine):
        raise ConfigError(path, "[tool.i18n] engine must be a string: an engine name or package.module:attr",
                          line=_key_line(path, "engine"))
    tables = table.get("engines", {})
    if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
        raise ConfigError(path, "[tool.i18n.engines] must hold one table per engine: [tool.i18n.engines.NAME]")
    tables = {name: dict(values) for name, values in tables.items()}
    models = tables.get("ctranslate2", {}).get("models")
    if models is not None:
        if not isinstance(models, dict):
            raise ConfigError(path, '[tool.i18n.engines.ctranslate2] models must be a table: { "id-en" = "DIR" }',
                              line=_key_line(path, "models"))
        tables["ctranslate2"]["models"] = {pair: _model_path(path.parent, v) for pair, v in models.items()}
    return EngineConfig(engine, tables)


def _model_path(root: Path, value):
    """A model folder (or a {path = ...} table) taken from the pyproject's folder."""
    if isinstance(value, str):
        return str(root / value)
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        return {**value, "path": str(root / value["path"])}
    return value  # the engine says what is wrong with it
