"""The prefiltered matcher finds exactly what the whole-text word loop found (issue 18).

tests/matcher_oracle.py keeps the matcher as it was before the Aho-Corasick and word-set
prefilter (`i18n.glossary.starts`). Here both run over generated and real text in id, en, ru
and vi, with inflection on and off, through a whole glossary's matcher and one term's, and
must return equal matches (term, language, offsets, text) in the same order. The generated
text carries what the matcher handles: clitics, plurals, Russian case endings and ё, old and
new Vietnamese tone placement, hyphen and apostrophe joiners, case changes, punctuation,
and characters whose lower case is not one character (İ, ß) or depends on context (Σ), which
send a text down the word-set path.
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matcher_oracle import LegacyTermMatcher

from i18n.glossary.csvfile import read_terms
from i18n.glossary.matcher import TermMatcher, tokenize
from i18n.glossary.starts import WORD, _safe_chars, is_word_char
from i18n.model import Term

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parent.parent

SYLLABLES = {
    "id": [c + v for c in "bdgklmnprstw" for v in "aiuo"] + ["nya", "kah", "ng"],
    "en": [c + v for c in "bdfgklmnprstv" for v in "aeiou"] + ["y", "sh", "ch"],
    "ru": [c + v for c in "бвгдклмнпрст" for v in "аеиоуыё"] + ["ин", "ов", "ск"],
    "vi": ["hoà", "hòa", "thuý", "thúy", "uỷ", "ủy", "nguyễn", "việt", "quốc", "hà", "nội", "trần", "lê"],
}
ENDINGS = {
    "id": ["", "", "nya", "lah", "kah", "pun", "nyalah", "Nya"],
    "en": ["", "", "s", "es", "'s", "S"],
    "ru": ["", "", "а", "у", "ом", "е", "ы", "ами", "ой", "ым"],
    "vi": [""],
}
JOINERS = [" ", " ", " ", "-", "‐", "–", "’", "  ", ", ", ". ", " (", "\n"]
ODD = ["İstanbul", "Straße", "ΣΟΦΙΑ", "café", "cafe\u0301", "ſ", "Ёлка", "x_y", "ＡＢＣ", "東京", "«", "“", "…"]
RUSSIAN_NAMES = ["Католическая церковь", "Государственная дума", "Северная Корея", "Владимир Путин",
                 "Ким Чен Ын", "Соединённые Штаты", "Москва", "Человек года"]


def _word(rng: random.Random, lang: str) -> str:
    return "".join(rng.choice(SYLLABLES[lang]) for _ in range(rng.randint(1, 3)))


def _glossary(rng: random.Random, lang: str, size: int) -> list[Term]:
    terms, seen = [], set()
    while len(terms) < size:
        words = [_word(rng, lang) for _ in range(rng.choice((1, 1, 2, 3)))]
        if lang == "en" and rng.random() < 0.2:
            words[-1] = words[-1].rstrip("y") + "y"
        name = rng.random() < 0.5
        form = " ".join(w.capitalize() for w in words) if name else " ".join(words)
        if form.casefold() in seen:
            continue
        seen.add(form.casefold())
        variants = [form]
        if rng.random() < 0.3:
            variants.append(form.replace(" ", "-"))
        if rng.random() < 0.1:
            variants.append(form.upper())
        terms.append(Term(f"{lang}{len(terms)}", "name" if name else "term", {lang: tuple(variants)}, name))
    if lang == "ru":
        terms += [Term(f"ru-name{i}", "name", {"ru": (n,)}, True) for i, n in enumerate(RUSSIAN_NAMES)]
    return terms


def _decorate(rng: random.Random, lang: str, form: str) -> str:
    """A form as running text may write it: another joiner, an ending, another case."""
    words = form.split(" ")
    out = words[0]
    for w in words[1:]:
        out += rng.choice(JOINERS[:7]) + w
    out += rng.choice(ENDINGS[lang])
    if lang == "ru" and rng.random() < 0.3:
        out = out.replace("е", "ё", 1)
    if lang == "en" and out.endswith("y") and rng.random() < 0.5:
        out = out[:-1] + "ies"
    roll = rng.random()
    return out.lower() if roll < 0.15 else out.upper() if roll < 0.2 else out.capitalize() if roll < 0.3 else out


def _texts(rng: random.Random, lang: str, terms: list[Term], count: int) -> list[str]:
    forms = [f for t in terms for f in t.forms[lang]]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(3, 25)):
            roll = rng.random()
            if roll < 0.3:
                parts.append(_decorate(rng, lang, rng.choice(forms)))
            elif roll < 0.33:
                parts.append(rng.choice(ODD))
            else:
                parts.append(_word(rng, lang))
            parts.append(rng.choice(JOINERS))
        texts.append("".join(parts).strip())
    return texts


def _assert_same(terms: list[Term], lang: str, texts: list[str], *, single: int = 20) -> int:
    """Both matchers on every text, inflected and not, and one-term matchers on some terms."""
    found = 0
    for inflected in (True, False):
        new, old = TermMatcher(terms, lang, inflected=inflected), LegacyTermMatcher(terms, lang, inflected=inflected)
        for text in texts:
            ours = new.find(text)
            assert ours == old.find(text), (lang, inflected, text)
            found += len(ours)
    rng = random.Random(len(texts))
    for term in rng.sample(terms, min(single, len(terms))):
        new, old = TermMatcher([term], lang), LegacyTermMatcher([term], lang)
        for text in texts[:80]:
            assert new.find(text) == old.find(text), (lang, term.concept, text)
    return found


def test_generated_text_in_each_language_gives_the_same_matches():
    for lang in ("id", "en", "ru", "vi"):
        rng = random.Random(f"oracle-{lang}")
        terms = _glossary(rng, lang, 300)
        texts = _texts(rng, lang, terms, 300)
        texts += [unicodedata.normalize("NFD", t) for t in texts[:40]]  # accents apart: the word-set path
        assert _assert_same(terms, lang, texts) > 300  # the corpus does exercise matching


def test_real_catalogs_and_articles_give_the_same_matches_with_the_real_glossaries():
    glossaries = [read_terms(ROOT / "glossary")[0], read_terms(DATA / "glossary_eval" / "glossary.csv")[0],
                  read_terms(DATA / "glossary_heldout" / "glossary.csv")[0]]
    texts: dict[str, list[str]] = {"id": [], "en": [], "ru": [], "vi": []}
    for lang in ("id", "ru", "vi"):
        for entry in polib.pofile(str(DATA / "realworld" / f"django.{lang}.po")):
            texts["en"].append(entry.msgid)
            texts[lang].append(entry.msgstr or entry.msgstr_plural.get(0, ""))
    for folder in ("glossary_eval", "glossary_heldout"):
        for line in (DATA / folder / "sentences.tsv").read_text("utf-8").splitlines():
            pair, _, source, target = line.split("\t")
            texts[pair[:2]].append(source)
            texts[pair[3:]].append(target.replace("{", "").replace("}", ""))
    texts["id"] += (ROOT / "articles" / "id").joinpath("putin-kim-vostochny.txt").read_text("utf-8").splitlines()
    for lang in ("en", "ru", "vi"):
        texts[lang] += [e.msgstr for e in polib.pofile(str(ROOT / "locales" / lang / "LC_MESSAGES" / "putin-kim-vostochny.po"))]
    rng = random.Random("real")
    for lang, lang_texts in texts.items():
        found = 0
        for terms in glossaries:
            found += _assert_same([t for t in terms if lang in t.forms], lang, lang_texts, single=10)
        # The texts' own words and word pairs as a glossary, so that the Django catalogs match too.
        tokens = [t for text in lang_texts for t in tokenize(text)]
        forms = {rng.choice(tokens)[2] for _ in range(150)}
        forms |= {text[a[0]:b[1]] for text in rng.sample(lang_texts, 60)
                  for a, b in zip(tokenize(text), tokenize(text)[1:], strict=False) if rng.random() < 0.1}
        own = [Term(f"w{i}", "name" if i % 2 else "term", {lang: (form,)}, i % 2 == 1)
               for i, form in enumerate(sorted(forms))]
        found += _assert_same(own, lang, lang_texts, single=10)
        assert found > 50, lang


ALPHABET = st.sampled_from(list("aeiknyl AKNY-‐’'.,_(“1") + ["nya", "kah", "ё", "е", "Е", "ов", "ом", "ы",
                                                          "hoà", "hòa", "İ", "ß", "Σ", "\u0301", "ſ", "東"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=40).map("".join), st.sampled_from(["id", "en", "ru", "vi"]),
       st.lists(st.integers(0, 2**16), min_size=1, max_size=6))
def test_any_text_gives_the_same_matches(text, lang, seeds):
    """Forms cut from the text itself (a word or two, recased), matched back into it."""
    tokens = tokenize(text)
    terms = []
    for i, seed in enumerate(seeds):
        if not tokens:
            break
        a = seed % len(tokens)
        b = min(len(tokens) - 1, a + seed // len(tokens) % 2)
        form = text[tokens[a][0]:tokens[b][1]]
        form = form.upper() if seed % 5 == 0 else form.lower() if seed % 5 == 1 else form
        terms.append(Term(f"t{i}", "term", {lang: (form,)}, seed % 3 == 0))
    for inflected in (True, False):
        new, old = TermMatcher(terms, lang, inflected=inflected), LegacyTermMatcher(terms, lang, inflected=inflected)
        assert new.find(text) == old.find(text)


def test_a_match_made_fast_equals_and_hashes_as_one_made_by_the_constructor():
    term = Term("kpu", "dnt", {"id": ("KPU",)}, True)
    made = TermMatcher([term], "id").find("oleh KPU.")
    assert made == [type(made[0])(term, "id", 5, 8, "KPU")]
    assert hash(made[0]) == hash(type(made[0])(term, "id", 5, 8, "KPU"))


def test_a_word_character_is_what_the_word_pattern_takes():
    for cp in list(range(0x3000)) + [0xFF21, 0x6771, 0x1D400, 0x10FFFF]:
        c = chr(cp)
        assert is_word_char(c) == bool(WORD.fullmatch(c)), hex(cp)


def test_safe_characters_lower_case_alone_and_ascii_is_safe():
    safe = _safe_chars()
    assert all(cp in safe for cp in range(128))
    for c in "İßΣſ\u0301":
        assert ord(c) not in safe, c
    for cp in safe:
        c = chr(cp)
        assert len(c.lower()) == 1 and c.casefold() == c.lower() and c.upper().lower() == c.lower()


TRICKY = ["e\u0301kah", "Cafe\u0301nya", "İstanbulnya", "iSTANBUL", "Straße", "STRASSE", "strasse", "ΟΔΟΣ ΟΔΟΣΑ",
          "ſtraße", "ﬁnal", "Ǆemal ǅemal", "ǈubljana", "x_kah", "東京kah", "ёлка Елка", "hoà hòa HOÀ",
          "Kim Jong‐un’s", "U.S. u.s", "ＡＢＣnya", "ⅰⅱ Ⅻ", "µm Μm", "K kelvin", "x\u0305kah", "\u2126mega ωmega",
          "\u212bngstrom", "a\u0374kah", "\u1100\u1161kah", "\u0b47\u0b3ekah"]


def test_tricky_text_gives_the_same_matches_where_lower_case_is_not_one_character():
    """Each text's words and the letter runs inside them as forms, cased as written, lower
    and upper: a word boundary misread (an accent, a ligature, İ, ß, final Σ) shows."""
    import re

    for lang in ("id", "en", "ru", "vi"):
        for text in TRICKY:
            pieces = {t[2] for t in tokenize(text)} | set(re.findall(r"[^\W\d_]+", text)) | {text}
            forms = sorted({f for p in pieces for f in (p, p.lower(), p.upper(), p.capitalize())})
            terms = [Term(f"t{k}", "term", {lang: (f,)}, k % 2 == 0) for k, f in enumerate(forms)]
            _assert_same(terms, lang, [text, text + " " + text.lower(), "(" + text.upper() + ")"], single=len(terms))


def test_a_word_that_leads_two_ways_is_settled_by_the_whole_walk():
    """`Tiru` meets both `Tiru` and `tiru` (a lower-case form word meets it capitalised): the
    walk must try both and keep the longer form, as the word loop did."""
    terms = [Term("short", "name", {"id": ("Bako Tiru",)}, True),
             Term("long", "name", {"id": ("Bako tiru Lima",)}, True)]
    texts = ["Bako Tiru Lima datang", "Bako Tiru datang", "bako Tiru Lima", "Bako tiru Lima"]
    _assert_same(terms, "id", texts)
    assert [m.term.concept for m in TermMatcher(terms, "id").find(texts[0])] == ["long"]
    assert [m.term.concept for m in TermMatcher(terms, "id").find(texts[1])] == ["short"]


def test_the_keys_a_word_is_classified_by_hold_every_key_it_meets_a_form_by():
    """StartScan keeps a word where one of `_any_keys` is a first-word key: a superset of
    every key the walk compares, for each case rule, after a hyphen or not."""
    from i18n.glossary.matcher import _any_keys, _plain_keys, _text_keys

    words = ["Kremlinnya", "JAKARTA", "AS", "ſtraße", "İstanbul", "Путиным", "ЁЛКА", "людей", "hoà", "cities",
             "ǅemal", "MOSKVA", "x"] + [t for t in TRICKY if " " not in t]
    for lang in ("id", "en", "ru", "vi"):
        for word in words:
            for inflected, keys_of in ((True, _text_keys), (False, _plain_keys)):
                every = {k for s in (True, False) for ah in (True, False) for k in keys_of(word, lang, ah, s)}
                assert every <= _any_keys(word, lang=lang, inflected=inflected), (lang, word, inflected)
