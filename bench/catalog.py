"""Catalog merge speed: i18n's merge_catalog vs GNU msgmerge on the same edit.

An article of ~400 sentences (the example article's sentences, numbered to be distinct) is
translated and fully reviewed; then every third sentence is changed by one word, every
tenth is deleted and 40 new ones are added. We time merging the reviewed catalog with the
edited article (fuzzy matching of changed sentences included), and, as the baseline, GNU
msgmerge --previous on the same old PO and the edited article's template. A second figure
is a re-run on unchanged input (merge + render, no write).

Run: python bench/catalog.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n.article import parse_article, read_article  # noqa: E402
from i18n.catalog.merge import Suggestion, extract_template, merge_catalog  # noqa: E402
from i18n.catalog.po import render_po, write_po  # noqa: E402
from i18n.segment import segment_article  # noqa: E402

COPIES = 24


def articles() -> tuple[str, str]:
    """(before, after) article texts."""
    base = [s.text for s in segment_article(read_article(ROOT / "articles/id/putin-kim-vostochny.txt", "id"))]
    sentences = [f"{s[:-1]} (bagian {n})." for n in range(COPIES) for s in base]
    after = []
    for i, s in enumerate(sentences):
        if i % 10 == 9:
            continue
        after.append(s.replace(" di ", " di dalam ", 1) if i % 3 == 0 else s)
        if i % 10 == 4:
            after.append(f"Kalimat baru nomor {i} tentang kunjungan itu.")
    para = lambda ss: "\n".join(" ".join(ss[i:i + 3]) for i in range(0, len(ss), 3)) + "\n"  # noqa: E731
    return para(sentences), para(after)


def main() -> None:
    before, after = articles()
    art1 = parse_article(before, "id", path="articles/id/big.txt")
    art2 = parse_article(after, "id", path="articles/id/big.txt")
    seg1, seg2 = segment_article(art1), segment_article(art2)
    old = merge_catalog(art1, seg1, "ru", suggestions={s.text: Suggestion(f"RU {s.text}", "bench") for s in seg1}).catalog
    for e in old:
        e.flags = []  # all reviewed

    start = time.perf_counter()
    result = merge_catalog(art2, seg2, "ru", old=old)
    merge_s = time.perf_counter() - start
    counts = result.counts()

    start = time.perf_counter()
    again = merge_catalog(art2, seg2, "ru", old=result.catalog)
    render_po(again.catalog)
    rerun_s = time.perf_counter() - start

    msgmerge_s = float("nan")
    tool = shutil.which("msgmerge")
    if tool:
        with tempfile.TemporaryDirectory() as tmp:
            po, pot = Path(tmp) / "old.po", Path(tmp) / "new.pot"
            write_po(po, old)
            write_po(pot, extract_template(art2, seg2))
            start = time.perf_counter()
            subprocess.run([tool, "--previous", "-q", "-o", str(Path(tmp) / "out.po"), str(po), str(pot)], check=True)
            msgmerge_s = time.perf_counter() - start
    print(f"sentences {len(seg2)}, changed {counts['changed']}, obsolete {counts['obsolete']}, "
          f"reviewed kept {counts['reviewed']}")
    print(f"BENCH catalog: sentences={len(seg2)} merge_s={merge_s:.3f} msgmerge_s={msgmerge_s:.3f} "
          f"rerun_s={rerun_s:.3f} changed={counts['changed']} reviewed_kept={counts['reviewed']}")


if __name__ == "__main__":
    main()
