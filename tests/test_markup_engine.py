"""Inline tags through the model (issue 14): tokens the model copies, verified, else pieces apart.

The real tiny Argos packages (copy models with a word dictionary) show the tags surviving real
decoding, with glossary names protected in the same sentence; stand-in engines that mangle
tokens as real models mangle tags ("<p>hello</p>" -> "pulphello vécu/p") show the fallback.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from i18n.catalog.apply import apply_po
from i18n.checks.markup import check_markup
from i18n.checks.pair import Pair
from i18n.engines.argos import ArgosEngine
from i18n.engines.base import MARKUP_FALLBACK
from i18n.engines.enforce import translate_segments
from i18n.engines.markup import MarkupTranslator, mask_tags, unmask_tags
from i18n.engines.pivot import compose
from i18n.glossary.model import load_glossary
from i18n.pipeline import translate_articles

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(DATA / "engine" / "glossary.csv")


class Spy:
    """A Translator around another that records what the model was given."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.batches: list[list[str]] = []

    def route(self, source, target):
        return self.inner.route(source, target)

    def translate_scored(self, texts, source, target):
        self.batches.append(list(texts))
        return self.inner.translate_scored(texts, source, target)


class Garbler:
    """Loses what the tokens meant, as Argos does with tags: `⟦1⟧hello⟦2⟧` -> `pulphello vécu/p`.
    Text without tokens is "translated" to upper case."""

    name = "garbler"

    def __init__(self, how: str = "garble"):
        self.how = how

    def translate_batch(self, texts, source, target):
        out = []
        for text in texts:
            if "⟦" not in text:
                out.append(text.upper())
            elif self.how == "drop":
                out.append(re.sub(r"⟦\d+⟧", "", text).upper())
            elif self.how == "swap":  # a legal reordering: the two pairs change places
                m = re.fullmatch(r"(.*?)(⟦\d+⟧.*?⟦\d+⟧)(.*?)(⟦\d+⟧.*?⟦\d+⟧)(.*)", text)
                assert m is not None
                out.append((m[1] + m[4] + m[3] + m[2] + m[5]).upper())
            else:
                junk = iter(["pulp", " vécu/p", "/p"])
                out.append(re.sub(r"⟦\d+⟧", lambda _, junk=junk: next(junk, ""), text))
        return out


def test_tags_become_numbered_tokens_after_the_glossary_ones():
    masked = mask_tags("⟦0⟧ menyambut <1>Kim</1> di <2/> kota.")
    assert masked is not None
    assert masked.text == "⟦0⟧ menyambut ⟦1⟧Kim⟦2⟧ di ⟦3⟧ kota."
    assert masked.tags == {1: "<1>", 2: "</1>", 3: "<2/>"}
    assert mask_tags("Tanpa tag ⟦0⟧.") is None


def test_unmasking_checks_every_tag_and_tidies_the_spaces_a_model_adds():
    source = "Presiden <1>Putin</1> menyambut <2>Kim</2>."
    masked = mask_tags(source)
    assert masked is not None
    assert masked.text == "Presiden ⟦0⟧Putin⟦1⟧ menyambut ⟦2⟧Kim⟦3⟧."
    assert unmask_tags("President ⟦0⟧ Putin ⟦1⟧ welcomed⟦2⟧ Kim ⟦3⟧.", masked, source) == \
        "President <1>Putin</1> welcomed <2>Kim</2>."
    assert unmask_tags("⟦2⟧Kim⟦3⟧ was welcomed by ⟦0⟧Putin⟦1⟧.", masked, source) == "<2>Kim</2> was welcomed by <1>Putin</1>."
    assert unmask_tags("President ⟦0⟧Putin welcomed ⟦2⟧Kim⟦3⟧.", masked, source) is None  # lost
    assert unmask_tags("President ⟦0⟧Putin⟦1⟧⟦1⟧ welcomed ⟦2⟧Kim⟦3⟧.", masked, source) is None  # twice
    assert unmask_tags("⟦0⟧Putin ⟦2⟧welcomed⟦1⟧ Kim⟦3⟧.", masked, source) is None  # pairs crossing


def test_tags_and_glossary_names_survive_the_real_tiny_argos_model(argos_dir, glossary):
    spy = Spy(compose(ArgosEngine(packages_dir=argos_dir)))
    texts = ["Presiden <1>Vladimir Putin</1> menyambut <2>pemimpin</2> di kota.<3/>", "Tanpa tag di kota."]
    out = translate_segments(MarkupTranslator(spy), texts, "id", "ru", glossary=glossary)
    assert spy.batches == [["Presiden ⟦1⟧⟦0⟧⟦2⟧ menyambut ⟦3⟧pemimpin⟦4⟧ di kota.⟦5⟧", "Tanpa tag di kota."]]
    assert [r.text for r in out] == [
        "Президент <1>Владимир Путин</1> menyambut <2>лидер</2> di город.<3/>", "Tanpa tag di город."]
    assert out[0].protected == ("vladimir-putin",) and not out[0].markup_fallback
    # The pivot's English, which the reviewer sees, has its tags back too.
    assert out[0].intermediate == "President <1>Vladimir Putin</1> menyambut <2>leader</2> di city.<3/>"
    assert MARKUP_FALLBACK not in out[0].comments()


