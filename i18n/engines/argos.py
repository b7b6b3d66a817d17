"""The Argos engine: installed Argos Translate packages run directly with CTranslate2.

Never through `argostranslate.translate`, which imports stanza and torch: one CTranslate2
`translate_batch` call per direct pair over the segments it is given, with a model score
per segment so that the weakest output can be flagged for reviewers. Routing through
English, deduplication and the cache are wrappers around it (see `pivot.compose`).
"""
from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from .base import ModelEngine, Translation
from .packages import InstalledModel, list_installed, missing_message

__all__ = ["EngineOptions", "ArgosEngine"]


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


_LOADED: dict[tuple, tuple] = {}
_LOAD_LOCK = threading.Lock()


def _load(model: InstalledModel, options: EngineOptions) -> tuple:
    """(Translator, SentencePieceProcessor, target prefix) for a package, once per process."""
    key = (str(model.path), options.device, options.compute_type, options.inter_threads, options.intra_threads)
    with _LOAD_LOCK:
        if key not in _LOADED:
            import ctranslate2
            import sentencepiece

            sp_path = model.path / "sentencepiece.model"
            if not sp_path.is_file():
                raise ModelError(
                    f"{model.path}: the {model.pair} package has no sentencepiece.model "
                    "(BPE packages are not supported): install a SentencePiece package"
                )
            try:
                translator = ctranslate2.Translator(
                    str(model.path / "model"),
                    device=options.device,
                    compute_type=options.compute_type,
                    inter_threads=options.inter_threads,
                    intra_threads=options.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(
                    f"{model.path / 'model'}: cannot load the {model.pair} model ({exc}): "
                    f"reinstall the package with `i18n models install {model.pair}`"
                ) from None
            sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
            meta = json.loads((model.path / "metadata.json").read_text("utf-8"))
            _LOADED[key] = (translator, sp, meta.get("target_prefix", "") or "")
        return _LOADED[key]


class ArgosEngine(ModelEngine):
    """Installed Argos packages run with CTranslate2, one batched call per direct pair."""

    name = "argos"

    def __init__(self, *, packages_dir: Path | None = None, options: EngineOptions | None = None):
        self.packages_dir = packages_dir
        self.options = options or EngineOptions()
        self.calls = 0  # CTranslate2 translate_batch calls made (model calls)
        self.segments = 0  # segments sent to a model, counted once per hop
        self._installed: dict[tuple[str, str], InstalledModel] | None = None

    def installed(self) -> dict[tuple[str, str], InstalledModel]:
        """The installed packages by pair, read once."""
        if self._installed is None:
            self._installed = {(m.source, m.target): m for m in list_installed(self.packages_dir)}
        return self._installed

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.installed())

    def model_id(self, source: str, target: str) -> str:
        return self.installed()[(source, target)].model_id

    def missing_message(self, source: str, target: str) -> str:
        return missing_message(source, target, list(self.installed().values()))

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """One translate_batch call over the unique `texts` with the source->target package."""
        model = self.installed()[(source, target)]
        outputs, scores = self._run(model, list(texts))
        return [Translation(o, s, model.model_id) for o, s in zip(outputs, scores, strict=True)]

    def _run(self, model: InstalledModel, texts: list[str]) -> tuple[list[str], list[float]]:
        """One translate_batch call over unique `texts` with one package."""
        unique = list(dict.fromkeys(texts))
        translator, sp, prefix = _load(model, self.options)
        tokens = sp.encode(unique, out_type=str)
        order = sorted(range(len(unique)), key=lambda i: len(tokens[i]))
        opts = self.options
        self.calls += 1
        self.segments += len(unique)
        try:
            results = translator.translate_batch(
                [tokens[i] for i in order],
                target_prefix=[[prefix]] * len(order) if prefix else None,
                max_batch_size=opts.max_batch_tokens,
                batch_type="tokens",
                beam_size=opts.beam_size,
                length_penalty=opts.length_penalty,
                max_decoding_length=opts.max_decoding_length,
                max_input_length=opts.max_input_length,
                replace_unknowns=True,
                return_scores=True,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{model.path}: the {model.pair} model failed to translate ({exc})") from None
        done: dict[str, tuple[str, float]] = {}
        for i, res in zip(order, results, strict=True):
            hyp = res.hypotheses[0]
            if prefix and hyp and hyp[0] == prefix:
                hyp = hyp[1:]
            length = len(hyp) + 1  # the end token counts in CTranslate2's score
            mean = res.scores[0] * length**opts.length_penalty / length
            done[unique[i]] = (sp.decode_pieces(hyp).strip(), mean)
        return [done[t][0] for t in texts], [done[t][1] for t in texts]
