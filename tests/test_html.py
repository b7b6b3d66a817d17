"""The HTML reader: blocks, inline placeholders, dropped elements, attributes (issue 14)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from i18n.article import read_article
from i18n.errors import ArticleError
from i18n.readers import format_of
from i18n.readers.inline import balanced
from i18n.segment import segment_article

DATA = Path(__file__).parent / "data" / "markup"
PAGE = DATA / "article.id.html"


def test_blocks_are_paragraphs_with_inline_markup_as_placeholders():
    article = read_article(PAGE, "id")
    by_text = {p.text: p for p in article.paragraphs}
    lead = next(p for p in article.paragraphs if p.text.startswith("Presiden Rusia"))
    assert lead.text == (
        "Presiden Rusia <1>Vladimir Putin</1> menyambut pemimpin Korea Utara <2>Kim Jong Un</2> di "
        "Kosmodrom Vostochny pada Rabu (13/9). Pertemuan itu berlangsung selama <3>lebih dari empat jam</3>."
    )
    assert lead.tags == ("<strong>", '<a href="https://example.org/kim" title="Profil Kim Jong Un">', "<em>")
    assert lead.line == 14
    nested = "Menurut Kremlin, kedua pemimpin membahas kerja sama di bidang <1>energi, <2>pertanian</2></1> dan transportasi.<3>1</3>"
    assert nested in by_text
    # <br> and <code> are void placeholders: code is not translated.
    assert "Kim tiba dengan kereta lapis baja.<1/>Ia disambut Menteri Sumber Daya Alam." in by_text
    assert by_text["Data tersedia di <1/> dan laporan H<2>2</2>O & lainnya."].tags == ("<code>", "<sub>")


def test_scripts_styles_navigation_ads_and_related_boxes_are_not_content():
    texts = " ".join(p.text for p in read_article(PAGE, "id").paragraphs)
    for gone in ("dataLayer", "display: none", "Beranda", "ADVERTISEMENT", "loadAd", "Harga beras naik",
                 "Berita terpopuler", "Redaksi"):
        assert gone not in texts, gone


def test_entities_and_no_break_spaces_are_text():
    quote = next(p for p in read_article(PAGE, "id").paragraphs if p.text.startswith("“Kami"))
    assert quote.text == "“Kami akan membahas semua isu secara detail,” kata Putin.\u00a0Ia tersenyum."
    assert [s.text for s in segment_article(read_article(PAGE, "id")) if s.paragraph == quote.index] == [
        "“Kami akan membahas semua isu secara detail,” kata Putin.", "Ia tersenyum."]


def test_alt_and_title_attributes_are_entries_of_their_own():
    entries = [(p.attribute, p.text) for p in read_article(PAGE, "id").paragraphs if p.attribute]
    assert entries == [("title", "Profil Kim Jong Un"), ("alt", "Putin dan Kim berjabat tangan")]


def test_a_sentence_split_inside_a_tag_pair_stays_one_segment(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<p>Awal. <em>Satu kalimat. Dua kalimat.</em> Akhir.</p>", "utf-8")
    texts = [s.text for s in segment_article(read_article(path, "id"))]
    assert texts == ["Awal.", "<1>Satu kalimat. Dua kalimat.</1>", "Akhir."]
    assert all(balanced(t) for t in texts)


def test_a_fragment_as_cms_bodies_store_it_reads_like_a_page(tmp_path):
    path = tmp_path / "body.htm"
    path.write_text("<p>Satu.</p>\n<div class='iklan-atas'>Iklan</div><h2>Dua</h2>", "utf-8")
    assert [p.text for p in read_article(path, "id").paragraphs] == ["Satu.", "Dua"]


def test_a_page_of_only_noise_is_an_error(tmp_path):
    path = tmp_path / "noise.html"
    path.write_text("<p>ADVERTISEMENT</p><script>x()</script>", "utf-8")
    with pytest.raises(ArticleError, match="nothing to translate"):
        read_article(path, "id")


def test_format_is_chosen_by_extension_or_given():
    assert [format_of(p) for p in ("a.html", "a.HTM", "a.md", "a.txt", "a")] == [
        "html", "html", "markdown", "text", "text"]
    assert format_of("a.txt", "html") == "html"
    with pytest.raises(ArticleError, match="unknown format 'docx'"):
        format_of("a.txt", "docx")


def test_segment_command_reads_html_by_extension_and_by_format(tmp_path):
    result = CliRunner().invoke(cli.main, ["segment", str(PAGE), "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert "Pertemuan itu berlangsung selama <3>lebih dari empat jam</3>.\n" in result.stdout
    as_text = tmp_path / "page.txt"
    as_text.write_text("<p>Satu <b>dua</b>.</p>", "utf-8")
    result = CliRunner().invoke(cli.main, ["segment", str(as_text), "--lang", "id", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Satu <1>dua</1>.\n"
