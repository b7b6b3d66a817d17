"""i18n check output: text, JSON and GitHub annotations, exit codes, pyproject defaults."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import main
from i18n.checks.report import format_github, format_json, format_report, format_text, summary_line
from i18n.checks.runner import CheckReport
from i18n.model import Finding

DATA = Path(__file__).parent / "data" / "check"
ROOT = Path(__file__).parent.parent

REPORT = CheckReport(
    findings=[
        Finding("b.po", 7, "quotes", "warning", "quotation marks are unbalanced", "x"),
        Finding("a.po", 12, "numbers", "error", "numbers differ: 50%, a,b: c", "Kim visited 3 factories."),
        Finding("a.po", 3, "untranslated", "info", "not translated yet", "y"),
    ],
    ignored=2,
    files=2,
    entries=40,
)


def test_text_is_sorted_one_finding_a_line_then_a_summary():
    assert format_text(REPORT) == (
        "a.po:3: info untranslated: not translated yet\n"
        "a.po:12: error numbers: numbers differ: 50%, a,b: c\n"
        "b.po:7: warning quotes: quotation marks are unbalanced\n"
        "1 error, 1 warning, 1 info in 2 files (40 entries); 2 findings silenced by i18n-ignore comments\n"
    )
    assert summary_line(CheckReport(files=1, entries=1)) == "no findings in 1 file (1 entry)"


def test_json_is_a_list_of_findings():
    data = json.loads(format_json(REPORT))
    assert [d["line"] for d in data] == [3, 12, 7]
    assert data[1] == {
        "path": "a.po",
        "line": 12,
        "severity": "error",
        "check": "numbers",
        "message": "numbers differ: 50%, a,b: c",
        "msgid": "Kim visited 3 factories.",
    }


def test_github_annotations_escape_their_data():
    lines = format_github(REPORT).splitlines()
    assert lines[0] == "::notice file=a.po,line=3,title=untranslated::not translated yet"
    assert lines[1] == "::error file=a.po,line=12,title=numbers::numbers differ: 50%25, a,b: c"
    assert lines[2].startswith("::warning file=b.po,line=7,title=quotes::")
    assert lines[3].startswith("1 error, 1 warning")
    assert format_report(REPORT, "github") == format_github(REPORT)


def test_fails_on_threshold():
    assert REPORT.fails("error") and REPORT.fails("warning") and not REPORT.fails("never")
    only_warning = CheckReport(findings=[REPORT.findings[0]])
    assert not only_warning.fails("error") and only_warning.fails("warning")


def run(*args):
    """`i18n check ...` without this repository's own [tool.i18n] settings."""
    args = list(args)
    if args[:1] == ["check"]:
        args.insert(1, "--isolated")
    return CliRunner().invoke(main, args)


def test_exit_codes():
    ok = run("check", str(DATA / "po" / "ok-minimal.po"))
    assert ok.exit_code == 0, ok.output
    # run from the repository root: glossary/ is there, so it is used by default (issue 13)
    assert ok.stdout == "no findings in 1 file (2 entries); glossary glossary/ (31 concepts)\n"
    bad = run("check", str(DATA / "qa.ru.po"))
    assert bad.exit_code == 1
    assert f"{(DATA / 'qa.ru.po').as_posix()}:24: error numbers:" in bad.stdout
    assert run("check", str(DATA / "qa.ru.po"), "--fail-on", "never").exit_code == 0
    warn_only = run("check", str(DATA / "qa.ru.po"), "--select", "whitespace")
    assert warn_only.exit_code == 0
    assert run("check", str(DATA / "qa.ru.po"), "--select", "whitespace", "--fail-on", "warning").exit_code == 1


def test_input_and_usage_errors_exit_2(tmp_path):
    missing = run("check", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "nowhere: no such file or folder" in missing.stderr
    broken = tmp_path / "broken.po"
    broken.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n', "utf-8")
    result = run("check", str(broken))
    assert result.exit_code == 2 and f"{broken}:6:" in result.stderr
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "names.csv").write_text("concept,type,en\nx,nonsense,X\n", "utf-8")
    result = run("check", str(DATA / "po" / "ok-minimal.po"), "--glossary", str(tmp_path / "glossary"))
    assert result.exit_code == 2 and "names.csv:2" in result.stderr
    assert run("check", str(DATA), "--select", "nope").exit_code == 2
    assert run("check", str(DATA), "--format", "xml").exit_code == 2


