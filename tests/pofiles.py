"""Checks shared by the PO test modules: every file we write must satisfy three readers."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from i18n.catalog.po import read_po, render_po


def msgfmt_problems(path: Path) -> str | None:
    """GNU msgfmt's complaints about `path` ('' when none); None when msgfmt is missing."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    proc = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    return proc.stderr if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr}"


def assert_valid_po(path: Path) -> None:
    """msgfmt accepts the file silently; polib and Babel read back the same entries."""
    problems = msgfmt_problems(path)
    if problems and path.suffix == ".pot":
        # A template names no target language (gettext's convention, which msginit, Poedit
        # and Weblate rely on); msgfmt remarks on it and on nothing else.
        lines = [ln for ln in problems.splitlines() if "'Language' still has the initial default" not in ln]
        problems = "\n".join(lines)
    assert problems in (None, ""), problems
    text = path.read_text("utf-8")
    po = read_po(path)
    assert render_po(po) == text, "polib does not read back what was written"
    assert babel_view(path) == polib_view(po)


def polib_view(po) -> list[tuple]:
    """What a PO file says, entry by entry, as seen through polib."""
    out = []
    for e in po:
        out.append((
            bool(e.obsolete),
            e.msgctxt,
            e.msgid,
            e.msgstr,
            "fuzzy" in e.flags,
            [] if e.obsolete else [(f, int(n)) for f, n in e.occurrences],
            [] if e.obsolete else (e.comment.split("\n") if e.comment else []),
            e.tcomment.split("\n") if e.tcomment else [],
            e.previous_msgid,
        ))
    return sorted(out, key=repr)


def babel_view(path: Path) -> list[tuple]:
    """The same, as seen through Babel's reader."""
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as fh:
        cat = babel_read_po(fh, abort_invalid=True)
    out = []
    messages = [(False, m) for m in cat if m.id] + [(True, m) for m in cat.obsolete.values()]
    for obsolete, m in messages:
        out.append((
            obsolete,
            m.context,
            m.id,
            m.string,
            m.fuzzy,
            [] if obsolete else [(f, n) for f, n in m.locations],
            [] if obsolete else list(m.auto_comments),
            [c for c in m.user_comments if not c.startswith("|")],
            _previous_msgid(m.user_comments),
        ))
    return sorted(out, key=repr)


def _previous_msgid(comments: list[str]) -> str | None:
    """Babel reads `#| msgid "..."` lines as user comments: rebuild the previous msgid."""
    from babel.messages.pofile import unescape

    parts = [c[1:].strip() for c in comments if c.startswith("|")]
    if not parts:
        return None
    assert parts[0].startswith("msgid "), parts
    parts[0] = parts[0][len("msgid "):]
    return "".join(unescape(p) for p in parts)
