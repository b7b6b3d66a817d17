"""CTranslate2 models with SentencePiece: the runner both built-in engines share, and the
generic `ctranslate2` engine (any converted model, OPUS-MT or an unzipped Argos package).

A model folder is read in one of two layouts:

- OPUS-MT converted with `ct2-opus-mt-converter`: `model.bin`, `source.spm`, `target.spm` and
  `shared_vocabulary.json|txt` (or `source_vocabulary.*` and `target_vocabulary.*`);
- an unzipped Argos package: `metadata.json`, `model/` (the CTranslate2 model) and
  `sentencepiece.model` (source and target share it), the target prefix from the metadata.

`ctranslate2` and `sentencepiece` are imported when a model is first loaded, never before.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MissingModelError, ModelError
from ..langs import normalize_lang
from .base import ModelEngine, Translation

__all__ = ["DEVICES", "RETRY", "EngineOptions", "ModelFiles", "CT2Engine", "read_model_folder", "resolve_device", "create_engine"]

DEVICES = ("cpu", "cuda", "auto")


@dataclass(frozen=True)
class EngineOptions:
    """CTranslate2 settings; the defaults suit a small CPU machine."""

    device: str = "cpu"
    compute_type: str = "auto"
    inter_threads: int = 2  # batches decoded in parallel
    intra_threads: int = 1  # threads per batch (0 = all cores: slow for small batches)
    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    max_input_length: int = 1024
    max_batch_tokens: int = 1024  # several batches, so that inter_threads has work
    # A batch decodes at most decode_ratio * its longest source + decode_extra tokens (and never
    # more than max_decoding_length), so that a looping decode stops early; None: the fixed limit.
    decode_ratio: float | None = 2.0
    decode_extra: int = 10
    # The first decode leaves repetition alone (see README "Guards against degenerate output"
    # for the measurement); the guard's second decode uses RETRY below.
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    min_decoding_length: int = 0

    def length_limit(self, longest: int) -> int:
        """The decoding limit of a batch whose longest source has `longest` tokens."""
        if self.decode_ratio is None:
            return self.max_decoding_length
        return min(self.max_decoding_length, int(self.decode_ratio * longest) + self.decode_extra)

    @classmethod
    def from_settings(cls, *, device: str = "cpu", threads: int = 2, beam_size: int = 4,
                      compute_type: str = "auto") -> EngineOptions:
        """The options of `--device`, `--threads`, `--beam-size`, `--compute-type`.

        On a CPU, `threads` batches are decoded in parallel with one thread each (measured
        fastest for news-sized batches on 2 cores); on a GPU one batch at a time.
        """
        device = resolve_device(device)
        if threads < 1:
            raise ModelError(f"--threads {threads}: give at least 1")
        if beam_size < 1:
            raise ModelError(f"--beam-size {beam_size}: give at least 1")
        if device == "cuda":
            return cls(device=device, compute_type=compute_type, inter_threads=1, intra_threads=threads,
                       beam_size=beam_size)
        return cls(device=device, compute_type=compute_type, inter_threads=threads, intra_threads=1,
                   beam_size=beam_size)


# The second decode of an output the guard found degenerate (engines/guard.py): greedy (no beam
# to fill with early ends), repeated words discouraged and repeated 3-word phrases forbidden.
RETRY: dict[str, Any] = {"beam_size": 1, "repetition_penalty": 1.2, "no_repeat_ngram_size": 3}


def resolve_device(device: str) -> str:
    """`cpu`, `cuda` (an error where CTranslate2 sees no GPU) or `auto` (cuda when it sees one)."""
    if device not in DEVICES:
        raise ModelError(f"--device {device!r}: choose one of {', '.join(DEVICES)}")
    if device == "cpu":
        return device
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device == "auto":
        return "cuda" if gpus else "cpu"
    if not gpus:
        raise ModelError(
            "--device cuda: CTranslate2 sees no CUDA GPU on this machine (no device, no driver, or a "
            "CPU-only ctranslate2 build): use --device cpu, or --device auto to take a GPU when there is one"
        )
    return device


@dataclass(frozen=True)
class ModelFiles:
    """Where a direct pair's model and tokenizers are, and what to tell the user when they fail."""

    pair: str  # id-en
    model_dir: Path
    source_spm: Path
    target_spm: Path
    model_id: str  # the cache key: engine, pair, version or folder, size
    label: str  # for the reviewer: `argos id→en 1.9`
    target_prefix: str = ""
    source_prefix: str = ""  # a target-language token some multilingual models want (`>>rus<<`)
    fix: str = "check the model folder"


