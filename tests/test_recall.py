"""The memory step of `i18n translate`: reviewed work from other articles before the model."""
from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path

import polib
from click.testing import CliRunner

from cli import main
from i18n.catalog.layout import catalog_path
from i18n.catalog.memory import TranslationMemory
from i18n.catalog.po import read_po
from i18n.catalog.states import entry_state
from i18n.engines.argos import ArgosEngine
from i18n.engines.base import ModelEngine, Translation
from i18n.engines.cache import TranslationCache
from i18n.engines.pivot import PivotEngine, compose
from i18n.glossary.model import load_glossary
from i18n.pipeline import translate_articles
from i18n.recall import tm_beats_mt

ROOT = Path(__file__).resolve().parents[1]
T1 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
GREET = "Presiden Rusia Vladimir Putin menyambut Kim Jong Un di Vladivostok."
GREET_EN = "Russian President Vladimir Putin welcomed Kim Jong Un in Vladivostok."
TALKS = "Kedua pemimpin membahas kerja sama ekonomi dan keamanan regional."
WEATHER = "Cuaca di kota itu cerah sepanjang hari."


class Counting(ModelEngine):
    """A stand-in engine that records every batch and answers `MT<text>` with a fixed score."""

    name = "stand-in"

    def __init__(self, score: float | None = 0.0):
        self.score = score
        self.batches: list[list[str]] = []

    def translate_scored(self, texts, source, target):
        self.batches.append(list(texts))
        return [Translation(f"MT<{t}>", self.score, "stand-in") for t in texts]


