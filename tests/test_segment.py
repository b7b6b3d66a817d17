"""Sentence segmentation: fixtures per language, the seed article, ids and invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from i18n import LanguageError, read_article, segment_article, split_sentences
from i18n.langs import FALLBACKS, SUPPORTED, abbreviations, data_chain
from i18n.segment import sentence_spans

DATA = Path(__file__).parent / "data" / "segment"
ROOT = Path(__file__).parent.parent
SEED = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"


def load_cases(lang: str) -> list[list[str]]:
    text = (DATA / f"{lang}.txt").read_text("utf-8")
    cases = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if lines:
            cases.append(lines)
    return cases


CASES = [(lang, case) for lang in SUPPORTED for case in load_cases(lang)]


@pytest.mark.parametrize(
    "lang,expected", CASES, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(CASES)]
)
def test_fixture_sentences_split_exactly(lang, expected):
    assert split_sentences(" ".join(expected), lang) == expected


def test_every_language_has_fixtures():
    for lang in SUPPORTED:
        assert len(load_cases(lang)) >= 15, lang


def test_seed_article_segments_as_written_out():
    article = read_article(SEED, "id")
    segments = segment_article(article)
    paragraphs: list[list[str]] = []
    last = None
    for seg in segments:
        if seg.paragraph != last:
            paragraphs.append([])
            last = seg.paragraph
        paragraphs[-1].append(seg.text)
    rendered = "\n\n".join("\n".join(p) for p in paragraphs) + "\n"
    assert rendered == (DATA / "putin-kim-vostochny.expected.txt").read_text("utf-8")
    assert len(segments) == 17
    assert [s.text for s in segments if s.paragraph == 10] == [
        "Presiden Rusia juga ditanya apakah kerja sama militer dan teknologi akan dibahas "
        "selama pembicaraannya dengan pemimpin Korea Utara.",
        'Ia menjawab: "Kami akan membahas semua isu secara detail.',
        'Masih banyak waktu . "',
    ]


def test_line_break_always_ends_a_sentence():
    assert split_sentences("Judul berita\nIsi berita dimulai di sini.", "id") == [
        "Judul berita",
        "Isi berita dimulai di sini.",
    ]


def test_surrounding_whitespace_trimmed_inner_kept():
    assert split_sentences("  Satu  dua.   Tiga\tempat.  ", "id") == ["Satu  dua.", "Tiga\tempat."]


def test_empty_and_blank_text_give_no_sentences():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\t\n", "en") == []


def test_lowercase_after_full_stop_does_not_split():
    assert split_sentences("Harga naik 5 persen. dan turun lagi.", "id") == [
        "Harga naik 5 persen. dan turun lagi."
    ]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(LanguageError) as err:
        split_sentences("Hello.", "xx")
    message = str(err.value)
    assert "'xx'" in message
    for code in SUPPORTED:
        assert code in message


@pytest.mark.parametrize("code,expected", [("ID", "id"), ("id_ID", "id"), ("ind", "id"),
                                           ("en-US", "en"), ("rus", "ru"), ("vi-VN", "vi")])
def test_language_aliases(code, expected):
    assert split_sentences("A b. C d.", code) == split_sentences("A b. C d.", expected)


def test_fallback_table_has_no_loops():
    for lang in FALLBACKS:
        chain = data_chain(lang)
        assert len(chain) == len(set(chain))
        assert chain[-1] == "common"


def test_abbreviation_lists_load_for_every_language():
    for lang in SUPPORTED:
        abbrevs = abbreviations(lang)
        assert "Prof" in abbrevs  # from common
    assert "Tn" in abbreviations("id") and "Tn" not in abbreviations("en")
    assert "ул" in abbreviations("ru")
    assert "ThS" in abbreviations("vi")


def test_segment_ids_are_stable_and_positions_point_into_paragraph():
    article = read_article(SEED, "id")
    first = segment_article(article)
    second = segment_article(read_article(SEED, "id"))
    assert [s.id for s in first] == [s.id for s in second]
    assert len({s.id for s in first}) == len(first)
    paragraphs = {p.index: p for p in article.paragraphs}
    for seg in first:
        para = paragraphs[seg.paragraph]
        assert para.text[seg.start:seg.end] == seg.text
        assert seg.line == para.line


def test_segment_id_survives_an_inserted_paragraph(tmp_path):
    original = SEED.read_text("utf-8")
    edited = tmp_path / "putin-kim-vostochny.txt"
    edited.write_text("Paragraf baru di awal artikel.\n" + original, "utf-8")
    before = {s.text: s.id for s in segment_article(read_article(SEED, "id"))}
    after = {s.text: s.id for s in segment_article(read_article(edited, "id"))}
    for text, seg_id in before.items():
        assert after[text] == seg_id


def test_repeated_sentence_gets_distinct_ids(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Terima kasih.\nTerima kasih.\n", "utf-8")
    segs = segment_article(read_article(path, "id"))
    assert [s.text for s in segs] == ["Terima kasih.", "Terima kasih."]
    assert segs[0].id != segs[1].id


words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(words, st.sampled_from(SUPPORTED))
def test_nothing_dropped_or_rewritten(text, lang):
    spans = sentence_spans(text, lang)
    # Sentences are in order, non-overlapping, trimmed, and cover every non-space character.
    pos = 0
    covered = []
    for start, end in spans:
        assert start >= pos and end > start
        piece = text[start:end]
        assert piece == piece.strip()
        covered.append(piece)
        assert text[pos:start].strip() == ""
        pos = end
    assert text[pos:].strip() == ""
    assert "".join("".join(p.split()) for p in covered) == "".join(text.split())
