"""Writing a Markdown article back: the source lines, each block's text replaced.

Only the inline source of a translated block changes; block markers (`#`, `>`, `-`, `1.`,
indentation), blank lines, code blocks, HTML blocks and link definitions stay as written.
Inside a block, each placeholder becomes its source markup again (`**`, `[…](url "title")`,
`` `code` ``, `![alt](src)` with the translated alt), and a run of text the translation left
unchanged is written exactly as in the source (escapes, entities and line breaks included);
changed text is escaped where Markdown would read it as markup (`*`, `_`, `[`, `` ` ``...),
and a character the source wrote as an entity (`&nbsp;`) is written as that entity again.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..langs import boilerplate_patterns
from ..model import Article, Paragraph
from .inline import entity_spellings, tokens
from .markdown import markdown_entries
from .mdsource import canonical_piece, raw_pieces

__all__ = ["write_markdown"]

_OPENING = {"em_open", "strong_open", "link_open", "s_open"}
_CLOSING = {"em_close", "strong_close", "link_close", "s_close"}
_ESCAPE = re.compile(r"[\\`*_\[\]<]")
_BLOCK_START = re.compile(r"(#{1,6}(?=[ \t]|$)|[>+-](?=[ \t]|$))|(\d{1,9})(?=[.)](?:[ \t]|$))")


def write_markdown(document: str, article: Article, texts: Mapping[int, str], warnings: list[str] | None = None) -> str:
    """`document` with paragraph n's text replaced by `texts[n]` (see the module docstring).
    A block whose source lines cannot be found again is left as written, with a warning."""
    lines = document.split("\n")
    spelled = entity_spellings(document)
    replaced: dict[int, tuple[int, list[str]]] = {}
    for token, items in markdown_entries(document, boilerplate_patterns(article.lang, article.data)):
        block = items[0]
        if not isinstance(block, Paragraph):
            continue  # noise or empty: the block stays as written
        new = _inline(token, texts.get(block.index, block.text), items[1:], texts, spelled)
        placed = _place(lines, token, new)
        if placed is None:
            if warnings is not None:
                warnings.append(f"{article.path}:{block.line}: cannot find this block's text in its lines "
                                "again; it is left as written")
            continue
        replaced[token.map[0]] = placed
    out: list[str] = []
    skip_to = 0
    for n, line in enumerate(lines):
        if n in replaced:
            count, new_lines = replaced[n]
            out += new_lines
            skip_to = n + count
        elif n >= skip_to:
            out.append(line)
    return "\n".join(out)


def _inline(token, text: str, alts: list, texts: Mapping[int, str], spelled: dict[str, str]) -> str:
    """The block's new inline Markdown: `text`'s placeholders as the source's markup."""
    children = token.children or []
    raws = raw_pieces(children, token.content)
    pieces: dict[str, str] = {}  # "<1>", "</1>", "<2/>" -> markup
    runs: dict[str, str] = {}  # a run of text as the reader saw it -> its source
    stack: list[tuple[int, object]] = []
    run: list[tuple[str, str]] = []
    alt_items = iter(alts)
    number = 0
    for i, child in enumerate(children):
        raw = raws[i] if raws is not None else None
        if child.type in ("text", "softbreak"):
            seen = child.content if child.type == "text" else " "
            run.append((seen, raw if raw is not None else _escape(seen, spelled, False)))
            continue
        _keep_run(runs, run)
        if child.type in _OPENING:
            number += 1
            stack.append((number, child))
            pieces[f"<{number}>"] = raw if raw is not None else canonical_piece(child)
        elif child.type in _CLOSING:
            num, opener = stack.pop()
            pieces[f"</{num}>"] = raw if raw is not None else canonical_piece(child, opener)
        else:
            number += 1
            piece = raw if raw is not None else canonical_piece(child)
            if child.type == "image" and child.content.strip():
                piece = _image(child, piece, next(alt_items, None), texts)
            pieces[f"<{number}/>"] = piece
    _keep_run(runs, run)
    out: list[str] = []
    for kind, value in tokens(text):
        if kind == "text":
            out.append(runs.get(str(value)) or _escape(str(value), spelled, not out))
        else:
            out.append(pieces[{"open": "<{}>", "close": "</{}>", "void": "<{}/>"}[kind].format(value)])
    return "".join(out)


def _keep_run(runs: dict[str, str], run: list[tuple[str, str]]) -> None:
    if run:
        seen, raw = "".join(s for s, _ in run), "".join(r for _, r in run)
        runs.setdefault(seen, raw)
        runs.setdefault(seen.strip(), raw.strip())  # the block's text is stripped at its ends
        run.clear()


def _image(child, piece: str, alt: object, texts: Mapping[int, str]) -> str:
    """The image's markup with its alt text translated (as written when unchanged)."""
    label = f"![{child.content}]"
    if not isinstance(alt, Paragraph) or not piece.startswith(label):
        return piece
    new = texts.get(alt.index, alt.text)
    if new == alt.text:
        return piece
    return "![" + re.sub(r"(?<!\\)([\[\]])", r"\\\1", new) + "]" + piece[len(label):]


def _escape(text: str, spelled: dict[str, str], at_start: bool) -> str:
    """`text` as Markdown that reads as that text: markup characters backslash-escaped."""
    out = _ESCAPE.sub(lambda m: "\\" + m.group(), text)
    out = re.sub(r"&(?=#?[0-9A-Za-z]+;)", "&amp;", out)
    if spelled:
        out = "".join(spelled.get(c, c) for c in out)
    if at_start and (m := _BLOCK_START.match(out)):
        out = "\\" + out if m.group(1) else out[: m.end()] + "\\" + out[m.end():]
    return out


def _place(lines: list[str], token, new: str) -> tuple[int, list[str]] | None:
    """(how many source lines the block's text spans, the lines that replace them): each line
    keeps its prefix (`> `, `- `, `## `, indentation) and the last one its suffix."""
    first = token.map[0]
    content = token.content.split("\n")
    prefixes: list[str] = []
    suffix = ""
    for k, piece in enumerate(content):
        if first + k >= len(lines) or (at := lines[first + k].find(piece)) < 0:
            return None
        prefixes.append(lines[first + k][:at])
        suffix = lines[first + k][at + len(piece):]
    parts = new.split("\n")
    more = re.sub(r"[-+*]|\d{1,9}[.)]", lambda m: " " * len(m.group()), prefixes[-1])
    out = [(prefixes[j] if j < len(prefixes) else more) + part for j, part in enumerate(parts)]
    out[-1] += suffix
    return len(content), out
