"""Catalog merge speed, whole processes: `i18n translate` re-run vs GNU `msgmerge --previous`.

An article of N sentences (the example article's 17 sentences, numbered copies so that each
is distinct: the near-duplicates of a newsroom's boilerplate, the hard case for fuzzy
matching) is translated by `i18n translate` and every entry marked reviewed. Then every
third sentence is changed by one word, every tenth deleted and one new sentence added per
ten, and we time, as whole processes started from the shell:

- ours: `i18n translate big.txt --to ru` re-run on the edited article (read, segment, read
  the PO, match the changed sentences, merge, render, write). The engine is a stand-in
  (bench/support/echo_engine.py, instant) and glossary and memory are off: msgmerge does no MT and
  no terminology, so neither side pays for them; a fresh cache each time.
- msgmerge: `msgmerge --previous -o out.po old.po new.pot` on the same reviewed PO file and
  the edited article's template (written by `i18n extract`, not timed).

At N = 409, 4,000 and 10,000 sentences, paired rounds (ours, msgmerge, ROUNDS times; median).
Outputs compared where they should agree: both keep every unchanged sentence's reviewed
translation (`kept_same`), both mark the changed sentences fuzzy with the old sentence as
`#| msgid` (`same_previous`: the share of ours for which msgmerge chose the same old
sentence; it uses its own similarity measure), and at the smallest size our merge makes
byte for byte the catalog the pre-issue-18 matcher makes (tests/merge_oracle.py).

Run: python bench/catalog.py      (about 2 minutes on 2 cores)
Ends with `BENCH catalog: ... msgmerge_ratio=<msgmerge time / ours at the largest size>`.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import polib  # noqa: E402

from i18n.article import read_article  # noqa: E402
from i18n.segment import segment_article  # noqa: E402

SIZES = (24, 235, 588)  # copies of the 17 sentences: 409, ~4,000, ~10,000 after the edit
ROUNDS = 3
ARTICLE = "articles/id/big.txt"
CATALOG = "locales/ru/LC_MESSAGES/big.po"


def texts(copies: int) -> tuple[str, str]:
    """(before, after) article texts: three sentences a paragraph."""
    base = [s.text for s in segment_article(read_article(ROOT / "articles/id/putin-kim-vostochny.txt", "id"))]
    sentences = [f"{s[:-1]} (bagian {n})." for n in range(copies) for s in base]
    after = []
    for i, s in enumerate(sentences):
        if i % 10 == 9:
            continue
        after.append(s.replace(" di ", " di dalam ", 1) if i % 3 == 0 else s)
        if i % 10 == 4:
            after.append(f"Kalimat baru nomor {i} tentang kunjungan itu.")
    para = lambda ss: "\n".join(" ".join(ss[i:i + 3]) for i in range(0, len(ss), 3)) + "\n"  # noqa: E731
    return para(sentences), para(after)



def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench" / "support")])}


def ours_command(tmp: Path) -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "translate", ARTICLE, "--to", "ru", "--engine",
            "echo_engine:Echo", "--no-glossary", "--no-memory", "--cache", str(tmp / "cache.sqlite"), "-q"]


def prepare(tmp: Path, copies: int) -> tuple[int, Path, Path]:
    """The reviewed catalog of the article before the edit, the edited article and its template."""
    before, after = texts(copies)
    (tmp / "articles/id").mkdir(parents=True)
    (tmp / ".git").mkdir()  # the project root: paths in the PO files are relative to it
    (tmp / ARTICLE).write_text(before, encoding="utf-8")
    subprocess.run(ours_command(tmp), cwd=tmp, env=env(), check=True)
    po = polib.pofile(str(tmp / CATALOG), wrapwidth=79)
    for entry in po:
        entry.flags = []  # a translator reviewed everything
    reviewed = tmp / "reviewed.po"
    po.save(str(reviewed))
    (tmp / ARTICLE).write_text(after, encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", ARTICLE, "--locales", "locales"],
                   cwd=tmp, env=env(), check=True, stdout=subprocess.DEVNULL)
    n = len(segment_article(read_article(tmp / ARTICLE, "id")))
    return n, reviewed, tmp / "locales/templates/big.pot"


def run_ours(tmp: Path, reviewed: Path) -> float:
    shutil.copy(reviewed, tmp / CATALOG)
    (tmp / "cache.sqlite").unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(ours_command(tmp), cwd=tmp, env=env(), check=True)
    return time.perf_counter() - start


def run_msgmerge(tool: str, tmp: Path, reviewed: Path, pot: Path) -> float:
    start = time.perf_counter()
    subprocess.run([tool, "--previous", "-q", "-o", str(tmp / "msgmerge.po"), str(reviewed), str(pot)], check=True)
    return time.perf_counter() - start


def compare(tmp: Path, reviewed: Path) -> dict[str, float]:
    """What both outputs agree on: unchanged sentences' translations, fuzzy previous msgids."""
    ours = {e.msgid: e for e in polib.pofile(str(tmp / CATALOG)) if not e.obsolete}
    theirs = {e.msgid: e for e in polib.pofile(str(tmp / "msgmerge.po")) if not e.obsolete}
    old = {e.msgid: e.msgstr for e in polib.pofile(str(reviewed))}
    unchanged = [m for m in ours if m in old]
    kept = sum(ours[m].msgstr == old[m] == theirs[m].msgstr and "fuzzy" not in theirs[m].flags for m in unchanged)
    fuzzy = [m for m, e in ours.items() if e.previous_msgid]
    same = sum(theirs[m].previous_msgid == ours[m].previous_msgid for m in fuzzy)
    return {"unchanged": len(unchanged), "kept_same": kept, "changed": len(fuzzy),
            "msgmerge_fuzzy": sum(bool(e.previous_msgid) for e in theirs.values()),
            "same_previous": same / len(fuzzy) if fuzzy else 1.0}


