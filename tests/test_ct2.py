"""The generic CTranslate2 engine on real tiny models in both layouts (OPUS-MT converted, Argos)."""
from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    real = ct2._batches

    def batches(order, tokens, max_tokens, parallel):
        out = real(order, tokens, max_tokens, parallel)
        cut.extend([texts[i] for i in b] for b in out)
        return out

    planned = [[texts[i] for i in b] for b in engine.plan_batches(texts, "id", "en")]
    monkeypatch.setattr(ct2, "_batches", batches)
    engine.translate_scored(texts, "id", "en")
    assert planned == cut and len(cut) > 1
    assert planned[0][0] == texts[3]  # the longest first


def padded(batch: list[int], tokens: list[list[str]]) -> int:
    return len(batch) * len(tokens[batch[0]])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 80), max_size=60), st.integers(1, 400), st.integers(1, 5))
def test_batches_give_every_thread_work_within_the_token_limit(lengths, max_tokens, parallel):
    from i18n.engines.ct2 import _batches, _longest_first, _token_batches

    tokens = [["a"] * n for n in lengths]
    order = _longest_first(tokens)
    greedy = _token_batches(order, tokens, max_tokens)
    cut = _batches(order, tokens, max_tokens, parallel)
    assert [i for b in cut for i in b] == order  # every segment once, longest first, runs of the order
    assert all(padded(b, tokens) <= max_tokens for b in cut if len(b) > 1)  # never over the limit
    if parallel == 1:
        assert cut == greedy  # one thread: CTranslate2's own cut
    else:  # a multiple of the threads (one batch a segment where there are fewer segments)
        assert len(cut) == min(len(order), parallel * -(-len(greedy) // parallel))
        assert max((padded(b, tokens) for b in cut), default=0) <= max((padded(b, tokens) for b in greedy), default=0)


def test_batches_split_a_one_batch_job_and_balance_a_ragged_one():
    from i18n.engines.ct2 import _batches, _longest_first, _token_batches

    article = [["a"] * n for n in (20, 18, 25, 12, 20, 16, 30, 10, 22, 14)]  # 300 padded tokens: one batch
    order = _longest_first(article)
    assert len(_token_batches(order, article, 1024)) == 1
    assert [[len(article[i]) for i in b] for b in _batches(order, article, 1024, 2)] == [
        [30, 25, 22, 20], [20, 18, 16, 14, 12, 10]]  # 120 and 120 padded tokens
    # 10 segments of 50 tokens and 36 of 30 in batches of 600: CTranslate2 cuts 12/20/14 (600, 600
    # and 420 padded tokens), and the third batch keeps one thread busy alone; four batches of at
    # most 450 keep both busy.
    ragged = [["a"] * n for n in [50] * 10 + [30] * 36]
    order = _longest_first(ragged)
    assert [len(b) for b in _token_batches(order, ragged, 600)] == [12, 20, 14]
    cut = _batches(order, ragged, 600, 2)
    assert [len(b) for b in cut] == [9, 9, 15, 13] and [padded(b, ragged) for b in cut] == [450, 450, 450, 390]
    # No limit cuts 9, 9, 9, 6, 4, 2 tokens into exactly four batches (18: three, 17: five): the costliest is halved.
    small = [["a"] * n for n in (9, 9, 9, 6, 4, 2)]
    order = _longest_first(small)
    assert [len(b) for b in _token_batches(order, small, 18)] == [2, 2, 2]
    assert [[len(small[i]) for i in b] for b in _batches(order, small, 18, 2)] == [[9], [9], [9, 6], [4, 2]]


def test_balanced_batches_translate_as_ctranslate2s_cut_does(argos_dir, monkeypatch):
    from i18n.engines import ct2
    from i18n.engines.argos import ArgosEngine

    texts = ["Presiden Rusia tiba di kota kecil dekat perbatasan.", "kota.", "Presiden tiba di kota.",
             "pemimpin Korea Utara tiba di kota Vladivostok dengan kereta.", "Putin tiba.",
             "Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara.", "Kim Jong Un tiba di kota."]
    sizes: dict[int, list[int]] = {}
    real = ct2._batches

    def batches(order, tokens, max_tokens, parallel):
        out = real(order, tokens, max_tokens, parallel)
        sizes[parallel] = [len(b) for b in out]
        return out

    monkeypatch.setattr(ct2, "_batches", batches)
    out = {threads: ArgosEngine(packages_dir=argos_dir, options=EngineOptions(
        compute_type="float32", inter_threads=threads)).translate_scored(texts, "id", "en") for threads in (1, 2)}
    assert sizes == {1: [7], 2: [3, 4]}  # one batch on one thread; two on two
    assert [t.text for t in out[2]] == [t.text for t in out[1]]
    assert [t.score for t in out[2]] == pytest.approx([t.score for t in out[1]], abs=1e-4)


def test_a_planned_batch_is_decoded_as_that_batch(argos_dir, monkeypatch):
    """An executor's worker gets one batch of the plan and decodes it whole, with the same
    results as the local run that cut it (with two threads a job is cut again, a batch is not)."""
    from i18n.engines import ct2
    from i18n.engines.argos import ArgosEngine

    texts = ["Presiden Rusia tiba di kota kecil dekat perbatasan.", "kota.", "Presiden tiba di kota.",
             "pemimpin Korea Utara tiba di kota Vladivostok dengan kereta.", "Putin tiba."]
    engine = ArgosEngine(packages_dir=argos_dir, options=EngineOptions(compute_type="float32", inter_threads=2))
    local = engine.translate_scored(texts, "id", "en")
    planned = engine.plan_batches(texts, "id", "en")
    assert len(planned) == 2

    def no_cut(*args):
        raise AssertionError("a planned batch was cut again")

    monkeypatch.setattr(ct2, "_batches", no_cut)
    for batch in planned:
        done = engine.translate_planned([texts[i] for i in batch], "id", "en")
        assert [(t.text, t.score) for t in done] == [(local[i].text, local[i].score) for i in batch]
