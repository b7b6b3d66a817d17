"""The changed-sentence matching of the merge: the same decisions as the original difflib loop.

tests/merge_oracle.py keeps that loop verbatim. Here the fast matcher (i18n/catalog/similar.py)
is compared with it on edited catalogs built from real text (the example article, the
segmentation and noise fixtures in four languages, the glossary evaluation sentences, Django's
catalogs in English, Indonesian, Russian and Vietnamese), and a few decisions are pinned by
hand: the threshold, the measure (difflib's, not the longest common subsequence that bounds
it), ties, two sentences wanting one translation, the top-three limit, boilerplate lines.
"""
from __future__ import annotations

import difflib
import random
import re
from pathlib import Path

import polib
import pytest
from merge_oracle import legacy_match_changed

from i18n.article import parse_article, read_article
from i18n.catalog import merge as merge_module
from i18n.catalog import similar
from i18n.catalog.merge import Suggestion, merge_catalog
from i18n.catalog.po import read_po
from i18n.catalog.similar import SIMILARITY, pair_changed
from i18n.segment import segment_article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def _fixture_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def corpus() -> dict[str, list[str]]:
    """Real sentences by origin, each list without duplicates."""
    out: dict[str, list[str]] = {}
    article = read_article(ROOT / "articles" / "id" / "putin-kim-vostochny.txt", "id")
    out["article"] = [s.text for s in segment_article(article)]
    for lang in ("en", "id", "ru", "vi"):
        out[f"segment-{lang}"] = _fixture_lines(DATA / "segment" / f"{lang}.txt")
        out[f"noise-{lang}"] = _fixture_lines(DATA / "noise" / f"{lang}.txt")
    rows = [line.split("\t") for line in _fixture_lines(DATA / "glossary_eval" / "sentences.tsv")]
    out["glossary-eval"] = [r[2] for r in rows if len(r) > 3] + [re.sub(r"[{}]", "", r[3]) for r in rows if len(r) > 3]
    for lang in ("id", "ru", "vi"):
        po = read_po(DATA / "realworld" / f"django.{lang}.po")
        out[f"django-{lang}"] = [e.msgstr for e in po if e.msgstr] + ([e.msgid for e in po] if lang == "id" else [])
    return {k: list(dict.fromkeys(t for t in v if t)) for k, v in out.items()}


FOLD = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđё",
                     "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyde")


def edit(text: str, rng: random.Random, words: list[str]) -> str:
    """One editor's change to a sentence: a word replaced, added or dropped, a typo fixed,
    a number updated, accents dropped, the case changed, or the sentence cut or extended."""
    ws = text.split()
    kind = rng.randrange(10)
    if kind == 0 and len(ws) > 1:
        ws[rng.randrange(len(ws))] = rng.choice(words)
    elif kind == 1:
        ws.insert(rng.randrange(len(ws) + 1), rng.choice(words))
    elif kind == 2 and len(ws) > 2:
        del ws[rng.randrange(len(ws))]
    elif kind == 3 and len(text) > 3:
        k = rng.randrange(len(text) - 1)
        return text[:k] + text[k + 1] + text[k] + text[k + 2:]
    elif kind == 4:
        return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 30)), text) if re.search(r"\d", text) \
            else f"{text} ({rng.randint(2, 99)})"
    elif kind == 5:
        return text.lower().translate(FOLD)
    elif kind == 6:
        return text.upper() if rng.random() < 0.3 else text.capitalize()
    elif kind == 7 and len(ws) > 3:
        return " ".join(ws[: rng.randint(2, len(ws) - 1)]) + "."
    elif kind == 8:
        return f"{text} {' '.join(rng.choice(words) for _ in range(rng.randint(1, 6)))}."
    else:
        return text.replace(" ", "  ", 1).replace(",", "", 1) + "!"
    return " ".join(ws)


def scenario(seed: int, pool: list[str]) -> tuple[list[str], list[str]]:
    """(new sentences, vanished sentences) of one edit of a catalog drawn from `pool`."""
    rng = random.Random(seed)
    words = [w for t in pool for w in t.split()]
    old = rng.sample(pool, min(len(pool), rng.randint(5, 60)))
    if rng.random() < 0.3:  # boilerplate: near-copies that differ in a number
        base = rng.choice(old)
        old += list(dict.fromkeys(f"{base[:-1]} ({n})." for n in rng.sample(range(1, 40), 8)))
    new: list[str] = []
    for text in old:
        roll = rng.random()
        if roll < 0.35:
            new.append(text)  # unchanged
        elif roll < 0.85:
            new.append(edit(text, rng, words))
            if rng.random() < 0.15:  # edited twice over: two candidates for one translation
                new.append(edit(text, rng, words))
        # else: deleted
    new += rng.sample(pool, min(len(pool), rng.randint(0, 8)))  # sentences from elsewhere
    rng.shuffle(new)
    old_set = set(old)
    new_texts = [t for t in dict.fromkeys(new) if t not in old_set]
    vanished = [t for t in old if t not in set(new)]
    return new_texts, vanished


def reviewed(texts: list[str]) -> list[polib.POEntry]:
    return [polib.POEntry(msgid=t, msgstr=f"T:{t}") for t in texts]


