"""The Argos engine: installed Argos Translate packages run directly with CTranslate2.

Never through `argostranslate.translate`, which imports stanza and torch: one CTranslate2
`translate_batch` call per direct pair over the segments it is given (the runner it shares
with the generic engine, `ct2.CT2Base`), with a model score per segment so that the weakest
output can be flagged for reviewers. Routing through English, deduplication and the cache
are wrappers around it (see `pivot.compose`).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ModelError
from .ct2 import CT2Base, EngineOptions, ModelFiles
from .packages import InstalledModel, list_installed, missing_message

__all__ = ["ArgosEngine", "create_engine"]


class ArgosEngine(CT2Base):
    """Installed Argos packages run with CTranslate2, one batched call per direct pair."""

    name = "argos"

    def __init__(self, *, packages_dir: Path | None = None, options: EngineOptions | None = None):
        super().__init__(options)
        self.packages_dir = packages_dir
        self._installed: dict[tuple[str, str], InstalledModel] | None = None
        self._files: dict[tuple[str, str], ModelFiles] = {}

    def installed(self) -> dict[tuple[str, str], InstalledModel]:
        """The installed packages by pair, read once."""
        if self._installed is None:
            self._installed = {(m.source, m.target): m for m in list_installed(self.packages_dir)}
        return self._installed

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.installed())

    def missing_message(self, source: str, target: str) -> str:
        return missing_message(source, target, list(self.installed().values()))

    def files(self, source: str, target: str) -> ModelFiles:
        """The package's CTranslate2 model and SentencePiece model (shared by source and target)."""
        if (source, target) not in self._files:
            self._files[(source, target)] = self._read_files(self.installed()[(source, target)])
        return self._files[(source, target)]

    def _read_files(self, model: InstalledModel) -> ModelFiles:
        sp = model.path / "sentencepiece.model"
        if not sp.is_file():
            raise ModelError(
                f"{model.path}: the {model.pair} package has no sentencepiece.model "
                "(BPE packages are not supported): install a SentencePiece package"
            )
        meta = json.loads((model.path / "metadata.json").read_text("utf-8"))
        return ModelFiles(
            model.pair, model.path / "model", sp, sp, model.model_id,
            f"argos {model.source}→{model.target} {model.version}", target_prefix=meta.get("target_prefix", "") or "",
            fix=f"reinstall the package with `i18n models install {model.pair}`",
        )


def create_engine(*, device: str = "cpu", threads: int = 2, beam_size: int = 4, compute_type: str = "auto",
                  packages_dir: Path | str | None = None) -> ArgosEngine:
    """The `argos` engine factory (entry point): installed Argos packages, in `packages_dir` if given."""
    options = EngineOptions.from_settings(device=device, threads=threads, beam_size=beam_size, compute_type=compute_type)
    return ArgosEngine(packages_dir=Path(packages_dir) if packages_dir is not None else None, options=options)
