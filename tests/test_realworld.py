"""Real PO files from another project (Django 5.2's id, ru, vi catalogs, see
tests/data/realworld/README.md): read, checked, merged and written back without losing
an entry, a comment, a flag, a context, a plural form or an obsolete entry."""
from __future__ import annotations

from pathlib import Path

import polib
import pytest
from pofiles import babel_view, msgfmt_problems, polib_view

from i18n.article import parse_article
from i18n.catalog.merge import merge_catalog
from i18n.catalog.po import read_po, render_po, write_po
from i18n.catalog.states import entry_state
from i18n.checks.runner import check_paths
from i18n.segment import segment_article

DATA = Path(__file__).parent / "data" / "realworld"
LANGS = ["id", "ru", "vi"]


def full_view(po: polib.POFile) -> tuple:
    """Everything a PO file says, entry by entry, in file order (dates left out)."""
    meta = {k: v for k, v in po.metadata.items() if k not in ("PO-Revision-Date", "POT-Creation-Date")}
    entries = [
        (
            e.obsolete, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr,
            sorted(e.msgstr_plural.items()), e.flags, e.occurrences, e.comment, e.tcomment,
            e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural,
        )
        for e in po
    ]
    return po.header, po.metadata_is_fuzzy, sorted(meta.items()), entries


def polib_strings(po: polib.POFile) -> list[tuple]:
    """(obsolete, context, msgid, msgid_plural, translations) of every entry, sorted."""
    out = []
    for e in po:
        strings = tuple(e.msgstr_plural[k] for k in sorted(e.msgstr_plural)) if e.msgid_plural else (e.msgstr,)
        out.append((bool(e.obsolete), e.msgctxt, e.msgid, e.msgid_plural or None, strings, "fuzzy" in e.flags))
    return sorted(out, key=repr)


def babel_strings(path: Path) -> list[tuple]:
    """The same through Babel's reader (plural ids and strings are tuples there)."""
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as fh:
        cat = babel_read_po(fh, abort_invalid=True)
    out = []
    for obsolete, m in [(False, m) for m in cat if m.id] + [(True, m) for m in cat.obsolete.values()]:
        msgid, plural = (m.id[0], m.id[1]) if isinstance(m.id, tuple) else (m.id, None)
        strings = tuple(m.string) if isinstance(m.string, tuple) else (m.string,)
        out.append((obsolete, m.context, msgid, plural, strings, m.fuzzy))
    return sorted(out, key=repr)


def translations(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if e.msgstr or any(e.msgstr_plural.values())]


@pytest.mark.parametrize("lang", LANGS)
def test_real_po_file_has_what_the_round_trip_must_keep(lang):
    po = read_po(DATA / f"django.{lang}.po")
    assert len(po) > 300
    assert sum(e.msgctxt is not None for e in po) >= 20
    assert sum(bool(e.msgid_plural) for e in po) >= 10
    assert any("python-format" in e.flags for e in po)
    assert po.header.count("\n") > 3  # translator credits
    assert po.metadata["Language"] == lang and "nplurals" in po.metadata["Plural-Forms"]


@pytest.mark.parametrize("lang", LANGS)
def test_real_po_file_round_trip_keeps_everything(lang, tmp_path):
    source = DATA / f"django.{lang}.po"
    po = read_po(source)
    out = tmp_path / f"{lang}.po"
    assert write_po(out, po)
    back = read_po(out)
    assert full_view(back) == full_view(read_po(source))
    assert back.metadata["PO-Revision-Date"] != ""
    assert msgfmt_problems(out) in (None, "")
    # Two other readers agree that nothing changed.
    assert polib_view(back) == polib_view(read_po(source))
    assert babel_view(out) == babel_view(source)
    assert babel_strings(out) == polib_strings(back) == polib_strings(read_po(source))
    # A second write of what was read back changes nothing.
    assert not write_po(out, back)


@pytest.mark.parametrize("lang", LANGS)
def test_real_po_file_passes_the_validity_checks(lang):
    report = check_paths([DATA / f"django.{lang}.po"], select=["po"], jobs=1)
    assert report.files == 1 and report.entries > 300
    assert [f for f in report.findings if f.severity == "error"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_real_po_file_qa_runs_on_every_entry(lang):
    report = check_paths([DATA / f"django.{lang}.po"], jobs=1)
    assert report.entries == len([e for e in read_po(DATA / f"django.{lang}.po") if not e.obsolete])
    assert all(f.path.endswith(f"django.{lang}.po") and f.line > 0 for f in report.findings)


def _sentences(po: polib.POFile) -> list[str]:
    """msgids that are one sentence of running text, as an article would hold them."""
    candidates = [
        e.msgid for e in po
        if e.msgctxt is None and not e.msgid_plural and e.msgstr and "\n" not in e.msgid
        and e.msgid[-1:] == "." and e.msgid[:1].isupper() and len(e.msgid) > 20
    ]
    article = parse_article("\n".join(candidates) + "\n", "en", path="articles/en/django.txt")
    texts = {s.text for s in segment_article(article)}
    return [c for c in candidates if c in texts]


@pytest.mark.parametrize("lang", LANGS)
def test_merging_a_real_catalog_loses_no_translation(lang, tmp_path):
    django = read_po(DATA / f"django.{lang}.po")
    sentences = _sentences(django)
    assert len(sentences) >= 20
    kept, edited = sentences[: len(sentences) // 2], sentences[len(sentences) // 2:][:10]
    changed = {s: s[:-1] + " today." for s in edited}
    article = parse_article("\n".join(kept + list(changed.values())) + "\n", "en",
                            path="articles/en/django.txt")
    segments = segment_article(article)
    merged = merge_catalog(article, segments, lang, old=read_po(DATA / f"django.{lang}.po")).catalog
    out = tmp_path / f"{lang}.po"
    write_po(out, merged)
    assert msgfmt_problems(out) in (None, "")
    result = read_po(out)
    assert full_view(result) == full_view(merged)
    assert babel_strings(out) == polib_strings(result)

    active = {(e.msgctxt, e.msgid): e for e in result if not e.obsolete}
    obsolete = {(e.msgctxt, e.msgid): e for e in result if e.obsolete}
    by_previous = {e.previous_msgid: e for e in result if e.previous_msgid}
    for old in translations(django):
        key = (old.msgctxt, old.msgid)
        if old.msgid in kept:
            new = active[key]
            assert entry_state(new) == "reviewed"
        elif old.msgid in changed:
            new = by_previous[old.msgid]
            assert new.msgid == changed[old.msgid] and entry_state(new) == "changed"
        else:
            new = obsolete[key]  # gone from the article: kept for a translation memory
        assert (new.msgstr, new.msgstr_plural, new.tcomment) == (old.msgstr, old.msgstr_plural, old.tcomment)
        assert [f for f in old.flags if f != "fuzzy"] == [f for f in new.flags if f != "fuzzy"]
    assert sum(e.obsolete and bool(e.msgid_plural) for e in result) >= 10
    assert sum(e.obsolete and e.msgctxt is not None for e in result) >= 20
    # Re-running the merge on its own output changes nothing (the file is stable).
    again = merge_catalog(article, segments, lang, old=result).catalog
    assert render_po(again) == render_po(result)
