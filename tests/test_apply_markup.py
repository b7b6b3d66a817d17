"""i18n apply for HTML and Markdown articles: the same format back, tags where they were (issue 14).

Round trip: an engine that copies its input, through the real pipeline (PO files written and
read), then `apply --include-fuzzy`, gives the source document back byte for byte (fixtures
written in the form lxml serialises; a messy page comes back as lxml writes it).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import polib
from click.testing import CliRunner

import cli
from i18n.article import read_article
from i18n.catalog.apply import apply_catalog, apply_po
from i18n.catalog.merge import Suggestion, merge_catalog
from i18n.catalog.po import read_po, write_po
from i18n.engines.pivot import compose
from i18n.pipeline import translate_articles
from i18n.readers.html import parse_document, serialize_html
from i18n.segment import segment_article

DATA = Path(__file__).parent / "data" / "markup"


class Copier:
    """An engine that gives back its input unchanged."""

    name = "copier"

    def translate_batch(self, texts, source, target):
        return list(texts)


def copied(tmp_path, fixture: str) -> Path:
    """The fixture translated id->en by the copy engine; the PO file's path."""
    article = tmp_path / "articles" / "id" / fixture
    article.parent.mkdir(parents=True)
    shutil.copy(DATA / fixture, article)
    translate_articles([article], "id", ["en"], engine=compose(Copier()), locales=tmp_path / "locales")
    return tmp_path / "locales" / "en" / "LC_MESSAGES" / f"{article.stem}.po"


def reviewed_catalog(tmp_path, article, translations: dict[str, str]) -> polib.POFile:
    """A PO file written and read back: `translations` reviewed, every other sentence untranslated."""
    po = merge_catalog(article, segment_article(article), "en").catalog
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    path = tmp_path / "t.po"
    write_po(path, po)
    return read_po(path)


def as_english(page: str) -> str:
    """A page of the fixtures as the translated page declares itself: `<html lang="en">`."""
    assert page.count('<html lang="id">') == 1
    return page.replace('<html lang="id">', '<html lang="en">')


def test_copy_engine_round_trip_gives_the_html_page_back_byte_for_byte(tmp_path):
    po = copied(tmp_path, "roundtrip.id.html")
    text, counts = apply_po(po, None, include_fuzzy=True)
    assert text == as_english((DATA / "roundtrip.id.html").read_text("utf-8"))  # but for its language
    assert counts.untranslated == 0 and counts.fuzzy > 20 and counts.set_aside == 1


def test_copy_engine_round_trip_gives_the_markdown_back_byte_for_byte(tmp_path):
    po = copied(tmp_path, "roundtrip.id.md")
    text, counts = apply_po(po, None, include_fuzzy=True)
    assert text == (DATA / "roundtrip.id.md").read_text("utf-8")
    assert counts.untranslated == 0 and counts.fuzzy > 15


def test_the_reader_fixtures_round_trip_too(tmp_path):
    for fixture in ("article.id.html", "article.id.md"):
        text, _ = apply_po(copied(tmp_path / fixture, fixture), None, include_fuzzy=True)
        source = (DATA / fixture).read_text("utf-8")
        assert text == (as_english(source) if fixture.endswith(".html") else source), fixture


def test_without_reviewed_entries_the_document_is_the_source(tmp_path):
    po = copied(tmp_path, "roundtrip.id.html")
    text, counts = apply_po(po, None)
    assert text == (DATA / "roundtrip.id.html").read_text("utf-8")
    assert counts.reviewed == counts.fuzzy == 0 and counts.untranslated > 20


def test_a_messy_page_comes_back_as_lxml_writes_it(tmp_path):
    """The documented normalisation: the tree as lxml serialises it (lower-case names, quoted
    attributes, implied end tags written), white space runs inside a block's text as one space."""
    source = (
        "<DIV CLASS='body'><P>Satu <B>dua</B>.\n  Tiga <A HREF=/x>empat</A>.<P>Lima\n<UL><LI>enam<LI>tujuh</UL></DIV>"
    )
    path = tmp_path / "messy.html"
    path.write_text(source, "utf-8")
    article = read_article(path, "id")
    po = reviewed_catalog(tmp_path, article, {})
    text, _ = apply_catalog(po, article, document=source)
    lxml_form = serialize_html(parse_document(source), source)
    assert lxml_form == (
        '<div class="body"><p>Satu <b>dua</b>.\n  Tiga <a href="/x">empat</a>.</p><p>Lima\n</p>'
        "<ul><li>enam</li><li>tujuh</li></ul></div>"
    )
    assert text == lxml_form.replace(".\n  Tiga", ". Tiga")


