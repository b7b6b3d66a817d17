"""Benchmark: translation-memory lookups (word index + rapidfuzz) vs difflib over the same memory.

    python bench/memory.py        (about 5 minutes on 2 cores, most of it the difflib baseline)

Memory: 100,000 distinct Indonesian news sentences generated from templates with a seeded
random generator (people with their titles, reporting verbs, dated datelines, places,
figures, institutions: "Menteri Keuangan Sri Mulyani mengatakan di Jakarta, Senin (12/3),
bahwa harga beras naik 12 persen."), stored into a temporary SQLite memory. Such a memory
is hard for a fuzzy index: every sentence shares most of its words with thousands of others.

Lookups: 1,000 segments, looked up as one job per kind:
- 300 exact: stored sentences (a dictionary hit, no fuzzy search);
- 500 fuzzy: stored sentences edited as a follow-up story edits them (a figure or date
  changed, a word replaced, inserted or dropped, a name swapped; one or two edits);
- 200 new: sentences from templates the memory never saw (most are misses).
Ours is timed per kind (median of ROUNDS rounds over the same segments); `fuzzy_per_s` is
the rate of the non-exact lookups (fuzzy and new), the path difflib is compared with.

Baseline: `difflib.get_close_matches(segment, memory, n=1, cutoff=0.75)` over the same
100,000 sentences. It takes tens of seconds per segment, so it is timed on a sample of
BASELINE_SAMPLE non-exact segments (fuzzy and new, spread over the job) and its per-lookup
median is compared with ours. On the same sample, `agreement` is the share of segments for
which ours and difflib give the same answer (the same stored sentence, or both none).
`fuzzy_found` is the share of the 500 fuzzy segments matched at >= 75, `fuzzy_source` the
share matched to the very sentence they were edited from, and `vs_full_scan` the share of the
700 non-exact segments for which ours finds a unit as similar as rapidfuzz over all 100,000
units does (the index's recall; about 20 s).

Ends with
`BENCH memory: lookups_per_s=<all 1,000> vs_baseline=<fuzzy_per_s / difflib> build_s=<memory build> ...`.
"""
from __future__ import annotations

import difflib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from i18n.catalog.memory import TMUnit, TranslationMemory, normalize_key  # noqa: E402

N_UNITS = 100_000
N_EXACT, N_FUZZY, N_NEW = 300, 500, 200
BASELINE_SAMPLE = 6
ROUNDS = 3
THRESHOLD = 75

