"""Language codes, aliases and per-language data files (abbreviations, boilerplate).

Language knowledge lives in text files under `i18n/data/`, one item per line, so that an
editor can extend it without touching code. A language may inherit another's data through
FALLBACKS; the resolver refuses cycles. A project may keep its own folder with the same
layout (`[tool.i18n] data = "i18n-data"`): its lines add to the built-in ones, and a line
`!entry` removes the built-in `entry` (see `load_lines`).
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import LanguageError, UsageError

__all__ = [
    "CASE_PLAIN",
    "SUPPORTED",
    "LANGUAGE_NAMES",
    "normalize_lang",
    "retag",
    "lang_from_path",
    "article_lang",
    "parse_langs",
    "parse_targets",
    "data_chain",
    "load_lines",
    "abbreviations",
    "sentence_starters",
    "boilerplate_patterns",
]

SUPPORTED: tuple[str, ...] = ("id", "en", "ru", "vi")

LANGUAGE_NAMES = {"id": "Indonesian", "en": "English", "ru": "Russian", "vi": "Vietnamese"}

# ISO 639-2/3 codes, the retired ISO 639-1 code for Indonesian and common names.
ALIASES = {
    "ind": "id", "in": "id", "indonesian": "id", "bahasa": "id",
    "eng": "en", "english": "en",
    "rus": "ru", "russian": "ru",
    "vie": "vi", "vietnamese": "vi",
}

# Data inheritance: every language also reads the "common" files.
FALLBACKS = {"id": "common", "en": "common", "ru": "common", "vi": "common", "common": None}

_REGION = re.compile(r"[-_@.].*$")

# Characters whose case `re.IGNORECASE` compares as str.lower() does, one for one: ASCII,
# Cyrillic, spaces, dashes, quotes. Their case partners that `re` also accepts (ı for i, ſ for
# s, ᲀ for в: re._casefix) and İ (two characters in lower case) lie outside, so a text and
# patterns written in these alone match case-insensitively exactly where their lower-cased
# strings match case-sensitively, at the same offsets (tests/test_glossary_written.py
# compares every pair with `re`).
CASE_PLAIN = re.compile(r"[\x00-\x7f\u00a0\u00ab\u00bb\u0400-\u04ff\u2010-\u2015\u2018-\u201f\u2026]*")


def normalize_lang(code: str) -> str:
    """Return the supported code for `code` (`ID`, `id_ID`, `ind`, `en-US` -> `id`, `en`)."""
    raw = (code or "").strip()
    base = _REGION.sub("", raw.lower())
    base = ALIASES.get(base, base)
    if base not in SUPPORTED:
        supported = ", ".join(f"{c} ({LANGUAGE_NAMES[c]})" for c in SUPPORTED)
        raise LanguageError(
            f"unknown language code {raw!r}: supported languages are {supported}"
        )
    return base


def retag(value: str, source: str, target: str) -> str | None:
    """The language tag a translated document declares where the source declared `value`:
    `target` when `value` names the source language (`id`, `id-ID`, `ID`), else None (a
    tag of another language, or none, is left as the author wrote it)."""
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return target if primary and ALIASES.get(primary, primary) == source and source != target else None


def lang_from_path(path) -> str | None:
    """`articles/id/x.txt`, `locales/ru/LC_MESSAGES/x.po` -> the nearest folder named by a
    supported code, or None."""
    for part in reversed(Path(path).parent.parts):
        if part in SUPPORTED:
            return part
    return None


def article_lang(lang: str | None, path, option: str = "--lang") -> str:
    """The language of the article at `path`: `lang` when given, else its folder's name."""
    found = lang or lang_from_path(path)
    if found is None:
        raise UsageError(
            f"cannot tell the language of {path}: give {option} "
            f"(one of {', '.join(SUPPORTED)}) or keep articles under articles/<lang>/"
        )
    return found


