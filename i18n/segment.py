"""Sentence segmentation for news text in id, en, ru and vi.

Rules, not a model: one compiled regular expression finds candidate boundaries (a run of
sentence-final punctuation, closing quotes or brackets, then white space); a few cheap
checks on the word before and the character after decide each candidate. Language
knowledge (abbreviations that never end a sentence) is data in `i18n/data/abbreviations/`.

A sentence ends at a candidate when the next word does not start in lower case and the
word before the full stop is not an abbreviation, an initial (`В. В. Путин`) or a list
number at the start of the sentence. Quotes do not hide boundaries: a quotation holding
several sentences is split like running text, and a closing quote after the full stop
(`waktu . "`) stays with its sentence.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from .langs import abbreviations, normalize_lang, sentence_starters
from .model import Article, Segment
from .readers.inline import balanced

__all__ = ["split_sentences", "sentence_spans", "segment_article", "segment_id", "segments_payload", "format_segments"]

# “ closes a quotation only right after the full stop ("нет.“", German-style „…“ quotes in
# Russian text); after a space it opens one (English “…”), which the candidate never spans.
_CLOSERS = "\"'”’»)]}›“"
_OPENERS = "\"'“‘«„([{‹—–-"
# A boundary candidate: optional space (for "waktu . "), terminators, closers, then space.
# Closing placeholders of inline markup (`Putin.</1> Ia`) may follow, as closers do.
_CANDIDATE = re.compile(r"[ \t]?[.!?…‽]+(?:[" + re.escape(_CLOSERS) + r"]|</\d+>)*(?=\s)")
_OPEN_PLACEHOLDER = re.compile(r"<\d+>")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[IVXLC]{1,5}|[a-zA-Z])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# The next word, past opening quotes or brackets, and whether a full stop follows it.
_NEXT_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"\s]{0,3}(\w+)(\.?)")


def split_sentences(text: str, lang: str, *, data: Path | None = None) -> list[str]:
    """The sentences of `text`, whitespace-trimmed; a line break always ends a sentence.

    `data`: a project language-data folder whose abbreviations and starters add to ours.
    """
    rules = _rules(normalize_lang(lang), data)
    out: list[str] = []
    for line in _LINE_BREAK.split(text):
        for start, end in _spans(line, rules):
            out.append(line[start:end])
    return out


def sentence_spans(paragraph: str, lang: str, *, data: Path | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of a one-line paragraph, trimmed."""
    return list(_spans(paragraph, _rules(normalize_lang(lang), data)))


