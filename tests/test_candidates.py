"""i18n.glossary.candidates: names and repeated terms a glossary does not cover yet."""
from __future__ import annotations

from i18n.glossary.candidates import stopwords, suggest_terms
from i18n.glossary.model import Glossary
from i18n.model import Segment, Term


def _segments(*texts: str) -> list[Segment]:
    return [Segment("articles/id/x.txt", i, i + 1, 0, 0, len(t), t, f"s{i}") for i, t in enumerate(texts)]


def _suggested(glossary: Glossary, *texts: str, min_term_count: int = 2) -> list[tuple[str, str, int]]:
    return [(s.kind, s.text, s.count) for s in suggest_terms(_segments(*texts), glossary, "id",
                                                           min_term_count=min_term_count)]


def test_a_capitalised_run_of_two_words_or_more_is_a_name_candidate():
    found = _suggested(Glossary([]), "Presiden Joko Widodo tiba di Jakarta.")
    assert ("name", "Presiden Joko Widodo", 1) in found
    assert not any(text == "Jakarta" for _, text, _ in found)  # one capitalised word: not proposed


def test_names_the_glossary_already_covers_are_not_proposed():
    glossary = Glossary([Term("jokowi", "name", {"id": ("Joko Widodo",)}, True)])
    found = _suggested(glossary, "Presiden Joko Widodo tiba di Jakarta.")
    assert not any("Joko" in text for _, text, _ in found)


def test_a_term_needs_min_term_count_occurrences_and_counts_are_case_folded():
    texts = ("Harga bahan bakar naik.", "Kenaikan harga bahan bakar ditunda.")
    terms = [(text, count) for kind, text, count in _suggested(Glossary([]), *texts) if kind == "term"]
    assert ("bahan bakar", 2) in terms
    assert ("Harga bahan", 1) not in terms
    fewer = [t for k, t, _ in _suggested(Glossary([]), *texts, min_term_count=3) if k == "term"]
    assert "bahan bakar" not in fewer


def test_stopwords_do_not_start_or_end_a_candidate():
    stop = stopwords("id")
    assert "di" in stop and "yang" in stop
    found = _suggested(Glossary([]), "Di Jakarta Utara dan Di Jakarta Utara")
    assert [t for k, t, _ in found if k == "name"] == ["Jakarta Utara"]


def test_suggestions_say_where_they_were_first_seen_and_sort_by_count():
    out = suggest_terms(_segments("Kim Jong Un tiba.", "Vladimir Putin dan Kim Jong Un bertemu."), Glossary([]), "id")
    assert [(s.text, s.count) for s in out if s.kind == "name"] == [("Kim Jong Un", 2), ("Vladimir Putin", 1)]
    first = next(s for s in out if s.text == "Kim Jong Un")
    assert first.where == "articles/id/x.txt:1" and first.example == "Kim Jong Un tiba."
