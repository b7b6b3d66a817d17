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
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.po import find_po_files
from ..errors import ConfigError, InputError, LanguageError
from ..langs import SUPPORTED, lang_from_path, normalize_lang
from ..model import SEVERITIES, Finding
from .pair import CHECKS, Pair, declare, lower_severity, run_pair_checks
from .validity import check_header, check_newlines, check_plural_entry, decode_po

__all__ = [
    "CheckReport",
    "check_paths",
    "check_file",
    "resolve_checks",
    "find_po_files",
    "ignored_checks",
]

_IGNORE = re.compile(r"i18n-ignore:\s*([\w\-, ]+)")


declare("untranslated", "info", "entry", "Entry not translated yet")
declare("inconsistent", "warning", "project", "Same source sentence translated differently in reviewed entries")
declare("glossary-missing", "error", "glossary", "Glossary term translated with its glossary form")
declare("glossary-variant", "error", "glossary", "Name not spelled by a variant the glossary does not list")
declare("glossary-dnt", "error", "glossary", "Do-not-translate term kept unchanged")
declare("glossary-forbidden", "error", "glossary", "No forbidden form used")


@dataclass
class CheckReport:
    """What `check_paths` found: findings (sorted), how many were silenced, what was read."""

    findings: list[Finding] = field(default_factory=list)
    ignored: int = 0
    files: int = 0
    entries: int = 0

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
        self.pair_checks = [c for c in enabled if CHECKS[c].scope == "pair"]
        self.glossary = glossary if any(CHECKS[c].scope == "glossary" for c in enabled) else None
        self.findings: list[Finding] = []
        self.ignored = 0
        self.entries = 0
        self.reviewed: list[tuple] = []  # (key, path, line, msgstr, silenced ids)

    def add(self, line: int, check: str, severity: str, message: str, msgid: str = "", silenced=()) -> None:
        if check not in self.enabled:
            return
        if any(_matches(p, check) for p in silenced):
            self.ignored += 1
            return
        self.findings.append(Finding(self.name, line, check, severity, message, msgid))

    def run(self) -> None:
        po, text, problems = decode_po(self.path)
        for line, check, severity, message in problems:
            self.add(line, check, severity, message)
        meta = po.metadata
        # Unsupported languages keep their code: QA checks still run, glossary checks do not.
        raw_source = (meta.get("X-Source-Language") or "en").strip().lower()
        source = _lang(raw_source) or raw_source
        raw_target = (meta.get("Language") or "").strip().lower() or None
        target = _lang(raw_target) or lang_from_path(self.path) or raw_target
        entries = [e for e in po if not e.obsolete]
        for line, check, severity, message in check_header(po, text, entries, target):
            self.add(line, check, severity, message)
        nplurals = _nplurals(meta.get("Plural-Forms", ""))
        seen: dict[tuple, int] = {}
        for entry in entries:
            self.check_entry(entry, source, target, nplurals, seen)

    def check_entry(self, entry, source: str, target: str | None, nplurals: int | None, seen: dict) -> None:
        self.entries += 1
        line, msgid = entry.linenum, entry.msgid
        silenced = ignored_checks(entry.tcomment)
        fuzzy = "fuzzy" in entry.flags
        results: dict[tuple[str, str], None] = {}  # (check, message), in order, no repeats
        key = (entry.msgctxt, msgid)
        if key in seen:
            results[("po-duplicate", f"duplicate entry: the same msgid is at line {seen[key]}; merge them")] = None
        else:
            seen[key] = line
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            pairs = [(msgid if k == 0 else entry.msgid_plural, t) for k, t in enumerate(forms)]
            for message in check_plural_entry(forms, nplurals):
                results[("po-plural-forms", message)] = None
        else:
            pairs = [(msgid, entry.msgstr)]
        if not any(t for _, t in pairs):
            results[("untranslated", "not translated yet")] = None
        flags = frozenset(entry.flags)
        for src_text, tgt_text in pairs:
            if not tgt_text:
                continue
            for message in check_newlines(src_text, tgt_text):
                results[("po-newline", message)] = None
            pair = Pair(src_text, tgt_text, source, target or "", flags)
            results.update(dict.fromkeys(run_pair_checks(pair, self.pair_checks)))
            if self.glossary is not None and target in SUPPORTED and source in SUPPORTED:
                for item in check_terms(self.glossary, src_text, tgt_text, source, target):
                    results[item] = None
        for check_id, message in results:
            severity = CHECKS[check_id].severity
            if fuzzy and check_id not in _ANY_STATE:
                severity = lower_severity(severity)
            self.add(line, check_id, severity, message, msgid, silenced)
        if not fuzzy and all(t for _, t in pairs):
            translation = tuple(t for _, t in pairs)
            self.reviewed.append(((target, entry.msgctxt, msgid), self.name, line, translation, silenced))


