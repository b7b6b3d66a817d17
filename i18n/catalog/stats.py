"""Review progress per PO file, and compiling PO files to .mo with Babel."""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..counts import counted
from ..errors import InputError, POFileError
from ..fileio import write_bytes_atomic
from .layout import find_po_files
from .po import encode_po, read_po
from .states import State, count_states

__all__ = ["FileStats", "po_stats", "catalog_stats", "collect_stats", "compile_catalog", "compile_catalogs",
           "format_stats", "stats_totals", "stats_payload"]


@dataclass(frozen=True)
class FileStats:
    """Counts of one PO file's entries by review state."""

    path: str
    lang: str
    reviewed: int
    fuzzy: int
    untranslated: int
    obsolete: int
    files: int = 1  # PO files counted (a total row sums several)

    @property
    def total(self) -> int:
        """Active entries (obsolete ones excluded)."""
        return self.reviewed + self.fuzzy + self.untranslated

    @property
    def percent_reviewed(self) -> float:
        """Reviewed share of the active entries, 0-100, one decimal."""
        return round(100.0 * self.reviewed / self.total, 1) if self.total else 100.0

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "path": self.path,
            "lang": self.lang,
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "obsolete": self.obsolete,
            "total": self.total,
            "percent_reviewed": self.percent_reviewed,
        }


def stats_totals(rows: list[FileStats]) -> list[FileStats]:
    """One row per language (in first-seen order), then one for all files: path `total`,
    lang `all`; their `files` say how many PO files each sums."""
    langs = list(dict.fromkeys(r.lang for r in rows))
    groups = [(lang, [r for r in rows if r.lang == lang]) for lang in langs] + [("all", rows)]
    return [
        FileStats("total", lang, **{key: sum(getattr(r, key) for r in group) for key in _COUNTS}, files=len(group))
        for lang, group in groups
    ]


_COUNTS = ("reviewed", "fuzzy", "untranslated", "obsolete")


def stats_payload(rows: list[FileStats]) -> dict:
    """`i18n stats --json`: every file, the totals per language and the total of all files."""
    *langs, overall = stats_totals(rows)
    return {
        "files": [r.to_dict() for r in rows],
        "languages": {t.lang: _total_dict(t) for t in langs},
        "total": _total_dict(overall),
    }


def _total_dict(t: FileStats) -> dict:
    out = t.to_dict()
    del out["path"], out["lang"]
    return {"files": t.files, **out}


def format_stats(rows: list[FileStats]) -> str:
    """The table `i18n stats` prints: one row per PO file, then a total per language and
    one of all files, or a line saying there is none."""
    if not rows:
        return "no PO files found\n"
    shown = [(r.path, r) for r in rows]
    shown += [(f"total, {counted(t.files, 'file')}", t) for t in stats_totals(rows)]
    width = max(len(path) for path, _ in shown)
    lines = [f"{'file':<{width}}  lang  reviewed  fuzzy  untranslated  obsolete  reviewed%"]
    lines += [
        f"{path:<{width}}  {r.lang:<4}  {r.reviewed:>8}  {r.fuzzy:>5}  {r.untranslated:>12}  "
        f"{r.obsolete:>8}  {r.percent_reviewed:>9.1f}"
        for path, r in shown
    ]
    return "".join(line + "\n" for line in lines)


def po_stats(path: Path | str) -> FileStats:
    """Review counts of one PO file."""
    return catalog_stats(read_po(path), path)


def catalog_stats(po: polib.POFile, path: Path | str) -> FileStats:
    """Review counts of a PO file already read from `path` (which names it and may give its language)."""
    path = Path(path)
    by_state = count_states(po)
    counts = {
        "reviewed": by_state[State.REVIEWED],
        "fuzzy": by_state[State.MACHINE] + by_state[State.DRAFT] + by_state[State.CHANGED],
        "untranslated": by_state[State.UNTRANSLATED],
        "obsolete": by_state[State.OBSOLETE],
    }
    lang = po.metadata.get("Language", "") or _lang_from_path(path)
    return FileStats(path=path.as_posix(), lang=lang, **counts)


def collect_stats(paths: Iterable[Path | str] = ()) -> list[FileStats]:
    """Stats of every PO file in `paths` (files or folders; default: locales/), in path order."""
    return [po_stats(p) for p in find_po_files(list(paths) or [Path("locales")])]


def compile_catalog(po_path: Path | str, mo_path: Path | str | None = None) -> Path:
    """Write the .mo of a PO file with Babel: reviewed entries only, like msgfmt. Atomic."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po as babel_read_po

    po_path = Path(po_path)
    mo_path = Path(mo_path) if mo_path else po_path.with_suffix(".mo")
    po = read_po(po_path)  # located syntax errors first
    for entry in po.obsolete_entries():
        # msgmerge writes `#~| msgid` lines that Babel's reader refuses; .mo files skip
        # obsolete entries anyway.
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
    try:
        catalog = babel_read_po(io.BytesIO(encode_po(po, po_path)), abort_invalid=True)
    except Exception as exc:  # Babel's PoFileError and friends
        raise POFileError(po_path, f"Babel cannot read it: {exc}") from None
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    write_bytes_atomic(mo_path, buf.getvalue())
    return mo_path


def compile_catalogs(paths: Iterable[Path | str] = ()) -> list[Path]:
    """Compile every PO file under `paths` (default: locales/) next to itself; the .mo paths.

    Finding no PO file at all is an error: there is nothing to compile yet.
    """
    paths = list(paths) or [Path("locales")]
    written = [compile_catalog(p) for p in find_po_files(paths)]
    if not written:
        raise InputError(paths[0], "no PO files found; run `i18n translate` first")
    return written


def _lang_from_path(path: Path) -> str:
    # For display only, so any language (Django's `de`, `pt_BR`), unlike langs.lang_from_path:
    # locales/<lang>/LC_MESSAGES/<slug>.po
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return ""
