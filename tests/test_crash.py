"""Crash safety: `i18n translate` over many articles, killed with SIGKILL at random moments.

Each killed run starts from the same old PO files (some entries reviewed) and a changed set
of articles. After the kill every PO file parses and is, byte for byte, either the old
version or the version an uninterrupted run writes (header dates aside); the next run
completes and gives the same files as the uninterrupted run.

Budget: I18N_SLOW_BUDGET=full (`make test-full`) kills a dozen runs; the default run kills
three. I18N_CRASH_SEED picks other kill moments.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from pofiles import msgfmt_problems

from i18n.catalog.po import read_po

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
FULL = os.environ.get("I18N_SLOW_BUDGET", "small") == "full"
KILLS = 12 if FULL else 3
ARTICLES = 16
DATES = re.compile(rb'^"(PO-Revision-Date|POT-Creation-Date): .*\\n"\n', re.M)


def write_articles(folder: Path, version: int) -> list[Path]:
    """ARTICLES variants of the seed article; version 2 changes, drops and adds sentences."""
    lines = [ln for ln in SEED_ARTICLE.read_text("utf-8").splitlines() if ln.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(ARTICLES):
        body = lines[n % 5:] + lines[: n % 5]
        body = [f"Laporan nomor {n} dari Vladivostok pada hari ke-{n + 1}."] + body
        if version == 2 and n % 2 == 0:
            body[1] = body[1].replace("Putin", "Vladimir Putin", 1).replace("Korea", "Korea Utara", 1)
            del body[3]
            body.append(f"Berita ini diperbarui untuk kali ke-{n}.")
        path = folder / f"laporan-{n:02d}.txt"
        path.write_text("\n".join(body) + "\n", "utf-8")
        paths.append(path)
    return paths


def cli(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def translate_args(work: Path, argos_dir: Path, cache: Path) -> list[str]:
    """Paths relative to `work` (the command runs there): PO files name their article."""
    arts = sorted(p.relative_to(work).as_posix() for p in (work / "articles" / "id").glob("*.txt"))
    return ["translate", *arts, "--from", "id", "--to", "en,ru,vi", "--no-glossary",
            "--locales", "locales", "--cache", str(cache), "--packages-dir", str(argos_dir)]


def finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()


def po_files(locales: Path) -> dict[str, bytes]:
    """Every file under locales/ (temp files included), header dates blanked."""
    return {p.relative_to(locales).as_posix(): DATES.sub(b"", p.read_bytes())
            for p in sorted(locales.rglob("*")) if p.is_file()}


def review_some(locales: Path) -> None:
    """A translator reviewed every third entry of every file (the work a crash must not lose)."""
    for path in sorted(locales.rglob("*.po")):
        po = polib.pofile(str(path), wrapwidth=79)
        for k, entry in enumerate(po):
            if k % 3 == 0:
                entry.msgstr = f"Reviewed {k}: {entry.msgstr}"
                entry.flags = []
        po.save(str(path))


@pytest.fixture(scope="module")
def states(argos_dir, tmp_path_factory) -> dict:
    """The old state (version-1 articles translated, some entries reviewed) and the new
    files an uninterrupted run on version-2 articles writes from it; with its duration."""
    base = tmp_path_factory.mktemp("crash")
    old = base / "old"
    write_articles(old / "articles" / "id", 1)
    finish(cli(translate_args(old, argos_dir, base / "old-cache.sqlite"), old))
    review_some(old / "locales")
    new = base / "new"
    shutil.copytree(old / "locales", new / "locales")
    write_articles(new / "articles" / "id", 2)
    start = time.monotonic()
    finish(cli(translate_args(new, argos_dir, base / "new-cache.sqlite"), new))
    return {"old": old, "new": new, "seconds": time.monotonic() - start,
            "old_files": po_files(old / "locales"), "new_files": po_files(new / "locales")}


def test_states_differ_in_every_file(states):
    old, new = states["old_files"], states["new_files"]
    assert set(old) == set(new) and len(old) == 3 * ARTICLES
    assert sum(old[k] != new[k] for k in old) >= 3 * ARTICLES // 2
    for path in (states["new"] / "locales").rglob("*.po"):
        assert msgfmt_problems(path) in (None, "")


@pytest.mark.slow
@pytest.mark.parametrize("run", range(KILLS))
def test_sigkill_leaves_old_or_new_files_and_the_next_run_completes(states, argos_dir, tmp_path, run):
    seed = int(os.environ.get("I18N_CRASH_SEED", "20260102"))
    delay = random.Random(seed + run).uniform(0.15, 1.0) * states["seconds"]
    work = tmp_path / "work"
    shutil.copytree(states["old"] / "locales", work / "locales")
    write_articles(work / "articles" / "id", 2)
    cache = tmp_path / "cache.sqlite"
    proc = cli(translate_args(work, argos_dir, cache), work)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    killed = proc.returncode == -signal.SIGKILL

    after = po_files(work / "locales")
    old, new = states["old_files"], states["new_files"]
    stray = [p for p in after if p not in old]
    assert all(Path(p).name.startswith(".") and p.endswith(".tmp") for p in stray), stray
    for name in old:
        assert after[name] in (old[name], new[name]), f"{name} is neither the old nor the new version"
        read_po(work / "locales" / name)  # and it parses
    changed = sum(after[n] == new[n] != old[n] for n in old)
    print(f"run {run}: killed={killed} after {delay:.2f}s, {changed} files already new")

    finish(cli(translate_args(work, argos_dir, cache), work))  # the next run, with the cache left behind
    final = po_files(work / "locales")
    assert {n: final[n] for n in old} == new
    for path in (work / "locales").rglob("*.po"):
        assert msgfmt_problems(path) in (None, "")
