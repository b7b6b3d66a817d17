"""Write the reviewed example catalogs under locales/ from the reference translations here.

Run from the repository root: python tests/data/reference/build_po.py
The result is what a translator's reviewed PO file looks like: every entry translated, not
fuzzy, produced through the same merge as `i18n translate` (so a re-run of the pipeline over
it keeps every entry byte for byte).
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from i18n.article import read_article  # noqa: E402
from i18n.catalog.layout import catalog_path  # noqa: E402
from i18n.catalog.merge import merge_catalog  # noqa: E402
from i18n.catalog.po import write_po  # noqa: E402
from i18n.segment import segment_article  # noqa: E402

ARTICLE = Path("articles/id/putin-kim-vostochny.txt")
WHEN = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
TRANSLATOR = {
    "en": "Newsroom English desk <en@newsroom.example>",
    "ru": "Newsroom Russian desk <ru@newsroom.example>",
    "vi": "Newsroom Vietnamese desk <vi@newsroom.example>",
}


def main() -> None:
    article = read_article(ROOT / ARTICLE, "id")
    article.path = ARTICLE
    segments = segment_article(article)
    for lang in ("en", "ru", "vi"):
        ref = json.loads((ROOT / f"tests/data/reference/{ARTICLE.stem}.{lang}.json").read_text("utf-8"))
        result = merge_catalog(article, segments, lang)
        po = result.catalog
        for entry in po:
            entry.msgstr = ref[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.metadata["Last-Translator"] = TRANSLATOR[lang]
        path = ROOT / catalog_path("locales", lang, ARTICLE.stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_po(path, po, now=WHEN)
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
