"""The editors' daily use of the command line (issue 16): words in the right number, totals
in `stats`, and `--quiet` for scripts. Translate runs use the tiny real Argos packages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def one_sentence(tmp_path) -> Path:
    """An article of one sentence and one boilerplate line, under articles/id/."""
    return write(tmp_path / "articles" / "id" / "satu.txt", "Presiden tiba di kota.\n[iklan_2]\n")


def translate_args(tmp_path: Path, argos_dir: Path, *articles: Path, to: str = "en") -> list[str]:
    return [
        "translate", *map(str, articles), "--to", to, "--no-glossary",
        "--locales", str(tmp_path / "locales"), "--cache", str(tmp_path / "cache.sqlite"),
        "--packages-dir", str(argos_dir),
    ]


def test_translate_summary_says_1_file_1_segment(tmp_path, argos_dir, one_sentence):
    result = invoke(*translate_args(tmp_path, argos_dir, one_sentence))
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("en (id→en): 1 file, 1 segment: 1 new, 0 reused, 1 machine, ")
    assert ", 0 glossary problems; 1 sent to MT," in summary
    other = write(tmp_path / "articles" / "id" / "dua.txt", "Pemimpin tiba. Presiden tiba di kota.\n")
    both = invoke(*translate_args(tmp_path, argos_dir, one_sentence, other))
    assert both.exit_code == 0, both.output
    assert "en (id→en): 2 files, 3 segments: 2 new, 1 reused, 2 machine, " in both.stdout


def test_every_summary_line_counts_in_the_right_number(tmp_path, one_sentence):
    pot = invoke("extract", one_sentence, "--locales", tmp_path / "loc")
    assert pot.stdout == f"{tmp_path / 'loc' / 'templates' / 'satu.pot'}: 1 sentence\n"
    glossary = write(tmp_path / "g.csv", "concept,type,id,en\nkota,term,kota,city\n")
    assert invoke("glossary", "lint", glossary).stdout == f"{glossary}: 1 concept, no problems\n"
    tbx = tmp_path / "g.tbx"
    assert invoke("glossary", "export-tbx", "--glossary", glossary, "-o", tbx).stderr == f"wrote 1 concept to {tbx}\n"
    bad = write(tmp_path / "bad.csv", "concept,type,id,en\nkota,sort-of,kota,city\n")
    assert invoke("glossary", "lint", bad).stderr == f"1 problem in {bad}\n"
    po = write(tmp_path / "satu.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
               'msgid "Presiden tiba di kota."\nmsgstr "The President arrived in the city."\n')
    applied = invoke("apply", po, "--source", one_sentence)
    assert applied.exit_code == 0, applied.output
    assert applied.stderr == f"{po}: 1 reviewed, 0 untranslated (source text kept), 1 boilerplate line left out\n"


def write_po(path: Path, lang: str, reviewed: int, fuzzy: int, untranslated: int) -> Path:
    entries = [f'msgid "R{i}."\nmsgstr "r{i}."\n' for i in range(reviewed)]
    entries += [f'#, fuzzy\nmsgid "F{i}."\nmsgstr "f{i}."\n' for i in range(fuzzy)]
    entries += [f'msgid "U{i}."\nmsgstr ""\n' for i in range(untranslated)]
    header = f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    return write(path, "\n".join([header, *entries]))


def test_stats_totals_per_language_and_overall(tmp_path):
    loc = tmp_path / "locales"
    write_po(loc / "ru" / "LC_MESSAGES" / "a.po", "ru", 2, 1, 1)
    write_po(loc / "ru" / "LC_MESSAGES" / "b.po", "ru", 1, 0, 0)
    write_po(loc / "vi" / "LC_MESSAGES" / "a.po", "vi", 0, 3, 1)
    table = invoke("stats", loc).stdout.splitlines()
    assert [line.split("  ")[0].strip() for line in table[-3:]] == ["total, 2 files", "total, 1 file", "total, 3 files"]
    assert table[-3].split()[3:] == ["ru", "3", "1", "1", "0", "60.0"]
    assert table[-2].split()[3:] == ["vi", "0", "3", "1", "0", "0.0"]
    assert table[-1].split()[3:] == ["all", "3", "4", "2", "0", "33.3"]
    data = json.loads(invoke("stats", loc, "--json").stdout)
    assert len(data["files"]) == 3
    assert data["languages"]["ru"] == {"files": 2, "reviewed": 3, "fuzzy": 1, "untranslated": 1, "obsolete": 0,
                                       "total": 5, "percent_reviewed": 60.0}
    assert data["languages"]["vi"]["files"] == 1 and data["languages"]["vi"]["fuzzy"] == 3
    assert data["total"] == {"files": 3, "reviewed": 3, "fuzzy": 4, "untranslated": 2, "obsolete": 0,
                             "total": 9, "percent_reviewed": 33.3}
    # Every total is the sum of its files.
    for key in ("reviewed", "fuzzy", "untranslated", "obsolete", "total"):
        assert data["total"][key] == sum(f[key] for f in data["files"])


def test_stats_of_no_po_file_has_no_totals(tmp_path):
    (tmp_path / "empty").mkdir()
    assert invoke("stats", tmp_path / "empty").stdout == "no PO files found\n"
    data = json.loads(invoke("stats", tmp_path / "empty", "--json").stdout)
    assert data == {"files": [], "languages": {}, "total": {
        "files": 0, "reviewed": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0, "total": 0, "percent_reviewed": 100.0}}


QUIET = {("segment",), ("glossary", "lint"), ("glossary", "export-tbx"), ("glossary", "import-tbx"),
         ("models", "install"), ("translate",), ("extract",), ("apply",), ("compile",), ("check",),
         ("tm", "export"), ("tm", "import"), ("report",)}


def test_quiet_on_every_command_that_prints_progress_or_summaries():
    for path, command in _commands(main):
        has = any("--quiet" in p.opts for p in command.params)
        assert has == (path in QUIET), path


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_quiet_translate_prints_nothing_and_writes_the_files(tmp_path, argos_dir, one_sentence):
    result = invoke(*translate_args(tmp_path, argos_dir, one_sentence), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "locales" / "en" / "LC_MESSAGES" / "satu.po").is_file()
    as_json = invoke(*translate_args(tmp_path, argos_dir, one_sentence), "-q", "--json")
    assert json.loads(as_json.stdout)["languages"]["en"]["files"] == 1  # asked-for output stays


def test_quiet_keeps_the_output_and_errors_drops_the_summaries(tmp_path, one_sentence):
    assert invoke("segment", one_sentence, "-q").stderr == ""
    assert "set aside as boilerplate" in invoke("segment", one_sentence).stderr
    assert invoke("extract", one_sentence, "--locales", tmp_path / "loc", "--quiet").stdout == ""
    po = write(tmp_path / "satu.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
               'msgid "Presiden tiba di kota."\nmsgstr "The President arrived in the city."\n')
    applied = invoke("apply", po, "--source", one_sentence, "-q")
    assert applied.stdout == "The President arrived in the city.\n" and applied.stderr == ""
    assert invoke("compile", po, "-q").stdout == "" and po.with_suffix(".mo").is_file()
    bad = write(tmp_path / "bad.csv", "concept,type,id,en\nkota,sort-of,kota,city\n")
    lint = invoke("glossary", "lint", bad, "-q")
    assert lint.exit_code == 1 and lint.stderr == "" and "sort-of" in lint.stdout  # the problems stay
    missing = invoke("extract", tmp_path / "none.txt", "--from", "id", "-q")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")


def test_quiet_check_prints_the_findings_without_the_summary_line(tmp_path):
    po = write(tmp_path / "ru.po", 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
               'msgid "Pada 13 September."\nmsgstr "14 сентября."\n')
    loud = invoke("check", po, "--no-glossary", "--isolated")
    quiet = invoke("check", po, "--no-glossary", "--isolated", "--quiet")
    assert loud.exit_code == quiet.exit_code == 1
    assert quiet.stdout == "".join(loud.stdout.splitlines(keepends=True)[:-1])
    assert "numbers" in quiet.stdout and "1 error" in loud.stdout.splitlines()[-1]
    assert invoke("check", po, "--no-glossary", "--isolated", "-q", "--format", "json").stderr == ""


def test_help_of_quiet_says_what_stays():
    result = invoke("translate", "--help")
    assert "-q, --quiet" in result.stdout
    assert "errors and the requested output only" in " ".join(result.stdout.split())


# --- mixed-language batches ---


@pytest.fixture
def mixed(tmp_path) -> tuple[Path, Path]:
    """One Indonesian and one English article, each under its language's folder."""
    return (write(tmp_path / "articles" / "id" / "kota.txt", "Presiden tiba di kota.\n"),
            write(tmp_path / "articles" / "en" / "leader.txt", "The leader arrived in the city.\n"))


