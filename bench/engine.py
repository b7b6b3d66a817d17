"""Benchmark: our batched Argos engine vs argostranslate one sentence at a time vs raw CTranslate2.

    python bench/engine.py            (about 2-4 minutes on 2 cores; the model is built once)

A random-weight int8 Transformer of the size of real Argos models (Transformer base: 6+6
layers, d_model 512, 8 heads, FFN 2048, 32,000 tokens) is written once into bench/.cache/
and installed as an Argos package (with a tiny MiniSBD model, so argostranslate downloads
nothing). Random weights never emit `</s>`, so every path decodes the same fixed 64 tokens.
Over the same 100 distinct sentences it times:

  (a) argostranslate.translate (its defaults, one sentence per call; max length forced to 64),
  (b) i18n's ArgosEngine as the pipeline composes it (pivot, memo), one call for all sentences,
  (c) raw ctranslate2.Translator.translate_batch with the same settings as (b),

each after a warm-up call that loads the model, and ends with
`BENCH engine: sent_per_s=<b> vs_argos=<b/a> vs_raw=<b/c>`.
"""
from __future__ import annotations

import os
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


def sentences() -> list[str]:
    """100 distinct sentences: the example article's sentences, then generated ones."""
    import tinymodel

    from i18n.segment import split_sentences

    out: list[str] = []
    for line in tinymodel.ARTICLE.read_text("utf-8").splitlines():
        out.extend(s for s in split_sentences(line, "id") if s not in out)
    for s in tinymodel.training_sentences():
        if len(out) >= N_SENTENCES:
            break
        if s not in out and len(s) < 200:
            out.append(s)
    return out[:N_SENTENCES]


def time_argos(texts: list[str]) -> float:
    """(a) argostranslate.translate, its defaults, one sentence per call."""
    import argostranslate.translate as at

    translation = at.get_translation_from_codes("id", "en")
    translation.translate("Pemanasan model.")  # loads the model and the sentencizer
    inner = translation.underlying
    real = inner.translator

    class FixedLength:
        """Forward to the real Translator with the same maximum length as (b) and (c)."""

        def translate_batch(self, *args, **kwargs):
            kwargs.setdefault("max_decoding_length", MAX_LEN)
            return real.translate_batch(*args, **kwargs)

    inner.translator = FixedLength()
    t0 = time.perf_counter()
    for text in texts:
        at.translate(text, "id", "en")
    return time.perf_counter() - t0


def time_engine(texts: list[str]) -> tuple[float, object]:
    """(b) our engine: one translate_batch over every sentence."""
    from i18n.engines.argos import ArgosEngine
    from i18n.engines.ct2 import EngineOptions
    from i18n.engines.pivot import compose

    options = EngineOptions(max_decoding_length=MAX_LEN)
    engine = compose(ArgosEngine(packages_dir=PACKAGES, options=options))  # as `i18n translate` runs it
    engine.translate_batch(["Pemanasan model."], "id", "en")
    t0 = time.perf_counter()
    engine.translate_batch(texts, "id", "en")
    return time.perf_counter() - t0, options


def time_raw(texts: list[str], folder: Path, options) -> float:
    """(c) raw CTranslate2 with the engine's settings (tokenising and decoding included)."""
    import ctranslate2
    import sentencepiece

    translator = ctranslate2.Translator(
        str(folder / "model"), device=options.device, compute_type=options.compute_type,
        inter_threads=options.inter_threads, intra_threads=options.intra_threads,
    )
    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))

    def run(batch: list[str]) -> list[str]:
        results = translator.translate_batch(
            sp.encode(batch, out_type=str), max_batch_size=options.max_batch_tokens, batch_type="tokens",
            beam_size=options.beam_size, length_penalty=options.length_penalty,
            max_decoding_length=MAX_LEN, replace_unknowns=True, return_scores=True,
        )
        return [sp.decode_pieces(r.hypotheses[0]) for r in results]

    run(["Pemanasan model."])
    t0 = time.perf_counter()
    run(texts)
    return time.perf_counter() - t0


def main() -> None:
    folder = build_package()
    texts = sentences()
    assert len(texts) == N_SENTENCES and len(set(texts)) == N_SENTENCES
    t_engine, options = time_engine(texts)
    t_raw = time_raw(texts, folder, options)
    t_argos = time_argos(texts)
    n = len(texts)
    a, b, c = n / t_argos, n / t_engine, n / t_raw
    print(f"(a) argostranslate, one sentence per call: {t_argos:7.2f} s  {a:6.2f} sentences/s", file=sys.stderr)
    print(f"(b) i18n ArgosEngine, one batch:           {t_engine:7.2f} s  {b:6.2f} sentences/s", file=sys.stderr)
    print(f"(c) raw CTranslate2 translate_batch:       {t_raw:7.2f} s  {c:6.2f} sentences/s", file=sys.stderr)
    print(
        f"settings: beam {options.beam_size}, max length {MAX_LEN}, inter_threads {options.inter_threads}, "
        f"intra_threads {options.intra_threads}, max_batch_tokens {options.max_batch_tokens}, {os.cpu_count()} CPUs",
        file=sys.stderr,
    )
    print(f"BENCH engine: sent_per_s={b:.2f} vs_argos={b / a:.2f} vs_raw={b / c:.2f}")


if __name__ == "__main__":
    main()
