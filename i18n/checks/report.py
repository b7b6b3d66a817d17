"""`i18n check` output: text for people, JSON for tools, GitHub workflow annotations.

Every format lists the findings sorted (path, line, check, message), so the same input
prints the same bytes.
"""
from __future__ import annotations

import json

from ..config import FORMATS
from ..counts import counted
from ..model import Finding
from .runner import CheckReport

__all__ = ["format_text", "format_json", "format_github", "format_report", "summary_line"]

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def summary_line(report: CheckReport) -> str:
    """One line: counts by severity, what was read, what `i18n-ignore` silenced."""
    counts = [
        counted(report.count("error"), "error"),
        counted(report.count("warning"), "warning"),
        f"{report.count('info')} info",
    ]
    found = ", ".join(counts) if report.findings else "no findings"
    entries = counted(report.entries, "entry", "entries")
    line = f"{found} in {counted(report.files, 'file')} ({entries})"
    if report.ignored:
        line += f"; {counted(report.ignored, 'finding')} silenced by i18n-ignore comments"
    if report.glossary_note:
        line += f"; {report.glossary_note}"
    return line


def format_text(report: CheckReport, *, summary: bool = True) -> str:
    """`path:line: severity check-id: message` lines, then the summary line (unless not `summary`)."""
    lines = [f"{f.path}:{f.line}: {f.severity} {f.check}: {f.message}" for f in sorted(report.findings)]
    return _lines(lines, report, summary)


def _lines(lines: list[str], report: CheckReport, summary: bool) -> str:
    if summary:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


def format_json(report: CheckReport) -> str:
    """A JSON list of findings: path, line, severity, check, message, msgid."""
    return json.dumps([f.to_dict() for f in sorted(report.findings)], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """One workflow command: `::error file=...,line=...,title=...::message`."""
    level = _GITHUB_LEVEL[finding.severity]
    props = f"file={_escape_property(finding.path)}"
    if finding.line:
        props += f",line={finding.line}"
    props += f",title={_escape_property(finding.check)}"
    return f"::{level} {props}::{_escape_data(finding.message)}"


def format_github(report: CheckReport, *, summary: bool = True) -> str:
    """GitHub Actions annotations, one per finding, then the summary line (unless not `summary`)."""
    return _lines([github_annotation(f) for f in sorted(report.findings)], report, summary)


def format_report(report: CheckReport, fmt: str, *, summary: bool = True) -> str:
    """The report in `fmt` (text, json or github); `summary=False` leaves out the summary line."""
    if fmt == "json":
        return format_json(report)
    if fmt == "github":
        return format_github(report, summary=summary)
    if fmt == "text":
        return format_text(report, summary=summary)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
