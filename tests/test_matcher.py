"""i18n.glossary.matcher: leftmost-longest, non-overlapping, case- and inflection-aware matching."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from i18n.glossary.matcher import _SEP, SOFT, TermMatcher, _plain_keys, _text_keys, tokenize
from i18n.glossary.model import load_glossary as _load
from i18n.model import Term, TermMatch


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


# --- the matcher finds what a scan of every word finds ----------------------------------------


ROOT = Path(__file__).resolve().parents[1]


def scan(matcher: TermMatcher, text: str) -> list[TermMatch]:
    """The matcher as it was before issue 18: every word of the text walked in Python."""
    tokens = tokenize(text)
    n, out, i = len(tokens), [], 0
    keys_of = _text_keys if matcher.inflected else _plain_keys
    while i < n:
        best_end, best_term = -1, None
        entry = matcher._start_nodes(tokens[i][2], tokens[i][4])
        for sensitive, nodes in ((True, entry[0]), (False, entry[1])):
            stack = [(node, i) for node in nodes]
            while stack:
                node, j = stack.pop()
                term = node.get(None)
                if term is not None and j > best_end:
                    best_end, best_term = j, term
                if j + 1 < n:
                    _, _, w, joiner, ah = tokens[j + 1]
                    for k in keys_of(w, matcher.lang, ah, sensitive):
                        child = node.get(joiner + _SEP + k)
                        if child is not None:
                            stack.append((child, j + 1))
        if best_term is None:
            i += 1
            continue
        start, end = tokens[i][0], tokens[best_end][1]
        out.append(TermMatch(best_term, matcher.lang, start, end, text[start:end]))
        i = best_end + 1
    return out


def _spans(found: list[TermMatch]) -> list[tuple]:
    return [(m.start, m.end, m.term.concept, m.text) for m in found]


def _real_texts() -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"id": [], "ru": [], "en": [], "vi": []}
    for name in ("glossary_eval", "glossary_heldout"):
        for line in (ROOT / "tests" / "data" / name / "sentences.tsv").read_text("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 3 and "-" in cols[0]:
                src, tgt = cols[0].split("-")
                texts[src].append(cols[2])
                texts[tgt].append(re.sub(r"[{}]", "", cols[3]))
    for lang in texts:
        path = ROOT / "tests" / "data" / "segment" / f"{lang}.txt"
        texts[lang] += [x for x in path.read_text("utf-8").splitlines() if x and not x.startswith("#")]
    return texts


def _stress(text: str, rng: random.Random) -> str:
    """Hyphens, apostrophes, case and punctuation moved about, as wire copy has them."""
    out = []
    for word in text.split(" "):
        r = rng.random()
        out.append(word.upper() if r < 0.05 else word.lower() if r < 0.1 else word)
        out.append(rng.choice([" ", " ", " ", "-", " - ", "’", ", ", "\u2013", ". "]))
    return "".join(out)


def test_the_matcher_finds_what_a_scan_of_every_word_finds_on_real_glossaries_and_text():
    rng = random.Random(18)
    glossaries = [_load(ROOT / "glossary"), _load(ROOT / "tests" / "data" / "glossary_heldout" / "glossary.csv"),
                  _load(ROOT / "tests" / "data" / "glossary_eval" / "glossary.csv")]
    compared = matched = 0
    for glossary in glossaries:
        for lang, texts in _real_texts().items():
            for inflected in (True, False):
                matcher = TermMatcher(glossary.terms, lang, inflected=inflected)
                for text in texts + [_stress(t, rng) for t in texts]:
                    found = matcher.find(text)
                    assert _spans(found) == _spans(scan(matcher, text)), text
                    compared += 1
                    matched += bool(found)
    assert compared > 2000 and matched > 300


def test_the_matcher_finds_what_a_scan_finds_with_thousands_of_generated_terms():
    sys.path.insert(0, str(ROOT / "bench"))
    import glossary as bench

    rng = random.Random(20230913)
    terms = bench.make_glossary(rng)[:2000]
    segments = []
    for k in range(600):  # as bench/glossary.py makes them: filler, syllable words, two forms
        words = [rng.choice(bench.FILLER) if rng.random() < 0.6 else bench.word(rng) for _ in range(25)]
        for _ in range(2):
            words.insert(rng.randrange(len(words)), rng.choice(rng.choice(terms).forms["id"]))
        text = " ".join(words)
        segments.append(_stress(text, rng) if k % 3 == 0 else text)
    matcher = TermMatcher(terms, "id")
    assert sum(len(matcher.find(s)) for s in segments) > 600
    for text in segments:
        assert _spans(matcher.find(text)) == _spans(scan(matcher, text))


def test_indonesian_keys_are_the_word_or_a_prefix_of_it():
    """What the Aho-Corasick step relies on for Indonesian (matcher._head_starts): a word
    begins with each of its keys, so the keys at word starts find every word that starts a form."""
    from i18n.glossary.morph import word_keys

    words = set(re.findall(r"\w+", (ROOT / "tests" / "data" / "segment" / "id.txt").read_text("utf-8")))
    words |= {w + clitic for w in list(words)[:200] for clitic in ("nya", "lah", "kah", "pun", "nyalah")}
    for word in words:
        assert all(word.startswith(key) for key in word_keys(word, "id")), word
