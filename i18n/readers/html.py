"""The HTML reader: blocks are paragraphs, inline elements placeholders, attributes entries.

Parsed with lxml (libxml2 2.14, whose HTML parser tokenizes as HTML5 does): 1.6 ms for a
50 KB news page against 0.7 ms for selectolax (lexbor) and 31 ms for html5lib; lxml is the
one whose tree keeps source line numbers (PO references, error messages) and whose
text/tail model lets `i18n apply` rebuild a block's inline markup around translated text.

An element that holds text and no block-level element is a paragraph (`<p>`, `<h2>`, `<li>`,
`<figcaption>`, `<td>`, also a `<div>` of text); inside it, each element is a numbered
placeholder: paired (`<1>Kim Jong Un</1>` for `<a href=…>`) or void (`<2/>` for `<br>`,
`<img>`, and `<code>`, whose text is not translated). What `i18n/data/markup/drop.txt` names
(script, style, nav, ads and related-link boxes by class or role) is not content. `alt` and
`title` attributes are entries of their own, after the paragraph that holds them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..langs import boilerplate_patterns, load_lines
from ..model import Article, Paragraph, SetAside
from .inline import strip_placeholders

__all__ = ["parse_html", "html_blocks", "drop_rules", "encode_block", "BLOCK_TAGS", "VOID_TAGS"]

# Elements that break the flow of text: one holding none of these (and some text) is a paragraph.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p section summary table "
    "tbody td tfoot th thead title tr ul head".split()
)
# Inline elements without translatable text of their own: one placeholder `<n/>`.
VOID_TAGS = frozenset("br wbr img code kbd samp var math input".split())
ATTRIBUTES = ("alt", "title")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; a no-break space is text


@cache
def drop_rules(data: Path | None = None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(tags, classes, roles) that are not content, from `markup/drop.txt` (+ the project's)."""
    tags: set[str] = set()
    classes: set[str] = set()
    roles: set[str] = set()
    for line in load_lines("markup", "drop", data):
        kind, _, name = line.partition(":")
        {"tag": tags, "class": classes, "role": roles}.get(kind.strip(), set()).add(name.strip().lower())
    return frozenset(tags), frozenset(classes), frozenset(roles)


def is_dropped(el, rules) -> bool:
    """Whether element `el` is not content (script, nav, an ad or related-links box...)."""
    tags, classes, roles = rules
    if not isinstance(el.tag, str):
        return True  # a comment or processing instruction
    if el.tag.lower() in tags or (el.get("role") or "").lower() in roles:
        return True
    for token in (el.get("class") or "").lower().split():
        if token in classes or any(part in classes for part in token.split("-")):
            return True
    return False


def _holds_block(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag.lower() in BLOCK_TAGS for d in el.iterdescendants())


def _has_text(el) -> bool:
    return bool((el.text or "").strip()) or any(
        (c.tail or "").strip() or (isinstance(c.tag, str) and _has_text(c)) for c in el
    )


def html_blocks(root, rules) -> Iterator[tuple[Any, str | None]]:
    """(element, None) for each paragraph and (element, attribute) for each translatable
    attribute, in document order. The writer walks the same sequence."""
    if is_dropped(root, rules):
        return
    name = root.tag.lower()
    if name in BLOCK_TAGS and not _holds_block(root):
        if _has_text(root):
            yield root, None
        for el in root.iter():
            if el is not root and is_dropped(el, rules):
                continue
            yield from ((el, a) for a in ATTRIBUTES if (el.get(a) or "").strip())
        return
    yield from ((root, a) for a in ATTRIBUTES if (root.get(a) or "").strip())
    for child in root:
        if isinstance(child.tag, str):
            yield from html_blocks(child, rules)


def start_tag(el) -> str:
    """The element's start tag as written back (`<a href="https://…">`)."""
    attrs = "".join(f' {k}="{_quote(v)}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


def _quote(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def encode_block(el, rules) -> tuple[str, tuple[str, ...]]:
    """A block's text with its inline elements as numbered placeholders, and their tags."""
    tags: list[str] = []
    text = _SPACE.sub(" ", _encode(el, rules, tags)).strip()
    return text, tuple(tags)


def _encode(el, rules, tags: list[str]) -> str:
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        tags.append(start_tag(child))
        n = len(tags)
        if child.tag.lower() in VOID_TAGS or is_dropped(child, rules):
            parts.append(f"<{n}/>")
        else:
            parts.append(f"<{n}>{_encode(child, rules, tags)}</{n}>")
        parts.append(child.tail or "")
    return "".join(parts)


def parse_document(text: str):
    """The lxml tree of `text`; a fragment (a CMS `body_html`) is wrapped in html/body."""
    import lxml.html

    return lxml.html.document_fromstring(text or "<p></p>")


def parse_html(text: str, lang: str, *, path: Path, data: Path | None = None) -> Article:
    """An Article from HTML: its paragraphs and attribute entries, noise set aside."""
    rules = drop_rules(data)
    patterns = boilerplate_patterns(lang, data)
    article = Article(path=path, lang=lang, data=data)
    for el, attr in html_blocks(parse_document(text), rules):
        line = el.sourceline or 1
        if attr is None:
            para, tags = encode_block(el, rules)
        else:
            para, tags = _SPACE.sub(" ", el.get(attr)).strip(), ()
        hit = next((p for p in patterns if p.fullmatch(strip_placeholders(para))), None)
        if hit is not None:
            article.set_aside.append(SetAside(line=line, text=para, pattern=hit.pattern))
            continue
        article.paragraphs.append(
            Paragraph(index=len(article.paragraphs), line=line, text=para, tags=tags, attribute=attr or "")
        )
    return article
