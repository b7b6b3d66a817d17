"""The `i18n` command line, the only module that imports click: each command parses its options,
calls one library function and prints its result. Library errors (I18nError) become one line
and exit 1, usage errors one line and exit 2; `--debug` shows the traceback instead.
"""
from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import click

from i18n.config import FAIL_ON
from i18n.config import FORMATS as REPORT_FORMATS
from i18n.errors import I18nError, UsageError
from i18n.langs import normalize_lang

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class I18nCommand(click.Command):
    """A command that leaves its name for the error message (`see `i18n x --help``)."""

    def invoke(self, ctx: click.Context):
        ctx.meta["i18n.command"] = ctx.command_path  # meta is shared by every nested context
        return super().invoke(ctx)


class I18nSubgroup(click.Group):
    command_class = I18nCommand


class I18nGroup(click.Group):
    """A group that turns library errors into clean one-line messages."""

    command_class = I18nCommand
    group_class = I18nSubgroup
    # `check` is a CI gate: bad input (glossary, PO file, configuration) exits 2, findings 1.
    input_error_exit = {"check": 2}

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            # One line, like every other error, instead of click's three-line usage block.
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            click.echo(f"error: {exc.format_message()} (see `{where} --help`)", err=True)
            ctx.exit(exc.exit_code)
        except I18nError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f" (see `{ctx.meta.get('i18n.command', ctx.command_path)} --help`)"
            click.echo(f"error: {exc}{where if isinstance(exc, UsageError) else ''}", err=True)
            ctx.exit(self.input_error_exit.get(ctx.invoked_subcommand or "", getattr(exc, "exit_code", 1)))


def checked(check, param_hint: str | None = None):
    """A click callback running a library check on an option's value: its error (an
    I18nError) is that option's usage error, exit 2."""

    def callback(ctx, param, value):
        try:
            return None if value is None else check(value)
        except I18nError as exc:
            raise click.BadParameter(str(exc), param_hint=param_hint) from None

    return callback


def lang_option(*names: str, help: str):
    """A language-code option, normalised (`ID`, `ind`, `id_ID` -> `id`)."""
    return click.option(*names, callback=checked(normalize_lang), metavar="LANG", help=help)


def quiet_option(func):
    """-q/--quiet: no progress, notes or summary lines; errors, findings and the output asked for stay."""
    return click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=lambda ctx, _, value: ctx.meta.update(quiet=value),
        help="Print no progress, notes or summary (errors and the requested output only).",
    )(func)


def say(message: str, *, err: bool = False) -> None:
    """Print a progress, note or summary line, unless --quiet."""
    if not click.get_current_context().meta.get("quiet"):
        click.echo(message, err=err)


def finish(ctx: click.Context, outcome) -> None:
    """Print a CheckOutcome (`check`, `report`): its output, its messages on stderr; exit with its status."""
    click.echo(outcome.output, nl=False)
    for line in outcome.messages:
        click.echo(line, err=True)
    ctx.exit(outcome.exit_code)


class Bars:
    """Progress bars on stderr, one per name: only on a terminal, and not with --quiet."""

    def __init__(self) -> None:
        self.show = sys.stderr.isatty() and not click.get_current_context().meta.get("quiet")
        self.bars: dict[str, list[Any]] = {}  # name -> [click's ProgressBar (not exported), steps done]

    def update(self, name: str, done: int, total: int | None, label: str | None = None) -> None:
        if not self.show:
            return
        if name not in self.bars:
            self.bars[name] = [click.progressbar(length=total or 0, label=name, file=sys.stderr).__enter__(), 0]
        bar, before = self.bars[name]
        bar.label = label or bar.label
        bar.update(done - before)
        self.bars[name][1] = done

    def steps(self, name: str, total: int):
        """A `progress(label)` callback: each call is one step of `total` on the bar `name`."""
        count = itertools.count(1)
        return lambda label: self.update(name, next(count), total, label)

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, *exc) -> None:
        for bar, _ in self.bars.values():
            bar.__exit__(None, None, None)


