"""A translation memory of human work: every reviewed entry of every PO file, in SQLite.

The PO files stay the truth: the memory is rebuilt from them at any time, and brought up to
date incrementally (a file whose size and mtime are unchanged is not read again; one whose
bytes hash the same is not re-indexed). Units are keyed by source language, target language
and normalised source sentence, and remember where they came from (PO file, line, date).
Several reviewed translations of one sentence are kept; the most recent wins a lookup and
the others are listed as alternatives. A unit's date is the PO-Revision-Date of its file when
the memory first saw that translation there (PO files carry no date per entry, and every
`i18n translate` run restamps the header, so re-reading a file keeps the dates it had).
Origins are absolute paths (one memory may serve several projects); comments and exports
name them relative to the project (`TMUnit.where`).

Fuzzy lookups go through a word index (units holding one of the rarest words of the query
are the candidates) and then rapidfuzz with a score cutoff over all of them, so a
100,000-unit memory answers a 1,000-segment job in seconds with the answers of a full scan
(bench/memory.py).
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from ..errors import I18nError
from ..fileio import project_relative, store_errors
from ..langs import normalize_lang
from .layout import find_po_files
from .po import read_po
from .states import is_reviewed_work

__all__ = ["TMError", "TMUnit", "TMMatch", "TranslationMemory", "default_memory_path", "normalize_key"]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_WORDS = 3  # the rarest words of a query whose units are always fuzzy candidates
_BUDGET = 3000  # more rare words join while their units add up to fewer than this
_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    key         TEXT NOT NULL,
    text        TEXT NOT NULL,
    translation TEXT NOT NULL,
    origin      TEXT NOT NULL,
    line        INTEGER NOT NULL,
    date        TEXT NOT NULL,
    tuid        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, target, key, translation, origin)
);
CREATE INDEX IF NOT EXISTS units_origin ON units (origin);
CREATE TABLE IF NOT EXISTS files (
    origin TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    mtime  REAL NOT NULL,
    hash   TEXT NOT NULL
);
"""


class TMError(I18nError):
    """The translation memory file cannot be opened or written."""


def default_memory_path(cache: Path | str | None = None) -> Path:
    """`memory.sqlite` beside the translation cache `cache`, by default in the user cache folder."""
    if cache is not None:
        return Path(cache).with_name("memory.sqlite")
    import platformdirs

    return Path(platformdirs.user_cache_dir("i18n-newsroom")) / "memory.sqlite"


def normalize_key(text: str) -> str:
    """The lookup key of a source sentence: NFC, whitespace runs as one space, stripped."""
    import unicodedata

    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class TMUnit:
    """One reviewed translation and where it came from."""

    source: str
    target: str
    text: str
    translation: str
    origin: str  # a PO file's path, or `tmx:<file>` for an import
    line: int
    date: str  # ISO 8601, UTC
    tuid: str = ""  # an imported unit's id in its TMX file, when it had one

    def file(self) -> str:
        """The origin with its path relative to the project (`tmx:` kept for an import)."""
        kind, sep, path = self.origin.rpartition("tmx:")
        return f"{kind}{sep}{project_relative(path)}"

    def where(self) -> str:
        """`origin:line`, the origin relative to the project."""
        return f"{self.file()}:{self.line}"

    @property
    def day(self) -> str:
        """The date alone (`2026-11-01`)."""
        return self.date[:10]


@dataclass
class TMMatch:
    """The best unit for a segment: the similarity (100 = exact) and the other translations."""

    unit: TMUnit
    score: float
    alternatives: list[TMUnit] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


def _po_units(path: Path, origin: str) -> list[TMUnit]:
    """The reviewed entries (live and obsolete) of one PO file as units."""
    po = read_po(path)
    target = normalize_lang(po.metadata.get("Language", "") or path.parent.parent.name)
    source = po.metadata.get("X-Source-Language", "")
    if not source or not target:
        return []
    source = normalize_lang(source)
    date = _po_date(po.metadata.get("PO-Revision-Date", ""), path)
    units = []
    for entry in po:
        if is_reviewed_work(entry) and entry.msgid and entry.msgstr:
            units.append(TMUnit(source, target, entry.msgid, entry.msgstr, origin, entry.linenum or 0, date))
    return units


def _is_under(origin: str, root: Path) -> bool:
    path = Path(origin)
    return path == root or root in path.parents


