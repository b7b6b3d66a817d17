"""Glossary CSV files: reading with every problem located (file:line:column), writing.

The format: a header row naming `concept`, `type` (name, term, dnt, forbidden), one column
per language code (id, en, ru, vi), optional `case` (sensitive / insensitive; default
sensitive for name and dnt, insensitive for term and forbidden), optional `note` and optional
`derived`: the irregular adjectives and demonyms of a name, each with its language,
`en:French|ru:французский` (they honour the name in a translation and are never inserted;
regular ones, `Russian`, `российский`, need no entry). A cell lists variants separated by
`|`, the preferred first. A `dnt` (do not translate) row fills
the languages it leaves empty with its first filled cell.

The CSV is parsed here rather than with the csv module so that each value keeps its line
and column for the messages; quoting follows RFC 4180 (as spreadsheets write it).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError, LanguageError
from ..fileio import write_text_atomic
from ..langs import SUPPORTED, normalize_lang
from ..model import Term
from .contradictions import forbidden_preferred, source_conflicts
from .matcher import tokenize

__all__ = [
    "GlossaryProblem",
    "TYPES",
    "default_case_sensitive",
    "glossary_files",
    "read_terms",
    "write_glossary_csv",
]

TYPES = ("name", "term", "dnt", "forbidden")
CASES = ("sensitive", "insensitive")
_BASE_COLUMNS = ("concept", "type", "case", "note", "derived")
_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_PLAIN = re.compile(r"[^,\r\n]*")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _plain(text: str, pos: int) -> tuple[str, int]:
    """The unquoted value at pos and the position after it."""
    m = _PLAIN.match(text, pos)
    assert m is not None  # _PLAIN also matches the empty string
    return m.group(), m.end()


@dataclass(frozen=True)
class GlossaryProblem:
    """One problem in a glossary file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class _Cell:
    line: int
    column: int
    value: str


def default_case_sensitive(type_: str) -> bool:
    """Names and do-not-translate entries are case-sensitive unless the row says otherwise."""
    return type_ in ("name", "dnt")


