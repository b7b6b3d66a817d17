"""`i18n report` on the command line: what it writes and prints, its defaults from [tool.i18n], its exit status.

The page in a browser: tests/test_review_browser.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from reviewtree import make_review_tree

import cli


@pytest.fixture()
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(make_review_tree(tmp_path))
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def page(path: Path):
    return lxml.html.fromstring(path.read_text("utf-8"))


def test_report_writes_the_page_and_says_what_it_holds(project):
    result = invoke("report", "-o", "review/report.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("wrote review/report.html: 84.3% reviewed, 8 segments to review first; "
                             "1 error, 7 warnings, 2 info in 3 files (51 entries); glossary glossary/ (31 concepts)\n")
    doc = page(project / "review" / "report.html")
    assert len(doc.xpath("//table[@id='items']/tbody/tr")) == 8
    assert doc.xpath("//table[@id='items']//a/@href")[0].startswith("../locales/")


def test_report_defaults_to_report_html_and_quiet_prints_nothing(project):
    result = invoke("report", "-q")
    assert (result.exit_code, result.output) == (0, "")
    assert (project / "report.html").is_file()


def test_no_glossary_runs_no_glossary_check(project):
    invoke("report", "--no-glossary", "-o", "r.html")
    checks = page(project / "r.html").xpath("//table[@class='checks']/tbody/tr/@data-check")
    assert checks and not [c for c in checks if c.startswith("glossary")]


def test_paths_and_glossary_come_from_tool_i18n(project):
    shutil.move(project / "locales", project / "po")
    shutil.move(project / "glossary", project / "terms")
    (project / "pyproject.toml").write_text('[tool.i18n]\npaths = ["po/ru"]\nglossary = "terms"\n', "utf-8")
    result = invoke("report", "-o", "r.html")
    assert result.exit_code == 0, result.output
    doc = page(project / "r.html")
    # [tool.i18n] paths are taken from the pyproject's folder: named as `i18n check` names them
    assert doc.xpath("//tr[@data-row='file']/@data-path") == [
        (project / "po/ru/LC_MESSAGES/putin-kim-vostochny.po").resolve().as_posix()]
    assert "glossary-missing" in doc.xpath("//table[@class='checks']/tbody/tr/@data-check")
    assert result.stdout.endswith("glossary terms/ (31 concepts)\n")
    # the command line wins over the configuration
    invoke("report", "po/vi", "--glossary", "terms/names.csv", "-o", "vi.html")
    assert page(project / "vi.html").xpath("//tr[@data-row='file']/@data-lang") == ["vi"]


def test_an_unreadable_po_file_is_on_the_page_and_exits_2(project):
    bad = project / "locales" / "ru" / "LC_MESSAGES" / "broken.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    result = CliRunner().invoke(cli.main, ["report", "-o", "r.html"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: locales/ru/LC_MESSAGES/broken.po:")
    rows = page(project / "r.html").xpath("//table[@id='items']/tbody/tr")
    assert rows[0].get("data-path") == "locales/ru/LC_MESSAGES/broken.po"
    assert rows[0].xpath(".//li[@class='finding']/@data-check") == ["po-unreadable"]


def test_a_missing_folder_is_one_error_line(project):
    result = CliRunner().invoke(cli.main, ["report", "nowhere", "-o", "r.html"])
    assert result.exit_code == 1
    assert result.stderr == "error: nowhere: no such file or folder; give PO files or folders that hold them\n"
    assert not (project / "r.html").exists()