@pytest.mark.parametrize("how", ["garble", "drop"])
def test_lost_tags_fall_back_to_the_words_between_them_translated_apart(how):
    spy = Spy(compose(Garbler(how)))
    texts = ["<1>hello</1>", "Satu <1>dua <2>tiga</2></1> empat.<3/>", "Tanpa tag."]
    out = MarkupTranslator(spy).translate_scored(texts, "id", "en")
    first = spy.batches[0]
    assert first == ["⟦0⟧hello⟦1⟧", "Satu ⟦0⟧dua ⟦1⟧tiga⟦2⟧⟦3⟧ empat.⟦4⟧", "Tanpa tag."]
    if how == "garble":  # the case, as the stand-in model answers it
        assert spy.inner.translate_scored(["⟦0⟧hello⟦1⟧"], "id", "en")[0].text == "pulphello vécu/p"
    assert spy.batches[1] == ["hello", "Satu", "dua", "tiga", "empat."]
    assert [r.text for r in out] == ["<1>HELLO</1>", "SATU <1>DUA <2>TIGA</2></1> EMPAT.<3/>", "TANPA TAG."]
    assert [r.markup_fallback for r in out] == [True, True, False]
    assert out[1].comments() == [MARKUP_FALLBACK]
    assert check_markup(Pair(texts[1], out[1].text, "id", "en")) == []


def test_a_legal_reordering_by_the_model_is_kept():
    out = MarkupTranslator(compose(Garbler("swap"))).translate_scored(["Pada <1>Rabu</1> di <2>Vostochny</2>."], "id", "en")
    assert out[0].text == "PADA <2>VOSTOCHNY</2> DI <1>RABU</1>." and not out[0].markup_fallback


def test_pipeline_flags_the_fallback_in_the_po_entry_and_apply_writes_valid_html(tmp_path):
    article = tmp_path / "articles" / "id" / "a.html"
    article.parent.mkdir(parents=True)
    article.write_text('<p>Satu <a href="/x">dua</a> tiga.</p>\n', "utf-8")
    translate_articles([article], "id", ["en"], engine=compose(Garbler()), locales=tmp_path / "locales")
    po_path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "a.po"
    (entry,) = [e for e in polib.pofile(str(po_path)) if e.msgid]
    assert entry.msgstr == "SATU <1>DUA</1> TIGA."
    assert MARKUP_FALLBACK in entry.comment and '<1> = <a href="/x">' in entry.comment
    text, counts = apply_po(po_path, article, include_fuzzy=True)
    assert text == '<p>SATU <a href="/x">DUA</a> TIGA.</p>\n' and counts.broken_markup == 0
    # Once a person reviews the entry, the note about the machine's text goes.
    po = polib.pofile(str(po_path))
    po[0].flags.remove("fuzzy")
    po.save()
    translate_articles([article], "id", ["en"], engine=compose(Garbler()), locales=tmp_path / "locales")
    (entry,) = [e for e in polib.pofile(str(po_path)) if e.msgid]
    assert entry.msgstr == "SATU <1>DUA</1> TIGA." and "fuzzy" not in entry.flags
    assert MARKUP_FALLBACK not in entry.comment and '<1> = <a href="/x">' in entry.comment


def test_an_html_page_through_the_real_tiny_models_and_back(tmp_path, argos_dir):
    article = tmp_path / "articles" / "id" / "page.html"
    article.parent.mkdir(parents=True)
    shutil.copy(DATA / "markup" / "article.id.html", article)
    spy = Spy(compose(ArgosEngine(packages_dir=argos_dir)))
    translate_articles([article], "id", ["ru"], engine=spy, locales=tmp_path / "locales")
    assert not any(re.search(r"</?\d+/?>", t) for batch in spy.batches for t in batch)  # tags went as tokens
    text, counts = apply_po(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "page.po", article, include_fuzzy=True)
    assert counts.broken_markup == 0 and counts.untranslated == 0
    assert (
        "<p>Президент Rusia <strong>Vladimir Putin</strong> menyambut лидер Korea Utara "
        '<a href="https://example.org/kim" title="Profil Kim Jong Un">Kim Jong Un</a> di Kosmodrom Vostochny'
    ) in text
    source = article.read_text("utf-8")
    assert text == source.replace("Presiden", "Президент").replace("pemimpin", "лидер").replace(
        '<html lang="id">', '<html lang="ru">')  # the page declares its new language