def _po_date(header: str, path: Path) -> str:
    """The catalog's revision date in UTC ISO form; the file's mtime when the header has none."""
    try:
        when = datetime.strptime(header.strip(), "%Y-%m-%d %H:%M%z")
    except ValueError:
        when = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TranslationMemory:
    """Reviewed translations by (source lang, target lang, normalised source)."""

    def __init__(self, path: Path | str | None = None, *, copy: bool = False):
        """Open (or create) the memory at `path`; `copy`: work on a copy of it held in RAM,
        updated and looked up like the file, which is never created or written (a dry run)."""
        self.path = Path(path) if path is not None else default_memory_path()
        self._index: dict[tuple[str, str], _WordIndex] = {}
        self._batch = False  # inside update_from: writes wait for its one commit
        with self._guard("open"):
            if copy:
                self._db = sqlite3.connect(":memory:")
                if self.path.is_file():
                    with closing(sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)) as disk:
                        disk.backup(self._db)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(str(self.path), timeout=30)
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(units)")}
            if "tuid" not in columns:  # a memory written before TMX import existed
                self._db.execute("ALTER TABLE units ADD COLUMN tuid TEXT NOT NULL DEFAULT ''")
            self._db.commit()

    def _guard(self, what: str):
        """SQLite and OS errors as a TMError naming the file and what to do."""
        return store_errors(self.path, what, "translation memory",
                            "delete the file (it is rebuilt from the PO files) or choose another one with --memory", TMError)

    def update_from(self, paths: Iterable[Path | str]) -> dict[str, int]:
        """Bring the memory up to date with the PO files under `paths`; counts what changed.

        Only files under `paths` are read or forgotten: units from other folders (another
        project sharing the memory) and TMX imports stay.
        """
        roots = [Path(p).resolve() for p in paths]
        files = find_po_files([p for p in roots if p.exists()])
        self._batch = True  # one commit (one fsync) for all the files, not one per file
        try:
            with self._db:  # rolled back if a file cannot be read: the memory stays as it was
                return self._update(roots, files)
        except sqlite3.Error:
            with self._guard("write"):  # the commit failed: said as any other write
                raise
        finally:
            self._batch = False

    @contextmanager
    def _write(self) -> Iterator[None]:  # committed at once, unless update_from batches it
        with self._guard("write"), (nullcontext() if self._batch else self._db):
            yield

    def _update(self, roots: list[Path], files: list[Path]) -> dict[str, int]:
        counts = {"read": 0, "unchanged": 0, "removed": 0}
        with self._guard("read"):
            known = {row[0]: row[1:] for row in self._db.execute("SELECT origin, size, mtime, hash FROM files")}
        seen = set()
        for path in files:
            origin = path.resolve().as_posix()
            seen.add(origin)
            stat = path.stat()
            old = known.get(origin)
            if old and old[0] == stat.st_size and old[1] == stat.st_mtime:
                counts["unchanged"] += 1
                continue
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            if not (old and old[2] == digest):
                self.replace_origin(origin, self._keep_dates(origin, _po_units(path, origin)))
                counts["read"] += 1
            else:
                counts["unchanged"] += 1
            self._remember_file(origin, stat, digest)
        for origin in set(known) - seen:
            if any(_is_under(origin, root) for root in roots):
                self.replace_origin(origin, [])
                with self._write():
                    self._db.execute("DELETE FROM files WHERE origin=?", (origin,))
                counts["removed"] += 1
        return counts

    def _keep_dates(self, origin: str, units: list[TMUnit]) -> list[TMUnit]:
        """`units` with the date each translation had when first seen in `origin`."""
        with self._guard("read"):
            rows = self._db.execute("SELECT key, translation, date FROM units WHERE origin=?", (origin,))
            first = {(key, translation): date for key, translation, date in rows}
        out = []
        for u in units:
            date = first.get((normalize_key(u.text), u.translation))
            out.append(u if date is None or date >= u.date else replace(u, date=date))
        return out

    def _remember_file(self, origin: str, stat, digest: str) -> None:
        with self._write():
            self._db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (origin, stat.st_size, stat.st_mtime, digest)
            )

    def replace_origin(self, origin: str, units: Iterable[TMUnit]) -> None:
        """Drop every unit from `origin` and store `units` in their place."""
        with self._write():
            self._db.execute("DELETE FROM units WHERE origin=?", (origin,))
            self._db.executemany(
                "INSERT OR REPLACE INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (u.source, u.target, normalize_key(u.text), u.text, u.translation, u.origin, u.line, u.date, u.tuid)
                    for u in units
                ],
            )
        self._index.clear()

    def units(self, *, target: str | None = None) -> list[TMUnit]:
        """Every unit, in a stable order (optionally one target language)."""
        sql = "SELECT source, target, text, translation, origin, line, date, tuid FROM units"
        args: tuple = ()
        if target:
            sql += " WHERE target=?"
            args = (normalize_lang(target),)
        with self._guard("read"):
            rows = self._db.execute(sql + " ORDER BY source, target, key, date DESC, origin, line", args)
            return [TMUnit(*row) for row in rows]

    def stats(self) -> dict[tuple[str, str], dict[str, int]]:
        """Per (source, target) pair: units, distinct sentences, PO files and imported units."""
        with self._guard("read"):
            rows = self._db.execute(
                "SELECT source, target, COUNT(*), COUNT(DISTINCT key), "
                "COUNT(DISTINCT CASE WHEN origin NOT LIKE 'tmx:%' THEN origin END), "
                "SUM(origin LIKE 'tmx:%') FROM units GROUP BY source, target ORDER BY 1, 2"
            )
            return {
                (s, t): {"units": n, "sentences": k, "po_files": f, "imported": i}
                for s, t, n, k, f, i in rows
            }

    def imports(self) -> dict[str, int]:
        """Units per imported TMX file (`tmx:<path>` origins), by origin."""
        with self._guard("read"):
            rows = self._db.execute(
                "SELECT origin, COUNT(*) FROM units WHERE origin LIKE 'tmx:%' GROUP BY origin ORDER BY origin"
            )
            return dict(rows.fetchall())

    def lookup(self, texts: Iterable[str], source: str, target: str, *, threshold: float = 75.0) -> dict[str, TMMatch]:
        """The best match at or above `threshold` (0-100) for each of `texts` that has one."""
        source, target = normalize_lang(source), normalize_lang(target)
        index = self._pair_index(source, target)
        found: dict[str, TMMatch] = {}
        for text in dict.fromkeys(texts):
            key = normalize_key(text)
            units = index.exact.get(key)
            if units:
                found[text] = TMMatch(units[0], 100.0, _others(units))
                continue
            best = index.fuzzy(key, threshold)
            if best is not None:
                ukey, score = best
                units = index.exact[ukey]
                found[text] = TMMatch(units[0], score, _others(units))
        return found

    def _pair_index(self, source: str, target: str) -> _WordIndex:
        if (source, target) not in self._index:
            with self._guard("read"):
                rows = self._db.execute(
                    "SELECT key, text, translation, origin, line, date, tuid FROM units WHERE source=? AND target=? "
                    "ORDER BY key, date DESC, origin DESC, line",
                    (source, target),
                ).fetchall()
            index = _WordIndex()
            for key, text, translation, origin, line, date, tuid in rows:
                index.add(key, TMUnit(source, target, text, translation, origin, line, date, tuid))
            index.freeze()
            self._index[(source, target)] = index
        return self._index[(source, target)]

    def __len__(self) -> int:
        with self._guard("read"):
            return self._db.execute("SELECT COUNT(*) FROM units").fetchone()[0]

    def close(self) -> None:
        """Close the database file."""
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _others(units: list[TMUnit]) -> list[TMUnit]:
    """The other translations of a sentence, most recent first, each once (the same
    translation reviewed in several articles is agreement, not a conflict)."""
    seen = {units[0].translation}
    out = []
    for u in units[1:]:
        if u.translation not in seen:
            seen.add(u.translation)
            out.append(u)
    return out


