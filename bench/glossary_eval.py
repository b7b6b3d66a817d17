"""Glossary quality on real newsroom language: tests/data/glossary_eval/ (see its README).

Per language pair it prints:
* restored (ru targets): the share of Russian name occurrences that restoration writes
  as the correct translation has them (case, number and variant; capitals and ё aside),
  when the model output is the correct translation with the name replaced by its
  placeholder: the case read from the sentence alone; `noted`, the share it marks for the
  reviewer (case not settled); `with_rendering`, the share right once an unsure case is read
  from the model's own rendering of the name, here the correct sentence with the name
  misspelt as the injected misspelling (so only its ending can tell the case);
* false alarms: correct translations on which `i18n check`'s glossary checks report the
  concept, for same-lexeme occurrences (`Путина`) and derived forms (`российский`);
* recall: injected violations (misspelling, another concept's name, dropped, left
  untranslated) that the checks report, over all injected.

`tests/test_glossary_eval.py` runs it on the committed set and asserts the goals.
Run: python bench/glossary_eval.py [--details] [--data DIR]
(`--data tests/data/glossary_heldout`: the held-out set, written apart from the rules.)
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n.checks.glossary import TermView, check_dnt, check_forbidden, check_missing, check_variant  # noqa: E402
from i18n.checks.pair import Pair  # noqa: E402
from i18n.engines import enforce  # noqa: E402
from i18n.engines.inflection import place_names, settle_from_rendering  # noqa: E402
from i18n.engines.protect import Span, protect_spans, restore_spans  # noqa: E402
from i18n.glossary.model import Glossary, load_glossary  # noqa: E402

DATA = ROOT / "tests" / "data" / "glossary_eval"
_SPAN = re.compile(r"\{(~?)([^{}]+)\}")
CHECKS = (check_missing, check_variant, check_dnt, check_forbidden)
VIOLATIONS = ("misspelling", "wrong-name", "dropped", "untranslated")


@dataclass(frozen=True)
class Occurrence:
    """One braced glossary occurrence of a correct translation."""

    line: int
    pair: str
    concept: str
    derived: bool
    source: str
    target: str  # without braces
    start: int  # of the occurrence in target
    end: int


@dataclass
class Tally:
    restored: list[int] = field(default_factory=lambda: [0, 0])
    same: list[int] = field(default_factory=lambda: [0, 0])  # false alarms, occurrences
    derived: list[int] = field(default_factory=lambda: [0, 0])
    recall: dict[str, list[int]] = field(default_factory=lambda: {v: [0, 0] for v in VIOLATIONS})
    oblique: list[int] = field(default_factory=lambda: [0, 0])
    unsure: list[int] = field(default_factory=lambda: [0, 0])  # restored names noted for the reviewer
    rendered: list[int] = field(default_factory=lambda: [0, 0])  # right once a rendering is read
    misses: list[str] = field(default_factory=list)


def read_set(path: Path = DATA / "sentences.tsv") -> list[Occurrence]:
    """The occurrences of the evaluation set, in file order."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pair, concepts, source, marked = line.split("\t")
        concepts_list = concepts.split(",")
        spans, plain, last = [], [], 0
        for m in _SPAN.finditer(marked):
            plain.append(marked[last:m.start()])
            start = sum(len(p) for p in plain)
            plain.append(m.group(2))
            spans.append((m.group(1) == "~", start, start + len(m.group(2))))
            last = m.end()
        plain.append(marked[last:])
        if len(spans) != len(concepts_list):
            raise ValueError(f"{path}:{n}: {len(spans)} braced spans for {len(concepts_list)} concepts")
        target = "".join(plain)
        for concept, (derived, start, end) in zip(concepts_list, spans, strict=True):
            out.append(Occurrence(n, pair, concept, derived, source, target, start, end))
    return out


def flagged(glossary: Glossary, occ: Occurrence, target: str) -> bool:
    """True when a glossary check reports `occ.concept` on (source, target)."""
    src, tgt = occ.pair.split("-")
    view = TermView(Pair(occ.source, target, src, tgt), glossary)
    return any(p.concept == occ.concept for check in CHECKS for p in check(view))


def violations(glossary: Glossary, occ: Occurrence) -> dict[str, str]:
    """The injected variants of a correct translation, by kind (some kinds do not apply)."""
    src, tgt = occ.pair.split("-")
    text, found = occ.target[occ.start:occ.end], {}
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    if len(words[longest]) >= 4:
        w = words[longest]
        words[longest] = w[:2] + w[2] + w[2:]
        found["misspelling"] = " ".join(words)
    term = glossary.by_concept(occ.concept)
    others = [t for t in glossary.terms if t.type == "name" and t.concept != occ.concept and tgt in t.forms]
    found["wrong-name"] = others[(occ.line * 7) % len(others)].forms[tgt][0]
    found["dropped"] = ""
    match = next((m for m in glossary.find_terms(occ.source, src) if m.term.concept == occ.concept), None)
    if match is not None and match.text.casefold() not in {v.casefold() for v in term.forms[tgt]}:
        found["untranslated"] = match.text
    return {kind: re.sub(r"  +", " ", occ.target[:occ.start] + s + occ.target[occ.end:]) for kind, s in found.items()}