def oracle(new_texts: list[str], vanished: list[str]) -> dict[int, int]:
    entries = reviewed(vanished)
    found = legacy_match_changed(new_texts, entries)
    where = {id(e): j for j, e in enumerate(entries)}
    return {i: where[id(found[t])] for i, t in enumerate(new_texts) if t in found}


@pytest.fixture(scope="module")
def pools() -> dict[str, list[str]]:
    found = corpus()
    mixed = [t for texts in found.values() for t in texts]
    return {**found, "mixed": mixed}


def test_corpus_is_varied(pools):
    assert len(pools) >= 14 and len(pools["mixed"]) > 1500


@pytest.mark.parametrize("origin", ["article", "segment-en", "segment-id", "segment-ru", "segment-vi",
                                    "glossary-eval", "django-id", "django-ru", "django-vi", "mixed"])
def test_matcher_makes_the_original_decisions_on_edited_catalogs(pools, origin):
    pool = pools[origin]
    matched = compared = 0
    for seed in range(25):
        new_texts, vanished = scenario(hash((origin, seed)) % 10**6, pool)
        expected = oracle(new_texts, vanished)
        assert pair_changed(new_texts, vanished) == expected, f"seed {seed}"
        matched += len(expected)
        compared += len(new_texts)
    assert matched > 0 and compared > matched  # both outcomes are exercised


def test_decisions_agree_with_original_near_the_threshold(pools):
    """Pairs whose difflib ratio is within 0.03 of SIMILARITY, on both sides of it."""
    rng = random.Random(7)
    pool = pools["mixed"]
    near = []
    for _ in range(4000):
        a = rng.choice(pool)
        b = edit(edit(edit(a, rng, a.split()), rng, a.split()), rng, pool[0].split())
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        if abs(ratio - SIMILARITY) < 0.03:
            near.append((b, a, ratio))
    assert sum(r >= SIMILARITY for *_, r in near) > 20 and sum(r < SIMILARITY for *_, r in near) > 20
    for k in range(0, len(near), 10):
        chunk = near[k:k + 10]
        new_texts = list(dict.fromkeys(b for b, _, _ in chunk))
        vanished = list(dict.fromkeys(a for _, a, _ in chunk if a not in new_texts))
        assert pair_changed(new_texts, vanished) == oracle(new_texts, vanished)


def test_ratio_exactly_at_the_threshold_carries_over_just_below_does_not():
    old, at = "Казахский", "Казахский  Казахский!"  # 9 + 9 matching of 30 characters: 0.6
    assert difflib.SequenceMatcher(None, old, at, autojunk=False).ratio() == SIMILARITY
    assert pair_changed([at], [old]) == {0: 0} == oracle([at], [old])
    old, below = "Введите правильное значение.", "Введите правильное Введите Введите правильное."
    assert 0.59 < difflib.SequenceMatcher(None, old, below, autojunk=False).ratio() < SIMILARITY
    assert pair_changed([below], [old]) == {} == oracle([below], [old])


# Accents dropped and a typo: close by the longest common subsequence (0.76), not by difflib (0.54).
LCS_ONLY = ("Xem thêm: Ông Putin đón ông Kim Jong Un tại sân bay vũ trụ Vostochny",
            "xem them: ong ptuin don ong kim jong un tai san bay vu tru vostochny")


def test_the_measure_is_difflib_not_the_longest_common_subsequence():
    """rapidfuzz's LCS ratio only bounds difflib's: a pair above the threshold by LCS and below
    it by difflib is not matched."""
    from rapidfuzz import fuzz

    old, new = LCS_ONLY
    assert fuzz.ratio(old, new) >= 100 * SIMILARITY > 100 * difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
    assert pair_changed([new], [old]) == {} == oracle([new], [old])


def test_the_closest_vanished_sentence_wins_and_a_tie_goes_to_the_earlier_one():
    vanished = ["Mexican Spanish", "Colombian Spanish"]
    assert pair_changed(["Columbian Spanish"], vanished) == {0: 1} == oracle(["Columbian Spanish"], vanished)
    tie = ["Argentinian Spanish (1).", "Argentinian Spanish (3)."]  # both one character off: 0.958
    assert pair_changed(["Argentinian Spanish (2)."], tie) == {0: 0} == oracle(["Argentinian Spanish (2)."], tie)
    assert pair_changed(["Argentinian Spanish (2)."], tie[::-1]) == {0: 0}


def test_two_new_sentences_wanting_one_translation_the_closer_wins_the_other_takes_its_next():
    vanished = ["Putin tiba di Vostochny pada pagi hari.", "Putin tiba di Vladivostok pada malam hari."]
    new = ["Putin tiba di Vostochny pada siang hari.", "Putin tiba di Vostochny pada pagi hari ini."]
    found = pair_changed(new, vanished)
    assert found == oracle(new, vanished)
    assert found == {1: 0, 0: 1}  # "pagi hari ini" is closer to the first (0.95 against 0.94)


