"""The editors' batch job: articles -> segments -> one MT batch per language pair -> catalogs.

Every article is read and segmented first (a bad article stops the job before anything is
written). Then, per target language, the segments still needing a machine suggestion are
collected across all articles (reviewed, draft and changed entries are skipped, duplicates
sent once) and translated in ONE `translate_segments` call. Each catalog is merged and written
atomically only when its content is complete, so an interrupted run leaves every PO file
either as it was or complete; the engine's translation cache lets the next run continue.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from .article import read_article
from .catalog.layout import (
    DEFAULT_DOMAIN,
    catalog_path,
    check_domain_template,
    check_owner,
    check_slugs,
    domain_name,
    template_path,
)
from .catalog.merge import (
    PROJECT,
    MergeResult,
    Suggestion,
    extract_template,
    merge_catalog,
    pending_texts,
)
from .catalog.po import read_po, refuse_duplicates, write_po
from .engines.base import Translation, Translator
from .errors import POFileError
from .langs import article_lang, normalize_lang
from .model import Article, Segment
from .segment import segment_article
from .summary import FileReport, LanguageReport, TranslateReport

__all__ = ["translate_articles", "suggestion_from", "update_catalog", "extract_templates"]

Progress = Callable[[str], None]  # called once per step with a short label


def suggestion_from(result: Translation) -> Suggestion | None:
    """A PO suggestion from an engine's `Translation`: text, model and the reviewer's notes."""
    if not result.text:
        return None  # MT failed for this segment: it stays untranslated
    return Suggestion(text=result.text, model=result.model, notes=result.comments())


def translate_articles(
    articles: Sequence[Path | str],
    source: str,
    targets: Sequence[str],
    *,
    engine: Translator,
    locales: Path | str = "locales",
    glossary=None,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
    project: str = PROJECT,
    domain: str = DEFAULT_DOMAIN,
    data: Path | None = None,
    memory=None,
    tm_threshold: float = 75.0,
    tm_exact: str = "fuzzy",
) -> TranslateReport:
    """Translate every article into every target; one engine batch per language pair.

    Each (article, target) has its PO file `<locales>/<target>/LC_MESSAGES/<domain>.po`, the
    domain template (`{slug}` by default, `{slug}.{source}` for one file per source language)
    filled in for the article; a file that belongs to another source article is refused.
    `data`: the project's language-data folder (`[tool.i18n] data`), for reading and segmenting.

    With a `memory` (a TranslationMemory), it is first brought up to date from `locales`,
    and reviewed work is used before the model (see `recall`): exact hits make no model call.
    """
    from .engines.enforce import translate_segments
    from .recall import recall_memory

    source = normalize_lang(source)
    targets = [normalize_lang(t) for t in targets]
    step = progress or (lambda label: None)
    read = [read_article(a, source, data=data) for a in articles]
    segmented = [(art, segment_article(art)) for art in read]
    check_domain_template(domain)
    check_slugs(read, domain)
    names = {id(art): domain_name(art, domain) for art in read}
    existing = _check_catalogs(
        [(catalog_path(locales, t, names[id(art)]), art) for t in targets for art in read], dry_run
    )
    report = TranslateReport(source=source, dry_run=dry_run)
    # Fail before any work when a language pair has no installed model.
    routes = {t: engine.route(source, t) for t in targets}
    if memory is not None:
        memory.update_from([locales])

    for target in targets:
        lang = LanguageReport(target, route=routes[target].describe())
        report.languages.append(lang)
        wanted: dict[str, None] = {}
        for art, segments in segmented:
            old = existing.get(catalog_path(locales, target, names[id(art)]))
            wanted.update(dict.fromkeys(pending_texts(old, segments)))
        step(f"{source}→{target}: {len(wanted)} segments")
        # The memory first: exact hits are filled from it, fuzzy hits compete with the model.
        recall = recall_memory(
            memory, list(wanted), source, target, threshold=tm_threshold, exact=tm_exact, glossary=glossary,
        )
        texts = recall.to_translate(list(wanted))
        lang.mt_segments, lang.tm_exact, lang.tm_fuzzy = len(texts), len(recall.exact), len(recall.fuzzy)
        results = translate_segments(engine, texts, source, target, glossary=glossary) if texts else []
        suggestions = dict(recall.exact)
        for text, res in zip(texts, results, strict=True):
            sugg = recall.with_machine(text, suggestion_from(res), res.score)
            if sugg is not None:
                suggestions[text] = sugg
        for art, segments in segmented:
            path = catalog_path(locales, target, names[id(art)])
            step(f"{target}: {names[id(art)]}")
            # Merged against the file as it is now (a translator may have saved it meanwhile).
            result = update_catalog(
                path, art, target, segments=segments, suggestions=suggestions,
                now=now, dry_run=dry_run, project=project,
            )
            altered = [c for c in result.changes if c.before != c.after or c.machine]
            lang.files.append(FileReport(path, target, result.written, result.counts(), altered))
    return report


def extract_templates(
    articles: Sequence[Path], source: str | None, locales: Path, *, data: Path | None = None
) -> list[tuple[Path, int, bool]]:
    """`i18n extract`: one POT template per article; (path, sentences, written) for each.

    The articles' language is `source`, else each one's folder name; a template whose
    sentences did not change is left untouched (written False).
    """
    read = [read_article(path, article_lang(source, path, "--from"), data=data) for path in articles]
    check_slugs(read)
    out = []
    for art in read:
        pot = extract_template(art, segment_article(art))
        path = template_path(locales, art.slug)
        out.append((path, len(pot), write_po(path, pot)))
    return out


def update_catalog(
    po_path: Path | str,
    article: Article,
    target: str,
    *,
    segments: list[Segment],
    suggestions: Mapping[str, Suggestion] | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
    project: str = PROJECT,
) -> MergeResult:
    """Read the catalog at `po_path` (when there is one), merge, and write it back atomically.

    `result.written` says whether the file changed (or would, with `dry_run`).
    """
    po_path = Path(po_path)
    old = read_po(po_path) if po_path.exists() else None
    result = merge_catalog(article, segments, target, old=old, suggestions=suggestions, project=project)
    result.written = write_po(po_path, result.catalog, now=now, dry_run=dry_run, old=old)
    return result


def _refuse_other_charset(po, path: Path) -> None:
    """`translate` writes UTF-8 catalogs; one in another charset is converted only when the user
    asks (msgconv), never silently rewritten in another encoding by a merge."""
    content_type = po.metadata.get("Content-Type", "")
    charset = content_type.partition("charset=")[2].strip() or "UTF-8"
    if charset.replace("-", "").lower() != "utf8":
        raise POFileError(
            path,
            f"is written in {charset}, and `i18n translate` writes UTF-8 catalogs; convert it first "
            "(`msgconv -t UTF-8 FILE -o FILE`), then run again (`check`, `stats`, `apply` and "
            "`compile` read it as it is)",
        )


def _check_catalogs(paths: list[tuple[Path, Article]], dry_run: bool) -> dict[Path, object]:
    """Refuse the job before any work when a catalog it would merge or write is unusable.

    A PO file that does not parse, or has duplicate entries (a merge would keep one), stops
    the job: no other language's files are written first. So does a catalog that belongs to
    another source article (its `X-Source-File`), and a catalog folder that cannot be created or written (a file in its place, a read-only folder). Returns the
    catalogs that exist, parsed, to decide what needs translating.
    """

    parsed = {}
    for path, article in paths:
        if path.exists():
            parsed[path] = read_po(path)
            refuse_duplicates(parsed[path], path)
            _refuse_other_charset(parsed[path], path)
            check_owner(parsed[path], path, article)
            if not dry_run and not os.access(path.parent, os.W_OK):
                raise POFileError(path.parent, "folder is read-only: the PO files in it cannot be updated")
        elif not dry_run:
            folder = path.parent
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            if not folder.is_dir():
                raise POFileError(folder, f"is a file, not a folder: cannot write {path}")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise POFileError(folder, f"folder is read-only: cannot write {path}")
    return parsed
