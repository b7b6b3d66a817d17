"""The Markdown reader (CommonMark, parsed by markdown-it-py): paragraphs, headings, list items
and block quotes are paragraphs; emphasis, links, inline code and images are placeholders.

`[text](url)` becomes `<n>text</n>` (the URL stays in the tag), `` `code` `` and images one
void placeholder `<n/>`; an image's alt text is an entry of its own, after its paragraph.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..langs import boilerplate_patterns
from ..model import Article, Paragraph, SetAside
from .inline import strip_placeholders

__all__ = ["parse_markdown", "markdown_blocks", "encode_inline", "inline_tag"]

_PAIRED = {"em_open": "em_close", "strong_open": "strong_close", "link_open": "link_close",
           "s_open": "s_close"}


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_blocks(text: str) -> Iterator[tuple[object, int]]:
    """(inline token, first line) of each paragraph and heading, in document order."""
    for token in _parser().parse(text):
        if token.type == "inline" and token.map is not None:
            yield token, token.map[0] + 1


def inline_tag(token) -> str:
    """How the reviewer sees placeholder `token` in the PO comment (`*`, `[…](url)`, `` `x` ``)."""
    if token.type == "link_open":
        title = token.attrs.get("title")
        return f"[…]({token.attrs.get('href', '')}" + (f' "{title}"' if title else "") + ")"
    if token.type == "code_inline":
        return f"{token.markup}{token.content}{token.markup}"
    if token.type == "image":
        return f"![…]({token.attrs.get('src', '')})"
    if token.type == "hardbreak":
        return "line break"
    if token.type in ("html_inline",):
        return token.content
    return token.markup


def encode_inline(token) -> tuple[str, tuple[str, ...], list[str]]:
    """The inline token's text with placeholders, their tags, and the alt texts of its images."""
    parts: list[str] = []
    tags: list[str] = []
    alts: list[str] = []
    stack: list[int] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind in _PAIRED:
            tags.append(inline_tag(child))
            stack.append(len(tags))
            parts.append(f"<{len(tags)}>")
        elif kind in _PAIRED.values():
            parts.append(f"</{stack.pop()}>")
        else:  # code_inline, image, hardbreak, html_inline
            tags.append(inline_tag(child))
            parts.append(f"<{len(tags)}/>")
            if kind == "image" and child.content.strip():
                alts.append(child.content.strip())
    return "".join(parts).strip(), tuple(tags), alts


def markdown_entries(text: str, patterns) -> Iterator[tuple[Any, list[Paragraph | SetAside | None]]]:
    """For each block (its inline token): its entries, the block's text first, then the alt
    text of each image that has one; each a Paragraph (numbered from 0 over the document), a
    SetAside (noise) or None (nothing to translate). The reader and the writer walk this."""
    index = 0
    for token, line in markdown_blocks(text):
        para, tags, alts = encode_inline(token)
        items: list[Paragraph | SetAside | None] = []
        for body, body_tags, attribute in [(para, tags, ""), *((alt, (), "alt") for alt in alts)]:
            hit = next((p for p in patterns if p.fullmatch(strip_placeholders(body))), None) if body else None
            if not body:
                items.append(None)
            elif hit is not None:
                items.append(SetAside(line=line, text=body, pattern=hit.pattern))
            else:
                items.append(Paragraph(index=index, line=line, text=body, tags=body_tags, attribute=attribute))
                index += 1
        yield token, items


def parse_markdown(text: str, lang: str, *, path: Path, data: Path | None = None) -> Article:
    """An Article from Markdown: its blocks and image alt texts, noise set aside."""
    article = Article(path=path, lang=lang, data=data, format="markdown")
    for _token, items in markdown_entries(text, boilerplate_patterns(lang, data)):
        article.paragraphs += [i for i in items if isinstance(i, Paragraph)]
        article.set_aside += [i for i in items if isinstance(i, SetAside)]
    return article
