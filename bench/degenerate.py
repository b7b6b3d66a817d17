"""Benchmark: which first-decode settings guard against loops without changing normal output.

    python bench/degenerate.py          (about half a minute; builds its tiny models in a temp folder)

Real models are not available offline, so this measures the mechanics on the suite's analytic
models (tests/tinymodel.py), loaded in float32, greedy and beam 4:

- normal output: the copy model over the ~400 sentences of the test corpus; an output that
  differs from the plain decode is output the setting *changed* (a copy model's right answer
  is known: the setting hurt it);
- looping output: the looping model (no `</s>` from the source) over the same sentences; an
  output the detector (engines/degenerate.py) still finds degenerate is a loop the setting did
  not stop;
- the detector's cost per segment.

Ends with `BENCH degenerate: ...` (changed/looping counts per setting, detector microseconds).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SETTINGS = {
    "plain": {},
    "rp1.2": {"repetition_penalty": 1.2},
    "nr3": {"no_repeat_ngram_size": 3},
    "nr4": {"no_repeat_ngram_size": 4},
    "nr6": {"no_repeat_ngram_size": 6},
    "rp1.2+nr3": {"repetition_penalty": 1.2, "no_repeat_ngram_size": 3},
}


def main() -> None:
    import ctranslate2
    import sentencepiece
    import tinymodel

    from i18n.engines.degenerate import find_degeneration

    texts = list(dict.fromkeys(s for s in tinymodel.training_sentences() if len(s) < 300))
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp)
        vocab = tinymodel.train_sentencepiece(dest / "sp.model")
        sp = sentencepiece.SentencePieceProcessor(model_file=str(dest / "sp.model"))
        copy = tinymodel.build_copy_model(vocab, dest / "copy", quantization=None)
        loop = tinymodel.build_copy_model(vocab, dest / "loop", loops=True, quantization=None)
        tokens = sp.encode(texts, out_type=str)
        limit = max(len(t) for t in tokens) * 2 + 10

        def run(folder: Path, beam: int, extra: dict) -> list[str]:
            tr = ctranslate2.Translator(str(folder), compute_type="float32", inter_threads=1, intra_threads=1)
            res = tr.translate_batch(tokens, beam_size=beam, max_decoding_length=limit,
                                     max_batch_size=1024, batch_type="tokens", **extra)
            return [sp.decode_pieces(r.hypotheses[0]) for r in res]

        figures = {}
        for beam in (1, 4):
            plain = run(copy, beam, {})
            for name, extra in SETTINGS.items():
                changed = sum(a != b for a, b in zip(plain, run(copy, beam, extra), strict=True))
                figures[f"b{beam}_{name}_changed"] = changed
            print(f"beam {beam}: normal outputs changed: "
                  + ", ".join(f"{n} {figures[f'b{beam}_{n}_changed']}/{len(texts)}" for n in SETTINGS), file=sys.stderr)
        for name, extra in SETTINGS.items():
            outs = run(loop, 1, extra)
            figures[f"loop_{name}"] = sum(find_degeneration(s, o, "id", "id") is not None for s, o in zip(texts, outs, strict=True))
        print("greedy, looping model: outputs still degenerate: "
              + ", ".join(f"{n} {figures[f'loop_{n}']}/{len(texts)}" for n in SETTINGS), file=sys.stderr)
        outs = run(loop, 1, {})
        t0 = time.perf_counter()
        for _ in range(5):
            for s, o in zip(texts, outs, strict=True):
                find_degeneration(s, o, "id", "en")
        per = (time.perf_counter() - t0) / (5 * len(texts)) * 1e6
        print(f"detector: {per:.1f} µs per segment (looping outputs, {len(texts)} segments)", file=sys.stderr)
    keys = " ".join(f"{k}={v}" for k, v in figures.items())
    print(f"BENCH degenerate: segments={len(texts)} {keys} detector_us={per:.1f}")


if __name__ == "__main__":
    main()
