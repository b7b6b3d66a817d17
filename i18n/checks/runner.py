"""`i18n check`: glossary consistency, QA and PO validity over PO files, as findings.

`check_paths(paths, glossary=...)` reads every PO file under `paths`, runs the enabled
checks on each entry and across files, and returns a `CheckReport`. Nothing is raised for a
problem in a translation (findings are data); unreadable files and a bad configuration
raise I18nError subclasses.

Severity follows review state: the severity a check declares is what a reviewed entry
(non-empty msgstr, not fuzzy) gets; a fuzzy (machine) entry gets one level less; an
untranslated entry gets a single `untranslated` finding of severity info (an ordinary state
of a catalog waiting for its translator, not a defect). PO validity findings are errors
exactly where `msgfmt -c` rejects the file; header fields msgfmt only warns about are
warnings. A translator comment `# i18n-ignore: check-id[, check-id]` silences checks for one
entry; the report counts what it silenced.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.layout import find_po_files
from ..catalog.states import active_entries, is_fuzzy
from ..errors import ConfigError, InputError, LanguageError
from ..langs import SUPPORTED, lang_from_path, normalize_lang
from ..model import SEVERITIES, Finding
from .glossary import TermView
from .pair import Pair
from .registry import EntryView, FileView, Problem, Reviewed, all_checks, functions, lower_severity
from .validity import decode_po

__all__ = [
    "CheckReport",
    "check_paths",
    "check_file",
    "resolve_checks",
    "ignored_checks",
]

_IGNORE = re.compile(r"i18n-ignore:\s*([\w\-, ]+)")
CHECKS = all_checks()


@dataclass
class CheckReport:
    """What `check_paths` found: findings (sorted), how many were silenced, what was read."""

    findings: list[Finding] = field(default_factory=list)
    ignored: int = 0
    files: int = 0
    entries: int = 0
    glossary_note: str | None = None  # which glossary was used, for the summary line
    unreadable: list[Finding] = field(default_factory=list)  # PO files that could not be read

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        """True when a finding is at or above `fail_on` (`never` never fails)."""
        if fail_on == "never":
            return False
        floor = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) >= floor for f in self.findings)


def _matches(pattern: str, check_id: str) -> bool:
    return check_id == pattern or check_id.startswith(pattern + "-") or pattern in ("all", "*")


def resolve_checks(select: list[str] | None = None, ignore: list[str] | None = None) -> list[str]:
    """The enabled check ids: `select` (default all) minus `ignore`; a pattern `glossary` means
    every `glossary-*` check. An unknown id raises ConfigError."""
    for pattern in list(select or []) + list(ignore or []):
        if not any(_matches(pattern, c) for c in CHECKS):
            raise ConfigError(
                "--select/--ignore", f"unknown check id {pattern!r}; known: {', '.join(CHECKS)}"
            )
    enabled = [c for c in CHECKS if not select or any(_matches(p, c) for p in select)]
    return [c for c in enabled if not any(_matches(p, c) for p in ignore or [])]


def ignored_checks(tcomment: str) -> list[str]:
    """The check ids an entry's translator comment silences (`i18n-ignore: numbers, quotes`)."""
    out: list[str] = []
    for m in _IGNORE.finditer(tcomment or ""):
        out += [p for p in re.split(r"[\s,]+", m.group(1)) if p]
    return out


def _lang(value: str | None) -> str | None:
    try:
        return normalize_lang(value) if value else None
    except LanguageError:
        return None


class _FileRun:
    """The checks of one PO file; collects findings, silenced counts and reviewed entries."""

    def __init__(self, path: Path, enabled: list[str], glossary):
        self.path = path
        self.name = path.as_posix()
        self.enabled = set(enabled)
        self.pair_checks = functions("pair", self.enabled)
        self.entry_checks = functions("entry", self.enabled)
        self.glossary_checks = functions("glossary", self.enabled) if glossary is not None else []
        self.glossary = glossary
        self.findings: list[Finding] = []
        self.ignored = 0
        self.entries = 0
        self.reviewed: list[Reviewed] = []

    def add(self, line: int, check: str, severity: str, problem, msgid: str = "", silenced=()) -> None:
        if check not in self.enabled:
            return
        if any(_matches(p, check) for p in silenced):
            self.ignored += 1
            return
        message, concept = (problem, "") if isinstance(problem, str) else problem
        self.findings.append(Finding(self.name, line, check, severity, message, msgid, concept))

    def run(self) -> None:
        po, text, charset_problems = decode_po(self.path)
        meta = po.metadata
        # Unsupported languages keep their code: QA checks still run, glossary checks do not.
        raw_source = (meta.get("X-Source-Language") or "en").strip().lower()
        source = _lang(raw_source) or raw_source
        raw_target = (meta.get("Language") or "").strip().lower() or None
        target = _lang(raw_target) or lang_from_path(self.path) or raw_target
        entries = active_entries(po)
        file = FileView(self.path, po, text, entries, target, charset_problems)
        for check_id, func in functions("file", self.enabled):
            for problem in func(file):
                self.add(problem.line, check_id, problem.severity or CHECKS[check_id].severity, problem.message)
        if not (target in SUPPORTED and source in SUPPORTED):
            self.glossary_checks = []
        nplurals = _nplurals(meta.get("Plural-Forms", ""))
        seen: dict[tuple, int] = {}
        for entry in entries:
            self.check_entry(entry, source, target, nplurals, seen)

    def check_entry(self, entry, source: str, target: str | None, nplurals: int | None, seen: dict) -> None:
        """Every enabled check of the registry on one entry: entry, pair and glossary scope."""
        self.entries += 1
        line, msgid = entry.linenum, entry.msgid
        key = (entry.msgctxt, msgid)
        duplicate_of = seen.get(key)
        seen.setdefault(key, line)
        forms = None
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            pairs = [(msgid if k == 0 else entry.msgid_plural, t) for k, t in enumerate(forms)]
        else:
            pairs = [(msgid, entry.msgstr)]
        results: dict[tuple[str, str | Problem], None] = {}  # (check, message), in order, no repeats
        view = EntryView(entry, pairs, forms, nplurals, duplicate_of)
        for check_id, func in self.entry_checks:
            for m in func(view):  # most checks find nothing: no generator or dict built then
                results[(check_id, m)] = None
        flags = frozenset(entry.flags)
        for src_text, tgt_text in pairs:
            if not tgt_text:
                continue
            pair = Pair(src_text, tgt_text, source, target or "", flags)
            for check_id, func in self.pair_checks:
                for m in func(pair):
                    results[(check_id, m)] = None
            if self.glossary_checks:
                term_view = TermView(pair, self.glossary)
                for check_id, func in self.glossary_checks:
                    for m in func(term_view):
                        results[(check_id, m)] = None
        self.report_entry(entry, results, pairs, target)

    def report_entry(self, entry, results: dict, pairs: list[tuple[str, str]], target: str | None) -> None:
        silenced = ignored_checks(entry.tcomment)
        fuzzy = is_fuzzy(entry)
        for check_id, message in results:
            check = CHECKS[check_id]
            severity = lower_severity(check.severity) if fuzzy and not check.fuzzy_too else check.severity
            self.add(entry.linenum, check_id, severity, message, entry.msgid, silenced)
        if not fuzzy and all(t for _, t in pairs):
            translation = tuple(t for _, t in pairs)
            key = (target, entry.msgctxt, entry.msgid)
            self.reviewed.append(Reviewed(key, self.name, entry.linenum, translation, tuple(silenced)))


