"""The `i18n` command line: each command builds a library object and calls one method.

This is the only module that imports click. Library errors (I18nError) become one-line
messages with exit code 1; usage errors exit 2 (click's convention). `--debug` shows the
traceback instead.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from i18n.errors import I18nError
from i18n.langs import SUPPORTED, normalize_lang

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class I18nGroup(click.Group):
    """A group that turns library errors into clean one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except I18nError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(getattr(exc, "exit_code", 1))


def lang_option(*names: str, help: str, required: bool = False, default: str | None = None):
    """A language-code option, normalised (`ID`, `ind`, `id_ID` -> `id`)."""

    def convert(ctx, param, value):
        if value is None:
            return None
        try:
            return normalize_lang(value)
        except I18nError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option(
        *names, required=required, default=default, callback=convert, metavar="LANG", help=help
    )


def lang_from_path(path: Path) -> str | None:
    """`articles/id/x.txt` -> `id`: the folder name when it is a supported code."""
    for part in reversed(path.parent.parts):
        if part in SUPPORTED:
            return part
    return None


def need_lang(lang: str | None, path: Path, option: str = "--lang") -> str:
    found = lang or lang_from_path(path)
    if found is None:
        raise click.UsageError(
            f"cannot tell the language of {path}: give {option} "
            f"(one of {', '.join(SUPPORTED)}) or keep articles under articles/<lang>/"
        )
    return found


@click.group(cls=I18nGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="i18n-newsroom", prog_name="i18n")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn news articles into reviewed translations.

    Articles (plain text, one paragraph a line) are split into sentences, machine-translated
    offline with Argos Translate models, checked against the newsroom glossary and written as
    gettext PO files under locales/<lang>/LC_MESSAGES/ for translators to review.

    Languages: id (Indonesian), en (English), ru (Russian), vi (Vietnamese).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@lang_option("--lang", "-l", help="Language of the article. Default: the folder name (articles/<lang>/).")
@click.option("--json", "as_json", is_flag=True, help="Print segments as JSON with ids and positions.")
def segment(article: Path, lang: str | None, as_json: bool) -> None:
    """Split ARTICLE into sentences.

    Prints one sentence per line, a blank line between paragraphs. Lines that are scrape
    noise ([iklan_2], a bare "Sumber", "Komentar (0)") are set aside and reported on stderr.

    \b
    Example:
      i18n segment articles/id/putin-kim-vostochny.txt --lang id
      i18n segment articles/id/putin-kim-vostochny.txt --json
    """
    from i18n.article import read_article
    from i18n.segment import segment_article

    art = read_article(article, need_lang(lang, article))
    segments = segment_article(art)
    if as_json:
        payload = {
            "article": art.path.as_posix(),
            "lang": art.lang,
            "segments": [s.to_dict() for s in segments],
            "set_aside": [{"line": s.line, "text": s.text} for s in art.set_aside],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        last = None
        for seg in segments:
            if last is not None and seg.paragraph != last:
                click.echo("")
            click.echo(seg.text)
            last = seg.paragraph
    for line in art.set_aside:
        click.echo(f"{art.path}:{line.line}: set aside as boilerplate: {line.text}", err=True)


# --- glossary commands: i18n glossary lint|list|export-tbx|import-tbx|suggest ---


# --- model commands: i18n models list|install ---


# --- catalog commands: i18n translate|extract|apply|compile|stats ---


# --- QA commands: i18n check ---


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
