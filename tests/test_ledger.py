"""The incremental re-run: an unchanged catalog is skipped, and each input that changed redoes the work.

With the real tiny Argos packages (byte-identical re-runs, through the CLI's translate_batch)
and with a counting engine around the logic (which segments reach the glossary step and the
model). Every re-run's files are compared with what a run without the ledger writes.
"""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from i18n import pipeline
from i18n.batch import translate_batch
from i18n.catalog.memory import TranslationMemory
from i18n.catalog.po import read_po, write_po
from i18n.engines import enforce
from i18n.engines.cache import TranslationCache
from i18n.engines.pivot import compose
from i18n.glossary.model import load_glossary
from i18n.ledger import Ledger
from i18n.pipeline import translate_articles

ROOT = Path(__file__).resolve().parents[1]
T1 = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
T2 = datetime(2026, 2, 3, 4, 5, tzinfo=timezone.utc)
LANGS = ["en", "ru", "vi"]
EDIT = ("Pertemuan itu berlangsung", "Pertemuan penting itu berlangsung")


class Counting:
    """A deterministic engine that remembers every segment it was asked for."""

    name = "counting"
    asked: list[str] = []

    def translate_batch(self, texts, source, target):
        Counting.asked += list(texts)
        return [f"[{target}] {t}" for t in texts]


@pytest.fixture
def project(tmp_path) -> Path:
    """Three articles, the newsroom glossary and an empty locales folder."""
    folder = tmp_path / "articles" / "id"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "articles" / "id" / "putin-kim-vostochny.txt", folder)
    shutil.copy(ROOT / "tests" / "data" / "po" / "putin-kim-edited.txt", folder / "kim-visit.txt")
    (folder / "short.txt").write_text("Putin tiba di Vostochny. Pertemuan itu berlangsung lima jam.\n", "utf-8")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.fixture
def spies(monkeypatch):
    """Counts of segments that reach glossary enforcement and of articles segmented."""
    seen = {"enforced": [], "segmented": []}
    real_translate, real_segment = enforce.translate_segments, pipeline.segment_article

    def translate_segments(engine, texts, source, target, **kwargs):
        seen["enforced"] += [(target, t) for t in texts]
        return real_translate(engine, texts, source, target, **kwargs)

    def segment_article(article):
        seen["segmented"].append(article.slug)
        return real_segment(article)

    monkeypatch.setattr(enforce, "translate_segments", translate_segments)
    monkeypatch.setattr(pipeline, "segment_article", segment_article)
    Counting.asked = []
    return seen


def job(project: Path, *, ledger: bool = True, now=T1, glossary: Path | None = None, identity="counting v1",
        options="o1", memory: bool = False, cache: str = "cache.sqlite"):
    """One `translate` run of every article into en, ru and vi with the counting engine."""
    with TranslationCache(project / cache) as store:
        book = Ledger(store.path, identity=lambda s, t: identity, options=options) if ledger else None
        mem = TranslationMemory(project / "memory.sqlite") if memory else None
        try:
            return translate_articles(
                sorted((project / "articles" / "id").glob("*.txt")), "id", LANGS,
                engine=compose(Counting(), cache=store), locales=project / "locales",
                glossary=load_glossary(glossary or project / "glossary"), now=now, ledger=book, memory=mem,
            )
        finally:
            if book is not None:
                book.close()
            if mem is not None:
                mem.close()


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "locales").rglob("*.po"))}


def without_ledger(project: Path, tmp: Path, **kw) -> dict[str, bytes]:
    """What a run that does all the work writes from the same state (in a copy of the project)."""
    copy = tmp / "full"
    shutil.copytree(project, copy)
    (copy / "memory.sqlite").unlink(missing_ok=True)  # rebuilt from the copy's PO files, as it was
    job(copy, ledger=False, **kw)
    return {k: v for k, v in snapshot(copy).items()}


def file_counts(report) -> dict[str, dict]:
    return {f.path.name + f.lang: (f.written, f.counts, len(f.changes)) for lang in report.languages for f in lang.files}


def test_unchanged_rerun_skips_everything_and_reports_what_a_full_rerun_reports(project, tmp_path, spies):
    job(project)
    before = snapshot(project)
    stamps = {p: p.stat().st_mtime_ns for p in (project / "locales").rglob("*.po")}
    spies["enforced"].clear(), spies["segmented"].clear()
    Counting.asked = []
    report = job(project, now=T2)
    assert snapshot(project) == before
    assert {p: p.stat().st_mtime_ns for p in (project / "locales").rglob("*.po")} == stamps
    assert spies == {"enforced": [], "segmented": []} and Counting.asked == []
    full = shutil.copytree(project, tmp_path / "again")
    assert file_counts(report) == file_counts(job(full, ledger=False, now=T2))
    assert all(not f.written for lang in report.languages for f in lang.files) and len(file_counts(report)) == 9