def glossary_files(path: Path | str) -> list[Path]:
    """The CSV files of a glossary: the file itself, or a folder's *.csv sorted by name."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.csv") if p.is_file())
        if not files:
            raise GlossaryError(f"{path}: no *.csv glossary files in this folder")
        return files
    if not path.exists():
        raise GlossaryError(f"{path}: no such glossary file or folder")
    return [path]


def read_terms(path: Path | str) -> tuple[list[Term], list[GlossaryProblem]]:
    """Parse and check a glossary: its terms and every problem found (empty when clean)."""
    reader = _Reader()
    for file in glossary_files(path):
        reader.read_file(file)
    for term, lang, message in [*source_conflicts(reader.terms), *forbidden_preferred(reader.terms)]:
        cell = reader.cells[(term.concept, lang)]
        reader.problems.append(GlossaryProblem(term.origin.rsplit(":", 1)[0], cell.line, cell.column, message))
    order = {name: i for i, name in enumerate(reader.files)}
    problems = sorted(reader.problems, key=lambda p: (order.get(p.path, 0), p.line, p.column))
    return reader.terms, problems


class _Reader:
    def __init__(self):
        self.terms: list[Term] = []
        self.problems: list[GlossaryProblem] = []
        self.files: list[str] = []
        self.seen: dict[str, str] = {}  # concept -> origin
        self.cells: dict[tuple[str, str], _Cell] = {}  # (concept, lang) -> cell, for conflicts
        self.path = ""

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(GlossaryProblem(self.path, line, column, message))

    def read_file(self, file: Path) -> None:
        self.path = file.as_posix()
        self.files.append(self.path)
        try:
            data = file.read_bytes()
        except OSError as exc:
            self.problem(1, 1, f"cannot be read: {exc.strerror or exc}")
            return
        text = self.decode(data)
        if text is None:
            return
        rows = self.parse_csv(text)
        if not rows:
            self.problem(1, 1, "empty file: expected a header row such as concept,type,id,en,ru,vi,case,note")
            return
        columns = self.read_header(rows[0])
        if columns is None:
            return
        for row in rows[1:]:
            self.read_row(row, columns, len(rows[0]))

    def decode(self, data: bytes) -> str | None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            line_start = data.rfind(b"\n", 0, exc.start) + 1
            column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
            self.problem(
                line, column,
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as CSV UTF-8",
            )
            return None
        for m in re.finditer("\ufeff", text):
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            self.problem(
                line, column,
                "stray byte order mark (U+FEFF) inside the file (files joined together?); delete it",
            )
        return text

    def parse_csv(self, text: str) -> list[list[_Cell]]:
        rows: list[list[_Cell]] = []
        pos, n, line, line_start = 0, len(text), 1, 0
        while pos < n:
            cells: list[_Cell] = []
            while True:
                column = pos - line_start + 1
                cell_line = line
                if pos < n and text[pos] == '"':
                    m = _QUOTED.match(text, pos)
                    if m is None:
                        self.problem(line, column, "quoted value never closed: add the closing '\"'")
                        return rows
                    value = m.group(1).replace('""', '"')
                    for inner in _NEWLINE.finditer(text, pos, m.end()):
                        line, line_start = line + 1, inner.end()
                    pos = m.end()
                    if pos < n and text[pos] not in ",\r\n":
                        self.problem(
                            line, pos - line_start + 1,
                            "text after a closing quote: quote the whole value and double inner quotes",
                        )
                        pos = _plain(text, pos)[1]
                else:
                    value, pos = _plain(text, pos)
                cells.append(_Cell(cell_line, column, value))
                if pos < n and text[pos] == ",":
                    pos += 1
                    continue
                break
            nl = _NEWLINE.match(text, pos)
            if nl:
                pos, line, line_start = nl.end(), line + 1, nl.end()
            if len(cells) > 1 or cells[0].value.strip():
                rows.append(cells)
        return rows

    def read_header(self, header: list[_Cell]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        known = set(_BASE_COLUMNS) | set(SUPPORTED)
        names = [c.value.strip().lower() for c in header]
        if not known & set(names):
            split = [n.strip() for c in header for n in c.value.lower().split(";")]
            if ";" in header[0].value and {"concept", "type"} <= set(split):
                self.problem(
                    header[0].line, 1,
                    "fields are separated by ';' (Excel's CSV in ru/id/vi locales), not ','; "
                    "save the file as 'CSV UTF-8 (comma delimited)' or replace the separators",
                )
                return None
            self.problem(
                header[0].line, 1,
                "no header row: the first line must name the columns, "
                "e.g. concept,type,id,en,ru,vi,case,note",
            )
            return None
        for index, (cell, name) in enumerate(zip(header, names, strict=True)):
            if name in columns:
                self.problem(cell.line, cell.column, f"column '{name}' appears twice in the header")
            elif name in known:
                columns[name] = index
            else:
                self.problem(cell.line, cell.column, self.unknown_column(name))
        for required in ("concept", "type"):
            if required not in columns:
                self.problem(header[0].line, 1, f"missing column '{required}' in the header")
        if not any(lang in columns for lang in SUPPORTED):
            self.problem(
                header[0].line, 1,
                f"no language column in the header: name at least one of {', '.join(SUPPORTED)}",
            )
        if "concept" not in columns or "type" not in columns:
            return None
        return columns

    @staticmethod
    def unknown_column(name: str) -> str:
        try:
            code = normalize_lang(name)
        except LanguageError:
            code = None
        if code and code != name:
            return f"unknown column '{name}': write the language code as '{code}'"
        return (
            f"unknown column '{name}': expected concept, type, case, note, derived "
            f"or a language code ({', '.join(SUPPORTED)})"
        )

    def read_row(self, row: list[_Cell], columns: dict[str, int], width: int) -> None:
        first = row[0]
        if len(row) != width:
            self.problem(
                first.line, 1,
                f"row has {len(row)} fields but the header has {width} "
                "(a value with a comma needs quotes)",
            )
            return

        def cell(name: str) -> _Cell | None:
            return row[columns[name]] if name in columns else None

        origin = f"{self.path}:{first.line}"
        concept = self.read_concept(row[columns["concept"]], origin)  # read_header requires the column
        type_ = self.read_type(row[columns["type"]])
        case = self.read_case(cell("case"))
        note_cell = cell("note")
        note = unicodedata.normalize("NFC", note_cell.value.strip()) if note_cell else ""
        forms = self.read_forms(concept, cell)
        ok = concept is not None and type_ is not None and case is not None and forms is not None
        if forms == {} and ok:
            self.problem(first.line, 1, f"concept '{concept}' has no form in any language column")
            ok = False
        if type_ == "forbidden" and not note:
            where = note_cell or first
            self.problem(
                where.line, where.column,
                f"forbidden entry '{concept}' needs a reason in the note column (say what to write instead)",
            )
            ok = False
        derived_cell = cell("derived")
        raw_type = row[columns["type"]].value.strip().lower()
        derived = self.read_derived(derived_cell, raw_type) if derived_cell and derived_cell.value.strip() else {}
        if not ok or derived is None:
            return
        assert concept is not None and type_ is not None and forms is not None  # for mypy: ok says so
        if type_ == "dnt" and not self.check_dnt_scripts(concept, forms):
            return
        if type_ == "dnt":
            first_forms = next(iter(forms.values()))
            forms = {lang: forms.get(lang, first_forms) for lang in SUPPORTED}
        sensitive = default_case_sensitive(type_) if not case else case == "sensitive"
        self.terms.append(Term(concept, type_, forms, sensitive, note, origin, derived))

    def read_concept(self, concept_cell: _Cell, origin: str) -> str | None:
        """The row's concept key, unless it is empty or already defined."""
        concept = unicodedata.normalize("NFC", concept_cell.value.strip())
        if not concept:
            self.problem(concept_cell.line, concept_cell.column, "empty concept: give the row a stable key such as 'putin'")
            return None
        if concept in self.seen:
            self.problem(
                concept_cell.line, concept_cell.column,
                f"duplicate concept '{concept}': first defined at {self.seen[concept]}",
            )
            return None
        self.seen[concept] = origin
        return concept

    def read_type(self, type_cell: _Cell) -> str | None:
        type_ = type_cell.value.strip().lower()
        if type_ not in TYPES:
            what = f"unknown type '{type_cell.value.strip()}'" if type_ else "empty type"
            self.problem(type_cell.line, type_cell.column, f"{what}: expected one of {', '.join(TYPES)}")
            return None
        return type_

    def read_case(self, case_cell: _Cell | None) -> str | None:
        """sensitive, insensitive or "" (the type's default); None when the cell is wrong."""
        case = case_cell.value.strip().lower() if case_cell else ""
        if case_cell is not None and case and case not in CASES:
            self.problem(
                case_cell.line, case_cell.column,
                f"unknown case '{case_cell.value.strip()}': expected sensitive or insensitive (or leave it empty)",
            )
            return None
        return case

    def read_forms(self, concept: str | None, cell) -> dict[str, tuple[str, ...]] | None:
        """The variants of each language cell; None when a cell is wrong."""
        forms: dict[str, tuple[str, ...]] = {}
        ok = True
        for lang in SUPPORTED:
            lang_cell = cell(lang)
            if lang_cell is None or not lang_cell.value.strip():
                continue
            variants = self.read_variants(lang_cell)
            if variants is None:
                ok = False
            else:
                forms[lang] = variants
                self.cells.setdefault((concept or "", lang), lang_cell)
        return forms if ok else None

    def read_derived(self, cell: _Cell, type_: str) -> dict[str, tuple[str, ...]] | None:
        """`en:French|ru:французский` -> {"en": ("French",), "ru": ("французский",)}."""
        if type_ != "name":
            self.problem(cell.line, cell.column, f"derived forms are for names only, not a {type_} row: empty the cell")
            return None
        out: dict[str, list[str]] = {}
        for item in cell.value.split("|"):
            lang, colon, form = item.partition(":")
            form = unicodedata.normalize("NFC", " ".join(form.split()))
            code = lang.strip().lower()
            if not colon or code not in SUPPORTED or not tokenize(form):
                self.problem(
                    cell.line, cell.column,
                    f"derived form '{item.strip()}' needs its language: write it as "
                    f"'<lang>:<form>' with lang one of {', '.join(SUPPORTED)}, e.g. 'en:French|ru:французский'",
                )
                return None
            out.setdefault(code, []).append(form)
        return {lang: tuple(dict.fromkeys(forms)) for lang, forms in out.items()}

    def check_dnt_scripts(self, concept: str, forms: dict[str, tuple[str, ...]]) -> bool:
        """A do-not-translate entry is written alike everywhere: no cell in another script."""
        (first_lang, first_forms), *rest = forms.items()
        script = _scripts(first_forms[0])
        ok = True
        for lang, variants in rest:
            other = next((v for v in variants if _scripts(v) != script), None)
            if other is None:
                continue
            cell = self.cells[(concept, lang)]
            self.problem(
                cell.line, cell.column,
                f"dnt entry '{concept}' has '{other}' ({lang}) in another script than "
                f"'{first_forms[0]}' ({first_lang}): a do-not-translate form is written alike in "
                "every language; keep one spelling, or make the row type 'name' if it is transliterated",
            )
            ok = False
        return ok

    def read_variants(self, cell: _Cell) -> tuple[str, ...] | None:
        raw = cell.value
        variants = [unicodedata.normalize("NFC", " ".join(v.split())) for v in raw.split("|")]
        if any(not v for v in variants):
            self.problem(cell.line, cell.column, f"empty variant in '{raw.strip()}': remove the stray '|'")
            return None
        for v in variants:
            if not tokenize(v):
                self.problem(cell.line, cell.column, f"variant '{v}' has no letters or digits to match")
                return None
        return tuple(dict.fromkeys(variants))


def _scripts(form: str) -> frozenset[str]:
    """The scripts of a form's letters (the first word of each letter's Unicode name)."""
    return frozenset(unicodedata.name(c, "?").split()[0] for c in form if c.isalpha())


def write_glossary_csv(terms: Iterable[Term], path: Path | str) -> None:
    """Write terms as a glossary CSV (atomic): concept,type,id,en,ru,vi,case,note."""
    path = Path(path)
    terms = list(terms)
    with_derived = any(t.derived for t in terms)
    lines = [",".join(("concept", "type", *SUPPORTED, "case", "note", *(["derived"] if with_derived else [])))]
    for t in terms:
        case = "" if t.case_sensitive == default_case_sensitive(t.type) else (
            "sensitive" if t.case_sensitive else "insensitive"
        )
        cells = [t.concept, t.type, *("|".join(t.forms.get(lang, ())) for lang in SUPPORTED), case, t.note]
        if with_derived:
            cells.append("|".join(f"{lang}:{form}" for lang, forms in t.derived.items() for form in forms))
        lines.append(",".join(_quote(c) for c in cells))
    write_text_atomic(path, "\n".join(lines) + "\n")


def _quote(value: str) -> str:
    if any(c in value for c in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value
