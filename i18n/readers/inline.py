"""Inline markup as numbered placeholders: `<1>Kim</1>` (paired), `<2/>` (a void element).

The form is the one Weblate and Pontoon show for XML-ish placeholders, readable in Poedit;
the original tag of each number is kept beside the text (`Paragraph.tags`) and shown to the
reviewer in an extracted comment.
"""
from __future__ import annotations

import re

__all__ = ["PLACEHOLDER", "placeholders", "balanced", "strip_placeholders"]

PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")


def placeholders(text: str) -> list[str]:
    """The placeholders of `text` in order, as written (`<1>`, `</1>`, `<2/>`)."""
    return [m.group() for m in PLACEHOLDER.finditer(text)]


def balanced(text: str) -> bool:
    """Whether every `<n>` in `text` is closed by its `</n>`, properly nested."""
    stack: list[str] = []
    for m in PLACEHOLDER.finditer(text):
        closing, num, void = m.groups()
        if void:
            continue
        if not closing:
            stack.append(num)
        elif not stack or stack.pop() != num:
            return False
    return not stack


def strip_placeholders(text: str) -> str:
    """The text a reader sees: placeholders removed."""
    return PLACEHOLDER.sub("", text)
