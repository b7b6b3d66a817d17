"""Review states: each state read from real PO text, and the markers written the way they are read."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import polib
import pytest
from pofiles import assert_valid_po

from i18n.catalog.po import new_header, parse_po, render_po, wrap_comment, write_po
from i18n.catalog.states import (
    GLOSSARY_MISSING,
    HUMAN,
    State,
    carried_over,
    count_states,
    entries_in,
    entry_state,
    fingerprint,
    glossary_missing_note,
    glossary_problems,
    is_fuzzy,
    is_reviewed_work,
    machine_note,
    obsolete_copy,
    revived_state,
    suggestion_note,
    with_fuzzy,
)
from i18n.engines.base import TermCheck

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
SUGGESTION = "Путин встретился с Кимом."
CATALOG = HEADER + f"""\
msgid "Kosong."
msgstr ""

#. {machine_note("argos translate-id_ru-1_0", SUGGESTION)}
#, fuzzy
msgid "Putin bertemu Kim."
msgstr "{SUGGESTION}"

#. {machine_note("argos translate-id_ru-1_0", SUGGESTION)}
#, fuzzy
msgid "Putin bertemu Kim lagi."
msgstr "Путин снова встретился с Кимом."

#, fuzzy
#| msgid "Kim tiba dengan kereta berlapis baja."
msgid "Kim tiba dengan kereta lapis baja."
msgstr "Ким прибыл на бронепоезде."

msgid "Sumber: TASS."
msgstr "Источник: ТАСС."

#~ msgid "Kalimat yang dihapus."
#~ msgstr "Удалённое предложение."
"""


@pytest.fixture
def catalog() -> polib.POFile:
    return parse_po(CATALOG)


def test_every_state_is_read_from_po_text(catalog):
    assert [entry_state(e) for e in catalog] == [
        State.UNTRANSLATED, State.MACHINE, State.DRAFT, State.CHANGED, State.REVIEWED, State.OBSOLETE,
    ]


def test_a_state_is_its_name_as_a_string():
    assert State.CHANGED == "changed" and f"{State.DRAFT}" == "draft" and str(State.MACHINE) == "machine"
    assert "new, " + State.REVIEWED == "new, reviewed"


def test_editing_a_machine_suggestion_makes_it_a_draft(catalog):
    entry = catalog.find("Putin bertemu Kim.")
    entry.msgstr = "Путин встретился с Ким Чен Ыном."
    assert entry_state(entry) == State.DRAFT
    entry.flags.remove("fuzzy")
    assert entry_state(entry) == State.REVIEWED


def test_machine_marker_wrapped_over_two_comment_lines_still_reads_as_machine():
    model = "argos translate-id_ru-1_0 via en, a model name long enough to push the tag over"
    entry = polib.POEntry(msgid="Putin bertemu Kim.", msgstr=SUGGESTION, flags=["fuzzy"],
                          comment=wrap_comment([machine_note(model, SUGGESTION)]))
    po = polib.POFile(wrapwidth=79)
    po.append(entry)
    back = parse_po(render_po(po)).find("Putin bertemu Kim.")
    assert len(back.comment.splitlines()) == 2
    assert entry_state(back) == State.MACHINE


def test_machine_marker_names_the_model_in_words_and_ends_with_the_fingerprint():
    note = machine_note("argos id→en 1.9", SUGGESTION)
    assert note == f"machine translation: argos id→en 1.9 [{fingerprint(SUGGESTION)}]"
    assert re.fullmatch(r"machine translation: .+ \[[0-9a-f]{8}\]", note)


def test_files_written_with_the_old_machine_marker_still_read_as_machine():
    old = HEADER + f"""\
#. machine: argos:id-ru@1.0#1234 [{fingerprint(SUGGESTION)}]
#, fuzzy
msgid "Putin bertemu Kim."
msgstr "{SUGGESTION}"

