"""Inline markup as numbered placeholders: `<1>Kim</1>` (paired), `<2/>` (a void element).

The form is the one Weblate and Pontoon show for XML-ish placeholders, readable in Poedit;
the original tag of each number is kept beside the text (`Paragraph.tags`) and shown to the
reviewer in an extracted comment (`tag_notes`). A translation must carry the source's
placeholders over: each exactly once, every pair closed, none moved into or out of another
pair (`markup_problems`: what the `markup` check, the engine and `i18n apply` rely on).
Sibling pairs may change order (word order differs between languages).
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator

__all__ = [
    "PLACEHOLDER", "placeholders", "balanced", "strip_placeholders", "tokens", "markup_problems",
    "tag_notes", "TAG_NOTE", "entity_spellings",
]

PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")
# An extracted-comment line naming a placeholder's original tag: `<1> = <strong>`.
TAG_NOTE = re.compile(r"^<\d+/?> = ")
_NOTE_WIDTH = 76  # `#. ` + a line polib will not wrap


def placeholders(text: str) -> list[str]:
    """The placeholders of `text` in order, as written (`<1>`, `</1>`, `<2/>`)."""
    return [m.group() for m in PLACEHOLDER.finditer(text)]


def tokens(text: str) -> Iterator[tuple[str, str | int]]:
    """`text` as ("text", str), ("open", n), ("close", n) and ("void", n) items, in order."""
    last = 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > last:
            yield "text", text[last : m.start()]
        closing, num, void = m.groups()
        yield ("void" if void else "close" if closing else "open"), int(num)
        last = m.end()
    if last < len(text):
        yield "text", text[last:]


def balanced(text: str) -> bool:
    """Whether every `<n>` in `text` is closed by its `</n>`, properly nested."""
    return _nesting(text)[1] is None


def _nesting(text: str) -> tuple[dict[str, int], str | None]:
    """Each placeholder's enclosing pair number (0: none), and the first nesting error."""
    parent: dict[str, int] = {}
    stack: list[int] = []
    for kind, num in tokens(text):
        if kind == "text":
            continue
        n = int(num)
        if kind in ("open", "void"):
            parent.setdefault(f"<{n}/>" if kind == "void" else f"<{n}>", stack[-1] if stack else 0)
            if kind == "open":
                stack.append(n)
        elif not stack:
            return parent, f"</{n}> closes a tag that is not open"
        elif stack[-1] != n:
            return parent, f"</{n}> closes <{n}> while <{stack[-1]}> inside it is still open"
        else:
            stack.pop()
    if stack:
        return parent, f"<{stack[-1]}> is not closed: add </{stack[-1]}> after the words it marks"
    return parent, None


def markup_problems(source: str, target: str) -> list[str]:
    """What is wrong with the placeholders of `target`, a translation of `source` (none: [])."""
    if "<" not in source and "<" not in target:
        return []
    want, got = Counter(placeholders(source)), Counter(placeholders(target))
    if not want and not got:
        return []
    out = _listed(want - got, "is missing; put it back around the words it marks", "is missing; keep it")
    out += _listed(got - want, "is not in the source", "is not in the source", want)
    if out:
        return out
    source_parent, _ = _nesting(source)
    target_parent, error = _nesting(target)
    if error is not None:
        return [f"tags are unbalanced: {error}"]
    for p, outer in source_parent.items():
        if target_parent.get(p) != outer:
            where = f"inside <{outer}>…</{outer}>" if outer else "outside every other tag"
            now = target_parent.get(p)
            moved = f"inside <{now}>…</{now}>" if now else "outside"
            out.append(f"{p} is {where} in the source but {moved} in the translation; keep the nesting")
    return out


def _listed(counts: Counter, pair_says: str, one_says: str, source: Counter | None = None) -> list[str]:
    """Messages for the placeholders in `counts`; a pair whose two tags are both listed is
    named once (`<1>…</1>`). With `source`, one it holds is reported as repeated."""
    out = []
    for p in sorted(counts, key=lambda p: (int(PLACEHOLDER.fullmatch(p).group(2)), "/" in p)):  # type: ignore[union-attr]
        num = PLACEHOLDER.fullmatch(p).group(2)  # type: ignore[union-attr]
        if p == f"</{num}>" and f"<{num}>" in counts:
            continue  # said with its opening tag
        name = f"<{num}>…</{num}>" if p == f"<{num}>" and f"</{num}>" in counts else p
        if source is not None and p in source:
            out.append(f"{name} is there {source[p] + counts[p]} times, the source has it {source[p]}")
        else:
            out.append(f"{name} {pair_says if '…' in name else one_says}")
    return out


def strip_placeholders(text: str) -> str:
    """The text a reader sees: placeholders removed."""
    return PLACEHOLDER.sub("", text)


def tag_notes(text: str, tags: tuple[str, ...]) -> list[str]:
    """One comment line per placeholder of `text`: `<1> = <strong>`, `<2/> = <br>` (shortened)."""
    out = []
    for kind, num in tokens(text):
        if kind in ("open", "void") and 0 < int(num) <= len(tags):
            line = f"<{num}{'/' if kind == 'void' else ''}> = {tags[int(num) - 1]}"
            line = " ".join(line.split())
            if len(line) > _NOTE_WIDTH:
                line = line[: _NOTE_WIDTH - 2] + "…" + line[-1]  # keep the closing `>` or `)`
            out.append(line)
    return out


_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def entity_spellings(document: str) -> dict[str, str]:
    """Each character `document` writes as an entity (`&nbsp;`, `&ldquo;`, `&#8212;`), and the
    entity it is first written as: writers spell a translation's characters the same way.
    The escapes of markup itself (`&amp;`, `&lt;`, `&gt;`, quotes) are the writer's own."""
    out: dict[str, str] = {}
    for m in _ENTITY.finditer(document):
        ch = html.unescape(m.group())
        if len(ch) == 1 and ch not in "&<>\"'" and ch not in out:
            out[ch] = m.group()
    return out
