"""Benchmark: our engine stack vs argostranslate (as shipped and tuned) vs raw CTranslate2.

    nice python bench/engine.py       (about 15 minutes on 2 shared cores; the model is built once)

A random-weight int8 Transformer of the size of real Argos models (Transformer base: 6+6
layers, d_model 512, 8 heads, FFN 2048, 32,000 tokens) is written once into bench/.cache/
and installed as an Argos package (with a tiny MiniSBD model, so argostranslate downloads
nothing). Random weights never emit `</s>`, so every side decodes exactly MAX_LEN tokens per
sentence: the same fixed max_decoding_length everywhere (our limit proportional to the source,
which the others do not have, is off here; on a looping real model it only saves time).

Every side decodes the same 100 distinct sentences with the same settings (beam 4, length
penalty 0.2, 1024-token batches, inter_threads 2 / intra_threads 1, max length 64), after a
warm-up call that loads its model, in ROUNDS paired rounds whose order rotates (A B C D,
B C D A, ...); the figures are medians (wall time; CPU time of the process beside it, which
other sessions' load disturbs less):

  tuned    argostranslate configured like ours: its translation object's own CTranslate2 call
           over exactly our sentences (a stand-in sentencizer), 1024-token batches, inter 2 /
           intra 1, max length 64; argostranslate's outer object memoises texts, so its
           underlying translation is timed;
  ours     i18n's ArgosEngine as `i18n translate` stacks it (pivot, guard, memo), a fresh stack
           each round. The guard's detector looks at every output (its cost is in this time);
           random-weight outputs are gibberish that it mostly finds degenerate, so its second
           decode is switched off here and timed apart (`redecode_s`): with a real model only
           the few looping or cut outputs are decoded again;
  raw      ctranslate2.Translator.translate_batch with the same settings, SentencePiece in and out;
  generic  i18n's generic CT2Engine (`ctranslate2`) on the same package folder, stacked the same;
  intra    ours with the other way to use 2 cores (inter_threads 1 / intra_threads 2: one batch at
           a time on two threads), for the default (`vs_intra2` = its time / ours).

How the sides cut their batches differs: tuned, raw and intra take CTranslate2's greedy cut
(as many sentences as fit 1024 padded tokens, longest first): 15/35/50 sentences here, so two
threads decode the first two batches and one thread the third alone. Ours and generic cut a
multiple of inter_threads batches of balanced padded size (i18n/engines/ct2.py `_batches`):
10/18/30/42 here (650-672 padded tokens each), every thread busy to the end. Padded size is
the cost of a real model's batch (its decoder runs about as many steps as the longest source
has tokens); on these random weights every sentence costs MAX_LEN steps, so a batch costs its
sentence count and the balance is only partial here (threads 10+30 and 18+42 sentences, where
CTranslate2's cut gives 15+50 and 35).

Then a one-article job, the example article's 20 sentences, in ROUNDS paired rounds of tuned,
ours and raw (`article_vs_argos_tuned`, `article_vs_raw`): CTranslate2 cuts it 15/5 (975 and 30
padded tokens), ours 7/13 (455 and 481).

ours, raw, generic and intra should give the same text for every sentence (checked;
`same_text`), and argostranslate's joined output the same characters as ours joined
(`same_as_argos`); an int8 output can follow its batch's padding (another batch, other shapes,
other sums), so with the two cuts a sentence or so differs (float32: identical; tests/test_ct2.py). Then once:
argostranslate as shipped (one sentence per call, 32-token batches, one pool of all cores),
the detector's cost per segment, the guard's second decode of what it flagged, and the segments
a glossary job decodes per segment and target (`decodes_per_segment`, floor 1.00). Ends with
`BENCH engine: sent_per_s=<ours> vs_argos=<shipped/ours> vs_argos_tuned=<tuned/ours>
vs_raw=<raw/ours> generic_vs_argos=<ours/generic> cpu_vs_argos_tuned=.. cpu_vs_raw=.. vs_intra2=..
detector_ms_per_segment=.. redecode_s=.. decodes_per_segment=..
same_text=.. same_as_argos=.. article_vs_argos_tuned=.. article_vs_raw=.. load=<1-min load before-after>`
(ratios above 1: ours is faster).
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "engine"
PACKAGES = CACHE / "packages"
# argostranslate reads these when first imported: keep it inside the cache folder.
for var, sub in (("XDG_DATA_HOME", "xdg-data"), ("XDG_CONFIG_HOME", "xdg-config"), ("XDG_CACHE_HOME", "xdg-cache")):
    os.environ[var] = str(CACHE / sub)
os.environ["ARGOS_PACKAGES_DIR"] = str(PACKAGES)
os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

MAX_LEN = 64
VOCAB_SIZE = 32000
N_SENTENCES = 100


def build_package() -> Path:
    """Build and install the random base-size package once; return its folder."""
    import shutil

    import tinymodel
    import tinysbd

    from i18n.engines.packages import install_files, list_installed

    installed = [m for m in list_installed(PACKAGES) if m.pair == "id-en"]
    if installed:
        return installed[0].path
    t0 = time.perf_counter()
    work = CACHE / "build"
    shutil.rmtree(work, ignore_errors=True)
    folder = work / "translate-id_en-bench"
    folder.mkdir(parents=True)
    pieces = tinymodel.train_sentencepiece(folder / "sentencepiece.model", vocab_size=2000)
    vocab = pieces + [f"<extra_{i}>" for i in range(VOCAB_SIZE - len(pieces))]
    tinymodel.build_random_model(vocab, folder / "model")
    tinymodel.write_metadata(folder, "id", "en")
    (folder / "minisbd").mkdir()
    tinysbd.write_minisbd_onnx(folder / "minisbd" / "id.onnx", lang="id")
    archive = tinymodel.zip_package(folder, work / "translate-id_en-bench.argosmodel")
    (model,) = install_files([archive], packages_dir=PACKAGES)
    shutil.rmtree(work)
    print(f"built the benchmark package in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return model.path


def article_sentences() -> list[str]:
    """The example article's distinct sentences (a one-article job)."""
    import tinymodel

    from i18n.segment import split_sentences

    out: list[str] = []
    for line in tinymodel.ARTICLE.read_text("utf-8").splitlines():
        out.extend(s for s in split_sentences(line, "id") if s not in out)
    return out


