"""Counts in the summary lines people read: `1 file`, `2 files`, `1 entry`, `3 entries`."""
from __future__ import annotations

__all__ = ["counted"]


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`n` with its noun in the right number: `counted(1, "file")` is `1 file`, 0 and 2+ plural.

    `plural` for the irregular ones (`counted(n, "entry", "entries")`); a noun phrase is
    pluralised on its first word when asked (`counted(n, "line left out", "lines left out")`).
    """
    return f"{n} {singular}" if n == 1 else f"{n} {plural or singular + 's'}"
