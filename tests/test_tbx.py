"""TBX-Basic export and import: lossless round trip, foreign exports, unsafe XML refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from i18n.errors import InputError
from i18n.glossary.model import load_glossary
from i18n.glossary.tbx import parse_tbx, read_tbx, render_tbx, write_tbx
from i18n.model import Term

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "glossary"


def kept(terms):
    """The fields TBX must keep: everything but the origin."""
    return [(t.concept, t.type, t.forms, t.case_sensitive, t.note) for t in terms]


def test_starter_glossary_round_trips_without_loss(tmp_path):
    terms = load_glossary(ROOT / "glossary").terms
    path = tmp_path / "newsroom.tbx"
    write_tbx(terms, path)
    back, skipped = read_tbx(path)
    assert skipped == []
    assert kept(back) == kept(terms)


def test_round_trip_keeps_types_case_variant_order_and_notes():
    terms = [
        Term("nk", "name", {"ru": ("КНДР", "Северная Корея"), "en": ("North Korea",)}, True, "ru prefers КНДР"),
        Term("ktt", "term", {"id": ("KTT",), "en": ("summit",)}, True, 'line one\nline two & "quotes"'),
        Term("rt", "dnt", {"id": ("RT",), "en": ("RT",), "ru": ("RT",), "vi": ("RT",)}, False),
        Term("korut", "forbidden", {"id": ("Korut", "Korsel")}, False, "write Korea Utara"),
    ]
    back, _ = parse_tbx(render_tbx(terms))
    assert kept(back) == kept(terms)


def test_export_is_deterministic_tbx_basic():
    terms = load_glossary(ROOT / "glossary").terms
    data = render_tbx(terms)
    assert data == render_tbx(terms)
    text = data.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="id">')
    assert "<termEntry id=\"sputnik\">" in text
    assert '<descrip type="Translation needed">no</descrip>' in text
    assert "deprecatedTerm-admn-sts" in text and "preferredTerm-admn-sts" in text


def test_weblate_export_imports_with_types_from_standard_categories():
    terms, skipped = read_tbx(DATA / "weblate.tbx")
    assert skipped == ["fr"]
    by = {t.concept: t for t in terms}
    assert list(by) == ["kremlin", "summit", "sputnik", "bac-han", "north-korea"]
    assert by["kremlin"].type == "name" and by["kremlin"].forms == {"en": ("Kremlin",), "ru": ("Кремль",)}
    assert by["kremlin"].note == "Seat of the Russian government"
    assert by["summit"].type == "term" and by["summit"].forms["vi"] == ("hội nghị thượng đỉnh",)
    assert by["sputnik"].type == "dnt" and by["sputnik"].case_sensitive
    assert by["bac-han"].type == "forbidden" and by["bac-han"].note == "write Triều Tiên"
    assert by["north-korea"].forms["ru"] == ("КНДР", "Северная Корея")


def test_tbx_v3_concept_entries_import():
    (term,), skipped = read_tbx(DATA / "v3.tbx")
    assert skipped == []
    assert (term.concept, term.type, term.forms) == ("pyongyang", "name", {"en": ("Pyongyang",), "vi": ("Bình Nhưỡng",)})


@pytest.mark.parametrize("name", ["bomb.tbx", "external.tbx"])
def test_entity_declarations_are_refused_not_expanded(name):
    path = DATA / name
    with pytest.raises(InputError) as info:
        read_tbx(path)
    assert str(info.value) == (
        f"{path}: refused: the file declares or references XML entities (EntitiesForbidden); "
        "TBX needs none: export it again without a DTD internal subset"
    )


def test_malformed_xml_names_the_line():
    path = DATA / "malformed.tbx"
    with pytest.raises(InputError) as info:
        read_tbx(path)
    assert str(info.value).startswith(f"{path}:3: not well-formed XML (mismatched tag")


def test_other_xml_is_not_tbx():
    path = DATA / "not_tbx.tbx"
    with pytest.raises(InputError, match=r"not a TBX file: the root element is <xliff>"):
        read_tbx(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_tbx(tmp_path / "none.tbx")


def test_duplicate_concept_ids_are_refused():
    data = (
        b'<martif><text><body>'
        b'<termEntry id="a"><langSet xml:lang="en"><tig><term>A</term></tig></langSet></termEntry>'
        b'<termEntry id="a"><langSet xml:lang="en"><tig><term>B</term></tig></langSet></termEntry>'
        b'</body></text></martif>'
    )
    with pytest.raises(InputError, match="concept id 'a' appears twice"):
        parse_tbx(data, path="x.tbx")
