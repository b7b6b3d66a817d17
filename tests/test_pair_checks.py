"""i18n.checks.pair: each QA check on a (source, translation) pair, one failure and one pass."""
from __future__ import annotations

from collections import Counter

import pytest

from i18n.checks.pair import Pair, extract_numbers, run_pair_checks, scan_balance

ALL = ("numbers", "urls", "placeholders", "brackets", "quotes", "punctuation", "whitespace", "unchanged", "length",
       "markup")


def _ids(source: str, target: str, src: str = "id", tgt: str = "en", flags=frozenset()) -> list[str]:
    return [cid for cid, _ in run_pair_checks(Pair(source, target, src, tgt, frozenset(flags)), ALL)]


def _messages(source: str, target: str, check: str, src: str = "id", tgt: str = "en", flags=frozenset()):
    return [m for _, m in run_pair_checks(Pair(source, target, src, tgt, frozenset(flags)), [check])]


def test_a_faithful_translation_passes_every_check():
    assert _ids("Putin tiba pada 13 September 2023 pukul 10.30.",
                "Putin arrived on 13 September 2023 at 10.30.") == []


def test_numbers_separators_and_leading_zeros_do_not_count():
    assert extract_numbers("2,5 dan 050 000", "id") == Counter({"2": 1, "5": 1, "50": 1, "0": 1})
    assert extract_numbers("on 07/09", "en") == Counter({"7": 1, "9": 1})


def test_a_month_name_in_a_date_counts_as_its_number():
    assert _messages("pada 13 September", "13.09.", "numbers", tgt="ru") == []
    assert extract_numbers("13 сентября", "ru")["9"] == 1
    # a month name alone is no date
    assert extract_numbers("September", "en") == Counter()


def test_a_changed_number_is_an_error_naming_both_sides():
    (message,) = _messages("Harga naik 15 persen.", "Prices rose 16 percent.", "numbers")
    assert "15" in message and "16" in message and message.endswith("carry every number and date over")


def test_a_dropped_url_is_reported_and_a_kept_one_is_not():
    assert _messages("Lihat https://example.com/a.", "See https://example.com/a.", "urls") == []
    assert _messages("Lihat https://example.com/a.", "See the website.", "urls")


def test_placeholders_must_all_be_carried_over():
    assert _messages("Halo %(name)s, {count} pesan", "Hello %(name)s, {count} messages", "placeholders",
                     flags={"python-format"}) == []
    assert _messages("Halo %(name)s", "Hello", "placeholders", flags={"python-format"})


@pytest.mark.parametrize("text, kind, unmatched", [("(a) [b]", "brackets", 0), ("(a", "brackets", 1),
                                                   ("a)", "brackets", 1), ("«a»", "quotes", 0)])
def test_scan_balance_counts_unmatched_marks(text, kind, unmatched):
    assert scan_balance(text, kind) == unmatched


def test_unbalanced_brackets_in_the_translation_only():
    assert _messages("Presiden (Rusia) tiba.", "The president (of Russia arrived.", "brackets")
    # the source itself unbalanced: not the translator's fault
    assert _messages("Presiden (Rusia tiba.", "The president (of Russia arrived.", "brackets") == []


def test_final_punctuation_class_must_match():
    assert _messages("Apakah dia datang?", "Did he come.", "punctuation")
    assert _messages("Apakah dia datang?", "Did he come?", "punctuation") == []


def test_whitespace_problems_are_each_named():
    messages = _messages("Dia datang.", " He  came. ", "whitespace")
    assert len(messages) == 3


def test_an_untranslated_copy_is_flagged_but_a_name_is_not():
    assert _messages("Presiden Rusia tiba di Vladivostok.", "Presiden Rusia tiba di Vladivostok.", "unchanged")
    assert _messages("Putin", "Putin", "unchanged") == []  # one word: a name, often the same everywhere
    assert _messages("Vladimir Putin", "Vladimir Putin", "unchanged", src="en", tgt="en") == []


def test_a_far_shorter_translation_is_flagged():
    source = "Presiden Rusia Vladimir Putin tiba di Vladivostok untuk bertemu pemimpin Korea Utara Kim Jong Un."
    assert _messages(source, "Putin arrived.", "length")
    assert _messages(source, "Russian President Vladimir Putin arrived in Vladivostok to meet "
                             "North Korean leader Kim Jong Un.", "length") == []


@pytest.mark.parametrize("lang", ["ru", "vi", "en", "id"])
def test_month_scan_in_lower_case_finds_what_the_case_insensitive_pattern_finds(lang):
    """A CASE_PLAIN text is scanned lower-cased with a case-sensitive pattern: the same
    matches at the same offsets as the case-insensitive pattern over the text as written."""
    import itertools
    import random

    from i18n.checks.pair import _month_pattern, _months

    pattern, forms, _ = _month_pattern(lang)
    names = sorted(forms)
    rng = random.Random(7)
    glue = [" ", "  ", ", ", ". ", "-", "\u00a0", "", "x", "1", "ſ", "ı", "İ", "Σ", "ё", "Ё"]
    texts = []
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            name = rng.choice(names)
            name = rng.choice([name, name.upper(), name.title(), name.capitalize(), name.swapcase()])
            parts += [rng.choice(glue), str(rng.randint(1, 31)), rng.choice(glue), name]
        texts.append("".join(parts) + rng.choice(["", ".", " 2025", "ый"]))
    texts += ["".join(p) for p in itertools.product(["13 ", "Ｍ"], names[:5], [".", ""])]
    for text in texts:
        got = [(m.start(), m.end()) for m in _months(text, lang)[0]]
        want = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert got == want, text
    assert extract_numbers("13 СЕНТЯБРЯ 2025", "ru") == Counter({"13": 1, "9": 1, "2025": 1})