def project_data() -> Path | None:
    """The project's language-data folder, `[tool.i18n] data` (None when not set)."""
    from i18n.config import project_data as find

    return find(Path.cwd())


@click.group(cls=I18nGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="i18n-newsroom", prog_name="i18n")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn news articles into reviewed translations.

    Articles (plain text, one paragraph a line; HTML; Markdown) are split into sentences,
    machine-translated offline (Argos Translate models, any CTranslate2 model or a plugin
    engine), checked against the newsroom glossary and written as gettext PO files under
    locales/<lang>/LC_MESSAGES/ for translators to review; `i18n check` is the CI gate.

    Languages: id (Indonesian), en (English), ru (Russian), vi (Vietnamese).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@lang_option("--lang", "-l", help="Language of the article. Default: the folder name (articles/<lang>/).")
@click.option("--json", "as_json", is_flag=True, help="Print segments as JSON with ids and positions.")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "markdown", "ninjs"]), default=None,
              help="Article format. Default: by extension (.html/.htm, .md, .json ninjs, else text).")
@quiet_option
def segment(article: Path, lang: str | None, as_json: bool, fmt: str | None) -> None:
    """Split ARTICLE into sentences.

    Prints one sentence per line, a blank line between paragraphs. Lines that are scrape
    noise ([iklan_2], a bare "Sumber", "Komentar (0)") are set aside and reported on stderr.

    \b
    Example:
      i18n segment articles/id/putin-kim-vostochny.txt --lang id
      i18n segment articles/id/putin-kim-vostochny.txt --json
      i18n segment articles/id/putin-kim.html     # <1>…</1>: inline markup
    """
    from i18n.article import read_article
    from i18n.langs import article_lang
    from i18n.segment import format_segments, segment_article, segments_payload

    art = read_article(article, article_lang(lang, article), data=project_data(), fmt=fmt)
    segments = segment_article(art)
    if as_json:
        click.echo(json.dumps(segments_payload(art, segments), ensure_ascii=False, indent=2))
    else:
        click.echo(format_segments(segments), nl=False)
    for line in art.set_aside:
        say(f"{art.path}:{line.line}: set aside as boilerplate: {line.text}", err=True)


# --- glossary commands: i18n glossary lint|list|export-tbx|import-tbx|suggest ---


def glossary_dir_option(func):
    """--glossary DIR: the glossary folder or CSV file (default: glossary/)."""
    return click.option(
        "--glossary", "glossary_path", default="glossary", show_default=True,
        type=click.Path(path_type=Path), help="Glossary folder (all *.csv) or one CSV file.",
    )(func)


@main.group("glossary")
def glossary_group() -> None:
    """Check, list and exchange the glossary (glossary/*.csv).

    \b
    Example:
      i18n glossary lint
      i18n glossary list --lang ru
    """


@glossary_group.command("lint")
@click.argument("path", default="glossary", type=click.Path(path_type=Path))
@click.pass_context
@quiet_option
def glossary_lint(ctx: click.Context, path: Path) -> None:
    """Check a glossary folder or CSV file; print every problem as path:line:col: message.

    Exits 1 when there is any problem (for CI), 0 when the glossary is clean.

    \b
    Example:
      i18n glossary lint
      i18n glossary lint glossary/names.csv
    """
    from i18n.counts import counted
    from i18n.glossary.csvfile import read_terms

    terms, problems = read_terms(path)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        say(f"{counted(len(problems), 'problem')} in {path}", err=True)
        ctx.exit(1)
    say(f"{path}: {counted(len(terms), 'concept')}, no problems")


