"""Which placeholder strategy do the installed models copy best? Share of glossary names honoured.

    python bench/placeholders.py [--packages-dir DIR] [--glossary glossary] [--articles 'articles/*/*.txt']
                                 [--targets en,ru,vi]

For every article (its language from the folder, articles/<lang>/), every reachable target
language and every strategy of `i18n.engines.protect` plus the baseline `none` (no protection),
the article's sentences are translated in one batch with `i18n.engines.enforce.translate_segments`
and each `name`/`dnt` term found in the source is checked in the output. It prints, per
strategy, the share of those terms honoured and how many segments fell back to unprotected
translation (placeholders lost), and ends with one line
`BENCH placeholders: none=<share> brackets=<share> underscore=<share> copy=<share>`.

Run it where real Argos models are installed (`i18n models install id-en en-ru en-vi`, or
point --packages-dir at a folder of installed packages): the figures then say which
strategy to make the default. Without any installed package it falls back to the tiny
copy-model packages of the test suite (built into bench/.cache/), where every strategy
scores 100% and only the plumbing is measured; the output says so.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def tiny_packages() -> Path:
    """Install the test suite's tiny copy packages into bench/.cache/ (once)."""
    import tinymodel

    from i18n.engines.packages import install_files, list_installed

    folder = ROOT / "bench" / ".cache" / "placeholders" / "packages"
    if not list_installed(folder):
        archives = tinymodel.build_tiny_packages(ROOT / "bench" / ".cache" / "placeholders" / "build")
        install_files(list(archives.values()), packages_dir=folder)
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages-dir", type=Path, default=None)
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary")
    parser.add_argument("--articles", default=str(ROOT / "articles" / "*" / "*.txt"))
    parser.add_argument("--targets", default="en,ru,vi,id")
    args = parser.parse_args(argv)

    from i18n.article import read_article
    from i18n.engines.argos import ArgosEngine
    from i18n.engines.enforce import PROTECTED_TYPES, translate_segments
    from i18n.engines.packages import list_installed
    from i18n.engines.protect import STRATEGIES
    from i18n.errors import MissingModelError
    from i18n.glossary.model import load_glossary
    from i18n.langs import SUPPORTED, parse_langs
    from i18n.segment import segment_article

    packages_dir = args.packages_dir
    note = "real models"
    try:
        have = list_installed(packages_dir)
    except Exception:  # noqa: BLE001 - an unusable default folder counts as none
        have = []
    if not have:
        packages_dir = tiny_packages()
        note = "tiny copy models (no real package installed): plumbing only, every strategy should score 1.00"
    glossary = load_glossary(args.glossary)
    targets = parse_langs(args.targets)
    strategies: list[str | None] = [None, *STRATEGIES]
    totals = {s: [0, 0, 0] for s in strategies}  # honoured, terms, fallbacks
    t0 = time.perf_counter()
    for path in sorted(glob.glob(args.articles)):
        lang = Path(path).parent.name
        if lang not in SUPPORTED:
            continue
        texts = [s.text for s in segment_article(read_article(Path(path), lang))]
        for target in targets:
            if target == lang:
                continue
            for strategy in strategies:
                engine = ArgosEngine(packages_dir=packages_dir)
                try:
                    results = translate_segments(engine, texts, lang, target, glossary=glossary, strategy=strategy)
                except MissingModelError:
                    break
                for text, res in zip(texts, results, strict=True):
                    terms = [m for m in glossary.find_terms(text, lang) if m.term.type in PROTECTED_TYPES]
                    missed = {c.concept for c in res.unhonoured}
                    totals[strategy][0] += sum(m.term.concept not in missed for m in terms)
                    totals[strategy][1] += len(terms)
                    totals[strategy][2] += res.protection_failed
    print(f"placeholder strategies on {note} ({time.perf_counter() - t0:.1f} s):", file=sys.stderr)
    shares = {}
    for strategy, (ok, n, fallbacks) in totals.items():
        name = strategy or "none"
        shares[name] = ok / n if n else 0.0
        print(f"  {name:10} {ok:4}/{n:<4} names/dnt honoured ({shares[name]:.2f}), {fallbacks} fallbacks", file=sys.stderr)
    print("BENCH placeholders: " + " ".join(f"{k}={v:.2f}" for k, v in shares.items()))


if __name__ == "__main__":
    os.environ.setdefault("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    main()
