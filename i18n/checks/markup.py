"""The `markup` check: the inline tags of an HTML or Markdown sentence carried over.

A sentence of a markup article holds its inline tags as numbered placeholders (`<1>…</1>`,
`<2/>`; see `i18n.readers.inline`). `i18n apply` maps them back to the original tags, so a
translation must hold each of them exactly once, every pair closed and nested as in the
source; pairs side by side may change order. An error on a reviewed entry (`i18n apply`
would keep the source sentence), a warning on a machine suggestion.
"""
from __future__ import annotations

from ..readers.inline import markup_problems
from .pair import Pair
from .registry import register

__all__ = ["check_markup"]


@register("markup", "error")
def check_markup(pair: Pair) -> list[str]:
    """Inline tags (<1>…</1>, <2/>) carried over."""
    return markup_problems(pair.source, pair.target)
