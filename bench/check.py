"""`i18n check` speed: entries per second over 50,000 entries in 100 PO files, 5,000 terms.

Corpus (generated, seeded): English -> Russian news sentences from templates, with
synthetic names, terms and do-not-translate names from a 5,000-term glossary, inflected
in Russian (`с Варколином`, `в Тарбенске`), numbers, dates and quotes; about 3% carry a
planted error (a changed number, a misspelt name, a forbidden form). Our figure is the
whole run: glossary load, PO parsing, every check, cross-file consistency.

Baseline: the Weblate style of glossary checking, one case-insensitive `\\bterm\\b` regular
expression per term variant per entry on the source and, for a term found, on the target.
It is timed on the first BASELINE_ENTRIES entries and extrapolated (it is three orders of
magnitude slower), and it does only the glossary part and no PO parsing, so the ratio is
conservative.

The baselines a user would actually pick, over every entry and on one core like ours with
`jobs=1`: one combined alternation regex per side (source forms, target forms) and
Aho-Corasick (`ahocorasick_rs`, leftmost-longest, whole-word filter), each reporting the
entries where a source term's target form is missing. They match exact forms only, so on
Russian they report every oblique case as missing (their finding counts are printed). Paired
rounds (ours, regex, Aho-Corasick; median of ROUNDS); `vs_regex` and `vs_ahocorasick` compare
the whole `i18n check` run on one core with the bare glossary scan of each baseline.

Before and after: `--before DIR` names a checkout of the code to compare with (for issue 18's
matcher: `git worktree add /tmp/oldmatch 5c47702`). Both trees' `i18n check` then run as whole
processes (`python DIR/cli.py check ... --format json`, worker processes as the CLI chooses),
alternating, ROUNDS each; `vs_before` is the ratio of the median wall times, `vs_before_cpu`
of the median CPU times (the process and its workers: steadier on a busy machine), and their
JSON findings must be equal.

Run: python bench/check.py [--before DIR]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILES = 100
PER_FILE = 500
TERMS = 5_000
BASELINE_ENTRIES = 300
ROUNDS = 3

SYLLABLES = [
    ("var", "вар"), ("ko", "ко"), ("lin", "лин"), ("tar", "тар"), ("ben", "бен"), ("mor", "мор"),
    ("zel", "зел"), ("dan", "дан"), ("kir", "кир"), ("pol", "пол"), ("sen", "сен"), ("gor", "гор"),
    ("mat", "мат"), ("vel", "вел"), ("ros", "рос"), ("kal", "кал"), ("nev", "нев"), ("dor", "дор"),
    ("lis", "лис"), ("bar", "бар"), ("to", "то"), ("ra", "ра"), ("mi", "ми"), ("na", "на"),
]
ENDINGS = [("lin", "лин"), ("rov", "ров"), ("sk", "ск"), ("dar", "дар"), ("gen", "ген"), ("mir", "мир")]
CASES = {"nom": "", "gen": "а", "ins": "ом", "prep": "е"}
TEMPLATES = [
    ("{k}. {A} met {B} in {C} on {d} September {y}.",
     "{k}. {A:nom} встретился с {B:ins} в {C:prep} {d} сентября {y} года."),
    ("{k}. \"We discussed {n} issues with {A},\" {B} said.",
     "{k}. «Мы обсудили с {A:ins} {n} вопросов», — сказал {B:nom}."),
    ("{k}. The {T} of {C} grew by {x}.{z} percent in {y}.",
     "{k}. {T:nom} {C:gen} вырос на {x},{z} процента в {y} году."),
    ("{k}. According to {D}, {A} will visit {C} on {d} March.",
     "{k}. По данным {D}, {A:nom} посетит {C:nom} {d} марта."),
    ("{k}. Officials in {C} confirmed that {n} people attended the forum (see https://example.org/{n}).",
     "{k}. Официальные лица в {C:prep} подтвердили, что форум посетили {n} человек (см. https://example.org/{n})."),
]


def make_terms(rng: random.Random) -> list[dict]:
    """TERMS synthetic concepts: names (one or two words), lower-case terms, dnt, forbidden."""
    seen: set[str] = set()
    terms = []
    while len(terms) < TERMS:
        words = []
        for _ in range(rng.choice((1, 1, 2))):
            parts = rng.sample(SYLLABLES, rng.choice((1, 2))) + [rng.choice(ENDINGS)]
            words.append(("".join(p[0] for p in parts), "".join(p[1] for p in parts)))
        en = " ".join(w[0].capitalize() for w in words)
        ru = " ".join(w[1].capitalize() for w in words)
        if len(terms) % 20 == 15:  # forbidden: a misspelling no other term shares (ь)
            ru = ru[:2] + "ь" + ru[2:]
        if en.lower() in seen:
            continue
        seen.add(en.lower())
        i = len(terms)
        kind = "term" if i % 10 in (3, 6, 9) else "dnt" if i % 20 == 5 else "forbidden" if i % 20 == 15 else "name"
        if kind == "term":
            en, ru = en.lower(), ru.lower()
        terms.append({"concept": f"c{i}", "type": kind, "en": en, "ru": ru})
    return terms


def write_glossary(folder: Path, terms: list[dict]) -> None:
    rows = ["concept,type,en,ru,note"]
    for t in terms:
        if t["type"] == "dnt":
            rows.append(f"{t['concept']},dnt,{t['en']},,")
        elif t["type"] == "forbidden":
            rows.append(f"{t['concept']},forbidden,,{t['ru']},misspelling: write the glossary form")
        else:
            rows.append(f"{t['concept']},{t['type']},{t['en']},{t['ru']},")
    folder.mkdir(parents=True)
    (folder / "terms.csv").write_text("\n".join(rows) + "\n", "utf-8")


def inflect(ru: str, case: str) -> str:
    words = ru.split(" ")
    return " ".join(words[:-1] + [words[-1] + CASES[case]])


def make_catalogs(folder: Path, terms: list[dict], rng: random.Random) -> list[tuple[str, str]]:
    """FILES PO files of PER_FILE entries; returns every (msgid, msgstr) for the baseline."""
    names = [t for t in terms if t["type"] == "name"]
    plain = [t for t in terms if t["type"] == "term"]
    dnt = [t for t in terms if t["type"] == "dnt"]
    forbidden = [t for t in terms if t["type"] == "forbidden"]
    header = (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
        '"Last-Translator: Bench <b@example.org>\\n"\n"Language-Team: Russian\\n"\n"Language: ru\\n"\n'
        '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n"X-Source-Language: en\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    )
    pairs = []
    k = 0
    for f in range(FILES):
        out = [header]
        for _ in range(PER_FILE):
            k += 1
            en_t, ru_t = rng.choice(TEMPLATES)
            slots = {"A": rng.choice(names), "B": rng.choice(names), "C": rng.choice(names),
                     "T": rng.choice(plain), "D": rng.choice(dnt)}
            nums = {"k": str(k), "d": str(rng.randint(1, 28)), "y": str(rng.randint(1990, 2030)),
                    "n": str(rng.randint(2, 900)), "x": str(rng.randint(1, 9)), "z": str(rng.randint(1, 9))}
            en = re.sub(r"\{(\w)\}", lambda m, nums=nums, slots=slots: nums.get(m.group(1)) or slots[m.group(1)]["en"], en_t)

            def fill(m, nums=nums, slots=slots):
                key, case = m.group(1), m.group(2) or "nom"
                if key in nums:
                    return nums[key]
                term = slots[key]
                return term["en"] if term["type"] == "dnt" else inflect(term["ru"], case)

            ru = re.sub(r"\{(\w)(?::(\w+))?\}", fill, ru_t)
            roll = rng.random()
            if roll < 0.01:
                ru = ru.replace(nums["k"] + ".", str(k + 1) + ".", 1)  # a changed number
            elif roll < 0.02:
                name = inflect(slots["A"]["ru"], "nom")
                ru = ru.replace(name, name[:-2] + "ы" + name[-1], 1)  # a misspelt name
            elif roll < 0.03:
                ru = ru.rstrip(".") + ", " + rng.choice(forbidden)["ru"] + "."  # a forbidden form
            fuzzy = "#, fuzzy\n" if rng.random() < 0.3 else ""
            esc_en, esc_ru = en.replace('"', '\\"'), ru.replace('"', '\\"')
            out.append(f'#: article-{f}.txt:{k}\n{fuzzy}msgid "{esc_en}"\nmsgstr "{esc_ru}"\n')
            pairs.append((en, ru))
        path = folder / "ru" / "LC_MESSAGES" / f"article-{f:03d}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(out), "utf-8")
    return pairs


def baseline(pairs: list[tuple[str, str]], terms: list[dict]) -> tuple[float, int]:
    """Weblate style: one compiled case-insensitive \\bterm\\b regex per term, per entry."""
    compiled = []
    for t in terms:
        if t["type"] == "forbidden":
            continue
        target = t["en"] if t["type"] == "dnt" else t["ru"]
        compiled.append((re.compile(rf"\b{re.escape(t['en'])}\b", re.IGNORECASE),
                         re.compile(rf"\b{re.escape(target)}\b", re.IGNORECASE)))
    subset = pairs[:BASELINE_ENTRIES]
    start = time.perf_counter()
    findings = 0
    for source, target in subset:
        for src_re, tgt_re in compiled:
            if src_re.search(source) and not tgt_re.search(target):
                findings += 1
    return len(subset) / (time.perf_counter() - start), findings


def glossary_pairs(terms: list[dict]) -> list[tuple[str, str, str]]:
    """(concept, source form, target form) of every checked term, lower-cased."""
    out = []
    for t in terms:
        if t["type"] != "forbidden":
            target = t["en"] if t["type"] == "dnt" else t["ru"]
            out.append((t["concept"], t["en"].lower(), target.lower()))
    return out


def combined_regex_check(pairs: list[tuple[str, str]], terms: list[dict]) -> int:
    """One alternation regex for the source forms, one for the target forms."""
    rows = glossary_pairs(terms)
    by_source = {src: (c, tgt) for c, src, tgt in rows}
    targets = {tgt for _, _, tgt in rows}

    def alternation(forms):
        body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)

    src_re, tgt_re = alternation(by_source), alternation(targets)
    findings = 0
    for source, target in pairs:
        wanted = {by_source[m.group().lower()][1] for m in src_re.finditer(source)}
        if wanted:
            findings += len(wanted - {m.group().lower() for m in tgt_re.finditer(target)})
    return findings


def aho_corasick_check(pairs: list[tuple[str, str]], terms: list[dict]) -> int:
    """ahocorasick_rs over the lower-cased source and target, whole words only."""
    import ahocorasick_rs

    rows = glossary_pairs(terms)
    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    src_forms = [src for _, src, _ in rows]
    tgt_forms = sorted({tgt for _, _, tgt in rows})
    tgt_index = {form: i for i, form in enumerate(tgt_forms)}
    wanted_of = [tgt_index[tgt] for _, _, tgt in rows]
    src_ac = ahocorasick_rs.AhoCorasick(src_forms, matchkind=kind)
    tgt_ac = ahocorasick_rs.AhoCorasick(tgt_forms, matchkind=kind)

    def words(ac, text):
        low = text.lower()
        return [i for i, s, e in ac.find_matches_as_indexes(low)
                if not (s and low[s - 1].isalnum()) and not (e < len(low) and low[e].isalnum())]

    findings = 0
    for source, target in pairs:
        wanted = {wanted_of[i] for i in words(src_ac, source)}
        if wanted:
            findings += len(wanted - set(words(tgt_ac, target)))
    return findings


def cli_check(tree: Path, folder: Path) -> tuple[float, float, str]:
    """`i18n check` of `tree` as a whole process on the corpus: wall seconds, CPU seconds, JSON."""
    command = [sys.executable, str(tree / "cli.py"), "check", str(folder / "locales"), "--glossary",
               str(folder / "glossary"), "--isolated", "--quiet", "--format", "json", "--fail-on", "never"]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=folder).stdout
    wall = time.perf_counter() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime, out


def before_and_after(before: Path, folder: Path) -> dict[str, float | bool]:
    """Median wall and CPU seconds of this tree's and `before`'s `i18n check`, alternating."""
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "before": []}
    outputs = set()
    for _ in range(ROUNDS):
        for name, tree in (("ours", ROOT), ("before", before)):
            wall, cpu, out = cli_check(tree, folder)
            runs[name].append((wall, cpu))
            outputs.add(out)
    med = {(name, k): statistics.median(r[k] for r in rs) for name, rs in runs.items() for k in (0, 1)}
    return {"wall": med[("ours", 0)], "cpu": med[("ours", 1)], "wall_before": med[("before", 0)],
            "cpu_before": med[("before", 1)], "same": len(outputs) == 1}


def main() -> None:
    from i18n.checks.runner import check_paths
    from i18n.glossary.model import load_glossary

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rng = random.Random(20260127)
    terms = make_terms(rng)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_glossary(tmp / "glossary", terms)
        pairs = make_catalogs(tmp / "locales", terms, rng)
        start = time.perf_counter()
        glossary = load_glossary(tmp / "glossary")
        loaded = time.perf_counter()
        report = check_paths([tmp / "locales"], glossary=glossary)
        elapsed = time.perf_counter() - start

        def ours_one_core() -> int:
            return len(check_paths([tmp / "locales"], glossary=load_glossary(tmp / "glossary"), jobs=1).findings)

        sides = {
            "ours": ours_one_core,
            "regex": lambda: combined_regex_check(pairs, terms),
            "ahocorasick": lambda: aho_corasick_check(pairs, terms),
        }
        times: dict[str, list[float]] = {name: [] for name in sides}
        found: dict[str, int] = {}
        for _ in range(ROUNDS):  # paired: every side once per round, same data, one core each
            for name, fn in sides.items():
                t0 = time.perf_counter()
                found[name] = fn()
                times[name].append(time.perf_counter() - t0)
        compared = before_and_after(args.before.resolve(), tmp) if args.before else None
    median = {name: statistics.median(t) for name, t in times.items()}
    entries = report.entries
    ours = entries / elapsed
    base, _ = baseline(pairs, terms)
    counts = {s: report.count(s) for s in ("error", "warning", "info")}
    print(f"corpus: {report.files} PO files, {entries} entries, {len(terms)} glossary terms")
    print(f"i18n check: {elapsed:.2f} s total (glossary load {loaded - start:.2f} s), "
          f"{ours:,.0f} entries/s, findings {counts}")
    print(f"baseline (regex per term per entry, {BASELINE_ENTRIES} entries, extrapolated): {base:,.0f} entries/s")
    print(f"one core, median of {ROUNDS} paired rounds:")
    print(f"  i18n check (jobs=1, whole run)     {entries / median['ours']:10,.0f} entries/s, {found['ours']} findings")
    for name, label in (("regex", "combined regex, glossary only"), ("ahocorasick", "Aho-Corasick, glossary only")):
        print(f"  {label:34} {entries / median[name]:10,.0f} entries/s, {found[name]} missing-term findings "
              "(exact forms: oblique Russian cases count as missing)")
    print(f"cores: {os.cpu_count()}, load average before the run: {load:.1f}")
    before = ""
    if compared:
        print(f"i18n check as a whole process, median of {ROUNDS} alternating: before ({args.before}) "
              f"{compared['wall_before']:.2f} s wall, {compared['cpu_before']:.2f} s CPU; ours {compared['wall']:.2f} s "
              f"wall, {compared['cpu']:.2f} s CPU; findings {'equal' if compared['same'] else 'DIFFERENT'}")
        before = (f" vs_before={compared['wall_before'] / compared['wall']:.2f} "
                  f"vs_before_cpu={compared['cpu_before'] / compared['cpu']:.2f} "
                  f"same_as_before={'yes' if compared['same'] else 'no'}")
    print(f"BENCH check: entries_per_s={ours:.0f} vs_baseline={ours / base:.1f} "
          f"vs_regex={median['regex'] / median['ours']:.2f} vs_ahocorasick={median['ahocorasick'] / median['ours']:.2f}"
          f"{before}")


if __name__ == "__main__":
    main()
