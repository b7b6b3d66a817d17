"""TMX 1.4b read and write: round trip, language codes, foreign layouts, unsafe and malformed files."""
from __future__ import annotations

from pathlib import Path

import pytest

from i18n.catalog.tmx import TMXError, TMXUnit, parse_tmx, read_tmx, render_tmx, write_tmx

DATA = Path(__file__).parent / "data" / "tmx"

UNITS = [
    TMXUnit("id", "ru", "Kim Jong Un tiba di Rusia.", "Ким Чен Ын прибыл в Россию.", "2026-11-01T10:00:00Z",
            "kim-1", props=(("x-origin", "locales/ru/LC_MESSAGES/a.po:12"),)),
    TMXUnit("id", "en", "Cuaca <1>cerah</1> & \"baik\".", "The weather is <1>clear</1> & \"fine\".",
            notes=("checked by the desk",)),
]


def tmx(body: str, header: str = 'srclang="id"') -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header {header}/>\n'
            f"<body>\n{body}\n</body>\n</tmx>\n").encode()


def test_written_units_read_back_the_same(tmp_path):
    path = tmp_path / "newsroom.tmx"
    write_tmx(UNITS, path)
    back = read_tmx(path)
    assert [(u.source, u.target, u.text, u.translation, u.date, u.tuid, u.notes, u.props) for u in back.units] == [
        (u.source, u.target, u.text, u.translation, u.date, u.tuid, u.notes, u.props) for u in UNITS
    ]
    assert [u.line for u in back.units] == [5, 14]  # the line of each <tu>
    assert back.header["srclang"] == "id" and back.header["creationtool"] == "i18n-newsroom"


def test_export_is_deterministic_tmx_14():
    data = render_tmx(UNITS, tool_version="1.0")
    assert data == render_tmx(UNITS, tool_version="1.0")
    text = data.decode()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="i18n-newsroom"')
    assert '<tu srclang="id" tuid="kim-1" creationdate="20261101T100000Z">' in text
    assert '<tuv xml:lang="ru">' in text and "&lt;1&gt;cerah&lt;/1&gt; &amp;" in text
    # One source language for all: the header names it; several: *all*.
    mixed = [*UNITS, TMXUnit("en", "ru", "Hello.", "Привет.")]
    assert 'srclang="*all*"' in render_tmx(mixed).decode()


def test_a_control_character_cannot_be_written():
    with pytest.raises(ValueError, match="XML cannot carry"):
        render_tmx([TMXUnit("id", "en", "Satu\x01.", "One.")])


def test_language_codes_are_normalised_and_unknown_ones_counted():
    got = parse_tmx(tmx(
        '<tu><tuv xml:lang="ID-id"><seg>Satu.</seg></tuv><tuv xml:lang="ru_RU"><seg>Один.</seg></tuv>'
        '<tuv xml:lang="EN"><seg>One.</seg></tuv><tuv xml:lang="fr-FR"><seg>Un.</seg></tuv></tu>',
        header='srclang="id-ID"',
    ))
    assert [(u.source, u.target, u.translation) for u in got.units] == [("id", "ru", "Один."), ("id", "en", "One.")]
    assert got.skipped_langs == {"fr-FR": 1}


def test_tu_srclang_wins_over_the_header_and_all_means_the_first_tuv():
    # po2tmx writes srclang="en" in the header whatever the source, and the real one on each tu.
    got = parse_tmx(tmx(
        '<tu srclang="id"><tuv xml:lang="id"><seg>Satu.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu>',
        header='srclang="en"',
    ))
    assert [(u.source, u.target) for u in got.units] == [("id", "en")]
    got = parse_tmx(tmx(
        '<tu><tuv xml:lang="ru"><seg>Один.</seg></tuv><tuv xml:lang="vi"><seg>Một.</seg></tuv></tu>',
        header='srclang="*all*"',
    ))
    assert [(u.source, u.target, u.text) for u in got.units] == [("ru", "vi", "Один.")]


def test_tmx_11_lang_attribute_and_dates():
    got = parse_tmx(tmx(
        '<tu creationdate="20261001T000000Z"><tuv lang="id"><seg> Satu. </seg></tuv>'
        '<tuv lang="en" changedate="20261102T030405Z" creationdate="20261101T000000Z"><seg>One.</seg></tuv>'
        '<tuv lang="ru"><seg>Один.</seg></tuv></tu>'
    ))
    assert [(u.text, u.target, u.date) for u in got.units] == [
        ("Satu.", "en", "2026-11-02T03:04:05Z"),  # the tuv's changedate first
        ("Satu.", "ru", "2026-10-01T00:00:00Z"),  # else the tu's
    ]


def test_inline_codes_are_read_as_their_text():
    got = parse_tmx(tmx(
        '<tu><tuv xml:lang="id"><seg>Cuaca <bpt i="1">&lt;b&gt;</bpt>cerah<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Clear <ph x="2">&lt;br/&gt;</ph>weather.</seg></tuv></tu>'
    ))
    assert [(u.text, u.translation) for u in got.units] == [("Cuaca <b>cerah</b>.", "Clear <br/>weather.")]


