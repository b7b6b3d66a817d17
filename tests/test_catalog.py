"""Catalog merge: every review state transition of DESIGN.md, and no reviewed work ever lost."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from pofiles import assert_valid_po

from i18n.article import read_article
from i18n.catalog.layout import catalog_path, template_path
from i18n.catalog.merge import (
    Suggestion,
    extract_template,
    merge_catalog,
    pending_texts,
)
from i18n.catalog.po import read_po, write_po
from i18n.catalog.states import entry_state
from i18n.pipeline import update_catalog
from i18n.segment import segment_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
DATA = ROOT / "tests" / "data" / "po"
T1 = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
T2 = datetime(2026, 2, 3, 4, 5, tzinfo=timezone.utc)

CHANGED_OLD = ("Sementara itu, pemimpin Korea Utara tiba di lokasi KTT Rusia-Korea Utara dengan kereta "
               "berlapis baja setelah memasuki wilayah Rusia pada pagi hari tanggal 12 September.")
CHANGED_NEW = CHANGED_OLD.replace("kereta berlapis baja", "kereta lapis baja")
ADDED = "Kedua pemimpin kemudian berfoto bersama di depan landasan peluncuran."
DELETED = ("Pada 13 September, tepat sebelum Kim bertemu Putin, Seoul menuduh Pyongyang melakukan "
           "peluncuran rudal lagi.")


def engine(target: str, model: str = "test-engine v1"):
    """A deterministic stand-in for MT: tags the source so every suggestion is recognisable."""

    def suggest(texts):
        out = {}
        for t in texts:
            notes = ["glossary-missing: Putin -> Путин"] if "Putin" in t and target == "ru" else []
            out[t] = Suggestion(f"<{target}:{model}> {t}", model, notes)
        return out

    return suggest


@pytest.fixture
def article_file(tmp_path) -> Path:
    """The example article at a stable relative-looking path inside tmp_path."""
    path = tmp_path / "articles" / "id" / "putin-kim-vostochny.txt"
    path.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE, path)
    return path


def run(article_path: Path, po_path: Path, target: str = "ru", *, mt=None, now=T1):
    """One `i18n translate`-like run: segments, suggestions for pending texts, merge, write."""
    article = read_article(article_path, "id")
    segments = segment_article(article)
    old = read_po(po_path) if po_path.exists() else None
    suggestions = mt(pending_texts(old, segments)) if mt else None
    result = update_catalog(po_path, article, target, segments=segments, suggestions=suggestions, now=now)
    assert_valid_po(po_path)
    return result


def review(po_path: Path, msgids, *, prefix="REVIEWED ", comment="checked") -> dict[str, str]:
    """What a translator does in Poedit: type a translation, drop `fuzzy`, save."""
    po = read_po(po_path)
    done = {}
    for entry in po:
        if entry.msgid in msgids and not entry.obsolete:
            entry.msgstr = prefix + entry.msgid.upper()
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None
            entry.tcomment = comment
            done[entry.msgid] = entry.msgstr
    write_po(po_path, po, now=T1)
    return done


def entries(po_path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in read_po(po_path)}


# --- absent -> untranslated | machine -------------------------------------------------------


def test_extraction_without_engine_leaves_every_sentence_untranslated(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    result = run(article_file, po_path)
    counts = result.counts()
    assert counts["new"] == counts["untranslated"] == counts["segments"] == 17
    assert all(entry_state(e) == "untranslated" for e in read_po(po_path))


def test_machine_suggestion_is_fuzzy_with_a_comment_naming_the_model(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    result = run(article_file, po_path, mt=engine("ru"))
    assert result.counts()["machine"] == 17
    first = read_po(po_path)[0]
    assert first.flags == ["fuzzy"]
    assert first.comment.splitlines()[0].startswith("machine translation: test-engine v1 [")
    assert "glossary-missing: Putin -> Путин" in first.comment.splitlines()
    assert first.occurrences == [(article_file.as_posix(), "1")]
    assert entry_state(first) == "machine"


def test_header_names_languages_source_file_and_plural_forms(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    meta = read_po(po_path).metadata
    assert meta["Language"] == "ru"
    assert meta["Plural-Forms"].startswith("nplurals=3;")
    assert meta["X-Source-Language"] == "id"
    assert meta["X-Source-File"] == article_file.as_posix()
    assert meta["X-Generator"] == "i18n-newsroom"


def test_glossary_problems_are_counted(article_file, tmp_path):
    result = run(article_file, tmp_path / "ru.po", mt=engine("ru"))
    putin = sum("Putin" in e.msgid for e in result.catalog)
    assert putin > 0 and result.counts()["glossary_problems"] == putin


# --- untranslated -> machine; machine -> machine ---------------------------------------------


def test_rerun_fills_untranslated_entries_with_suggestions(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path)
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert result.counts()["machine"] == 17 and result.counts()["new"] == 0
    assert all(entry_state(e) == "machine" for e in read_po(po_path))


def test_rerun_with_same_suggestions_leaves_file_byte_identical(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    review(po_path, {read_po(po_path)[2].msgid})
    before = po_path.read_bytes()
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert result.written is False
    assert po_path.read_bytes() == before
    assert result.counts()["machine"] == 0 and result.counts()["reused"] == 17


def test_untouched_machine_suggestion_is_refreshed_when_model_output_changes(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    result = run(article_file, po_path, mt=engine("ru", model="test-engine v2"), now=T2)
    assert result.counts()["machine"] == 17
    first = read_po(po_path)[0]
    assert first.msgstr.startswith("<ru:test-engine v2>")
    assert first.comment.startswith("machine translation: test-engine v2 [")


def test_translator_draft_of_a_machine_suggestion_is_never_refreshed(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    po = read_po(po_path)
    po[0].msgstr = "Черновик переводчика"  # edited, still fuzzy: work in progress
    write_po(po_path, po)
    assert entry_state(read_po(po_path)[0]) == "draft"
    run(article_file, po_path, mt=engine("ru", model="test-engine v2"), now=T2)
    first = read_po(po_path)[0]
    assert first.msgstr == "Черновик переводчика" and "fuzzy" in first.flags


# --- reviewed ----------------------------------------------------------------------------------


def test_rerun_keeps_reviewed_translation_comments_and_flags(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    po = read_po(po_path)
    target = po[1]
    target.msgstr, target.flags, target.tcomment = "Путин прибыл.", ["no-wrap"], "Olga, 2026-01"
    write_po(po_path, po)
    result = run(article_file, po_path, mt=engine("ru", model="test-engine v2"), now=T2)
    kept = entries(po_path)[target.msgid]
    assert (kept.msgstr, kept.flags, kept.tcomment) == ("Путин прибыл.", ["no-wrap"], "Olga, 2026-01")
    assert result.counts()["reviewed"] == 1
    assert target.msgid not in pending_texts(read_po(po_path), segment_article(read_article(article_file, "id")))


# --- reviewed -> changed source; -> obsolete; obsolete -> revived ------------------------------


def test_changed_sentence_keeps_old_translation_as_fuzzy_with_previous_msgid(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    done = review(po_path, {CHANGED_OLD})
    article_file.write_text(article_file.read_text("utf-8").replace(CHANGED_OLD, CHANGED_NEW), "utf-8")
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    entry = entries(po_path)[CHANGED_NEW]
    assert entry.msgstr == done[CHANGED_OLD]
    assert entry.previous_msgid == CHANGED_OLD
    assert "fuzzy" in entry.flags and entry.tcomment == "checked"
    assert entry_state(entry) == "changed"
    assert entry.comment.startswith("machine suggestion: test-engine v1: <ru:test-engine v1> Sementara")
    # Carried over, and kept as it was only as an obsolete entry (the edit may be undone).
    kept = entries(po_path)[CHANGED_OLD]
    assert kept.obsolete and kept.msgstr == done[CHANGED_OLD] and "fuzzy" not in kept.flags
    assert result.counts()["changed"] == 1
    assert "#| msgid" in po_path.read_text("utf-8")


def test_undone_edit_brings_back_the_reviewed_translation(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    original = article_file.read_text("utf-8")
    run(article_file, po_path, mt=engine("ru"))
    done = review(po_path, {CHANGED_OLD})
    article_file.write_text(original.replace(CHANGED_OLD, CHANGED_NEW), "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    article_file.write_text(original, "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    entry = entries(po_path)[CHANGED_OLD]
    assert not entry.obsolete and entry_state(entry) == "reviewed"
    assert entry.msgstr == done[CHANGED_OLD] and entry.tcomment == "checked"
    assert CHANGED_NEW not in {e.msgid for e in read_po(po_path) if not e.obsolete}


def test_changed_entry_is_not_overwritten_by_later_runs(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    done = review(po_path, {CHANGED_OLD})
    article_file.write_text(article_file.read_text("utf-8").replace(CHANGED_OLD, CHANGED_NEW), "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    run(article_file, po_path, mt=engine("ru", model="test-engine v2"), now=T2)
    entry = entries(po_path)[CHANGED_NEW]
    assert entry.msgstr == done[CHANGED_OLD] and entry.previous_msgid == CHANGED_OLD


def test_translator_resolving_a_changed_entry_makes_it_reviewed(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    review(po_path, {CHANGED_OLD})
    article_file.write_text(article_file.read_text("utf-8").replace(CHANGED_OLD, CHANGED_NEW), "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    done = review(po_path, {CHANGED_NEW}, prefix="FIXED ")
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert entries(po_path)[CHANGED_NEW].msgstr == done[CHANGED_NEW]
    assert entry_state(entries(po_path)[CHANGED_NEW]) == "reviewed"
    assert result.written is False


def test_unrelated_new_sentence_does_not_inherit_a_translation(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    done = review(po_path, {DELETED})
    article_file.write_text(article_file.read_text("utf-8").replace(DELETED, ADDED), "utf-8")
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert entry_state(entries(po_path)[ADDED]) == "machine"
    gone = entries(po_path)[DELETED]
    assert gone.obsolete and gone.msgstr == done[DELETED] and gone.tcomment == "checked"
    assert result.counts()["obsolete"] == 1 and result.counts()["changed"] == 0


def test_deleted_machine_only_sentence_is_dropped_not_kept(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    article_file.write_text(article_file.read_text("utf-8").replace(" " + DELETED, ""), "utf-8")
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert DELETED not in entries(po_path)
    assert [c.after for c in result.changes if c.msgid == DELETED] == ["dropped"]


def test_obsolete_reviewed_sentence_that_comes_back_is_revived_reviewed(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    original = article_file.read_text("utf-8")
    run(article_file, po_path, mt=engine("ru"))
    done = review(po_path, {DELETED})
    article_file.write_text(original.replace(" " + DELETED, ""), "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    assert entries(po_path)[DELETED].obsolete
    assert "#~ msgid" in po_path.read_text("utf-8")
    article_file.write_text(original, "utf-8")
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    back = entries(po_path)[DELETED]
    assert not back.obsolete and back.msgstr == done[DELETED] and entry_state(back) == "reviewed"
    assert back.occurrences == [(article_file.as_posix(), "7")]
    assert result.counts()["revived"] == 1


def test_deleted_draft_goes_obsolete_and_comes_back_as_draft(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    original = article_file.read_text("utf-8")
    run(article_file, po_path, mt=engine("ru"))
    po = read_po(po_path)
    entry = next(e for e in po if e.msgid == DELETED)
    entry.msgstr = "Черновик"
    write_po(po_path, po)
    article_file.write_text(original.replace(" " + DELETED, ""), "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    assert entries(po_path)[DELETED].obsolete
    article_file.write_text(original, "utf-8")
    run(article_file, po_path, mt=engine("ru"), now=T2)
    back = entries(po_path)[DELETED]
    assert back.msgstr == "Черновик" and entry_state(back) == "draft"


# --- the editor's day: an article edited in the middle, a half-reviewed PO --------------------


def test_edited_article_keeps_every_reviewed_translation(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    msgids = [e.msgid for e in read_po(po_path)]
    half = set(msgids[::2]) | {CHANGED_OLD, DELETED}
    done = review(po_path, half)
    shutil.copy(DATA / "putin-kim-edited.txt", article_file)
    result = run(article_file, po_path, mt=engine("ru"), now=T2)

    after = {e.msgid: e for e in read_po(po_path)}
    for msgid, msgstr in done.items():
        if msgid == CHANGED_OLD:
            assert after[CHANGED_NEW].msgstr == msgstr and after[CHANGED_NEW].previous_msgid == msgid
        elif msgid == DELETED:
            assert after[msgid].obsolete and after[msgid].msgstr == msgstr
        else:
            assert after[msgid].msgstr == msgstr and entry_state(after[msgid]) == "reviewed"
    assert entry_state(after[ADDED]) == "machine"
    counts = result.counts()
    assert counts["changed"] == 1 and counts["obsolete"] == 1 and counts["new"] == 2
    assert counts["reviewed"] == len(done) - 2
    # The unreviewed half still carries machine suggestions.
    assert all(entry_state(after[m]) == "machine" for m in msgids if m not in half)
    # References follow the edited article: paragraph lines did not move here.
    assert after[ADDED].occurrences == [(article_file.as_posix(), "4")]


def test_edited_article_rerun_is_byte_identical(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    shutil.copy(DATA / "putin-kim-edited.txt", article_file)
    run(article_file, po_path, mt=engine("ru"), now=T2)
    before = po_path.read_bytes()
    assert run(article_file, po_path, mt=engine("ru"), now=T2).written is False
    assert po_path.read_bytes() == before


# --- entries, references, context ----------------------------------------------------------------


def test_repeated_sentence_is_one_entry_with_every_reference(tmp_path):
    article = read_article(DATA / "layout.txt", "id")
    result = merge_catalog(article, segment_article(article), "vi")
    same = [e for e in result.catalog if e.msgid == "Kalimat yang sama."]
    assert len(same) == 1
    assert [line for _, line in same[0].occurrences] == ["3", "5"]
    assert all(e.msgctxt is None for e in result.catalog)


def test_translator_context_entry_for_a_repeated_sentence_is_kept(tmp_path):
    article = read_article(DATA / "layout.txt", "id")
    segments = segment_article(article)
    po = merge_catalog(article, segments, "vi").catalog
    po.append(polib.POEntry(msgctxt="line 5", msgid="Kalimat yang sama.", msgstr="Câu giống nhau (2).",
                            occurrences=[(article.path.as_posix(), "5")]))
    path = tmp_path / "vi.po"
    write_po(path, po, now=T1)
    result = merge_catalog(article, segments, "vi", old=read_po(path))
    kept = [e for e in result.catalog if e.msgctxt == "line 5"]
    assert len(kept) == 1 and kept[0].msgstr == "Câu giống nhau (2)."
    write_po(path, result.catalog, now=T2)
    assert_valid_po(path)


def test_pending_texts_skip_reviewed_draft_and_changed_entries(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    review(po_path, {DELETED})
    po = read_po(po_path)
    po[0].msgstr = "Черновик"
    write_po(po_path, po)
    segments = segment_article(read_article(article_file, "id"))
    pending = pending_texts(read_po(po_path), segments)
    assert DELETED not in pending and po[0].msgid not in pending
    assert len(pending) == 15
    assert pending_texts(None, segments) == list(dict.fromkeys(s.text for s in segments))


def test_dry_run_reports_change_without_writing(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path)
    before = po_path.read_bytes()
    article = read_article(article_file, "id")
    segments = segment_article(article)
    result = update_catalog(po_path, article, "ru", segments=segments,
                            suggestions=engine("ru")([s.text for s in segments]), dry_run=True, now=T2)
    assert result.written is True and result.counts()["machine"] == 17
    assert po_path.read_bytes() == before


def test_template_has_every_sentence_and_no_translation(tmp_path):
    article = read_article(EXAMPLE, "id")
    pot = extract_template(article, segment_article(article))
    path = template_path(tmp_path / "locales", article.slug)
    assert path == tmp_path / "locales" / "templates" / "putin-kim-vostochny.pot"
    write_po(path, pot, now=T1)
    assert_valid_po(path)
    back = read_po(path)
    assert len(back) == 17 and all(e.msgstr == "" for e in back)
    assert back.metadata["X-Source-Language"] == "id" and "Plural-Forms" not in back.metadata


def test_catalog_path_is_the_gettext_layout(tmp_path):
    assert catalog_path(tmp_path, "RU", "a") == tmp_path / "ru" / "LC_MESSAGES" / "a.po"


# --- i18n extract ----------------------------------------------------------------------------------


def test_cli_extract_writes_templates_and_leaves_unchanged_ones(article_file, tmp_path):
    from click.testing import CliRunner

    from cli import main

    locales = tmp_path / "locales"
    args = ["extract", str(article_file), "--from", "id", "--locales", str(locales)]
    first = CliRunner().invoke(main, args)
    pot = locales / "templates" / "putin-kim-vostochny.pot"
    assert first.exit_code == 0, first.output
    assert first.output == f"{pot}: 17 sentences\n"
    assert_valid_po(pot)
    before = pot.read_bytes()
    again = CliRunner().invoke(main, args)
    assert again.output == f"{pot}: 17 sentences (unchanged)\n" and pot.read_bytes() == before


def test_cli_extract_needs_a_language_outside_articles_folders(tmp_path):
    from click.testing import CliRunner

    from cli import main

    loose = tmp_path / "story.txt"
    shutil.copy(EXAMPLE, loose)
    result = CliRunner().invoke(main, ["extract", str(loose), "--locales", str(tmp_path / "l")])
    assert result.exit_code == 2 and "cannot tell the language" in result.output and "--from" in result.output


# --- property: no edit of the article loses a reviewed translation --------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from i18n.article import parse_article  # noqa: E402

WORDS = ["Putin", "Kim", "tiba", "di", "Vostochny", "pada", "hari", "Rusia", "Korea", "Utara", "kereta"]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.lists(st.lists(sentence, min_size=1, max_size=3), min_size=1, max_size=5)


def _text(paras) -> str:
    return "\n".join(" ".join(p) for p in paras) + "\n"


@settings(max_examples=40, deadline=None)
@given(before=paragraphs, after=paragraphs, reviewed_mask=st.lists(st.booleans(), min_size=15, max_size=15))
def test_no_article_edit_loses_a_reviewed_translation(before, after, reviewed_mask):
    old_article = parse_article(_text(before), "id", path="articles/id/a.txt")
    old = merge_catalog(old_article, segment_article(old_article), "ru",
                        suggestions=engine("ru")([s for p in before for s in p])).catalog
    reviewed = {}
    for entry, flag in zip(old, reviewed_mask, strict=False):  # the mask may be longer
        if flag:
            entry.msgstr, entry.flags = f"R:{entry.msgid}", []
            reviewed[entry.msgid] = entry.msgstr
    new_article = parse_article(_text(after), "id", path="articles/id/a.txt")
    segments = segment_article(new_article)
    merged = merge_catalog(new_article, segments, "ru", old=old,
                           suggestions=engine("ru", "v2")([s.text for s in segments])).catalog
    kept = {e.msgstr for e in merged}
    assert set(reviewed.values()) <= kept
    for e in merged:
        if e.msgid in reviewed and not e.obsolete:
            assert e.msgstr == reviewed[e.msgid] and entry_state(e) == "reviewed"
    assert len({(e.msgctxt, e.msgid) for e in merged if not e.obsolete}) == len({s.text for s in segments})


def test_long_model_name_wrapped_over_two_lines_is_still_recognised(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    long_model = "argos:id-en@1.9#123456789012+argos:en-ru@1.9#123456789012+extra-long-name"
    run(article_file, po_path, mt=engine("ru", model=long_model))
    first = read_po(po_path)[0]
    assert len(first.comment.splitlines()) > 2  # the machine line was wrapped
    assert entry_state(first) == "machine"
    result = run(article_file, po_path, mt=engine("ru", model="short"), now=T2)
    assert result.counts()["machine"] == 17


def test_headers_written_by_the_translators_editor_are_kept(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    po = read_po(po_path)
    po.metadata.update({"X-Generator": "Poedit 3.4", "Last-Translator": "Olga <olga@example.org>",
                        "X-Poedit-Bookmarks": "3"})
    write_po(po_path, po, now=T2)
    before = po_path.read_bytes()
    result = run(article_file, po_path, mt=engine("ru"), now=T2)
    assert result.written is False and po_path.read_bytes() == before
    assert read_po(po_path).metadata["X-Generator"] == "Poedit 3.4"


def test_catalog_with_duplicate_entries_is_refused_not_merged(article_file, tmp_path):
    from i18n.errors import POFileError

    po_path = tmp_path / "dup.po"
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Same."\nmsgstr "Первый."\n\nmsgid "Same."\nmsgstr "Второй."\n', "utf-8")
    before = po_path.read_bytes()
    art = read_article(article_file, "id")
    with pytest.raises(POFileError, match=r"dup.po:8: duplicate entry for msgid 'Same.' \(first at line 5\)"):
        update_catalog(po_path, art, "ru", segments=segment_article(art))
    assert po_path.read_bytes() == before


@pytest.mark.parametrize("active", ["Kalimat satu.", None])
def test_obsolete_duplicate_is_refused_not_lost(article_file, tmp_path, active):
    """Two entries for one sentence (one or both obsolete, as a git merge or msgcat may
    leave them) would lose a translation in a merge keyed by msgid: refused with the line."""
    from i18n.errors import POFileError

    po_path = tmp_path / "ru.po"
    body = f'msgid "{active}"\nmsgstr ""\n\n' if active else '#~ msgid "Kalimat satu."\n#~ msgstr "OLD A"\n\n'
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
        + body + '#~ msgid "Kalimat satu."\n#~ msgstr "REVIEWED ONE"\n', "utf-8")
    before = po_path.read_bytes()
    with pytest.raises(POFileError) as err:
        run(article_file, po_path, mt=engine("ru"))
    assert f"{po_path}:" in str(err.value) and "duplicate" in str(err.value)
    assert "obsolete #~ entry" in str(err.value)
    assert po_path.read_bytes() == before


def test_glossary_notes_of_the_machine_text_are_dropped_once_reviewed(article_file, tmp_path):
    po_path = tmp_path / "ru.po"
    run(article_file, po_path, mt=engine("ru"))
    po = read_po(po_path)
    target = po[1]
    notes = ["glossary-missing: KTT -> саммит (found \"KTT\")", "glossary-case: Путин -> Путин (after “с”): check the case",
             "glossary-protected: vladimir-putin"]
    target.comment = "\n".join([*target.comment.splitlines(), *notes])
    write_po(po_path, po)
    machine = entries(po_path)[target.msgid]
    assert "glossary-missing" in machine.comment  # still the machine's text: the notes stay
    po = read_po(po_path)
    po[1].msgstr, po[1].flags = "Путин прибыл на саммит.", []  # reviewed
    write_po(po_path, po)
    run(article_file, po_path, mt=engine("ru", model="test-engine v2"), now=T2)
    kept = entries(po_path)[target.msgid]
    assert kept.msgstr == "Путин прибыл на саммит." and "fuzzy" not in kept.flags
    assert not any(line.startswith("glossary") for line in kept.comment.splitlines())
    assert kept.comment.startswith("machine translation: ")  # the rest of the comments stay
    assert_valid_po(po_path)
