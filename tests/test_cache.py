"""The SQLite translation memory."""
from __future__ import annotations

import pytest

from i18n.engines.cache import TranslationCache, default_cache_path, normalize_source
from i18n.errors import CacheError


def test_normalize_source_folds_space_and_unicode_form():
    assert normalize_source("  Hoa\u0300  bi\u0300nh\n") == "Hoà bình"
    assert normalize_source("a\tb") == normalize_source("a b")


def test_normalize_source_keeps_no_break_spaces():
    assert normalize_source("5\u202f% dan 10\u00a0km ") == "5\u202f% dan 10\u00a0km"


def test_round_trip_persists_between_opens(tmp_path):
    path = tmp_path / "sub" / "tm.sqlite"
    with TranslationCache(path) as cache:
        cache.put_many("m1", "id", "en", [("kota", "city", -0.1), ("desa", "village", None)])
    with TranslationCache(path) as cache:
        assert len(cache) == 2
        assert cache.get_many("m1", "id", "en", ["kota", "desa", "pulau"]) == {
            "kota": ("city", -0.1),
            "desa": ("village", None),
        }
        # keyed by model identity and pair
        assert cache.get_many("m2", "id", "en", ["kota"]) == {}
        assert cache.get_many("m1", "id", "ru", ["kota"]) == {}


def test_newer_entry_replaces_older(tmp_path):
    with TranslationCache(tmp_path / "tm.sqlite") as cache:
        cache.put_many("m", "id", "en", [("kota", "town", -1.0)])
        cache.put_many("m", "id", "en", [("kota", "city", -0.5)])
        assert cache.get_many("m", "id", "en", ["kota"]) == {"kota": ("city", -0.5)}
        assert len(cache) == 1


def test_many_keys_are_looked_up_in_chunks(tmp_path):
    with TranslationCache(tmp_path / "tm.sqlite") as cache:
        items = [(f"s{i}", f"t{i}", None) for i in range(1200)]
        cache.put_many("m", "en", "ru", items)
        got = cache.get_many("m", "en", "ru", [k for k, _, _ in items])
        assert len(got) == 1200 and got["s1199"] == ("t1199", None)


def test_unusable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "tm.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CacheError, match="cannot open the translation cache"):
        TranslationCache(bad)


def test_default_path_is_in_the_user_cache_folder():
    path = default_cache_path()
    assert path.name == "translations.sqlite" and "i18n-newsroom" in path.parts


def test_cache_path_under_a_file_is_a_cache_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(CacheError, match=r"afile/c\.sqlite: cannot open the translation cache"):
        TranslationCache(tmp_path / "afile" / "c.sqlite")


def test_locked_cache_read_is_a_cache_error(tmp_path):
    import sqlite3

    path = tmp_path / "tm.sqlite"
    with TranslationCache(path) as cache:
        cache._db.execute("PRAGMA busy_timeout = 10")  # do not wait 30 s for the lock in a test
        other = sqlite3.connect(str(path))
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(CacheError, match="cannot read the translation cache"):
                cache.get_many("m", "id", "en", ["Halo."])
            with pytest.raises(CacheError, match="cannot write the translation cache"):
                cache.put_many("m", "id", "en", [("Halo.", "Hello.", -0.1)])
        finally:
            other.rollback()
            other.close()


def test_memo_keeps_the_pairs_of_one_model_apart():
    """A plain engine has one model id for every pair: id->en must not answer id->ru."""
    from i18n.engines.base import PlainEngine
    from i18n.engines.cache import CachedEngine

    class Tagger:
        name = "tagger"

        def translate_batch(self, texts, source, target):
            return [f"[{target}] {t}" for t in texts]

    engine = CachedEngine(PlainEngine(Tagger()))
    assert [t.text for t in engine.translate_scored(["Satu."], "id", "en")] == ["[en] Satu."]
    assert [t.text for t in engine.translate_scored(["Satu."], "id", "ru")] == ["[ru] Satu."]
    again = engine.translate_scored(["Satu."], "id", "en")
    assert again[0].text == "[en] Satu." and again[0].cached
