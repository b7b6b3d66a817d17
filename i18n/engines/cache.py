"""A persistent translation memory: one SQLite file of machine translations.

Keyed by model identity, language pair and normalised source text, so that re-running an
unchanged corpus makes no model call at all. The default file lives in the user cache
folder (platformdirs); pass another path to keep it with a project.
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CacheError

__all__ = ["TranslationCache", "default_cache_path", "normalize_source"]

_SPACE = re.compile(r"\s+")
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
    """The cache key of a source segment: NFC, whitespace runs as one space, stripped."""
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

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        """Turn SQLite and OS errors into a CacheError naming the file and what to do."""
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(
                f"{self.path}: cannot {what} the translation cache ({exc}): delete the file "
                "or choose another one with --cache"
            ) from None

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
