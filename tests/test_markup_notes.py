"""What a placeholder stands for, shown to the reviewer in the PO entry (issue 14)."""
from __future__ import annotations

from pathlib import Path

from pofiles import assert_valid_po

from i18n.article import read_article
from i18n.catalog.merge import Suggestion, extract_template, merge_catalog
from i18n.catalog.po import write_po
from i18n.readers.inline import tag_notes
from i18n.segment import segment_article

PAGE = Path(__file__).parent / "data" / "markup" / "article.id.html"
LEAD = "Presiden Rusia <1>Vladimir Putin</1> menyambut pemimpin Korea Utara <2>Kim Jong Un</2> di " \
       "Kosmodrom Vostochny pada Rabu (13/9)."


def entry(po, msgid):
    return next(e for e in po if e.msgid == msgid)


def test_each_placeholder_of_a_sentence_is_named_in_an_extracted_comment(tmp_path):
    article = read_article(PAGE, "id")
    pot = extract_template(article, segment_article(article))
    assert entry(pot, LEAD).comment.splitlines() == [
        "<1> = <strong>", '<2> = <a href="https://example.org/kim" title="Profil Kim Jong Un">']
    # Only the placeholders of the sentence: the paragraph's third tag is in the next one.
    assert entry(pot, "Pertemuan itu berlangsung selama <3>lebih dari empat jam</3>.").comment == "<3> = <em>"
    assert entry(pot, "Kim tiba dengan kereta lapis baja.<1/>Ia disambut Menteri Sumber Daya Alam.").comment == (
        "<1/> = <br>")
    assert entry(pot, "Ia tersenyum.").comment == ""
    write_po(tmp_path / "a.pot", pot)
    assert_valid_po(tmp_path / "a.pot")


def test_tag_notes_follow_the_machine_notes_and_a_rerun_changes_nothing(tmp_path):
    article = read_article(PAGE, "id")
    segments = segment_article(article)
    sugg = {s.text: Suggestion(s.text, "copy", ["glossary-missing: Putin -> Путин"]) for s in segments}
    first = merge_catalog(article, segments, "ru", suggestions=sugg).catalog
    assert entry(first, LEAD).comment.splitlines()[1:] == [
        "glossary-missing: Putin -> Путин", "<1> = <strong>",
        '<2> = <a href="https://example.org/kim" title="Profil Kim Jong Un">']
    again = merge_catalog(article, segments, "ru", old=first, suggestions=sugg)
    assert again.counts()["machine"] == 0 and str(again.catalog) == str(first)
    path = tmp_path / "ru" / "a.po"
    write_po(path, again.catalog)
    assert_valid_po(path)


def test_a_reviewed_entry_gets_the_current_tags_and_keeps_its_translation(tmp_path):
    article = read_article(PAGE, "id")
    segments = segment_article(article)
    po = merge_catalog(article, segments, "ru").catalog
    lead = entry(po, LEAD)
    lead.msgstr = "Президент России <1>Владимир Путин</1> встретил <2>Ким Чен Ына</2>."
    lead.comment = "<1> = <b>\n<9> = <i>"  # what an older run of the article said
    merged = merge_catalog(article, segments, "ru", old=po).catalog
    assert entry(merged, LEAD).msgstr == lead.msgstr
    assert entry(merged, LEAD).comment.splitlines() == [
        "<1> = <strong>", '<2> = <a href="https://example.org/kim" title="Profil Kim Jong Un">']


def test_a_long_tag_is_shortened_so_the_comment_stays_one_line():
    (line,) = tag_notes("<1>x</1>", ('<a href="https://example.org/' + "a" * 100 + '">',))
    assert len(line) == 76 and line.startswith('<1> = <a href="https://example.org/aaa') and line.endswith("…>")
