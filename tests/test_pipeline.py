"""The batch job with real (tiny) Argos packages: articles x languages, one batch per pair."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from pofiles import assert_valid_po

from cli import main
from i18n.catalog.layout import catalog_path
from i18n.catalog.po import parse_po, read_po, write_po
from i18n.catalog.states import entry_state, pivot_text
from i18n.engines.argos import ArgosEngine
from i18n.engines.cache import TranslationCache
from i18n.engines.pivot import compose
from i18n.errors import POFileError
from i18n.glossary.model import load_glossary
from i18n.pipeline import translate_articles

ROOT = Path(__file__).resolve().parents[1]
T1 = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
LANGS = ["en", "ru", "vi"]


@pytest.fixture
def workdir(tmp_path) -> Path:
    """Two articles under articles/id/, as an editor's checkout would have them."""
    folder = tmp_path / "articles" / "id"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "articles" / "id" / "putin-kim-vostochny.txt", folder)
    shutil.copy(ROOT / "tests" / "data" / "po" / "putin-kim-edited.txt", folder / "kim-visit.txt")
    return tmp_path


def articles(workdir: Path) -> list[Path]:
    return sorted((workdir / "articles" / "id").glob("*.txt"))


class Spy:
    """Wraps the real engine to record each batch it is asked for."""

    def __init__(self, engine):
        self.engine = engine
        self.name = engine.name
        self.batches: list[tuple[str, str, int]] = []

    def route(self, source, target):
        return self.engine.route(source, target)

    def translate_scored(self, texts, source, target):
        self.batches.append((source, target, len(texts)))
        return self.engine.translate_scored(texts, source, target)


def run(workdir, argos_dir, *, engine=None, **kw):
    engine = engine or compose(ArgosEngine(packages_dir=argos_dir), cache=TranslationCache(workdir / "cache.sqlite"))
    return translate_articles(
        articles(workdir), "id", LANGS, engine=engine, locales=workdir / "locales",
        glossary=load_glossary(ROOT / "glossary"), now=T1, **kw,
    )


def test_two_articles_three_languages_one_batch_per_language_pair(workdir, argos_dir):
    spy = Spy(compose(ArgosEngine(packages_dir=argos_dir), cache=TranslationCache(workdir / "cache.sqlite")))
    report = run(workdir, argos_dir, engine=spy)
    unique = {s for a in articles(workdir) for s in _sentences(a)}
    first_batches = [b for i, b in enumerate(spy.batches) if b[1] not in [x[1] for x in spy.batches[:i]]]
    assert [(s, t) for s, t, _ in first_batches] == [("id", "en"), ("id", "ru"), ("id", "vi")]
    assert all(n == len(unique) for _, _, n in first_batches)  # shared sentences sent once
    # A second batch per pair only for segments whose glossary placeholders were lost.
    for s, t, n in spy.batches:
        assert spy.batches.count((s, t, n)) <= 2
    for lang in report.languages:
        totals = lang.totals()
        assert totals["files"] == totals["written"] == 2
        assert totals["machine"] == totals["segments"] == sum(len(set(_sentences(a))) for a in articles(workdir))
        assert lang.mt_segments == len(unique)
    for lang in LANGS:
        for art in articles(workdir):
            path = catalog_path(workdir / "locales", lang, art.stem)
            assert_valid_po(path)
            po = read_po(path)
            assert po.metadata["Language"] == lang
            assert all(entry_state(e) == "machine" for e in po)


def test_one_job_decodes_the_sentences_of_all_articles_in_length_sorted_token_batches(workdir, argos_dir, monkeypatch):
    from i18n.engines import ct2
    from i18n.engines.ct2 import EngineOptions

    cut: list[list[int]] = []  # the token counts of each batch submitted to CTranslate2, in order
    real = ct2._batches

    def batches(order, tokens, max_tokens, parallel):
        out = real(order, tokens, max_tokens, parallel)
        cut.extend([len(tokens[i]) for i in b] for b in out)
        return out

    monkeypatch.setattr(ct2, "_batches", batches)
    model = ArgosEngine(packages_dir=argos_dir, options=EngineOptions(max_batch_tokens=256))
    translate_articles(articles(workdir), "id", ["en"], engine=compose(model), locales=workdir / "locales")
    assert model.calls == 1  # both articles' sentences in one call...
    assert model.segments == len({s for a in articles(workdir) for s in _sentences(a)})
    lengths = [n for batch in cut for n in batch]
    assert len(cut) > 2 and lengths == sorted(lengths, reverse=True)  # ...longest first, across articles
    assert all(len(batch) * batch[0] <= 256 or len(batch) == 1 for batch in cut)


