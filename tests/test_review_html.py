"""The review report page as HTML text: escaped, self-contained, complete without its script.

What the page does in a browser (the script run, filters, counts after rendering) is tested
in a real headless Chromium in tests/test_review_browser.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import polib
import pytest
from reviewtree import make_review_tree

from i18n.catalog.po import new_header, write_po
from i18n.checks.html import render_review, review_summary, write_review
from i18n.checks.review import review_project
from i18n.config import check_settings

NASTY = "<script>alert(\"x\")</script> & 'Kim' </td><!-- <b>"
NASTY_RU = "</textarea><img src=x onerror=alert(1)> & «Ким» \"Путин\""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return make_review_tree(tmp_path_factory.mktemp("review-html"))


@pytest.fixture()
def page(tree, monkeypatch):
    monkeypatch.chdir(tree)
    out = tree / "out" / "report.html"
    write_review(check_settings(tree), out)
    return out


def external_references(doc) -> list[str]:
    """Every attribute or style of `doc` that would load or link something outside the page."""
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name in ("href", "src", "action", "srcset", "poster", "data", "formaction", "xlink:href") or name.endswith("}href"):
                if re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", value, re.I) and not value.startswith("data:"):
                    found.append(f"<{el.tag} {name}={value!r}>")
        if el.tag in ("link", "iframe", "img", "object", "embed", "base") or (el.tag == "script" and el.get("src")):
            found.append(f"<{el.tag}>")
        if el.tag == "style" and re.search(r"url\(|@import", el.text or ""):
            found.append("url() or @import in <style>")
        if re.search(r"url\(", el.get("style", "")):
            found.append(f"url() in the style of <{el.tag}>")
    return found


def test_the_reference_detector_sees_links_scripts_styles_and_images():
    doc = lxml.html.fromstring('<div><a href="https://e.org/">x</a><a href="../a.po">ok</a><script src="s.js"></script>'
                               '<style>@import "x.css";</style><p style="background:url(x.png)">p</p></div>')
    assert len(external_references(doc)) == 4


def test_page_holds_everything_and_references_nothing_outside(page):
    text = page.read_text("utf-8")
    doc = lxml.html.fromstring(text)
    assert external_references(doc) == []
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    assert len(doc.xpath("//script")) == 1 and len(doc.xpath("//style")) == 1
    assert len(doc.xpath("//svg[@class='bar']")) == 3 + 3 + 1  # per file, per language, all


def test_content_is_in_the_html_without_the_script(page):
    doc = lxml.html.fromstring(page.read_text("utf-8"))
    rows = doc.xpath("//table[@id='items']/tbody/tr")
    assert len(rows) == 8 and not any(r.get("hidden") is not None for r in rows)
    assert doc.xpath("//form[@id='filters']/@hidden") == [""]  # the controls appear with the script only
    first = rows[0]
    assert first.get("data-kinds") == "qa" and first.get("data-lang") == "ru"
    cells = first.xpath("td")
    assert cells[2].text_content().startswith("locales/ru/LC_MESSAGES/putin-kim-vostochny.po:")
    assert "57 лет" in cells[4].text_content() and "75 tahun" in cells[3].text_content()
    degenerate = next(r for r in rows if "degenerate" in r.get("data-kinds"))
    assert degenerate.xpath("td")[5].text_content().startswith("Meanwhile, the North Korean leader")
    assert degenerate.xpath("td")[5].get("lang") == "en" and degenerate.xpath("td")[3].get("lang") == "id"
    changed = next(r for r in rows if r.get("data-kinds") == "changed")
    assert changed.xpath(".//div[@class='was']")[0].text_content().startswith("was: Mengomentari")


def test_entry_links_are_relative_to_the_page_and_name_the_line(page):
    doc = lxml.html.fromstring(page.read_text("utf-8"))
    for row in doc.xpath("//table[@id='items']/tbody/tr"):
        link = row.xpath(".//td[@class='where']/a")[0]
        assert link.get("href").startswith("../locales/")
        assert (page.parent / unquote(link.get("href"))).resolve().is_file()
        assert link.text_content() == f"{row.get('data-path')}:{row.get('data-line')}"


def test_sources_and_translations_are_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    po = polib.POFile()
    po.metadata = new_header(source="id", target="ru", source_file="articles/id/a.txt", project="t")
    po.append(polib.POEntry(msgid=NASTY, msgstr=NASTY_RU, flags=["fuzzy"], previous_msgid="was <i>'old'</i> & \"x\"",
                            comment="low-confidence: score <-3> & \"worse\""))
    path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "a&b <c>.po"
    path.parent.mkdir(parents=True)
    write_po(path, po)
    text = render_review(review_project(check_settings(tmp_path, no_glossary=True)), base=tmp_path)
    assert "<script>alert" not in text and "<img" not in text and "</textarea>" not in text
    doc = lxml.html.fromstring(text)
    assert external_references(doc) == []
    row = doc.xpath("//table[@id='items']/tbody/tr")[0]
    cells = row.xpath("td")
    assert cells[3].xpath("text()")[0] == NASTY  # the exact text back, nothing interpreted
    assert cells[3].xpath(".//div[@class='was']")[0].text == "was: was <i>'old'</i> & \"x\""
    assert cells[4].text_content() == NASTY_RU
    assert 'low-confidence: score <-3> & "worse"' in [li.text for li in row.xpath(".//li[@class='note']")]
    assert row.xpath(".//a")[0].get("href") == "locales/ru/LC_MESSAGES/a%26b%20%3Cc%3E.po"
    assert row.get("data-path") == "locales/ru/LC_MESSAGES/a&b <c>.po"
    assert len(doc.xpath("//script")) == 1


def test_same_review_same_bytes(tree, monkeypatch):
    monkeypatch.chdir(tree)
    settings = check_settings(tree)
    assert render_review(review_project(settings)) == render_review(review_project(settings))


def test_a_clean_tree_says_nothing_is_waiting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repo = Path(__file__).resolve().parent.parent
    review = review_project(check_settings(tmp_path, paths=[repo / "locales"], glossary=repo / "glossary"))
    doc = lxml.html.fromstring(render_review(review))
    assert doc.xpath("//p[@class='empty']") and not doc.xpath("//table[@id='items']")
    assert doc.xpath("//tr[@data-row='total']/td[@data-count='percent_reviewed']")[0].text == "100.0"
    assert review_summary(review, Path("r.html")).startswith("wrote r.html: 100.0% reviewed, 0 segments to review first; ")