def parse_langs(value: str) -> list[str]:
    """Parse a comma-separated list of language codes, keeping order, without duplicates."""
    out: list[str] = []
    for part in value.split(","):
        if part.strip():
            code = normalize_lang(part)
            if code not in out:
                out.append(code)
    if not out:
        raise LanguageError("no language given: name at least one of " + ", ".join(SUPPORTED))
    return out


def parse_targets(value: str) -> list[str] | None:
    """`--to`: comma-separated codes, or `all` (None: every language but each article's own)."""
    return None if value.strip().lower() == "all" else parse_langs(value)


def data_chain(lang: str) -> list[str]:
    """The data files a language reads, most specific first (`vi` -> `vi`, `common`)."""
    chain: list[str] = []
    cur: str | None = lang
    while cur is not None:
        if cur in chain:
            raise LanguageError(f"language data fallback loops: {' -> '.join(chain + [cur])}")
        chain.append(cur)
        cur = FALLBACKS.get(cur)
    return chain


def load_lines(kind: str, name: str, data: Path | None = None) -> list[str]:
    """Read `i18n/data/<kind>/<name>.txt`: stripped lines, without blanks and `#` comments.

    With a project `data` folder, `<data>/<kind>/<name>.txt` is read after it: its lines are
    added, and a line `!entry` drops `entry` (a built-in line the project does not want).
    """
    try:
        text = resources.files("i18n").joinpath("data").joinpath(kind).joinpath(f"{name}.txt").read_text("utf-8")
    except FileNotFoundError:
        text = ""
    lines = _data_lines(text)
    if data is not None:
        own = Path(data) / kind / f"{name}.txt"
        if own.is_file():
            try:
                extra = own.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise LanguageError(f"{own}: cannot read the project language data: {exc}; save it as UTF-8") from None
            for line in _data_lines(extra):
                if line.startswith("!"):
                    drop = line[1:].strip()
                    lines = [x for x in lines if x != drop]
                elif line not in lines:
                    lines.append(line)
    return lines


def _data_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@cache
def abbreviations(lang: str, data: Path | None = None) -> frozenset[str]:
    """Abbreviations (without their final full stop) after which a sentence does not end.

    An entry written `No. #` in the data is returned as `No#`: an abbreviation only
    before a number; `U.S. ?` as `U.S?`: ambiguous, it ends a sentence before a word of
    `sentence_starters(lang)`; `долл. $` as `долл$`: an abbreviation before a word in
    capitals (a currency acronym, `США`), a sentence end before any other capital.
    """
    words: set[str] = set()
    for name in data_chain(normalize_lang(lang)):
        for entry in load_lines("abbreviations", name, data):
            word, _, marker = entry.partition(" ")
            marker = marker.strip()
            words.add(word.rstrip(".") + (marker if marker in ("#", "?", "$") else ""))
    return frozenset(words)


@cache
def sentence_starters(lang: str, data: Path | None = None) -> frozenset[str]:
    """Words that often open a sentence: after an ambiguous abbreviation they end one."""
    words: set[str] = set()
    for name in data_chain(normalize_lang(lang)):
        words.update(load_lines("starters", name, data))
    return frozenset(words)


@cache
def boilerplate_patterns(lang: str, data: Path | None = None) -> tuple[re.Pattern[str], ...]:
    """Compiled whole-line patterns for scrape noise (`[iklan_2]`, `Komentar (0)`, ...)."""
    patterns = []
    for name in data_chain(normalize_lang(lang)):
        for line in load_lines("boilerplate", name, data):
            try:
                patterns.append(re.compile(line, re.IGNORECASE))
            except re.error as exc:
                where = f"{data}/boilerplate/{name}.txt" if data is not None else f"i18n/data/boilerplate/{name}.txt"
                raise LanguageError(
                    f"{where}: boilerplate pattern {line!r} is not a valid regular expression ({exc}); fix or remove it"
                ) from None
    return tuple(patterns)
