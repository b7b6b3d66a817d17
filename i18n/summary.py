"""What `i18n translate` did (or, in a dry run, would do): per file, per language, in all.

The pipeline fills these reports; `format_text` is the summary the command prints and
`to_dict` its `--json`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .counts import counted

__all__ = ["FileReport", "LanguageReport", "TranslateReport", "describe_change"]


@dataclass
class FileReport:
    """One catalog: where it is and what the merge did."""

    path: Path
    lang: str
    written: bool
    counts: dict[str, int]
    changes: list = field(default_factory=list)  # EntryChange of each entry the run alters

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "path": self.path.as_posix(), "lang": self.lang, "written": self.written, **self.counts,
            "changes": [
                {"msgid": c.msgid, "before": c.before, "after": c.after, "machine": c.machine}
                for c in self.changes
            ],
        }


@dataclass
class LanguageReport:
    """Totals for one target language."""

    lang: str
    route: str = ""
    mt_segments: int = 0  # unique segments sent to the engine in this language's one batch
    tm_exact: int = 0  # unique segments filled from the translation memory (no model call)
    tm_fuzzy: int = 0  # unique segments with a fuzzy memory hit (offered or in a comment)
    files: list[FileReport] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        """Sums of the per-file counts, plus files written and MT segments."""
        out: dict[str, int] = {}
        for f in self.files:
            for key, value in f.counts.items():
                out[key] = out.get(key, 0) + value
        out["files"] = len(self.files)
        out["written"] = sum(f.written for f in self.files)
        out["mt_segments"] = self.mt_segments
        out["tm_exact"] = self.tm_exact
        out["tm_fuzzy"] = self.tm_fuzzy
        return out


@dataclass
class TranslateReport:
    """What `translate_articles` did (or, with dry_run, would do), per language."""

    source: str  # the source language, or several comma-separated (a mixed batch)
    dry_run: bool
    languages: list[LanguageReport] = field(default_factory=list)
    # A target that is also the language of some articles: those articles (their refs),
    # which are not translated into their own language.
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "languages": {
                lang.lang: {"route": lang.route, **lang.totals()} for lang in self.languages
            },
            "files": [f.to_dict() for lang in self.languages for f in lang.files],
            "skipped": self.skipped,
        }

    def notes(self) -> list[str]:
        """One line per target skipped for some articles, which are in that language."""
        return [
            f"note: {lang} is the source language of {counted(len(refs), 'article')} ({', '.join(refs)}): "
            f"not translated into {lang}"
            for lang, refs in self.skipped.items()
        ]

    def format_text(self, *, verbose: bool = False) -> str:
        """The summary `i18n translate` prints: each file (a dry run: only with `verbose`), then
        one line per language; `verbose` lists what happens to each entry under its file."""
        lines = []
        for f in (f for lang in self.languages for f in lang.files if verbose or not self.dry_run):
            state = ("would change" if self.dry_run else "written") if f.written else "unchanged"
            lines.append(f"{f.path}: {state}")
            if verbose:
                lines += [f"  {describe_change(c)}: {_shorten(c.msgid)}" for c in f.changes]
        for lang in self.languages:
            t = lang.totals()
            route = f" ({lang.route})" if lang.route else ""
            lines.append(
                f"{lang.lang}{route}: {counted(t['files'], 'file')}, {counted(t['segments'], 'segment')}: "
                f"{t['new']} new, {t['reused']} reused, {t['machine']} machine, {t['reviewed']} reviewed kept, "
                f"{t['changed']} changed source, {t['obsolete']} obsolete, "
                f"{t['untranslated']} untranslated, {counted(t['glossary_problems'], 'glossary problem')}; "
                f"{t['mt_segments']} sent to MT, translation memory: {t['tm_exact']} exact, {t['tm_fuzzy']} fuzzy"
            )
        if self.dry_run:
            lines.append(self._dry_run_line())
        return "".join(line + "\n" for line in lines)

    def _dry_run_line(self) -> str:
        files = [f for lang in self.languages for f in lang.files]
        mt = sum(lang.mt_segments for lang in self.languages)
        exact, fuzzy = (sum(getattr(lang, key) for lang in self.languages) for key in ("tm_exact", "tm_fuzzy"))
        return (
            f"dry run: {sum(f.written for f in files)} of {counted(len(files), 'file')} would change; "
            f"{counted(mt, 'segment')} would go to MT, translation memory: {exact} exact, {fuzzy} fuzzy; "
            "no file was written, no model called (glossary problems are known after MT)"
        )


def describe_change(c) -> str:
    """What a merge does to one entry (an EntryChange), in a reviewer's words."""
    if c.after == "changed":
        return "source changed, previous translation kept (fuzzy)"
    if c.after == "obsolete":
        return f"sentence gone, {c.before} entry kept as obsolete"
    if c.after == "dropped":
        return "sentence gone, machine entry dropped"
    if c.before == "obsolete":
        return "sentence back, obsolete entry revived"
    if c.machine:
        return "new, machine suggestion" if c.before in ("absent", "untranslated") else "machine suggestion refreshed"
    return ("new" if c.before == "absent" else c.before) + f", {c.after}"


def _shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
