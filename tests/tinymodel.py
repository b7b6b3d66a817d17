"""Build real, tiny Argos Translate packages in seconds, for tests and benchmarks.

A package here is exactly what argostranslate installs: a zip (`.argosmodel`) holding one
folder with `metadata.json`, a CTranslate2 model in `model/` and `sentencepiece.model`.

The CTranslate2 model is not trained: its weights are written analytically so that it
*copies* its input, token by token, optionally replacing some tokens by others (a word
"dictionary"), which lets tests assert exact outputs through the real decoding path:

* encoder: token embedding (a +1/-1 code in a token block) plus an explicit sinusoidal
  position table (in a separate position block); its layers add nothing (zero output
  projections), so the memory at source position s is `code(token_s) + pos(s)`, scaled by
  the final layer norm (every vector has mean 0 and a constant norm, so layer norms only
  scale);
* decoder: its own embeddings, self-attention and feed-forward are zero, so its state at
  step t is `pos(t)`; cross-attention queries and keys read only the position block
  (sharpened so that step t attends to source position t alone), values read only the token
  block, so after cross-attention the state holds `code(token_t)`;
* output projection: the row of token `g(u)` holds the code of `u`, so the arg-max at step t
  is `g(token_t)`, with `g` the identity except for the dictionary. `add_source_eos` makes
  the copied `</s>` end decoding.

Tokens listed as "weak" get a small logit margin, so a segment containing one gets a clearly
lower model score (used to test low-confidence flags). The copying survives int8
quantisation on every CPU; the size of the weak margin does not (int8 kernels differ
between CPUs), so tests that compare scores load the model in float32.

`build_random_model` writes a random-weight model of the size of real Argos models for the
benchmark; `tinysbd.write_minisbd_onnx` a tiny MiniSBD sentence model, so that
`argostranslate.translate` does not try to download one.
"""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np

ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "id" / "putin-kim-vostochny.txt"

# Word substitutions per direction (single SentencePiece pieces, forced as user symbols).
DICTIONARIES: dict[tuple[str, str], dict[str, str]] = {
    ("id", "en"): {"Presiden": "President", "kota": "city", "pemimpin": "leader"},
    ("en", "ru"): {"President": "Президент", "city": "город", "leader": "лидер"},
    ("en", "vi"): {"President": "Chủtịch", "city": "phố", "leader": "lãnhđạo"},
}
# Tokens the model copies with a low margin (a low score): the weak-confidence test word.
WEAK_WORDS = ("zorglub",)

_EXTRA_SENTENCES = {
    "en": [
        "The President met the leader of North Korea in the city.",
        "Russia and North Korea discussed economic cooperation.",
        "The summit took place at the Vostochny Cosmodrome on 13 September.",
        "Kim Jong Un arrived by armoured train.",
        "Vladimir Putin welcomed his guest personally.",
        "The talks focused on sensitive issues and regional security.",
    ],
    "ru": [
        "Президент России встретился с лидером Северной Кореи в городе.",
        "Владимир Путин лично приветствовал гостя на космодроме Восточный.",
        "Переговоры касались экономического сотрудничества.",
        "Путина и Путину, Кремль, Песков, Пхеньян, Сеул.",
    ],
    "vi": [
        "Tổng thống Nga gặp nhà lãnh đạo Triều Tiên tại thành phố.",
        "Ông Putin đã chào đón vị khách tại sân bay vũ trụ Vostochny.",
        "Hai bên thảo luận về hợp tác kinh tế và văn hoá.",
        "Hòa bình, hoà bình, Điện Kremlin, Bình Nhưỡng.",
    ],
    "id": [
        "Presiden Rusia bertemu pemimpin Korea Utara di kota Vladivostok.",
        "Pertemuan itu berlangsung di kota kecil dekat perbatasan.",
        "Putin menyambut Kim Jong Un di kota Tsiolkovsky.",
        "Kata zorglub tidak dikenal oleh model.",
    ],
    # Placeholder shapes, so that every protection strategy is representable.
    "xx": [
        "⟦0⟧ ⟦1⟧ ⟦2⟧ ⟦3⟧ ⟦4⟧ ⟦5⟧ ⟦6⟧ ⟦7⟧ ⟦8⟧ ⟦9⟧",
        "__T0__ __T1__ __T2__ __T3__ __T4__ __T5__ __T6__ __T7__ __T8__ __T9__",
        "[0] [1] (2) {3} <4> 5% 6, 7. 8: 9; \"a\" 'b' “c” « d » – — … ! ? / & + = # @ *",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
    ],
}


