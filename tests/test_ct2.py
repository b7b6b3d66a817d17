"""The generic CTranslate2 engine on real tiny models in both layouts (OPUS-MT converted, Argos)."""
from __future__ import annotations

import shutil

import pytest

from i18n.engines.ct2 import CT2Engine, EngineOptions, create_engine, read_model_folder, resolve_device
from i18n.engines.pivot import compose
from i18n.errors import MissingModelError, ModelError


def test_opus_layout_direct_pair_is_exact(opus_models):
    engine = CT2Engine({"id-en": opus_models["id-en"]})
    out = compose(engine).translate_batch(["Presiden Rusia tiba di kota.", "pemimpin Korea Utara."], "id", "en")
    assert out == ["President Rusia tiba di city.", "leader Korea Utara."]
    assert engine.calls == 1


def test_opus_layout_pivots_through_english_with_two_vocabularies(opus_models):
    assert not (opus_models["en-ru"] / "shared_vocabulary.json").exists()  # the two-vocabulary layout
    engine = CT2Engine({"id-en": opus_models["id-en"], "en-ru": opus_models["en-ru"]})
    translator = compose(engine)
    assert translator.route("id", "ru").describe() == "id→en→ru"
    (t,) = translator.translate_scored(["Presiden di kota."], "id", "ru")
    assert t.text == "Президент di город."
    assert t.model.startswith("ct2:id-en:opus-mt-id-en#") and "+ct2:en-ru:opus-mt-en-ru#" in t.model
    assert t.label == "ctranslate2 id→en opus-mt-id-en + ctranslate2 en→ru opus-mt-en-ru"
    assert engine.calls == 2


def test_unzipped_argos_package_is_a_model_folder(argos_dir):
    folder = argos_dir / "translate-id_en-1_0"
    files = read_model_folder(folder, "id-en")
    assert files.model_dir == folder / "model" and files.source_spm == files.target_spm
    engine = CT2Engine({"id_en": str(folder)})
    assert compose(engine).translate_batch(["kota"], "id", "en") == ["city"]
    assert engine.label("id", "en") == "ctranslate2 id→en translate-id_en-1_0"


def test_same_output_as_the_argos_engine_on_the_same_package(argos_dir):
    from i18n.engines.argos import ArgosEngine

    texts = ["Presiden Rusia menyambut pemimpin Korea Utara.", "zorglub", "Putin tiba di kota Vladivostok."]
    opts = EngineOptions(compute_type="float32")
    generic = compose(CT2Engine({"id-en": argos_dir / "translate-id_en-1_0"}, options=opts))
    argos = compose(ArgosEngine(packages_dir=argos_dir, options=opts))
    a, b = generic.translate_scored(texts, "id", "en"), argos.translate_scored(texts, "id", "en")
    assert [t.text for t in a] == [t.text for t in b]
    assert [t.score for t in a] == pytest.approx([t.score for t in b])


def test_source_prefix_token_is_prepended(opus_models, tmp_path):
    # A multilingual model wants a target-language token first; the copy model copies it too.
    engine = CT2Engine({"id-en": {"path": str(opus_models["id-en"]), "source-prefix": "kota"}})
    assert compose(engine).translate_batch(["pemimpin"], "id", "en") == ["city leader"]


def test_missing_pair_says_how_to_add_it(opus_models):
    engine = compose(CT2Engine({"id-en": opus_models["id-en"]}))
    with pytest.raises(MissingModelError, match=r'models given: id-en\): add `"id-vi" = "DIR"`.*--model id-vi=DIR'):
        engine.route("id", "vi")
    with pytest.raises(MissingModelError, match=r"needs models"):
        create_engine(models={})


def test_folder_without_a_model_or_tokenizers_is_a_clear_error(opus_models, tmp_path):
    with pytest.raises(ModelError, match=r"not a CTranslate2 model folder.*ct2-opus-mt-converter"):
        read_model_folder(tmp_path, "id-en")
    broken = tmp_path / "broken"
    shutil.copytree(opus_models["id-en"], broken)
    (broken / "target.spm").unlink()
    with pytest.raises(ModelError, match=r"target.spm missing: copy the SentencePiece models"):
        read_model_folder(broken, "id-en")


def test_factory_takes_the_keyword_options(opus_models):
    engine = create_engine(models={"id-en": str(opus_models["id-en"])}, threads=1, beam_size=1, compute_type="float32")
    assert (engine.options.inter_threads, engine.options.beam_size, engine.options.compute_type) == (1, 1, "float32")
    assert compose(engine).translate_batch(["kota"], "id", "en") == ["city"]


def test_cuda_without_a_gpu_is_a_clear_error():
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ModelError, match=r"--device cuda: CTranslate2 sees no CUDA GPU.*--device cpu"):
        resolve_device("cuda")
    assert resolve_device("auto") == "cpu"
    with pytest.raises(ModelError, match=r"--device 'tpu': choose one of cpu, cuda, auto"):
        resolve_device("tpu")


def test_token_batches_are_cut_as_ctranslate2_cuts_them_longest_first():
    from i18n.engines.ct2 import _token_batches

    tokens = [["a"] * n for n in (3, 9, 5, 9, 1, 4)]
    order = sorted(range(len(tokens)), key=lambda i: -len(tokens[i]))
    # Padded to the batch's first (longest) segment: 2 x 9 = 18 fits in 20, 3 x 9 does not.
    assert _token_batches(order, tokens, 20) == [[1, 3], [2, 5, 0, 4]]
    assert _token_batches(order, tokens, 5) == [[1], [3], [2], [5], [0], [4]]  # one each, even when too long


def test_planned_batches_are_the_batches_a_local_run_decodes(opus_models, monkeypatch):
    from i18n.engines import ct2

    engine = CT2Engine({"id-en": opus_models["id-en"]}, options=EngineOptions(max_batch_tokens=24))
    texts = ["Presiden Rusia tiba di kota kecil dekat perbatasan.", "kota.", "Presiden tiba di kota.",
             "pemimpin Korea Utara tiba di kota Vladivostok dengan kereta.", "Putin tiba."]
    cut: list[list[str]] = []
    real = ct2._token_batches

    def token_batches(order, tokens, max_tokens):
        batches = real(order, tokens, max_tokens)
        cut.extend([texts[i] for i in b] for b in batches)
        return batches

    planned = [[texts[i] for i in b] for b in engine.plan_batches(texts, "id", "en")]
    monkeypatch.setattr(ct2, "_token_batches", token_batches)
    engine.translate_scored(texts, "id", "en")
    assert planned == cut and len(cut) > 1
    assert planned[0][0] == texts[3]  # the longest first
