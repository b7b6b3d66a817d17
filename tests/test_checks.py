"""i18n check: every check fires on a crafted bad entry and stays quiet on a correct one.

The fixtures under tests/data/check/ say what they expect in an extracted comment on each
entry (`#. expect: numbers`, `#. expect: glossary-variant:warning`, `#. expect: none`), so a
new case is a few lines of PO. PO validity is compared with real `msgfmt -c` verdicts.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest

from i18n.catalog.layout import find_po_files
from i18n.catalog.po import new_header, render_po
from i18n.checks.pair import Pair, extract_numbers, run_pair_checks, scan_balance
from i18n.checks.registry import all_checks
from i18n.checks.runner import check_file, check_paths, ignored_checks, resolve_checks
from i18n.config import load_config
from i18n.errors import ConfigError, InputError
from i18n.glossary.model import load_glossary

CHECKS = all_checks()

DATA = Path(__file__).parent / "data" / "check"
REFERENCE = Path(__file__).parent / "data" / "reference"
ROOT = Path(__file__).parent.parent


def expectations(path: Path) -> Counter:
    """(line, check, severity or None) for every `expect:` item of the fixture's entries."""
    out: Counter = Counter()
    for entry in polib.pofile(str(path)):
        for line in entry.comment.splitlines():
            if line.startswith("expect:"):
                for item in line.split(":", 1)[1].split(","):
                    item = item.strip()
                    if item and item != "none":
                        check, _, severity = item.partition(":")
                        out[(entry.linenum, check, severity or None)] += 1
    return out


def assert_expected(path: Path, report) -> None:
    wanted = expectations(path)
    got: Counter = Counter()
    for f in report.findings:
        key = (f.line, f.check, None)
        if any(k[:2] == (f.line, f.check) and k[2] for k in wanted):
            key = (f.line, f.check, f.severity)
        got[key] = 1
    assert got == Counter({k: 1 for k in wanted}), [str(f) for f in report.findings]


@pytest.fixture(scope="module")
def test_glossary():
    return load_glossary(DATA / "glossary")


@pytest.mark.parametrize("name", ["qa.ru.po", "qa.vi.po"])
def test_qa_checks_fire_on_bad_entries_only(name):
    assert_expected(DATA / name, check_file(DATA / name))


def test_glossary_checks_accept_oblique_cases_and_catch_wrong_names(test_glossary):
    path = DATA / "glossary.ru.po"
    report = check_file(path, glossary=test_glossary)
    assert_expected(path, report)
    variant = [f for f in report.findings if f.check == "glossary-variant" and f.severity == "error"]
    assert "“Ким Чен Ином”" in variant[0].message and "write “Ким Чен Ын”" in variant[0].message


def test_severity_follows_review_state():
    report = check_file(DATA / "qa.ru.po")
    by_line = {f.line: f for f in report.findings}
    fuzzy = [f for f in report.findings if f.msgid == "Kim visited 3 factories."]
    assert [f.severity for f in fuzzy] == ["warning"]
    assert by_line[24].severity == "error"  # the same check on a reviewed entry
    assert [f.severity for f in report.findings if f.check == "untranslated"] == ["info"]


def test_ignore_comment_silences_one_entry_and_is_counted(tmp_path):
    report = check_file(DATA / "qa.ru.po")
    assert report.ignored == 1
    assert not any(f.msgid == "The ceremony had 12 guests." for f in report.findings)
    text = (DATA / "qa.ru.po").read_text("utf-8").replace("# i18n-ignore: numbers\n", "")
    (tmp_path / "ru.po").write_text(text, "utf-8")
    again = check_file(tmp_path / "ru.po")
    assert again.ignored == 0
    assert [f.check for f in again.findings if f.msgid == "The ceremony had 12 guests."] == ["numbers"]


def test_ignored_checks_reads_lists():
    assert ignored_checks("i18n-ignore: numbers, quotes\nother") == ["numbers", "quotes"]
    assert ignored_checks("nothing here") == []


@pytest.mark.parametrize("po_file", sorted((DATA / "po").glob("*.po")), ids=lambda p: p.name)
def test_po_validity_matches_msgfmt(po_file):
    report = check_file(po_file)
    errors = [f for f in report.findings if f.severity == "error"]
    assert bool(errors) == po_file.name.startswith("bad-"), [str(f) for f in report.findings]
    if shutil.which("msgfmt"):
        verdict = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_file)], capture_output=True)
        assert (verdict.returncode != 0) == bool(errors), verdict.stderr.decode()