def training_sentences() -> list[str]:
    """A few hundred sentences in id/en/ru/vi: the example article plus generated text."""
    sents: list[str] = []
    for line in ARTICLE.read_text("utf-8").splitlines():
        if line.strip():
            sents.append(line.strip())
    for group in _EXTRA_SENTENCES.values():
        sents.extend(group)
    words = sorted({w for s in sents for w in s.split()})
    # Generated text: every word in a few contexts, deterministically shuffled.
    rng = np.random.default_rng(7)
    for _ in range(300):
        picks = rng.choice(len(words), size=8)
        sents.append(" ".join(words[i] for i in picks))
    for d in DICTIONARIES.values():
        for src, tgt in d.items():
            sents.append(f"{src} {tgt} {src} {tgt}")
    return sents


def train_sentencepiece(path: Path, *, vocab_size: int = 600, sentences: list[str] | None = None) -> list[str]:
    """Train a SentencePiece model to `path`; return its pieces (the vocabulary) in id order."""
    import sentencepiece as spm

    symbols = sorted({w for d in DICTIONARIES.values() for kv in d.items() for w in kv} | set(WEAK_WORDS))
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences or training_sentences()),
        model_writer=buf,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        normalization_rule_name="identity",
        user_defined_symbols=symbols,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    path.write_bytes(buf.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def position_table(n: int, k: int = 16) -> np.ndarray:
    """Mirrored sinusoids ([sin, cos, -sin, -cos], unit norm, mean 0): n rows of 4k values."""
    w = np.pi * ((2 * np.pi / (2 * n)) / np.pi) ** (np.arange(k) / (k - 1))
    t = np.arange(n)[:, None] * w[None]
    table = np.concatenate([np.sin(t), np.cos(t), -np.sin(t), -np.cos(t)], 1)
    return (table / np.sqrt(2 * k)).astype(np.float32)


def _zero_layer_norm(ln, d: int) -> None:
    ln.gamma = np.ones(d, np.float32)
    ln.beta = np.zeros(d, np.float32)


def build_copy_model(
    vocab: list[str],
    out_dir: Path,
    *,
    mapping: dict[str, str] | None = None,
    weak: tuple[str, ...] = (),
    max_positions: int = 512,
    quantization: str | None = "int8",
    loops: bool = False,
    stops: tuple[str, ...] = (),
) -> Path:
    """Write a CTranslate2 Transformer that copies its input (with `mapping` applied).

    Degenerate variants, for the guards against looping and truncated output: `loops=True`
    drops the source's `</s>`, so past the source's end the decoder keeps attending to its
    last tokens and repeats them to the length limit; a word in `stops` ends the output where
    it stands (`</s>` wins, the word itself second, so min_decoding_length brings it back).
    A looping model gives `</s>` a logit of 10 (30 for the copied token), so a decode that
    forbids the repeat (no_repeat_ngram_size) ends there; with beam search that `</s>` is
    every beam's second choice and ends the search early: decode it with beam_size=1."""
    from ctranslate2.specs import transformer_spec as ts

    index = {p: i for i, p in enumerate(vocab)}
    V = len(vocab)
    K = 16
    npos = 4 * K
    tok0 = npos  # token block: one dim per token, then one sink dim
    sink = npos + V
    d = ((sink + 1 + 15) // 16) * 16
    ffn = 16

    # Token codes: +1 on the token's own dim, -1 on the shared sink (mean 0, norm 1).
    codes = np.zeros((V, d), np.float32)
    codes[np.arange(V), tok0 + np.arange(V)] = 1 / np.sqrt(2)
    codes[:, sink] = -1 / np.sqrt(2)
    pos = np.zeros((max_positions, d), np.float32)
    pos[:, :npos] = position_table(max_positions, K)

    gap = 1.0 - np.max((pos[:, :npos] @ pos[:, :npos].T) - 2 * np.eye(max_positions))
    alpha = 60.0 / (np.sqrt(d / 2) * gap)  # cross-attention score margin of 60
    beta = 1 / np.sqrt(d / 2)

    spec = ts.TransformerSpec.from_config((1, 1), 1)
    enc, dec = spec.encoder, spec.decoder
    enc.scale_embeddings = False
    dec.scale_embeddings = False
    enc.embeddings[0].weight = codes
    enc.position_encodings.encodings = pos
    dec.position_encodings.encodings = pos
    dec.embeddings.weight = np.zeros((V, d), np.float32)

    zeros = lambda r, c: np.zeros((r, c), np.float32)  # noqa: E731
    el = enc.layer[0]
    _zero_layer_norm(el.self_attention.layer_norm, d)
    el.self_attention.linear[0].weight = zeros(3 * d, d)
    el.self_attention.linear[1].weight = zeros(d, d)
    _zero_layer_norm(el.ffn.layer_norm, d)
    el.ffn.linear_0.weight = zeros(ffn, d)
    el.ffn.linear_1.weight = zeros(d, ffn)
    _zero_layer_norm(enc.layer_norm, d)

    dl = dec.layer[0]
    _zero_layer_norm(dl.self_attention.layer_norm, d)
    dl.self_attention.linear[0].weight = zeros(3 * d, d)
    dl.self_attention.linear[1].weight = zeros(d, d)
    _zero_layer_norm(dl.attention.layer_norm, d)
    wq = zeros(d, d)
    wq[np.arange(npos), np.arange(npos)] = alpha
    wkv = zeros(2 * d, d)
    wkv[np.arange(npos), np.arange(npos)] = 1.0  # keys: position block
    tok_dims = np.arange(tok0, sink + 1)
    wkv[d + tok_dims, tok_dims] = 1.0  # values: token block
    wo = zeros(d, d)
    wo[tok_dims, tok_dims] = beta
    dl.attention.linear[0].weight = wq
    dl.attention.linear[1].weight = wkv
    dl.attention.linear[2].weight = wo
    _zero_layer_norm(dl.ffn.layer_norm, d)
    dl.ffn.linear_0.weight = zeros(ffn, d)
    dl.ffn.linear_1.weight = zeros(d, ffn)
    _zero_layer_norm(dec.layer_norm, d)

    # Output: the final state is code(token) * sqrt(d/2); a margin of 30 (weak: 1.5).
    target = np.arange(V)
    for src, tgt in (mapping or {}).items():
        target[index[src]] = index[tgt]
    margin = np.full(V, 30.0, np.float32)
    for w in weak:
        margin[index[w]] = 1.5
    proj = zeros(V, d)
    unit = np.sqrt(d / 2) / np.sqrt(2)
    proj[target, tok0 + np.arange(V)] = margin / unit
    eos = index["</s>"]
    for word in stops:
        proj[eos, tok0 + index[word]] = 30.0 / unit
        proj[target[index[word]], tok0 + index[word]] = 20.0 / unit
    dec.projection.weight = proj
    if loops:
        bias = np.zeros(V, np.float32)
        bias[eos] = 10.0
        dec.projection.bias = bias

    return _save_spec(spec, vocab, out_dir, quantization, source_eos=not loops)


def _save_spec(spec, vocab: list[str], out_dir: Path, quantization: str | None, source_eos: bool = True) -> Path:
    """Register the shared vocabulary, validate, quantise and write a model folder."""
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = source_eos
    spec.validate()
    spec.optimize(quantization=quantization)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    spec.save(str(out_dir))
    return out_dir


def build_random_model(
    vocab: list[str],
    out_dir: Path,
    *,
    layers: int = 6,
    d_model: int = 512,
    heads: int = 8,
    ffn: int = 2048,
    seed: int = 0,
    quantization: str | None = "int8",
) -> Path:
    """Write a random-weight Transformer of the given size (Transformer base by default)."""
    from ctranslate2.specs import transformer_spec as ts

    rng = np.random.default_rng(seed)
    spec = ts.TransformerSpec.from_config((layers, layers), heads)

    def rand(*shape):
        return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

    def linear(lin, rows, cols):
        lin.weight = rand(rows, cols)
        lin.bias = np.zeros(rows, np.float32)

    V = len(vocab)
    d = d_model
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = rand(V, d)
    dec.embeddings.weight = rand(V, d)
    for ln in [enc.layer_norm, dec.layer_norm]:
        _zero_layer_norm(ln, d)
    for lay in enc.layer:
        _zero_layer_norm(lay.self_attention.layer_norm, d)
        linear(lay.self_attention.linear[0], 3 * d, d)
        linear(lay.self_attention.linear[1], d, d)
        _zero_layer_norm(lay.ffn.layer_norm, d)
        linear(lay.ffn.linear_0, ffn, d)
        linear(lay.ffn.linear_1, d, ffn)
    for lay in dec.layer:
        _zero_layer_norm(lay.self_attention.layer_norm, d)
        linear(lay.self_attention.linear[0], 3 * d, d)
        linear(lay.self_attention.linear[1], d, d)
        _zero_layer_norm(lay.attention.layer_norm, d)
        linear(lay.attention.linear[0], d, d)
        linear(lay.attention.linear[1], 2 * d, d)
        linear(lay.attention.linear[2], d, d)
        _zero_layer_norm(lay.ffn.layer_norm, d)
        linear(lay.ffn.linear_0, ffn, d)
        linear(lay.ffn.linear_1, d, ffn)
    linear(dec.projection, V, d)
    return _save_spec(spec, vocab, out_dir, quantization)


def write_metadata(folder: Path, source: str, target: str, *, version: str = "1.0") -> None:
    """Write an Argos `metadata.json` for a source->target translate package."""
    from i18n.langs import LANGUAGE_NAMES

    meta = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": source,
        "from_name": LANGUAGE_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANGUAGE_NAMES.get(target, target),
        "type": "translate",
        "links": [],
    }
    (folder / "metadata.json").write_text(json.dumps(meta, indent=2), "utf-8")


def zip_package(folder: Path, archive: Path) -> Path:
    """Zip `folder` as an `.argosmodel` archive whose single top folder is `folder.name`."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return archive


def build_tiny_package(
    dest: Path,
    source: str,
    target: str,
    *,
    sp_model: Path,
    vocab: list[str],
    minisbd: bool = False,
) -> Path:
    """Build `translate-<src>_<tgt>-1_0.argosmodel` under `dest` with a copy model."""
    folder = dest / f"translate-{source}_{target}-1_0"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    build_copy_model(
        vocab,
        folder / "model",
        mapping=DICTIONARIES.get((source, target), {}),
        weak=WEAK_WORDS,
    )
    shutil.copyfile(sp_model, folder / "sentencepiece.model")
    write_metadata(folder, source, target)
    if minisbd:
        (folder / "minisbd").mkdir()
        from tinysbd import write_minisbd_onnx

        write_minisbd_onnx(folder / "minisbd" / f"{source}.onnx", lang=source)
    archive = zip_package(folder, dest / f"{folder.name}.argosmodel")
    shutil.rmtree(folder)
    return archive


def build_tiny_packages(dest: Path, pairs=(("id", "en"), ("en", "ru"), ("en", "vi"))) -> dict[str, Path]:
    """Build one tiny copy package per pair under `dest`: {"id-en": path, ...}."""
    dest.mkdir(parents=True, exist_ok=True)
    sp_model = dest / "sentencepiece.model"
    vocab = train_sentencepiece(sp_model)
    return {
        f"{s}-{t}": build_tiny_package(dest, s, t, sp_model=sp_model, vocab=vocab)
        for s, t in pairs
    }


def build_opus_layout(
    dest: Path, source: str, target: str, *, sp_model: Path, vocab: list[str], two_vocabularies: bool = False,
    name: str = "", **variant,
) -> Path:
    """A folder laid out as `ct2-opus-mt-converter` leaves an OPUS-MT model, with a copy model.

    `model.bin`, `config.json`, `shared_vocabulary.json` (or `source_vocabulary.json` and
    `target_vocabulary.json`), and the original model's `source.spm` and `target.spm`.
    `variant` (loops, stops) makes a degenerate model (see build_copy_model), in folder `name`;
    `mapping` adds substitutions to the pair's dictionary (`{"1": "2"}` garbles placeholder ⟦1⟧).
    """
    folder = dest / (name or f"opus-mt-{source}-{target}")
    mapping = {**DICTIONARIES.get((source, target), {}), **variant.pop("mapping", {})}
    build_copy_model(vocab, folder, mapping=mapping, weak=WEAK_WORDS, **variant)
    if two_vocabularies:
        shared = folder / "shared_vocabulary.json"
        shutil.copyfile(shared, folder / "source_vocabulary.json")
        shutil.copyfile(shared, folder / "target_vocabulary.json")
        shared.unlink()
    shutil.copyfile(sp_model, folder / "source.spm")
    shutil.copyfile(sp_model, folder / "target.spm")
    return folder