PEOPLE = [
    ("Presiden", ["Joko Widodo", "Prabowo Subianto", "Vladimir Putin", "Joe Biden", "Xi Jinping"]),
    ("Menteri Keuangan", ["Sri Mulyani", "Bambang Brodjonegoro", "Chatib Basri"]),
    ("Menteri Luar Negeri", ["Retno Marsudi", "Sergei Lavrov", "Sugiono"]),
    ("Gubernur", ["Ridwan Kamil", "Ganjar Pranowo", "Anies Baswedan", "Khofifah Indar Parawansa", "Pramono Anung"]),
    ("Wali Kota", ["Eri Cahyadi", "Bobby Nasution", "Gibran Rakabuming", "Danny Pomanto"]),
    ("Juru bicara kepolisian", ["Komisaris Besar Ade Ary", "Inspektur Jenderal Sandi Nugroho", "Ajun Komisaris Yusri"]),
    ("Kepala BNPB", ["Suharyanto", "Doni Monardo", "Letnan Jenderal Ganip Warsito"]),
    ("Ketua DPR", ["Puan Maharani", "Bambang Soesatyo"]),
    ("Pemimpin Korea Utara", ["Kim Jong Un"]),
    ("Ekonom", ["Faisal Basri", "Bhima Yudhistira", "Tauhid Ahmad", "Enny Sri Hartati"]),
]
VERBS = ["mengatakan", "menegaskan", "menyatakan", "mengungkapkan", "menjelaskan", "menyebutkan", "memastikan"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
PLACES = [
    "Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Yogyakarta", "Denpasar",
    "Palembang", "Balikpapan", "Manado", "Kupang", "Jayapura", "Padang", "Pontianak", "Mataram",
    "Ambon", "Banda Aceh", "Moskow", "Vladivostok", "Beijing", "Washington", "Singapura", "Kuala Lumpur",
]
GOODS = ["beras", "cabai", "minyak goreng", "gula", "bawang merah", "telur", "daging sapi", "bensin", "solar", "kedelai"]
SECTORS = ["pendidikan", "kesehatan", "pertahanan", "infrastruktur", "bantuan sosial", "pertanian", "riset"]
DISASTERS = ["banjir", "tanah longsor", "gempa bumi", "kebakaran hutan", "angin puting beliung", "erupsi gunung"]
BODIES = ["Bank Indonesia", "Badan Pusat Statistik", "Kementerian Perdagangan", "OJK", "Pertamina", "PLN", "Bulog"]
CLAUSES = [
    "harga {good} di {place} naik {pct} persen dalam sepekan terakhir",
    "pemerintah akan menaikkan anggaran {sector} sebesar {pct} persen tahun depan",
    "{n} orang tewas dan {m} lainnya luka-luka akibat {disaster} di {place}",
    "{disaster} merendam {n} rumah warga di {place} sejak {day} malam",
    "{body} mencatat inflasi bulan lalu sebesar {d},{m} persen",
    "pasokan {good} untuk wilayah {place} dalam kondisi aman hingga akhir tahun",
    "sebanyak {n} petugas dikerahkan untuk mengamankan kegiatan di {place}",
    "{body} akan menambah impor {good} sebanyak {n} ribu ton",
    "kedua negara sepakat memperkuat kerja sama di bidang {sector}",
    "polisi telah memeriksa {n} saksi terkait kasus tersebut di {place}",
    "pihaknya masih menunggu hasil penyelidikan {body} soal {disaster} di {place}",
    "penyaluran bantuan {sector} bagi {n} ribu keluarga di {place} dimulai pekan depan",
]
NEW_CLAUSES = [  # never in the memory: the "new" segments
    "tim nasional sepak bola lolos ke babak final setelah menang {n}-{d} atas lawannya",
    "konser musik di {place} ditunda karena cuaca buruk yang melanda sejak {day}",
    "jadwal kereta cepat menuju {place} berubah mulai bulan depan",
    "festival film pelajar akan digelar di {place} selama {d} hari",
]
FRAMES = [
    "{who} {verb} di {city}, {day} ({date}), bahwa {clause}.",
    "{Clause}, kata {who} di {city}, {day} ({date}).",
    "Menurut {who}, {clause}.",
    "\u201c{Clause},\u201d ujar {who} kepada wartawan di {city}, {day} ({date}).",
    "{who} {verb} {clause}.",
]


def _slots(rng: random.Random) -> dict[str, str]:
    role, names = rng.choice(PEOPLE)
    return {
        "who": f"{role} {rng.choice(names)}", "verb": rng.choice(VERBS), "day": rng.choice(DAYS),
        "date": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}", "place": rng.choice(PLACES),
        "good": rng.choice(GOODS), "sector": rng.choice(SECTORS), "disaster": rng.choice(DISASTERS),
        "body": rng.choice(BODIES), "n": str(rng.randint(2, 400)), "m": str(rng.randint(1, 99)),
        "d": str(rng.randint(1, 9)), "pct": str(rng.randint(1, 60)), "city": rng.choice(PLACES),
    }


def sentence(rng: random.Random, clauses: list[str]) -> str:
    """One news sentence: a frame around a clause, every slot drawn from `rng`."""
    slots = _slots(rng)
    clause = rng.choice(clauses).format(**slots)
    return rng.choice(FRAMES).format(clause=clause, Clause=clause[0].upper() + clause[1:], **slots)


