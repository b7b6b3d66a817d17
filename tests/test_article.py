"""Reading articles: encodings, newlines, NFC, boilerplate, and clear errors."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from i18n import ArticleError, read_article
from i18n.article import parse_article

SEED = Path(__file__).parent.parent / "articles" / "id" / "putin-kim-vostochny.txt"


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seed_article_sets_aside_scrape_noise_and_keeps_byline_and_caption():
    article = read_article(SEED, "id")
    assert [(s.line, s.text) for s in article.set_aside] == [
        (13, "[iklan_2]"),
        (14, "Sumber"),
        (15, "Komentar (0)"),
    ]
    texts = [p.text for p in article.paragraphs]
    assert "Minh Duc (Menurut RT, Sputnik)" in texts
    assert any(t.endswith("Sumber: Sputnik") for t in texts)
    assert len(article.paragraphs) == 12
    assert article.slug == "putin-kim-vostochny"


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_any_newline_convention_gives_the_same_paragraphs(tmp_path, newline):
    path = write(tmp_path, newline.join([b"Satu.", b"", b"Dua.", b"Tiga."]))
    article = read_article(path, "id")
    assert [(p.index, p.line, p.text) for p in article.paragraphs] == [
        (0, 1, "Satu."),
        (1, 3, "Dua."),
        (2, 4, "Tiga."),
    ]


def test_bom_is_accepted_and_not_kept(tmp_path):
    path = write(tmp_path, "\ufeffHalo dunia.\n".encode("utf-8"))
    assert read_article(path, "id").paragraphs[0].text == "Halo dunia."


def test_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hòa bình ở Việt Nam.")
    path = write(tmp_path, decomposed.encode("utf-8"))
    text = read_article(path, "vi").paragraphs[0].text
    assert text == unicodedata.normalize("NFC", decomposed)
    assert text != decomposed


def test_invalid_utf8_names_file_line_and_byte_offset(tmp_path):
    path = write(tmp_path, "Baris satu.\nCaf\u00e9 dua.\n".encode("latin-1"), "latin1.txt")
    with pytest.raises(ArticleError) as err:
        read_article(path, "id")
    assert str(err.value) == (
        f"{path}:2: invalid UTF-8 at byte offset 15 (byte 0xe9); "
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"
    )


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt")
    with pytest.raises(ArticleError, match="binary file"):
        read_article(path, "id")


def test_empty_article_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="empty article: it contains no text"):
        read_article(write(tmp_path, b"\n  \n"), "id")


def test_article_of_only_boilerplate_is_refused(tmp_path):
    with pytest.raises(ArticleError, match=r"nothing to translate: its 2 non-empty lines are all web-scrape noise"):
        read_article(write(tmp_path, b"[iklan_2]\nSumber\n"), "id")


def test_missing_file_and_folder_are_clear_errors(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt", "id")
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(tmp_path, "id")


def test_oversized_article_is_refused_before_reading(tmp_path):
    path = write(tmp_path, b"Kalimat panjang. " * 1000)
    with pytest.raises(ArticleError, match="over the 0 MB limit"):
        read_article(path, "id", max_bytes=100)


@pytest.mark.parametrize(
    "lang,line",
    [("en", "Comments (12)"), ("en", "[ad_1]"), ("ru", "Комментарии (3)"), ("ru", "Источник"),
     ("vi", "Bình luận (0)"), ("vi", "Nguồn"), ("vi", "[quangcao_2]"), ("id", "Baca juga:")],
)
def test_boilerplate_patterns_per_language(lang, line):
    article = parse_article(f"Kalimat pertama.\n{line}\n", lang)
    assert [s.text for s in article.set_aside] == [line]


def test_source_line_with_content_is_not_boilerplate():
    article = parse_article("Sumber: Sputnik\nSumber\n", "id")
    assert [p.text for p in article.paragraphs] == ["Sumber: Sputnik"]


def test_utf16_without_a_byte_order_mark_is_named_as_utf16(tmp_path):
    """Issue 13, finding 7: UTF-16 text was 'a binary file (NUL bytes)'."""
    for encoding, kind in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("Presiden Putin tiba di Vladivostok.\n".encode(encoding))
        with pytest.raises(ArticleError, match=rf"is UTF-16 \({kind}\), not UTF-8; convert it"):
            read_article(path, "id")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ArticleError, match="looks like a binary file"):
        read_article(binary, "id")


def test_an_article_of_boilerplate_only_says_which_line_and_what_to_do(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text("Komentar (0)\n", "utf-8")
    with pytest.raises(ArticleError) as info:
        read_article(path, "id")
    assert str(info.value) == (
        f"{path.as_posix()}:1: nothing to translate: its one non-empty line is all web-scrape noise that is "
        "set aside (line 1: 'Komentar (0)'); give the article's own text (a boilerplate pattern that matches "
        "real text is removed in i18n/data/boilerplate/id.txt)"
    )


def _noise_fixture(lang: str) -> tuple[list[str], list[str]]:
    noise: list[str] = []
    content: list[str] = []
    current = noise
    for line in (Path(__file__).parent / "data" / "noise" / f"{lang}.txt").read_text("utf-8").splitlines():
        if line == "# noise":
            current = noise
        elif line == "# content":
            current = content
        elif line:
            current.append(line)
    return noise, content


@pytest.mark.parametrize("lang", ["id", "ru", "vi", "en"])
def test_scrape_noise_of_news_pages_is_set_aside(lang):
    """Issue 14: ADVERTISEMENT, 'Baca juga: <title>', 'Xem thêm:', TIN LIÊN QUAN... are noise;
    sentences that merely start the same way stay content."""
    noise, content = _noise_fixture(lang)
    article = parse_article("\n".join(["Kalimat pertama.", *noise, *content]), lang)
    assert [s.text for s in article.set_aside] == noise
    assert [p.text for p in article.paragraphs] == ["Kalimat pertama.", *content]
