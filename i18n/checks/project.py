"""`i18n check` as one call: the settings resolved by `config.check_settings` in, a report out."""
from __future__ import annotations

from pathlib import Path

from ..config import CheckSettings
from .runner import CheckReport, check_paths

__all__ = ["check_project", "unreadable_lines", "shown_path"]


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is inside."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def check_project(settings: CheckSettings) -> CheckReport:
    """Load the glossary (if any), check every PO file under the settings' paths, name the glossary."""
    glossary = None
    if settings.glossary is not None:
        from ..glossary.model import load_glossary

        glossary = load_glossary(settings.glossary)
    report = check_paths(settings.paths, glossary=glossary, select=settings.select, ignore=settings.ignore)
    report.glossary_note = (
        f"glossary {shown_path(settings.glossary)} ({len(glossary.terms)} concepts)"
        if glossary is not None and settings.glossary is not None
        else "no glossary: glossary checks not run"
    )
    return report


def unreadable_lines(report: CheckReport) -> list[str]:
    """One `error: path:line: message` line per PO file that could not be read."""
    return [
        f"error: {bad.path}:{bad.line}: {bad.message}" if bad.line else f"error: {bad.path}: {bad.message}"
        for bad in report.unreadable
    ]
