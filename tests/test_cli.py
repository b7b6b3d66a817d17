"""The command line: help everywhere, segment output, error exits, a light start-up."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import cli

ROOT = Path(__file__).parent.parent
SEED = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
EXPECTED = ROOT / "tests" / "data" / "segment" / "putin-kim-vostochny.expected.txt"


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_every_command_has_help():
    runner = CliRunner()
    commands = list(all_commands(cli.main))
    assert ("segment",) in [path for path, _ in commands]
    for path, command in commands:
        assert command.help, f"i18n {' '.join(path)} has no help text"
        result = runner.invoke(cli.main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_segment_prints_the_seed_article_as_the_fixture_says():
    result = CliRunner().invoke(cli.main, ["segment", str(SEED), "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED.read_text("utf-8")
    assert f"{SEED}:13: set aside as boilerplate: [iklan_2]" in result.stderr


def test_segment_language_comes_from_the_folder_name():
    result = CliRunner().invoke(cli.main, ["segment", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED.read_text("utf-8")


def test_segment_json_has_ids_and_positions():
    result = CliRunner().invoke(cli.main, ["segment", str(SEED), "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["lang"] == "id"
    assert len(payload["segments"]) == 17
    first = payload["segments"][0]
    assert set(first) == {"id", "article", "paragraph", "line", "index", "start", "end", "text"}
    assert first["paragraph"] == 0 and first["index"] == 0 and first["start"] == 0
    assert [s["text"] for s in payload["set_aside"]] == ["[iklan_2]", "Sumber", "Komentar (0)"]


def test_unknown_language_is_a_usage_error_listing_supported_ones():
    result = CliRunner().invoke(cli.main, ["segment", str(SEED), "--lang", "fr"])
    assert result.exit_code == 2
    assert "unknown language code 'fr'" in result.output
    assert "id (Indonesian), en (English), ru (Russian), vi (Vietnamese)" in result.output


def test_language_cannot_be_guessed_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Halo.\n", "utf-8")
    result = CliRunner().invoke(cli.main, ["segment", str(path)])
    assert result.exit_code == 2
    assert "cannot tell the language" in result.output


def test_bad_utf8_article_exits_1_with_one_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Baik.\n\xff\xfe rusak\n")
    result = CliRunner().invoke(cli.main, ["segment", str(path), "--lang", "id"])
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:2: invalid UTF-8 at byte offset 6 (byte 0xff); " \
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)\n"
    assert result.stdout == ""


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", "utf-8")
    result = CliRunner().invoke(cli.main, ["--debug", "segment", str(path), "--lang", "id"])
    assert result.exit_code == 1
    assert result.exception is not None and "empty article" in str(result.exception)


LIGHT_COMMANDS = [["--help"], ["segment", "--help"], ["translate", "--help"]] + [
    [name, "--help"] for name in ("check", "glossary", "stats") if name in cli.main.commands
]


@pytest.mark.parametrize("args", LIGHT_COMMANDS)
def test_start_up_does_not_import_the_mt_stack(args):
    code = (
        "import sys, cli\n"
        "try:\n"
        f"    cli.main({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('torch', 'stanza', 'spacy', 'argostranslate.translate', 'ctranslate2', 'ray')"
        " if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    assert last_line_of(code) == "HEAVY="


def last_line_of(code: str) -> str:
    """The last line `code` prints, run in a fresh interpreter (it must succeed)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_the_local_executor_does_not_import_ray():
    code = (
        "import sys\n"
        "from i18n.batch import translate_batch\n"
        "from i18n.engines.registry import EngineRecipe\n"
        "from i18n.executors import open_engine\n"
        "with open_engine(EngineRecipe('argos')) as engine:\n"
        "    pass\n"
        "print('RAY=' + str('ray' in sys.modules))\n"
    )
    assert last_line_of(code) == "RAY=False"


def test_public_api_names_all_resolve():
    import i18n

    assert sorted(i18n.__all__) == sorted(i18n._EXPORTS)
    for name in i18n.__all__:
        assert getattr(i18n, name) is not None, name
    with pytest.raises(AttributeError):
        i18n.no_such_name  # noqa: B018


def test_cli_start_up_loads_only_what_help_needs():
    code = "import sys, cli; print(sorted(m for m in sys.modules if m.startswith('i18n')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    loaded = set(eval(out.stdout))
    assert loaded <= {"i18n", "i18n.errors", "i18n.langs", "i18n.config"}, loaded


def test_extract_refuses_two_articles_with_one_file_name(tmp_path):
    other = tmp_path / "other" / "id" / SEED.name
    other.parent.mkdir(parents=True)
    other.write_text("Kalimat lain.\n", "utf-8")
    result = CliRunner().invoke(cli.main, ["extract", str(SEED), str(other), "--locales", str(tmp_path / "loc")])
    assert result.exit_code == 1
    assert f"{other}: has the same file name as {SEED}" in result.stderr
    assert not (tmp_path / "loc").exists()