def test_po_validity_findings_name_the_problem():
    def only(name):
        return [(f.line, f.check, f.severity) for f in check_file(DATA / "po" / name).findings]

    assert only("bad-plural-count.po") == [(24, "po-plural-forms", "error")]
    assert only("bad-nplurals-too-small.po") == [(2, "po-plural-forms", "error")]
    assert only("bad-charset-ascii.po") == [(16, "po-charset", "error")]
    assert only("ok-fuzzy-plural-count.po") == [(24, "po-plural-forms", "warning")]
    assert only("ok-unknown-charset.po") == [(10, "po-charset", "warning")]
    assert only("ok-latin1.po") == []


def _reference_catalogs(folder: Path) -> Path:
    for lang in ("en", "ru", "vi"):
        pairs = json.loads((REFERENCE / f"putin-kim-vostochny.{lang}.json").read_text("utf-8"))
        po = polib.POFile()
        po.metadata = new_header(source="id", target=lang, source_file="articles/id/putin-kim-vostochny.txt",
                                 project="reference")
        po.metadata["PO-Revision-Date"] = "2026-01-01 00:00+0000"
        for source, target in pairs.items():
            po.append(polib.POEntry(msgid=source, msgstr=target))
        out = folder / lang / "LC_MESSAGES" / "putin-kim-vostochny.po"
        out.parent.mkdir(parents=True)
        out.write_text(render_po(po), "utf-8")
    return folder


def test_reference_translations_raise_no_false_alarm(tmp_path):
    folder = _reference_catalogs(tmp_path)
    report = check_paths([folder], glossary=load_glossary(ROOT / "glossary"))
    assert report.files == 3 and report.entries == 51
    assert report.findings == []


def test_reference_translation_with_a_wrong_name_or_a_dropped_number_is_caught(tmp_path):
    folder = _reference_catalogs(tmp_path)
    path = folder / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po"
    po = polib.pofile(str(path))
    po[0].msgstr = po[0].msgstr.replace("Ким Чен Ына", "Ким Чен Ина")
    po[2].msgstr = po[2].msgstr.replace("утром 12 сентября", "утром")
    path.write_text(render_po(po), "utf-8")
    report = check_paths([folder], glossary=load_glossary(ROOT / "glossary"))
    assert [(f.check, f.severity, f.msgid) for f in report.findings] == [
        ("glossary-variant", "error", po[0].msgid),
        ("numbers", "error", po[2].msgid),
    ]


def test_same_sentence_translated_differently_is_a_warning_naming_both_places(tmp_path):
    header = (DATA / "po" / "ok-minimal.po").read_text("utf-8")
    (tmp_path / "a.po").write_text(header, "utf-8")
    (tmp_path / "b.po").write_text(header.replace("Саммит завершился.", "Саммит закончился."), "utf-8")
    (tmp_path / "c.po").write_text(
        header.replace('msgid "The summit ended."', '#, fuzzy\nmsgid "The summit ended."').replace(
            "Саммит завершился.", "Встреча окончилась."
        ),
        "utf-8",
    )
    report = check_paths([tmp_path])
    found = [f for f in report.findings if f.check == "inconsistent"]
    assert len(found) == 1
    assert found[0].severity == "warning" and found[0].path.endswith("b.po")
    message = found[0].message
    assert f"{tmp_path.as_posix()}/a.po:15" in message
    assert "Саммит завершился." in message and "Саммит закончился." in message


def test_select_and_ignore_patterns():
    assert resolve_checks(["glossary"]) == [c for c in CHECKS if c.startswith("glossary-")]
    assert "numbers" not in resolve_checks(None, ["numbers"])
    with pytest.raises(ConfigError, match="unknown check id 'nope'"):
        resolve_checks(["nope"])
    report = check_paths([DATA / "qa.ru.po"], select=["numbers"])
    assert {f.check for f in report.findings} == {"numbers"}


def test_unreadable_input_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n', "utf-8")
    report = check_paths([bad])  # reported as a finding at its line, not raised (issue 13)
    assert [(f.path, f.line, f.check, f.severity) for f in report.unreadable] == [
        (bad.as_posix(), 6, "po-unreadable", "error")]
    assert report.unreadable[0] in report.findings
    with pytest.raises(InputError, match="no such file or folder"):
        find_po_files([tmp_path / "missing"])


