"""Checks on the catalog rather than one translation: entries not translated yet, and the
same sentence translated differently in reviewed entries anywhere in the project."""
from __future__ import annotations

from ..model import Finding
from .registry import CHECKS, EntryView, Reviewed, register

__all__ = ["check_untranslated", "check_inconsistent"]


@register("untranslated", "info", "entry")
def check_untranslated(view: EntryView) -> list[str]:
    """Entry not translated yet."""
    return [] if any(t for _, t in view.pairs) else ["not translated yet"]


@register("inconsistent", "warning", "project")
def check_inconsistent(reviewed: list[Reviewed]) -> list[tuple[Finding, tuple[str, ...]]]:
    """Same source sentence translated differently in reviewed entries."""
    by_key: dict[tuple, list[Reviewed]] = {}
    for item in reviewed:
        by_key.setdefault(item.key, []).append(item)
    out = []
    severity = CHECKS["inconsistent"].severity
    for items in by_key.values():
        if len(items) < 2 or len({i.forms for i in items}) < 2:
            continue
        items.sort(key=lambda i: (i.path, i.line))
        first = items[0]
        for item in items[1:]:
            if item.forms == first.forms:
                continue
            message = (
                f"translated differently at {first.path}:{first.line} (“{_short(first.forms)}”) than here "
                f"(“{_short(item.forms)}”); use one translation for the same sentence"
            )
            out.append((Finding(item.path, item.line, "inconsistent", severity, message, first.key[2]), item.silenced))
    return out


def _short(forms: tuple[str, ...], width: int = 80) -> str:
    text = " | ".join(forms)
    return text if len(text) <= width else text[: width - 1] + "…"
