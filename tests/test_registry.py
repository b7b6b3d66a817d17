"""Engines by name: the entry-point group, import strings, the options, `i18n engines`."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from i18n.batch import make_engine
from i18n.catalog.po import read_po
from i18n.engines.argos import ArgosEngine
from i18n.engines.ct2 import CT2Engine
from i18n.engines.registry import BUILTIN, GROUP, EngineSettings, build_engine, registered_engines
from i18n.errors import PluginError

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"


def test_builtin_engines_are_the_ones_pyproject_registers():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    table = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert table["project"]["entry-points"][GROUP] == BUILTIN


def test_import_string_builds_the_class_with_the_keyword_options():
    settings = EngineSettings(device="cpu", threads=1, beam_size=2, compute_type="int8")
    engine = build_engine("plugin_engine:Bracketing", settings=settings, options={"marker": "X"})
    assert engine.settings == ("cpu", 1, 2, "int8") and engine.marker == "X"


@pytest.mark.parametrize(("name", "message"), [
    ("nosuch_plugin:Engine", "engine 'nosuch_plugin:Engine' (nosuch_plugin:Engine) failed to load: "
                             "ModuleNotFoundError: No module named 'nosuch_plugin'"),
    ("plugin_engine:Missing", "engine 'plugin_engine:Missing' (plugin_engine:Missing) failed to load: "
                              "AttributeError: module 'plugin_engine' has no attribute 'Missing'"),
    ("plugin_engine:broken_factory", "engine 'plugin_engine:broken_factory' (plugin_engine:broken_factory) "
                                     "failed to start: RuntimeError: the licence server is down"),
    ("plugin_engine:NOT_CALLABLE", "engine 'plugin_engine:NOT_CALLABLE' (plugin_engine:NOT_CALLABLE) is not a "
                                   "class or a factory"),
    ("nosuch", "unknown engine 'nosuch': choose one of argos, ctranslate2"),
])
def test_a_plugin_that_fails_is_one_line_naming_it(name, message):
    with pytest.raises(PluginError) as info:
        build_engine(name)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_options_a_factory_does_not_take_are_named():
    with pytest.raises(PluginError, match=r"engine 'argos' .*failed to start: TypeError: .*'colour'"):
        build_engine("argos", options={"colour": "blue"})


def test_make_engine_defaults_and_config(tmp_path, opus_models):
    assert isinstance(make_engine(project=tmp_path), ArgosEngine)
    assert isinstance(make_engine(models=[f"id-en={opus_models['id-en']}"], project=tmp_path), CT2Engine)
    shutil.copytree(opus_models["id-en"], tmp_path / "models" / "id-en")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.i18n]\nengine = "ctranslate2"\n\n[tool.i18n.engines.ctranslate2]\nmodels = { "id-en" = "models/id-en" }\n',
        "utf-8",
    )
    engine = make_engine(project=tmp_path / "models", settings=EngineSettings(beam_size=1))
    assert isinstance(engine, CT2Engine) and engine.options.beam_size == 1
    assert engine.files("id", "en").model_dir == tmp_path / "models" / "id-en"  # from the pyproject's folder


def _plugin_distribution(tmp_path: Path, entries: str) -> Path:
    """An installed distribution (a .dist-info folder on sys.path) registering engines."""
    info = tmp_path / "site" / "newsroom_engines-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsroom-engines\nVersion: 1.0\n", "utf-8")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{entries}\n", "utf-8")
    return info.parent


def test_entry_point_plugins_are_listed_and_loaded(tmp_path, monkeypatch):
    site = _plugin_distribution(tmp_path, "bracketing = plugin_engine:Bracketing\nbroken = nosuch_plugin:Engine")
    monkeypatch.setattr(sys, "path", [str(site), *sys.path])
    specs = registered_engines()
    assert specs["bracketing"].origin == "entry point (newsroom-engines)"
    assert build_engine("bracketing").translate_batch(["a"], "id", "en") == ["[MT id>en] a"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["engines"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "  argos        i18n.engines.argos:create_engine  built in (default)" in lines
    assert "  bracketing   plugin_engine:Bracketing  entry point (newsroom-engines)" in lines
    at = lines.index("  broken       nosuch_plugin:Engine  entry point (newsroom-engines)")
    assert lines[at + 1] == ("    engine 'broken' (nosuch_plugin:Engine) failed to load: "
                             "ModuleNotFoundError: No module named 'nosuch_plugin'")


def _translate(tmp_path, *args):
    (tmp_path / "pyproject.toml").touch()
    arts = tmp_path / "articles" / "id"
    arts.mkdir(parents=True, exist_ok=True)
    shutil.copy(ARTICLE, arts)
    return CliRunner().invoke(main, [
        "translate", str(arts / ARTICLE.name), "--no-glossary", "--no-memory", "--locales", str(tmp_path / "locales"),
        "--cache", str(tmp_path / "cache.sqlite"), *args,
    ])


def test_cli_translate_with_a_custom_engine_by_import_string(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _translate(tmp_path, "--to", "ru", "--engine", "plugin_engine:Bracketing")
    assert result.exit_code == 0, result.output
    po = read_po(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po")
    entries = [e for e in po if e.msgstr]
    assert entries and all(e.msgstr == f"[MT id>ru] {e.msgid}" for e in entries)
    assert all("machine translation: bracketing [" in e.comment for e in entries)


def test_cli_translate_with_opus_models_pivots_through_english(tmp_path, monkeypatch, opus_models):
    monkeypatch.chdir(tmp_path)
    result = _translate(tmp_path, "--to", "en,ru", "--model", f"id-en={opus_models['id-en']}",
                        "--model", f"en-ru={opus_models['en-ru']}", "--beam-size", "1", "--threads", "1")
    assert result.exit_code == 0, result.output
    assert "ru (id→en→ru):" in result.output
    ru = read_po(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po")
    first = next(e for e in ru if e.msgid.startswith("Presiden"))
    assert first.msgstr.startswith("Президент ")
    assert " ".join(first.comment.split()).startswith(
        "machine translation: ctranslate2 id→en opus-mt-id-en + ctranslate2 en→ru opus-mt-en-ru [")


def test_cli_engine_errors_are_one_line(tmp_path, monkeypatch, opus_models):
    monkeypatch.chdir(tmp_path)
    result = _translate(tmp_path, "--to", "ru", "--engine", "nosuch_plugin:Engine")
    assert result.exit_code == 1
    assert result.output == ("error: engine 'nosuch_plugin:Engine' (nosuch_plugin:Engine) failed to load: "
                             "ModuleNotFoundError: No module named 'nosuch_plugin'\n")
    assert not (tmp_path / "cache.sqlite").exists()  # nothing written before the engine is known
    bad = _translate(tmp_path, "--to", "ru", "--model", "id-en")
    assert bad.exit_code == 2 and "--model 'id-en': write it as PAIR=DIR" in bad.output
    missing = _translate(tmp_path, "--to", "vi", "--model", f"id-en={opus_models['id-en']}")
    assert missing.exit_code == 1 and "--model id-vi=DIR" in missing.output


def test_cli_cuda_without_a_gpu_is_a_clear_error(tmp_path, monkeypatch):
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a GPU")
    monkeypatch.chdir(tmp_path)
    result = _translate(tmp_path, "--to", "en", "--device", "cuda")
    assert result.exit_code == 1 and result.output.startswith("error: --device cuda: CTranslate2 sees no CUDA GPU")