def test_a_sentence_whose_three_best_are_taken_gets_nothing():
    """Only the three best candidates of a sentence take part in the assignment (the original
    rule), even when a fourth would be above the threshold."""
    vanished = [f"Pertemuan ke-{n} digelar di Vladivostok pada hari Senin." for n in (11, 12, 13, 14)]
    new = [f"Pertemuan ke-{n} digelar di Vladivostok pada hari Selasa." for n in (11, 12, 13)]
    new.append("Pertemuan ke-1 digelar di Vladivostok pada Senin lalu.")
    found = pair_changed(new, vanished)
    assert found == oracle(new, vanished)
    assert found == {0: 0, 1: 1, 2: 2}  # the last one's top three are taken; ke-14 is 4th
    assert difflib.SequenceMatcher(None, vanished[3], new[3], autojunk=False).ratio() >= SIMILARITY


def test_short_sentences_and_accents_are_found_without_a_shared_word():
    assert pair_changed(["Djakarta."], ["Jakarta."]) == {0: 0}
    long_vi = "Ông Putin đón ông Kim Jong Un tại sân bay vũ trụ Vostochny hôm thứ Tư."
    folded = long_vi.lower().translate(FOLD)
    assert pair_changed([folded], [long_vi]) == oracle([folded], [long_vi]) == {0: 0}


def test_machine_and_untranslated_entries_are_not_carried_over(pools):
    """Through the merge: only reviewed, draft and changed entries of vanished sentences count."""
    rng = random.Random(3)
    for seed in range(10):
        new_texts, vanished = scenario(seed, pools["article"] + pools["segment-id"])
        entries = []
        for t in vanished:
            state = rng.choice(["reviewed", "draft", "changed", "machine", "untranslated"])
            e = polib.POEntry(msgid=t, msgstr="" if state == "untranslated" else f"T:{t}")
            if state != "reviewed" and state != "untranslated":
                e.flags = ["fuzzy"]
            if state == "machine":
                from i18n.catalog.states import machine_note
                e.comment = machine_note("m", e.msgstr)
            if state == "changed":
                e.previous_msgid = t + " (lama)"
            entries.append(e)
        got = merge_module._match_changed(new_texts, entries)
        want = legacy_match_changed(new_texts, entries)
        assert {k: id(v) for k, v in got.items()} == {k: id(v) for k, v in want.items()}


def test_nothing_is_compared_when_no_sentence_vanished(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("difflib used")

    monkeypatch.setattr(similar, "SequenceMatcher", refuse)
    before = parse_article("Satu dua tiga empat lima.\n", "id", path="articles/id/a.txt")
    after = parse_article("Satu dua tiga empat lima. Enam tujuh delapan sembilan.\n", "id", path="articles/id/a.txt")
    old = merge_catalog(before, segment_article(before), "ru",
                        suggestions={"Satu dua tiga empat lima.": Suggestion("x", "m")}).catalog
    merged = merge_catalog(after, segment_article(after), "ru", old=old)
    assert [e.msgid for e in merged.catalog] == ["Satu dua tiga empat lima.", "Enam tujuh delapan sembilan."]


def test_a_later_candidate_tied_with_the_third_best_still_displaces_it_when_earlier():
    """X's LCS bound is above its difflib ratio, Y's equals it, and both ratios are equal: Y, an
    earlier vanished sentence, takes third place from X although it is looked at after X."""
    from rapidfuzz.distance import LCSseq

    new = "Presiden Putin menyambut Kim Jong Un di kosmodrom Vostochny."
    x = "Presiden Putin menyambut Kim Un Putin di kosmodrom Vostochny."
    y = "Presiden Putin menyambut Kim Jong Un di kosmodrom Vostochny. hari Putin."
    h1 = "Presiden  Putin menyambut Kim Rusia Un di kosmodrom Vostochny.!"
    h2 = "Presiden Putin menyambut Kim ke Un di kosmodrom Vostochny. (56)"

    def ratio(old: str) -> float:
        return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()

    def bound(old: str) -> float:
        return 2.0 * LCSseq.similarity(old, new) / (len(old) + len(new))

    assert ratio(x) == ratio(y) < bound(x) and bound(y) == ratio(y) < min(ratio(h1), ratio(h2))
    vanished = [y, h1, h2, x]
    news = [new, h1 + "!", h2 + "!"]  # the last two take h1 and h2: `new` gets its third best
    assert pair_changed(news, vanished) == {0: 0, 1: 1, 2: 2} == oracle(news, vanished)


def test_boilerplate_lines_that_share_only_common_words_are_still_compared():
    """A hundred vanished "Baca juga" lines: every word of the new line is common among them,
    so the index cannot narrow the search and every vanished line is compared."""
    vanished = [f"Baca juga: Putin bertemu Kim Jong Un di Vostochny, bagian {n}." for n in range(100)]
    news = ["Baca juga: Putin bertemu Kim Jong Un di Vostochny.",
            "Baca juga: Putin bertemu Kim Jong Un di Vostochny, bagian 7 dan 8.",
            "Lihat juga: Putin bertemu Kim di Vostochny, bagian 42."]
    found = pair_changed(news, vanished)
    assert found == oracle(news, vanished) and len(found) == 3