def test_translate_takes_articles_in_several_languages_in_one_run(tmp_path, argos_dir, mixed):
    id_article, en_article = mixed
    result = invoke(*translate_args(tmp_path, argos_dir, id_article, en_article, to="en,ru"))
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"note: en is the source language of 1 article ({en_article}): "
                             "not translated into en\n")
    loc = tmp_path / "locales"
    assert sorted(p.relative_to(loc).as_posix() for p in loc.rglob("*.po")) == [
        "en/LC_MESSAGES/kota.po", "ru/LC_MESSAGES/kota.po", "ru/LC_MESSAGES/leader.po"]
    from i18n.catalog.po import read_po

    assert read_po(loc / "ru" / "LC_MESSAGES" / "leader.po").metadata["X-Source-Language"] == "en"
    assert read_po(loc / "ru" / "LC_MESSAGES" / "kota.po").metadata["X-Source-Language"] == "id"
    lines = result.stdout.splitlines()
    assert any(line.startswith("en (id→en): 1 file, 1 segment: ") for line in lines)
    assert any(line.startswith("ru (id→en→ru, en→ru): 2 files, 2 segments: ") for line in lines)
    data = json.loads(invoke(*translate_args(tmp_path, argos_dir, id_article, en_article, to="en,ru"),
                             "--json", "-q").stdout)
    assert data["source"] == "id,en" and data["skipped"] == {"en": [str(en_article)]}


