"""`i18n tm export|import|stats`: TMX in and out of the memory that `i18n translate` uses."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_exchange import GREET, GREET_RU, project
from translate.storage.tmx import tmxfile

from cli import main
from i18n.catalog.layout import catalog_path
from i18n.catalog.po import read_po

DATA = Path(__file__).parent / "data" / "tmx"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_export_import_stats(tmp_path, monkeypatch):
    project(tmp_path)
    monkeypatch.chdir(tmp_path)  # --locales defaults to locales/
    out = invoke("tm", "export", "-o", "newsroom.ru.tmx", "--lang", "ru", "--memory", "tm.sqlite")
    assert out.exit_code == 0, out.output
    assert out.stderr == "newsroom.ru.tmx: exported 3 units (id→ru 3)\n" and out.stdout == ""
    assert [u.source for u in tmxfile((tmp_path / "newsroom.ru.tmx").read_bytes()).units].count(GREET) == 2

    done = invoke("tm", "import", str(DATA / "omegat.tmx"), "--memory", "other.sqlite")
    assert done.exit_code == 0, done.output
    assert done.stderr.startswith(f"{DATA / 'omegat.tmx'}: imported 4 units (id→ru 4); skipped languages: fr-FR (1)")
    stats = invoke("tm", "stats", "--memory", "other.sqlite", "--locales", "none", "--json")
    assert json.loads(stats.stdout)["imports"] == [{"file": "tests/data/tmx/omegat.tmx", "units": 4}]
    text = invoke("tm", "stats", "--memory", "tm.sqlite").stdout
    assert "  id→ru: 4 units, 2 sentences; from 3 PO files, 0 imported\n" in text

    quiet = invoke("tm", "import", str(DATA / "omegat.tmx"), "--memory", "other.sqlite", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_memory_defaults_to_beside_the_cache(tmp_path):
    result = invoke("tm", "import", str(DATA / "omegat.tmx"), "--cache", str(tmp_path / "cache.sqlite"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "memory.sqlite").exists()


def test_a_malformed_file_is_one_line_and_imports_nothing(tmp_path):
    memory = tmp_path / "tm.sqlite"
    result = invoke("tm", "import", str(DATA / "omegat.tmx"), str(DATA / "malformed.tmx"), "--memory", str(memory))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {DATA / 'malformed.tmx'}:8: not well-formed XML (mismatched tag, column 7); "
        "fix the file or export it again\n"
    )
    assert not memory.exists()  # the good file before it was not imported either
    bomb = invoke("tm", "import", str(DATA / "bomb.tmx"), "--memory", str(memory))
    assert bomb.exit_code == 1 and "bomb.tmx:3: refused: the file declares or references XML entities" in bomb.stderr


def test_unknown_language_is_a_usage_error(tmp_path):
    result = invoke("tm", "export", "-o", str(tmp_path / "x.tmx"), "--lang", "fr", "--memory", str(tmp_path / "m"))
    assert result.exit_code == 2 and "unknown language code 'fr'" in result.stderr
    assert not (tmp_path / "x.tmx").exists()


def test_imported_unit_is_used_by_translate_with_the_real_model(tmp_path, argos_dir):
    """Through the tiny Argos model: the sentence the TMX holds is never sent to it."""
    memory = str(tmp_path / "memory.sqlite")
    assert invoke("tm", "import", str(DATA / "omegat.tmx"), "--memory", memory).exit_code == 0
    article = tmp_path / "articles/id/summit.txt"
    article.parent.mkdir(parents=True)
    article.write_text(f"{GREET} Cuaca di kota itu cerah sepanjang hari.\n", encoding="utf-8")
    locales = tmp_path / "locales"
    result = invoke("translate", str(article), "--to", "en", "--no-glossary", "--locales", str(locales),
                    "--cache", str(tmp_path / "cache.sqlite"), "--memory", memory, "--packages-dir", str(argos_dir))
    assert result.exit_code == 0, result.output
    assert "2 sent to MT, translation memory: 0 exact, 0 fuzzy" in result.output  # the memory holds ru only
    result = invoke("translate", str(article), "--to", "ru", "--no-glossary", "--locales", str(locales),
                    "--cache", str(tmp_path / "cache.sqlite"), "--memory", memory, "--packages-dir", str(argos_dir))
    assert result.exit_code == 0, result.output
    assert "1 sent to MT, translation memory: 1 exact, 0 fuzzy" in result.output
    po = read_po(catalog_path(locales, "ru", "summit"))
    assert po.find(GREET).msgstr == GREET_RU
    assert po.find("Cuaca di kota itu cerah sepanjang hari.").msgstr  # the model's, through English