def test_translated_html_keeps_tags_attributes_and_entities(tmp_path):
    path = DATA / "roundtrip.id.html"
    article = read_article(path, "id")
    po = reviewed_catalog(tmp_path, article, {
        "Presiden <1>Vladimir Putin</1> menyambut <2>pemimpin <3>Korea Utara</3></2> pada Rabu.":
            "President <1>Vladimir Putin</1> welcomed <2>the leader of <3>North Korea</3></2> on Wednesday.",
        "Keduanya berbicara <4>lebih dari <5>empat</5> jam</4>.": "They talked for <4>more than <5>four</5> hours</4>.",
        "Profil Kim Jong Un": "Kim Jong Un's profile",
        "Putin dan Kim berjabat tangan": "Putin and Kim shake hands",
        "Harga naik 5\u202f% — kata <1>BI</1> & Kemenkeu.<2/>Baris kedua dengan <3/> dan <4/>.":
            "Prices rose 5\u202f% — say <1>BI</1> & the ministry.<2/>Line two with <3/> and <4/>.",
    })
    text, counts = apply_catalog(po, article, document=path.read_text("utf-8"))
    assert (
        '<p>President <strong>Vladimir Putin</strong> welcomed <a href="https://example.org/kim?ref=a&amp;b=2" '
        'title="Kim Jong Un\'s profile" rel="nofollow">the leader of <b>North Korea</b></a> on Wednesday.&nbsp;They '
        "talked for <em>more than <strong>four</strong> hours</em>.</p>"
    ) in text
    assert '<img src="/foto/putin-kim.jpg" alt="Putin and Kim shake hands" title="Foto resmi" width="640">' in text
    # A character the source wrote as an entity is written as that entity.
    assert ("<p>Prices rose 5&#8239;% &mdash; say <abbr title=\"Bank Indonesia\">BI</abbr> &amp; the ministry.<br>"
            "Line two with <code>kode()</code> and <kbd>Ctrl</kbd>.</p>") in text
    assert '<script>var x = "&ldquo;tidak diubah&rdquo;";</script>' in text
    assert counts.reviewed == 5 and counts.broken_markup == 0


def test_sibling_tags_may_change_order_in_html_and_markdown(tmp_path):
    html_path = tmp_path / "a.html"
    html_path.write_text('<p>Pada <em>Rabu</em> di <a href="/v">Vostochny</a>.</p>\n', "utf-8")
    article = read_article(html_path, "id")
    po = reviewed_catalog(tmp_path, article, {"Pada <1>Rabu</1> di <2>Vostochny</2>.": "In <2>Vostochny</2> on <1>Wednesday</1>."})
    text, counts = apply_catalog(po, article, document=html_path.read_text("utf-8"))
    assert text == '<p>In <a href="/v">Vostochny</a> on <em>Wednesday</em>.</p>\n'
    md_path = tmp_path / "a.md"
    md_path.write_text("Pada *Rabu* di [Vostochny](/v \"Kosmodrom\").\n", "utf-8")
    article = read_article(md_path, "id")
    po = reviewed_catalog(tmp_path, article, {"Pada <1>Rabu</1> di <2>Vostochny</2>.": "In <2>Vostochny</2> on <1>Wednesday</1>."})
    text, counts = apply_catalog(po, article, document=md_path.read_text("utf-8"))
    assert text == 'In [Vostochny](/v "Kosmodrom") on *Wednesday*.\n'


def test_translated_markdown_keeps_block_markers_links_code_and_images(tmp_path):
    path = DATA / "roundtrip.id.md"
    article = read_article(path, "id")
    po = reviewed_catalog(tmp_path, article, {
        "Presiden <1>Vladimir Putin</1> menyambut <2>pemimpin <3>Korea Utara</3></2> pada Rabu.":
            "President <1>Vladimir Putin</1> welcomed <2>the leader of <3>North Korea</3></2> on Wednesday.",
        "Putin dan Kim berjabat tangan": "Putin and Kim [shake] hands",
        "Kereta itu <1>hijau tua</1>.": "The train is <1>dark green</1>.",
        "«Kami akan membahas <1>semua</1> isu,» kata Putin.": "“We will discuss <1>all</1> issues,” said Putin.",
        "Jadwal kunjungan": "Visit *schedule*",
        "Catatan": "Notes",
        "Pertemuan di kosmodrom.": "1999. A meeting at the cosmodrome.",
    })
    text, _ = apply_catalog(po, article, document=path.read_text("utf-8"))
    lines = text.splitlines()
    # A changed paragraph is written on one line; the untranslated sentence's markup as written.
    assert lines[2] == ("President **Vladimir Putin** welcomed [the leader of **North Korea**](https://example.org/kim?a=1&b=2 "
                        '"Profil Kim") on Wednesday. Keduanya berbicara _lebih dari **empat** jam_.')
    lines[3:3] = [""]  # the paragraph's second line, joined
    assert lines[9] == '![Putin and Kim \\[shake\\] hands](/foto/putin-kim.jpg "Foto resmi")'
    assert lines[13:15] == ["Visit \\*schedule\\*", "----------------"]
    assert lines[16] == "> “We will discuss *all* issues,” said Putin."
    assert lines[22] == "  - The train is [dark green](/kereta)."
    assert lines[25] == "3. 1999\\. A meeting at the cosmodrome."
    assert lines[28] == "## Notes ##"
    assert "    kode blok tidak diterjemahkan" in lines and 'print("tidak diubah")' in lines