def sentences() -> list[str]:
    """100 distinct sentences: the example article's sentences, then generated ones."""
    import tinymodel

    out = article_sentences()
    for s in tinymodel.training_sentences():
        if len(out) >= N_SENTENCES:
            break
        if s not in out and len(s) < 200:
            out.append(s)
    return out[:N_SENTENCES]


class Argos:
    """argostranslate, as shipped (a) and tuned to our settings: one package, two setups."""

    def __init__(self, texts: list[str], options) -> None:
        import argostranslate.settings as settings
        import argostranslate.translate as at
        import ctranslate2

        self.at, self.settings, self.texts = at, settings, texts
        self.translation = at.get_translation_from_codes("id", "en")
        self.translation.translate("Pemanasan model.")  # loads the model and the sentencizer
        self.inner = self.translation.underlying
        self.default = self.inner.translator  # its defaults: inter_threads 1, intra_threads 0
        self.sentencizer = self.inner.sentencizer
        self.tuned = ctranslate2.Translator(
            str(self.inner.pkg.package_path / "model"), device="cpu", compute_type=options.compute_type,
            inter_threads=options.inter_threads, intra_threads=options.intra_threads,
        )
        self.batch = options.max_batch_tokens

    def _use(self, real, batch_size: int, sentencizer) -> None:
        class FixedLength:
            """Forward to the real Translator with the same maximum length as the other paths."""

            def translate_batch(self, *args, **kwargs):
                kwargs.setdefault("max_decoding_length", MAX_LEN)
                return real.translate_batch(*args, **kwargs)

        self.inner.translator = FixedLength()
        self.inner.sentencizer = sentencizer
        self.settings.batch_size = batch_size

    def time_defaults(self) -> float:
        """As shipped: its defaults (batch 32, one thread pool of all cores), one sentence per call."""
        self._use(self.default, 32, self.sentencizer)
        t0 = time.perf_counter()
        for text in self.texts:
            self.at.translate(text, "id", "en")
        return time.perf_counter() - t0

    def tuned_runner(self, texts: list[str] | None = None):
        """Our settings (1024-token batches, inter 2 / intra 1), all sentences in one call, split
        into exactly our sentences (a stand-in sentencizer), so that both decode the same."""
        texts = texts or self.texts

        class Given:
            def split_sentences(self, text: str) -> list[str]:
                return list(texts)

        def run() -> str:
            self._use(self.tuned, self.batch, Given())
            # The underlying translation: the outer object memoises a text it has seen (rounds 2+).
            return self.inner.translate(" ".join(texts))

        run()
        return run


