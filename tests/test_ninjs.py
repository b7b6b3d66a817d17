"""ninjs items (issue 14): headline, description and body_html read through the HTML reader, written back."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from i18n.article import read_article
from i18n.catalog.apply import apply_catalog, apply_po
from i18n.catalog.merge import merge_catalog
from i18n.engines.pivot import compose
from i18n.errors import ArticleError
from i18n.pipeline import translate_articles
from i18n.segment import segment_article

ITEM = Path(__file__).parent / "data" / "markup" / "item.id.json"


class Copier:
    name = "copier"

    def translate_batch(self, texts, source, target):
        return list(texts)


def test_headline_description_and_body_are_the_paragraphs_at_their_json_lines():
    article = read_article(ITEM, "id")
    assert article.format == "ninjs"
    got = [(p.line, p.attribute, p.text, p.tags) for p in article.paragraphs]
    assert got == [
        (6, "", "Putin Sambut Kim Jong Un di Kosmodrom Vostochny", ()),
        (7, "", "Presiden Rusia menyambut pemimpin Korea Utara di Amur.", ()),
        (8, "", "Presiden Rusia <1>Vladimir Putin</1> menyambut pemimpin Korea Utara <2>Kim Jong Un</2> pada "
                "Rabu.\u00a0Pertemuan berlangsung <3>lebih dari empat jam</3>.",
         ("<strong>", '<a href="https://example.org/kim" title="Profil Kim Jong Un">', "<em>")),
        (8, "title", "Profil Kim Jong Un", ()),
        (10, "alt", "Putin dan Kim berjabat tangan", ()),
        (10, "", "Putin dan Kim di Vostochny.", ()),
    ]
    assert [s.text for s in article.set_aside] == ["ADVERTISEMENT", "Baca juga: Harga beras naik"]


def test_copy_engine_round_trip_gives_the_item_back_byte_for_byte(tmp_path):
    article = tmp_path / "articles" / "id" / ITEM.name
    article.parent.mkdir(parents=True)
    shutil.copy(ITEM, article)
    translate_articles([article], "id", ["en"], engine=compose(Copier()), locales=tmp_path / "locales")
    text, counts = apply_po(tmp_path / "locales" / "en" / "LC_MESSAGES" / "item.id.po", article, include_fuzzy=True)
    source = ITEM.read_text("utf-8")
    assert source.count('"language": "id"') == 1
    assert text == source.replace('"language": "id"', '"language": "en"')  # it declares its new language
    assert counts.fuzzy == 7 and counts.untranslated == 0


def test_apply_translates_the_three_members_and_leaves_the_rest(tmp_path):
    article = read_article(ITEM, "id")
    po = merge_catalog(article, segment_article(article), "en").catalog
    translations = {
        "Putin Sambut Kim Jong Un di Kosmodrom Vostochny": "Putin welcomes Kim Jong Un at the \"Vostochny\" cosmodrome",
        "Presiden Rusia <1>Vladimir Putin</1> menyambut pemimpin Korea Utara <2>Kim Jong Un</2> pada Rabu.":
            "<2>Kim Jong Un</2> was welcomed by Russian President <1>Vladimir Putin</1> on Wednesday.",
        "Putin dan Kim berjabat tangan": "Putin and Kim shake hands",
    }
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, "")
    text, counts = apply_catalog(po, article, document=ITEM.read_text("utf-8"))
    item, source = json.loads(text), json.loads(ITEM.read_text("utf-8"))
    assert item["headline"] == "Putin welcomes Kim Jong Un at the \"Vostochny\" cosmodrome"
    assert item["description_text"] == source["description_text"]  # untranslated: as it was
    assert item["body_html"].startswith(
        '<p><a href="https://example.org/kim" title="Profil Kim Jong Un">Kim Jong Un</a> was welcomed by Russian '
        "President <strong>Vladimir Putin</strong> on Wednesday.&nbsp;Pertemuan berlangsung <em>lebih dari empat jam</em>.</p>"
    )
    assert 'alt="Putin and Kim shake hands"' in item["body_html"]
    assert item["language"] == "en"
    assert {k: v for k, v in item.items() if k not in ("headline", "body_html", "language")} == \
        {k: v for k, v in source.items() if k not in ("headline", "body_html", "language")}
    lines, before = text.splitlines(), ITEM.read_text("utf-8").splitlines()
    assert lines[:3] + lines[4:5] == before[:3] + before[4:5]  # the rest byte for byte
    assert counts.reviewed == 3


def test_format_ninjs_for_another_extension_and_bad_items(tmp_path):
    path = tmp_path / "item.txt"
    path.write_text('{"headline": "Satu <b>dua</b>", "body_html": "<p>Tiga <i>empat</i>.</p>"}', "utf-8")
    result = CliRunner().invoke(cli.main, ["segment", str(path), "--lang", "id", "--format", "ninjs"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Satu <b>dua</b>\n\nTiga <1>empat</1>.\n"
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "headline": "Satu",\n  "body_html": "<p>x</p>"\n  "byline": "y"\n}', "utf-8")
    with pytest.raises(ArticleError, match=r"bad.json:4: .*not valid JSON: Expecting ',' delimiter"):
        read_article(bad, "id")
    bad.write_text('["not", "an", "item"]', "utf-8")
    with pytest.raises(ArticleError, match="not an object"):
        read_article(bad, "id")
    bad.write_text('{"uri": "x", "type": "text"}', "utf-8")
    with pytest.raises(ArticleError, match="empty article"):
        read_article(bad, "id")
