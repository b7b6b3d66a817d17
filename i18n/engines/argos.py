"""Machine translation engines behind one small interface.

`Engine.translate_batch(texts, source, target) -> list[str]` is all the rest of the
toolkit needs. `ArgosEngine` runs installed Argos Translate packages directly with
CTranslate2 and SentencePiece (never through `argostranslate.translate`, which imports
stanza and torch): one `translate_batch` call per language pair over all pending unique
segments of a job, a pivot through English batched at each hop, a persistent cache, and a
model score per segment so that the weakest output can be flagged for reviewers.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from ..langs import normalize_lang
from .base import Translation, flag_low_confidence
from .cache import TranslationCache, normalize_source
from .packages import InstalledModel, Route, find_route, list_installed

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


class ArgosEngine:
    """Installed Argos packages run with CTranslate2, batched, pivoting through English."""

    def __init__(
        self,
        *,
        packages_dir: Path | None = None,
        options: EngineOptions | None = None,
        cache: TranslationCache | None = None,
    ):
        self.packages_dir = packages_dir
        self.options = options or EngineOptions()
        self.cache = cache
        self.calls = 0  # CTranslate2 translate_batch calls made (model calls)
        self.segments = 0  # segments sent to a model, counted once per hop
        self._installed: list[InstalledModel] | None = None
        # Per-hop results of this process: id->en done for the ru target serves vi too.
        self._memo: dict[tuple[str, str], tuple[str, float | None]] = {}

    def route(self, source: str, target: str) -> Route:
        """The packages used for source -> target; MissingModelError if none."""
        if self._installed is None:
            self._installed = list_installed(self.packages_dir)
        return find_route(source, target, self._installed)

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate `texts` from `source` to `target`."""
        return [t.text for t in self.translate_scored(texts, source, target)]

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        """Translate with scores: identical segments once, cached ones not at all.

        The cache works per hop, so a pivot's first hop (id->en) is shared by every target
        of a job and by the direct id->en pair.
        """
        source, target = normalize_lang(source), normalize_lang(target)
        route = self.route(source, target)
        model_id = route.model_id
        keys = [normalize_source(t) for t in texts]
        unique = [k for k in dict.fromkeys(keys) if k]
        outputs: list[str] = list(unique)
        scores: list[float | None] = [0.0] * len(unique)
        cached = [True] * len(unique)
        for hop in route.hops:
            hop_out, hop_scores, hop_cached = self._hop(hop, outputs)
            outputs = hop_out
            scores = [None if a is None or b is None else a + b for a, b in zip(scores, hop_scores, strict=True)]
            cached = [c and h for c, h in zip(cached, hop_cached, strict=True)]
        every = {k: (o, s, c) for k, o, s, c in zip(unique, outputs, scores, cached, strict=True)}
        flags = dict(zip(unique, flag_low_confidence(scores), strict=True))
        out = []
        for key in keys:
            if not key:
                out.append(Translation("", None, model_id))
                continue
            text, score, was_cached = every[key]
            out.append(Translation(text, score, model_id, flags[key], was_cached))
        return out

    def _hop(
        self, model: InstalledModel, texts: list[str]
    ) -> tuple[list[str], list[float | None], list[bool]]:
        """One package over `texts`: memo, then the persistent cache, then one model call."""
        mid = model.model_id
        keys = [normalize_source(t) for t in texts]
        unique = [k for k in dict.fromkeys(keys) if k]
        known = {k: self._memo[(mid, k)] for k in unique if (mid, k) in self._memo}
        rest = [k for k in unique if k not in known]
        if self.cache is not None and rest:
            known.update(self.cache.get_many(mid, model.source, model.target, rest))
        pending = [k for k in unique if k not in known]
        fresh: dict[str, tuple[str, float | None]] = {}
        if pending:
            outputs, scores = self._run(model, pending)
            fresh = dict(zip(pending, zip(outputs, scores, strict=True), strict=True))
            if self.cache is not None:
                self.cache.put_many(
                    mid, model.source, model.target, [(k, o, s) for k, (o, s) in fresh.items()]
                )
        every = {**known, **fresh}
        self._memo.update({(mid, k): v for k, v in every.items()})
        empty = ("", 0.0)
        return (
            [every.get(k, empty)[0] for k in keys],
            [every.get(k, empty)[1] for k in keys],
            [k not in fresh for k in keys],
        )

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
