"""The ninjs reader (IPTC's JSON for news items, 1.x): `headline`, `description_text` and
`body_html` are translated, every other member is left alone.

A thin layer over the HTML reader: the headline and the description are one paragraph each,
the body is read (and written back) by `readers.html`. Paragraph lines are the JSON file's
lines (a body paragraph: the body's line plus its line inside the HTML), so PO references
point into the file. The writer replaces those three string values in the JSON text and
nothing else, so the rest of the item stays byte for byte as it was.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ArticleError
from ..langs import boilerplate_patterns, retag
from ..model import Article, Paragraph, SetAside
from .html import parse_html, write_html

__all__ = ["FIELDS", "parse_ninjs", "write_ninjs"]

FIELDS = ("headline", "description_text", "body_html")  # in reading order
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Value:
    """A top-level string member of the item: its key, text and where its JSON string stands."""

    key: str
    text: str
    start: int
    end: int
    line: int


def _members(document: str, path: Path) -> dict[str, _Value]:
    """The item's top-level string members by key, with their spans in `document`."""
    decoder = json.JSONDecoder()
    try:
        item, _ = decoder.raw_decode(document, len(document) - len(document.lstrip()))
    except json.JSONDecodeError as exc:
        raise ArticleError(path, f"is not valid JSON: {exc.msg}; a ninjs item is one JSON object", line=exc.lineno) from None
    if not isinstance(item, dict):
        raise ArticleError(path, "is JSON but not an object: a ninjs item is one JSON object with body_html")
    out: dict[str, _Value] = {}
    pos = document.index("{") + 1
    for _ in range(len(item)):
        pos = document.index('"', pos)
        key, pos = json.decoder.scanstring(document, pos + 1)  # type: ignore[attr-defined]
        pos = document.index(":", pos) + 1
        pos += len(document[pos:]) - len(document[pos:].lstrip())
        start = pos
        value, pos = decoder.raw_decode(document, pos)
        if isinstance(value, str):
            out[key] = _Value(key, value, start, pos, document.count("\n", 0, start) + 1)
        pos = document.index(",", pos) + 1 if document[pos:].lstrip().startswith(",") else pos
    return out


def _entries(members: dict[str, _Value], lang: str, path: Path, data: Path | None) -> Iterator[tuple[_Value, Article]]:
    """Each translated member of `members` (`_members`) and the Article of it alone
    (paragraphs numbered from 0)."""
    for key in FIELDS:
        value = members.get(key)
        if value is None:
            continue
        if key == "body_html":
            body = parse_html(value.text, lang, path=path, data=data)
            shift = value.line - 1
            body.paragraphs = [replace(p, line=p.line + shift) for p in body.paragraphs]
            body.set_aside = [replace(s, line=s.line + shift) for s in body.set_aside]
            yield value, body
            continue
        part = Article(path=path, lang=lang, data=data)
        text = _SPACE.sub(" ", value.text).strip()
        hit = next((p for p in boilerplate_patterns(lang, data) if p.fullmatch(text)), None)
        if hit is not None:
            part.set_aside.append(SetAside(line=value.line, text=text, pattern=hit.pattern))
        elif text:
            part.paragraphs.append(Paragraph(index=0, line=value.line, text=text))
        yield value, part


def parse_ninjs(text: str, lang: str, *, path: Path, data: Path | None = None) -> Article:
    """An Article from a ninjs item: headline, description, then the body's paragraphs."""
    article = Article(path=path, lang=lang, data=data, format="ninjs")
    for _value, part in _entries(_members(text, path), lang, path, data):
        shift = len(article.paragraphs)
        article.paragraphs += [replace(p, index=p.index + shift) for p in part.paragraphs]
        article.set_aside += part.set_aside
    return article


def write_ninjs(document: str, article: Article, texts: Mapping[int, str], *, lang: str | None = None) -> str:
    """`document` with its headline, description and body translated (`texts[n]` is paragraph
    n's text); a member whose text did not change is written exactly as it was. The item's
    `language`, where it names the source language, names `lang` (the translation's)."""
    edits: list[tuple[int, int, str]] = []
    members = _members(document, article.path)
    declared = members.get("language")
    tag = retag(declared.text, article.lang, lang) if declared is not None and lang is not None else None
    if declared is not None and tag is not None:
        edits.append((declared.start, declared.end, json.dumps(tag)))
    shift = 0
    for value, part in _entries(members, article.lang, article.path, article.data):
        mine = {p.index: texts.get(p.index + shift, p.text) for p in part.paragraphs}
        shift += len(part.paragraphs)
        if not part.paragraphs:
            continue
        new = write_html(value.text, part, mine) if value.key == "body_html" else mine[0]
        if new != value.text:
            edits.append((value.start, value.end, json.dumps(new, ensure_ascii=False)))
    for start, end, raw in sorted(edits, reverse=True):
        document = document[:start] + raw + document[end:]
    return document