def test_a_translation_that_breaks_the_markup_is_not_used_and_named(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<p>Satu <b>dua</b> tiga. Empat <i>lima</i>.</p>\n", "utf-8")
    article = read_article(path, "id")
    po = reviewed_catalog(tmp_path, article, {
        "Satu <1>dua</1> tiga.": "One <1>two three.",
        "Empat <2>lima</2>.": "Four <2>five</2>.",
    })
    text, counts = apply_catalog(po, article, document=path.read_text("utf-8"))
    assert text == "<p>Satu <b>dua</b> tiga. Four <i>five</i>.</p>\n"
    assert counts.broken_markup == 1 and counts.untranslated == 1 and counts.reviewed == 1
    line = next(e.linenum for e in po if e.msgid == "Satu <1>dua</1> tiga.")
    assert counts.warnings == [
        f"{tmp_path / 't.po'}:{line}: markup: </1> is missing; keep it (article line 1); the source sentence is kept"
    ]


def test_cli_apply_writes_html_and_prints_the_markup_warning(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<p>Satu <b>dua</b> tiga.</p>\n", "utf-8")
    article = read_article(path, "id")
    po = merge_catalog(article, segment_article(article), "en", suggestions={
        "Satu <1>dua</1> tiga.": Suggestion("One two <1>three.", "test")}).catalog
    write_po(tmp_path / "a.po", po)
    out = tmp_path / "a.en.html"
    result = CliRunner().invoke(cli.main, ["apply", str(tmp_path / "a.po"), "--source", str(path), "--from", "id",
                                           "--include-fuzzy", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == "<p>Satu <b>dua</b> tiga.</p>\n"
    assert "a.po:" in result.stderr and "markup: <1>…</1> is missing" not in result.stderr
    assert "</1> is missing; keep it (article line 1); the source sentence is kept" in result.stderr
    assert "1 with broken markup" in result.stderr


def test_a_translated_page_declares_the_translations_language(tmp_path):
    """`<html lang>` and `xml:lang` naming the source language (any region, any case) name the
    translation's once a sentence is translated; another language's tag, a fragment and an
    untranslated page are left as written."""
    from i18n.langs import retag

    assert [retag(v, "id", "ru") for v in ("id", "id-ID", "ID", "in_ID", "ind", "en", "", "ms-MY")] == \
        ["ru", "ru", "ru", "ru", "ru", None, None, None]  # in: the old code of Indonesian
    assert retag("ru", "ru", "ru") is None

    def applied(page: str, translate: bool) -> str:
        path = tmp_path / "articles" / "id" / "p.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, "utf-8")
        article = read_article(path, "id")
        po = reviewed_catalog(tmp_path, article, {"Putin tiba di Moskow.": "Путин прибыл в Москву."} if translate else {})
        po.metadata["Language"] = "ru"
        return apply_catalog(po, article, document=page)[0]

    page = '<!DOCTYPE html>\n<html lang="id-ID" xml:lang="id"><body><p>Putin tiba di Moskow.</p></body></html>\n'
    out = applied(page, True)
    assert '<html lang="ru" xml:lang="ru">' in out and "Путин прибыл в Москву." in out
    assert '<html lang="id-ID" xml:lang="id">' in applied(page, False)  # nothing translated: as it was
    other = '<!DOCTYPE html>\n<html lang="en"><body><p>Putin tiba di Moskow.</p></body></html>\n'
    assert '<html lang="en">' in applied(other, True)
    fragment = '<p lang="id">Putin tiba di Moskow.</p>\n'
    assert applied(fragment, True) == '<p lang="id">Путин прибыл в Москву.</p>\n'


def test_a_browser_reads_the_applied_page_in_the_translations_language(tmp_path):
    """The applied page as Chromium parses it: the document's language is the translation's."""
    from browser import dump_dom

    po = copied(tmp_path, "roundtrip.id.html")
    text, _ = apply_po(po, None, include_fuzzy=True)
    page = tmp_path / "page.en.html"
    page.write_text(text, "utf-8")
    dom = dump_dom(page.as_uri(), tmp_path / "profile")
    assert '<html lang="en">' in dom and '<html lang="id"' not in dom
