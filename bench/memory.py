"""Benchmark: translation-memory lookups (word index + rapidfuzz) vs difflib over the same memory.

    python bench/memory.py            (about 2 minutes on 2 cores, most of it the difflib baseline)

Builds a memory of 100,000 synthetic news-like units (seeded random sentences over a
3,000-word vocabulary) into a temporary SQLite file, then looks up 1,000 segments: half are
stored sentences (exact hits), half are stored sentences with one or two words changed
(fuzzy hits). The baseline is difflib.get_close_matches over the same 100,000 sentences with
the same 0.75 cutoff; it is timed on the first 2 fuzzy segments only (about 40 s each) and extrapolated per
lookup (a full run would take hours). Ends with
`BENCH memory: lookups_per_s=<ours> vs_baseline=<ours/difflib> build_s=<memory build>`.
"""
from __future__ import annotations

import difflib
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n.catalog.memory import TMUnit, TranslationMemory  # noqa: E402

N_UNITS = 100_000
N_LOOKUPS = 1_000
N_BASELINE = 2


def sentences(rng: random.Random, n: int) -> list[str]:
    """n distinct sentences of 8-20 words from a Zipf-ish vocabulary."""
    vocab = [f"kata{i}" for i in range(3000)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    out: dict[str, None] = {}
    while len(out) < n:
        words = rng.choices(vocab, weights, k=rng.randint(8, 20))
        out[" ".join(words).capitalize() + "."] = None
    return list(out)


def main() -> None:
    rng = random.Random(15)
    texts = sentences(rng, N_UNITS)
    queries = []
    for k in range(N_LOOKUPS):
        text = rng.choice(texts)
        if k % 2:
            words = text[:-1].split()
            for _ in range(rng.randint(1, 2)):
                words[rng.randrange(len(words))] = f"baru{rng.randrange(50)}"
            text = " ".join(words) + "."
        queries.append(text)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with TranslationMemory(Path(tmp) / "tm.sqlite") as tm:
            tm.replace_origin("bench", [
                TMUnit("id", "en", t, t.upper(), "bench", n + 1, "2026-11-01T00:00:00Z") for n, t in enumerate(texts)
            ])
            tm.lookup(["warm-up"], "id", "en")  # builds the word index: part of the build
            build_s = time.perf_counter() - start
            start = time.perf_counter()
            found = tm.lookup(queries, "id", "en", threshold=75)
            ours_s = time.perf_counter() - start
    exact = sum(m.exact for m in found.values())
    fuzzy_queries = [q for k, q in enumerate(queries) if k % 2][:N_BASELINE]
    start = time.perf_counter()
    base_hits = sum(bool(difflib.get_close_matches(q, texts, n=1, cutoff=0.75)) for q in fuzzy_queries)
    base_per_lookup = (time.perf_counter() - start) / len(fuzzy_queries)
    ours_per_s = len(queries) / ours_s
    print(f"memory of {N_UNITS} units built in {build_s:.1f} s; {len(queries)} lookups in {ours_s:.2f} s: "
          f"{exact} exact, {len(found) - exact} fuzzy, {len(queries) - len(found)} misses")
    print(f"difflib baseline: {base_per_lookup:.2f} s per lookup over {len(fuzzy_queries)} fuzzy segments "
          f"({base_hits} found), extrapolated to {base_per_lookup * len(queries):.0f} s for {len(queries)}")
    print(f"BENCH memory: lookups_per_s={ours_per_s:.0f} vs_baseline={ours_per_s * base_per_lookup:.0f} "
          f"build_s={build_s:.1f}")


if __name__ == "__main__":
    main()