_LOADED: dict[tuple, tuple] = {}
_LOAD_LOCK = threading.Lock()


def _load(files: ModelFiles, options: EngineOptions) -> tuple:
    """(Translator, source SentencePiece, target SentencePiece) for a model, once per process."""
    key = (str(files.model_dir), options.device, options.compute_type, options.inter_threads, options.intra_threads)
    with _LOAD_LOCK:
        if key not in _LOADED:
            import ctranslate2
            import sentencepiece

            try:
                translator = ctranslate2.Translator(
                    str(files.model_dir),
                    device=options.device,
                    compute_type=options.compute_type,
                    inter_threads=options.inter_threads,
                    intra_threads=options.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"{files.model_dir}: cannot load the {files.pair} model ({exc}): {files.fix}") from None
            source = sentencepiece.SentencePieceProcessor(model_file=str(files.source_spm))
            target = source if files.target_spm == files.source_spm else (
                sentencepiece.SentencePieceProcessor(model_file=str(files.target_spm))
            )
            _LOADED[key] = (translator, source, target)
        return _LOADED[key]


class CT2Base(ModelEngine):
    """What Argos and the generic engine share: one translate_batch call per direct pair."""

    can_redecode = True

    def __init__(self, options: EngineOptions | None = None):
        self.options = options or EngineOptions()
        self.calls = 0  # CTranslate2 translate_batch calls made (model calls)
        self.segments = 0  # segments sent to a model, counted once per hop

    def files(self, source: str, target: str) -> ModelFiles:
        """The model of a direct pair this engine has."""
        raise NotImplementedError

    def model_id(self, source: str, target: str) -> str:
        return self.files(source, target).model_id

    def label(self, source: str, target: str) -> str:
        return self.files(source, target).label

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """One translate_batch call over the unique `texts` with the source->target model."""
        return self.decode(texts, source, target, self.options)

    def translate_planned(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """One batch of `plan_batches` decoded as that one batch (not cut again)."""
        return self.decode(texts, source, target, self.options, whole=True)

    def decode(self, texts: Sequence[str], source: str, target: str, options: EngineOptions, *,
               whole: bool = False) -> list[Translation]:
        """Translate with explicit decoding options (the guard's retry uses other ones); `whole`:
        as one batch."""
        files = self.files(source, target)
        outputs, scores = self._run(files, list(texts), options, whole)
        return [Translation(o, s, files.model_id) for o, s in zip(outputs, scores, strict=True)]

    def redecode(self, texts: Sequence[str], source: str, target: str, *, short: Sequence[bool] = ()) -> list[Translation]:
        """A second decode with the RETRY settings; a segment marked `short` (its first output
        ended far too early) must reach about half its source's length before it may end."""
        opts = dataclasses.replace(self.options, **RETRY)
        out: list[Translation] = []
        files = self.files(source, target)
        plain = [t for t, cut in zip(texts, short or [False] * len(texts), strict=True) if not cut]
        done = dict(zip(plain, self.decode(plain, source, target, opts), strict=True)) if plain else {}
        for text, cut in zip(texts, short or [False] * len(texts), strict=True):
            if cut:  # min_decoding_length is one per call: one call per such segment (they are few)
                _, source_sp, _ = _load(files, self.options)
                n = len(source_sp.encode(text, out_type=str))
                (done[text],) = self.decode([text], source, target, dataclasses.replace(opts, min_decoding_length=min(n // 2, opts.max_decoding_length)))
            out.append(done[text])
        return out

    def plan_batches(self, texts: Sequence[str], source: str, target: str) -> list[list[int]]:
        """The token batches `_run` cuts `texts` (distinct) into, as positions: the tokenizer
        alone decides them, so an executor that spreads them sends each model the same batches."""
        files = self.files(source, target)
        tokens = _tokenizer(str(files.source_spm)).encode(list(texts), out_type=str)
        if files.source_prefix:
            tokens = [[files.source_prefix, *t] for t in tokens]
        return _batches(_longest_first(tokens), tokens, self.options.max_batch_tokens, self.options.inter_threads)

    def _run(self, files: ModelFiles, texts: list[str], opts: EngineOptions, whole: bool = False) -> tuple[list[str], list[float]]:
        unique = list(dict.fromkeys(texts))
        translator, source_sp, target_sp = _load(files, self.options)
        tokens = source_sp.encode(unique, out_type=str)
        if files.source_prefix:
            tokens = [[files.source_prefix, *t] for t in tokens]
        order = _longest_first(tokens)
        prefix = files.target_prefix
        self.calls += 1
        self.segments += len(unique)
        results: list = []
        try:
            # Token batches over the length-sorted segments (`_batches`: as many as keep every
            # decoding thread busy), each with its own length limit; submitted together, so
            # inter_threads decode in parallel.
            pending = [
                translator.translate_batch(
                    [tokens[i] for i in chunk],
                    target_prefix=[[prefix]] * len(chunk) if prefix else None,
                    max_batch_size=0, asynchronous=True,
                    beam_size=opts.beam_size, length_penalty=opts.length_penalty,
                    repetition_penalty=opts.repetition_penalty, no_repeat_ngram_size=opts.no_repeat_ngram_size,
                    min_decoding_length=opts.min_decoding_length,
                    max_decoding_length=opts.length_limit(len(tokens[chunk[0]])),
                    max_input_length=opts.max_input_length, replace_unknowns=True, return_scores=True,
                )
                for chunk in ([order] if whole else _batches(order, tokens, opts.max_batch_tokens, self.options.inter_threads))
            ]
            results = [r.result() for batch in pending for r in batch]
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{files.model_dir}: the {files.pair} model failed to translate ({exc})") from None
        done: dict[str, tuple[str, float]] = {}
        for i, res in zip(order, results, strict=True):
            hyp = res.hypotheses[0]
            if prefix and hyp and hyp[0] == prefix:
                hyp = hyp[1:]
            length = len(hyp) + 1  # the end token counts in CTranslate2's score
            mean = res.scores[0] * length**opts.length_penalty / length
            done[unique[i]] = (target_sp.decode_pieces(hyp).strip(), mean)
        return [done[t][0] for t in texts], [done[t][1] for t in texts]


@functools.cache
def _tokenizer(path: str):
    """A SentencePiece model alone (plan_batches on a driver that loads no translation model)."""
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=path)


def _longest_first(tokens: list[list[str]]) -> list[int]:
    """Positions longest first, as CTranslate2 sorts a batch itself: the longest batch starts
    first (the parallel batches end together) and a batch's shorter segments, likelier to end
    first, sit at its end, where dropping finished ones is cheapest."""
    return sorted(range(len(tokens)), key=lambda i: -len(tokens[i]))


def _token_batches(order: list[int], tokens: list[list[str]], max_tokens: int) -> list[list[int]]:
    """Consecutive runs of `order` (longest first) whose padded size (segments x the first one's
    length) stays within `max_tokens`: CTranslate2's own cut for batch_type="tokens"."""
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * max(len(tokens[batches[-1][0]]), 1) <= max_tokens:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _batches(order: list[int], tokens: list[list[str]], max_tokens: int, parallel: int) -> list[list[int]]:
    """The token batches of one call decoded by `parallel` threads (inter_threads): consecutive
    runs of `order` (longest first), none over `max_tokens` padded tokens, so many that every
    thread has work to the end: a multiple of `parallel` (CTranslate2's own cut rounded up; one
    per segment where there are fewer), cut so that the costliest batch costs as little as it
    can. A batch's cost is its padded size (segments x its longest): a real model's encoder works
    on the padded batch and its decoder runs about as many steps as the longest source has
    tokens. A short article (one batch by CTranslate2's cut) thus keeps two threads busy, and
    100 sentences cut 15/35/50 become 4 batches of equal padded size. With one thread: CTranslate2's cut."""
    greedy = _token_batches(order, tokens, max_tokens)
    if parallel < 2:
        return greedy
    want = min(len(order), parallel * -(-len(greedy) // parallel))
    low, high = 1, max_tokens  # the smallest limit whose cut has at most `want` batches (fewer when higher)
    while low < high:
        mid = (low + high) // 2
        if len(_token_batches(order, tokens, mid)) <= want:
            high = mid
        else:
            low = mid + 1
    batches = _token_batches(order, tokens, low)
    while len(batches) < want:  # no limit gives exactly `want`: halve the costliest batch (no batch grows)
        k = max((b for b in range(len(batches)) if len(batches[b]) > 1),
                key=lambda b: len(batches[b]) * len(tokens[batches[b][0]]))
        half = len(batches[k]) // 2
        batches[k:k + 1] = [batches[k][:half], batches[k][half:]]
    return batches


def read_model_folder(folder: Path, pair: str, *, source_prefix: str = "") -> ModelFiles:
    """The model files of `folder` in either layout; a ModelError saying what is missing."""
    folder = Path(folder)
    size = lambda p: p.stat().st_size if p.exists() else 0  # noqa: E731
    if (folder / "metadata.json").is_file() and (folder / "model").is_dir():  # an unzipped Argos package
        sp = folder / "sentencepiece.model"
        if not sp.is_file():
            raise ModelError(f"{folder}: this Argos package has no sentencepiece.model (BPE packages are not supported)")
        try:
            meta = json.loads((folder / "metadata.json").read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder / 'metadata.json'}: cannot be read ({exc})") from None
        return ModelFiles(
            pair, folder / "model", sp, sp, f"ct2:{pair}:{folder.name}#{size(folder / 'model' / 'model.bin')}",
            f"ctranslate2 {pair.replace('-', '→')} {folder.name}", target_prefix=meta.get("target_prefix", "") or "",
            source_prefix=source_prefix, fix="check the package folder",
        )
    if not (folder / "model.bin").is_file():
        raise ModelError(
            f"{folder}: not a CTranslate2 model folder (no model.bin, no Argos metadata.json): convert the model "
            "first, e.g. `ct2-opus-mt-converter --model_dir opus-mt-id-en --output_dir models/opus-mt-id-en`"
        )
    missing = [name for name in ("source.spm", "target.spm") if not (folder / name).is_file()]
    if missing:
        raise ModelError(
            f"{folder}: {' and '.join(missing)} missing: copy the SentencePiece models of the original "
            "OPUS-MT model (source.spm, target.spm) into the converted folder"
        )
    return ModelFiles(
        pair, folder, folder / "source.spm", folder / "target.spm", f"ct2:{pair}:{folder.name}#{size(folder / 'model.bin')}",
        f"ctranslate2 {pair.replace('-', '→')} {folder.name}", source_prefix=source_prefix,
    )


class CT2Engine(CT2Base):
    """Any CTranslate2 model per pair: `models` maps `id-en` to a folder (or {path, source-prefix})."""

    name = "ctranslate2"

    def __init__(self, models: Mapping[str, object], *, options: EngineOptions | None = None):
        super().__init__(options)
        self._files: dict[tuple[str, str], ModelFiles] = {}
        self._folders: dict[tuple[str, str], tuple[Path, str]] = {}
        for key, value in models.items():
            left, sep, right = str(key).replace("_", "-").partition("-")
            if not sep:
                raise ModelError(f"models: {key!r} is not a language pair: write it as id-en")
            pair = (normalize_lang(left), normalize_lang(right))
            if isinstance(value, Mapping):
                path, prefix = value.get("path"), str(value.get("source-prefix", "") or "")
            else:
                path, prefix = value, ""
            if not isinstance(path, str | Path):
                raise ModelError(f"models: {key}: give a folder, or a table with path = \"DIR\"")
            self._folders[pair] = (Path(path), prefix)

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._folders)

    def files(self, source: str, target: str) -> ModelFiles:
        if (source, target) not in self._files:
            folder, prefix = self._folders[(source, target)]
            self._files[(source, target)] = read_model_folder(folder, f"{source}-{target}", source_prefix=prefix)
        return self._files[(source, target)]

    def missing_message(self, source: str, target: str) -> str:
        have = ", ".join(f"{s}-{t}" for s, t in sorted(self._folders)) or "none"
        return (
            f"no ctranslate2 model for {source}→{target} (directly or through English; models given: {have}): "
            f'add `"{source}-{target}" = "DIR"` to [tool.i18n.engines.ctranslate2] models, or --model {source}-{target}=DIR'
        )


def create_engine(*, device: str = "cpu", threads: int = 2, beam_size: int = 4, compute_type: str = "auto",
                  models: Mapping[str, object] | None = None) -> CT2Engine:
    """The `ctranslate2` engine factory (entry point): options, then `models` (pair -> folder)."""
    if not models:
        raise MissingModelError(
            'the ctranslate2 engine needs models: [tool.i18n.engines.ctranslate2] models = { "id-en" = "DIR" } '
            "in pyproject.toml, or --model id-en=DIR"
        )
    options = EngineOptions.from_settings(device=device, threads=threads, beam_size=beam_size, compute_type=compute_type)
    return CT2Engine(models, options=options)