def options(**other):
    from i18n.engines.ct2 import EngineOptions

    # Random weights never stop: every side decodes MAX_LEN tokens (no proportional limit here).
    return EngineOptions(max_decoding_length=MAX_LEN, decode_ratio=None, **other)


def stack_runner(kind: str, folder: Path, **other):
    """ArgosEngine or the generic CT2Engine on the same package, as `i18n translate` stacks them
    (pivot, guard, memo), a fresh stack per run so that nothing is memoised; the guard's second
    decode off (see the module's doc)."""
    from i18n.engines.argos import ArgosEngine
    from i18n.engines.ct2 import CT2Engine
    from i18n.engines.pivot import compose

    class FirstDecodeArgos(ArgosEngine):
        can_redecode = False

    class FirstDecodeCT2(CT2Engine):
        can_redecode = False

    def run(texts: list[str]) -> list[str]:
        model = FirstDecodeArgos(packages_dir=PACKAGES, options=options(**other)) if kind == "argos" else (
            FirstDecodeCT2({"id-en": folder}, options=options(**other)))
        return compose(model).translate_batch(texts, "id", "en")

    run(["Pemanasan model."])
    return run


def raw_runner(folder: Path):
    """Raw CTranslate2 with the engine's settings (tokenising and decoding included)."""
    import ctranslate2
    import sentencepiece

    opts = options()
    translator = ctranslate2.Translator(
        str(folder / "model"), device=opts.device, compute_type=opts.compute_type,
        inter_threads=opts.inter_threads, intra_threads=opts.intra_threads,
    )
    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))

    def run(batch: list[str]) -> list[str]:
        results = translator.translate_batch(
            sp.encode(batch, out_type=str), max_batch_size=opts.max_batch_tokens, batch_type="tokens",
            beam_size=opts.beam_size, length_penalty=opts.length_penalty,
            max_decoding_length=MAX_LEN, replace_unknowns=True, return_scores=True,
        )
        return [sp.decode_pieces(r.hypotheses[0]).strip() for r in results]

    run(["Pemanasan model."])
    return run


ROUNDS = 5
SIDES = ("tuned", "ours", "raw", "generic", "intra")


def timed(call) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, all threads, result) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = call()
    return time.perf_counter() - w0, time.process_time() - c0, out


def paired_rounds(run: dict, label: str = "") -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, object]]:
    """(wall, CPU, last output) per side of ROUNDS paired rounds, the order rotating: A B C, B C A, ..."""
    sides = list(run)
    wall: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    out: dict[str, object] = {}
    for r in range(ROUNDS):
        for side in sides[r % len(sides):] + sides[: r % len(sides)]:
            w, c, out[side] = timed(run[side])
            wall[side].append(w)
            cpu[side].append(c)
        print(f"{label}round {r + 1}: " + ", ".join(f"{k} {wall[k][-1]:.2f} s ({cpu[k][-1]:.1f} s CPU)" for k in sides),
              file=sys.stderr)
    return wall, cpu, out


