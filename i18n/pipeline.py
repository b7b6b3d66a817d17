"""The editors' batch job: articles -> segments -> one MT batch per language pair -> catalogs.

Every article is read and segmented first (a bad article stops the job before anything is
written; one whose catalogs the last run left as they are, from the same bytes, is segmented
only if its catalogs need work after all, see `ledger`). Then, per target language, the
segments still needing a machine suggestion are collected across all articles (reviewed,
draft and changed entries are skipped, duplicates sent once) and translated in ONE
`translate_segments` call. Each catalog is merged and written
atomically only when its content is complete, so an interrupted run leaves every PO file
either as it was or complete; the engine's translation cache lets the next run continue.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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
from .catalog.memory import TranslationMemory
from .catalog.merge import (
    PROJECT,
    MergeResult,
    Suggestion,
    extract_template,
    merge_catalog,
    pending_texts,
)
from .catalog.po import decode_po, refuse_duplicates, write_po
from .catalog.states import State, entry_state
from .engines.base import Translation, Translator
from .errors import POFileError, UsageError
from .fileio import read_bytes
from .langs import SUPPORTED, article_lang, normalize_lang
from .ledger import Known, Ledger, Record
from .model import Article, Segment
from .segment import segment_article
from .summary import FileReport, LanguageReport, TranslateReport

__all__ = ["translate_articles", "suggestion_from", "update_catalog", "extract_templates"]

Progress = Callable[[str], None]  # called once per step with a short label


def suggestion_from(result: Translation) -> Suggestion | None:
    """A PO suggestion from an engine's `Translation`: text, model and the reviewer's notes."""
    if not result.text:
        return None  # MT failed for this segment: it stays untranslated
    return Suggestion(text=result.text, model=result.model_label, notes=result.comments())


def translate_articles(
    articles: Sequence[Path | str],
    source: str | None,
    targets: Sequence[str] | None,
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
    ledger: Ledger | None = None,
) -> TranslateReport:
    """Translate every article into every target; one engine batch per language pair.

    `source` is the language of every article, or None: each one's folder name, so that one
    batch may mix source languages. `targets` None means every supported language; an article
    is never translated into its own language (the report's `skipped` names the articles
    whose language `targets` listed). Each (article, target) has its PO file
    `<locales>/<target>/LC_MESSAGES/<domain>.po`, the domain template (`{slug}` by default,
    `{slug}.{source}` for one file per source language) filled in for the article; a file
    that belongs to another source article is refused. `data`: the project's language-data
    folder (`[tool.i18n] data`), for reading and segmenting.

    With a `memory` (a TranslationMemory), it is first brought up to date from `locales`,
    and reviewed work is used before the model (see `recall`): exact hits make no model call.
    With a `ledger` (not in a dry run), a catalog whose inputs and bytes are those the last
    run left is skipped, and one whose article alone changed keeps its machine suggestions of
    unchanged sentences (see `ledger`).
    """
    given = normalize_lang(source) if source else None
    read = [read_article(a, article_lang(given, a, "--from"), data=data) for a in articles]
    check_domain_template(domain)
    check_slugs(read, domain)
    names = {id(art): domain_name(art, domain) for art in read}
    sources = list(dict.fromkeys(art.lang for art in read))
    asked = list(SUPPORTED) if targets is None else [normalize_lang(t) for t in targets]
    pairs = [(src, target) for target in asked for src in sources if src != target]
    if not pairs:
        raise UsageError(f"--to: {sources[0]} is the source language: nothing to translate; "
                         "name another language, or --to all")
    run = _Run(engine, Path(locales), names, glossary, memory, tm_threshold, tm_exact, dry_run, now, project,
               progress or (lambda label: None), None if dry_run else ledger)
    catalogs = [(run.path(art, t), art) for src, t in pairs for art in read if art.lang == src]
    run.known = run.ledger.known(catalogs) if run.ledger is not None else {}
    run.existing = _check_catalogs([c for c in catalogs if c[0] not in run.known], dry_run, run.read)
    # Every article is segmented now (a bad one stops the job before anything is written) but
    # those the last run left as they are in all their catalogs: they may need no work.
    needed = {id(a) for p, a in catalogs if p not in run.known or run.known[p].article != run.known[p].record.article}
    run.segmented = {id(a): segment_article(a) for a in read if id(a) in needed}
    report = TranslateReport(source=",".join(sources), dry_run=dry_run)
    if targets is not None:
        report.skipped = {t: [art.ref for art in read if art.lang == t] for t in asked if t in sources}
    # Fail before any work when a language pair has no installed model.
    routes = {pair: engine.route(*pair) for pair in pairs}
    if memory is not None:
        memory.update_from([locales])
    for target in dict.fromkeys(t for _, t in pairs):
        from_langs = [src for src, t in pairs if t == target]
        lang = LanguageReport(target, route=", ".join(routes[(src, target)].describe() for src in from_langs))
        report.languages.append(lang)
        for src in from_langs:
            group = run.settle([art for art in read if art.lang == src], src, target, data, lang)
            run.merge(group, target, run.suggestions(group, src, target, lang), lang)
    return report


@dataclass
class _Run:
    """One `translate_articles` job: what every language pair of it shares."""

    engine: Translator
    locales: Path
    names: dict[int, str]  # id(article) -> its PO file name
    glossary: object
    memory: TranslationMemory | None
    tm_threshold: float
    tm_exact: str
    dry_run: bool
    now: datetime | None
    project: str
    step: Progress
    ledger: Ledger | None = None
    existing: dict[Path, object] = field(default_factory=dict)  # the catalogs there are, parsed
    read: dict[Path, bytes] = field(default_factory=dict)  # ... and the bytes they were parsed from
    known: dict[Path, Known] = field(default_factory=dict)  # catalogs as the last run left them
    machine_kept: set[Path] = field(default_factory=set)  # their unchanged sentences' suggestions stay
    setting: str = ""  # the ledger's fingerprint of the pair being done
    segmented: dict[int, list[Segment]] = field(default_factory=dict)  # id(article) -> its segments

    def path(self, art: Article, target: str) -> Path:
        return catalog_path(self.locales, target, self.names[id(art)])

    def settle(self, arts: list[Article], source: str, target: str, data: Path | None, lang: LanguageReport) -> list:
        """The (article, segments) of one pair still to merge; catalogs the last run left as they
        are, from the same inputs, are reported from their records and skipped."""
        todo = [(art, self.path(art, target)) for art in arts]
        if self.ledger is not None:
            self.setting = self.ledger.setting(source, target, glossary=self.glossary, memory=self.memory, data=data)
            again = []
            for art, path in todo:
                known = self.known.get(path)
                if known is None:
                    continue
                if known.record.setting != self.setting:
                    again.append((path, art))  # parsed and checked now, as any other catalog
                elif known.record.article == known.article:
                    lang.files.append(FileReport(path, target, False, known.record.counts, []))
                else:
                    self.machine_kept.add(path)
                    self.existing.update(_check_catalogs([(path, art)], self.dry_run, self.read))
            self.existing.update(_check_catalogs(again, self.dry_run, self.read))
            todo = [(art, path) for art, path in todo if path not in self.known or path in self.existing]
        for art, _ in todo:
            if id(art) not in self.segmented:
                self.segmented[id(art)] = segment_article(art)
        return [(art, self.segmented[id(art)]) for art, _ in todo]

    def suggestions(self, group: list, source: str, target: str, lang: LanguageReport) -> dict[str, Suggestion]:
        """One pair's pending segments (unique, over the group's catalogs): memory, then MT."""
        from .engines.enforce import translate_segments
        from .engines.markup import MarkupTranslator
        from .recall import recall_memory

        wanted: dict[str, None] = {}
        for art, segments in group:
            path = self.path(art, target)
            wanted.update(dict.fromkeys(
                pending_texts(self.existing.get(path), segments, machine=path not in self.machine_kept)
            ))
        self.step(f"{source}→{target}: {len(wanted)} segments")
        # The memory first: exact hits are filled from it, fuzzy hits compete with the model.
        recall = recall_memory(
            self.memory, list(wanted), source, target, threshold=self.tm_threshold, exact=self.tm_exact,
            glossary=self.glossary,
        )
        texts = recall.to_translate(list(wanted))
        lang.mt_segments += len(texts)
        lang.tm_exact += len(recall.exact)
        lang.tm_fuzzy += len(recall.fuzzy)
        suggestions = dict(recall.exact)
        if self.dry_run:  # no model call: a stand-in says which entries would get a suggestion
            return {**{text: Suggestion(text, DRY_RUN_MODEL) for text in texts}, **suggestions}
        # Inline tags (HTML, Markdown) as tokens the model copies, verified, else pieces apart.
        engine = MarkupTranslator(self.engine)
        results = translate_segments(engine, texts, source, target, glossary=self.glossary) if texts else []
        for text, res in zip(texts, results, strict=True):
            sugg = recall.with_machine(text, suggestion_from(res), res.score)
            if sugg is not None:
                suggestions[text] = sugg
        return suggestions

    def _for_file(self, path: Path, suggestions: dict[str, Suggestion]) -> dict[str, Suggestion]:
        return _dry_run_suggestions(self.existing.get(path), suggestions) if self.dry_run else suggestions

    def merge(self, group: list, target: str, suggestions: dict[str, Suggestion], lang: LanguageReport) -> None:
        """Merge each catalog of the group and write it (when it changed and this is no dry run)."""
        records: dict[Path, Record] = {}
        for art, segments in group:
            path = self.path(art, target)
            self.step(f"{target}: {self.names[id(art)]}")
            # Merged against the file as it is now (a translator may have saved it meanwhile):
            # parsed again only when its bytes are not the ones parsed before.
            parsed = (self.read[path], self.existing[path]) if path in self.read else None
            result = update_catalog(path, art, target, segments=segments, suggestions=self._for_file(path, suggestions),
                                    now=self.now, dry_run=self.dry_run, project=self.project, parsed=parsed)
            altered = [c for c in result.changes if c.before != c.after or c.machine]
            lang.files.append(FileReport(path, target, result.written, result.counts(), altered))
            if self.ledger is not None:
                records[path] = self.ledger.record(self.setting, art, path, result)
        if self.ledger is not None:
            self.ledger.save(records)


DRY_RUN_MODEL = "dry-run"  # the stand-in suggestion of a dry run, which calls no model


def _dry_run_suggestions(old, suggestions: dict[str, Suggestion]) -> dict[str, Suggestion]:
    """A dry run cannot know whether the model would change an existing machine suggestion:
    its stand-in fills only what has no translation yet (machine entries count as unchanged)."""
    machine = {e.msgid for e in old or [] if not e.obsolete and entry_state(e) == State.MACHINE}
    return {t: s for t, s in suggestions.items() if not (s.model == DRY_RUN_MODEL and t in machine)}


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
    parsed: tuple[bytes, object] | None = None,
) -> MergeResult:
    """Read the catalog at `po_path` (when there is one), merge, and write it back atomically.

    `parsed`: bytes of the file read earlier and the catalog parsed from them, used when the
    file still holds those bytes. `result.written` says whether the file changed (or would,
    with `dry_run`).
    """
    po_path = Path(po_path)
    disk = read_bytes(po_path, error=POFileError, kind="a PO file") if po_path.is_file() else None
    old = parsed[1] if parsed is not None and disk is not None and disk == parsed[0] else _decode(disk, po_path)
    result = merge_catalog(article, segments, target, old=old, suggestions=suggestions, project=project)
    result.written = write_po(po_path, result.catalog, now=now, dry_run=dry_run, old=old, disk=disk)
    return result


def _decode(data: bytes | None, path: Path):
    return None if data is None else decode_po(data, path)


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


def _check_catalogs(paths: list[tuple[Path, Article]], dry_run: bool, read: dict[Path, bytes]) -> dict[Path, object]:
    """Refuse the job before any work when a catalog it would merge or write is unusable.

    A PO file that does not parse, or has duplicate entries (a merge would keep one), stops
    the job: no other language's files are written first. So does a catalog that belongs to
    another source article (its `X-Source-File`), and a catalog folder that cannot be created or written (a file in its place, a read-only folder). Returns the
    catalogs that exist, parsed, to decide what needs translating (and their bytes in `read`).
    """

    parsed = {}
    for path, article in paths:
        if path.exists():
            read[path] = read_bytes(path, error=POFileError, kind="a PO file")
            parsed[path] = decode_po(read[path], path)
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
