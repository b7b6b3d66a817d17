"""The locales layout: where catalogs and templates live, and which PO files a path names.

`locales/<lang>/LC_MESSAGES/<slug>.po` per (article, target language), `locales/templates/<slug>.pot`
per article. The PO file's name (the gettext domain) is the article's slug, its file name
without the extension, unless a domain template such as `{slug}.{source}` says otherwise; one
PO file belongs to one source article, which its `X-Source-File` header names.
"""
from __future__ import annotations

import string
from collections.abc import Iterable
from pathlib import Path

from ..errors import I18nError, InputError, POFileError
from ..fileio import project_root
from ..langs import normalize_lang
from ..model import Article

__all__ = [
    "DEFAULT_DOMAIN", "DOMAIN_FIELDS", "catalog_path", "template_path", "check_domain_template",
    "domain_name", "check_slugs", "check_owner", "find_po_files",
]

DEFAULT_DOMAIN = "{slug}"
DOMAIN_FIELDS = ("slug", "source")  # what a domain template may use
# What the error about two sources sharing one PO file tells the user to do.
DOMAIN_HINT = "give each source its own PO file with `--domain '{slug}.{source}'`, or rename one article"


def catalog_path(locales: Path | str, target: str, slug: str) -> Path:
    """`locales/<target>/LC_MESSAGES/<slug>.po`."""
    return Path(locales) / normalize_lang(target) / "LC_MESSAGES" / f"{slug}.po"


def check_domain_template(template: str) -> str:
    """A domain template names each PO file: `{slug}` (the default), `{slug}.{source}`, ..."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise I18nError(f"domain template {template!r} is malformed ({exc}); e.g. '{{slug}}.{{source}}'") from None
    unknown = sorted(fields - set(DOMAIN_FIELDS))
    if unknown or "slug" not in fields:
        what = f"uses {{{unknown[0]}}}" if unknown else "lacks {slug}"
        raise I18nError(
            f"domain template {template!r} {what}; it may use {{slug}} (the article's file name, "
            "required) and {source} (its language), e.g. '{slug}.{source}'"
        )
    if any(c in template for c in "/\\") or template.strip() != template:
        raise I18nError(f"domain template {template!r} must be a file name: no folders, no spaces around it")
    return template


def domain_name(article: Article, template: str = DEFAULT_DOMAIN) -> str:
    """The PO file name (without `.po`) of `article` under the domain template."""
    return template.format(slug=article.slug, source=article.lang)


def check_slugs(articles: list[Article], template: str = DEFAULT_DOMAIN) -> None:
    """Refuse two articles of one job that would write the same catalog.

    Two sources of one story in two languages (a mixed batch) are told about `--domain`.
    """
    seen: dict[str, Article] = {}
    for art in articles:
        name = domain_name(art, template)
        other = seen.setdefault(name, art)
        if other.path != art.path:
            hint = DOMAIN_HINT if other.lang != art.lang else "rename one of them"
            raise InputError(
                art.path,
                f"has the same file name as {other.path}: both would write <locales>/<lang>/LC_MESSAGES/"
                f"{name}.po; {hint}",
            )


def check_owner(po, path: Path, article: Article) -> None:
    """Refuse to merge `article` into a catalog that belongs to another source article.

    The same story published in two languages often shares a file name; merging the second
    into the first one's catalog would turn every entry, reviewed ones included, obsolete.
    `X-Source-File` is read relative to the article's project, the PO file's project, the
    folder above the locales tree and the current folder: it belongs to another article when
    it names the article nowhere and an existing other file somewhere. A catalog without it
    (written by another tool), or whose source no longer exists (a moved article), is taken.
    """
    recorded = (po.metadata.get("X-Source-File") or "").strip()
    if not recorded or recorded in (article.ref, article.path.as_posix()):
        return
    mine = article.path.resolve()
    given = Path(recorded)
    if given.is_absolute():  # written before paths were made project-relative
        candidates = [given.resolve()]
    else:
        po_file = Path(path).resolve()
        bases = [project_root(mine.parent), project_root(po_file.parent), Path.cwd()]
        if len(po_file.parents) > 3:  # <locales>/<lang>/LC_MESSAGES/<name>.po
            bases.append(po_file.parents[3])
        candidates = [(base / given).resolve() for base in bases if base is not None]
    if mine in candidates or not any(c.is_file() for c in candidates):
        return
    raise POFileError(
        path,
        f"holds the translation of {recorded} (its X-Source-File), not of {article.ref}; "
        f"merging would make its entries obsolete: {DOMAIN_HINT}",
    )


def template_path(locales: Path | str, slug: str) -> Path:
    """`locales/templates/<slug>.pot`."""
    return Path(locales) / "templates" / f"{slug}.pot"


def find_po_files(paths: Iterable[Path | str]) -> list[Path]:
    """PO files named or found (recursively, sorted) under the folders in `paths`."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.po") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(path, "no such file or folder; give PO files or folders that hold them")
    return list(dict.fromkeys(files))  # first occurrence wins, order kept
