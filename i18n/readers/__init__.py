"""One reader per article format: plain text (`i18n.article`), HTML, Markdown, ninjs JSON.

A reader turns a document into an `Article` whose paragraphs are the document's blocks in
reading order; inline markup inside a block becomes numbered placeholders (`inline`), so a
sentence split across `<em>` or a link stays one sentence and its tags come back around
the right words. Writers (`i18n apply`) walk the same blocks in the same order.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ArticleError
from ..model import Article

__all__ = ["FORMATS", "format_of", "check_content"]

FORMATS = ("text", "html", "markdown", "ninjs")
_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".md": "markdown",
               ".markdown": "markdown", ".json": "ninjs"}


def format_of(path: Path | str, fmt: str | None = None) -> str:
    """The reader for `path`: `fmt` when given (text | html | markdown | ninjs), else by extension."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ArticleError(path, f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    return _EXTENSIONS.get(suffix, "text")


def _lines(n: int) -> str:
    return "one non-empty line is" if n == 1 else f"{n} non-empty lines are"


def check_content(article: Article) -> Article:
    """`article`, or an error when it has nothing to translate (empty, or only noise)."""
    if article.paragraphs:
        return article
    if not article.set_aside:
        raise ArticleError(article.path, "empty article: it contains no text to translate")
    first = article.set_aside[0]
    raise ArticleError(
        article.path,
        f"nothing to translate: its {_lines(len(article.set_aside))} all web-scrape noise that is "
        f"set aside (line {first.line}: {first.text!r}); give the article's own text (a boilerplate "
        f"pattern that matches real text is removed in i18n/data/boilerplate/{article.lang}.txt)",
        line=first.line,
    )
