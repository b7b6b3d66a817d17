"""The locales layout: where catalogs and templates live, and which PO files a path names.

`locales/<lang>/LC_MESSAGES/<slug>.po` per (article, target language), `locales/templates/<slug>.pot`
per article; the slug is the article's file name without its extension.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..langs import normalize_lang
from ..model import Article

__all__ = ["catalog_path", "template_path", "check_slugs", "find_po_files"]


def catalog_path(locales: Path | str, target: str, slug: str) -> Path:
    """`locales/<target>/LC_MESSAGES/<slug>.po`."""
    return Path(locales) / normalize_lang(target) / "LC_MESSAGES" / f"{slug}.po"


def check_slugs(articles: list[Article]) -> None:
    """Refuse two articles with one file name: they would write the same catalog."""
    seen: dict[str, Path] = {}
    for art in articles:
        other = seen.setdefault(art.slug, art.path)
        if other != art.path:
            raise InputError(
                art.path,
                f"has the same file name as {other}: both would write <locales>/<lang>/LC_MESSAGES/"
                f"{art.slug}.po; rename one of them",
            )


def template_path(locales: Path | str, slug: str) -> Path:
    """`locales/templates/<slug>.pot`."""
    return Path(locales) / "templates" / f"{slug}.pot"


def find_po_files(paths: list[Path | str]) -> list[Path]:
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
    seen: set[Path] = set()
    return [f for f in files if not (f in seen or seen.add(f))]
