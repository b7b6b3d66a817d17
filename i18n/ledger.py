"""What the last `i18n translate` left in each catalog, and from which inputs, so that a re-run
does no work for what did not change.

One record per PO file (by absolute path), in a table of the translation cache's SQLite file
(deleting the cache forgets them: the next run does all the work again):
- `setting`: everything but the article that the catalog depends on: the i18n code and its
  language data, the project's data folder, the engine with its settings and the models of the
  language pair, the glossary, the translation memory's units for the pair (origins and dates
  included; line numbers are not, suggestions never name them) and the options;
- `article`: the article file's bytes, its language and its name in the PO file;
- `output`: the PO file's bytes as the run left them (a translator's save changes them);
- `counts`: what a run that changes nothing reports for the file.

A catalog whose four match is skipped: its article is not segmented, nothing of it is looked
up, translated, checked, merged or written. One whose setting and output match but whose article
changed is merged again, keeping the untouched machine suggestions of its unchanged sentences
as they are (the same model, cache, glossary and memory would give them again), so only new
sentences go through the memory, the model and the glossary.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog.merge import EntryChange, MergeResult
from .catalog.states import State, entry_state, glossary_problems
from .engines.cache import CACHE_ADVICE
from .errors import CacheError
from .fileio import store_errors
from .model import Article

__all__ = ["Record", "Known", "Ledger", "settled_counts", "digest"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    catalog TEXT PRIMARY KEY,
    setting TEXT NOT NULL,
    article TEXT NOT NULL,
    output  TEXT NOT NULL,
    counts  TEXT NOT NULL
)
"""


def digest(*parts: bytes | str) -> str:
    """A hash of `parts`, each length-prefixed so that no two sequences collide by concatenation."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class Record:
    """What a run left in one catalog and from what."""

    setting: str
    article: str
    output: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Known:
    """A catalog whose bytes are those its record says the last run left, and its article now."""

    record: Record
    article: str  # the article's fingerprint now


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The i18n package's code and built-in language data: another version may write otherwise."""
    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".csv", ".json"))
    return digest(*(part for p in files for part in (p.relative_to(package).as_posix(), p.read_bytes())))


def folder_fingerprint(folder: Path | None) -> str:
    """The files under `folder` (the project's language data), names and bytes."""
    if folder is None or not Path(folder).is_dir():
        return ""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


def article_fingerprint(article: Article) -> str:
    """The article file's bytes, language and the name PO files give it."""
    return digest(article.path.read_bytes(), article.lang, article.ref)


def glossary_fingerprint(glossary) -> str:
    """The glossary's terms as loaded (every form, type and rule), or "" without one."""
    return "" if glossary is None else digest(repr(glossary.terms))


def memory_fingerprint(memory, source: str, target: str) -> str:
    """The memory's units for one pair, as suggestions show them (no line numbers)."""
    if memory is None:
        return "none"
    units = [u for u in memory.units(target=target) if u.source == source]
    return digest(*(f"{u.text}\t{u.translation}\t{u.origin}\t{u.date}\t{u.tuid}" for u in units))


def settled_counts(result: MergeResult) -> dict[str, int]:
    """What a merge of `result.catalog` with the inputs that made it reports: each active entry
    reused in its state, nothing new, changed or made obsolete."""
    changes = []
    for entry in result.catalog:
        if not entry.obsolete:
            state = entry_state(entry)
            problems = 0 if state == State.REVIEWED else glossary_problems(entry)
            changes.append(EntryChange(entry.msgid, entry.msgctxt, state, state, False, problems))
    return MergeResult(result.catalog, changes).counts()


class Ledger:
    """The records of one translation cache file, and the setting of the job asking."""

    def __init__(self, path: Path | str, *, identity: Callable[[str, str], str], options: str):
        """`identity(source, target)`: the engine, its settings and the models of the pair;
        `options`: the job's other options that change what is written."""
        self.path = Path(path)
        self.identity = identity
        self.options = options
        with self._guard("open"):
            self._db = sqlite3.connect(str(self.path), timeout=30)
            self._db.execute(_SCHEMA)
            self._db.commit()

    def _guard(self, what: str):
        """SQLite and OS errors as the cache's CacheError (the ledger lives in the cache file)."""
        return store_errors(self.path, what, "translation cache", CACHE_ADVICE, CacheError)

    def setting(self, source: str, target: str, *, glossary, memory, data: Path | None) -> str:
        """The fingerprint of everything but the article, for one language pair."""
        return digest(
            code_fingerprint(), folder_fingerprint(data), self.identity(source, target),
            glossary_fingerprint(glossary), memory_fingerprint(memory, source, target), self.options,
        )

    def known(self, catalogs: Iterable[tuple[Path, Article]]) -> dict[Path, Known]:
        """Those of `catalogs` (PO file, article) that are byte for byte what the last run left."""
        catalogs = list(catalogs)
        records = self.records(path for path, _ in catalogs)
        out: dict[Path, Known] = {}
        for path, article in catalogs:
            record = records.get(path)
            if record is not None and path.is_file() and digest(path.read_bytes()) == record.output:
                out[path] = Known(record, article_fingerprint(article))
        return out

    def record(self, setting: str, article: Article, path: Path, result: MergeResult) -> Record:
        """The record of a catalog just merged into `path` (written or left as it was)."""
        output = digest(path.read_bytes()) if path.is_file() else ""
        return Record(setting, article_fingerprint(article), output, settled_counts(result))

    def records(self, catalogs: Iterable[Path]) -> dict[Path, Record]:
        """The records there are for `catalogs`."""
        keys = {_key(p): p for p in catalogs}
        found: dict[Path, Record] = {}
        names = list(keys)
        with self._guard("read"):
            for i in range(0, len(names), 500):
                chunk = names[i:i + 500]
                rows = self._db.execute(
                    f"SELECT catalog, setting, article, output, counts FROM runs WHERE catalog IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                for catalog, setting, article, output, counts in rows:
                    found[keys[catalog]] = Record(setting, article, output, json.loads(counts))
        return found

    def save(self, records: dict[Path, Record]) -> None:
        """Store `records`, replacing older ones."""
        with self._guard("write"), self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?)",
                [(_key(p), r.setting, r.article, r.output, json.dumps(r.counts, sort_keys=True))
                 for p, r in records.items()],
            )

    def close(self) -> None:
        """Close the database file."""
        self._db.close()


def _key(path: Path) -> str:
    return Path(path).resolve().as_posix()