def sentences(rng: random.Random, n: int, clauses: list[str]) -> list[str]:
    """n distinct sentences, in the order drawn."""
    out: dict[str, None] = {}
    while len(out) < n:
        out[sentence(rng, clauses)] = None
    return list(out)


def edit(rng: random.Random, text: str) -> str:
    """`text` as a follow-up story changes it: one or two word-level edits."""
    words = text.split()
    for _ in range(rng.randint(1, 2)):
        k = rng.randrange(len(words))
        kind = rng.choice(["figure", "replace", "insert", "drop", "name"])
        if kind == "figure" and any(w.strip("(),.").isdigit() for w in words):
            k = rng.choice([i for i, w in enumerate(words) if w.strip("(),.").isdigit()])
            words[k] = words[k].replace(words[k].strip("(),."), str(rng.randint(2, 400)))
        elif kind == "insert":
            words.insert(k, rng.choice(["juga", "kembali", "sekitar", "hampir", "resmi", "baru"]))
        elif kind == "drop" and len(words) > 6:
            del words[k]
        elif kind == "name":
            words[k] = rng.choice(rng.choice(PEOPLE)[1]).split()[-1]
        else:
            words[k] = rng.choice(PLACES + GOODS + DAYS).split()[0]
    return " ".join(words)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def make_job(rng: random.Random) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """The memory's sentences, the segments by kind, and the source of each fuzzy segment."""
    texts = sentences(rng, N_UNITS, CLAUSES)
    stored = set(texts)
    exact = rng.sample(texts, N_EXACT)
    sources = rng.sample(texts, N_FUZZY)
    fuzzy = []
    for source in sources:
        edited = edit(rng, source)
        while edited in stored:  # an edit that lands on another stored sentence is an exact hit: edit again
            edited = edit(rng, source)
        fuzzy.append(edited)
    new = [s for s in sentences(rng, N_NEW * 2, NEW_CLAUSES) if s not in stored][:N_NEW]
    return texts, {"exact": exact, "fuzzy": fuzzy, "new": new}, sources


def run_ours(texts: list[str], segments: dict[str, list[str]]) -> tuple[float, dict[str, float], dict[str, dict]]:
    """Build the memory (timed), then look each kind of segment up: median seconds per kind, matches."""
    with tempfile.TemporaryDirectory() as tmp, TranslationMemory(Path(tmp) / "tm.sqlite") as tm:
        units = [TMUnit("id", "en", t, t.upper(), "bench", n + 1, "2026-11-01T00:00:00Z") for n, t in enumerate(texts)]
        # The first lookup builds the pair's word index: part of the build.
        build_s, _ = timed(lambda: (tm.replace_origin("bench", units), tm.lookup(["pemanasan"], "id", "en")))
        rounds: dict[str, list[float]] = {kind: [] for kind in segments}
        found: dict[str, dict] = {}
        for _ in range(ROUNDS):
            for kind, segs in segments.items():
                seconds, found[kind] = timed(lambda segs=segs: tm.lookup(segs, "id", "en", threshold=THRESHOLD))
                rounds[kind].append(seconds)
    return build_s, {kind: statistics.median(r) for kind, r in rounds.items()}, found


def run_baseline(texts: list[str], sample: list[str], ours: dict) -> tuple[float, int]:
    """difflib over the whole memory for each sampled segment: median seconds, answers equal to ours."""
    base_s, agree = [], 0
    for q in sample:
        seconds, close = timed(lambda q=q: difflib.get_close_matches(q, texts, n=1, cutoff=THRESHOLD / 100))
        base_s.append(seconds)
        theirs = close[0] if close else None
        mine = ours[q].unit.text if q in ours else None
        agree += theirs == mine
        theirs_score = "-" if theirs is None else f"{difflib.SequenceMatcher(None, q, theirs).ratio() * 100:.0f}"
        print(f"  difflib {seconds:5.1f} s: {'same' if theirs == mine else 'differs'} "
              f"(ours {'-' if mine is None else f'{ours[q].score:.0f}'}, difflib {theirs_score})", flush=True)
    return statistics.median(base_s), agree


