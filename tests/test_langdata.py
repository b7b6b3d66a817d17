"""Project-level language data: `[tool.i18n] data = "i18n-data"` adds to the built-in lists."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from i18n import split_sentences
from i18n.article import parse_article
from i18n.config import project_data
from i18n.errors import ConfigError, LanguageError
from i18n.langs import abbreviations, boilerplate_patterns, load_lines


def make_data(root: Path) -> Path:
    data = root / "i18n-data"
    (data / "abbreviations").mkdir(parents=True)
    (data / "boilerplate").mkdir()
    # A newsroom's own title, and a built-in abbreviation this newsroom writes as a word.
    (data / "abbreviations" / "id.txt").write_text("# ours\nKadiv.\n!Kab.\n", "utf-8")
    (data / "boilerplate" / "id.txt").write_text("^Tonton juga:.*$\n!^Iklan$\n", "utf-8")
    return data


def test_project_entries_add_to_builtins_and_bang_removes_one(tmp_path):
    data = make_data(tmp_path)
    assert "Kadiv" in abbreviations("id", data) and "Kadiv" not in abbreviations("id")
    assert "Kab" in abbreviations("id") and "Kab" not in abbreviations("id", data)
    assert "Kab." not in load_lines("abbreviations", "id", data)
    text = "Ia bertemu Kadiv. Humas Polri di Kab. Bogor. Ia pulang."
    assert split_sentences(text, "id") == ["Ia bertemu Kadiv.", "Humas Polri di Kab. Bogor.", "Ia pulang."]
    assert split_sentences(text, "id", data=data) == ["Ia bertemu Kadiv. Humas Polri di Kab.", "Bogor.", "Ia pulang."]


def test_project_boilerplate_sets_aside_its_lines_and_keeps_removed_ones(tmp_path):
    data = make_data(tmp_path)
    article = parse_article("Kalimat.\nTonton juga: Video Putin\nIklan\n", "id", data=data)
    assert [s.text for s in article.set_aside] == ["Tonton juga: Video Putin"]
    assert [p.text for p in article.paragraphs] == ["Kalimat.", "Iklan"]
    assert [s.text for s in parse_article("Kalimat.\nIklan\n", "id").set_aside] == ["Iklan"]


def test_bad_project_pattern_names_its_file(tmp_path):
    data = make_data(tmp_path)
    (data / "boilerplate" / "ru.txt").write_text("^(unclosed$\n", "utf-8")
    with pytest.raises(LanguageError, match=r"i18n-data/boilerplate/ru.txt: boilerplate pattern '\^\(unclosed\$'"):
        boilerplate_patterns("ru", data)


def test_config_data_key_names_the_folder_or_says_it_is_missing(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.i18n]\ndata = "i18n-data"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: .*data = 'i18n-data': no such folder"):
        project_data(tmp_path)
    make_data(tmp_path)
    (tmp_path / "sub").mkdir()
    assert project_data(tmp_path / "sub") == tmp_path / "i18n-data"


def test_segment_command_reads_the_project_data_folder(tmp_path, monkeypatch):
    make_data(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.i18n]\ndata = "i18n-data"\n', "utf-8")
    article = tmp_path / "articles" / "id" / "a.txt"
    article.parent.mkdir(parents=True)
    article.write_text("Ia bertemu Kadiv. Humas Polri.\nTonton juga: Video\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["segment", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Ia bertemu Kadiv. Humas Polri.\n"
    assert "set aside as boilerplate: Tonton juga: Video" in result.stderr
