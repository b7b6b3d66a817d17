"""Glossary matching speed: segments per second of Glossary.find_terms vs three baselines.

Corpus: a generated glossary of 5,000 Indonesian-looking names and terms (one to three
words, a third with a second variant) and 50,000 generated segments of about 25 words, with
about two glossary forms in each. Both are seeded, so every run sees the same data.

Ours: `Glossary.find_terms(segment, "id")` over all 50,000 segments (the real path:
leftmost-longest, case rules, clitics, hyphen variants), the matcher built once (its build
time is reported apart). Baseline: the naive loop, one compiled whole-word regex per form,
each searched in each segment. It runs on the first 300 segments only (it would need
minutes for all), and its figure is per segment, extrapolated; the run also checks that on
those segments both find the same spans where the naive loop finds no overlaps.

The baselines a user would actually pick, over all 50,000 segments: one combined alternation
regex (longest form first, case-sensitive names and case-insensitive terms in two patterns,
leftmost-longest merge) and Aho-Corasick (`ahocorasick_rs`, leftmost-longest over the
lower-cased text, whole-word and case filters after). Neither matches inflected forms; ours
is timed with inflection on (the real path) and its exact-form output is compared with theirs
for equality. Timings are paired and repeated (ours, regex, Aho-Corasick, ROUNDS times, same
single core for all), the median reported.

Before and after: `--before DIR` names a checkout of the code to compare with (for issue 18's
matcher: `git worktree add /tmp/oldmatch 5c47702`). Each side then runs in its own process
(this file, `--side DIR`): the same corpus, one pass of `find_terms` over all segments, the
matcher built first; the sides alternate, ROUNDS each, medians compared (`vs_before`), and
their outputs must be equal.

Run: python bench/glossary.py [--before DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `--side DIR` times that checkout's code instead of this one's.
_SIDE = sys.argv[sys.argv.index("--side") + 1] if "--side" in sys.argv else str(ROOT)
sys.path.insert(0, _SIDE)

from i18n.glossary.model import Glossary  # noqa: E402
from i18n.model import Term  # noqa: E402

N_TERMS = 5_000
N_SEGMENTS = 50_000
BASELINE_SEGMENTS = 300
ROUNDS = 3
SYLLABLES = [c + v for c in "bcdghjklmnprstwy" for v in "aiueo"] + ["ng", "ny", "kan", "ter", "pel"]
FILLER = ("yang dan di ke dari untuk dengan pada itu ini akan tidak juga sudah oleh bahwa dalam "
          "para mereka kata tahun hari baru besar kecil lama banyak").split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_glossary(rng: random.Random) -> list[Term]:
    terms: list[Term] = []
    seen: set[str] = set()
    while len(terms) < N_TERMS:
        is_name = rng.random() < 0.6
        words = [word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        form = " ".join(w.capitalize() for w in words) if is_name else " ".join(words)
        if form.casefold() in seen:
            continue
        seen.add(form.casefold())
        variants = (form,) if rng.random() < 0.66 else (form, form.replace(" ", "-") + "a")
        forms = {"id": variants, "en": (form.upper(),)}
        terms.append(Term(f"c{len(terms)}", "name" if is_name else "term", forms, is_name))
    return terms


def make_segments(rng: random.Random, terms: list[Term]) -> list[str]:
    segments = []
    for _ in range(N_SEGMENTS):
        words = [rng.choice(FILLER) if rng.random() < 0.6 else word(rng) for _ in range(25)]
        for _ in range(2):
            term = rng.choice(terms)
            words.insert(rng.randrange(len(words)), rng.choice(term.forms["id"]))
        text = " ".join(words)
        segments.append(text[:1].upper() + text[1:] + ".")
    return segments


def naive_patterns(terms: list[Term]) -> list[tuple[re.Pattern[str], Term]]:
    out = []
    for term in terms:
        for form in term.forms["id"]:
            flags = 0 if term.case_sensitive else re.IGNORECASE
            out.append((re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)", flags), term))
    return out


def naive_find(patterns, text: str) -> list[tuple[int, int, str]]:
    found = []
    for pattern, term in patterns:
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), term.concept))
    return sorted(found)


def combined_regex(terms: list[Term]):
    """One alternation per case rule, longest forms first: the regex a user writes by hand."""
    by_rule: dict[bool, dict[str, str]] = {True: {}, False: {}}
    for term in terms:
        for form in term.forms["id"]:
            key = form if term.case_sensitive else form.casefold()
            by_rule[term.case_sensitive].setdefault(key, term.concept)
    compiled = []
    for sensitive, forms in by_rule.items():
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        flags = 0 if sensitive else re.IGNORECASE
        compiled.append((re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)", flags), forms, sensitive))

    def find(text: str) -> list[tuple[int, int, str]]:
        hits = []
        for pattern, forms, sensitive in compiled:
            for m in pattern.finditer(text):
                hits.append((m.start(), m.end(), forms[m.group() if sensitive else m.group().casefold()]))
        return leftmost_longest(hits)

    return find


def aho_corasick(terms: list[Term]):
    """ahocorasick_rs over lower-cased text, then the whole-word and case filters."""
    import ahocorasick_rs

    patterns, owners = [], []
    for term in terms:
        for form in term.forms["id"]:
            patterns.append(form.lower())
            owners.append((term.concept, form if term.case_sensitive else None))
    ac = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def find(text: str) -> list[tuple[int, int, str]]:
        hits = []
        for index, start, end in ac.find_matches_as_indexes(text.lower()):
            if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            concept, exact = owners[index]
            if exact is None or text[start:end] == exact:
                hits.append((start, end, concept))
        return hits

    return find


def leftmost_longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (h[0], -h[1])):
        if not out or hit[0] >= out[-1][1]:
            out.append(hit)
    return out


def timed(fn, segments: list[str]) -> tuple[float, list]:
    start = time.perf_counter()
    out = [fn(seg) for seg in segments]
    return time.perf_counter() - start, out


def side() -> None:
    """One side of --before: one pass over the corpus in this process; seconds and a digest."""
    rng = random.Random(20230913)
    terms = make_glossary(rng)
    segments = make_segments(rng, terms)
    glossary = Glossary(terms)
    glossary.find_terms("Pemanasan.", "id")
    start = time.perf_counter()
    found = [glossary.find_terms(seg, "id") for seg in segments]
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(repr([[(m.term.concept, m.start, m.end, m.text) for m in f] for f in found]).encode())
    print(json.dumps({"seconds": elapsed, "digest": digest.hexdigest()}))


def before_and_after(before: Path) -> tuple[float, float, bool]:
    """Median seconds of a pass with this code and with `before`'s, alternating; equal outputs."""
    times: dict[str, list[float]] = {"ours": [], "before": []}
    digests = set()
    for _ in range(ROUNDS):
        for name, tree in (("ours", ROOT), ("before", before)):
            out = subprocess.run([sys.executable, __file__, "--side", str(tree)], check=True,
                                 capture_output=True, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            times[name].append(result["seconds"])
            digests.add(result["digest"])
    return statistics.median(times["ours"]), statistics.median(times["before"]), len(digests) == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--side", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        return side()
    rng = random.Random(20230913)
    terms = make_glossary(rng)
    segments = make_segments(rng, terms)
    glossary = Glossary(terms)

    start = time.perf_counter()
    glossary.find_terms("Pemanasan.", "id")  # builds the matcher once
    build_s = time.perf_counter() - start

    regex_find = combined_regex(terms)
    ac_find = aho_corasick(terms)
    sides = {
        "ours": lambda seg: glossary.find_terms(seg, "id"),
        "regex": regex_find,
        "ahocorasick": ac_find,
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    outputs: dict[str, list] = {}
    for _ in range(ROUNDS):  # paired: each round times every side on the same data
        for name, fn in sides.items():
            elapsed, outputs[name] = timed(fn, segments)
            times[name].append(elapsed)
    median = {name: statistics.median(t) for name, t in times.items()}
    ours_s = median["ours"]
    ours_rate = len(segments) / ours_s
    matches = sum(len(found) for found in outputs["ours"])
    exact = [[(m.start, m.end, m.term.concept) for m in glossary.find_terms(seg, "id", inflected=False)]
             for seg in segments]
    same = {name: sum(a == b for a, b in zip(exact, outputs[name], strict=True)) for name in ("regex", "ahocorasick")}

    patterns = naive_patterns(terms)
    subset = segments[:BASELINE_SEGMENTS]
    start = time.perf_counter()
    naive = [naive_find(patterns, seg) for seg in subset]
    base_s = time.perf_counter() - start
    base_rate = len(subset) / base_s

    agree = checked = 0
    for seg, theirs in zip(subset, naive, strict=True):
        if any(a[1] > b[0] for a, b in zip(theirs, theirs[1:], strict=False)):
            continue  # overlapping naive hits: longest-match rules differ by design
        checked += 1
        ours = [(m.start, m.end, m.term.concept) for m in glossary.find_terms(seg, "id", inflected=False)]
        agree += ours == theirs
    print(f"glossary: {len(terms)} terms, matcher built in {build_s * 1000:.0f} ms")
    print(f"ours:     {len(segments)} segments in {ours_s:.2f} s = {ours_rate:,.0f} segments/s ({matches} matches)")
    print(f"baseline: {len(subset)} segments in {base_s:.2f} s = {base_rate:,.1f} segments/s (one regex per form)")
    print(f"agreement on {checked} baseline segments without overlaps: {agree}/{checked}")
    for name, label in (("regex", "one combined regex"), ("ahocorasick", "Aho-Corasick (ahocorasick_rs)")):
        rate = len(segments) / median[name]
        print(f"{label:30} {rate:10,.0f} segments/s; ours/them {ours_rate / rate:.2f}; "
              f"same spans as ours (exact forms) in {same[name]}/{len(segments)} segments")
    print(f"(median of {ROUNDS} paired rounds; ours matches inflected forms too, the baselines do not)")
    before = ""
    if args.before:
        now, then, same = before_and_after(args.before)
        print(f"before ({args.before}): a pass {then:.2f} s, ours {now:.2f} s, each in its own process, "
              f"median of {ROUNDS} alternating; outputs {'equal' if same else 'DIFFERENT'}")
        before = f" vs_before={then / now:.2f} same_as_before={'yes' if same else 'no'}"
    print(f"BENCH glossary: segments_per_s={ours_rate:.0f} vs_baseline={ours_rate / base_rate:.1f} "
          f"vs_regex={median['regex'] / ours_s:.2f} vs_ahocorasick={median['ahocorasick'] / ours_s:.2f} "
          f"baseline_segments_per_s={base_rate:.1f} build_ms={build_s * 1000:.0f}{before}")


if __name__ == "__main__":
    main()
