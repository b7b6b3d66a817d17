"""Placeholder protection: a small unit, independent of the glossary."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from i18n.engines.protect import STRATEGIES, Span, protect_spans, restore_spans
from i18n.errors import ProtectionError

TEXT = "Putin menyambut Kim Jong Un di Vostochny."
SPANS = [Span(0, 5, "Путин"), Span(16, 27, "Ким Чен Ын")]


def test_brackets_placeholders_and_restore():
    p = protect_spans(TEXT, SPANS, strategy="brackets")
    assert p.text == "⟦0⟧ menyambut ⟦1⟧ di Vostochny."
    r = restore_spans("⟦0⟧ встретил ⟦1⟧ на Восточном.", p)
    assert r.ok and r.text == "Путин встретил Ким Чен Ын на Восточном."


def test_underscore_placeholders_and_restore():
    p = protect_spans(TEXT, SPANS, strategy="underscore")
    assert p.text == "__T0__ menyambut __T1__ di Vostochny."
    r = restore_spans("__T1__ встретил __T0__.", p)
    assert r.ok and r.text == "Ким Чен Ын встретил Путин."


def test_copy_strategy_uses_the_target_form():
    p = protect_spans(TEXT, SPANS, strategy="copy")
    assert p.text == "Путин menyambut Ким Чен Ын di Vostochny."
    assert restore_spans("Путин встретил Ким Чен Ын.", p).ok
    bad = restore_spans("Путина встретил Ким Чен Ын и Ким Чен Ын.", p)
    assert not bad.ok and "'Ким Чен Ын' expected 1 time(s), found 2" in bad.problems


def test_model_spacing_inside_placeholders_is_tolerated():
    p = protect_spans(TEXT, SPANS, strategy="brackets")
    assert restore_spans("⟦ 0 ⟧ и ⟦1 ⟧", p).text == "Путин и Ким Чен Ын"
    p = protect_spans(TEXT, SPANS, strategy="underscore")
    assert restore_spans("__ T0 __ и _ _T1_ _", p).text == "Путин и Ким Чен Ын"


@pytest.mark.parametrize(
    "output, problem",
    [
        ("⟦0⟧ встретил.", "placeholder ⟦1⟧ came back 0 time(s)"),
        ("⟦0⟧ ⟦0⟧ ⟦1⟧", "placeholder ⟦0⟧ came back 2 time(s)"),
        ("⟦0⟧ ⟦1⟧ ⟦7⟧", "unknown placeholder number 7 in the output"),
    ],
)
def test_lost_duplicated_or_invented_placeholder_fails(output, problem):
    p = protect_spans(TEXT, SPANS, strategy="brackets")
    r = restore_spans(output, p)
    assert not r.ok and problem in r.problems and r.text == output


def test_no_spans_is_the_identity():
    p = protect_spans(TEXT, [], strategy="brackets")
    assert p.text == TEXT and restore_spans("anything", p).ok


def test_bad_spans_and_strategy_are_errors():
    with pytest.raises(ProtectionError, match="overlaps"):
        protect_spans(TEXT, [Span(0, 5, "a"), Span(3, 8, "b")])
    with pytest.raises(ProtectionError, match="out of range"):
        protect_spans("abc", [Span(2, 9, "a")])
    with pytest.raises(ProtectionError, match="unknown placeholder strategy 'xml'"):
        protect_spans(TEXT, SPANS, strategy="xml")


@given(
    words=st.lists(st.text("abcdefgh ", min_size=1, max_size=6), min_size=1, max_size=8),
    pick=st.lists(st.booleans(), min_size=8, max_size=8),
    strategy=st.sampled_from(["brackets", "underscore"]),
)
def test_identity_translation_restores_every_span(words, pick, strategy):
    text, spans, expected = "", [], ""
    for i, w in enumerate(words):
        if pick[i]:
            spans.append(Span(len(text), len(text) + len(w), w.upper() + "!"))
            expected += w.upper() + "!"
        else:
            expected += w
        text += w
        text += "|"
        expected += "|"
    p = protect_spans(text, spans, strategy=strategy)
    r = restore_spans(p.text, p)
    assert r.ok and r.text == expected
    assert set(STRATEGIES) >= {strategy}


def test_copy_strategy_counts_whole_words_only():
    p = protect_spans("Rusia dan Korea.", [Span(0, 5, "Nga")], strategy="copy")
    assert restore_spans("Nga và Hàn Quốc ngày Ngay.", p).ok
    assert not restore_spans("Nga và Nga.", p).ok


def test_copy_strategy_does_not_count_a_form_inside_a_longer_one():
    text = "Vostochny dan Forum Ekonomi Timur."
    spans = [Span(0, 9, "Восточный"), Span(14, 33, "Восточный экономический форум")]
    p = protect_spans(text, spans, strategy="copy")
    assert restore_spans("Восточный и Восточный экономический форум.", p).ok
    assert not restore_spans("Восточный экономический форум.", p).ok
