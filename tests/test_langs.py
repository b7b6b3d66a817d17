"""i18n.langs: language codes, aliases, the data-file resolver."""
from __future__ import annotations

import pytest

from i18n import langs
from i18n.errors import LanguageError
from i18n.langs import (
    FALLBACKS,
    SUPPORTED,
    abbreviations,
    boilerplate_patterns,
    data_chain,
    lang_from_path,
    normalize_lang,
    parse_langs,
)


@pytest.mark.parametrize(
    "code, expected",
    [("ID", "id"), ("id_ID", "id"), ("ind", "id"), ("in", "id"), ("en-US", "en"), (" ru ", "ru"),
     ("vi_VN.UTF-8", "vi"), ("sr@latin", None), ("Vietnamese", "vi")],
)
def test_normalize_lang_accepts_regions_aliases_and_names(code, expected):
    if expected is None:
        with pytest.raises(LanguageError):
            normalize_lang(code)
    else:
        assert normalize_lang(code) == expected


def test_unknown_language_names_the_supported_ones():
    with pytest.raises(LanguageError) as exc:
        normalize_lang("de")
    assert "'de'" in str(exc.value)
    for code in SUPPORTED:
        assert code in str(exc.value)


def test_empty_code_is_refused():
    with pytest.raises(LanguageError):
        normalize_lang("")


def test_parse_langs_keeps_order_and_drops_duplicates():
    assert parse_langs("ru, en,RU,,vi_VN") == ["ru", "en", "vi"]


def test_parse_langs_refuses_an_empty_list():
    with pytest.raises(LanguageError, match="no language given"):
        parse_langs(" , ")


def test_lang_from_path_takes_the_nearest_language_folder(tmp_path):
    assert lang_from_path("locales/ru/LC_MESSAGES/x.po") == "ru"
    assert lang_from_path("articles/id/x.txt") == "id"
    assert lang_from_path("vi/archive/en/x.txt") == "en"
    assert lang_from_path("articles/de/x.txt") is None
    # the file's own name is not a folder
    assert lang_from_path("articles/en") is None


def test_every_fallback_chain_ends_without_a_loop():
    for lang in FALLBACKS:
        chain = data_chain(lang)
        assert chain[0] == lang and chain[-1] == "common"
        assert len(chain) == len(set(chain))


def test_a_fallback_loop_is_an_error_not_a_hang(monkeypatch):
    monkeypatch.setattr(langs, "FALLBACKS", {"id": "en", "en": "id"})
    with pytest.raises(LanguageError, match="loops: id -> en -> id"):
        data_chain("id")


def test_missing_data_file_reads_as_empty():
    assert langs.load_lines("abbreviations", "no-such-language") == []


def test_abbreviation_markers_are_kept_only_for_numbers_and_ambiguity():
    words = abbreviations("en")
    assert all(not w.endswith(".") for w in words)
    assert all(w.count("#") + w.count("?") <= 1 for w in words)
    # the resolver reads the common file too, so every language has at least its entries
    common = {e.partition(" ")[0].rstrip(".") for e in langs.load_lines("abbreviations", "common")}
    for lang in SUPPORTED:
        plain = {w.rstrip("#?") for w in abbreviations(lang)}
        assert common <= plain


def test_boilerplate_patterns_match_whole_scrape_lines():
    patterns = boilerplate_patterns("id")
    assert patterns, "Indonesian ships boilerplate patterns"
    assert any(p.fullmatch("[iklan_2]") for p in patterns)
    assert not any(p.fullmatch("Presiden Rusia Vladimir Putin tiba di Vladivostok.") for p in patterns)
