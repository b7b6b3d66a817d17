"""Which vanished sentence a changed sentence replaces: the merge's fuzzy matching.

The decision: for each new sentence, the (up to) `CANDIDATES` vanished sentences with the
highest difflib ratio at or above `SIMILARITY` (a tie goes to the earlier vanished one); then
pairs are assigned greedily, best ratio first (ties: the earlier new sentence, then the earlier
vanished one), each sentence used once. These are the decisions the merge has always made
(tests/merge_oracle.py keeps the original quadratic loop; tests/test_similar.py compares).

The speed (bench/catalog.py): difflib's ratio costs ~40 µs a pair of news sentences compiled
(cydifflib, ~500 µs in pure Python), so it runs on few pairs, every pair being bounded in C first:
1. rapidfuzz's Indel distance (one call per new sentence over the vanished sentences whose
   length allows the threshold) gives each pair's longest common subsequence L, and
   2L/(la+lb) bounds difflib's ratio from above (difflib's matching blocks are a common
   subsequence). It is computed with difflib's own formula, so comparing the two is exact;
   pairs below SIMILARITY are dropped without difflib.
2. difflib runs in descending bound order and stops once no remaining bound can enter the
   top three (the tie rule included), as the original loop did with difflib's weaker bounds.
No word or n-gram index narrows step 1: none is exact at this threshold (two sentences can
reach 0.6 through matches of one or two characters, and a word index misses `bagian 7 dan 8`
for `bagian 78`), and the decisions must stay the same. Step 1 is the quadratic part, at
C speed (~0.3 µs a pair). Nothing is built when no sentence vanished or none is new.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

try:  # difflib's SequenceMatcher compiled (the same code, the same ratios): 13x faster
    from cydifflib import SequenceMatcher
except ImportError:  # pragma: no cover - a platform without its wheel
    from difflib import SequenceMatcher

__all__ = ["SIMILARITY", "CANDIDATES", "pair_changed"]

SIMILARITY = 0.6  # difflib ratio from which a vanished sentence's translation is carried over
CANDIDATES = 3  # best vanished sentences kept per new sentence for the greedy assignment


def pair_changed(new_texts: Sequence[str], old_texts: Sequence[str]) -> dict[int, int]:
    """{index in new_texts: index in old_texts} of each new sentence that replaces an old one."""
    if not new_texts or not old_texts:
        return {}
    olds = _Olds(old_texts)
    pairs: list[tuple[float, int, int]] = []
    for i, text in enumerate(new_texts):
        pairs += [(neg_ratio, i, j) for neg_ratio, j in _best(text, olds)]
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


class _Olds:
    """The old sentences sorted by length, to hand rapidfuzz only those of a possible length."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.order = sorted(range(len(texts)), key=lambda j: len(texts[j]))
        self.sorted = [texts[j] for j in self.order]
        self.lengths = [len(t) for t in self.sorted]

    def window(self, length: int) -> tuple[int, int]:
        """The slice of `sorted` whose lengths can reach SIMILARITY with a text of `length`:
        2 min / (la + lb) >= SIMILARITY (difflib's real_quick_ratio)."""
        low = bisect.bisect_left(self.lengths, SIMILARITY * length / (2 - SIMILARITY) - 1e-9)
        high = bisect.bisect_right(self.lengths, (2 - SIMILARITY) * length / SIMILARITY + 1e-9)
        return low, high


def _best(text: str, olds: _Olds) -> list[tuple[float, int]]:
    """(-ratio, j) of the top CANDIDATES old sentences j with a difflib ratio >= SIMILARITY."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    la = len(text)
    low, high = olds.window(la)
    if low >= high:
        return []
    # Indel distance d = la + lb - 2L; a ratio >= SIMILARITY needs d <= (1 - SIMILARITY)(la + lb).
    cutoff = int((1 - SIMILARITY) * (la + olds.lengths[high - 1])) + 1
    choices = olds.sorted[low:high]
    ranked = []
    for _, d, k in process.extract(text, choices, scorer=Indel.distance, score_cutoff=cutoff, limit=None):
        total = la + olds.lengths[low + k]
        bound = 2.0 * ((total - d) // 2) / total  # difflib's formula: 2.0 * matches / total
        if bound >= SIMILARITY:
            ranked.append((-bound, olds.order[low + k]))
    ranked.sort()
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    best: list[tuple[float, int]] = []
    for candidate in ranked:
        if len(best) >= CANDIDATES and candidate > best[-1]:
            break  # its bound is below the third ratio (or equal, with a later sentence)
        matcher.set_seq1(olds.texts[candidate[1]])
        ratio = matcher.ratio()
        if ratio >= SIMILARITY:
            best.append((-ratio, candidate[1]))
            best.sort()
            del best[CANDIDATES:]
    return best