def test_to_all_is_every_other_language_without_a_note(tmp_path, argos_dir, one_sentence):
    result = invoke(*translate_args(tmp_path, argos_dir, one_sentence, to="all"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert [line.split(" ")[0] for line in result.stdout.splitlines()[-3:]] == ["en", "ru", "vi"]
    assert len(list((tmp_path / "locales").rglob("*.po"))) == 3


def test_only_the_source_language_is_a_usage_error(tmp_path, argos_dir, one_sentence):
    result = invoke(*translate_args(tmp_path, argos_dir, one_sentence, to="id"))
    assert result.exit_code == 2
    assert result.stderr == ("error: --to: id is the source language: nothing to translate; name another "
                             "language, or --to all (see `main translate --help`)\n")
    assert not (tmp_path / "locales").exists()


def test_from_reads_every_article_in_one_language(tmp_path, argos_dir, mixed):
    id_article, _ = mixed
    elsewhere = write(tmp_path / "in" / "ru" / "kota2.txt", "Pemimpin tiba di kota.\n")
    result = invoke(*translate_args(tmp_path, argos_dir, id_article, elsewhere, to="en"), "--from", "id")
    assert result.exit_code == 0, result.output
    assert "en (id→en): 2 files, 2 segments: " in result.stdout


class Recorder:
    """A stand-in engine: every pair direct, a tagged copy of the text; records each batch."""

    name = "recorder"

    def __init__(self) -> None:
        self.batches: list[tuple[str, str, int]] = []

    def translate_batch(self, texts, source, target):
        self.batches.append((source, target, len(texts)))
        return [f"[{target}] {t}" for t in texts]


def test_mixed_batch_makes_one_call_per_language_pair(tmp_path):
    from i18n.engines.pivot import compose
    from i18n.pipeline import translate_articles

    arts = [write(tmp_path / "articles" / "id" / "a.txt", "Satu. Dua.\n"),
            write(tmp_path / "articles" / "ru" / "b.txt", "Один.\n"),
            write(tmp_path / "articles" / "id" / "c.txt", "Dua. Tiga.\n"),
            write(tmp_path / "articles" / "vi" / "d.txt", "Một.\n")]
    engine = Recorder()
    report = translate_articles(arts, None, ["en", "ru"], engine=compose(engine), locales=tmp_path / "loc")
    assert engine.batches == [("id", "en", 3), ("ru", "en", 1), ("vi", "en", 1), ("id", "ru", 3), ("vi", "ru", 1)]
    assert report.source == "id,ru,vi" and report.skipped == {"ru": [str(arts[1])]}
    assert [(lang.lang, lang.route, lang.mt_segments, len(lang.files)) for lang in report.languages] == [
        ("en", "id→en, ru→en, vi→en", 5, 4), ("ru", "id→ru, vi→ru", 4, 3)]
    every = translate_articles(arts, None, None, engine=compose(Recorder()), locales=tmp_path / "loc2")
    assert [lang.lang for lang in every.languages] == ["id", "en", "ru", "vi"] and every.skipped == {}
    assert len(list((tmp_path / "loc2").rglob("*.po"))) == 12  # 4 articles x the 3 other languages


def test_one_story_in_two_languages_needs_a_domain_in_a_mixed_batch(tmp_path):
    from i18n.engines.pivot import compose
    from i18n.errors import InputError
    from i18n.pipeline import translate_articles

    arts = [write(tmp_path / "articles" / "id" / "dup.txt", "Satu.\n"),
            write(tmp_path / "articles" / "ru" / "dup.txt", "Один.\n")]
    with pytest.raises(InputError, match=r"give each source its own PO file with `--domain '\{slug\}.\{source\}'`"):
        translate_articles(arts, None, ["en"], engine=compose(Recorder()), locales=tmp_path / "loc")
    assert not (tmp_path / "loc").exists()
    translate_articles(arts, None, ["en"], engine=compose(Recorder()), locales=tmp_path / "loc",
                       domain="{slug}.{source}")
    assert sorted(p.name for p in (tmp_path / "loc" / "en" / "LC_MESSAGES").iterdir()) == ["dup.id.po", "dup.ru.po"]


def test_glossary_suggest_takes_each_article_in_its_language(tmp_path):
    glossary = write(tmp_path / "g.csv", "concept,type,id,en,ru\nkota,term,kota,city,город\n")
    ida = write(tmp_path / "articles" / "id" / "a.txt", "Joko Widodo tiba di kota.\n")
    rua = write(tmp_path / "articles" / "ru" / "b.txt", "Владимир Путин прибыл в город.\n")
    both = invoke("glossary", "suggest", ida, rua, "--glossary", glossary)
    assert both.exit_code == 0, both.output
    lines = both.stdout.splitlines()
    assert lines[0] == "# id (Indonesian): 1 candidate" and lines[1].startswith("1\tname\tJoko Widodo\t")
    assert lines[3] == "# ru (Russian): 1 candidate" and lines[4].startswith("1\tname\tВладимир Путин\t")
    alone = invoke("glossary", "suggest", ida, "--glossary", glossary)
    assert alone.stdout.splitlines()[0].startswith("1\tname\tJoko Widodo\t")  # one language: no heading


# --- dry run ---


def test_dry_run_prints_a_summary_calls_no_model_and_writes_nothing(tmp_path, argos_dir, one_sentence):
    other = write(tmp_path / "articles" / "id" / "dua.txt", "Pemimpin tiba. Presiden tiba di kota.\n")
    result = invoke(*translate_args(tmp_path, argos_dir, one_sentence, other, to="en,ru"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "en (id→en): 2 files, 3 segments: 3 new, 0 reused, 3 machine, 0 reviewed kept, 0 changed source, "
        "0 obsolete, 0 untranslated, 0 glossary problems; 2 sent to MT, translation memory: 0 exact, 0 fuzzy",
        "ru (id→en→ru): 2 files, 3 segments: 3 new, 0 reused, 3 machine, 0 reviewed kept, 0 changed source, "
        "0 obsolete, 0 untranslated, 0 glossary problems; 2 sent to MT, translation memory: 0 exact, 0 fuzzy",
        "dry run: 4 of 4 files would change; 4 segments would go to MT, translation memory: 0 exact, 0 fuzzy; "
        "no file was written, no model called (glossary problems are known after MT)",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]  # no PO file, cache or memory
    verbose = invoke(*translate_args(tmp_path, argos_dir, one_sentence, to="en"), "--dry-run", "--verbose")
    assert verbose.stdout.splitlines()[:2] == [
        f"{tmp_path / 'locales' / 'en' / 'LC_MESSAGES' / 'satu.po'}: would change",
        "  new, machine suggestion: Presiden tiba di kota."]


def test_dry_run_sends_nothing_to_the_engine_and_keeps_machine_entries_unchanged(tmp_path):
    from i18n.engines.pivot import compose
    from i18n.pipeline import translate_articles

    art = write(tmp_path / "articles" / "id" / "a.txt", "Satu. Dua.\n")
    translate_articles([art], None, ["en"], engine=compose(Recorder()), locales=tmp_path / "loc")
    write(art, "Satu. Dua. Tiga.\n")
    engine = Recorder()
    report = translate_articles([art], None, ["en"], engine=compose(engine), locales=tmp_path / "loc", dry_run=True)
    assert engine.batches == []
    en = report.languages[0]
    assert en.mt_segments == 3  # the machine entries would be sent again, to be refreshed if the model changed
    changes = [(c.msgid, c.before, c.after, c.machine) for c in en.files[0].changes]
    assert changes == [("Tiga.", "absent", "machine", True)]  # only the new sentence would change
    assert "Tiga." not in (tmp_path / "loc" / "en" / "LC_MESSAGES" / "a.po").read_text("utf-8")


def test_dry_run_counts_memory_hits_from_a_copy_of_the_memory(tmp_path):
    from i18n.catalog.memory import TranslationMemory

    path = tmp_path / "memory.sqlite"
    with TranslationMemory(path) as tm:
        tm.update_from([])
    before = path.read_bytes()
    po = write(tmp_path / "loc" / "en" / "LC_MESSAGES" / "x.po",
               'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: id\\n"\n'
               '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Satu."\nmsgstr "One."\n')
    with TranslationMemory(path, copy=True) as copy:
        copy.update_from([po.parent])
        assert copy.lookup(["Satu."], "id", "en")["Satu."].exact
    assert path.read_bytes() == before
    with TranslationMemory(tmp_path / "none.sqlite", copy=True) as empty:
        assert len(empty) == 0
    assert not (tmp_path / "none.sqlite").exists()


def test_apply_takes_the_article_from_x_source_file(tmp_path, one_sentence):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'n'\n")
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    body = '\nmsgid "Presiden tiba di kota."\nmsgstr "The President arrived in the city."\n'
    po = write(tmp_path / "loc" / "en.po", head + '"X-Source-File: articles/id/satu.txt\\n"\n' + body)
    result = invoke("apply", po)
    assert result.exit_code == 0, result.output
    assert result.stdout == "The President arrived in the city.\n"
    bare = write(tmp_path / "loc" / "bare.po", head + body)
    assert invoke("apply", bare).stderr == (
        f"error: {bare}: has no X-Source-File header naming its article: give the article with --source\n")
    gone = write(tmp_path / "loc" / "gone.po", head + '"X-Source-File: articles/id/nope.txt\\n"\n' + body)
    assert invoke("apply", gone).stderr == (
        f"error: {gone}: its X-Source-File articles/id/nope.txt does not exist: give the article with --source\n")