def same_as_before(tmp: Path, reviewed: Path) -> bool:
    """Our merge with the matcher as it was before issue 18: the same catalog, byte for byte."""
    from merge_oracle import legacy_match_changed

    from i18n.catalog import merge
    from i18n.catalog.merge import merge_catalog
    from i18n.catalog.po import read_po, render_po

    article = read_article(tmp / ARTICLE, "id")
    segments = segment_article(article)
    now = render_po(merge_catalog(article, segments, "ru", old=read_po(reviewed)).catalog)
    fast = merge._match_changed
    merge._match_changed = legacy_match_changed
    try:
        before = render_po(merge_catalog(article, segments, "ru", old=read_po(reviewed)).catalog)
    finally:
        merge._match_changed = fast
    return now == before


def main() -> None:
    tool = shutil.which("msgmerge")
    if tool is None:
        sys.exit("bench/catalog.py needs GNU gettext's msgmerge (apt-get install gettext)")
    figures = []
    for copies in SIZES:
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            n, reviewed, pot = prepare(tmp, copies)
            ours, theirs = [], []
            for _ in range(ROUNDS):
                ours.append(run_ours(tmp, reviewed))
                theirs.append(run_msgmerge(tool, tmp, reviewed, pot))
            agree = compare(tmp, reviewed)
            legacy = same_as_before(tmp, reviewed) if copies == SIZES[0] else None
        a, b = statistics.median(ours), statistics.median(theirs)
        figures.append((n, a, b))
        print(f"{n} sentences: i18n translate {a:.2f} s, msgmerge --previous {b:.2f} s "
              f"(ratio {b / a:.2f}); rounds ours {[round(x, 2) for x in ours]}, "
              f"msgmerge {[round(x, 2) for x in theirs]}")
        print(f"  unchanged {agree['unchanged']}, reviewed translation kept by both {agree['kept_same']}; "
              f"changed (fuzzy, #| msgid) ours {agree['changed']}, msgmerge {agree['msgmerge_fuzzy']}, "
              f"same previous sentence {agree['same_previous']:.1%}"
              + ("" if legacy is None else f"; same catalog as the pre-issue-18 matcher: {legacy}"))
        if legacy is False:
            sys.exit("the merge's decisions changed")
    n, a, b = figures[-1]
    sizes = " ".join(f"ours_{k}={x:.2f} msgmerge_{k}={y:.2f}" for k, x, y in figures)
    print(f"BENCH catalog: sentences={n} {sizes} msgmerge_ratio={b / a:.2f}")


if __name__ == "__main__":
    main()