@glossary_group.command("list")
@lang_option("--lang", "-l", help="Show only the forms in this language.")
@glossary_dir_option
def glossary_list(lang: str | None, glossary_path: Path) -> None:
    """List the glossary: concept, type and forms (variants separated by |), tab-separated.

    \b
    Example:
      i18n glossary list
      i18n glossary list --lang vi
    """
    from i18n.glossary.model import format_terms, load_glossary

    click.echo(format_terms(load_glossary(glossary_path), lang), nl=False)


@glossary_group.command("export-tbx")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="TBX file to write. Default: standard output.")
@glossary_dir_option
@quiet_option
def glossary_export_tbx(output: Path | None, glossary_path: Path) -> None:
    """Export the glossary as TBX-Basic (for Weblate, translate-toolkit, OmegaT).

    \b
    Example:
      i18n glossary export-tbx -o newsroom.tbx
    """
    from i18n.counts import counted
    from i18n.glossary.model import load_glossary
    from i18n.glossary.tbx import render_tbx, write_tbx

    terms = load_glossary(glossary_path).terms
    if output is None:
        click.echo(render_tbx(terms).decode("utf-8"), nl=False)
    else:
        write_tbx(terms, output)
        say(f"wrote {counted(len(terms), 'concept')} to {output}", err=True)


@glossary_group.command("import-tbx")
@click.argument("tbx_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Glossary CSV file to write (e.g. glossary/imported.csv).")
@click.pass_context
@quiet_option
def glossary_import_tbx(ctx: click.Context, tbx_file: Path, output: Path) -> None:
    """Convert a TBX file (TBX-Basic, Weblate export, TBX v3) into a glossary CSV, then lint it.

    Languages other than id, en, ru, vi are skipped and named on stderr.

    \b
    Example:
      i18n glossary import-tbx weblate-glossary.tbx -o glossary/weblate.csv
    """
    from i18n.counts import counted
    from i18n.glossary.tbx import import_tbx

    terms, skipped, problems = import_tbx(tbx_file, output)
    say(f"wrote {counted(len(terms), 'concept')} to {output}", err=True)
    if skipped:
        say(f"skipped languages: {', '.join(skipped)}", err=True)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        ctx.exit(1)


@glossary_group.command("suggest")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@lang_option("--lang", "-l", help="Language of all the articles. Default: each one's folder name "
                                    "(articles/<lang>/).")
@click.option("--min-count", default=2, show_default=True, type=click.IntRange(min=1),
              help="Show lower-case terms seen at least this many times.")
@glossary_dir_option
def glossary_suggest(articles: tuple[Path, ...], lang: str | None, min_count: int, glossary_path: Path) -> None:
    """Suggest names and recurring terms in ARTICLES that the glossary does not cover yet.

    Prints count, kind, the candidate and where it first occurs, then that sentence. Articles
    in several languages (by folder name) are taken per language, each under a `# LANG` line.

    \b
    Example:
      i18n glossary suggest articles/id/*.txt --lang id
      i18n glossary suggest articles/id/*.txt articles/ru/*.txt
    """
    from i18n.glossary.candidates import format_suggestions, suggest_in_articles
    from i18n.glossary.model import load_glossary

    found = suggest_in_articles(articles, lang, load_glossary(glossary_path), min_term_count=min_count,
                                data=project_data())
    click.echo(format_suggestions(found), nl=False)


# --- model commands: i18n models list|install ---

packages_dir_option = click.option(
    "--packages-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Argos packages folder. Default: ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages.",
)


@main.group("models")
def models_group() -> None:
    """Offline translation models (Argos Translate packages).

    Pairs without a direct model are translated through English (id→ru = id→en→ru).
    """
    from i18n.engines.requires import require_mt

    require_mt("models")


@models_group.command("list")
@packages_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print installed packages and pairs as JSON.")
def models_list(packages_dir: Path | None, as_json: bool) -> None:
    """Show installed packages and which of the 12 pairs are reachable.

    \b
    Example:
      i18n models list
      i18n models list --json
    """
    from i18n.engines.listing import format_models, models_payload
    from i18n.engines.packages import list_installed, reachability

    installed = list_installed(packages_dir)
    routes = reachability(installed)
    if as_json:
        click.echo(json.dumps(models_payload(installed, routes), ensure_ascii=False, indent=2))
    else:
        click.echo(format_models(installed, routes), nl=False)


