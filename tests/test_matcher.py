"""i18n.glossary.matcher: leftmost-longest, non-overlapping, case- and inflection-aware matching."""
from __future__ import annotations

from i18n.glossary.matcher import SOFT, TermMatcher, tokenize
from i18n.model import Term


def _term(concept: str, lang: str, *forms: str, sensitive: bool = False, type_: str = "term") -> Term:
    return Term(concept, type_, {lang: tuple(forms)}, sensitive)


def _found(matcher: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.term.concept, m.text) for m in matcher.find(text)]


def test_tokenize_gives_offsets_and_classifies_the_gaps():
    tokens = tokenize("Kim Jong-un, tiba")
    assert [t[2] for t in tokens] == ["Kim", "Jong", "un", "tiba"]
    assert [(t[0], t[1]) for t in tokens][:2] == [(0, 3), (4, 8)]
    assert [t[3] for t in tokens] == ["", SOFT, SOFT, ","]
    assert [t[4] for t in tokens] == [False, False, True, False]


def test_the_longest_form_wins_at_a_start_and_matches_do_not_overlap():
    matcher = TermMatcher([_term("korea", "id", "Korea"), _term("nk", "id", "Korea Utara"),
                           _term("utara", "id", "Utara Kim")], "id")
    assert _found(matcher, "pemimpin Korea Utara Kim Jong Un") == [("nk", "Korea Utara")]


def test_leftmost_match_comes_first_and_scanning_continues_after_it():
    matcher = TermMatcher([_term("a", "en", "North Korea"), _term("b", "en", "Korea")], "en")
    assert _found(matcher, "North Korea and South Korea") == [("a", "North Korea"), ("b", "Korea")]


def test_a_space_and_a_hyphen_join_words_alike_but_punctuation_does_not():
    matcher = TermMatcher([_term("kju", "en", "Kim Jong Un", sensitive=True, type_="name")], "en")
    assert _found(matcher, "Kim Jong-Un arrived") == [("kju", "Kim Jong-Un")]
    assert _found(matcher, "Kim Jong, Un arrived") == []


def test_case_sensitive_forms_need_their_case_and_insensitive_ones_do_not():
    matcher = TermMatcher([_term("kpu", "id", "KPU", sensitive=True, type_="dnt"),
                           _term("pemilu", "id", "pemilu")], "id")
    assert _found(matcher, "KPU menunda Pemilu") == [("kpu", "KPU"), ("pemilu", "Pemilu")]
    assert _found(matcher, "kpu menunda pemilu") == [("pemilu", "pemilu")]


def test_russian_forms_match_inflected_unless_matching_is_plain():
    terms = [_term("putin", "ru", "Путин", sensitive=True, type_="name")]
    assert _found(TermMatcher(terms, "ru"), "встреча с Путиным") == [("putin", "Путиным")]
    assert _found(TermMatcher(terms, "ru", inflected=False), "встреча с Путиным") == []
    assert _found(TermMatcher(terms, "ru", inflected=False), "Путин прибыл") == [("putin", "Путин")]


def test_a_word_inside_a_longer_word_is_not_a_match():
    matcher = TermMatcher([_term("un", "en", "UN", sensitive=True)], "en")
    assert _found(matcher, "UNESCO and the UN") == [("un", "UN")]


def test_offsets_point_at_the_text_found():
    matcher = TermMatcher([_term("nk", "en", "North Korea")], "en")
    (match,) = matcher.find("Leaders of  North   Korea met.")
    assert (match.start, match.end) == (12, 25)
    assert match.text == "North   Korea"


def test_variant_of_finds_the_variant_through_base_forms():
    from i18n.glossary.matcher import variant_of

    term = Term("vladimir-putin", "name", {"ru": ("Владимир Путин", "Путин"), "en": ("Vladimir Putin", "Putin")}, True)
    assert variant_of(term, "ru", "Путина") == 1
    assert variant_of(term, "ru", "Владимиру Путину") == 0
    assert variant_of(term, "en", "Putin") == 1
    assert variant_of(term, "ru", "Медведева") is None
