"""The glossary evaluation set (tests/data/glossary_eval) run whole, with the issue 11 goals.

`bench/glossary_eval.py` prints the figures; here they are asserted. A bound that a goal
does not reach yet is the figure measured today, so that nothing regresses; each piece of
issue 11 that lands tightens its bound to the goal.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from i18n.glossary.model import load_glossary

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("glossary_eval", ROOT / "bench" / "glossary_eval.py")
assert _spec is not None and _spec.loader is not None
glossary_eval = importlib.util.module_from_spec(_spec)
sys.modules["glossary_eval"] = glossary_eval  # dataclasses look their module up
_spec.loader.exec_module(glossary_eval)


def figures_of(folder: Path) -> dict[str, dict]:
    """The figures per pair of the evaluation set in `folder` (sentences.tsv, glossary.csv)."""
    tallies = glossary_eval.evaluate(load_glossary(folder / "glossary.csv"),
                                     glossary_eval.read_set(folder / "sentences.tsv"))
    return {pair: glossary_eval.summary(t) for pair, t in tallies.items()}


@pytest.fixture(scope="module")
def figures():
    return figures_of(glossary_eval.DATA)


@pytest.fixture(scope="module")
def occurrences():
    return glossary_eval.read_set()


def test_set_covers_the_three_pairs_with_mostly_oblique_russian(occurrences):
    glossary = load_glossary(glossary_eval.DATA / "glossary.csv")
    pairs = {o.pair for o in occurrences}
    assert pairs == {"id-en", "id-ru", "en-ru"}
    russian = [o for o in occurrences if o.pair.endswith("-ru") and not o.derived]
    oblique = [o for o in russian if glossary_eval._is_oblique(glossary, o)]
    assert len(oblique) * 2 >= len(russian)
    assert all(any(o.derived for o in occurrences if o.pair == p) for p in pairs)


def test_injected_violations_change_the_occurrence_only():
    glossary = load_glossary(glossary_eval.DATA / "glossary.csv")
    occ = next(o for o in glossary_eval.read_set() if o.target.startswith("Ким Чен Ын поблагодарил Путина"))
    occ = next(o for o in glossary_eval.read_set() if o.line == occ.line and o.concept == "vladimir-putin")
    bad = glossary_eval.violations(glossary, occ)
    assert bad["misspelling"] == "Ким Чен Ын поблагодарил Путтина."
    assert bad["dropped"] == "Ким Чен Ын поблагодарил ."
    assert bad["untranslated"] == "Ким Чен Ын поблагодарил Putin."
    assert "Путин" not in bad["wrong-name"]


def test_no_false_alarms_on_same_lexeme_occurrences(figures):
    bounds = {"id-en": 0.0, "id-ru": 0.0, "en-ru": 0.0}
    for pair, bound in bounds.items():
        assert figures[pair]["false_same"] <= bound + 1e-9, pair


def test_derived_forms_rarely_flagged(figures):
    bounds = {"id-en": 0.02, "id-ru": 0.02, "en-ru": 0.02}
    for pair, bound in bounds.items():
        assert figures[pair]["false_derived"] <= bound, pair


def test_injected_violations_are_reported(figures):
    bounds = {"id-en": 0.98, "id-ru": 0.98, "en-ru": 0.98}
    for pair, bound in bounds.items():
        assert figures[pair]["recall"] >= bound, pair


def test_restored_russian_names_take_the_case_the_sentence_needs(figures):
    bounds = {"id-ru": 0.95, "en-ru": 0.95}
    for pair, bound in bounds.items():
        assert figures[pair]["restored"] >= bound, pair
        # Read from the model's own rendering, an unsure case comes out right too.
        assert figures[pair]["with_rendering"] >= bound, pair


def test_bench_line_says_n_a_where_nothing_was_measured(capsys):
    glossary_eval.main([])
    bench = capsys.readouterr().out.strip().splitlines()[-1]
    assert "id-en.restored=n/a" in bench  # no Russian target: nothing restored to measure
    assert re.search(r"id-ru\.restored=[01]\.\d{3}", bench)


HELDOUT = ROOT / "tests" / "data" / "glossary_heldout"


@pytest.fixture(scope="module")
def heldout_figures():
    return figures_of(HELDOUT)


def test_heldout_set_does_not_regress(heldout_figures):
    # Floors on the held-out set (tests/data/glossary_heldout, written apart from the rules):
    # the goals. First measured (at 6d06594): restored id-ru 112/136, en-ru 134/154; derived
    # false alarms id-ru 1/11; recall id-ru 0.993, en-ru 0.985, id-en 0.978. The classes of
    # miss its FAILURES.md showed were then fixed (restored id-ru 136/136, en-ru 154/155,
    # no derived false alarm, recall 1.000), so the set is no longer unseen by the rules:
    # these floors guard against regressions, a fresh set would measure generalisation.
    restored = {"id-ru": 0.95, "en-ru": 0.95}
    false_derived = {"id-ru": 0.02, "en-ru": 0.02, "id-en": 0.02}
    recall = {"id-ru": 0.98, "en-ru": 0.98, "id-en": 0.98}
    for pair, bound in restored.items():
        assert heldout_figures[pair]["restored"] >= bound, pair
        assert heldout_figures[pair]["with_rendering"] >= bound, pair
    for pair, bound in false_derived.items():
        assert heldout_figures[pair]["false_same"] == 0, pair
        assert heldout_figures[pair]["false_derived"] <= bound, pair
        assert heldout_figures[pair]["recall"] >= recall[pair], pair


def test_bench_takes_the_heldout_set_with_data(capsys, heldout_figures):
    glossary_eval.main(["--data", str(HELDOUT)])
    bench = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"en-ru.restored={heldout_figures['en-ru']['restored']:.3f}" in bench


TEST = ROOT / "tests" / "data" / "glossary_test"
TEST2 = ROOT / "tests" / "data" / "glossary_test2"


@pytest.fixture(scope="module")
def test_set_figures():
    return figures_of(TEST)


def test_held_out_test_set_figures(test_set_figures):
    # tests/data/glossary_test is held out: its misses must never guide the rules (see its
    # README); only these bounds may change. GOAL marks a bound at the issue 11 goal, which the
    # set meets; MEASURED marks a bound at the figure measured when the set landed (rounded
    # down), where the goal is not met yet: raise it to the goal once it is.
    # Measured on main at 7e744af: restored id-ru 134/145, en-ru 108/121 (with the rendering
    # 136/145, 108/121); no false alarms; recall id-ru 0.998, en-ru 0.998, id-en 0.993.
    # At 278160b, whose rules were written for kinds of miss this set had shown (so it is no
    # longer strictly held out; glossary_test2 is): id-ru 138/145, en-ru 112/121.
    restored = {"id-ru": 0.95, "en-ru": 0.92}  # id-ru GOAL; en-ru MEASURED (goal 0.95)
    with_rendering = {"id-ru": 0.95, "en-ru": 0.92}  # id-ru GOAL; en-ru MEASURED (goal 0.95)
    false_derived = {"id-ru": 0.02, "id-en": 0.02, "en-ru": 0.02}  # GOAL
    recall = {"id-ru": 0.98, "en-ru": 0.98, "id-en": 0.98}  # GOAL
    for pair, bound in restored.items():
        assert test_set_figures[pair]["restored"] >= bound, pair
        assert test_set_figures[pair]["with_rendering"] >= with_rendering[pair], pair
    for pair, bound in false_derived.items():
        assert test_set_figures[pair]["false_same"] == 0, pair  # GOAL
        assert test_set_figures[pair]["false_derived"] <= bound, pair
        assert test_set_figures[pair]["recall"] >= recall[pair], pair


@pytest.fixture(scope="module")
def test2_figures():
    return figures_of(TEST2)


def test_second_held_out_test_set_figures(test2_figures):
    # tests/data/glossary_test2 was written blind to the rules (its README) and is held out
    # as glossary_test was: only these bounds may change. First measured at 4724758, before
    # 278160b: restored id-ru 177/192, en-ru 131/151. At 278160b (rules never shown this
    # set): id-ru 182/192 (with the rendering 183/192), en-ru 137/151; false alarms on
    # correct translations: same lexeme 1/192 and 1/151 (`Илона Маска`, read as the noun
    # маска: fixed after this set showed it, so that class is no longer held out here),
    # derived 1/12 id-ru; recall 1.000 in every pair.
    restored = {"id-ru": 0.94, "en-ru": 0.90}  # MEASURED (goal 0.95)
    with_rendering = {"id-ru": 0.95, "en-ru": 0.90}  # id-ru GOAL; en-ru MEASURED (goal 0.95)
    false_same = {"id-ru": 0.0, "en-ru": 0.0, "id-en": 0.0}  # GOAL
    false_derived = {"id-ru": 0.09, "en-ru": 0.02, "id-en": 0.02}  # id-ru MEASURED (goal 0.02)
    for pair, bound in restored.items():
        assert test2_figures[pair]["restored"] >= bound, pair
        assert test2_figures[pair]["with_rendering"] >= with_rendering[pair], pair
    for pair, bound in false_same.items():
        assert test2_figures[pair]["false_same"] <= bound, pair
        assert test2_figures[pair]["false_derived"] <= false_derived[pair], pair
        assert test2_figures[pair]["recall"] >= 0.98, pair  # GOAL


@pytest.mark.parametrize("folder", [TEST, TEST2], ids=["glossary_test", "glossary_test2"])
def test_held_out_test_sets_are_well_formed(folder):
    # Every line's concepts are the names the matcher finds in its source, each once, and
    # the three pairs are there with derived forms, at least half the Russian names oblique
    # (glossary_test2: 46% id-ru, 52% en-ru, so at least 45% over both).
    glossary = load_glossary(folder / "glossary.csv")
    lines = [line.split("\t") for line in (folder / "sentences.tsv").read_text(encoding="utf-8").splitlines()]
    for n, (pair, concepts, source, _target) in enumerate(lines, 1):
        found = [m.term.concept for m in glossary.find_terms(source, pair.split("-")[0])]
        assert sorted(found) == sorted(concepts.split(",")), n
    occurrences = glossary_eval.read_set(folder / "sentences.tsv")
    assert {o.pair for o in occurrences} == {"id-en", "id-ru", "en-ru"}
    assert all(any(o.derived for o in occurrences if o.pair == p) for p in ("id-en", "id-ru", "en-ru"))
    russian = [o for o in occurrences if o.pair.endswith("-ru") and not o.derived]
    assert 100 * sum(glossary_eval._is_oblique(glossary, o) for o in russian) >= 45 * len(russian)