def test_suggestions_carry_the_model_and_glossary_notes(workdir, argos_dir):
    run(workdir, argos_dir)
    po = read_po(catalog_path(workdir / "locales", "ru", "putin-kim-vostochny"))
    comments = "\n".join(e.comment for e in po)
    assert "machine translation: argos id→en 1.0 + argos en→ru 1.0 [" in comments
    assert "glossary-missing: KTT -> саммит" in comments
    assert "glossary-protected: vladimir-putin" in comments
    assert "Путин" in po[0].msgstr  # the protected name came back in its Russian form


def test_pivot_suggestions_show_the_english_intermediate_with_names_in_the_source_form(workdir, argos_dir):
    run(workdir, argos_dir)
    ru = read_po(catalog_path(workdir / "locales", "ru", "putin-kim-vostochny"))
    first = ru[0]
    assert first.msgid.startswith("Presiden Rusia Vladimir Putin")
    # The tiny id->en model copies with its dictionary; the protected names are put back as the
    # source wrote them (no placeholder left for the reviewer). Read back as the report reads it.
    assert pivot_text(first) == (
        "President Rusia Vladimir Putin pada tanggal 13 September secara pribadi menyambut leader Korea "
        "Utara Kim Jong Un di Kosmodrom Vostochny di Wilayah Timur Jauh Amur.")
    assert "⟦" not in first.comment
    en = read_po(catalog_path(workdir / "locales", "en", "putin-kim-vostochny"))
    assert not any("pivot en:" in e.comment for e in en)  # direct: nothing to show
    run(workdir, argos_dir)  # a cached re-run writes the same notes
    assert read_po(catalog_path(workdir / "locales", "ru", "putin-kim-vostochny"))[0].comment == first.comment


def test_rerun_writes_nothing_and_reviewed_entries_are_not_sent_again(workdir, argos_dir):
    run(workdir, argos_dir)
    for slug in ("putin-kim-vostochny", "kim-visit"):  # both articles open with this sentence
        path = catalog_path(workdir / "locales", "ru", slug)
        po = read_po(path)
        po[0].msgstr, po[0].flags = "Проверенный перевод.", []
        write_po(path, po, now=T1)
    run(workdir, argos_dir)  # drops the glossary notes of the machine text from the reviewed entries
    snapshot = {p: p.read_bytes() for p in (workdir / "locales").rglob("*.po")}
    report = run(workdir, argos_dir)
    assert {p: p.read_bytes() for p in (workdir / "locales").rglob("*.po")} == snapshot
    ru = next(lang for lang in report.languages if lang.lang == "ru")
    en = next(lang for lang in report.languages if lang.lang == "en")
    assert ru.mt_segments == en.mt_segments - 1
    assert ru.totals()["reviewed"] == 2 and ru.totals()["written"] == 0


def test_dry_run_writes_nothing(workdir, argos_dir):
    report = run(workdir, argos_dir, dry_run=True)
    assert not (workdir / "locales").exists()
    assert all(f.written for lang in report.languages for f in lang.files)


def test_missing_model_stops_before_any_file_is_written(workdir, tmp_path):
    empty = tmp_path / "no-packages"
    empty.mkdir()
    from i18n.errors import MissingModelError

    with pytest.raises(MissingModelError):
        run(workdir, empty)
    assert not (workdir / "locales").exists()