class _WordIndex:
    """Exact units by key, and an inverted index of lower-cased words for fuzzy candidates."""

    def __init__(self) -> None:
        self.exact: dict[str, list[TMUnit]] = {}
        self.keys: list[str] = []
        self._lower: list[str] = []
        self._postings: dict[str, list[int]] = defaultdict(list)

    def add(self, key: str, unit: TMUnit) -> None:
        if key not in self.exact:
            self.exact[key] = []
            n = len(self.keys)
            self.keys.append(key)
            self._lower.append(key.lower())
            for word in set(_WORD.findall(key.lower())):
                self._postings[word].append(n)
        self.exact[key].append(unit)

    def freeze(self) -> None:
        # Most recent first: units were added in date order per key already; keep it stable.
        for units in self.exact.values():
            units.sort(key=lambda u: u.date, reverse=True)

    def fuzzy(self, key: str, threshold: float) -> tuple[str, float] | None:
        """The most similar known key and its rapidfuzz ratio, if at or above `threshold`.

        Candidates are the units holding one of the query's rarest words: the rarest three,
        then more while their postings add up to fewer than _BUDGET. A sentence edited by a
        follow-up story (a figure, a name, a word or two changed) keeps at least one of its
        rare words, so its source is among them; every candidate is then scored by rapidfuzz
        (in C, with the cutoff), which is what makes this both fast and as good as a full scan
        on the benchmark's memory (bench/memory.py).
        """
        from rapidfuzz import fuzz, process

        query = key.lower()
        known = sorted((len(self._postings[w]), w) for w in set(_WORD.findall(query)) if w in self._postings)
        picked: set[int] = set()
        total = 0
        for n, (size, word) in enumerate(known):
            if n >= _MIN_WORDS and total + size > _BUDGET:
                break
            picked.update(self._postings[word])
            total += size
        if not picked:
            return None
        picks = list(picked)  # a set of ints iterates in the same order on every run: ties are stable
        hit = process.extractOne(
            query, [self._lower[n] for n in picks], scorer=fuzz.ratio, score_cutoff=threshold
        )
        if hit is None:
            return None
        return self.keys[picks[hit[2]]], round(hit[1], 1)
