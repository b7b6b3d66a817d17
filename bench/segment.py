"""Segmentation speed and accuracy: i18n.split_sentences vs pysbd, sentencex and razdel.

Corpus: the per-language test fixtures and the seed article, repeated to about 4 MB per
language. Speed is characters per second; the peers run on a slice of the same corpus where
they are slow. Accuracy is over the fixtures (tests/data/segment/<lang>.txt: one paragraph a
block, one expected sentence a line): a paragraph counts when the segmenter returns exactly
the expected sentences (whitespace around each stripped). Peers: pysbd (rule-based, the
common pick; en/ru rules, English rules for id and vi), sentencex (Wikimedia's fast
segmenter, every language) and razdel (Natasha's Russian segmenter; Russian only). Timings
are paired and repeated (every segmenter once per round, median of ROUNDS).

The HTML reader next to plain text: the same Indonesian paragraphs (READER_CHARS of text) as a
plain-text article and as an HTML page (each paragraph a <p>, a word in <strong> and two in a
link), each read and segmented from a string (`parse_article` / `parse_html`, then
`segment_article`), paired rounds, median; speed in characters of text per second, so the
two figures compare the same content (`html_chars_per_s`, `html_vs_text`).

Run: python bench/segment.py
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n import split_sentences  # noqa: E402

LANGS = ("id", "en", "ru", "vi")
TARGET_CHARS = 4_000_000
READER_CHARS = 1_000_000
ROUNDS = 3


def fixtures(lang: str) -> list[list[str]]:
    """The expected sentences of each fixture paragraph."""
    text = (ROOT / "tests" / "data" / "segment" / f"{lang}.txt").read_text("utf-8")
    blocks = [[line for line in block.splitlines() if line.strip() and not line.startswith("#")]
              for block in text.split("\n\n")]
    return [b for b in blocks if b]


def corpus(lang: str) -> list[str]:
    """Paragraphs of realistic news text in `lang`, repeated to TARGET_CHARS."""
    paras = [" ".join(block) for block in fixtures(lang)]
    if lang == "id":
        paras += (ROOT / "articles" / "id" / "putin-kim-vostochny.txt").read_text("utf-8").splitlines()
    paras = [p for p in paras if p.strip()]
    size = sum(len(p) + 1 for p in paras)
    return paras * (TARGET_CHARS // size + 1)


def segmenters(lang: str) -> dict[str, tuple[object, int]]:
    """name -> (paragraph -> sentences, slice divisor of the corpus it is timed on)."""
    import pysbd
    from razdel import sentenize
    from sentencex import segment

    sbd = pysbd.Segmenter(language=lang if lang in ("en", "ru") else "en", clean=False)
    out = {
        "i18n": (lambda p: split_sentences(p, lang), 1),
        "pysbd": (sbd.segment, 100),
        "sentencex": (lambda p: list(segment(lang, p)), 10),
    }
    if lang == "ru":
        out["razdel"] = (lambda p: [s.text for s in sentenize(p)], 10)
    return out


def accuracy(fn, lang: str) -> tuple[int, int]:
    cases = fixtures(lang)
    right = sum([s.strip() for s in fn(" ".join(block)) if s.strip()] == block for block in cases)
    return right, len(cases)


def chars_per_s(fn, paras: list[str]) -> float:
    chars = sum(len(p) for p in paras)
    start = time.perf_counter()
    for p in paras:
        fn(p)
    return chars / (time.perf_counter() - start)


def marked_up(para: str) -> str:
    """`para` as an HTML paragraph with inline markup: the 3rd word strong, the 6th-7th a link."""
    from html import escape

    words = escape(para, quote=False).split(" ")
    if len(words) > 7:
        words[2] = f"<strong>{words[2]}</strong>"
        words[5] = f'<a href="https://example.org/{len(words)}">{words[5]}'
        words[6] = f"{words[6]}</a>"
    return "<p>" + " ".join(words) + "</p>"


def reader_speeds() -> tuple[float, float]:
    """Median characters of text per second: the text reader and the HTML reader, paired."""
    from i18n.article import parse_article
    from i18n.readers.html import parse_html
    from i18n.segment import segment_article

    paras, size = [], 0
    for para in corpus("id"):
        paras.append(para)
        size += len(para)
        if size >= READER_CHARS:
            break
    text = "\n".join(paras) + "\n"
    page = "<!DOCTYPE html>\n<html><body><article>\n" + "\n".join(map(marked_up, paras)) + "\n</article></body></html>\n"
    sides = {
        "text": lambda: segment_article(parse_article(text, "id")),
        "html": lambda: segment_article(parse_html(page, "id", path=Path("bench.html"))),
    }
    speeds: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(ROUNDS):
        for name, read in sides.items():
            start = time.perf_counter()
            read()
            speeds[name].append(size / (time.perf_counter() - start))
    return statistics.median(speeds["text"]), statistics.median(speeds["html"])


def main() -> None:
    ours_total = base_total = 0.0
    right: dict[str, list[int]] = {}
    ratio_sentencex: list[float] = []
    for lang in LANGS:
        paras = corpus(lang)
        split_sentences("Warm up.", lang)
        sides = segmenters(lang)
        speeds: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(ROUNDS):
            for name, (fn, divisor) in sides.items():
                speeds[name].append(chars_per_s(fn, paras[: max(1, len(paras) // divisor)]))
        median = {name: statistics.median(v) for name, v in speeds.items()}
        cells = []
        for name, (fn, _) in sides.items():
            ok, total = accuracy(fn, lang)
            tally = right.setdefault(name, [0, 0])
            tally[0] += ok
            tally[1] += total
            cells.append(f"{name} {median[name] / 1e6:6.2f} M chars/s {ok:3}/{total}")
        print(f"{lang}: " + " | ".join(cells))
        ours_total += median["i18n"]
        base_total += median["pysbd"]
        ratio_sentencex.append(median["i18n"] / median["sentencex"])
    print("fixture paragraphs segmented exactly right: "
          + ", ".join(f"{name} {ok}/{total}" for name, (ok, total) in right.items())
          + " (razdel: Russian only)")
    ours_mean = ours_total / len(LANGS)
    base_mean = base_total / len(LANGS)
    ok, total = right["i18n"]
    sx_ok, sx_total = right["sentencex"]
    text_speed, html_speed = reader_speeds()
    print(f"id article read and segmented: text {text_speed / 1e6:.2f} M chars/s | "
          f"HTML (lxml) {html_speed / 1e6:.2f} M chars/s")
    print(f"BENCH segment: chars_per_s={ours_mean:.0f} vs_baseline={ours_mean / base_mean:.1f} "
          f"vs_sentencex={statistics.mean(ratio_sentencex):.2f} accuracy={ok / total:.3f} "
          f"sentencex_accuracy={sx_ok / sx_total:.3f} text_read_chars_per_s={text_speed:.0f} "
          f"html_chars_per_s={html_speed:.0f} html_vs_text={html_speed / text_speed:.2f}")


if __name__ == "__main__":
    main()
