"""Reading source articles: bytes -> checked, NFC text -> paragraphs and set-aside lines."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from .errors import ArticleError
from .fileio import project_relative, read_bytes
from .langs import boilerplate_patterns, normalize_lang
from .model import Article, Paragraph, SetAside
from .readers import check_content, format_of

__all__ = ["read_article", "parse_article", "decode_text", "MAX_ARTICLE_BYTES"]

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def read_article(
    path: Path | str,
    lang: str,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
    data: Path | None = None,
    fmt: str | None = None,
) -> Article:
    """Read an article file: UTF-8 (BOM accepted), any newlines, NFC; noise set aside.

    `data` is the project's language-data folder (`[tool.i18n] data`), if any; `fmt` the
    reader (text | html | markdown | ninjs), by default chosen by the file's extension.
    """
    path = Path(path)
    lang = normalize_lang(lang)
    if path.is_file() and path.stat().st_size > max_bytes:
        raise ArticleError(
            path,
            f"article is {path.stat().st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB "
            "limit; split it into smaller articles",
        )
    raw = read_bytes(path, error=ArticleError, kind="an article file")
    text = decode_text(raw, path)
    kind = format_of(path, fmt)
    if kind == "html":
        from .readers.html import parse_html  # lxml only for HTML articles

        article = check_content(parse_html(text, lang, path=path, data=data))
    elif kind == "markdown":
        from .readers.markdown import parse_markdown

        article = check_content(parse_markdown(text, lang, path=path, data=data))
    elif kind == "ninjs":
        from .readers.ninjs import parse_ninjs

        article = check_content(parse_ninjs(text, lang, path=path, data=data))
    else:
        article = parse_article(text, lang, path=path, data=data)
    article.name = project_relative(path)
    return article


def decode_text(data: bytes, path: Path | str) -> str:
    """Strict UTF-8 decoding with a leading BOM allowed; errors name the byte offset."""
    if b"\x00" in data[:8192]:
        utf16 = _utf16_kind(data[:8192])
        if utf16:
            raise ArticleError(
                path,
                f"is {utf16}, not UTF-8; convert it (e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`) "
                "or save it as UTF-8 in your editor",
            )
        raise ArticleError(path, "looks like a binary file (it contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleError(
            path,
            f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
            line=line,
        ) from None
    bad = next((c for c in text[:8192] if unicodedata.category(c) == "Cc" and c not in _CONTROL_OK), None)
    if bad is not None:
        raise ArticleError(path, f"looks like a binary file (control character U+{ord(bad):04X})")
    return unicodedata.normalize("NFC", text)


def _utf16_kind(head: bytes) -> str | None:
    """'UTF-16 (little-endian)' or '... (big-endian)' when the bytes look like UTF-16 text:
    a byte-order mark, or (no mark) NUL in nearly every other byte, as ASCII-range text gives."""
    if head.startswith(b"\xff\xfe"):
        return "UTF-16 (little-endian, with a byte-order mark)"
    if head.startswith(b"\xfe\xff"):
        return "UTF-16 (big-endian, with a byte-order mark)"
    pairs = len(head) // 2
    if pairs < 2:
        return None
    odd_nul = head[1::2].count(0) / pairs
    even_nul = head[0::2].count(0) / pairs
    if odd_nul > 0.6 and even_nul < 0.1:
        return "UTF-16 (little-endian)"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "UTF-16 (big-endian)"
    return None


def parse_article(text: str, lang: str, *, path: Path | str = "<string>", data: Path | None = None) -> Article:
    """Split text into paragraphs (non-empty lines) and set aside boilerplate lines."""
    lang = normalize_lang(lang)
    path = Path(path)
    data = Path(data) if data is not None else None
    patterns = boilerplate_patterns(lang, data)
    article = Article(path=path, lang=lang, data=data)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        hit = next((p for p in patterns if p.fullmatch(line)), None)
        if hit is not None:
            article.set_aside.append(SetAside(line=lineno, text=line, pattern=hit.pattern))
        else:
            article.paragraphs.append(Paragraph(index=len(article.paragraphs), line=lineno, text=line))
    return check_content(article)
