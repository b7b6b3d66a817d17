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
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..langs import boilerplate_patterns, load_lines, retag
from ..model import Article, Paragraph, SetAside
from .inline import entity_spellings, strip_placeholders, tokens

__all__ = [
    "parse_html", "write_html", "html_blocks", "html_entries", "drop_rules", "encode_block", "fill_block",
    "serialize_html", "BLOCK_TAGS", "VOID_TAGS",
]

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


def html_entries(root, rules, patterns) -> Iterator[tuple[Any, str | None, Paragraph | SetAside]]:
    """(element, attribute, what it gives) for each block and translatable attribute of the tree
    under `root`: a Paragraph (index 0 upwards) or, for web-scrape noise, a SetAside. The
    reader and the writer walk this one sequence, so paragraph n is the same element in both."""
    index = 0
    for el, attr in html_blocks(root, rules):
        line = el.sourceline or 1
        if attr is None:
            para, tags = encode_block(el, rules)
        else:
            para, tags = _SPACE.sub(" ", el.get(attr)).strip(), ()
        hit = next((p for p in patterns if p.fullmatch(strip_placeholders(para))), None)
        if hit is not None:
            yield el, attr, SetAside(line=line, text=para, pattern=hit.pattern)
            continue
        yield el, attr, Paragraph(index=index, line=line, text=para, tags=tags, attribute=attr or "")
        index += 1


def parse_html(text: str, lang: str, *, path: Path, data: Path | None = None) -> Article:
    """An Article from HTML: its paragraphs and attribute entries, noise set aside."""
    article = Article(path=path, lang=lang, data=data, format="html")
    for _el, _attr, item in html_entries(parse_document(text), drop_rules(data), boilerplate_patterns(lang, data)):
        (article.paragraphs if isinstance(item, Paragraph) else article.set_aside).append(item)  # type: ignore[arg-type]
    return article


def write_html(document: str, article: Article, texts: Mapping[int, str], *, lang: str | None = None) -> str:
    """`document` (the HTML the article was read from) with paragraph n's text replaced by
    `texts[n]`: blocks rebuilt around it, placeholders back to their elements, attributes set.

    The tree is written as lxml serialises it (see `serialize_html`); every element, attribute
    and piece of non-content (scripts, navigation, noise blocks) stays as it was, but for a
    page's `<html lang>` (and `xml:lang`): where it names the source language, it names
    `lang`, the translation's, so that browsers, screen readers and search engines read the
    page in its language.
    """
    root = parse_document(document)
    entries = [(el, attr, item) for el, attr, item in html_entries(
        root, drop_rules(article.data), boilerplate_patterns(article.lang, article.data)) if isinstance(item, Paragraph)]
    if len(entries) != len(article.paragraphs):
        raise ValueError(f"{article.path}: the document has {len(entries)} entries, the article {len(article.paragraphs)}")
    for el, attr, para in entries:
        text = texts.get(para.index, para.text)
        if attr is not None:
            el.set(attr, text)
        else:
            fill_block(el, text, drop_rules(article.data))
    if lang is not None and root.tag == "html":
        for key in ("lang", "xml:lang"):
            tag = retag(root.get(key) or "", article.lang, lang)
            if tag is not None:
                root.set(key, tag)
    return serialize_html(root, document)


def inline_elements(el, rules) -> list:
    """The inline elements of block `el` in placeholder order (`<1>` is the first): what
    `encode_block` numbered, the inside of void and dropped elements not entered."""
    out = []
    for child in el:
        if isinstance(child.tag, str):
            out.append(child)
            if not (child.tag.lower() in VOID_TAGS or is_dropped(child, rules)):
                out += inline_elements(child, rules)
    return out


def fill_block(el, text: str, rules) -> None:
    """Make `text` (placeholders and words) the content of block `el`, each placeholder its
    own element again, with its attributes; the block's outer white space is kept."""
    elements = inline_elements(el, rules)
    inner = _encode(el, rules, [])
    lead = inner[: len(inner) - len(inner.lstrip(" \t\n\r\f"))]
    trail = inner[len(inner.rstrip(" \t\n\r\f")) :]
    paired = {id(e) for e in elements if e.tag.lower() not in VOID_TAGS and not is_dropped(e, rules)}
    # Comments and processing instructions inside the block are not text: kept, at its end.
    others = [n for n in el.iterdescendants()
              if not isinstance(n.tag, str) and (n.getparent() is el or id(n.getparent()) in paired)]
    for container in [el, *(e for e in elements if id(e) in paired)]:
        container.text = None
        for child in list(container):
            container.remove(child)
    stack = [el]
    for kind, value in tokens(lead + text + trail):
        if kind == "text":
            _add_text(stack[-1], str(value))
            continue
        node = elements[int(value) - 1]
        if kind == "close":
            stack.pop()
            continue
        node.tail = None
        stack[-1].append(node)
        if kind == "open":
            stack.append(node)
    for node in others:
        node.tail = None
        el.append(node)


def _add_text(container, text: str) -> None:
    if len(container):
        container[-1].tail = (container[-1].tail or "") + text
    else:
        container.text = (container.text or "") + text


_RAW_TEXT = frozenset({"script", "style"})
_PRIVATE = 0xF0000  # plane-15 private use: a stand-in for a character to write as an entity


def serialize_html(root, document: str) -> str:
    """The tree as HTML text, as close to `document` as lxml writes: a page keeps its doctype,
    a fragment (no <html> tag, a CMS `body_html`) stays a fragment, the trailing white space
    is the source's, and a character the source wrote as an entity (`&nbsp;`, `&ldquo;`,
    `&#8212;`) is written as that entity again; `&amp;`, `&lt;`, `&gt;` as lxml escapes them."""
    import lxml.html

    spelled = entity_spellings(document)
    stand_in = {ch: chr(_PRIVATE + i) for i, ch in enumerate(spelled)}
    if stand_in:
        table = str.maketrans(stand_in)
        for el in root.iter():
            if isinstance(el.tag, str):
                if el.tag.lower() not in _RAW_TEXT and el.text:
                    el.text = el.text.translate(table)
                for key, value in el.attrib.items():
                    el.set(key, value.translate(table))
            if el.tail:
                el.tail = el.tail.translate(table)
    if re.search(r"<html[\s>]", document, re.IGNORECASE):
        doctype = root.getroottree().docinfo.doctype
        out = lxml.html.tostring(root, encoding="unicode", doctype=doctype or None)
    else:
        head, body = root.find("head"), root.find("body")
        parts = [] if head is None else [lxml.html.tostring(el, encoding="unicode") for el in head]
        if body is not None:
            parts = [*parts, body.text or "", *(lxml.html.tostring(el, encoding="unicode") for el in body)]
        out = "".join(parts)
    for ch, private in stand_in.items():
        out = out.replace(private, spelled[ch])
    return out.rstrip() + document[len(document.rstrip()) :]