def detector_cost(texts: list[str], outputs: list[str]) -> tuple[float, int]:
    """(ms per segment, segments flagged) of the degenerate-output detector over `outputs`."""
    from i18n.engines.degenerate import find_degeneration

    t0 = time.perf_counter()
    for _ in range(10):
        flagged = sum(find_degeneration(s, o, "id", "en") is not None for s, o in zip(texts, outputs, strict=True))
    return (time.perf_counter() - t0) / 10 / len(texts) * 1000, flagged


def redecode_cost(texts: list[str], outputs: list[str]) -> float:
    """Seconds of the guard's second decode of the outputs it finds degenerate (once)."""
    from i18n.engines.argos import ArgosEngine
    from i18n.engines.degenerate import find_degeneration

    found = [(s, p) for s, o in zip(texts, outputs, strict=True) if (p := find_degeneration(s, o, "id", "en"))]
    if not found:
        return 0.0
    model = ArgosEngine(packages_dir=PACKAGES, options=options())
    t0 = time.perf_counter()
    model.redecode([s for s, _ in found], "id", "en", short=[p.kind == "short" for _, p in found])
    return time.perf_counter() - t0


def decodes_per_segment() -> tuple[int, int]:
    """(segments decoded, segments sent x targets) of one `i18n translate` job: the example
    article into en, ru and vi with the newsroom glossary, through tiny copy models (the suite's)
    whose id->en turns placeholder ⟦1⟧ into ⟦2⟧, so that each sentence with two protected names
    loses its placeholders at the first hop, as real models sometimes do. Through en, with the
    id->en hop shared by the three targets, a job that decodes nothing twice decodes once per
    segment and target: the ratio's floor is 1.00."""
    import shutil
    import tempfile

    import tinymodel

    from i18n.engines.ct2 import CT2Engine, EngineOptions
    from i18n.engines.pivot import compose
    from i18n.glossary.model import load_glossary
    from i18n.pipeline import translate_articles

    tiny = CACHE / "tiny"
    if not (tiny / "done").exists():
        shutil.rmtree(tiny, ignore_errors=True)
        tiny.mkdir(parents=True)
        vocab = tinymodel.train_sentencepiece(tiny / "sentencepiece.model")
        for s, t, extra in (("id", "en", {"1": "2"}), ("en", "ru", {}), ("en", "vi", {})):
            tinymodel.build_opus_layout(tiny, s, t, sp_model=tiny / "sentencepiece.model", vocab=vocab, mapping=extra)
        (tiny / "done").write_text("")
    model = CT2Engine({f"{s}-{t}": tiny / f"opus-mt-{s}-{t}" for s, t in (("id", "en"), ("en", "ru"), ("en", "vi"))},
                      options=EngineOptions(compute_type="float32"))
    with tempfile.TemporaryDirectory() as work:
        report = translate_articles([tinymodel.ARTICLE], "id", ["en", "ru", "vi"], engine=compose(model),
                                    locales=Path(work), glossary=load_glossary(ROOT / "glossary"))
    return model.segments, sum(lang.mt_segments for lang in report.languages)


