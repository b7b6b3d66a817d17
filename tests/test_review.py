"""The review report's data: what needs a human first, from the same files `stats` and `check` read."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest
from reviewtree import make_review_tree

from i18n.catalog.po import new_header, write_po
from i18n.catalog.states import DEGENERATE, GLOSSARY_MISSING, LOW_CONFIDENCE, State
from i18n.catalog.stats import collect_stats
from i18n.checks.project import check_project
from i18n.checks.review import KINDS, entry_kinds, review_project
from i18n.config import check_settings
from i18n.model import Finding

RU = "locales/ru/LC_MESSAGES/putin-kim-vostochny.po"


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return make_review_tree(tmp_path_factory.mktemp("review"))


@pytest.fixture()
def review(tree, monkeypatch):
    monkeypatch.chdir(tree)  # paths as a user in the project folder sees them (the report's links)
    return review_project(check_settings(tree))


def test_items_are_the_entries_that_need_a_human_errors_first(review):
    got = [(item.lang, item.kinds, item.state) for item in review.items]
    assert got == [
        ("ru", ("qa",), "reviewed"),  # a reviewed translation with a wrong number: an error
        ("ru", ("degenerate", "glossary", "qa"), "machine"),
        ("ru", ("glossary",), "machine"),
        ("vi", ("glossary",), "machine"),
        ("en", ("low-confidence",), "machine"),
        ("ru", ("low-confidence",), "machine"),
        ("ru", ("changed",), "changed"),
        ("vi", ("qa",), "machine"),
    ]
    assert review.kind_counts() == {"degenerate": 1, "glossary": 3, "low-confidence": 2, "changed": 1, "qa": 3}
    assert review.languages() == ["en", "ru", "vi"]


def test_an_item_carries_source_suggestion_pivot_notes_and_findings(review):
    item = next(i for i in review.items if "degenerate" in i.kinds)
    assert (item.path, item.source_lang, item.model) == (RU, "id", "argos id→en 1.9 + argos en→ru 1.9")
    assert item.source.startswith("Sementara itu, pemimpin Korea Utara tiba")
    assert item.suggestion.endswith("саммита саммита саммита")
    assert item.pivot.startswith("Meanwhile, the North Korean leader")
    assert item.notes == (f"{DEGENERATE} the phrase «саммита» repeats 6 times; the output stops before the end of the source",)
    assert [f.check for f in item.findings] == ["glossary-missing", "glossary-missing", "numbers", "punctuation"]
    assert item.severity == "warning"  # a machine suggestion's findings are one level down
    lines = Path(RU).read_text("utf-8").splitlines()
    assert lines[item.line - 2] == "" and lines[item.line - 1].startswith("#. machine translation: ")  # where the entry begins


def test_a_changed_source_keeps_the_sentence_its_translation_was_made_for(review):
    item = next(i for i in review.items if i.kinds == ("changed",))
    assert "mengatakan kepada wartawan" in item.source and "mengatakan kepada wartawan" not in item.previous
    assert item.previous.startswith("Mengomentari agenda KTT") and item.suggestion.startswith("Комментируя")


def test_stats_and_findings_are_those_of_stats_and_check(review, tree):
    assert review.stats == collect_stats([Path("locales")])
    check = check_project(check_settings(tree))
    assert review.check.findings == check.findings
    listed = sorted(f for item in review.items for f in item.findings)
    assert listed == [f for f in check.findings if f.check != "untranslated"]
    assert any(f.check == "untranslated" for f in check.findings)  # counted, not listed


def test_no_glossary_no_glossary_findings(tree, monkeypatch):
    monkeypatch.chdir(tree)
    review = review_project(check_settings(tree, no_glossary=True))
    assert not any(f.check.startswith("glossary") for f in review.check.findings)
    # the suggestion's own note still says the term was missed when it was made
    assert [i.kinds for i in review.items if any(n.startswith(GLOSSARY_MISSING) for n in i.notes)] == [("glossary",)]


def test_kinds_of_an_entry():
    qa = Finding("a.po", 3, "numbers", "error", "numbers differ")
    term = Finding("a.po", 3, "glossary-dnt", "warning", "keep RT")
    assert entry_kinds(State.REVIEWED, [], []) == ()
    assert entry_kinds(State.MACHINE, ["machine: m [00000000]"], []) == ()
    assert entry_kinds(State.MACHINE, [f"{LOW_CONFIDENCE} model score -3.00"], [qa, term]) == (
        "glossary", "low-confidence", "qa")
    assert entry_kinds(State.CHANGED, [f"{DEGENERATE} x"], []) == ("degenerate", "changed")
    assert entry_kinds(State.MACHINE, ["glossary-case: Путин -> Путина (genitive?): check the case"], []) == ("glossary",)
    assert entry_kinds(State.MACHINE, ["glossary protection failed: translated without placeholders"], []) == ("glossary",)
    assert entry_kinds(State.MACHINE, ["glossary-repaired: Пескоффа -> Пескова", "glossary-protected: eef"], []) == ()
    assert list(KINDS) == ["degenerate", "glossary", "low-confidence", "changed", "qa"]


def test_file_level_findings_and_unreadable_files_are_items(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = new_header(source="id", target="ru", source_file="a.txt", project="t")
    del po.metadata["Language"]  # a header field msgfmt warns about: a file-level finding
    po.append(polib.POEntry(msgid="Satu.", msgstr="Один."))
    write_po(folder / "a.po", po)
    (folder / "b.po").write_text('msgid "x"\nmsgstr "y"\nmsgid\n', "utf-8")
    review = review_project(check_settings(tmp_path, paths=[Path("locales")]))
    assert [s.path for s in review.stats] == ["locales/ru/LC_MESSAGES/a.po"]
    by_path = {item.path: item for item in review.items}
    header = by_path["locales/ru/LC_MESSAGES/a.po"]
    assert header.state == "" and header.kinds == ("qa",) and [f.check for f in header.findings] == ["po-header"]
    broken = by_path["locales/ru/LC_MESSAGES/b.po"]
    assert broken.lang == "ru" and broken.severity == "error" and broken.findings[0].check == "po-unreadable"
    assert review.items[0] is broken  # errors first


def test_the_model_is_read_from_the_marker_old_files_too():
    from i18n.catalog.states import fingerprint
    from i18n.checks.review import review_items

    old = polib.POEntry(msgid="Satu.", msgstr="Один?", flags=["fuzzy"], linenum=7,
                        comment=f"machine: argos-id-en [{fingerprint('Один?')}]\n{LOW_CONFIDENCE} model score -3.00")
    (item,) = review_items("a.po", "ru", [old], {})
    assert (item.state, item.model, item.notes) == ("machine", "argos-id-en", (f"{LOW_CONFIDENCE} model score -3.00",))
