"""i18n.config: the [tool.i18n] table, its errors at file:line, the glossary defaults."""
from __future__ import annotations

from pathlib import Path

import pytest

from i18n.config import check_glossary, load_config, translate_glossary
from i18n.errors import ConfigError


def _project(tmp_path: Path, toml: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(toml, "utf-8")
    return tmp_path


def test_settings_are_found_from_a_subfolder_and_paths_resolved_against_the_pyproject(tmp_path):
    root = _project(tmp_path, '[tool.i18n]\npaths = ["locales"]\nglossary = "terms"\nfail-on = "warning"\n')
    sub = root / "articles" / "id"
    sub.mkdir(parents=True)
    settings, path = load_config(sub)
    assert path == (root / "pyproject.toml").resolve()
    assert settings == {
        "paths": [str(root.resolve() / "locales")],
        "glossary": str(root.resolve() / "terms"),
        "fail-on": "warning",
    }


def test_check_table_overrides_and_strings_split_into_lists(tmp_path):
    root = _project(tmp_path, '[tool.i18n]\nselect = "a, b"\nformat = "text"\n'
                              '[tool.i18n.check]\nformat = "github"\nignore = "c d"\n')
    settings, _ = load_config(root)
    assert settings["select"] == ["a", "b"]
    assert settings["ignore"] == ["c", "d"]
    assert settings["format"] == "github"


def test_a_pyproject_without_the_table_gives_no_settings(tmp_path):
    root = _project(tmp_path, '[project]\nname = "x"\n')
    assert load_config(root) == ({}, (root / "pyproject.toml").resolve())


def test_an_unknown_key_is_named_with_its_line_and_the_known_keys(tmp_path):
    root = _project(tmp_path, '[project]\nname = "x"\n\n[tool.i18n]\npaths = ["locales"]\nglosary = "g"\n')
    with pytest.raises(ConfigError) as exc:
        load_config(root)
    message = str(exc.value)
    assert message.startswith(f"{(root / 'pyproject.toml').resolve()}:6: ")
    assert "unknown key 'glosary'" in message and "glossary" in message.split("known keys are")[1]


def test_invalid_toml_is_located(tmp_path):
    root = _project(tmp_path, '[tool.i18n]\npaths = ["locales"]\nglossary = = "g"\nformat = "text"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml:3: not valid TOML"):
        load_config(root)


@pytest.mark.parametrize(
    "line, expected",
    [('paths = "a"', None), ("paths = [1]", "must be a list of strings"), ("glossary = 3", "must be a string"),
     ('format = "xml"', "choose one of text, json, github"), ('fail-on = "always"', "choose one of error")],
)
def test_bad_values_say_what_is_allowed(tmp_path, line, expected):
    root = _project(tmp_path, f"[tool.i18n]\n{line}\n")
    if expected is None:  # one string is a comma/space separated list
        assert load_config(root)[0]["paths"] == [str(root.resolve() / "a")]
        return
    with pytest.raises(ConfigError, match=expected):
        load_config(root)


def test_glossary_defaults_to_the_glossary_folder_only_when_it_exists(tmp_path):
    assert translate_glossary(None, False, tmp_path) is None
    (tmp_path / "glossary").mkdir()
    assert translate_glossary(None, False, tmp_path) == Path("glossary")
    assert translate_glossary(Path("other"), False, tmp_path) == Path("other")
    assert translate_glossary(Path("other"), True, tmp_path) is None


def test_check_glossary_prefers_the_option_then_the_config_and_no_glossary_wins(tmp_path):
    (tmp_path / "glossary").mkdir()
    assert check_glossary(None, {}, False, tmp_path) == Path("glossary")
    assert check_glossary(None, {"glossary": "/x/terms"}, False, tmp_path) == Path("/x/terms")
    assert check_glossary(Path("g2"), {"glossary": "/x/terms"}, False, tmp_path) == Path("g2")
    assert check_glossary(Path("g2"), {"glossary": "/x/terms"}, True, tmp_path) is None
