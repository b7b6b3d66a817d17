"""Shared fixtures. argostranslate reads its folders when first imported, so they are
pointed into a private temporary folder here, before any test imports it: the user's own
Argos folders are never read or written by the test suite."""
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="i18n-tests-"))
atexit.register(shutil.rmtree, _SESSION_HOME, True)
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("ARGOS_PACKAGES_DIR", "argos-packages"),
):
    os.environ[_var] = str(_SESSION_HOME / _sub)
    (_SESSION_HOME / _sub).mkdir()
# Never reach the real package index from tests.
os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def tiny_archives(tmp_path_factory) -> dict[str, Path]:
    """Tiny copy-model `.argosmodel` files for id-en, en-ru and en-vi, built once."""
    import tinymodel

    return tinymodel.build_tiny_packages(tmp_path_factory.mktemp("tiny-argos"))


@pytest.fixture(scope="session")
def argos_dir(tiny_archives, tmp_path_factory) -> Path:
    """A packages folder with the tiny id-en, en-ru and en-vi packages installed."""
    from i18n.engines.packages import install_files

    folder = tmp_path_factory.mktemp("argos-installed")
    install_files(list(tiny_archives.values()), packages_dir=folder)
    return folder


@pytest.fixture(scope="session")
def opus_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny copy models in the OPUS-MT converted layout: id-en (shared vocabulary), en-ru (two)."""
    import tinymodel

    dest = tmp_path_factory.mktemp("tiny-opus")
    sp_model = dest / "sentencepiece.model"
    vocab = tinymodel.train_sentencepiece(sp_model)
    return {
        "id-en": tinymodel.build_opus_layout(dest, "id", "en", sp_model=sp_model, vocab=vocab),
        "en-ru": tinymodel.build_opus_layout(dest, "en", "ru", sp_model=sp_model, vocab=vocab, two_vocabularies=True),
    }
