"""Re-run speed: `i18n translate` over 300 articles × 3 languages, unchanged and one sentence changed,
against the code before issue 18 (BASELINE, checked out with `git worktree` in the same run).

Corpus (seeded): 300 Indonesian articles of 10–20 sentences drawn from the example article and
the segmentation fixtures, with numbers varied per article, in a project with the newsroom
glossary, a translation cache and a translation memory (the defaults a newsroom runs with).
Each side works in its own copy of the project, set up by its own first run (untimed); the
engine is the instant stand-in bench/support/echo_engine.py, so what is timed is all but the
model: a re-run with zero model calls, which is what an unchanged corpus costs.

Timed as whole processes, paired rounds (baseline, ours; median of ROUNDS):
- unchanged: the same command again (`translate` of all 300 articles `--to en,ru,vi`);
- one sentence changed: before each round one sentence of one article (another each round)
  is edited in both copies, then the command runs.
Checked: an unchanged re-run leaves every PO file byte-identical on both sides; after each
changed round our files are byte for byte (header dates aside) those of a third copy re-run
by our code with the ledger emptied first (all the work done); and both sides hold the same
entries (msgid, fuzzy, obsolete) in every file (their machine suggestions differ where later
issues changed the glossary restoration and the `#. machine translation:` marker).

Run: python bench/rerun.py      (about 4 minutes on 2 cores; needs git and this repository's history)
Ends with `BENCH rerun: ... unchanged_speedup=<baseline / ours> changed_speedup=...`.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

BASELINE = "7d8240a"  # main when issue 18 was taken up: the re-run as it was
ARTICLES = 300
ROUNDS = 3


def pool() -> list[str]:
    """Indonesian news sentences: the example article's and the segmentation fixtures'."""
    from i18n.article import read_article
    from i18n.segment import segment_article

    article = read_article(ROOT / "articles/id/putin-kim-vostochny.txt", "id")
    lines = (ROOT / "tests/data/segment/id.txt").read_text("utf-8").splitlines()
    return [s.text for s in segment_article(article)] + [x for x in lines if x and not x.startswith("#")]


def make_project(folder: Path, seed: int = 18) -> list[Path]:
    rng = random.Random(seed)
    sentences = pool()
    (folder / "articles/id").mkdir(parents=True)
    (folder / ".git").mkdir()
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    paths = []
    for n in range(ARTICLES):
        chosen = rng.sample(sentences, rng.randint(10, 20))
        chosen = [re.sub(r"\d+", lambda m, n=n: str(int(m.group()) + n), s) if rng.random() < 0.5 else s for s in chosen]
        path = folder / f"articles/id/berita-{n:03d}.txt"
        path.write_text("\n".join(" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3)) + "\n", "utf-8")
        paths.append(path)
    return paths


def command(code: Path, project: Path) -> list[str]:
    articles = sorted(str(p.relative_to(project)) for p in (project / "articles/id").glob("*.txt"))
    return [sys.executable, str(code / "cli.py"), "translate", *articles, "--to", "en,ru,vi",
            "--engine", "echo_engine:Echo", "--glossary", "glossary", "--cache", "cache.sqlite",
            "--memory", "memory.sqlite", "-q"]


def run(code: Path, project: Path) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), str(ROOT / "bench" / "support")])}
    start = time.perf_counter()
    subprocess.run(command(code, project), cwd=project, env=env, check=True)
    return time.perf_counter() - start


def files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "locales").rglob("*.po"))}


def entries(project: Path) -> dict[str, list[tuple]]:
    out = {}
    for name in files(project):
        po = polib.pofile(str(project / name))
        out[name] = [(e.msgid, "fuzzy" in e.flags, e.obsolete) for e in po]
    return out


_DATES = re.compile(rb'"(PO-Revision-Date|POT-Creation-Date): [^"]*"')


def undated(project: Path) -> dict[str, bytes]:
    return {k: _DATES.sub(b"", v) for k, v in files(project).items()}


def forget_ledger(project: Path) -> None:
    with sqlite3.connect(project / "cache.sqlite") as db:
        db.execute("DELETE FROM runs")


def edit(project: Path, k: int) -> None:
    """Change one word of one sentence in article k (the same edit in both copies)."""
    path = project / f"articles/id/berita-{k * 37 % ARTICLES:03d}.txt"
    text = path.read_text("utf-8")
    words = text.split(" ")
    words[len(words) // 2] = f"kata{k}"
    path.write_text(" ".join(words), "utf-8")


def paired(old: Path, new: Path, projects: dict[str, Path], before=None) -> tuple[list[float], list[float]]:
    a, b = [], []
    for k in range(ROUNDS):
        if before:
            for p in projects.values():
                before(p, k)
        a.append(run(old, projects["old"]))
        b.append(run(new, projects["new"]))
    return a, b


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        baseline = tmp / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(baseline), BASELINE],
                       check=True)
        try:
            projects = {"old": tmp / "old", "new": tmp / "new"}
            for p in projects.values():
                make_project(p)
            codes = {"old": baseline, "new": ROOT}
            for side, p in projects.items():
                run(codes[side], p)  # the first run: translations cached, PO files written
            snapshot = {side: files(p) for side, p in projects.items()}
            a, b = paired(baseline, ROOT, projects)
            for side, p in projects.items():
                assert files(p) == snapshot[side], f"{side}: an unchanged re-run changed a PO file"
            full = tmp / "full"
            shutil.copytree(projects["new"], full)
            incremental_is_full = True

            def edit_and_check(project: Path, k: int) -> None:
                nonlocal incremental_is_full
                if project == projects["old"] and k:  # the previous round's outputs, before this edit
                    incremental_is_full &= undated(projects["new"]) == undated(full)
                edit(project, k)
                if project == projects["new"]:
                    edit(full, k)
                    forget_ledger(full)
                    run(ROOT, full)

            ca, cb = paired(baseline, ROOT, projects, before=edit_and_check)
            incremental_is_full &= undated(projects["new"]) == undated(full)
            same = entries(projects["old"]) == entries(projects["new"])
            count = len(snapshot["new"])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)], check=False)
    ua, ub, xa, xb = (statistics.median(x) for x in (a, b, ca, cb))
    print(f"{ARTICLES} articles × 3 languages ({count} PO files); rounds unchanged baseline "
          f"{[round(x, 2) for x in a]} ours {[round(x, 2) for x in b]}; one sentence changed baseline "
          f"{[round(x, 2) for x in ca]} ours {[round(x, 2) for x in cb]}")
    print(f"unchanged re-run: PO files byte-identical on both sides; changed: ours as all the work "
          f"gives, byte for byte: {incremental_is_full}; both sides hold the same entries: {same}")
    if not (same and incremental_is_full):
        sys.exit("the outputs disagree")
    print(f"BENCH rerun: articles={ARTICLES} files={count} unchanged_s={ub:.2f} baseline_unchanged_s={ua:.2f} "
          f"unchanged_speedup={ua / ub:.2f} changed_s={xb:.2f} baseline_changed_s={xa:.2f} "
          f"changed_speedup={xa / xb:.2f}")


if __name__ == "__main__":
    main()
