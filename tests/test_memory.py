"""The translation memory: built from reviewed PO entries, incremental, exact and fuzzy lookups."""
from __future__ import annotations

import os
from pathlib import Path

import polib

from i18n.catalog.memory import TranslationMemory


def _write_po(path: Path, entries: list[tuple[str, str, bool]], *, date: str, target: str = "en") -> Path:
    """A PO file of (msgid, msgstr, fuzzy) entries, written by polib (a real catalog)."""
    po = polib.POFile()
    po.metadata = {
        "Language": target, "X-Source-Language": "id", "PO-Revision-Date": date,
        "Content-Type": "text/plain; charset=UTF-8",
    }
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_memory_holds_reviewed_entries_only(tmp_path):
    locales = tmp_path / "locales"
    _write_po(locales / "en/LC_MESSAGES/a.po", [
        ("Kim Jong Un, pemimpin Korea Utara, tiba di Rusia.", "Kim Jong Un, North Korea's leader, arrived in Russia.", False),
        ("Ini draf mesin.", "This is machine output.", True),
    ], date="2026-11-01 10:00+0000")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.update_from([locales]) == {"read": 1, "unchanged": 0, "removed": 0}
        [unit] = tm.units()
        assert unit.translation == "Kim Jong Un, North Korea's leader, arrived in Russia."
        assert unit.origin.endswith("en/LC_MESSAGES/a.po") and unit.line > 0
        assert unit.date == "2026-11-01T10:00:00Z"
        assert tm.lookup(["Ini draf mesin."], "id", "en") == {}


def test_update_is_incremental_and_follows_edits(tmp_path):
    locales = tmp_path / "locales"
    po = _write_po(locales / "en/LC_MESSAGES/a.po", [("Satu.", "One.", False)], date="2026-11-01 10:00+0000")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        assert tm.update_from([locales]) == {"read": 0, "unchanged": 1, "removed": 0}
        _write_po(po, [("Satu.", "One!", False), ("Dua.", "Two.", False)], date="2026-11-02 10:00+0000")
        os.utime(po, (1, 1))  # a new mtime even within the filesystem's clock resolution
        assert tm.update_from([locales])["read"] == 1
        assert {u.translation for u in tm.units()} == {"One!", "Two."}
        po.unlink()
        assert tm.update_from([locales])["removed"] == 1
        assert len(tm) == 0


def test_exact_hit_from_another_article_most_recent_wins(tmp_path):
    locales = tmp_path / "locales"
    sentence = "Presiden Rusia Vladimir Putin menyambut Kim Jong Un."
    _write_po(locales / "en/LC_MESSAGES/old.po", [(sentence, "Putin greeted Kim.", False)], date="2026-10-01 10:00+0000")
    _write_po(locales / "en/LC_MESSAGES/new.po", [(sentence, "Russian President Vladimir Putin welcomed Kim Jong Un.", False)],
              date="2026-11-01 10:00+0000")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        match = tm.lookup(["Presiden  Rusia Vladimir Putin menyambut Kim Jong Un. "], "id", "en")
        [m] = match.values()
        assert m.exact and m.unit.translation.startswith("Russian President")
        assert m.unit.origin.endswith("new.po")
        assert [a.translation for a in m.alternatives] == ["Putin greeted Kim."]


def test_fuzzy_hit_carries_its_similarity(tmp_path):
    locales = tmp_path / "locales"
    _write_po(locales / "ru/LC_MESSAGES/a.po", [
        ("Kim Jong Un, pemimpin Korea Utara, tiba di Vladivostok pada hari Selasa.",
         "Ким Чен Ын, лидер Северной Кореи, прибыл во Владивосток во вторник.", False),
        ("Cuaca cerah.", "Ясная погода.", False),
    ], date="2026-11-01 10:00+0000", target="ru")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        query = "Kim Jong Un, pemimpin Korea Utara, tiba di Vladivostok pada hari Rabu."
        [m] = tm.lookup([query], "id", "ru", threshold=75).values()
        assert not m.exact and 75 <= m.score < 100
        assert m.unit.translation.startswith("Ким Чен Ын")
        assert tm.lookup([query], "id", "ru", threshold=99) == {}
        assert tm.lookup([query], "id", "en") == {}  # another language pair
