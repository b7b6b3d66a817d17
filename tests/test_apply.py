"""apply_catalog: the translated article, paragraphs and blank lines kept, noise dropped."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest

from i18n.article import read_article
from i18n.catalog.apply import apply_catalog
from i18n.catalog.merge import Suggestion, merge_catalog
from i18n.segment import segment_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
LAYOUT = ROOT / "tests" / "data" / "po" / "layout.txt"


def catalog(article, *, reviewed=(), machine=True) -> polib.POFile:
    """Machine suggestions for every sentence; entries in `reviewed` marked reviewed."""
    segments = segment_article(article)
    sugg = {s.text: Suggestion(f"M[{s.text}]", "test") for s in segments} if machine else None
    po = merge_catalog(article, segments, "en", suggestions=sugg).catalog
    for entry in po:
        if entry.msgid in reviewed:
            entry.msgstr = f"R[{entry.msgid}]"
            entry.flags.remove("fuzzy")
    return po


def test_reviewed_catalog_reproduces_every_paragraph_on_its_own_line():
    article = read_article(EXAMPLE, "id")
    everything = {s.text for s in segment_article(article)}
    text, counts = apply_catalog(catalog(article, reviewed=everything), article)
    lines = text.splitlines()
    assert len(lines) == len(article.paragraphs)
    for line, para in zip(lines, article.paragraphs, strict=True):
        expected = para.text
        for s in {s.text for s in segment_article(article) if s.paragraph == para.index}:
            expected = expected.replace(s, f"R[{s}]")
        assert line == expected
    assert counts.reviewed == len(segment_article(article)) and counts.untranslated == 0


def test_only_reviewed_entries_are_used_by_default():
    article = read_article(EXAMPLE, "id")
    first = segment_article(article)[0].text
    text, counts = apply_catalog(catalog(article, reviewed={first}), article)
    assert text.splitlines()[0] == f"R[{first}]"
    assert "M[" not in text
    assert counts.reviewed == 1 and counts.fuzzy == 0 and counts.untranslated == 16
    # Untranslated sentences keep the source text: the article reads as before.
    assert text.splitlines()[1] == article.paragraphs[1].text


def test_include_fuzzy_uses_machine_suggestions():
    article = read_article(EXAMPLE, "id")
    text, counts = apply_catalog(catalog(article), article, include_fuzzy=True)
    assert text.startswith("M[Presiden Rusia")
    assert counts.fuzzy == 17 and counts.untranslated == 0


def test_untranslated_catalog_gives_back_the_source_without_boilerplate():
    article = read_article(EXAMPLE, "id")
    text, counts = apply_catalog(catalog(article, machine=False), article)
    source = EXAMPLE.read_text("utf-8").splitlines()
    kept = [line for n, line in enumerate(source, 1) if n not in {s.line for s in article.set_aside}]
    assert text == "\n".join(kept) + "\n"
    assert counts.set_aside == 3 and "[iklan_2]" not in text and "Komentar" not in text


def test_blank_lines_kept_and_boilerplate_lines_dropped():
    article = read_article(LAYOUT, "id")
    everything = {s.text for s in segment_article(article)}
    text, counts = apply_catalog(catalog(article, reviewed=everything), article)
    assert text == (
        "R[Berita hari ini.]\n"
        "\n"
        "R[Paragraf pertama dimulai di sini.] R[Kalimat yang sama.]\n"
        "R[Paragraf kedua juga ada.] R[Kalimat yang sama.]\n"
        "\n"
        "\n"
        "R[Paragraf terakhir.]\n"
    )
    assert counts.set_aside == 2 and counts.reviewed == 6


def test_context_entry_translates_the_occurrence_it_references():
    article = read_article(LAYOUT, "id")
    everything = {s.text for s in segment_article(article)}
    po = catalog(article, reviewed=everything)
    po.append(polib.POEntry(msgctxt="second", msgid="Kalimat yang sama.", msgstr="The same, again.",
                            occurrences=[(article.path.as_posix(), "5")]))
    text, _ = apply_catalog(po, article)
    assert text.splitlines()[2].endswith("R[Kalimat yang sama.]")
    assert text.splitlines()[3].endswith("The same, again.")


def test_cli_apply_writes_translation_and_reports_counts(tmp_path):
    from click.testing import CliRunner

    from cli import main
    from i18n.catalog.po import write_po

    article = read_article(EXAMPLE, "id")
    first = segment_article(article)[0].text
    po_path = tmp_path / "en.po"
    write_po(po_path, catalog(article, reviewed={first}))
    out = tmp_path / "out" / "article.en.txt"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["apply", str(po_path), "--source", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").splitlines()[0] == f"R[{first}]"
    assert result.stderr == (f"{po_path}: 1 reviewed, 16 untranslated (source text kept), "
                             f"3 boilerplate lines left out -> {out}\n")
    fuzzy = CliRunner().invoke(main, ["apply", str(po_path), "--source", str(EXAMPLE), "--include-fuzzy"])
    assert fuzzy.stdout.startswith(f"R[{first}]\nM[Putin tiba")
    assert "1 reviewed, 16 unreviewed, 0 untranslated" in fuzzy.stderr


def test_cli_apply_reports_a_broken_po_file(tmp_path):
    from click.testing import CliRunner

    from cli import main

    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b"\n???\n', "utf-8")
    result = CliRunner().invoke(main, ["apply", str(bad), "--source", str(EXAMPLE)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}:3: not a valid PO file")


def test_apply_with_the_wrong_article_is_a_clear_error(tmp_path):
    from i18n.catalog.po import read_po
    from i18n.errors import InputError

    other = tmp_path / "other.txt"
    other.write_text("Kalimat lain sama sekali.\nParagraf kedua.\n", "utf-8")
    po = read_po(ROOT / "locales" / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po")
    with pytest.raises(InputError) as err:
        apply_catalog(po, read_article(other, "id"))
    assert str(err.value) == (
        f"{other}: none of its sentences is in the PO file (its X-Source-File is "
        "articles/id/putin-kim-vostochny.txt): give the article the PO file translates with --source"
    )