@main.command("engines")
@click.option("--json", "as_json", is_flag=True, help="Print the engines as JSON.")
def engines_command(as_json: bool) -> None:
    """List the engines that --engine can name.

    Built-in ones and plugins' entry points.
    \b
    Example:
      i18n engines
      i18n translate articles/id/*.txt --to en --engine ctranslate2 --model id-en=models/opus-mt-id-en
    """
    from i18n.config import engine_config
    from i18n.engines.listing import engines_payload, format_engines
    from i18n.engines.registry import DEFAULT_ENGINE, registered_engines

    default = engine_config(Path.cwd()).engine or DEFAULT_ENGINE
    if as_json:
        click.echo(json.dumps(engines_payload(registered_engines(), default), indent=2))
    else:
        click.echo(format_engines(registered_engines(), default), nl=False)


@models_group.command("install")
@click.argument("items", nargs=-1, required=True, metavar="FILE_OR_PAIR...")
@packages_dir_option
@quiet_option
def models_install(items: tuple[str, ...], packages_dir: Path | None) -> None:
    """Install package files (offline) or download pairs from the Argos index.

    Every file is checked before anything is extracted: an archive with members outside
    its folder (`../`, absolute paths, links) is refused.

    \b
    Example:
      i18n models install translate-id_en-1_9.argosmodel
      i18n models install id-en en-ru en-vi
    """
    from i18n.engines.packages import install

    with Bars() as bars:
        done, pairs = install(items, packages_dir=packages_dir,
                              progress=lambda name, n, total: bars.update(f"downloading {name}", n, total))
    for m in done:
        say(f"installed {m.pair} {m.version} in {m.path}")
    if pairs and not done:
        say(f"already installed: {' '.join(pairs)}")


# --- catalog commands: i18n translate|extract|apply|compile|stats ---


def locales_option(func):
    """--locales: the gettext tree (locales/<lang>/LC_MESSAGES/<slug>.po)."""
    return click.option(
        "--locales",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("locales"),
        show_default=True,
        help="Folder of the PO files: <locales>/<lang>/LC_MESSAGES/<slug>.po.",
    )(func)


def _domain_template(value: str) -> str:
    from i18n.catalog.layout import check_domain_template

    return check_domain_template(value)


def _target_langs(value: str) -> list[str] | None:
    from i18n.langs import parse_targets

    return parse_targets(value)


def memory_options(func):
    """--memory, --no-memory, --tm-threshold, --tm-exact: the translation memory of `translate`."""
    func = click.option("--tm-exact", type=click.Choice(["fuzzy", "reviewed"]), default="fuzzy", show_default=True,
                        help="How an exact memory hit is filled: fuzzy (to review) or reviewed.")(func)
    func = click.option("--tm-threshold", type=click.FloatRange(1, 100), default=75.0, show_default=True,
                        help="Lowest similarity (%) of a fuzzy memory hit.")(func)
    func = click.option("--no-memory", is_flag=True, help="Do not use the translation memory.")(func)
    return memory_path_option(func)


