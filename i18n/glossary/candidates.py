"""Glossary candidates: names and recurring terms in articles that the glossary lacks.

Two kinds, both outside every span the glossary already matches:
- a name: two or more capitalised words in a row (`Timur Jauh`, `Minh Duc`), a leading
  function word dropped (`Menurut Sputnik` is not a name);
- a term: a pair of lower-case content words that recurs (`luar angkasa`).
Function words per language are data in `i18n/data/stopwords/<lang>.txt`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from ..article import read_article
from ..counts import counted
from ..langs import LANGUAGE_NAMES, article_lang, load_lines, normalize_lang
from ..model import Segment
from ..segment import segment_article
from .matcher import SOFT, tokenize
from .model import Glossary

__all__ = ["Suggestion", "suggest_terms", "suggest_in_articles", "format_suggestions", "stopwords"]


@dataclass(frozen=True)
class Suggestion:
    """A glossary candidate with how often it occurs and where it first occurs."""

    text: str
    kind: str  # "name" | "term"
    count: int
    example: str  # the first sentence it occurs in
    where: str  # "articles/id/x.txt:3"


@cache
def stopwords(lang: str) -> frozenset[str]:
    """Function words of a language, casefolded."""
    return frozenset(w.casefold() for w in load_lines("stopwords", normalize_lang(lang)))


def suggest_terms(
    segments: Iterable[Segment], glossary: Glossary, lang: str, *, min_term_count: int = 2
) -> list[Suggestion]:
    """Candidates in `segments`: names (any count) and terms seen `min_term_count` times or more."""
    lang = normalize_lang(lang)
    stop = stopwords(lang)
    found: dict[tuple[str, str], list] = {}  # (kind, key) -> [text, count, example, where]
    for seg in segments:
        covered = [(m.start, m.end) for m in glossary.find_terms(seg.text, lang)]
        covered += [(m.start, m.end) for m in glossary.find_forbidden(seg.text, lang)]
        tokens = [(t, any(s < t[1] and t[0] < e for s, e in covered)) for t in tokenize(seg.text)]
        for kind, start, end in _names(tokens, stop) + _terms(tokens, stop):
            text = seg.text[start:end]
            key = (kind, text.casefold())
            entry = found.setdefault(key, [text, 0, seg.text, f"{seg.article}:{seg.line}"])
            entry[1] += 1
    out = [
        Suggestion(text, kind, count, example, where)
        for (kind, _), (text, count, example, where) in found.items()
        if kind == "name" or count >= min_term_count
    ]
    return sorted(out, key=lambda s: (-s.count, s.kind, s.text.casefold()))


def suggest_in_articles(
    articles: Iterable[Path], lang: str | None, glossary: Glossary, *, min_term_count: int = 2,
    data: Path | None = None,
) -> dict[str, list[Suggestion]]:
    """`suggest_terms` over the articles at these paths, per language (first seen first).

    Their language is `lang`, else each one's folder name, so the articles may mix languages.
    """
    by_lang: dict[str, list[Segment]] = {}
    for path in articles:
        code = article_lang(lang, path)
        by_lang.setdefault(code, []).extend(segment_article(read_article(path, code, data=data)))
    return {
        code: suggest_terms(segments, glossary, code, min_term_count=min_term_count)
        for code, segments in by_lang.items()
    }


def format_suggestions(found: dict[str, list[Suggestion]]) -> str:
    """`i18n glossary suggest`: count, kind, candidate and place, tab-separated, then the sentence;
    a `# LANG` heading per language when there are several."""
    lines = []
    for code, suggestions in found.items():
        if len(found) > 1:
            lines.append(f"# {code} ({LANGUAGE_NAMES[code]}): {counted(len(suggestions), 'candidate')}")
        for s in suggestions:
            lines += [f"{s.count}\t{s.kind}\t{s.text}\t{s.where}", f"\t\t{s.example}"]
    return "".join(line + "\n" for line in lines)


def _runs(tokens, keep) -> list[list]:
    """Maximal runs of kept, uncovered words joined by a space or a hyphen."""
    runs: list[list] = []
    current: list = []
    for tok, is_covered in tokens:
        if is_covered or not keep(tok) or (current and tok[3] != SOFT):
            if current:
                runs.append(current)
            current = [tok] if (not is_covered and keep(tok)) else []
        else:
            current.append(tok)
    if current:
        runs.append(current)
    return runs


def _names(tokens, stop: frozenset[str]) -> list[tuple[str, int, int]]:
    out = []
    for run in _runs(tokens, lambda t: t[2][:1].isupper()):
        while run and run[0][2].casefold() in stop:
            run = run[1:]
        while run and run[-1][2].casefold() in stop:
            run = run[:-1]
        if len(run) >= 2:
            out.append(("name", run[0][0], run[-1][1]))
    return out


def _terms(tokens, stop: frozenset[str]) -> list[tuple[str, int, int]]:
    def content(t) -> bool:
        word = t[2]
        return word.islower() and len(word) >= 3 and word.casefold() not in stop

    out = []
    for run in _runs(tokens, content):
        for a, b in pairwise(run):
            out.append(("term", a[0], b[1]))
    return out
