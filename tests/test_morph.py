"""Word keys per language: Russian lemmas, Indonesian clitics, English plurals, Vietnamese tones."""
from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from i18n.glossary.morph import (
    fold_vi,
    fold_word,
    form_keys,
    key_prefixes,
    key_tails,
    lemmas_ru,
    singular_en,
    strip_clitics_id,
    word_keys,
)


@pytest.mark.parametrize(
    "old, new",
    [("hoà", "hòa"), ("thuý", "thúy"), ("uỷ", "ủy"), ("oà", "òa"), ("Hoà", "Hòa"), ("khoẻ", "khỏe"), ("Thuỵ", "Thụy")],
)
def test_vietnamese_old_and_new_tone_placement_fold_together(old, new):
    assert old != new
    assert fold_vi(old) == fold_vi(new)


def test_vietnamese_folding_keeps_different_tones_and_vowels_apart():
    assert fold_vi("hòa") != fold_vi("hóa")
    assert fold_vi("hòa") != fold_vi("hoa")
    assert fold_vi("thủy") != fold_vi("thùy")
    assert fold_vi("ưu") != fold_vi("uu")


def test_vietnamese_folding_accepts_decomposed_input():
    assert fold_vi(unicodedata.normalize("NFD", "Ủy ban")) == fold_vi("Uỷ ban")


def test_fold_word_unifies_apostrophes_and_russian_yo():
    assert fold_word("O’Brien", "en") == fold_word("O'Brien", "en")
    assert fold_word("Соединённые", "ru") == "Соединенные"


@pytest.mark.parametrize(
    "word, stem",
    [("Kremlinnya", "Kremlin"), ("Putinlah", "Putin"), ("Rusiakah", "Rusia"), ("Seoulpun", "Seoul"), ("bukunyalah", "buku")],
)
def test_indonesian_clitics_are_stripped(word, stem):
    assert stem in strip_clitics_id(word)
    assert stem in word_keys(word, "id")


def test_indonesian_word_without_clitic_keeps_only_itself():
    assert strip_clitics_id("Korea") == ()
    assert word_keys("Korea", "id") == ("Korea",)


@pytest.mark.parametrize(
    "plural, singular", [("summits", "summit"), ("cities", "city"), ("boxes", "box"), ("Ukrainians", "Ukrainian")]
)
def test_english_plurals_reduce_to_singular(plural, singular):
    assert singular in singular_en(plural)


@pytest.mark.parametrize("word", ["news", "bus", "analysis", "press", "US", "series"])
def test_english_words_that_only_look_plural_stay_whole(word):
    assert singular_en(word) == ()


@pytest.mark.parametrize(
    "form, lemma",
    [("Путина", "путин"), ("Путину", "путин"), ("Путиным", "путин"), ("Путине", "путин"),
     ("космодроме", "космодром"), ("Восточном", "восточный"), ("Кремлём", "кремль"), ("Ына", "ын")],
)
def test_russian_forms_share_their_lemma(form, lemma):
    assert lemma in lemmas_ru(form)
    assert lemma in word_keys(form, "ru")


def test_russian_lemmas_skip_words_without_cyrillic():
    assert lemmas_ru("Sputnik") == ()


def test_form_keys_reduce_only_russian():
    assert form_keys("summits", "en") == ("summits",)
    assert form_keys("Kremlinnya", "id") == ("Kremlinnya",)
    assert "северный" in form_keys("Северная", "ru")


def test_russian_lemmas_load_offline_and_lazily():
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network disabled in this test')\n"
        "socket.socket.connect = refuse\n"
        "import i18n.glossary.model, i18n.glossary.morph\n"
        "assert 'pymorphy3' not in sys.modules, 'pymorphy3 imported eagerly'\n"
        "print(i18n.glossary.morph.lemmas_ru('Путиным'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "путин" in out.stdout


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_key_of_a_word_is_a_prefix_of_it_and_a_tail(lang):
    """The contract the matcher's Aho-Corasick prefilter stands on (i18n.glossary.starts)."""
    stems = ["Kremlin", "kota", "city", "CITY", "box", "summit", "Allah", "pun", "bus", "Yaya", "an"]
    endings = ["", "nya", "lah", "kah", "pun", "nyalah", "punkah", "NYA", "s", "es", "ies", "S", "IES", "'s"]
    tails = key_tails(lang)
    for stem in stems:
        for ending in endings:
            word = stem + ending
            for key in word_keys(word, lang):
                low = word.lower()
                assert any(low.startswith(p) and low[len(p):] in tails for p in key_prefixes(key, lang)), (word, key)


def test_keys_that_need_not_be_prefixes_have_no_tails():
    assert key_tails("ru") is None and key_tails("vi") is None  # людей -> человек; tone marks move
    assert key_tails("id", inflected=False) == {""} and key_tails("en", inflected=False) == {""}
    assert "человек" in word_keys("людей", "ru") and not "людей".startswith("чел")


def test_lean_lemmatizer_gives_the_full_analyzers_normal_forms():
    """`_lemmatizer` drops the units that only take words with no Cyrillic letter, the
    re-scoring and Parse objects: over real Russian text (the repository's Russian
    catalogs and evaluation sets), mixed-script and odd words, the same normal forms."""
    import itertools
    import re
    from pathlib import Path

    from i18n.glossary.morph import _analyzer, _lemmatizer

    root = Path(__file__).resolve().parent.parent
    words: set[str] = set()
    texts = [*root.glob("locales/ru/LC_MESSAGES/*.po"), *root.glob("tests/data/**/*.ru.*"),
             *root.glob("tests/data/**/*ru*.tsv"), *root.glob("tests/data/**/*.tsv")]
    for path in texts:
        words.update(re.findall(r"[^\W_]+(?:-[^\W_]+)*", path.read_text("utf-8", errors="replace")))
    odd = ["Т34", "т-34", "XIV", "ХIV", "2-й", "COVID-19", "Путин-", "по-русски", "кое-кто", "ёлка", "Ёж",
           "ООН", "США", "iPhone-ом", "10-летний", "—", "1,5", "МГУ", "Ким", "Чен", "Ына"]
    cyrillic = [w for w in itertools.chain(words, odd) if any("а" <= c <= "я" or c == "ё" for c in w.lower())]
    assert len(cyrillic) > 2000  # real text, not only the odd words
    full, lean = _analyzer(), _lemmatizer()
    for word in cyrillic:
        assert {p.normal_form for p in full.parse(word)} == {p[2] for p in lean.parse(word)}, word
