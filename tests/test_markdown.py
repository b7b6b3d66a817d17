"""The Markdown reader: CommonMark blocks, inline markup as placeholders (issue 14)."""
from __future__ import annotations

from pathlib import Path

from i18n.article import read_article
from i18n.segment import segment_article

DATA = Path(__file__).parent / "data" / "markup"


def test_blocks_and_inline_markup_of_a_markdown_article():
    article = read_article(DATA / "article.id.md", "id")
    got = [(p.line, p.attribute, p.text, p.tags) for p in article.paragraphs]
    assert got == [
        (1, "", "Putin Sambut <1>Kim Jong Un</1>", ("*",)),
        (3, "", "Presiden <1>Vladimir Putin</1> menyambut <2>Kim</2> di Vostochny. "
                "Data ada di <3/>. Foto: <4/>", ("**", '[…](https://example.org/kim "Profil")', "`kremlin.ru`",
                                                "![…](/foto/kim.jpg)")),
        (3, "alt", "Putin dan Kim", ()),
        (8, "", "“Kami akan membahas <1>semua isu</1> secara detail,” kata Putin.", ("_",)),
        (10, "", "Kunjungan berlangsung empat hari.", ()),
        (11, "", "Kim tiba dengan <1>kereta lapis baja</1>.", ("**",)),
    ]
    assert [s.text for s in article.set_aside] == ["Baca juga: Harga beras naik"]


def test_markdown_sentences_keep_their_placeholders():
    segments = segment_article(read_article(DATA / "article.id.md", "id"))
    assert [s.text for s in segments if s.paragraph == 1] == [
        "Presiden <1>Vladimir Putin</1> menyambut <2>Kim</2> di Vostochny.",
        "Data ada di <3/>.",
        "Foto: <4/>",
    ]