#. machine: argos:id-ru@1.0#1234 [{fingerprint(SUGGESTION)}]
#, fuzzy
msgid "Putin bertemu Kim lagi."
msgstr "Путин снова встретился с Кимом."
"""
    assert [entry_state(e) for e in parse_po(old)] == [State.MACHINE, State.DRAFT]


def test_pivot_label_wrapped_over_three_comment_lines_still_reads_as_machine():
    label = " + ".join(["ctranslate2 id→en opus-mt-id-en-a-rather-long-folder-name"] * 2)
    entry = polib.POEntry(msgid="Putin bertemu Kim.", msgstr=SUGGESTION, flags=["fuzzy"],
                          comment=wrap_comment([machine_note(label, SUGGESTION), "pivot (en): x"]))
    po = polib.POFile(wrapwidth=79)
    po.append(entry)
    back = parse_po(render_po(po)).find("Putin bertemu Kim.")
    assert len(back.comment.splitlines()) == 3
    assert entry_state(back) == State.MACHINE


def test_plural_entry_with_translated_forms_is_not_untranslated():
    entry = polib.POEntry(msgid="%d hari", msgid_plural="%d hari", msgstr_plural={0: "%d день", 1: "%d дня"})
    assert entry_state(entry) == State.REVIEWED
    entry.msgstr_plural = {0: "", 1: ""}
    assert entry_state(entry) == State.UNTRANSLATED


def test_obsolete_entry_revives_to_the_state_it_held(catalog):
    gone = catalog.find("Kalimat yang dihapus.", include_obsolete_entries=True)
    assert entry_state(gone) == State.OBSOLETE and revived_state(gone) == State.REVIEWED
    assert is_reviewed_work(gone) and is_reviewed_work(catalog.find("Sumber: TASS."))
    assert not is_reviewed_work(catalog.find("Putin bertemu Kim lagi."))


def test_human_states_are_the_ones_a_rerun_keeps():
    assert HUMAN == {State.REVIEWED, State.DRAFT, State.CHANGED}


def test_queries_over_a_catalog(catalog):
    counts = count_states(catalog)
    assert counts == dict.fromkeys(State, 1)
    assert [e.msgid for e in entries_in(catalog, "machine", State.DRAFT)] == [
        "Putin bertemu Kim.", "Putin bertemu Kim lagi.",
    ]
    assert [is_fuzzy(e) for e in catalog] == [False, True, True, True, False, False]


def test_fuzzy_flag_goes_first_and_only_once():
    assert with_fuzzy(["c-format"]) == ["fuzzy", "c-format"]
    assert with_fuzzy(["c-format", "fuzzy"]) == ["c-format", "fuzzy"]


def test_carried_over_translation_is_a_changed_entry_with_the_previous_sentence(catalog):
    reviewed = catalog.find("Sumber: TASS.")
    moved = carried_over(reviewed, "Sumber: TASS, Interfax.", [("a.txt", "3")])
    assert entry_state(moved) == State.CHANGED and moved.previous_msgid == "Sumber: TASS."
    # A changed entry that changes again keeps the sentence its msgstr translates.
    again = carried_over(moved, "Sumber: Interfax.", [])
    assert again.previous_msgid == "Sumber: TASS." and again.msgstr == "Источник: ТАСС."


def test_obsolete_copy_drops_references_comments_and_previous_msgid(catalog, tmp_path):
    changed = catalog.find("Kim tiba dengan kereta lapis baja.")
    changed.comment = suggestion_note("argos", "Ким прибыл на поезде.")
    dead = obsolete_copy(changed)
    assert dead.obsolete and dead.previous_msgid is None and not dead.comment and not dead.occurrences
    assert not changed.obsolete  # the original is untouched
    catalog.append(dead)
    catalog.remove(changed)
    catalog.metadata = new_header(source="id", target="ru", source_file="a.txt", project="test")
    path = tmp_path / "x.po"
    write_po(path, catalog, now=datetime(2026, 1, 2, tzinfo=timezone.utc), old=None)
    assert_valid_po(path)


def test_glossary_note_that_enforce_writes_is_the_one_the_catalog_counts():
    note = TermCheck("ktt", "term", "KTT", "саммит", found="KTT").describe()
    assert note == glossary_missing_note("KTT", "саммит", "KTT") == 'glossary-missing: KTT -> саммит (found "KTT")'
    assert note.startswith(GLOSSARY_MISSING)
    entry = polib.POEntry(msgid="KTT", msgstr="KTT", comment=wrap_comment(
        [machine_note("m", "KTT"), note, glossary_missing_note("Putin " * 20, "Путин")]))
    assert glossary_problems(entry) == 2  # a wrapped note counts once
    assert glossary_problems([note, "glossary-protected: putin"]) == 1


def test_fingerprint_is_short_and_stable():
    assert fingerprint(SUGGESTION) == fingerprint(SUGGESTION) != fingerprint(SUGGESTION + " ")
    assert len(fingerprint(SUGGESTION)) == 8


def test_entry_notes_join_the_lines_of_a_wrapped_note_again():
    from i18n.catalog.states import LOW_CONFIDENCE, PIVOT_NOTE, entry_notes, pivot_text

    pivot = PIVOT_NOTE + "Putin arrived at Vostochny on 13 September, after two days of work at the Eastern Economic Forum (EEF) in Vladivostok."
    lines = [machine_note("argos id→en→ru 1.9", "Путин."), glossary_missing_note("EEF", "ВЭФ", "EEF"), pivot,
             f"{LOW_CONFIDENCE} model score -2.41 is far below this job's typical score", "<1> = <strong>",
             "TRANSLATORS: a developer's comment", "stays one note a line"]
    entry = polib.POEntry(msgid="Putin tiba.", msgstr="Путин.", flags=["fuzzy"], comment=wrap_comment(lines))
    # read back from PO text, as the report reads it: polib splits the wrapped pivot over lines
    read = parse_po(render_po(_catalog([entry])))[0]
    assert len(read.comment.splitlines()) > len(lines)
    assert entry_notes(read) == lines
    assert pivot_text(read) == pivot[len(PIVOT_NOTE):]
    assert pivot_text(polib.POEntry(msgid="a", msgstr="b")) == ""


def _catalog(entries):
    po = polib.POFile()
    po.metadata = new_header(source="id", target="ru", source_file="a.txt", project="t")
    for entry in entries:
        po.append(entry)
    return po
