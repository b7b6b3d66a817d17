"""The `markup` check: inline tags of HTML/Markdown sentences carried over (issue 14)."""
from __future__ import annotations

from pathlib import Path

import polib

from i18n.checks.pair import Pair, extract_numbers, run_pair_checks
from i18n.checks.registry import all_checks
from i18n.checks.runner import check_paths

SOURCE = "Presiden <1>Vladimir Putin</1> menyambut <2>Kim <3>Jong Un</3></2> di <4/>."


def problems(target: str, source: str = SOURCE) -> list[str]:
    return [m for cid, m in run_pair_checks(Pair(source, target, "id", "en"), ["markup"]) if cid == "markup"]


def test_tags_carried_over_pass_and_sibling_pairs_may_change_order():
    assert problems("President <1>Vladimir Putin</1> welcomed <2>Kim <3>Jong Un</3></2> at <4/>.") == []
    assert problems("<2>Kim <3>Jong Un</3></2> was welcomed by <1>Vladimir Putin</1> at <4/>.") == []
    assert problems("Plain text, no tags.", source="Teks biasa, tanpa tag.") == []


def test_a_missing_pair_and_a_missing_void_tag_are_named():
    assert problems("President Vladimir Putin welcomed <2>Kim <3>Jong Un</3></2> at the port.") == [
        "<1>…</1> is missing; put it back around the words it marks",
        "<4/> is missing; keep it",
    ]
    assert problems("President <1>Vladimir Putin welcomed <2>Kim <3>Jong Un</3></2> at <4/>.") == [
        "</1> is missing; keep it"]


def test_an_extra_or_repeated_tag_is_named():
    assert problems("President <1>Putin</1> <1>Vladimir</1> welcomed <2>Kim <3>Jong Un</3></2> at <4/><5/>.") == [
        "<1>…</1> is there 2 times, the source has it 1",
        "<5/> is not in the source",
    ]


def test_tags_crossing_each_other_are_unbalanced():
    assert problems("President <1>Vladimir Putin</1> welcomed <2>Kim <3>Jong</2> Un</3> at <4/>.") == [
        "tags are unbalanced: </2> closes <2> while <3> inside it is still open"]


def test_a_tag_moved_out_of_its_pair_is_an_illegal_reordering():
    assert problems("President <1>Vladimir Putin</1> welcomed <2>Kim</2> <3>Jong Un</3> at <4/>.") == [
        "<3> is inside <2>…</2> in the source but outside in the translation; keep the nesting"]
    assert problems("President <1>Vladimir Putin <4/></1> welcomed <2>Kim <3>Jong Un</3></2>.") == [
        "<4/> is outside every other tag in the source but inside <1>…</1> in the translation; keep the nesting"]


def test_tag_numbers_are_not_numbers_of_the_text():
    assert extract_numbers("Presiden <1>Putin</1> tiba <2/> pada 13 September", "id") == extract_numbers(
        "pada 13 September", "id")


def test_markup_is_an_error_on_reviewed_entries_and_a_warning_on_machine_ones(tmp_path: Path):
    assert all_checks()["markup"].severity == "error"
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8", "X-Source-Language": "id"}
    broken = "President Vladimir Putin welcomed <2>Kim <3>Jong Un</3></2> at <4/>."
    po.append(polib.POEntry(msgid=SOURCE, msgstr=broken))
    po.append(polib.POEntry(msgid=SOURCE.replace("di", "ke"), msgstr=broken, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Kata <1>satu</1>.", msgstr="Word <1>one</1>."))
    path = tmp_path / "en" / "a.po"
    path.parent.mkdir()
    po.save(str(path))
    found = [(f.msgid, f.severity, f.message) for f in check_paths([path], select=["markup"]).findings]
    assert found == [
        (SOURCE, "error", "<1>…</1> is missing; put it back around the words it marks"),
        (SOURCE.replace("di", "ke"), "warning", "<1>…</1> is missing; put it back around the words it marks"),
    ]