def _nplurals(value: str) -> int | None:
    m = re.search(r"nplurals\s*=\s*(\d+)", value or "")
    return int(m.group(1)) if m else None


def check_file(path: Path, *, glossary=None, enabled: list[str] | None = None) -> CheckReport:
    """Check one PO file (no cross-file consistency)."""
    run = _FileRun(Path(path), enabled if enabled is not None else resolve_checks(), glossary)
    run.run()
    return CheckReport(sorted(run.findings), run.ignored, 1, run.entries)


def check_paths(
    paths: list[Path],
    *,
    glossary=None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    jobs: int | None = None,
) -> CheckReport:
    """Check every PO file under `paths` with the enabled checks; findings sorted.

    `jobs` worker processes share the files (default: one per CPU for large runs; 1 runs
    everything in this process). Workers are forked after the first file, so they inherit
    the glossary's matchers and the lemma caches already built.
    """
    enabled = resolve_checks(select, ignore)
    files = find_po_files(paths)
    if not files:
        named = ", ".join(Path(p).as_posix() for p in paths)
        raise InputError(named, "holds no PO files (*.po): nothing to check; give the locales folder or the PO files")
    report = CheckReport(files=len(files))
    reviewed: list[tuple] = []
    if jobs is None:
        jobs = min(_cpu_count(), len(files) // PARALLEL_MIN_FILES)
    for result in _run_files(files, enabled, glossary, jobs):
        if result[0] == "error":  # a file that does not parse: one finding, the others still run
            _, _kind, path, message, line = result
            finding = Finding(Path(path).as_posix(), line or 0, UNREADABLE, "error", message)
            report.unreadable.append(finding)
            report.findings.append(finding)
            continue
        findings, ignored, entries, file_reviewed = result
        report.findings += findings
        report.ignored += ignored
        report.entries += entries
        reviewed += file_reviewed
    for check_id, func in functions("project", set(enabled)):
        for finding, silenced in func(reviewed):
            if any(_matches(p, check_id) for p in silenced):
                report.ignored += 1
            else:
                report.findings.append(finding)
    report.findings.sort()
    return report


# The finding for a PO file that cannot be read (not a check: it cannot be selected away).
UNREADABLE = "po-unreadable"
PARALLEL_MIN_FILES = 8  # below this many files per worker, forking costs more than it saves
_SHARED: dict = {}  # what forked workers read: the enabled checks and the glossary


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _check_one(path: Path) -> tuple:
    run = _FileRun(path, _SHARED["enabled"], _SHARED["glossary"])
    try:
        run.run()
    except InputError as exc:  # exceptions with extra arguments do not pickle: send the parts
        return ("error", type(exc).__name__, str(exc.path), exc.message, exc.line)
    return run.findings, run.ignored, run.entries, run.reviewed


def _run_files(files: list[Path], enabled: list[str], glossary, jobs: int):
    import multiprocessing

    _SHARED.update(enabled=enabled, glossary=glossary)
    try:
        methods = multiprocessing.get_all_start_methods()
        if jobs < 2 or len(files) < 2 or "fork" not in methods:
            results: Iterable[tuple] = map(_check_one, files)
            pool = None
        else:
            yield _raise_or_pass(_check_one(files[0]))
            pool = multiprocessing.get_context("fork").Pool(jobs)
            # Small chunks: the last one to finish leaves the other workers idle (a file's
            # findings and reviewed entries go back on their own either way).
            chunk = max(1, len(files) // (jobs * 16))
            results = pool.imap(_check_one, files[1:], chunksize=chunk)
        try:
            for result in results:
                yield _raise_or_pass(result)
        finally:
            if pool is not None:
                pool.terminate()
    finally:
        _SHARED.clear()


def _raise_or_pass(result: tuple) -> tuple:
    return result  # an unreadable file comes back as ("error", kind, path, message, line)