def test_json_and_github_formats_from_the_command():
    result = run("check", str(DATA / "qa.vi.po"), "--no-glossary", "--format", "json", "--fail-on", "never")
    data = json.loads(result.stdout)
    assert {d["check"] for d in data} == {"numbers", "punctuation"}
    assert "in 1 file" in result.stderr
    result = run("check", str(DATA / "glossary.ru.po"), "--glossary", str(DATA / "glossary"), "--format", "github")
    assert result.exit_code == 1
    assert "::error file=" in result.stdout and "title=glossary-variant::" in result.stdout


def test_list_checks_shows_ids_and_titles():
    result = run("check", "--list-checks")
    assert result.exit_code == 0
    assert "numbers" in result.stdout and "glossary-variant" in result.stdout and "po-plural-forms" in result.stdout


def test_pyproject_defaults_apply(tmp_path):
    locales = tmp_path / "locales" / "ru" / "LC_MESSAGES"
    locales.mkdir(parents=True)
    (locales / "qa.po").write_text((DATA / "qa.ru.po").read_text("utf-8"), "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.i18n]\nformat = "github"\nselect = ["numbers"]\nfail-on = "never"\n', "utf-8"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", "check"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=locales/ru/LC_MESSAGES/qa.po,line=24,title=numbers::")
    assert all("title=numbers" in line for line in lines[:-1])


def test_check_command_keeps_startup_light():
    code = (
        "import sys, cli\n"
        "from click.testing import CliRunner\n"
        f"CliRunner().invoke(cli.main, ['check', {str(DATA / 'qa.vi.po')!r}])\n"
        "heavy = [m for m in ('torch', 'stanza', 'argostranslate.translate', 'ctranslate2', 'pymorphy3') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_glossary_defaults_to_the_glossary_folder_and_the_summary_names_it(tmp_path, monkeypatch):
    po = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
        'msgid "Putin tiba."\nmsgstr "Прибыл президент."\n', "utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "names.csv").write_text(
        "concept,type,id,en,ru,vi,case,note\nputin,name,Putin,Putin,Путин,Putin,,\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    used = CliRunner().invoke(main, ["check", "locales", "--isolated"])
    assert used.exit_code == 1, used.output  # the reviewed entry drops the glossary name
    assert "error glossary-missing:" in used.stdout
    assert used.stdout.endswith("; glossary glossary/ (1 concept)\n")
    skipped = CliRunner().invoke(main, ["check", "locales", "--isolated", "--no-glossary", "--ignore", "po-header"])
    assert skipped.exit_code == 0, skipped.output
    assert skipped.stdout == "no findings in 1 file (1 entry); no glossary: glossary checks not run\n"


def test_a_path_without_po_files_is_an_error(tmp_path):
    (tmp_path / "article.txt").write_text("Putin tiba.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--isolated", "--no-glossary"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path.as_posix()}: holds no PO files (*.po): nothing to check; give the locales folder or the PO files\n"


def test_an_unknown_config_key_is_an_error_naming_it(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.i18n]\npaths = ["locales"]\nglosary = "glossary"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {(tmp_path / 'pyproject.toml').as_posix()}:3: [tool.i18n] has an unknown key 'glosary'; "
        "the known keys are paths, glossary, format, fail-on, select, ignore, check, data, engine, engines\n"
    )


def test_an_unparsable_po_file_is_a_finding_and_the_other_files_are_still_checked(tmp_path):
    """Issue 13, finding 6: one broken PO file among others used to hide every other finding."""
    import shutil

    shutil.copy(DATA / "qa.ru.po", tmp_path / "a.ru.po")
    shutil.copy(DATA.parent / "bad" / "truncated.po", tmp_path / "b.po")
    broken = (tmp_path / "b.po").as_posix()
    text = run("check", str(tmp_path), "--no-glossary")
    assert text.exit_code == 2
    assert f"{broken}:12: error po-unreadable: not a valid PO file (unterminated string)" in text.stdout
    assert f"{(tmp_path / 'a.ru.po').as_posix()}:24: error numbers:" in text.stdout  # still checked
    assert text.stderr.startswith(f"error: {broken}:12: not a valid PO file")
    github = run("check", str(tmp_path), "--no-glossary", "--format", "github", "--fail-on", "never")
    assert github.exit_code == 2  # bad input, whatever --fail-on says
    assert f"::error file={broken},line=12,title=po-unreadable::not a valid PO file" in github.stdout
    data = json.loads(run("check", str(tmp_path), "--no-glossary", "--format", "json").stdout)
    assert {"path": broken, "line": 12, "check": "po-unreadable"}.items() <= next(
        d for d in data if d["check"] == "po-unreadable").items()
    assert any(d["check"] == "numbers" for d in data)