def main() -> None:
    import statistics

    load0 = os.getloadavg()[0]
    folder = build_package()
    texts = sentences()
    assert len(texts) == N_SENTENCES and len(set(texts)) == N_SENTENCES
    argos = Argos(texts, options())
    run = {"tuned": argos.tuned_runner(), "ours": lambda: ours(texts), "raw": lambda: raw(texts),
           "generic": lambda: generic(texts), "intra": lambda: intra(texts)}
    ours, generic, raw = stack_runner("argos", folder), stack_runner("ctranslate2", folder), raw_runner(folder)
    intra = stack_runner("argos", folder, inter_threads=1, intra_threads=2)
    wall, cpu, out = paired_rounds({side: run[side] for side in SIDES})
    article = article_sentences()  # a one-article job: CTranslate2 cuts it 15/5, ours 7/13
    awall, _, _ = paired_rounds({"tuned": argos.tuned_runner(article), "ours": lambda: ours(article),
                                 "raw": lambda: raw(article)}, "one article, ")
    amed = {k: statistics.median(v) for k, v in awall.items()}
    ours_out = list(out["ours"])  # type: ignore[call-overload]
    same = sum(a == b == c == d for a, b, c, d in zip(ours_out, out["raw"], out["generic"], out["intra"], strict=True))  # type: ignore[call-overload]
    # argostranslate decodes all pieces at once, and its detokeniser writes `<extra_1>` as `<extra 1>`.
    same_argos = re.sub(r"[\s_]", "", "".join(ours_out)) == re.sub(r"[\s_]", "", str(out["tuned"]))
    t_argos = argos.time_defaults()
    detector_ms, flagged = detector_cost(texts, ours_out)
    redecode_s = redecode_cost(texts, ours_out)
    decoded, sent = decodes_per_segment()
    load1 = os.getloadavg()[0]
    med = {k: statistics.median(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    n = len(texts)
    print(f"argostranslate as shipped, one sentence per call: {t_argos:7.2f} s", file=sys.stderr)
    for side, what in (("tuned", "argostranslate tuned (1024-token batches, inter 2 / intra 1), one call"),
                       ("ours", "i18n ArgosEngine, pivot + guard + memo"), ("raw", "raw CTranslate2 translate_batch"),
                       ("generic", "i18n CT2Engine (ctranslate2), same package"),
                       ("intra", "i18n ArgosEngine with --threads 2 as one batch at a time on 2 threads")):
        print(f"{what:70} {med[side]:7.2f} s  ({cmed[side]:6.1f} s CPU)", file=sys.stderr)
    print(f"one article ({len(article)} sentences): " + ", ".join(f"{k} {v:.2f} s" for k, v in amed.items()), file=sys.stderr)
    print(f"same text for ours, raw, generic and intra: {same}/{n}; argostranslate's joined output the same: {same_argos}",
          file=sys.stderr)
    print(f"degenerate-output detector: {detector_ms:.3f} ms per segment; it flags {flagged}/{n} of these "
          f"random-weight outputs, whose second decode took {redecode_s:.2f} s (not in the times above)",
          file=sys.stderr)
    print(f"a job of the example article into en, ru and vi through tiny models that lose a placeholder at "
          f"the first hop: {decoded} segments decoded for {sent} segments x targets", file=sys.stderr)
    opts = options()
    print(
        f"settings: beam {opts.beam_size}, max length {MAX_LEN}, inter_threads {opts.inter_threads}, "
        f"intra_threads {opts.intra_threads}, max_batch_tokens {opts.max_batch_tokens}, {os.cpu_count()} CPUs, "
        f"median of {ROUNDS} paired rounds; 1-minute load average {load0:.1f} before, {load1:.1f} after",
        file=sys.stderr,
    )
    print(
        f"BENCH engine: sent_per_s={n / med['ours']:.2f} vs_argos={t_argos / med['ours']:.2f} "
        f"vs_argos_tuned={med['tuned'] / med['ours']:.2f} vs_raw={med['raw'] / med['ours']:.2f} "
        f"generic_vs_argos={med['ours'] / med['generic']:.2f} cpu_vs_argos_tuned={cmed['tuned'] / cmed['ours']:.2f} "
        f"cpu_vs_raw={cmed['raw'] / cmed['ours']:.2f} vs_intra2={med['intra'] / med['ours']:.2f} detector_ms_per_segment={detector_ms:.3f} "
        f"redecode_s={redecode_s:.2f} decodes_per_segment={decoded / sent:.2f} same_text={same}/{n} same_as_argos={str(same_argos).lower()} "
        f"article_vs_argos_tuned={amed['tuned'] / amed['ours']:.2f} article_vs_raw={amed['raw'] / amed['ours']:.2f} "
        f"load={load0:.1f}-{load1:.1f}"
    )


if __name__ == "__main__":
    main()
