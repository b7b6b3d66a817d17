"""The detector of degenerate output: loops and lengths, and no false alarm on real translations."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from i18n.engines.degenerate import expected_ratio, find_degeneration, find_loop

DATA = Path(__file__).resolve().parent / "data"
SOURCE = "Presiden Rusia tiba di kota kecil dekat perbatasan dengan Korea Utara."


@pytest.mark.parametrize(("text", "loop"), [
    ("salad salad salad salad", ("salad", 4)),
    ("the city of the city of the city of the", ("the city of", 3)),
    ("Президент прибыл в город город город город город.", ("город", 5)),
    ("very very good", None),  # twice is English
    ("a b a b and then c", None),  # a phrase twice is not a loop
    ("salad salad salad", None),  # one word needs four
    ("", None),
])
def test_find_loop(text, loop):
    assert find_loop(text) == loop


def test_loop_in_the_output_is_degenerate():
    found = find_degeneration(SOURCE, "The president arrived in the city city city city city city.", "id", "en")
    assert found is not None and found.kind == "loop"
    assert found.message == "the phrase «city» repeats 6 times in a row"


def test_a_repeat_the_source_has_is_not_a_loop():
    source = "Mereka berteriak: tolong, tolong, tolong, tolong!"
    assert find_degeneration(source, "They shouted: help, help, help, help!", "id", "en") is None


def test_truncated_and_overlong_outputs_are_degenerate():
    short = find_degeneration(SOURCE, "The president arrived", "id", "en")
    assert short is not None and short.kind == "short" and "stops before the end" in short.message
    long = find_degeneration(SOURCE, SOURCE + " And then the president said many other things nobody asked. " * 2, "id", "en")
    assert long is not None and long.kind == "long"


def test_short_sources_are_not_judged_by_length():
    assert find_degeneration("Komentar (0)", "Comments", "id", "en") is None
    assert find_degeneration("Putin tiba.", "Putin arrived at the cosmodrome on Wednesday morning.", "id", "en") is None


def test_expected_ratios_are_near_one_between_the_newsroom_languages():
    assert expected_ratio("en", "en") == 1.0
    assert 0.9 < expected_ratio("id", "ru") < expected_ratio("id", "vi") < expected_ratio("id", "en") < 1.0
    assert expected_ratio("xx", "yy") == 1.0  # unknown languages: same length


def test_no_reference_translation_is_flagged():
    pairs = []
    for lang in ("en", "ru", "vi"):
        ref = json.loads((DATA / "reference" / f"putin-kim-vostochny.{lang}.json").read_text("utf-8"))
        pairs += [(src, tgt, "id", lang) for src, tgt in ref.items()]
    with open(DATA / "glossary_eval" / "sentences.tsv", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) >= 4 and "-" in row[0]:
                source, target = row[0].split("-")
                pairs.append((row[2], row[3].replace("{", "").replace("}", ""), source, target))
    assert len(pairs) > 150
    assert [p for p in pairs if find_degeneration(*p) is not None] == []