def test_cli_translate_prints_summary_per_language(workdir, argos_dir):
    result = CliRunner().invoke(main, [
        "translate", *map(str, articles(workdir)), "--from", "id", "--to", "en,ru,vi",
        "--glossary", str(ROOT / "glossary"), "--locales", str(workdir / "locales"),
        "--cache", str(workdir / "cache.sqlite"), "--packages-dir", str(argos_dir),
    ])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(line.endswith(": written") for line in lines) == 6
    assert any(line.startswith("ru (id→en→ru): 2 files, 34 segments: 34 new, 0 reused, 34 machine, "
                               "0 reviewed kept") for line in lines)
    again = CliRunner().invoke(main, [
        "translate", *map(str, articles(workdir)), "--to", "ru", "--no-glossary", "--json",
        "--locales", str(workdir / "locales"), "--cache", str(workdir / "cache.sqlite"),
        "--packages-dir", str(argos_dir), "--dry-run",
    ])
    assert again.exit_code == 0, again.output
    data = json.loads(again.output)
    assert data["dry_run"] is True and data["source"] == "id"
    assert data["languages"]["ru"]["files"] == 2 and len(data["files"]) == 2


def test_cli_translate_usage_errors(workdir, argos_dir):
    art = str(articles(workdir)[0])
    bad = CliRunner().invoke(main, ["translate", art, "--to", "xx"])
    assert bad.exit_code == 2 and "unknown language code 'xx'" in bad.output
    same = CliRunner().invoke(main, ["translate", art, "--to", "id"])
    assert same.exit_code == 2 and "id is the source language" in same.output
    missing = CliRunner().invoke(main, ["translate", art, "--to", "ru", "--no-glossary",
                                        "--locales", str(workdir / "locales"),
                                        "--cache", str(workdir / "c.sqlite"),
                                        "--packages-dir", str(workdir / "none")])
    assert missing.exit_code == 1 and missing.output.startswith("error: ")


KILLER = """
import os, signal, sys
from pathlib import Path
sys.path[:0] = [{root!r}, {tests!r}]
from i18n.engines.cache import TranslationCache
from i18n.engines.argos import ArgosEngine
from i18n.engines.pivot import compose
from i18n.pipeline import translate_articles

steps = []
def progress(label):
    steps.append(label)
    if label == {when!r}:
        os.kill(os.getpid(), signal.SIGKILL)

model = ArgosEngine(packages_dir=Path({argos!r}))
engine = compose(model, cache=TranslationCache({cache!r}))
translate_articles({articles!r}, "id", ["en", "ru", "vi"], engine=engine, locales={locales!r},
                   progress=progress)
"""


def test_killed_batch_leaves_every_file_old_or_complete(workdir, argos_dir):
    arts = [str(a) for a in articles(workdir)]
    locales = workdir / "locales"
    script = KILLER.format(root=str(ROOT), tests=str(ROOT / "tests"), when="ru: putin-kim-vostochny",
                           argos=str(argos_dir), cache=str(workdir / "cache.sqlite"),
                           articles=arts, locales=str(locales))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr
    written = sorted(p.relative_to(locales).as_posix() for p in locales.rglob("*.po"))
    # en is complete; ru's first file was written before the kill; nothing else exists.
    assert written == ["en/LC_MESSAGES/kim-visit.po", "en/LC_MESSAGES/putin-kim-vostochny.po",
                       "ru/LC_MESSAGES/kim-visit.po"]
    for p in locales.rglob("*.po"):
        assert_valid_po(p)
        assert all(e.msgstr for e in read_po(p))
    assert not [p for p in locales.rglob("*") if p.name.endswith(".tmp")]
    # The next run completes the job from the cache.
    model = ArgosEngine(packages_dir=argos_dir)
    engine = compose(model, cache=TranslationCache(workdir / "cache.sqlite"))
    translate_articles(arts, "id", LANGS, engine=engine, locales=locales)
    assert len(list(locales.rglob("*.po"))) == 6
    assert model.segments < 3 * 19  # en and ru came from the cache


def _sentences(path: Path) -> list[str]:
    from i18n.article import read_article
    from i18n.segment import segment_article

    return [s.text for s in segment_article(read_article(path, "id"))]


