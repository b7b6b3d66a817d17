"""`i18n report` in a real headless browser (Chromium): the page renders, its counts are those of
`i18n stats --json` and `i18n check --format json` on the same tree, the script filters and sorts
through the URL fragment, everything is there with JavaScript off, nothing comes from outside."""
from __future__ import annotations

import json
import os
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import pytest
from browser import dump_dom, png_size, screenshot, without_scripts
from click.testing import CliRunner
from reviewtree import make_review_tree
from test_review_html import external_references

import cli

KINDS = ("degenerate", "glossary", "low-confidence", "changed", "qa")


@contextmanager
def inside(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """The review tree, its report page, and what `stats --json` and `check --format json` say of it."""
    root = make_review_tree(tmp_path_factory.mktemp("browser"))
    with inside(root):
        written = invoke("report", "-o", "out/report.html")
        stats = invoke("stats", "--json")
        check = invoke("check", "--format", "json")
    assert written.exit_code == 0, written.output
    assert check.exit_code == 1  # the reviewed entry with a wrong number is an error
    return {
        "root": root,
        "url": (root / "out" / "report.html").as_uri(),  # for the screenshot
        "stats": json.loads(stats.stdout),
        "findings": json.loads(check.stdout),
        "profile": tmp_path_factory.mktemp("chromium-profile"),
    }


def rendered(site: dict, fragment: str = "", *, scripts: bool = True):
    page = site["root"] / "out" / "report.html"
    if not scripts:
        page = without_scripts(page, page.with_name("no-scripts.html"))
    url = page.as_uri() + (f"#{fragment}" if fragment else "")
    return lxml.html.fromstring(dump_dom(url, site["profile"]))


def counts(row) -> dict:
    return {td.get("data-count"): float(td.text) for td in row.xpath("td[@data-count]")}


def expected_counts(entry: dict) -> dict:
    keys = ("reviewed", "fuzzy", "untranslated", "obsolete", "percent_reviewed")
    return {key: float(entry[key]) for key in keys}


def visible(doc) -> list:
    return [row for row in doc.xpath("//table[@id='items']/tbody/tr") if row.get("hidden") is None]


def test_the_page_renders_with_the_counts_of_stats_and_check(site):
    doc = rendered(site)
    assert doc.xpath("//p[@id='shown']")[0].text == "8 of 8 segments shown"  # the script ran
    assert doc.xpath("//form[@id='filters']/@hidden") == []
    # review progress: every file, every language, the total, as `i18n stats --json` says
    stats = site["stats"]
    files = doc.xpath("//table[@class='progress']//tr[@data-row='file']")
    assert [row.get("data-path") for row in files] == [f["path"] for f in stats["files"]]
    assert [counts(row) for row in files] == [expected_counts(f) for f in stats["files"]]
    langs = doc.xpath("//table[@class='progress']//tr[@data-row='language']")
    assert {row.get("data-lang"): counts(row) for row in langs} == {
        lang: expected_counts(v) for lang, v in stats["languages"].items()}
    assert counts(doc.xpath("//tr[@data-row='total']")[0]) == expected_counts(stats["total"])
    # findings: per check and severity, and each one listed under its entry (untranslated counted only)
    findings = site["findings"]
    table = {(row.get("data-check"), td.get("data-severity")): int(td.text)
             for row in doc.xpath("//table[@class='checks']/tbody/tr") for td in row.xpath("td[@data-severity]")}
    assert {k: v for k, v in table.items() if v} == dict(Counter((f["check"], f["severity"]) for f in findings))
    listed = sorted(
        (row.get("data-path"), int(row.get("data-line")), li.get("data-check"), li.get("data-severity"),
         li.xpath("text()")[-1].strip())
        for row in doc.xpath("//table[@id='items']/tbody/tr") for li in row.xpath(".//li[@class='finding']"))
    assert listed == sorted((f["path"], f["line"], f["check"], f["severity"], f["message"])
                            for f in findings if f["check"] != "untranslated")
    assert doc.xpath("//p[@class='meta']")[0].text.startswith("1 error, 7 warnings, 2 info in 3 files (51 entries)")


def test_nothing_in_the_rendered_page_comes_from_outside(site):
    doc = rendered(site)
    assert external_references(doc) == []
    assert "default-src 'none'" in doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]


@pytest.mark.parametrize("fragment, kinds, lang", [
    ("kind=glossary", {"glossary"}, ""),
    ("lang=ru", set(), "ru"),
    ("kind=glossary,low-confidence&lang=ru", {"glossary", "low-confidence"}, "ru"),
    ("kind=changed&lang=vi", {"changed"}, "vi"),
])
def test_filters_by_kind_and_language_from_the_url_fragment(site, fragment, kinds, lang):
    doc = rendered(site, fragment)
    rows = doc.xpath("//table[@id='items']/tbody/tr")
    wanted = [r for r in rows if (not kinds or kinds & set(r.get("data-kinds").split())) and (not lang or r.get("data-lang") == lang)]
    assert visible(doc) == wanted and 0 < len(rows)
    assert doc.xpath("//p[@id='shown']")[0].text == f"{len(wanted)} of {len(rows)} segments shown"
    boxes = {box.get("value"): box.get("checked") is not None for box in doc.xpath("//input[@name='kind']")}
    assert {k for k, on in boxes.items() if on} == kinds  # the controls show the view
    assert doc.xpath("//select[@name='lang']/option[@selected]/@value") == [lang]
    assert doc.xpath("//body/@data-view")[0].startswith(f"kind={','.join(sorted(kinds, key=KINDS.index))}&lang={lang}&")
    if fragment == "kind=changed&lang=vi":
        assert wanted == []  # no changed source in Vietnamese: nothing shown, the count says so


def test_sorts_by_a_column_from_the_url_fragment(site):
    default = [r.get("data-rank") for r in visible(rendered(site))]
    assert default == sorted(default)
    doc = rendered(site, "sort=lang&dir=desc")
    langs = [r.get("data-lang") for r in visible(doc)]
    assert langs == sorted(langs, reverse=True) and len(set(langs)) == 3
    assert doc.xpath("//th[@aria-sort='descending']/@data-sort") == ["lang"]
    where = [r.get("data-where") for r in visible(rendered(site, "sort=where"))]
    assert where == sorted(where)


def test_everything_is_there_with_javascript_off(site):
    doc = rendered(site, "kind=glossary&lang=ru", scripts=False)
    rows = doc.xpath("//table[@id='items']/tbody/tr")
    assert len(visible(doc)) == len(rows) == 8  # the fragment filters nothing without the script
    assert doc.xpath("//p[@id='shown']")[0].text == "8 segments"
    assert doc.xpath("//form[@id='filters']/@hidden") == [""]
    first = rows[0].xpath("td")
    assert "57 лет" in first[4].text_content()
    assert len(doc.xpath("//table[@class='progress']//tr[@data-row='file']")) == 3


def test_a_screenshot_of_the_page(site, tmp_path):
    png = screenshot(site["url"], tmp_path / "report.png", site["profile"], width=1100, height=900)
    assert png_size(png) == (1100, 900) and png.stat().st_size > 20_000  # text and bars, not a blank page
