"""Segmentation speed: characters per second of i18n.split_sentences vs pysbd.

Corpus: the per-language test fixtures and the seed article, repeated to about 4 MB per
language. The baseline (pysbd, a rule-based segmenter) runs on a slice of the same corpus,
since it is two orders of magnitude slower; both figures are characters per second.

Run: python bench/segment.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n import split_sentences  # noqa: E402

LANGS = ("id", "en", "ru", "vi")
TARGET_CHARS = 4_000_000


def corpus(lang: str) -> list[str]:
    """Paragraphs of realistic news text in `lang`, repeated to TARGET_CHARS."""
    text = (ROOT / "tests" / "data" / "segment" / f"{lang}.txt").read_text("utf-8")
    paras = [" ".join(line for line in block.splitlines() if not line.startswith("#"))
             for block in text.split("\n\n")]
    if lang == "id":
        paras += (ROOT / "articles" / "id" / "putin-kim-vostochny.txt").read_text("utf-8").splitlines()
    paras = [p for p in paras if p.strip()]
    size = sum(len(p) + 1 for p in paras)
    return paras * (TARGET_CHARS // size + 1)


def rate(fn, paras: list[str]) -> tuple[float, int]:
    chars = sum(len(p) for p in paras)
    start = time.perf_counter()
    sentences = 0
    for p in paras:
        sentences += len(fn(p))
    return chars / (time.perf_counter() - start), sentences


def main() -> None:
    import pysbd

    ours_total = base_total = 0.0
    for lang in LANGS:
        paras = corpus(lang)
        split_sentences("Warm up.", lang)
        ours, _ = rate(lambda p, lang=lang: split_sentences(p, lang), paras)
        seg = pysbd.Segmenter(language=lang if lang in ("en", "ru") else "en", clean=False)
        base, _ = rate(seg.segment, paras[: max(1, len(paras) // 100)])
        print(f"{lang}: i18n {ours / 1e6:6.2f} M chars/s   pysbd {base / 1e6:6.3f} M chars/s"
              f"   ({ours / base:5.0f}x)")
        ours_total += ours
        base_total += base
    ours_mean = ours_total / len(LANGS)
    base_mean = base_total / len(LANGS)
    print(f"BENCH segment: chars_per_s={ours_mean:.0f} vs_baseline={ours_mean / base_mean:.1f}")


if __name__ == "__main__":
    main()