def test_one_sentence_changed_redoes_only_that_article_and_only_the_new_sentence(project, tmp_path, spies):
    job(project)
    article = project / "articles" / "id" / "short.txt"
    article.write_text(article.read_text("utf-8").replace(*EDIT), "utf-8")
    spies["enforced"].clear(), spies["segmented"].clear()
    Counting.asked = []
    expected = without_ledger(project, tmp_path, now=T2)
    spies["enforced"].clear(), spies["segmented"].clear()
    job(project, now=T2)
    assert snapshot(project) == expected  # byte for byte what all the work gives
    assert spies["segmented"] == ["short"]
    new = "Pertemuan penting itu berlangsung lima jam."
    assert sorted(spies["enforced"]) == [("en", new), ("ru", new), ("vi", new)]


@pytest.mark.parametrize("change", ["glossary", "engine", "options", "translator", "cache", "memory"])
def test_each_changed_input_redoes_the_work(project, tmp_path, spies, change):
    job(project, memory=change == "memory")
    kw: dict = {"now": T2, "memory": change == "memory"}
    if change == "glossary":
        with open(project / "glossary" / "terms.csv", "a", encoding="utf-8") as f:
            f.write("visit,term,kunjungan,visit,визит,chuyến thăm,,\n")
    elif change == "engine":
        kw["identity"] = "counting v2"
    elif change == "options":
        kw["options"] = "o2"
    elif change == "translator":
        path = project / "locales" / "ru" / "LC_MESSAGES" / "short.po"
        po = read_po(path)
        po[0].msgstr, po[0].flags = "Путин прибыл на Восточный.", []
        write_po(path, po, now=T1)
    elif change == "cache":
        (project / "cache.sqlite").unlink()
    elif change == "memory":
        path = project / "locales" / "ru" / "LC_MESSAGES" / "kim-visit.po"
        po = read_po(path)
        po[1].msgstr, po[1].flags = "Проверено.", []
        write_po(path, po, now=T1)
    expected = without_ledger(project, tmp_path, **kw)
    spies["enforced"].clear(), spies["segmented"].clear()
    job(project, **kw)
    assert snapshot(project) == expected
    if change == "translator":  # only the edited catalog is merged again; its review is kept
        assert spies["segmented"] == ["short"] and read_po(path)[0].msgstr == "Путин прибыл на Восточный."
    elif change == "memory":  # the memory of id->ru changed: every id->ru catalog, no other
        assert sorted(spies["segmented"]) == ["kim-visit", "putin-kim-vostochny", "short"]
        assert {target for target, _ in spies["enforced"]} == {"ru"}
    else:
        assert sorted(spies["segmented"]) == ["kim-visit", "putin-kim-vostochny", "short"]
        assert {target for target, _ in spies["enforced"]} == set(LANGS)


def cli_run(project: Path, argos_dir: Path, **kw):
    return translate_batch(
        sorted((project / "articles" / "id").glob("*.txt")), "id", LANGS, glossary=project / "glossary",
        locales=project / "locales", cache_path=project / "cache.sqlite", packages_dir=argos_dir, **kw,
    )


def test_rerun_with_the_tiny_argos_models_is_byte_identical_and_skips_the_work(project, argos_dir, spies):
    first = cli_run(project, argos_dir)
    assert first.languages[0].mt_segments > 0
    before = snapshot(project)
    spies["enforced"].clear(), spies["segmented"].clear()
    again = cli_run(project, argos_dir)
    assert snapshot(project) == before and spies == {"enforced": [], "segmented": []}
    assert [f.counts for lang in again.languages for f in lang.files] == \
        [f.counts for lang in cli_run(project, argos_dir, no_memory=True).languages for f in lang.files]
    # Options, engine settings and the project's language data are part of what is compared.
    for kw in ({"beam_size": 2}, {"tm_threshold": 90.0}):
        spies["segmented"].clear()
        cli_run(project, argos_dir, **kw)
        assert sorted(spies["segmented"]) == ["kim-visit", "putin-kim-vostochny", "short"]
    data = project / "langdata"
    (data / "abbreviations").mkdir(parents=True)
    (data / "abbreviations" / "id.txt").write_text("Jl.\n", "utf-8")
    cli_run(project, argos_dir, data=data)
    spies["segmented"].clear()
    cli_run(project, argos_dir, data=data)
    assert spies["segmented"] == []
    (data / "abbreviations" / "id.txt").write_text("Jl.\nKm.\n", "utf-8")
    cli_run(project, argos_dir, data=data)
    assert sorted(spies["segmented"]) == ["kim-visit", "putin-kim-vostochny", "short"]
    assert snapshot(project) == before  # nothing that changed touched these articles' sentences


def test_a_dry_run_neither_uses_nor_writes_the_ledger(project, argos_dir, spies):
    cli_run(project, argos_dir)
    spies["segmented"].clear()
    report = cli_run(project, argos_dir, dry_run=True)
    assert sorted(spies["segmented"]) == ["kim-visit", "putin-kim-vostochny", "short"]
    assert not any(f.written for lang in report.languages for f in lang.files)