def test_numbers_understand_dates_and_separators():
    assert extract_numbers("13 September 2023", "en") == extract_numbers("13 сентября 2023 г.", "ru")
    assert extract_numbers("13 September 2023", "id") == extract_numbers("ngày 13/9/2023", "vi")
    assert extract_numbers("2,5 и 50 000", "ru") == extract_numbers("2.5 and 50,000", "en")
    assert extract_numbers("May I come?", "en") == Counter()
    assert extract_numbers("see https://x.org/a1 or {0}", "en") == Counter()


def test_balance_scanner_knows_each_languages_quotes():
    assert scan_balance("«Он сказал „да“»", "quotes") == 0
    assert scan_balance("“Yes,” he said", "quotes") == 0
    assert scan_balance("«Нет", "quotes") == 1
    assert scan_balance("(a [b] c)", "brackets") == 0
    assert scan_balance("(a [b) c]", "brackets") == 2


def test_every_check_has_a_title_and_a_severity():
    for check in CHECKS.values():
        assert check.title and check.severity in ("error", "warning", "info")
    assert run_pair_checks(Pair("Fine.", "Хорошо.", "en", "ru"), [c for c in CHECKS if CHECKS[c].scope == "pair"]) == []


def test_config_from_nearest_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.i18n]\nglossary = "terms"\nformat = "github"\nselect = "numbers, quotes"\n'
        '[tool.i18n.check]\nfail-on = "warning"\npaths = ["locales"]\n',
        "utf-8",
    )
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    config, found = load_config(tmp_path / "sub" / "deeper")
    assert found == tmp_path / "pyproject.toml"
    assert config == {
        "glossary": str(tmp_path / "terms"),
        "format": "github",
        "select": ["numbers", "quotes"],
        "fail-on": "warning",
        "paths": [str(tmp_path / "locales")],
    }


def test_bad_config_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.i18n]\nformat = "xml"\n', "utf-8")
    with pytest.raises(ConfigError, match="pyproject.toml: .*format = 'xml'"):
        load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.i18n\n", "utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml:1: not valid TOML"):
        load_config(tmp_path)


def test_worker_processes_give_the_same_report(tmp_path, test_glossary):
    for i in range(4):
        (tmp_path / f"g{i}.po").write_text((DATA / "glossary.ru.po").read_text("utf-8"), "utf-8")
        (tmp_path / f"q{i}.po").write_text((DATA / "qa.ru.po").read_text("utf-8"), "utf-8")
    serial = check_paths([tmp_path], glossary=test_glossary, jobs=1)
    parallel = check_paths([tmp_path], glossary=test_glossary, jobs=2)
    assert parallel == serial
    assert serial.files == 8 and serial.ignored == 8
    assert {"glossary-variant", "numbers"} <= {f.check for f in serial.findings}


def test_unreadable_file_in_a_worker_is_a_finding_and_the_others_are_checked(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.po").write_text((DATA / "qa.ru.po").read_text("utf-8"), "utf-8")
    (tmp_path / "b.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n', "utf-8")
    report = check_paths([tmp_path], jobs=2)
    assert [(Path(f.path).name, f.line) for f in report.unreadable] == [("b.po", 6)]
    assert {Path(f.path).name for f in report.findings if f.check == "numbers"} == {"a0.po", "a1.po", "a2.po"}


def test_mt_notes_and_check_apply_the_same_glossary_rule():
    """A do-not-translate name with letters glued on is not honoured, for the reviewer's
    note written at translation time and for `i18n check` alike."""
    from i18n.checks.glossary import check_terms
    from i18n.engines.enforce import _check_terms

    glossary = load_glossary(ROOT / "glossary")
    source, target = "Kata Sputnik hari ini.", "Слово Sputnikovo сегодня."
    assert [c for c, _ in check_terms(glossary, source, target, "id", "ru")] == ["glossary-dnt"]
    notes = _check_terms(glossary, glossary.find_terms(source, "id"), target, "ru")
    assert [(n.concept, n.found) for n in notes] == [("sputnik", "")]
    good = "Слово Sputnik сегодня."
    assert check_terms(glossary, source, good, "id", "ru") == []
    assert _check_terms(glossary, glossary.find_terms(source, "id"), good, "ru") == ()