def _rules(lang: str, data: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    return abbreviations(lang, data), sentence_starters(lang, data)


def _spans(line: str, rules: tuple[frozenset[str], frozenset[str]]) -> Iterator[tuple[int, int]]:
    n = len(line)
    start = _skip_space(line, 0, n)
    if start == n:
        return
    for m in _CANDIDATE.finditer(line, start):
        end = m.end()
        if end <= start:
            continue
        nxt = _skip_space(line, end, n)
        if nxt == n:
            break
        # A detached closing quote ("waktu . " at the end of a quotation) belongs here.
        if line[nxt] in "\"”»" and (nxt + 1 == n or line[nxt + 1].isspace()):
            if line[nxt] != '"' or line.count('"', 0, nxt) % 2 == 1:
                end = nxt + 1
                nxt = _skip_space(line, end, n)
                if nxt == n:
                    break
        if not _starts_sentence(line, nxt, n) and not _title_opens(line, nxt, rules[0]):
            continue
        if _is_abbreviation(line, start, m, nxt, rules):
            continue
        yield start, _trim_end(line, start, end)
        start = nxt
    yield start, _trim_end(line, start, n)


def _skip_space(line: str, i: int, n: int) -> int:
    while i < n and line[i].isspace():
        i += 1
    return i


def _trim_end(line: str, start: int, end: int) -> int:
    while end > start and line[end - 1].isspace():
        end -= 1
    return end


def _starts_sentence(line: str, i: int, n: int) -> bool:
    """Whether the text at `i` can start a sentence: not a lower-case word."""
    # Look through opening quotes, brackets and dashes ("— Мы", "«Это", "(Foto").
    j = i
    while j < n and (line[j] in _OPENERS or line[j].isspace()) and j - i < 4:
        j += 1
    while (m := _OPEN_PLACEHOLDER.match(line, j)) is not None:  # "<1>dua</1>": look at "dua"
        j = m.end()
    if j >= n:
        return True
    return not line[j].islower()


def _title_opens(line: str, i: int, abbrevs: frozenset[str]) -> bool:
    """Whether a lower-case abbreviated title opens the text at `i` ("dr. Budi", "prof. Ivanov"):
    such a word starts a sentence although it is written in lower case."""
    m = _NEXT_WORD.match(line, i)
    if m is None or not m.group(2):
        return False
    word = m.group(1)
    nxt = m.end()
    return word in abbrevs and nxt < len(line) and line[nxt] == " " and line[nxt + 1 : nxt + 2].isupper()


def _is_abbreviation(
    line: str, start: int, m: re.Match[str], nxt: int, rules: tuple[frozenset[str], frozenset[str]]
) -> bool:
    """Whether the full stop of candidate `m` closes an abbreviation, not a sentence.

    `nxt` is where the next sentence would start. An ambiguous abbreviation (an initial,
    `U.S.`, `г.`) closes a sentence only when a frequent sentence opener follows.
    """
    abbrevs, starters = rules
    term = m.group()
    if term[0] in " \t":
        return False  # "waktu . " -- a detached full stop is never an abbreviation
    dot = m.start()
    if line[dot] != "." or (len(term) > 1 and term[1] in ".…"):
        return False  # ?, !, an ellipsis ...
    begin = line.rfind(" ", start, dot) + 1
    if begin < start:
        begin = start
    word = line[begin:dot]
    # "(...)" and "[...]": an elided passage, not an end.
    if not word:
        return False
    stripped = word.lstrip(_OPENERS)
    if not stripped:
        return True
    if stripped in abbrevs or (stripped[0].isupper() and stripped.lower() in abbrevs):
        return True  # "Проф." at the start of a sentence is still "проф."
    if line[nxt].isdigit() and (stripped + "#" in abbrevs or stripped.lower() + "#" in abbrevs):
        return True  # "No. 5", "hlm. 4"
    if stripped + "$" in abbrevs:
        m2 = _NEXT_WORD.match(line, nxt)
        return m2 is not None and len(m2.group(1)) > 1 and m2.group(1).isupper()  # "долл. США"
    ambiguous = stripped + "?" in abbrevs or (stripped[0].isupper() and stripped.lower() + "?" in abbrevs)
    if not ambiguous and _INITIALS.fullmatch(stripped):
        parts = stripped.split(".")
        ambiguous = all(p.isupper() and len(p) == 1 for p in parts)  # J. / В. / J.K. / U.S
    if ambiguous:
        return not _opens_sentence(line, nxt, starters)
    # "1. Pertama" / "II. Sejarah": a list number opening the sentence.
    return begin == start and _ENUMERATOR.fullmatch(stripped) is not None


def _opens_sentence(line: str, i: int, starters: frozenset[str]) -> bool:
    """Whether the word at `i` is a frequent sentence opener (and not itself an initial)."""
    m = _NEXT_WORD.match(line, i)
    return m is not None and m.group(1) in starters and not m.group(2)


def _keep_tags_whole(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that a placeholder pair spans (`<1>Satu. Dua.</1>`): a segment holds
    whole tag pairs, so each translation can be checked and written back on its own."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and not balanced(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def segment_id(article: str, text: str, occurrence: int) -> str:
    """A stable id: the same sentence text, nth time in the same article, same id."""
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{article}\x00{occurrence}\x00{text}".encode())
    return h.hexdigest()


def segment_article(article: Article) -> list[Segment]:
    """The sentence segments of an article, in reading order, with stable ids."""
    rules = _rules(article.lang, article.data)
    name = article.ref
    seen: dict[str, int] = {}
    out: list[Segment] = []
    for para in article.paragraphs:
        spans = list(_spans(para.text, rules))
        if para.tags:
            spans = _keep_tags_whole(para.text, spans)
        for idx, (s, e) in enumerate(spans):
            text = para.text[s:e]
            occ = seen.get(text, 0)
            seen[text] = occ + 1
            out.append(
                Segment(
                    article=name,
                    paragraph=para.index,
                    line=para.line,
                    index=idx,
                    start=s,
                    end=e,
                    text=text,
                    id=segment_id(article.slug, text, occ),
                )
            )
    return out


def segments_payload(article: Article, segments: list[Segment]) -> dict:
    """`i18n segment --json`: the segments with ids and positions, and the lines set aside."""
    return {
        "article": article.path.as_posix(),
        "lang": article.lang,
        "segments": [s.to_dict() for s in segments],
        "set_aside": [{"line": s.line, "text": s.text} for s in article.set_aside],
    }


def format_segments(segments: list[Segment]) -> str:
    """One sentence a line, a blank line between paragraphs."""
    out: list[str] = []
    last: int | None = None
    for seg in segments:
        if last is not None and seg.paragraph != last:
            out.append("")
        out.append(seg.text)
        last = seg.paragraph
    return "".join(line + "\n" for line in out)