def restored(glossary: Glossary, occ: Occurrence, rendering: str | None = None) -> tuple[str, bool] | None:
    """What restoration writes for the occurrence when the model got everything else right,
    and whether it noted the case as unsure. With `rendering` (the model's unprotected output)
    an unsure case is read from it, as `i18n translate` does with its second decode."""
    src, tgt = occ.pair.split("-")
    match = next((m for m in glossary.find_terms(occ.source, src) if m.term.concept == occ.concept), None)
    if match is None or match.term.type not in enforce.PROTECTED_TYPES:
        return None
    form = enforce._target_form(match, tgt)
    if form is None:
        return None
    prot = protect_spans(occ.source, [Span(match.start, match.end, form)])
    output = occ.target[:occ.start] + prot.placeholders[0] + occ.target[occ.end:]
    back = restore_spans(output, prot)
    placed = place_names(back.text, back.landed, [match.term], [form], tgt)
    if rendering is not None and placed.unsure:
        settle_from_rendering(placed, rendering, glossary, tgt)
    text = placed.text
    prefix, suffix = occ.target[:occ.start], occ.target[occ.end:]
    if not (text.startswith(prefix) and text.endswith(suffix)):
        return text, bool(placed.unsure)  # restoration changed the sentence around the name
    return text[len(prefix):len(text) - len(suffix)], bool(placed.unsure)


def _same_form(text: str) -> str:
    """A name's grammatical form: ё as е, capitals aside (the glossary's capitals are kept)."""
    return text.replace("ё", "е").replace("Ё", "Е").casefold()


def _is_oblique(glossary: Glossary, occ: Occurrence) -> bool:
    text = occ.target[occ.start:occ.end]
    forms = glossary.by_concept(occ.concept).forms["ru"]
    return not any(text.replace("ё", "е").casefold() == f.replace("ё", "е").casefold() for f in forms)


def evaluate(glossary: Glossary | None = None, occurrences: list[Occurrence] | None = None) -> dict[str, Tally]:
    """The tallies per language pair."""
    glossary = glossary or load_glossary(DATA / "glossary.csv")
    tallies: dict[str, Tally] = defaultdict(Tally)
    for occ in occurrences if occurrences is not None else read_set():
        t = tallies[occ.pair]
        bucket = t.derived if occ.derived else t.same
        bucket[1] += 1
        if flagged(glossary, occ, occ.target):
            bucket[0] += 1
            t.misses.append(f"{occ.line}: false alarm on {occ.target!r}")
        if occ.derived:
            continue
        if occ.pair.endswith("-ru"):
            t.oblique[1] += 1
            t.oblique[0] += _is_oblique(glossary, occ)
            got = restored(glossary, occ)
            if got is not None:
                want = _same_form(occ.target[occ.start:occ.end])
                t.restored[1] += 1
                t.unsure[1] += 1
                t.unsure[0] += got[1]
                if _same_form(got[0]) == want:
                    t.restored[0] += 1
                else:
                    t.misses.append(f"{occ.line}: restored {got[0]!r}, want {want!r}" + (" (noted)" if got[1] else ""))
                # The model's own rendering, misspelt as the injected misspelling: its ending
                # still tells the case (the second decode of an unsure name).
                rendering = violations(glossary, occ).get("misspelling", occ.target)
                again = restored(glossary, occ, rendering)
                t.rendered[1] += 1
                t.rendered[0] += again is not None and _same_form(again[0]) == want
        for kind, bad in violations(glossary, occ).items():
            t.recall[kind][1] += 1
            if flagged(glossary, occ, bad):
                t.recall[kind][0] += 1
            else:
                t.misses.append(f"{occ.line}: {kind} not reported: {bad!r}")
    return dict(tallies)


def _share(num_den: list[int]) -> str:
    return f"{num_den[0]}/{num_den[1]}" + (f" ({num_den[0] / num_den[1]:.1%})" if num_den[1] else "")


def summary(tally: Tally) -> dict[str, float | None]:
    """Figures of one pair: restored share, false-alarm shares, recall; None where nothing was measured."""
    caught = sum(v[0] for v in tally.recall.values())
    injected = sum(v[1] for v in tally.recall.values())
    return {
        "restored": tally.restored[0] / tally.restored[1] if tally.restored[1] else None,
        "noted": tally.unsure[0] / tally.unsure[1] if tally.unsure[1] else None,
        "with_rendering": tally.rendered[0] / tally.rendered[1] if tally.rendered[1] else None,
        "false_same": tally.same[0] / tally.same[1] if tally.same[1] else None,
        "false_derived": tally.derived[0] / tally.derived[1] if tally.derived[1] else None,
        "recall": caught / injected if injected else None,
    }


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main(argv: list[str]) -> None:
    data = Path(argv[argv.index("--data") + 1]) if "--data" in argv else DATA
    tallies = evaluate(load_glossary(data / "glossary.csv"), read_set(data / "sentences.tsv"))
    for pair in sorted(tallies):
        t = tallies[pair]
        print(f"{pair}: restored in the right case {_share(t.restored)} (noted for the reviewer "
              f"{_share(t.unsure)}; right once the model's rendering is read {_share(t.rendered)}); "
              f"false alarms: same lexeme {_share(t.same)}, derived {_share(t.derived)}; "
              f"oblique Russian occurrences {_share(t.oblique)}")
        print("  recall: " + ", ".join(f"{k} {_share(v)}" for k, v in t.recall.items())
              + f"; all {_figure(summary(t)['recall'])}")
        if "--details" in argv:
            for miss in t.misses:
                print("   ", miss)
    figures = " ".join(f"{pair}.{k}={_figure(v)}" for pair in sorted(tallies) for k, v in summary(tallies[pair]).items())
    print(f"BENCH glossary_eval: {figures}")


if __name__ == "__main__":
    main(sys.argv[1:])