def check_terms(glossary, source: str, target: str, source_lang: str, target_lang: str) -> list[tuple[str, str]]:
    """Glossary findings for one translation: (check id, message) pairs.

    Every term found in `source` must be honoured in `target` by the inflection-aware
    matcher (`Путина` honours `Путин`); a do-not-translate term must appear as written; a
    forbidden form must not appear; a missing name that the translation spells almost like
    a glossary form is reported as a misspelling, with the preferred form.
    """
    out: list[tuple[str, str]] = []
    for match in glossary.unhonoured(glossary.find_terms(source, source_lang), target, target_lang):
        term = match.term
        variants = term.forms[normalize_lang(target_lang)]
        if term.type == "dnt":
            out.append(("glossary-dnt", f"keep “{variants[0]}” as written "
                        f"(do not translate; glossary {term.concept})"))
            continue
        near = _near_miss(variants, target, target_lang)
        if near:
            out.append(("glossary-variant", f"“{near}” is not a spelling the glossary lists; "
                        f"write “{variants[0]}” (glossary {term.concept})"))
        else:
            accepted = f" (or {', '.join(variants[1:])})" if len(variants) > 1 else ""
            out.append(("glossary-missing", f"the source has “{match.text}”: translate it as "
                        f"“{variants[0]}”{accepted} (glossary {term.concept})"))
    for match in glossary.find_forbidden(target, target_lang):
        note = f": {match.term.note}" if match.term.note else ""
        out.append(("glossary-forbidden",
                    f"“{match.text}” is a forbidden form (glossary {match.term.concept}{note})"))
    return out


def _near_miss(variants: tuple[str, ...], text: str, lang: str) -> str | None:
    """A run of words in `text` within a small edit distance of a variant (`Ким Чен Ин`).

    Russian words may carry a case ending (`Ким Чен Ином`): up to two final letters are
    also tried without it."""
    from ..glossary.matcher import tokenize

    tokens = tokenize(text)
    for variant in variants:
        size = len(tokenize(variant))
        form = variant.casefold()
        if len(form) < 4 or not size:
            continue
        limit = max(1, len(form) // 4)
        for i in range(len(tokens) - size + 1):
            window = text[tokens[i][0]: tokens[i + size - 1][1]]
            folded = window.casefold()
            for cut in range(3 if lang == "ru" else 1):
                candidate = folded[: len(folded) - cut]
                if abs(len(candidate) - len(form)) <= limit and 0 < _distance(candidate, form, limit) <= limit:
                    return window
    return None


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 once it must exceed limit."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


_ANY_STATE = frozenset({"po-duplicate"})  # msgfmt -c rejects a duplicate even when fuzzy


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
    report = CheckReport(files=len(files))
    reviewed: list[tuple] = []
    if jobs is None:
        jobs = min(_cpu_count(), len(files) // PARALLEL_MIN_FILES)
    for result in _run_files(files, enabled, glossary, jobs):
        findings, ignored, entries, file_reviewed = result
        report.findings += findings
        report.ignored += ignored
        report.entries += entries
        reviewed += file_reviewed
    if "inconsistent" in enabled:
        for finding, silenced in _inconsistencies(reviewed):
            if silenced:
                report.ignored += 1
            else:
                report.findings.append(finding)
    report.findings.sort()
    return report


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
            results = map(_check_one, files)
            pool = None
        else:
            yield _raise_or_pass(_check_one(files[0]))
            pool = multiprocessing.get_context("fork").Pool(jobs)
            chunk = max(1, len(files) // (jobs * 4))
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
    if result and result[0] == "error":
        from .. import errors

        _, kind, path, message, line = result
        raise getattr(errors, kind, InputError)(path, message, line=line)
    return result


def _inconsistencies(reviewed: list[tuple]) -> list[tuple[Finding, bool]]:
    by_key: dict[tuple, list[tuple]] = {}
    for item in reviewed:
        by_key.setdefault(item[0], []).append(item)
    out = []
    for items in by_key.values():
        if len(items) < 2 or len({i[3] for i in items}) < 2:
            continue
        items.sort(key=lambda i: (i[1], i[2]))
        first = items[0]
        for _, name, line, msgstr, silenced in items[1:]:
            if msgstr == first[3]:
                continue
            message = (
                f"translated differently at {first[1]}:{first[2]} (“{_short(first[3])}”) than here "
                f"(“{_short(msgstr)}”); use one translation for the same sentence"
            )
            finding = Finding(name, line, "inconsistent", CHECKS["inconsistent"].severity, message, first[0][2])
            out.append((finding, any(_matches(p, "inconsistent") for p in silenced)))
    return out


def _short(forms: tuple[str, ...], width: int = 80) -> str:
    text = " | ".join(forms)
    return text if len(text) <= width else text[: width - 1] + "…"
