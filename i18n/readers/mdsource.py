"""Where each inline token of a Markdown block stands in its source text.

markdown-it-py gives a block's raw inline source (`token.content`) and its parsed children,
but no offsets for the children. `raw_pieces` walks both together, token by token, so the
writer can put back a link's `](url "title")`, an image's `](src)`, a code span or a hard
break exactly as the author wrote them, and reuse a run of text written with escapes or
entities (`\\*`, `&amp;`) when its translation is unchanged. A source it cannot follow gives
None, and the writer falls back to the canonical form of each token (same rendering).
"""
from __future__ import annotations

import html
import re

__all__ = ["raw_pieces", "canonical_piece"]

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SOFTBREAK = re.compile(r"[ \t]*\n[ \t]*")
_HARDBREAK = re.compile(r"(?:\\|[ \t]{2,})\n[ \t]*")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PAIRED = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def raw_pieces(children, src: str) -> list[str] | None:
    """The source text of each token of `children` (an inline token's), which together make
    up `src`; None when the tokens cannot be followed through the source."""
    pos, out = 0, []
    for tok in children:
        end = _match(tok, src, pos)
        if end is None:
            return None
        out.append(src[pos:end])
        pos = end
    return out if not src[pos:].strip() else None


def _match(tok, src: str, pos: int) -> int | None:
    """Where the source of `tok` ends when it starts at `pos`; None if it does not."""
    kind = tok.type
    if kind == "text":
        return _match_text(tok.content, src, pos)
    if kind in ("softbreak", "hardbreak"):
        m = (_SOFTBREAK if kind == "softbreak" else _HARDBREAK).match(src, pos)
        return m.end() if m else None
    if kind in _PAIRED or kind == "html_inline":
        lit = tok.markup if kind in _PAIRED else tok.content
        return pos + len(lit) if lit and src.startswith(lit, pos) else None
    if kind == "link_open":
        lit = "<" if tok.markup == "autolink" else "["
        return pos + 1 if src.startswith(lit, pos) else None
    if kind == "link_close":
        if tok.markup == "autolink":
            return pos + 1 if src.startswith(">", pos) else None
        return _link_tail(src, pos + 1) if src.startswith("]", pos) else None
    if kind == "image":
        label = f"![{tok.content}]"
        return _link_tail(src, pos + len(label)) if src.startswith(label, pos) else None
    if kind == "code_inline":
        run = tok.markup
        if not src.startswith(run, pos):
            return None
        m = re.compile(r"(?<!`)" + re.escape(run) + r"(?!`)").search(src, pos + len(run))
        return m.end() if m else None
    return None


def _match_text(text: str, src: str, pos: int) -> int | None:
    """Follow `text` through `src` from `pos`, where a character may be written as itself,
    backslash-escaped or as an entity."""
    n = len(src)
    for ch in text:
        if pos < n and src[pos] == ch:
            pos += 1
        elif ch in _PUNCT and src.startswith("\\" + ch, pos):
            pos += 2
        elif pos < n and src[pos] == "&" and (m := _ENTITY.match(src, pos)) and html.unescape(m.group()) == ch:
            pos = m.end()
        else:
            return None
    return pos


def _skip_space(src: str, pos: int) -> int:
    while pos < len(src) and src[pos] in " \t\n":
        pos += 1
    return pos


def _link_tail(src: str, pos: int) -> int | None:
    """The end of what follows a link's `]`: `(url "title")`, `[ref]`, `[]` or nothing."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n = len(src)
    if src.startswith("(", pos):
        i = _skip_space(src, pos + 1)
        dest = parseLinkDestination(src, i, n)
        if dest.ok:
            i = _skip_space(src, dest.pos)
            title = parseLinkTitle(src, i, n)
            if title.ok:
                i = _skip_space(src, title.pos)
        if src.startswith(")", i):
            return i + 1
    if src.startswith("[", pos):
        end = src.find("]", pos + 1)
        return end + 1 if end >= 0 else None
    return pos


def canonical_piece(tok, opener=None) -> str:
    """The Markdown for `tok` when its source cannot be followed (renders the same); a
    link_close needs its `opener` (the link_open) for the URL."""
    kind = tok.type
    if kind in _PAIRED:
        return str(tok.markup)
    if kind == "link_open":
        return "<" if tok.markup == "autolink" else "["
    if kind == "link_close":
        if tok.markup == "autolink" or opener is None:
            return ">" if tok.markup == "autolink" else "]"
        return "]" + _destination(opener.attrs.get("href", ""), opener.attrs.get("title"))
    if kind == "image":
        return f"![{tok.content}]" + _destination(tok.attrs.get("src", ""), tok.attrs.get("title"))
    if kind == "code_inline":
        return f"{tok.markup}{tok.content}{tok.markup}"
    if kind == "hardbreak":
        return "\\\n"
    if kind == "softbreak":
        return "\n"
    return str(tok.content)


def _destination(url: str, title: object) -> str:
    url = f"<{url}>" if (" " in url or not url) else url
    return f"({url}" + (f' "{title}"' if title else "") + ")"
