"""A persistent translation memory: one SQLite file of machine translations.

Keyed by model identity, language pair and normalised source text, so that re-running an
unchanged corpus makes no model call at all. The default file lives in the user cache
folder (platformdirs); pass another path to keep it with a project. `CachedEngine` puts it
(and a per-process memo) around any ModelEngine.
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import CacheError
from ..fileio import store_errors
from .base import ChunkedEngine, ModelEngine, Translation, WrapperEngine

__all__ = ["CachedEngine", "TranslationCache", "default_cache_path", "normalize_source"]

CACHE_ADVICE = "delete the file or choose another one with --cache"

# ASCII white space only: a no-break space (U+00A0, U+202F) is text the engine must see.
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model  TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    key    TEXT NOT NULL,
    text   TEXT NOT NULL,
    score  REAL,
    PRIMARY KEY (model, source, target, key)
)
"""


def default_cache_path() -> Path:
    """`<user cache folder>/i18n-newsroom/translations.sqlite`."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("i18n-newsroom")) / "translations.sqlite"


def normalize_source(text: str) -> str:
    """The cache key of a source segment: NFC, runs of (ASCII) white space as one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


class TranslationCache:
    """Machine translations by (model, source lang, target lang, normalised source)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_cache_path()
        with self._guard("open"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Two jobs may share one cache: wait for the other writer rather than fail.
            self._db = sqlite3.connect(str(self.path), timeout=30)
            self._db.execute(_SCHEMA)
            self._db.commit()

    def _guard(self, what: str):
        """SQLite and OS errors as a CacheError naming the file and what to do."""
        return store_errors(self.path, what, "translation cache", CACHE_ADVICE, CacheError)

    def get_many(self, model: str, source: str, target: str, keys: Iterable[str]) -> dict[str, tuple[str, float | None]]:
        """Cached (text, score) for those of `keys` that are known."""
        found: dict[str, tuple[str, float | None]] = {}
        keys = list(dict.fromkeys(keys))
        with self._guard("read"):
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, text, score FROM translations WHERE model=? AND source=? AND target=? AND key IN ({marks})",
                    [model, source, target, *chunk],
                )
                for key, text, score in rows:
                    found[key] = (text, score)
        return found

    def put_many(self, model: str, source: str, target: str, items: Iterable[tuple[str, str, float | None]]) -> None:
        """Store (key, text, score) triples, replacing older entries."""
        with self._guard("write"), self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                [(model, source, target, k, t, s) for k, t, s in items],
            )

    def __len__(self) -> int:
        with self._guard("read"):
            return self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]

    def close(self) -> None:
        """Close the database file."""
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class CachedEngine(WrapperEngine):
    """A ModelEngine in front of another: a per-process memo, then the cache, then the model.

    Per direct pair: identical segments are sent once, known ones not at all, and the model's
    new translations are stored. Results of this process are kept too (without a cache file):
    id->en done for the ru target serves vi and the direct id->en pair.
    """

    def __init__(self, engine: ModelEngine, cache: TranslationCache | None = None):
        self.engine = engine
        self.cache = cache
        self.name = engine.name
        # (model, source, target, key): one model id may serve several pairs (PlainEngine's name).
        self._memo: dict[tuple[str, str, str, str], tuple[str, float | None]] = {}


    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translations of `texts`; `cached` is True for those that needed no model call."""
        if isinstance(self.engine, ChunkedEngine):  # stored batch by batch as workers finish them
            engine = self.engine
            return self._through(texts, source, target, engine.model_id(source, target),
                                 lambda pending: engine.translate_chunks(pending, source, target))
        return self._through(texts, source, target, self.engine.model_id(source, target),
                             lambda pending: _whole(pending, self.engine.translate_scored(pending, source, target)))

    def redecode(self, texts: Sequence[str], source: str, target: str, *, short: Sequence[bool] = ()) -> list[Translation]:
        """The engine's second decode, kept under its own key (`<model>|redecode`): a re-run of
        a job whose output was degenerate makes no model call either."""
        flags = {normalize_source(t): f for t, f in zip(texts, short or [False] * len(texts), strict=True)}
        return self._through(
            texts, source, target, self.engine.model_id(source, target) + "|redecode",
            lambda pending: _whole(
                pending, self.engine.redecode(pending, source, target, short=[flags.get(t, False) for t in pending])
            ),
        )

    def _through(self, texts: Sequence[str], source: str, target: str, mid: str, call) -> list[Translation]:
        keys = [normalize_source(t) for t in texts]
        unique = [k for k in dict.fromkeys(keys) if k]
        known = {k: self._memo[(mid, source, target, k)] for k in unique if (mid, source, target, k) in self._memo}
        rest = [k for k in unique if k not in known]
        if self.cache is not None and rest:
            known.update(self.cache.get_many(mid, source, target, rest))
        pending = [k for k in unique if k not in known]
        fresh: dict[str, tuple[str, float | None]] = {}
        # `call` yields (positions in pending, translations) per batch; each is stored as it
        # comes, so an interrupted job keeps the batches that were done.
        for positions, done in call(pending) if pending else ():
            got = {pending[i]: (t.text, t.score) for i, t in zip(positions, done, strict=True)}
            if self.cache is not None:
                self.cache.put_many(mid, source, target, [(k, o, s) for k, (o, s) in got.items()])
            fresh.update(got)
        every = {**known, **fresh}
        self._memo.update({(mid, source, target, k): v for k, v in every.items()})
        empty: tuple[str, float | None] = ("", 0.0)
        return [Translation(*every.get(k, empty), mid, cached=k not in fresh) for k in keys]


def _whole(pending: list[str], done: list[Translation]) -> Iterator[tuple[list[int], list[Translation]]]:
    """A whole call's result as one batch of `_through`."""
    yield list(range(len(pending))), done
