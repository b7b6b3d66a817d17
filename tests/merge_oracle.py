"""The merge's changed-sentence matching as it was before issue 18, kept verbatim as the oracle.

`i18n.catalog.similar.match_changed` must make exactly the decisions this one makes (which new
sentence carries over which vanished translation); tests/test_similar.py compares the two on
many edited catalogs. This is the quadratic difflib loop: test-only, never imported by i18n.
"""
from __future__ import annotations

import difflib

import polib

from i18n.catalog.states import HUMAN, entry_state

SIMILARITY = 0.6
_CANDIDATES = 3


def legacy_match_changed(new_texts: list[str], vanished: list[polib.POEntry]) -> dict[str, polib.POEntry]:
    """Pair new sentences with vanished ones they replace (difflib ratio >= SIMILARITY)."""
    human = [(j, e.msgid) for j, e in enumerate(vanished) if entry_state(e) in HUMAN]
    pairs: list[tuple[float, int, int]] = []
    for i, text in enumerate(new_texts):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        bounds = []
        for j, msgid in human:
            matcher.set_seq1(msgid)
            if matcher.real_quick_ratio() >= SIMILARITY:
                bound = matcher.quick_ratio()
                if bound >= SIMILARITY:
                    bounds.append((-bound, j, msgid))
        bounds.sort()
        best: list[tuple[float, int, int]] = []
        for neg_bound, j, msgid in bounds:
            if len(best) >= _CANDIDATES and -neg_bound < -best[-1][0]:
                break  # no remaining candidate can beat the ones found
            matcher.set_seq1(msgid)
            ratio = matcher.ratio()
            if ratio >= SIMILARITY:
                best.append((-ratio, i, j))
                best.sort()
                del best[_CANDIDATES:]
        pairs.extend(best)
    out: dict[str, polib.POEntry] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if new_texts[i] in out or j in used:
            continue
        out[new_texts[i]] = vanished[j]
        used.add(j)
    return out
