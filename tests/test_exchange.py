"""TMX exchange of the translation memory, against the real peer (translate-toolkit) and OmegaT's format."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
from translate.storage.tmx import tmxfile

from i18n.catalog.exchange import export_tmx, format_memory_stats, import_tmx, memory_stats
from i18n.catalog.memory import TranslationMemory
from i18n.catalog.tmx import read_tmx

DATA = Path(__file__).parent / "data" / "tmx"
GREET = "Presiden Rusia Vladimir Putin menyambut Kim Jong Un di Vladivostok."
GREET_RU = "Президент России Владимир Путин встретил Ким Чен Ына во Владивостоке."


def reviewed_po(path: Path, entries: list[tuple[str, str]], *, target: str, date: str = "2026-11-01 10:00+0000") -> Path:
    po = polib.POFile()
    po.metadata = {"Language": target, "X-Source-Language": "id", "PO-Revision-Date": date,
                   "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def toolkit_units(path: Path) -> list[tuple[str, str, str, str]]:
    """(source language, target language, source, target) of every unit, as translate-toolkit reads them."""
    store = tmxfile(path.read_bytes())
    out = []
    for unit in store.units:
        nodes = unit.getlanguageNodes()
        langs = [node.get("{http://www.w3.org/XML/1998/namespace}lang") for node in nodes]
        out.append((langs[0], langs[1], unit.source, unit.gettarget(langs[1])))
    return out


def memory_units(tm: TranslationMemory) -> list[tuple[str, str, str, str]]:
    return [(u.source, u.target, u.text, u.translation) for u in tm.units()]


def project(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    reviewed_po(locales / "ru/LC_MESSAGES/kim-visit.po", [(GREET, GREET_RU), ("Cuaca <1>cerah</1>.", "Ясно & <1>тепло</1>.")],
                target="ru")
    reviewed_po(locales / "ru/LC_MESSAGES/summit.po", [(GREET, GREET_RU)], target="ru", date="2026-11-03 10:00+0000")
    reviewed_po(locales / "ru/LC_MESSAGES/old.po", [(GREET, "Путин встретил Кима.")], target="ru",
                date="2026-10-01 10:00+0000")
    reviewed_po(locales / "en/LC_MESSAGES/kim-visit.po", [(GREET, "Putin welcomed Kim Jong Un in Vladivostok.")],
                target="en")
    (tmp_path / "pyproject.toml").touch()
    return locales


def test_export_opens_in_translate_toolkit_with_the_same_units(tmp_path):
    locales = project(tmp_path)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        report = export_tmx(tm, tmp_path / "newsroom.tmx")
    # Agreeing copies from two articles are one unit; the conflicting older translation is its own.
    assert toolkit_units(tmp_path / "newsroom.tmx") == [
        ("id", "en", GREET, "Putin welcomed Kim Jong Un in Vladivostok."),
        ("id", "ru", "Cuaca <1>cerah</1>.", "Ясно & <1>тепло</1>."),
        ("id", "ru", GREET, GREET_RU),
        ("id", "ru", GREET, "Путин встретил Кима."),
    ]
    assert report.pairs == {("id", "en"): 1, ("id", "ru"): 3}
    assert report.summary().endswith("exported 4 units (id→en 1, id→ru 3)")
    store = tmxfile((tmp_path / "newsroom.tmx").read_bytes())
    assert store.translate(GREET, "id", "en") == "Putin welcomed Kim Jong Un in Vladivostok."
    both = read_tmx(tmp_path / "newsroom.tmx").units[2]
    assert [v for _, v in both.props] == ["locales/ru/LC_MESSAGES/summit.po:9", "locales/ru/LC_MESSAGES/kim-visit.po:9"]
    assert both.date == "2026-11-03T10:00:00Z"  # the most recent of the copies


def test_export_one_language(tmp_path):
    locales = project(tmp_path)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        export_tmx(tm, tmp_path / "en.tmx", target="EN")
    assert toolkit_units(tmp_path / "en.tmx") == [("id", "en", GREET, "Putin welcomed Kim Jong Un in Vladivostok.")]


def test_export_then_import_gives_the_same_units(tmp_path):
    locales = project(tmp_path)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.update_from([locales])
        export_tmx(tm, tmp_path / "newsroom.tmx")
        units = memory_units(tm)
    with TranslationMemory(tmp_path / "other.sqlite") as other:
        report = import_tmx(other, tmp_path / "newsroom.tmx")
        assert report.units == 4
        assert sorted(memory_units(other)) == sorted(set(units))


def test_translate_toolkit_tmxfile_imports_unit_for_unit(tmp_path):
    store = tmxfile(sourcelanguage="id")
    pairs = [(GREET, GREET_RU, "ru-RU"), ("Cuaca cerah.", "Ясная погода.", "ru"), ("Cuaca cerah.", "Clear weather.", "en_GB")]
    for source, target, lang in pairs:
        store.addtranslation(source, "id", target, lang)
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        report = import_tmx(tm, path)
        assert sorted(memory_units(tm)) == sorted(("id", lang[:2], s, t) for s, t, lang in pairs)
        assert report.units == len(toolkit_units(path)) == 3


def test_po2tmx_output_imports_unit_for_unit(tmp_path):
    po = reviewed_po(tmp_path / "kim-visit.po", [(GREET, GREET_RU), ("Sumber: Sputnik & RIA.", "Источник: Sputnik & РИА.")],
                     target="ru")
    fuzzy = polib.pofile(str(po))
    fuzzy.append(polib.POEntry(msgid="Belum.", msgstr="Ещё нет.", flags=["fuzzy"]))
    fuzzy.save()
    out = tmp_path / "po2tmx.tmx"
    po2tmx = Path(sys.executable).with_name("po2tmx")
    subprocess.run([str(po2tmx), "-l", "ru", "--source-language", "id", str(po), str(out)], check=True,
                   capture_output=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_tmx(tm, out)
        assert memory_units(tm) == [(s, t, a, b) for s, t, a, b in sorted(toolkit_units(out))]
        assert {u.translation for u in tm.units()} == {GREET_RU, "Источник: Sputnik & РИА."}  # po2tmx drops fuzzy


def test_omegat_memory_imports_with_its_origin(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        report = import_tmx(tm, DATA / "omegat.tmx")
        assert report.summary() == (
            f"{DATA / 'omegat.tmx'}: imported 4 units (id→ru 4); skipped languages: fr-FR (1); "
            "2 <tu> without a usable translation"
        )
        [match] = tm.lookup([GREET], "id", "ru").values()
        assert match.exact and match.unit.translation == GREET_RU
        assert match.unit.origin == "tmx:" + (DATA / "omegat.tmx").resolve().as_posix()
        assert (match.unit.line, match.unit.date) == (7, "2026-11-05T08:15:00Z")


def test_reimport_replaces_and_po_updates_keep_imports(tmp_path):
    locales = project(tmp_path)
    path = tmp_path / "desk.tmx"
    path.write_bytes((DATA / "omegat.tmx").read_bytes())
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_tmx(tm, path)
        text = path.read_text(encoding="utf-8").replace("Встреча продолжалась четыре часа.", "Встреча шла четыре часа.")
        path.write_text(text.replace('<tu>', '<tu tuid="desk-7">', 1), encoding="utf-8")
        import_tmx(tm, path)
        tm.update_from([locales])
        imported = [u for u in tm.units() if u.origin.startswith("tmx:")]
        assert len(imported) == 4 and "Встреча шла четыре часа." in {u.translation for u in imported}
        assert [u.tuid for u in imported if u.text == GREET] == ["desk-7"]
        stats = memory_stats(tm)
    assert stats["imports"] == [{"file": "desk.tmx", "units": 4}]
    ru = next(p for p in stats["pairs"] if p["target"] == "ru")
    assert (ru["po_files"], ru["imported"]) == (3, 4)
    text = format_memory_stats(stats)
    assert "  id→en: 1 unit, 1 sentence; from 1 PO file, 0 imported\n" in text
    assert "  id→ru: 8 units, 5 sentences; from 3 PO files, 4 imported\n" in text
    assert text.endswith("  imported from desk.tmx: 4 units\n")


def test_memory_written_before_tuids_is_upgraded(tmp_path):
    import sqlite3

    db = sqlite3.connect(str(tmp_path / "tm.sqlite"))
    db.executescript(
        "CREATE TABLE units (source TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, "
        "translation TEXT NOT NULL, origin TEXT NOT NULL, line INTEGER NOT NULL, date TEXT NOT NULL, "
        "PRIMARY KEY (source, target, key, translation, origin));"
        "INSERT INTO units VALUES ('id', 'en', 'Satu.', 'Satu.', 'One.', '/x.po', 3, '2026-11-01T00:00:00Z');"
    )
    db.commit()
    db.close()
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        [unit] = tm.units()
        assert (unit.translation, unit.tuid) == ("One.", "")
        import_tmx(tm, DATA / "omegat.tmx")
        assert len(tm) == 5


def test_imported_unit_fills_an_entry_with_no_model_call(tmp_path):
    from datetime import datetime, timezone

    from test_recall import Counting  # the stand-in engine that records every batch

    from i18n.catalog.layout import catalog_path
    from i18n.catalog.po import read_po
    from i18n.engines.pivot import compose
    from i18n.pipeline import translate_articles

    article = tmp_path / "articles/id/summit.txt"
    article.parent.mkdir(parents=True)
    article.write_text(f"{GREET} Cuaca hari ini cerah sekali.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").touch()
    engine = Counting()
    with TranslationMemory(tmp_path / "memory.sqlite") as tm:
        import_tmx(tm, DATA / "omegat.tmx")
        translate_articles([article], "id", ["ru"], engine=compose(engine), locales=tmp_path / "locales", memory=tm,
                           now=datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert engine.batches == [["Cuaca hari ini cerah sekali."]]
    entry = read_po(catalog_path(tmp_path / "locales", "ru", "summit")).find(GREET)
    assert entry.msgstr == GREET_RU and "fuzzy" in entry.flags
    assert "tmx:tests/data/tmx/omegat.tmx" in "".join(entry.comment.split())