def test_units_without_a_translation_are_counted_not_kept():
    got = parse_tmx(tmx(
        '<tu><tuv xml:lang="id"><seg>Satu.</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="id"><seg>Dua.</seg></tuv><tuv xml:lang="en"><seg>  </seg></tuv></tu>\n'
        '<tu><tuv xml:lang="en"><seg>Three.</seg></tuv><tuv xml:lang="ru"><seg>Три.</seg></tuv></tu>'
    ))
    assert got.units == [] and got.skipped_tus == 3  # the last has no tuv in the source language


def test_omegat_project_memory_reads_unit_for_unit():
    got = read_tmx(DATA / "omegat.tmx")
    assert [(u.source, u.target, u.text, u.translation, u.date) for u in got.units] == [
        ("id", "ru", "Presiden Rusia Vladimir Putin menyambut Kim Jong Un di Vladivostok.",
         "Президент России Владимир Путин встретил Ким Чен Ына во Владивостоке.", "2026-11-05T08:15:00Z"),
        ("id", "ru", "Sumber: Sputnik & RIA Novosti", "Источник: Sputnik и РИА Новости", "2026-11-05T08:20:00Z"),
        ("id", "ru", "Kedua pemimpin membahas kerja sama <b0>ekonomi</b0>.",
         "Лидеры обсудили <b0>экономическое</b0> сотрудничество.", "2026-11-05T08:30:00Z"),
        ("id", "ru", "Pertemuan itu berlangsung selama empat jam.", "Встреча продолжалась четыре часа.",
         "2026-11-06T09:00:00Z"),
    ]
    assert got.units[1].notes == ("Agency credit: keep the name in Latin letters.",)
    assert got.units[3].props[0] == ("file", "articles/id/kim-visit.txt")
    assert got.skipped_langs == {"fr-FR": 1} and got.skipped_tus == 2
    assert got.header["creationtool"] == "OmegaT"


@pytest.mark.parametrize("name, line", [("bomb.tmx", 3), ("external.tmx", 3)])
def test_entities_are_refused_with_their_line(name, line):
    with pytest.raises(TMXError) as err:
        read_tmx(DATA / name)
    assert str(err.value) == (
        f"{DATA / name}:{line}: refused: the file declares or references XML entities (EntitiesForbidden); "
        "TMX needs none: export it again without a DTD internal subset"
    )


def test_external_dtd_is_never_read(tmp_path):
    # A DTD that would define &nbsp; if it were fetched: it is not, so the entity is unknown.
    (tmp_path / "tmx14.dtd").write_text('<!ENTITY nbsp "&#160;">', encoding="utf-8")
    path = tmp_path / "doctype.tmx"
    path.write_bytes(tmx('<tu><tuv xml:lang="id"><seg>a&nbsp;b</seg></tuv></tu>').replace(
        b"<tmx ", f'<!DOCTYPE tmx SYSTEM "{(tmp_path / "tmx14.dtd").as_uri()}">\n<tmx '.encode(), 1))
    with pytest.raises(TMXError, match=r"doctype.tmx:6: entity &nbsp; is not defined"):
        read_tmx(path)
    # ... while the DOCTYPE line itself, as translate-toolkit and OmegaT write it, is fine.
    path.write_bytes(tmx('<tu><tuv xml:lang="id"><seg>a b</seg></tuv><tuv xml:lang="en"><seg>c</seg></tuv></tu>')
                     .replace(b"<tmx ", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ', 1))
    assert len(read_tmx(path).units) == 1


def test_malformed_file_is_refused_at_its_line():
    with pytest.raises(TMXError) as err:
        read_tmx(DATA / "malformed.tmx")
    assert str(err.value) == (
        f"{DATA / 'malformed.tmx'}:8: not well-formed XML (mismatched tag, column 7); fix the file or export it again"
    )


@pytest.mark.parametrize("body, message", [
    ('<tu><tuv xml:lang="id"></tuv></tu>', r"x.tmx:5: <tuv> without <seg>; give it one"),
    ('<tu><tuv><seg>a</seg></tuv></tu>', r"x.tmx:5: <tuv> without xml:lang"),
    ('<tuv xml:lang="id"><seg>a</seg></tuv>', r"x.tmx:5: <tuv> outside a <tu>"),
    ('<tu creationdate="1 Nov 2026"><tuv xml:lang="id"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>',
     r"x.tmx:5: creationdate='1 Nov 2026' is not a TMX date \(YYYYMMDDThhmmssZ\); fix or remove it"),
])
def test_misplaced_or_missing_parts_name_the_line(body, message):
    with pytest.raises(TMXError, match=message):
        parse_tmx(tmx(body), path="x.tmx")


def test_other_xml_and_missing_files_are_refused(tmp_path):
    with pytest.raises(TMXError, match=r"not_tmx.tmx:2: not a TMX file: the root element is <xliff>, expected <tmx>"):
        read_tmx(DATA / "not_tmx.tmx")
    with pytest.raises(TMXError, match=r"none.tmx: no such file"):
        read_tmx(tmp_path / "none.tmx")
    with pytest.raises(TMXError, match=r"not well-formed XML \(no element found"):
        parse_tmx(b"", path="empty.tmx")