def reviewed_po(locales: Path, slug: str, entries: list[tuple[str, str]], *, target: str = "en",
                date: str = "2026-11-01 10:00+0000") -> Path:
    """Another article's catalog with reviewed entries, as a translator leaves it (polib)."""
    po = polib.POFile()
    po.metadata = {"Language": target, "X-Source-Language": "id", "PO-Revision-Date": date,
                   "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path = catalog_path(locales, target, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def article(tmp_path: Path, slug: str, *sentences: str) -> Path:
    path = tmp_path / "articles" / "id" / f"{slug}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return path


def run(tmp_path, arts, engine, *, target="en", glossary=None, **kw):
    (tmp_path / "pyproject.toml").touch()  # the project root: comments name files from here
    with TranslationMemory(tmp_path / "memory.sqlite") as memory:
        translator = PivotEngine(engine) if isinstance(engine, Counting) else engine  # a Translator
        return translate_articles(arts, "id", [target], engine=translator, locales=tmp_path / "locales",
                                  glossary=glossary, now=T1, memory=memory, **kw)


def entry(tmp_path, slug, msgid, target="en") -> polib.POEntry:
    return read_po(catalog_path(tmp_path / "locales", target, slug)).find(msgid)


def comment(e: polib.POEntry) -> str:
    """The extracted comment as one line (wrapped lines joined)."""
    return " ".join(e.comment.split())


def squeezed(text: str) -> str:
    """Without whitespace: comment wrapping may break a line after a hyphen (`kim- visit.po`)."""
    return "".join(text.split())


def test_exact_hit_from_another_article_makes_no_model_call(tmp_path):
    reviewed_po(tmp_path / "locales", "kim-visit", [(GREET, GREET_EN)])
    engine = Counting()
    report = run(tmp_path, [article(tmp_path, "summit", GREET, TALKS)], engine)
    assert engine.batches == [[TALKS]]
    hit = entry(tmp_path, "summit", GREET)
    assert hit.msgstr == GREET_EN and "fuzzy" in hit.flags and entry_state(hit) == "machine"
    where = "locales/en/LC_MESSAGES/kim-visit.po"  # relative to the project (its pyproject.toml)
    assert squeezed(f"translation memory: exact match, reviewed in {where} (2026-11-01)") in squeezed(hit.comment)
    assert entry(tmp_path, "summit", TALKS).msgstr == f"MT<{TALKS}>"
    [lang] = report.languages
    assert (lang.mt_segments, lang.tm_exact, lang.tm_fuzzy) == (1, 1, 0)
    assert "1 sent to MT, translation memory: 1 exact, 0 fuzzy" in report.format_text()
    assert report.to_dict()["languages"]["en"]["tm_exact"] == 1


def test_exact_hits_marked_reviewed_survive_reruns(tmp_path):
    reviewed_po(tmp_path / "locales", "kim-visit", [(GREET, GREET_EN)])
    art = article(tmp_path, "summit", GREET)
    engine = Counting()
    run(tmp_path, [art], engine, tm_exact="reviewed")
    hit = entry(tmp_path, "summit", GREET)
    assert hit.msgstr == GREET_EN and entry_state(hit) == "reviewed"
    assert engine.batches == []
    report = run(tmp_path, [art], engine)  # a reviewed entry is not pending any more
    assert engine.batches == [] and report.languages[0].tm_exact == 0
    assert entry(tmp_path, "summit", GREET).msgstr == GREET_EN


def test_conflicting_reviewed_translations_most_recent_wins_others_listed(tmp_path):
    locales = tmp_path / "locales"
    reviewed_po(locales, "a-old", [(GREET, "Putin greeted Kim.")], date="2026-10-01 10:00+0000")
    reviewed_po(locales, "b-new", [(GREET, GREET_EN)], date="2026-11-20 10:00+0000")
    run(tmp_path, [article(tmp_path, "summit", GREET)], Counting(), tm_exact="reviewed")
    hit = entry(tmp_path, "summit", GREET)
    assert hit.msgstr == GREET_EN
    assert squeezed('also reviewed as "Putin greeted Kim." in locales/en/LC_MESSAGES/a-old.po (2026-10-01)') in squeezed(hit.comment)
    assert entry_state(hit) == "machine"  # a conflict is left for the reviewer to settle


def test_fuzzy_hit_beating_mt_is_offered_with_its_similarity(tmp_path):
    stored = "Cuaca di kota itu cerah sepanjang hari Senin."
    reviewed_po(tmp_path / "locales", "weather", [(stored, "The weather in the city was clear all Monday.")])
    engine = Counting(score=math.log(0.3))  # an unsure model: 30% per token
    report = run(tmp_path, [article(tmp_path, "today", WEATHER)], engine)
    assert engine.batches == [[WEATHER]]  # a fuzzy hit does not save the model call
    got = entry(tmp_path, "today", WEATHER)
    assert got.msgstr == "The weather in the city was clear all Monday." and "fuzzy" in got.flags
    note = comment(got)
    assert f'% match of "{stored}", reviewed in' in note
    assert f"machine suggestion: stand-in: MT<{WEATHER}>" in note
    assert report.languages[0].tm_fuzzy == 1 and report.languages[0].tm_exact == 0


def test_fuzzy_hit_below_a_confident_mt_is_shown_beside_it(tmp_path):
    stored = "Cuaca di kota itu cerah sepanjang hari Senin."
    reviewed_po(tmp_path / "locales", "weather", [(stored, "Clear all Monday.")])
    run(tmp_path, [article(tmp_path, "today", WEATHER)], Counting(score=math.log(0.99)))
    got = entry(tmp_path, "today", WEATHER)
    assert got.msgstr == f"MT<{WEATHER}>"
    assert f'% match of "{stored}", reviewed in' in comment(got) and comment(got).endswith(": Clear all Monday.")
    # Raised above the similarity, the threshold finds nothing.
    report = run(tmp_path, [article(tmp_path, "today", WEATHER)], Counting(), tm_threshold=99)
    assert report.languages[0].tm_fuzzy == 0


def test_tm_beats_mt_compares_similarity_with_model_confidence():
    assert tm_beats_mt(90, math.log(0.5)) and not tm_beats_mt(90, math.log(0.95))
    assert not tm_beats_mt(99, None)  # an engine without scores keeps its suggestion


def test_glossary_violating_hit_carries_the_note_and_stays_fuzzy(tmp_path):
    # Reviewed before the glossary settled on КНДР / Ким Чен Ын: the hit is not used silently.
    sentence = "Kim Jong Un tiba di Rusia."
    reviewed_po(tmp_path / "locales", "old", [(sentence, "Ким Чен Ун прибыл в Россию.")], target="ru")
    run(tmp_path, [article(tmp_path, "new", sentence)], Counting(), target="ru",
        glossary=load_glossary(ROOT / "glossary"), tm_exact="reviewed")
    got = entry(tmp_path, "new", sentence, target="ru")
    assert got.msgstr == "Ким Чен Ун прибыл в Россию."
    assert "glossary-missing: Kim Jong Un -> Ким Чен Ын" in comment(got)
    assert entry_state(got) == "machine"


def test_memory_follows_the_locales_tree_incrementally(tmp_path):
    locales = tmp_path / "locales"
    reviewed_po(locales, "kim-visit", [(GREET, GREET_EN)])
    engine = Counting()
    run(tmp_path, [article(tmp_path, "summit", GREET)], engine)
    with TranslationMemory(tmp_path / "memory.sqlite") as memory:
        # kim-visit.po is not read again; summit.po, written by the run, is new (no reviewed entry).
        assert memory.update_from([locales]) == {"read": 1, "unchanged": 1, "removed": 0}
        assert len(memory) == 1
    catalog_path(locales, "en", "kim-visit").unlink()
    run(tmp_path, [article(tmp_path, "summit", GREET)], engine)
    assert engine.batches == [[GREET]]  # the reviewed entry is gone: the model is asked


def test_exact_hit_skips_the_real_model(tmp_path, argos_dir):
    """Through the tiny Argos model: the memory's sentence is never sent to it."""
    reviewed_po(tmp_path / "locales", "kim-visit", [(GREET, GREET_EN)])
    real = compose(ArgosEngine(packages_dir=argos_dir), cache=TranslationCache(tmp_path / "cache.sqlite"))
    asked: list[str] = []

    class Spy:
        name = "spy"

        def route(self, source, target):
            return real.route(source, target)

        def translate_scored(self, texts, source, target):
            asked.extend(texts)
            return real.translate_scored(texts, source, target)

    report = run(tmp_path, [article(tmp_path, "summit", GREET, WEATHER)], Spy())
    assert asked == [WEATHER]
    assert entry(tmp_path, "summit", GREET).msgstr == GREET_EN
    mt = entry(tmp_path, "summit", WEATHER)
    assert mt.msgstr == "Cuaca di city itu cerah sepanjang hari."  # the tiny model's dictionary
    assert comment(mt).startswith("machine translation: argos id→en 1.0 [")
    assert report.languages[0].tm_exact == 1 and report.languages[0].mt_segments == 1


def test_cli_translate_reports_memory_hits(tmp_path, argos_dir):
    reviewed_po(tmp_path / "locales", "kim-visit", [(GREET, GREET_EN)])
    args = ["translate", str(article(tmp_path, "summit", GREET, WEATHER)), "--to", "en", "--no-glossary",
            "--locales", str(tmp_path / "locales"), "--cache", str(tmp_path / "cache.sqlite"),
            "--packages-dir", str(argos_dir)]
    result = CliRunner().invoke(main, [*args, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 sent to MT, translation memory: 1 exact, 0 fuzzy" in result.output
    assert not (tmp_path / "memory.sqlite").exists()  # a dry run updates a copy in RAM
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (tmp_path / "memory.sqlite").exists()  # beside the cache
    plain = CliRunner().invoke(main, [*args, "--no-memory", "--dry-run"])
    assert "2 sent to MT, translation memory: 0 exact, 0 fuzzy" in plain.output
    bad = CliRunner().invoke(main, [*args, "--tm-threshold", "0"])
    assert bad.exit_code == 2 and "--tm-threshold" in bad.output