def engine_options(func):
    """--engine, --model, --device, --threads, --beam-size, --compute-type (README: "Models and the engine")."""
    for option in reversed([
        click.option("--engine", default=None, metavar="NAME",
                     help="Engine: a name from `i18n engines` or package.module:attr. "
                          "Default: [tool.i18n] engine, else argos (ctranslate2 with --model)."),
        click.option("--model", "models", multiple=True, metavar="PAIR=DIR",
                     help="A CTranslate2 model folder for a pair (ctranslate2 engine), repeatable: --model id-en=DIR."),
        click.option("--device", type=click.Choice(["cpu", "cuda", "auto"]), default="cpu", show_default=True,
                     help="Where the model runs; auto takes a GPU when CTranslate2 sees one."),
        click.option("--threads", type=click.IntRange(1), default=2, show_default=True,
                     help="CPU: batches decoded in parallel, one thread each (measured best on 2 cores)."),
        click.option("--beam-size", type=click.IntRange(1), default=4, show_default=True,
                     help="Beam width (1: greedy, fastest)."),
        click.option("--compute-type", default="auto", show_default=True,
                     type=click.Choice(["auto", "int8", "int8_float32", "int8_float16", "int16", "float16",
                                        "bfloat16", "float32"]),
                     help="CTranslate2 weights and arithmetic; auto: int8 on CPU, the fastest the GPU has."),
    ]):
        func = option(func)
    return func


def executor_options(func):
    """--executor, --address, --workers: where the model runs (README: "Past one machine: Ray")."""
    for option in reversed([
        click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
                     help="Where the model runs: in this process, or on Ray workers (the [ray] extra); "
                          "reading, glossary, cache, memory and the PO writes stay here either way."),
        click.option("--address", default=None, metavar="ADDR",
                     help="Ray cluster to join (host:6379, or auto for one `ray start --head` started here). "
                          "Default: a Ray instance started on this machine for the job."),
        click.option("--workers", type=click.IntRange(1), default=None,
                     help="Ray workers, each with one model per language pair and --threads CPUs (or one GPU). "
                          "Default: as many as the cluster holds."),
    ]):
        func = option(func)
    return func


def memory_path_option(func):
    """--memory: the translation memory file."""
    return click.option("--memory", "memory_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        help="Translation memory (SQLite). Default: memory.sqlite beside the cache.")(func)


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@lang_option("--from", "source", help="Language of all the articles. Default: each one's folder name "
                                       "(articles/<lang>/), so one run may mix languages.")
@click.option("--to", "targets", required=True, metavar="LANGS", callback=checked(_target_langs, "--to"),
              help="Target languages, comma-separated (en,ru,vi), or `all`: every language but the "
                   "article's own. An article is never translated into its own language.")
@click.option("--glossary", type=click.Path(path_type=Path), default=None,
              help="Glossary folder or CSV file. Default: glossary/ when it exists.")
@click.option("--no-glossary", is_flag=True, help="Translate without the glossary.")
@locales_option
@click.option("--cache", "cache_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Translation cache (SQLite). Default: the user cache folder.")
@memory_options
@packages_dir_option
@engine_options
@executor_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--dry-run", is_flag=True, help="Say what would change and how many segments would go to MT; "
              "call no model, write no file (PO, cache or memory).")
@click.option("-v", "--verbose", is_flag=True, help="List what happens to each entry, under its PO file.")
@click.option("--domain", default="{slug}", show_default=True, callback=checked(_domain_template),
              help="PO file name: {slug} is the article's file name, {source} its language; "
                   "'{slug}.{source}' keeps one file per source when two articles share a name.")
