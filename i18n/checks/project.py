"""`i18n check` as one call: the settings resolved by `config.check_settings` in, a report out."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import CheckSettings
from ..counts import counted
from .report import format_report, summary_line
from .runner import CheckReport, check_paths

__all__ = ["check_project", "check_outcome", "CheckOutcome", "unreadable_lines", "shown_path"]


@dataclass
class CheckOutcome:
    """What `i18n check` prints and its exit status: 0 clean, 1 findings at --fail-on, 2 bad input."""

    output: str
    messages: list[str] = field(default_factory=list)  # for stderr
    exit_code: int = 0


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
    report.glossary_note = "no glossary: glossary checks not run"
    if glossary is not None and settings.glossary is not None:
        shown = shown_path(settings.glossary) + ("/" if Path(settings.glossary).is_dir() else "")
        report.glossary_note = f"glossary {shown} ({counted(len(glossary.terms), 'concept')})"
    return report


def check_outcome(report: CheckReport, settings: CheckSettings, *, quiet: bool = False) -> CheckOutcome:
    """The report in the settings' format, the stderr lines and the exit status.

    JSON keeps stdout machine-readable: its summary line goes to stderr. A PO file that could
    not be read is bad input: reported with the findings, and exit 2 whatever --fail-on says.
    """
    outcome = CheckOutcome(format_report(report, settings.fmt, summary=not quiet))
    if settings.fmt == "json" and not quiet:
        outcome.messages.append(summary_line(report))
    if report.unreadable:
        outcome.messages += unreadable_lines(report)
        outcome.exit_code = 2
    elif report.fails(settings.fail_on):
        outcome.exit_code = 1
    return outcome


def unreadable_lines(report: CheckReport) -> list[str]:
    """One `error: path:line: message` line per PO file that could not be read."""
    return [
        f"error: {bad.path}:{bad.line}: {bad.message}" if bad.line else f"error: {bad.path}: {bad.message}"
        for bad in report.unreadable
    ]
