"""The translation memory's exchange with other tools: TMX import and export, and its stats.

`import_tmx` reads a TMX file (catalog/tmx.py) into the memory under the origin
`tmx:<absolute path>`, each unit with the line of its `<tu>`, its `tuid` and its date (the
tuv's or tu's changedate / creationdate, else the header's creationdate, else the file's
mtime); importing the same file again replaces what it gave before. Imported units are not
in the PO files, so rebuilding the memory from them loses the imports: import the file
again. `export_tmx` writes the memory as TMX 1.4b: one `<tu>` per distinct translation of a
sentence (agreeing copies from several PO files become one, with an `x-origin` prop for
each place), the most recent date, the tuid an import gave.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..langs import normalize_lang
from .memory import TMUnit, TranslationMemory, default_memory_path, normalize_key
from .tmx import TMXFile, TMXUnit, read_tmx, write_tmx, xml_unsafe

__all__ = ["TMXImport", "TMXExport", "open_memory", "import_tmx", "import_tmx_files", "export_tmx", "memory_stats",
           "format_memory_stats"]


def open_memory(memory: Path | None = None, cache: Path | None = None) -> TranslationMemory:
    """The memory file `memory`, else memory.sqlite beside the cache file (else the user cache folder)."""
    return TranslationMemory(memory or default_memory_path(cache))


@dataclass
class TMXImport:
    """What an import brought into the memory."""

    path: Path
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # units stored per (source, target)
    skipped_langs: Counter[str] = field(default_factory=Counter)
    skipped_tus: int = 0

    @property
    def units(self) -> int:
        return sum(self.pairs.values())

    def summary(self) -> str:
        """One line: units per pair, and what was left out."""
        pairs = ", ".join(f"{s}→{t} {n}" for (s, t), n in sorted(self.pairs.items())) or "none"
        line = f"{self.path}: imported {_n(self.units, 'unit')} ({pairs})"
        if self.skipped_langs:
            langs = ", ".join(f"{code} ({n})" for code, n in sorted(self.skipped_langs.items()))
            line += f"; skipped languages: {langs}"
        if self.skipped_tus:
            line += f"; {self.skipped_tus} <tu> without a usable translation"
        return line


@dataclass
class TMXExport:
    """What an export wrote."""

    path: Path
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    unsafe: int = 0  # translations left out: they hold characters XML cannot carry

    @property
    def units(self) -> int:
        return sum(self.pairs.values())

    def summary(self) -> str:
        pairs = ", ".join(f"{s}→{t} {n}" for (s, t), n in sorted(self.pairs.items())) or "none"
        line = f"{self.path}: exported {_n(self.units, 'unit')} ({pairs})"
        if self.unsafe:
            line += f"; left out {self.unsafe} holding control characters XML cannot carry"
        return line


def import_tmx(memory: TranslationMemory, path: Path | str, *, tmx: TMXFile | None = None) -> TMXImport:
    """Read the TMX file at `path` into `memory`, replacing an earlier import of the same file.

    `tmx` is the file already read (`read_tmx(path)`), to read every file before storing any.
    """
    path = Path(path)
    tmx = tmx if tmx is not None else read_tmx(path)
    origin = "tmx:" + path.resolve().as_posix()
    fallback = tmx.date or datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    units = {
        (u.source, u.target, normalize_key(u.text), u.translation): TMUnit(
            u.source, u.target, u.text, u.translation, origin, u.line, u.date or fallback, u.tuid
        )
        for u in tmx.units
    }
    memory.replace_origin(origin, units.values())
    report = TMXImport(path, skipped_langs=tmx.skipped_langs, skipped_tus=tmx.skipped_tus)
    report.pairs.update((u.source, u.target) for u in units.values())
    return report


def import_tmx_files(files, memory: Path | None = None, cache: Path | None = None) -> list[TMXImport]:
    """`i18n tm import`: every file is read before the memory opens, so a malformed one stores nothing."""
    read = {Path(path): read_tmx(path) for path in files}
    with open_memory(memory, cache) as tm:
        return [import_tmx(tm, path, tmx=tmx) for path, tmx in read.items()]


def export_tmx(memory: TranslationMemory, path: Path | str, *, target: str | None = None) -> TMXExport:
    """Write the memory (or its units into `target`) to `path` as TMX 1.4b."""
    path = Path(path)
    report = TMXExport(path)
    groups: dict[tuple[str, str, str, str], list[TMUnit]] = {}
    for unit in memory.units(target=normalize_lang(target) if target else None):
        if xml_unsafe(unit.text) or xml_unsafe(unit.translation):
            report.unsafe += 1
            continue
        groups.setdefault((unit.source, unit.target, normalize_key(unit.text), unit.translation), []).append(unit)
    out = []
    for same in groups.values():  # units() gives each group most recent first
        first = same[0]
        origins = tuple(("x-origin", where) for where in dict.fromkeys(u.where() for u in same))
        tuid = next((u.tuid for u in same if u.tuid), "")
        out.append(TMXUnit(first.source, first.target, first.text, first.translation, first.date, tuid,
                           props=origins))
        report.pairs[(first.source, first.target)] += 1
    write_tmx(out, path, tool_version=_version())
    return report


def memory_stats(memory: TranslationMemory) -> dict:
    """Units per language pair and where they came from, as plain data (JSON-ready)."""
    from ..fileio import project_relative

    pairs = [{"source": s, "target": t, **counts} for (s, t), counts in memory.stats().items()]
    imports = [{"file": project_relative(origin[len("tmx:"):]), "units": n} for origin, n in memory.imports().items()]
    return {"memory": str(memory.path), "units": len(memory), "pairs": pairs, "imports": imports}


def format_memory_stats(stats: dict) -> str:
    """`memory_stats` as lines for a terminal."""
    lines = [f"{stats['memory']}: {_n(stats['units'], 'unit')}"]
    for p in stats["pairs"]:
        lines.append(
            f"  {p['source']}→{p['target']}: {_n(p['units'], 'unit')}, {_n(p['sentences'], 'sentence')}; "
            f"from {_n(p['po_files'], 'PO file')}, {p['imported']} imported"
        )
    for imp in stats["imports"]:
        lines.append(f"  imported from {imp['file']}: {_n(imp['units'], 'unit')}")
    return "\n".join(lines) + "\n"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("i18n-newsroom")
    except PackageNotFoundError:
        return "0"