@quiet_option
def translate(articles: tuple[Path, ...], source: str | None, targets: list[str] | None, glossary: Path | None,
              no_glossary: bool, locales: Path, cache_path: Path | None, packages_dir: Path | None,
              as_json: bool, dry_run: bool, verbose: bool, domain: str, **tm) -> None:
    """Machine-translate ARTICLES into PO files for review.

    The editors' batch job.
    Every article into every target language but its own, one batched MT call per language
    pair, glossary names protected and every term checked; merged into
    locales/<lang>/LC_MESSAGES/<slug>.po as fuzzy suggestions, reviewed entries never changed.
    Files are written atomically and translations cached, so an interrupted run loses nothing
    and the next one continues. The translation memory of reviewed work comes first: an
    exact hit makes no model call.

    \b
    Example:
      i18n translate articles/id/*.txt --from id --to en,ru,vi --glossary glossary/
      i18n translate articles/id/*.txt articles/ru/*.txt --to all
      i18n translate articles/id/putin-kim-vostochny.txt --to ru --dry-run [--verbose]
      i18n translate articles/id/*.txt --to ru --tm-threshold 85 --tm-exact reviewed
      i18n translate archive/id/*.txt --to en,ru,vi --executor ray --address auto
    """
    from i18n.engines.requires import require_mt

    require_mt("translate")
    from i18n.batch import count_steps, translate_batch

    with Bars() as bars:
        report = translate_batch(
            articles, source, targets, glossary=glossary, no_glossary=no_glossary, locales=locales,
            cache_path=cache_path, packages_dir=packages_dir, dry_run=dry_run,
            progress=bars.steps("translating", count_steps(articles, source, targets)),
            domain=domain, data=project_data(), **tm,
        )
    for note in report.notes():
        say(note, err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        say(report.format_text(verbose=verbose).rstrip("\n"))


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@lang_option("--from", "source", help="Language of the articles. Default: the folder name (articles/<lang>/).")
@locales_option
@quiet_option
def extract(articles: tuple[Path, ...], source: str | None, locales: Path) -> None:
    """Write POT templates of ARTICLES (no translation).

    Every sentence of each article.
    One template per article, locales/templates/<slug>.pot; a file whose sentences did not
    change is left untouched.

    \b
    Example:
      i18n extract articles/id/putin-kim-vostochny.txt --from id
    """
    from i18n.counts import counted
    from i18n.pipeline import extract_templates

    for out, sentences, written in extract_templates(articles, source, locales, data=project_data()):
        say(f"{out}: {counted(sentences, 'sentence')}{'' if written else ' (unchanged)'}")


@main.command("apply")
@click.argument("po", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--source", "article", type=click.Path(path_type=Path, dir_okay=False),
              help="The source article the PO file translates. Default: its X-Source-File header.")
@lang_option("--from", "source_lang",
             help="Language of the article. Default: the PO file's X-Source-Language, then the folder name.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the translation to this file (atomically). Default: standard output.")
@click.option("--include-fuzzy", is_flag=True,
              help="Use machine suggestions and unreviewed entries too, not only reviewed ones.")
@quiet_option
def apply_command(po: Path, article: Path | None, source_lang: str | None, output: Path | None,
                  include_fuzzy: bool) -> None:
    """Write the translated article from a PO file and its source.

    The translation has the source's format: the paragraphs of a text article, the structure,
    attributes and inline markup of an HTML page, a Markdown file or a ninjs item. By default
    only reviewed entries are used; a sentence without a reviewed translation
    keeps its source text and is counted. Lines set aside as boilerplate ([iklan_2],
    "Komentar (0)") are not part of the article and are left out. Counts go to stderr.

    \b
    Example:
      i18n apply locales/ru/LC_MESSAGES/putin-kim-vostochny.po \\
          --source articles/id/putin-kim-vostochny.txt -o putin-kim.ru.txt
    """
    from i18n.catalog.apply import apply_po
    from i18n.fileio import write_text_atomic

    text, counts = apply_po(po, article, lang=source_lang, include_fuzzy=include_fuzzy, data=project_data())
    for warning in counts.warnings:
        click.echo(warning, err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
    say(counts.summary(po, output, include_fuzzy), err=True)


@main.command("compile")
@click.argument("locales", nargs=-1, type=click.Path(path_type=Path))
@quiet_option
def compile_command(locales: tuple[Path, ...]) -> None:
    """Compile PO files to .mo (reviewed entries only, like msgfmt).

    LOCALES are PO files or folders searched recursively; default: locales/. Each .mo is
    written next to its PO file.

    \b
    Example:
      i18n compile
      i18n compile locales/ru
    """
    from i18n.catalog.stats import compile_catalogs

    for mo in compile_catalogs(locales):
        say(str(mo))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(paths: tuple[Path, ...], as_json: bool) -> None:
    """Review progress of PO files, per file and language.

    Counts reviewed, fuzzy, untranslated and obsolete entries.
    PATHS are PO files or folders searched recursively; default: locales/.

    \b
    Example:
      i18n stats
      i18n stats locales/ru --json
    """
    from i18n.catalog.stats import collect_stats, format_stats, stats_payload

    rows = collect_stats(paths)
    if as_json:
        click.echo(json.dumps(stats_payload(rows), ensure_ascii=False, indent=2))
        return
    click.echo(format_stats(rows), nl=False)


# --- translation memory commands: i18n tm export|import|stats ---


def tm_options(func):
    """--memory and --cache: which memory file (by default memory.sqlite beside the cache)."""
    func = click.option("--cache", "cache_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        help="The translation cache `translate` uses; the memory is memory.sqlite beside it. "
                             "Default: the user cache folder.")(func)
    return memory_path_option(func)


@main.group("tm")
def tm_group() -> None:
    """The translation memory of reviewed work; TMX exchange.

    Reviewed PO entries and imported TMX units, used by `translate`.
    It lives in memory.sqlite beside the translation cache (--memory picks another file) and
    can be rebuilt from the PO files at any time (imported TMX files then need importing
    again). TMX 1.4b is how OmegaT, Trados, Weblate and translate-toolkit exchange memories.

    \b
    Example:
      i18n tm export -o newsroom.tmx --lang ru
      i18n tm import omegat/project_save.tmx
      i18n tm stats
    """


@tm_group.command("export")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="TMX file to write (atomically).")
@lang_option("--lang", "-l", help="Only translations into this language. Default: every language.")
@locales_option
@tm_options
@quiet_option
def tm_export(output: Path, lang: str | None, locales: Path, memory_path: Path | None, cache_path: Path | None) -> None:
    """Write the memory as a TMX 1.4b file, after bringing it up to date from --locales.

    One <tu> per distinct translation of a sentence (a sentence reviewed alike in several
    articles is one unit, with an x-origin prop for each PO file); conflicting translations
    are separate units. The summary goes to stderr.

    \b
    Example:
      i18n tm export -o newsroom.tmx
      i18n tm export -o newsroom.ru.tmx --lang ru
    """
    from i18n.catalog.exchange import export_tmx, open_memory

    with open_memory(memory_path, cache_path) as tm:
        tm.update_from([locales])
        report = export_tmx(tm, output, target=lang)
    say(report.summary(), err=True)


@tm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@tm_options
@quiet_option
def tm_import(files: tuple[Path, ...], memory_path: Path | None, cache_path: Path | None) -> None:
    """Import TMX FILES into the memory; `translate` then uses their units.

    Each unit keeps its origin (the TMX file, the line of its <tu>, its tuid) and its date
    (changedate, else creationdate); importing a file again replaces what it gave before.
    Language codes such as id-ID, ru_RU or EN are read as id, ru, en; units in other languages
    are skipped and counted. Every file is read before anything is stored, so a malformed
    one (reported with its line) leaves the memory as it was.

    \b
    Example:
      i18n tm import omegat/project_save.tmx
      i18n tm import weblate-ru.tmx po2tmx-en.tmx --memory newsroom-tm.sqlite
    """
    from i18n.catalog.exchange import import_tmx_files

    for result in import_tmx_files(files, memory_path, cache_path):
        say(result.summary(), err=True)


@tm_group.command("stats")
@locales_option
@tm_options
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def tm_stats(locales: Path, memory_path: Path | None, cache_path: Path | None, as_json: bool) -> None:
    """Units per language pair and where they come from, after an update from --locales.

    \b
    Example:
      i18n tm stats
      i18n tm stats --json
    """
    from i18n.catalog.exchange import format_memory_stats, memory_stats, open_memory

    with open_memory(memory_path, cache_path) as tm:
        tm.update_from([locales])
        stats = memory_stats(tm)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        click.echo(format_memory_stats(stats), nl=False)


# --- QA commands: i18n check ---


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--glossary", "glossary_dir", type=click.Path(path_type=Path), default=None,
              help="Glossary folder (or CSV file) to check terms against. Default: [tool.i18n] glossary, "
                   "else glossary/ when it exists.")
