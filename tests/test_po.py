"""PO I/O: located parse errors, deterministic rendering, atomic writes that keep dates."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from pofiles import assert_valid_po, msgfmt_problems

from i18n.catalog.po import (
    WRAP_WIDTH,
    new_header,
    parse_po,
    plural_forms,
    read_po,
    render_po,
    wrap_comment,
    write_po,
)
from i18n.errors import POFileError

T1 = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
T2 = datetime(2026, 2, 3, 4, 5, tzinfo=timezone.utc)


def sample_catalog() -> polib.POFile:
    """One entry in every review state, with long lines that need wrapping."""
    po = polib.POFile()
    po.metadata = new_header(source="id", target="ru", source_file="articles/id/a.txt", project="test")
    long_id = "Presiden Rusia Vladimir Putin menyambut pemimpin Korea Utara " * 3
    po.append(polib.POEntry(msgid="Kosong.", msgstr="", occurrences=[("articles/id/a.txt", "1")]))
    po.append(polib.POEntry(
        msgid=long_id.strip(), msgstr="Президент России Владимир Путин встретил",
        flags=["fuzzy"], occurrences=[("articles/id/a.txt", "2"), ("articles/id/a.txt", "9")],
        comment=wrap_comment(["machine: test [00000000]", "glossary-missing: Kosmodrom Vostochny -> "
                              "космодром Восточный (the preferred Russian name of the spaceport)"]),
    ))
    po.append(polib.POEntry(msgid='Dia berkata "ya".', msgstr="Он сказал «да».",
                            tcomment="checked by Olga", occurrences=[("articles/id/a.txt", "3")]))
    po.append(polib.POEntry(msgid="Kalimat baru.", msgstr="Старое предложение.", flags=["fuzzy"],
                            previous_msgid=("Kalimat lama yang panjang. " * 6).strip(), occurrences=[("articles/id/a.txt", "4")]))
    po.append(polib.POEntry(msgid="Hilang.", msgstr="Пропало.", obsolete=True, tcomment="kept", flags=["fuzzy"]))
    return po


def test_plural_forms_come_from_babel_cldr_data():
    assert plural_forms("ru").startswith("nplurals=3;")
    assert plural_forms("id") == "nplurals=1; plural=0;"
    assert plural_forms("vi") == "nplurals=1; plural=0;"
    assert plural_forms("en").startswith("nplurals=2;")


def test_written_file_passes_msgfmt_polib_and_babel(tmp_path):
    path = tmp_path / "ru.po"
    assert write_po(path, sample_catalog(), now=T1) is True
    assert_valid_po(path)
    text = path.read_text("utf-8")
    assert '"Language: ru\\n"' in text
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert '"X-Source-Language: id\\n"' in text
    assert '"X-Source-File: articles/id/a.txt\\n"' in text
    assert '"PO-Revision-Date: 2026-01-02 03:04+0000\\n"' in text
    assert "#| \"Kalimat lama yang panjang." in text
    assert '#~ msgid "Hilang."' in text
    # polib does not count the `#| ` prefix when it wraps; the header's plural rule is one string.
    long = [ln for ln in text.splitlines() if len(ln) > WRAP_WIDTH and not ln.startswith(('#| ', '"Plural'))]
    assert long == []


@pytest.mark.skipif(msgfmt_problems(Path(__file__)) is None, reason="GNU msgfmt is not installed")
def test_msgfmt_rejects_a_broken_file_so_the_check_means_something(tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "%d a"\nmsgstr "b"\n#, c-format\nmsgid "x"\nmsgstr "y"\n', "utf-8")
    assert msgfmt_problems(bad)


def test_rerun_with_same_content_leaves_file_byte_identical(tmp_path):
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    before = path.read_bytes()
    stat = path.stat()
    assert write_po(path, sample_catalog(), now=T2) is False
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


def test_same_catalog_renders_the_same_bytes_in_two_places(tmp_path):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    write_po(a, sample_catalog(), now=T1)
    write_po(b, sample_catalog(), now=T1)
    assert a.read_bytes() == b.read_bytes()
    assert render_po(read_po(a)) == a.read_text("utf-8")


def test_changed_translation_updates_revision_date_only(tmp_path):
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    po = read_po(path)
    po[0].msgstr = "Пусто."
    assert write_po(path, po, now=T2) is True
    meta = read_po(path).metadata
    assert meta["PO-Revision-Date"] == "2026-02-03 04:05+0000"
    assert meta["POT-Creation-Date"] == "2026-01-02 03:04+0000"


def test_new_source_sentence_updates_creation_date(tmp_path):
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    po = read_po(path)
    po.append(polib.POEntry(msgid="Tambahan.", msgstr=""))
    write_po(path, po, now=T2)
    assert read_po(path).metadata["POT-Creation-Date"] == "2026-02-03 04:05+0000"


def test_failed_write_leaves_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    before = path.read_bytes()
    po = read_po(path)
    po[0].msgstr = "Пусто."

    def crash(src, dst):
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C at the last moment

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_po(path, po, now=T2)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ru.po"]


def test_write_keeps_file_permissions(tmp_path):
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    path.chmod(0o640)
    po = read_po(path)
    po[0].msgstr = "Пусто."
    write_po(path, po, now=T2)
    assert path.stat().st_mode & 0o777 == 0o640


def test_parse_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid "a"\nmsgstr "b"\n\nthis is not po\n', "utf-8")
    with pytest.raises(POFileError) as info:
        read_po(path)
    assert str(info.value).startswith(f"{path}:4: not a valid PO file")
    assert "msgfmt --check" in str(info.value)


def test_missing_and_non_utf8_files_are_reported(tmp_path):
    with pytest.raises(POFileError, match="no such file"):
        read_po(tmp_path / "none.po")
    bad = tmp_path / "latin1.po"
    bad.write_bytes(b'msgid "a"\nmsgstr "\xe9"\n')
    with pytest.raises(POFileError, match=r"latin1.po:2: invalid UTF-8"):
        read_po(bad)


def test_wrapped_comment_reads_back_as_written():
    lines = ["glossary-missing: " + "very long term " * 10, "short"]
    wrapped = wrap_comment(lines)
    po = parse_po(render_po(_one(polib.POEntry(msgid="a", msgstr="", comment=wrapped))))
    assert po[0].comment == wrapped
    assert wrapped.endswith("\nshort")


def _one(entry: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = new_header(source="id", target="vi", source_file="a.txt", project="t")
    po.append(entry)
    return po


def test_translated_plural_entry_is_reviewed_not_untranslated():
    from i18n.catalog.states import entry_state

    entry = polib.POEntry(msgid="%d day", msgid_plural="%d days", msgstr_plural={0: "%d день", 1: "%d дня"})
    assert entry_state(entry) == "reviewed"
    entry.flags = ["fuzzy"]
    assert entry_state(entry) == "draft"
    assert entry_state(polib.POEntry(msgid="%d day", msgid_plural="%d days", msgstr_plural={0: "", 1: ""})) == "untranslated"


@pytest.mark.parametrize("bad, line", [
    ('msgid "a"\nmsgstr "unterminated\n', 2),
    ('msgid "a"\nmsgstr "b"\n"continued without its quote\n', 3),
    ('msgid "a"\nmsgstr b"\n', 2),
    ('msgid "a"\nmsgstr "b"\ngarbage\n', 3),
    ('#~ msgid "a"\n#~ msgstr "b\n', 2),
])
def test_string_polib_would_repair_is_refused_with_its_line(bad, line):
    # polib reads these, silently dropping characters; a re-run would write them back garbled.
    with pytest.raises(POFileError, match=rf"x.po:{line}: not a valid PO file"):
        parse_po(bad, path="x.po")


def test_previous_and_obsolete_lines_are_accepted():
    text = ('#, fuzzy\n#| msgid "old \\"quoted\\""\nmsgid "new"\nmsgstr "b"\n\n'
            '#, fuzzy\n#~| msgid "older"\n#~ msgid "gone"\n#~ msgstr ""\n#~ "x\\n"\n')
    po = parse_po(text)
    assert po[0].previous_msgid == 'old "quoted"' and po.obsolete_entries()[0].msgstr == "x\n"


LATIN1 = Path(__file__).parent / "data" / "bad" / "charset-latin1.po"


def test_a_po_file_in_its_declared_latin1_is_read_in_that_charset(tmp_path):
    """Issue 13, finding 7: a PO file that declares ISO-8859-1, and is, was refused as invalid UTF-8."""
    po = read_po(LATIN1)
    assert po.find("Presiden Putin tiba di Vladivostok.").msgstr == "Le président est arrivé."
    # Written back unchanged in the charset it declares: the same bytes, no silent conversion.
    copy = tmp_path / "a.po"
    copy.write_bytes(LATIN1.read_bytes())
    assert write_po(copy, read_po(copy)) is False
    po.find("Kim Jong Un menyambutnya.").msgstr = "Kim l'a accueilli à Vostotchny."
    assert write_po(copy, po) is True
    assert "Kim l'a accueilli à Vostotchny.".encode("latin-1") in copy.read_bytes()
    assert read_po(copy).find("Kim Jong Un menyambutnya.").msgstr == "Kim l'a accueilli à Vostotchny."


def test_a_character_the_declared_charset_cannot_hold_is_an_error_not_a_substitution(tmp_path):
    copy = tmp_path / "a.po"
    copy.write_bytes(LATIN1.read_bytes())
    po = read_po(copy)
    po.find("Kim Jong Un menyambutnya.").msgstr = "Ким встретил его."
    with pytest.raises(POFileError, match=r"cannot be written in the charset its header declares \(ISO-8859-1\): "
                                          r"'К' .* convert the file to UTF-8 first \(`msgconv -t UTF-8"):
        write_po(copy, po)
    assert copy.read_bytes() == LATIN1.read_bytes()  # the old file is untouched


REAL = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize("name", ["realworld/django.id.po", "realworld/django.ru.po", "realworld/django.vi.po",
                                  "check/qa.ru.po", "check/glossary.ru.po"])
def test_render_is_polibs_own_text_entry_for_entry(name):
    """render_po writes each entry through polib (with a memo): the text polib itself gives,
    for real catalogs with plurals, contexts, flags, credits in the header, and for the same
    catalog with obsolete, previous-msgid and wrapped comment entries added."""
    po = read_po(REAL / name)
    assert render_po(po) == po.__unicode__().rstrip("\n") + "\n"
    for k, entry in enumerate(list(po)[:40]):
        if k % 3 == 0:
            entry.obsolete = True
        elif k % 3 == 1:
            entry.previous_msgid, entry.flags = f"{entry.msgid} (old)", ["fuzzy", *entry.flags]
        else:
            entry.comment = wrap_comment([f"machine: test [0000] {entry.msgid * 3}"])
    memo: dict = {}
    assert render_po(po, memo=memo) == po.__unicode__().rstrip("\n") + "\n"
    assert render_po(po, memo=memo) == po.__unicode__().rstrip("\n") + "\n" and memo  # from the memo
    assert render_po(sample_catalog()) == sample_catalog().__unicode__().rstrip("\n") + "\n"


def test_a_file_an_editor_saved_with_other_line_breaks_is_left_alone(tmp_path):
    """The bytes on disk are not what we would write, but the content is: no write."""
    path = tmp_path / "ru.po"
    write_po(path, sample_catalog(), now=T1)
    po = read_po(path)
    po.wrapwidth = 200  # another editor's line breaks
    path.write_text(po.__unicode__(), encoding="utf-8")
    saved = path.read_bytes()
    assert saved != render_po(read_po(path)).encode()
    assert write_po(path, sample_catalog(), now=T2) is False
    assert path.read_bytes() == saved
    po = sample_catalog()
    po[0].msgstr = "Пусто."
    assert write_po(path, po, now=T2) is True and read_po(path)[0].msgstr == "Пусто."


def test_one_pass_string_check_accepts_only_lines_the_line_loop_accepts():
    """`_PLAIN_LINES` (one regex over the text) lets a text skip the line loop: it must never
    pass a text with a line the loop refuses, and it must take the files PO tools write."""
    import random

    from i18n.catalog.po import _PLAIN_LINES, _bad_line

    pieces = ["", " ", "\t", "\r", "#", "#~", "#|", "~", "|", "msgid", "msgstr[0]", "msgid_plural", '"',
              '\\"', "\\", "x", ' "a"', "\x0b", "\u2028", ", fuzzy", "\n", "\n", "msgctxt "]
    rng = random.Random(1)
    taken = 0
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        if _PLAIN_LINES.fullmatch(text):
            taken += 1
            assert _bad_line(text) is None, repr(text)
    assert taken > 5_000  # the generator reaches the fast path, not only the loop
    written = ('# comment\n#, fuzzy\n#| msgid "old"\nmsgctxt "c"\nmsgid ""\n"a \\"b\\"\\n"\n'
               'msgid_plural "p"\nmsgstr[0] ""\r\n\n#~ msgid "gone"\n#~ msgstr "x"  \n#~ #, fuzzy\n')
    assert _PLAIN_LINES.fullmatch(written) and _bad_line(written) is None
    # Spaces on many lines before a bad one: one pass, not a backtrack through every line.
    assert _PLAIN_LINES.fullmatch("   \n" * 5000 + "#~   \n" * 5000 + 'msgid "x') is None
    assert _bad_line("   \n" * 3 + 'msgid "x') == (4, 'msgid "x')
