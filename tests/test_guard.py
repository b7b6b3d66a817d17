"""The guard against degenerate output: a stand-in for the logic, real tiny models for the second decode."""
from __future__ import annotations

from collections.abc import Sequence

import pytest

from i18n.engines.base import ModelEngine, Translation
from i18n.engines.cache import TranslationCache
from i18n.engines.ct2 import CT2Engine, EngineOptions
from i18n.engines.pivot import compose

LOOPING = "Presiden Rusia tiba di kota kecil dekat perbatasan."
CUT = "Kata zorglub tidak dikenal oleh model itu sama sekali."
FINE = "Putin tiba."


class Looping(ModelEngine):
    """Loops on sentences with `kota`, stops early on those with `zorglub`; its second decode
    (when it has one) gives the right translation."""

    name = "looping"

    def __init__(self, *, can_redecode: bool = True, fixes: bool = True):
        self.can_redecode = can_redecode
        self.fixes = fixes
        self.first: list[str] = []
        self.second: list[tuple[str, bool]] = []

    def pairs(self):
        return frozenset({("id", "en"), ("en", "ru")})

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        self.first += texts
        out = []
        for t in texts:
            if "kota" in t:
                out.append("The city" + " city" * 20)
            elif "zorglub" in t:
                out.append("The word")
            else:
                out.append(f"EN {t}")
        return [Translation(o, -0.1, "looping-1") for o in out]

    def redecode(self, texts, source, target, *, short=()):
        self.second += list(zip(texts, short, strict=True))
        return [Translation(f"EN {t}" if self.fixes else "city city city city city", -0.2, "looping-1") for t in texts]


def test_degenerate_outputs_are_decoded_again_and_flagged():
    model = Looping()
    out = compose(model).translate_scored([LOOPING, CUT, FINE], "id", "en")
    assert [t.text for t in out] == [f"EN {LOOPING}", f"EN {CUT}", f"EN {FINE}"]
    assert model.second == [(LOOPING, False), (CUT, True)]  # only the bad ones; the cut one must not end early
    assert out[0].degenerate.startswith("the model's first output was degenerate (the phrase «city» repeats 21 times")
    assert out[0].degenerate.endswith("this is a second decode, with repeats forbidden: check it against the source")
    assert "not allowed to end early" in out[1].degenerate
    assert out[2].degenerate == ""
    assert out[0].comments()[-1].startswith("degenerate-output: the model's first output was degenerate")


def test_a_second_decode_that_is_still_degenerate_is_not_used():
    out = compose(Looping(fixes=False)).translate_scored([LOOPING], "id", "en")
    assert out[0].text.startswith("The city city")
    assert out[0].degenerate == "the phrase «city» repeats 21 times in a row"


def test_an_engine_without_a_second_decode_is_only_flagged():
    model = Looping(can_redecode=False)
    (out,) = compose(model).translate_scored([CUT], "id", "en")
    assert out.text == "The word" and "stops before the end of the source" in out.degenerate
    assert model.second == []


def test_pivot_names_the_hop_that_degenerated():
    (out,) = compose(Looping(fixes=False)).translate_scored([LOOPING], "id", "ru")
    assert out.degenerate.startswith("id→en: the phrase «city» repeats")


def test_second_decodes_are_cached_like_first_ones(tmp_path):
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        first = compose(Looping(), cache=cache).translate_scored([LOOPING, FINE], "id", "en")
    model = Looping()
    with TranslationCache(tmp_path / "c.sqlite") as cache:
        again = compose(model, cache=cache).translate_scored([LOOPING, FINE], "id", "en")
    assert model.first == [] and model.second == []  # no model call at all
    assert [(t.text, t.degenerate) for t in again] == [(t.text, t.degenerate) for t in first]
    assert all(t.cached for t in again)


# The real second decode: tiny CTranslate2 models that loop or end early (tests/tinymodel.py),
# greedy (a looping copy model ends every beam early under beam search), float32.
GREEDY = EngineOptions(beam_size=1, compute_type="float32")


@pytest.fixture(scope="module")
def degenerate_models(tmp_path_factory):
    import tinymodel

    dest = tmp_path_factory.mktemp("degenerate")
    sp_model = dest / "sentencepiece.model"
    vocab = tinymodel.train_sentencepiece(sp_model)
    build = lambda name, **variant: tinymodel.build_opus_layout(  # noqa: E731
        dest, "id", "en", sp_model=sp_model, vocab=vocab, name=name, **variant)
    return {"loops": build("loops-id-en", loops=True), "stops": build("stops-id-en", stops=("zorglub",))}


def test_real_looping_model_is_decoded_again_without_the_loop(degenerate_models):
    model = CT2Engine({"id-en": degenerate_models["loops"]}, options=GREEDY)
    plain = model.decode([LOOPING], "id", "en", GREEDY)[0].text
    assert plain.startswith("President Rusia tiba di city kecil dekat perbatasan... perbatasan.") and len(plain) > 2 * len(LOOPING)
    before = model.calls
    (out,) = compose(model).translate_scored([LOOPING], "id", "en")
    assert out.text.startswith("President Rusia tiba di city kecil dekat perbatasan.")
    assert len(out.text) < len(plain)
    assert out.degenerate.startswith("the model's first output was degenerate (the phrase «perbatasan .» repeats")
    assert model.calls - before == 2  # the first decode, then one second decode of the looping segment


def test_real_model_that_ends_early_is_decoded_again_to_the_end(degenerate_models):
    model = CT2Engine({"id-en": degenerate_models["stops"]}, options=EngineOptions(compute_type="float32"))
    out = compose(model).translate_scored([CUT, FINE], "id", "en")
    assert model.decode([CUT], "id", "en", model.options)[0].text == "Kata"
    assert [t.text for t in out] == [CUT, FINE]
    assert "the output stops before the end of the source" in out[0].degenerate
    assert "not allowed to end early" in out[0].degenerate and out[1].degenerate == ""


def test_the_first_decode_stops_a_loop_at_twice_the_source(degenerate_models):
    long_limit = EngineOptions(beam_size=1, compute_type="float32", decode_ratio=None, max_decoding_length=200)
    model = CT2Engine({"id-en": degenerate_models["loops"]}, options=long_limit)
    unbounded = model.decode([LOOPING], "id", "en", long_limit)[0].text
    bounded = model.decode([LOOPING], "id", "en", GREEDY)[0].text
    assert len(bounded) < len(unbounded) / 2


def test_each_token_batch_stops_at_its_own_longest_source(degenerate_models):
    # Batches of at most 32 tokens: the looping sentence and a long one go in different batches,
    # so the loop is cut at twice its own length, not at twice the long sentence's.
    small = EngineOptions(beam_size=1, compute_type="float32", max_batch_tokens=32)
    model = CT2Engine({"id-en": degenerate_models["loops"]}, options=small)
    long = " ".join([LOOPING] * 3)
    alone = model.decode([LOOPING], "id", "en", small)[0].text
    together = model.decode([long, LOOPING], "id", "en", small)
    assert together[1].text == alone
    assert len(together[0].text) > 2 * len(alone)