def full_scan_agreement(texts: list[str], segments: list[str], ours: dict) -> float:
    """The share of `segments` for which ours scores as high as rapidfuzz over every unit (or both find none)."""
    from rapidfuzz import fuzz, process

    lower = [normalize_key(t).lower() for t in texts]
    same = 0
    for q in segments:
        best = process.extractOne(normalize_key(q).lower(), lower, scorer=fuzz.ratio, score_cutoff=THRESHOLD)
        mine = ours.get(q)
        same += (best is None and mine is None) or (
            best is not None and mine is not None and mine.score >= round(best[1], 1)
        )
    return same / len(segments)


def main() -> None:
    texts, segments, sources = make_job(random.Random(15))
    build_s, took, found = run_ours(texts, segments)
    exact, fuzzy, new = segments["exact"], segments["fuzzy"], segments["new"]
    exact_per_s = N_EXACT / took["exact"]
    fuzzy_per_s = (N_FUZZY + N_NEW) / (took["fuzzy"] + took["new"])
    lookups_per_s = (N_EXACT + N_FUZZY + N_NEW) / sum(took.values())
    hits = found["fuzzy"]
    fuzzy_found = sum(q in hits for q in fuzzy) / N_FUZZY
    fuzzy_source = sum(q in hits and hits[q].unit.text == s for q, s in zip(fuzzy, sources, strict=True)) / N_FUZZY
    exact_found = sum(q in found["exact"] and found["exact"][q].exact for q in exact) / N_EXACT
    new_found = sum(q in found["new"] for q in new) / N_NEW
    print(f"memory of {N_UNITS} units built in {build_s:.1f} s (SQLite insert + word index)")
    print(f"ours, median of {ROUNDS} rounds: {N_EXACT} exact in {took['exact'] * 1000:.0f} ms "
          f"({exact_found:.0%} found), {N_FUZZY} fuzzy in {took['fuzzy']:.2f} s ({fuzzy_found:.0%} matched, "
          f"{fuzzy_source:.0%} to their source sentence), {N_NEW} new in {took['new']:.2f} s ({new_found:.0%} matched)",
          flush=True)
    start = time.perf_counter()
    full_scan = full_scan_agreement(texts, fuzzy + new, {**found["fuzzy"], **found["new"]})
    print(f"rapidfuzz over all {N_UNITS} units (no index), {time.perf_counter() - start:.0f} s: "
          f"ours as good on {full_scan:.1%} of the {N_FUZZY + N_NEW} non-exact segments", flush=True)
    if "--no-baseline" in sys.argv:
        return
    step = (N_FUZZY + N_NEW) // BASELINE_SAMPLE  # the sample, spread over the fuzzy and new segments
    sample = (fuzzy + new)[step // 2::step][:BASELINE_SAMPLE]
    base_s, agree = run_baseline(texts, sample, {**found["fuzzy"], **found["new"]})
    print(f"difflib: median {base_s:.1f} s per lookup over a sample of {len(sample)} non-exact segments "
          f"(the whole job would take about {(N_FUZZY + N_NEW) * base_s / 3600:.1f} h); "
          f"same answer as ours on {agree}/{len(sample)}")
    print(f"BENCH memory: lookups_per_s={lookups_per_s:.0f} vs_baseline={fuzzy_per_s * base_s:.0f} "
          f"build_s={build_s:.1f} exact_per_s={exact_per_s:.0f} fuzzy_per_s={fuzzy_per_s:.0f} "
          f"fuzzy_found={fuzzy_found:.2f} fuzzy_source={fuzzy_source:.2f} new_found={new_found:.2f} "
          f"baseline_s={base_s:.1f} agreement={agree}/{len(sample)} vs_full_scan={full_scan:.3f}")


if __name__ == "__main__":
    main()