@click.option("--no-glossary", is_flag=True, help="Run no glossary check, even when glossary/ exists.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default=None,
              help="Output: text (default), json, or github (workflow annotations).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at least this severe. Default: error.")
@click.option("--select", multiple=True, metavar="IDS",
              help="Run only these checks (comma-separated ids; `glossary` means every glossary-* check).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these checks (comma-separated ids).")
@click.option("--isolated", is_flag=True, help="Ignore [tool.i18n] settings in pyproject.toml.")
@click.option("--list-checks", is_flag=True, help="List the checks (id, severity, title) and exit.")
@click.pass_context
@quiet_option
def check(ctx: click.Context, paths, glossary_dir, no_glossary, fmt, fail_on, select, ignore, isolated,
          list_checks) -> None:
    """Check PO files for CI: glossary, QA, PO validity.

    The checks: glossary terms, numbers, quotes, placeholders, markup, PO validity.
    PATHS are PO files or folders searched for *.po (default: [tool.i18n] paths, else
    locales/). Defaults for every option come from [tool.i18n] in the nearest
    pyproject.toml. A finding on a reviewed entry is an error, on a fuzzy entry a warning;
    an untranslated entry is info. Silence a check for one entry with a translator comment
    `# i18n-ignore: check-id`.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors (bad
    glossary, unreadable PO file, bad configuration).

    \b
    Example:
      i18n check locales/ --glossary glossary/
      i18n check locales/ru --format github --fail-on warning
      i18n check --select numbers,glossary --format json > findings.json
    """
    from i18n.checks.project import check_outcome, check_project
    from i18n.checks.registry import format_checks
    from i18n.config import check_settings

    if list_checks:
        click.echo(format_checks(), nl=False)
        return
    settings = check_settings(
        Path.cwd(), paths=paths, glossary=glossary_dir, no_glossary=no_glossary, fmt=fmt, fail_on=fail_on,
        select=select, ignore=ignore, isolated=isolated,
    )
    report = check_project(settings)  # library errors exit 2 here (I18nGroup.input_error_exit)
    finish(ctx, check_outcome(report, settings, quiet=ctx.meta.get("quiet", False)))


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=Path("report.html"),
              show_default=True, help="The HTML page to write.")
