"""Plain data: the objects that flow through the pipeline. No I/O here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Paragraph", "SetAside", "Article", "Segment", "Term", "TermMatch", "Finding", "SEVERITIES"]


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of a source article."""

    index: int  # 0-based among the article's translatable paragraphs
    line: int  # 1-based line number in the source file
    text: str
    # Markup readers: the original tag of each inline placeholder (`<1>` is tags[0]), and the
    # attribute this entry translates (`alt`, `title`), empty for a block's text.
    tags: tuple[str, ...] = ()
    attribute: str = ""


@dataclass(frozen=True)
class SetAside:
    """A line that matched a boilerplate pattern and is not translated."""

    line: int
    text: str
    pattern: str


@dataclass
class Article:
    """A source article: its translatable paragraphs and the lines set aside."""

    path: Path
    lang: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    name: str = ""  # the path written into PO files (project-relative); empty: the path as given

    # The project's language-data folder it was read with: segmentation uses the same data.
    data: Path | None = None
    # The reader that made it (text | html | markdown | ninjs): `i18n apply` writes the same format.
    format: str = "text"

    @property
    def ref(self) -> str:
        """How PO files name this article: `name`, else the path as given (posix form)."""
        return self.name or self.path.as_posix()

    @property
    def slug(self) -> str:
        """The file name without its extension: `putin-kim.txt` -> `putin-kim`."""
        return self.path.stem


@dataclass(frozen=True)
class Segment:
    """One sentence of an article, with a stable id."""

    article: str  # the article as PO files name it (Article.ref)
    paragraph: int  # 0-based paragraph index
    line: int  # 1-based line number of the paragraph in the source file
    index: int  # 0-based position of the sentence within its paragraph
    start: int  # character offsets of the sentence within the paragraph text
    end: int
    text: str
    id: str

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "article": self.article,
            "paragraph": self.paragraph,
            "line": self.line,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Term:
    """One glossary concept: its type and its forms per language (first variant preferred)."""

    concept: str
    type: str  # "name" | "term" | "dnt" | "forbidden"
    forms: dict[str, tuple[str, ...]]  # lang -> variants; a missing lang has no entry
    case_sensitive: bool
    note: str = ""
    origin: str = ""  # "glossary/names.csv:12"
    # Irregular derived forms by language (`en: French`): they honour the term in a
    # translation and are never written by enforcement (i18n.glossary.derived).
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.concept)

    def preferred(self, lang: str) -> str | None:
        """The preferred form in `lang`, or None when the term has no entry there."""
        variants = self.forms.get(lang)
        return variants[0] if variants else None


@dataclass(frozen=True)
class TermMatch:
    """An occurrence of a glossary term in a text."""

    term: Term
    lang: str
    start: int
    end: int
    text: str  # the surface form found in the text


SEVERITIES = ("info", "warning", "error")  # ascending


@dataclass(frozen=True, order=True)
class Finding:
    """One QA finding of `i18n check`: where, how bad, which check, and what to do."""

    path: str  # the PO file as given (posix form)
    line: int  # 1-based line of the entry in the PO file (0: the file as a whole)
    check: str  # the check id, e.g. "numbers", "glossary-missing"
    severity: str  # one of SEVERITIES
    message: str
    msgid: str = ""
    concept: str = ""  # the glossary concept id of a glossary finding

    def to_dict(self) -> dict:
        """A JSON-ready dict (`concept` only on findings that name one)."""
        out = {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
            "msgid": self.msgid,
        }
        if self.concept:
            out["concept"] = self.concept
        return out
