"""`_written` (str.find) says what `_written_as` (a regex per term) says: a glossary form
written exactly, as whole words. The unhonoured check takes it on every term of every entry."""
from __future__ import annotations

import itertools
import re

from i18n.glossary.model import _is_word, _written, _written_as
from i18n.langs import CASE_PLAIN as _CASE_PLAIN


def _plain_chars() -> list[str]:
    return [chr(cp) for cp in range(0x3000) if _CASE_PLAIN.fullmatch(chr(cp))]


def test_plain_characters_compare_by_lower_case_as_re_does():
    chars = _plain_chars()
    assert "ж" in chars and "Ё" in chars and "«" in chars and "ı" not in chars and "İ" not in chars
    for c in chars:
        pattern = re.compile(re.escape(c), re.IGNORECASE)
        assert len(c.lower()) == 1
        for d in chars:
            assert bool(pattern.fullmatch(d)) == (c.lower() == d.lower()), (c, d)


def test_word_characters_are_re_word_characters():
    word = re.compile(r"\w")
    for cp in range(0x10000):
        c = chr(cp)
        assert _is_word(c) == bool(word.match(c)), hex(cp)


TEXTS = [
    "Варколин встретился с Тарбенском в Тарбенске.",
    "ВАРКОЛИН и тарбенск; «Тарбенск» — город",
    "Morzelin_Tarbensk met tarbensk-2 and TARBENSK",
    "Ilham Aliyev in Istanbul, İstanbul, ıstanbul, ſt. Kelvin K",
    "Путин, Путина, путин1 и Путин",
    "",
    "Тарбенск",
    "Mr. Tarbensk's visit to U.S. and the U.S.A.",
]
VARIANTS = [
    ("Тарбенск",), ("тарбенск", "Тарбенск град"), ("Варколин",), ("Istanbul",), ("istanbul",),
    ("Kelvin", "k"), ("U.S.",), ("Путин",), ("Tarbensk",), ("st.",), ("Morzelin",), ("2",),
]


def test_written_is_the_regex_verdict():
    for text, variants, sensitive in itertools.product(TEXTS, VARIANTS, (True, False)):
        expected = _written_as(variants, sensitive).search(text) is not None
        assert _written(variants, sensitive, text) == expected, (text, variants, sensitive)