@click.option("--glossary", "glossary_dir", type=click.Path(path_type=Path), default=None,
              help="Glossary folder (or CSV file), as for `i18n check`. Default: [tool.i18n] glossary, else glossary/.")
@click.option("--no-glossary", is_flag=True, help="Run no glossary check, even when glossary/ exists.")
@click.pass_context
@quiet_option
def report(ctx: click.Context, paths, output: Path, glossary_dir, no_glossary) -> None:
    """Write an HTML page of what to review first.

    One self-contained page (nothing loaded from the network; readable with JavaScript off):
    review progress per language and article as `i18n stats` counts it, then the segments
    that need a human first (degenerate output, glossary problems, low confidence, changed
    sources, the findings of `i18n check`), each with its source, suggestion, English pivot
    and `file:line`, sortable and filterable by kind and language. PATHS, the glossary and
    the checks are those of `i18n check` (default: [tool.i18n] paths, else locales/).
    Exit status: 0 written, 2 when a PO file could not be read (the page names it).

    \b
    Example:
      i18n report -o report.html
      i18n report locales/ru -o ru.html --no-glossary
    """
    from i18n.checks.html import review_outcome, write_review
    from i18n.config import check_settings

    settings = check_settings(Path.cwd(), paths=paths, glossary=glossary_dir, no_glossary=no_glossary)
    finish(ctx, review_outcome(write_review(settings, output), output, quiet=ctx.meta.get("quiet", False)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
