"""Review statistics per PO file and .mo compilation (reviewed entries only)."""
from __future__ import annotations

import gettext
import json
import shutil
import subprocess
from datetime import datetime, timezone

import polib
import pytest

from i18n.catalog.layout import find_po_files
from i18n.catalog.po import new_header, write_po
from i18n.catalog.stats import collect_stats, compile_catalog, compile_catalogs, po_stats
from i18n.errors import InputError, POFileError

T1 = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def write_sample(path, lang="ru"):
    """Two reviewed, one machine, one changed, one untranslated, one obsolete entry."""
    po = polib.POFile()
    po.metadata = new_header(source="id", target=lang, source_file="articles/id/a.txt", project="t")
    po.append(polib.POEntry(msgid="Satu.", msgstr="Один."))
    po.append(polib.POEntry(msgid="Dua.", msgstr="Два.", tcomment="ok"))
    po.append(polib.POEntry(msgid="Tiga.", msgstr="Три?", flags=["fuzzy"], comment="machine: t [00000000]"))
    po.append(polib.POEntry(msgid="Empat.", msgstr="Четыре?", flags=["fuzzy"], previous_msgid="Empat!"))
    po.append(polib.POEntry(msgid="Lima.", msgstr=""))
    po.append(polib.POEntry(msgid="Enam.", msgstr="Шесть.", obsolete=True))
    write_po(path, po, now=T1)
    return path


def test_counts_entries_by_review_state(tmp_path):
    stats = po_stats(write_sample(tmp_path / "a.po"))
    assert (stats.reviewed, stats.fuzzy, stats.untranslated, stats.obsolete) == (2, 2, 1, 1)
    assert stats.total == 5 and stats.percent_reviewed == 40.0 and stats.lang == "ru"
    assert stats.to_dict()["percent_reviewed"] == 40.0


def test_folders_are_searched_recursively_in_path_order(tmp_path):
    for lang in ("vi", "en", "ru"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        write_sample(tmp_path / lang / "LC_MESSAGES" / "a.po", lang)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.pot").write_text("", "utf-8")
    stats = collect_stats([tmp_path])
    assert [s.lang for s in stats] == ["en", "ru", "vi"]
    assert find_po_files([tmp_path / "ru" / "LC_MESSAGES" / "a.po", tmp_path]) == [
        tmp_path / "ru" / "LC_MESSAGES" / "a.po", tmp_path / "en" / "LC_MESSAGES" / "a.po",
        tmp_path / "vi" / "LC_MESSAGES" / "a.po",
    ]


def test_missing_path_and_broken_file_are_errors(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        collect_stats([tmp_path / "nope"])
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nnonsense\n', "utf-8")
    with pytest.raises(POFileError, match=r"bad.po:3:"):
        collect_stats([tmp_path])


def test_compiled_mo_holds_reviewed_entries_only(tmp_path):
    mo = compile_catalog(write_sample(tmp_path / "a.po"))
    assert mo == tmp_path / "a.mo"
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("Satu.") == "Один." and tr.gettext("Dua.") == "Два."
    assert tr.gettext("Tiga.") == "Tiga." and tr.gettext("Empat.") == "Empat."
    assert tr.gettext("Lima.") == "Lima." and tr.gettext("Enam.") == "Enam."
    assert tr.ngettext("x", "xs", 5) == "xs"  # the plural rule from the header is usable


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
def test_compiled_mo_has_the_same_translations_as_msgfmt(tmp_path):
    po = write_sample(tmp_path / "a.po")
    ours = compile_catalog(po, tmp_path / "ours.mo")
    subprocess.run(["msgfmt", "-o", str(tmp_path / "gnu.mo"), str(po)], check=True)
    a = {e.msgid: e.msgstr for e in polib.mofile(str(ours)) if e.msgid}
    b = {e.msgid: e.msgstr for e in polib.mofile(str(tmp_path / "gnu.mo")) if e.msgid}
    assert a == b == {"Satu.": "Один.", "Dua.": "Два."}


def test_compile_catalogs_writes_one_mo_per_po(tmp_path):
    for lang in ("ru", "vi"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        write_sample(tmp_path / lang / "LC_MESSAGES" / "a.po", lang)
    out = compile_catalogs([tmp_path])
    assert out == [tmp_path / "ru/LC_MESSAGES/a.mo", tmp_path / "vi/LC_MESSAGES/a.mo"]
    again = [p.read_bytes() for p in compile_catalogs([tmp_path])]
    assert again == [p.read_bytes() for p in out]  # deterministic


def test_cli_stats_table_and_json(tmp_path):
    from click.testing import CliRunner

    from cli import main

    path = write_sample(tmp_path / "a.po")
    table = CliRunner().invoke(main, ["stats", str(tmp_path)])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[1].split() == [str(path), "ru", "2", "2", "1", "1", "40.0"]
    data = json.loads(CliRunner().invoke(main, ["stats", str(path), "--json"]).output)
    assert data["files"][0]["percent_reviewed"] == 40.0 and data["files"][0]["fuzzy"] == 2
    missing = CliRunner().invoke(main, ["stats", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "no such file or folder" in missing.output


def test_cli_compile_writes_mo_files_and_fails_without_po(tmp_path):
    from click.testing import CliRunner

    from cli import main

    write_sample(tmp_path / "a.po")
    result = CliRunner().invoke(main, ["compile", str(tmp_path)])
    assert result.exit_code == 0 and result.output == f"{tmp_path / 'a.mo'}\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    none = CliRunner().invoke(main, ["compile", str(empty)])
    assert none.exit_code == 1 and "no PO files found" in none.output


def test_compile_accepts_msgmerge_style_obsolete_previous_lines(tmp_path):
    path = write_sample(tmp_path / "a.po")
    text = path.read_text("utf-8").replace('#~ msgid "Enam."', '#~| msgid "Enam lama."\n#~ msgid "Enam."')
    path.write_text(text, "utf-8")
    with compile_catalog(path).open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Satu.") == "Один."
