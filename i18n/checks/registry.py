"""The one registry of `i18n check`: every check, with its scope, severity and title.

A check is a function registered with `@register(check_id, severity, scope)`; its title
is the first line of its docstring (as in translate-toolkit). The scope says what the
function reads, and so when the runner calls it:

- `pair`: a `Pair` (one source text and its translation) -> messages;
- `entry`: an `EntryView` (one PO entry, its forms, the file's nplurals) -> messages;
- `glossary`: a `TermView` (a pair with the glossary's verdict on it) -> messages;
- `file`: a `FileView` (the parsed file, its text, header, entries) -> `Located` problems;
- `project`: the reviewed entries of every file -> `Finding`s (with what silenced them).

A message is a human sentence, or a `Problem` when it carries more (the glossary concept).
The declared severity is what a reviewed entry gets; a fuzzy (machine) entry gets one level
less unless the check says `fuzzy_too` (msgfmt rejects the file either way). An `always`
check is not switched off by --select/--ignore (a file that cannot be read cannot pass).

Where a check also looks at a second level (Plural-Forms: the header and each plural
entry), `also(check_id, scope)` adds a second function under the same id.

The built-in checks live in `pair` (pair checks), `markup` (inline tags), `validity` (what `msgfmt -c` rejects),
`catalog` (untranslated entries, consistency across files) and `glossary`; `all_checks()`
loads them in that order, which is the order `--list-checks` prints.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..model import SEVERITIES

__all__ = [
    "Check",
    "CHECKS",
    "SCOPES",
    "BUILTIN_MODULES",
    "Problem",
    "Located",
    "EntryView",
    "FileView",
    "Reviewed",
    "register",
    "also",
    "all_checks",
    "format_checks",
    "functions",
    "lower_severity",
]

SCOPES = ("pair", "entry", "glossary", "file", "project")
# The modules that register the built-in checks, in --list-checks order. A new module of
# checks is added here (and imported nowhere else).
BUILTIN_MODULES = ("pair", "markup", "validity", "catalog", "glossary")


@dataclass(frozen=True)
class Check:
    """A registered check: id, title (first docstring line), declared severity and scope."""

    id: str
    title: str
    severity: str
    scope: str  # one of SCOPES
    func: Callable | None = None
    fuzzy_too: bool = False  # keep the severity on fuzzy entries
    always: bool = False  # not switched off by --select / --ignore


class Problem(NamedTuple):
    """A message with the glossary concept it is about (JSON findings carry it)."""

    message: str
    concept: str = ""


class Located(NamedTuple):
    """A file-scope problem: its line, message, and a severity when not the declared one."""

    line: int
    message: str
    severity: str | None = None


@dataclass
class EntryView:
    """What an entry-scope check reads: the PO entry, its (source, translation) pairs."""

    entry: Any  # a polib.POEntry
    pairs: list[tuple[str, str]]  # one per form: (msgid or msgid_plural, msgstr[n])
    forms: list[str] | None  # msgstr[n] of a plural entry, None for a singular one
    nplurals: int | None  # the header's, None when it has none
    duplicate_of: int | None = None  # the line of an earlier entry with the same key


@dataclass
class FileView:
    """What a file-scope check reads: the parsed file, its text, header and live entries."""

    path: Path
    po: Any  # a polib.POFile
    text: str
    entries: list  # the entries that are not obsolete
    target: str | None  # the target language, when known
    charset_problems: list[Located] = field(default_factory=list)  # found while decoding


class Reviewed(NamedTuple):
    """A reviewed entry as project-scope checks see it (sent back by forked workers)."""

    key: tuple  # (target language, msgctxt, msgid)
    path: str
    line: int
    forms: tuple[str, ...]  # the translation, one item per plural form
    silenced: tuple[str, ...]  # the ids its `i18n-ignore` comment names


CHECKS: dict[str, Check] = {}
_FUNCTIONS: dict[str, list[tuple[str, Callable]]] = {scope: [] for scope in SCOPES}


def register(check_id: str, severity: str, scope: str = "pair", *, fuzzy_too: bool = False, always: bool = False):
    """Decorator: register `func` as the check `check_id` of `scope`."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose one of {', '.join(SCOPES)}")

    def deco(func):
        title = (func.__doc__ or check_id).strip().splitlines()[0].rstrip(".")
        if check_id in CHECKS:
            raise ValueError(f"check {check_id!r} is registered twice")
        CHECKS[check_id] = Check(check_id, title, severity, scope, func, fuzzy_too, always)
        _FUNCTIONS[scope].append((check_id, func))
        return func

    return deco


def also(check_id: str, scope: str):
    """Decorator: a second function of a registered check, at another scope."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose one of {', '.join(SCOPES)}")

    def deco(func):
        if check_id not in CHECKS:
            raise ValueError(f"register {check_id!r} before adding to it")
        _FUNCTIONS[scope].append((check_id, func))
        return func

    return deco


def format_checks() -> str:
    """`i18n check --list-checks`: id, severity and title of every check, one a line."""
    return "".join(f"{c.id:20} {c.severity:8} {c.title}\n" for c in all_checks().values())


def all_checks() -> dict[str, Check]:
    """Every check, the built-in modules loaded: id -> Check, in --list-checks order."""
    for name in BUILTIN_MODULES:
        importlib.import_module(f"{__package__}.{name}")
    modules = [f"{__package__}.{name}" for name in BUILTIN_MODULES]

    def rank(check: Check) -> int:  # whatever order the modules were imported in
        module = getattr(check.func, "__module__", "")
        return modules.index(module) if module in modules else len(modules)

    ordered = sorted(CHECKS.values(), key=rank)  # stable: registration order within a module
    CHECKS.clear()
    CHECKS.update((c.id, c) for c in ordered)
    return CHECKS


def functions(scope: str, enabled) -> list[tuple[str, Callable]]:
    """(check id, function) of `scope` whose id is in `enabled`, in registry order."""
    return [(check_id, func) for check_id, func in _FUNCTIONS[scope] if check_id in enabled]


def lower_severity(severity: str) -> str:
    """One level less: error -> warning -> info."""
    return SEVERITIES[max(SEVERITIES.index(severity) - 1, 0)]