def test_cli_dry_run_lists_what_each_entry_would_become(workdir, argos_dir):
    """The committed reviewed Russian catalog against the edited article: nothing written,
    every change named."""
    locales = workdir / "locales"
    (locales / "ru" / "LC_MESSAGES").mkdir(parents=True)
    reviewed = locales / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po"
    shutil.copy(ROOT / "locales" / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po", reviewed)
    before = reviewed.read_bytes()
    article = workdir / "articles" / "id" / "putin-kim-vostochny.txt"
    shutil.copy(ROOT / "tests" / "data" / "po" / "putin-kim-edited.txt", article)
    result = CliRunner().invoke(main, [
        "translate", str(article), "--to", "ru", "--no-glossary", "--locales", str(locales),
        "--cache", str(workdir / "cache.sqlite"), "--packages-dir", str(argos_dir), "--dry-run", "--verbose",
    ])
    assert result.exit_code == 0, result.output
    assert reviewed.read_bytes() == before
    lines = result.output.splitlines()
    assert lines[0] == f"{reviewed}: would change"
    assert lines[1].startswith("  source changed, previous translation kept (fuzzy): Sementara itu,")
    assert lines[2] == "  new, machine suggestion: Kedua pemimpin kemudian berfoto bersama di depan landasan peluncuran."
    assert lines[3].startswith("  sentence gone, reviewed entry kept as obsolete: Pada 13 September,")
    assert lines[-1].startswith("dry run: 1 of 1 file would change; 2 segments would go to MT, ")
    assert lines[-1].endswith("no file was written, no model called (glossary problems are known after MT)")
    assert not (workdir / "cache.sqlite").exists() and not (workdir / "memory.sqlite").exists()


def test_po_files_name_the_article_relative_to_the_project_whatever_form_was_typed(
    workdir, argos_dir, monkeypatch
):
    """Issue 13, finding 3: an absolute article path must not put the editor's machine into
    X-Source-File and every `#:` reference; typed absolute or relative, the same bytes."""
    (workdir / "pyproject.toml").write_text("[project]\nname = 'newsroom'\n", encoding="utf-8")
    article = workdir / "articles" / "id" / "kim-visit.txt"

    def translate(typed: str, locales: Path) -> bytes:
        result = CliRunner().invoke(main, [
            "translate", typed, "--from", "id", "--to", "en", "--no-glossary",
            "--locales", str(locales), "--cache", str(workdir / "cache.sqlite"),
            "--packages-dir", str(argos_dir),
        ])
        assert result.exit_code == 0, result.output
        return (locales / "en" / "LC_MESSAGES" / "kim-visit.po").read_bytes()

    absolute = translate(str(article.resolve()), workdir / "locales-a")  # typed from the repo root
    monkeypatch.chdir(workdir / "articles")
    relative = translate("id/kim-visit.txt", workdir / "locales-b")  # typed from a subfolder
    po = absolute.decode("utf-8")
    assert str(workdir) not in po and str(workdir.resolve()) not in po
    assert '"X-Source-File: articles/id/kim-visit.txt\\n"' in po
    refs = [line for line in po.splitlines() if line.startswith("#: ")]
    assert refs and all(line.startswith("#: articles/id/kim-visit.txt:") for line in refs)
    assert relative == absolute


@pytest.fixture(scope="module")
def id_ru_en_dir(tmp_path_factory) -> Path:
    """Tiny id-en and ru-en packages: two source languages into English."""
    import tinymodel

    from i18n.engines.packages import install_files

    built = tinymodel.build_tiny_packages(tmp_path_factory.mktemp("tiny-id-ru"), pairs=(("id", "en"), ("ru", "en")))
    folder = tmp_path_factory.mktemp("argos-id-ru")
    install_files(list(built.values()), packages_dir=folder)
    return folder


def test_same_file_name_in_two_languages_never_takes_over_the_other_po_file(tmp_path, id_ru_en_dir, monkeypatch):
    """Issue 13, finding 2: articles/id/dup.txt and articles/ru/dup.txt both map to en/dup.po;
    the second must not turn the first one's reviewed entries obsolete."""
    monkeypatch.chdir(tmp_path)
    for lang, text in (("id", "Ia tiba.\n"), ("ru", "Он прибыл.\n")):
        (tmp_path / "articles" / lang).mkdir(parents=True)
        (tmp_path / "articles" / lang / "dup.txt").write_text(text, encoding="utf-8")

    def translate(article: str, *extra: str):
        return CliRunner().invoke(main, [
            "translate", article, "--to", "en", "--no-glossary", "--cache", "cache.sqlite",
            "--packages-dir", str(id_ru_en_dir), *extra,
        ])

    assert translate("articles/id/dup.txt").exit_code == 0
    po_path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "dup.po"
    po = read_po(po_path)
    entry = po.find("Ia tiba.")
    entry.msgstr = "He arrived."
    entry.flags.remove("fuzzy")
    write_po(po_path, po)
    reviewed = po_path.read_bytes()

    refused = translate("articles/ru/dup.txt")
    assert refused.exit_code == 1
    message = refused.output.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith("error: locales/en/LC_MESSAGES/dup.po: holds the translation of articles/id/dup.txt")
    assert "not of articles/ru/dup.txt" in message and "--domain '{slug}.{source}'" in message
    assert po_path.read_bytes() == reviewed  # nothing written, the reviewed entry intact

    # The option the message names: one PO file per source language.
    both = translate("articles/ru/dup.txt", "--domain", "{slug}.{source}")
    assert both.exit_code == 0, both.output
    ru_po = read_po(tmp_path / "locales" / "en" / "LC_MESSAGES" / "dup.ru.po")
    assert ru_po.metadata["X-Source-File"] == "articles/ru/dup.txt" and ru_po.find("Он прибыл.")
    assert po_path.read_bytes() == reviewed
    # Translating the Indonesian article again changes nothing in its reviewed file.
    assert translate("articles/id/dup.txt").exit_code == 0
    assert read_po(po_path).find("Ia tiba.").msgstr == "He arrived."
    assert not [e for e in read_po(po_path) if e.obsolete]


def test_domain_templates_are_checked_before_any_work(tmp_path):
    from i18n.catalog.layout import check_domain_template
    from i18n.errors import I18nError

    assert check_domain_template("{slug}.{source}") == "{slug}.{source}"
    for bad, why in (("{source}", "lacks {slug}"), ("{slug}-{lang}", "uses {lang}"),
                     ("{slug", "malformed"), ("po/{slug}", "no folders")):
        with pytest.raises(I18nError, match=re.escape(why)):
            check_domain_template(bad)
    result = CliRunner().invoke(main, ["translate", "x.txt", "--to", "en", "--domain", "{lang}"])
    assert result.exit_code == 2 and "uses {lang}" in result.output


def test_a_catalog_recorded_with_an_absolute_path_still_belongs_to_its_article(tmp_path):
    """Files written before paths were project-relative carry the absolute X-Source-File."""
    from i18n.article import read_article
    from i18n.catalog.layout import check_owner

    (tmp_path / ".git").mkdir()
    (tmp_path / "articles").mkdir()
    source = tmp_path / "articles" / "a.txt"
    source.write_text("Ia tiba.\n", encoding="utf-8")
    art = read_article(source, "id")
    po = parse_po(f'msgid ""\nmsgstr ""\n"X-Source-File: {source}\\n"\n')
    check_owner(po, Path("a.po"), art)  # the same file: accepted
    (tmp_path / "articles" / "b.txt").write_text("Ia pergi.\n", encoding="utf-8")
    po.metadata["X-Source-File"] = "articles/a.txt"
    check_owner(po, Path("a.po"), art)
    po.metadata["X-Source-File"] = "articles/b.txt"
    with pytest.raises(POFileError, match="holds the translation of articles/b.txt"):
        check_owner(po, Path("a.po"), art)
    # A source that exists nowhere any more (the article was moved) does not block the merge.
    po.metadata["X-Source-File"] = "articles/old-place/a.txt"
    check_owner(po, Path("a.po"), art)
