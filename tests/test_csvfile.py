"""i18n.glossary.csvfile: the glossary CSV reader's problems at file:line:column, and the writer."""
from __future__ import annotations

import pytest

from i18n.errors import GlossaryError
from i18n.glossary.csvfile import glossary_files, read_terms, write_glossary_csv

HEADER = "concept,type,id,en,ru,vi,case,note\n"


def _read(tmp_path, body: str, *, header: str = HEADER, raw: bytes | None = None):
    path = tmp_path / "terms.csv"
    path.write_bytes(raw if raw is not None else (header + body).encode("utf-8"))
    return read_terms(path)


def _messages(problems) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


def test_a_clean_row_reads_with_variants_case_and_origin(tmp_path):
    terms, problems = _read(tmp_path, 'putin,name,Vladimir Putin|Putin,Vladimir Putin|Putin,"Владимир Путин|Путин",'
                                      "Vladimir Putin|Putin,,Russian president\n")
    assert problems == []
    (term,) = terms
    assert term.forms["ru"] == ("Владимир Путин", "Путин")
    assert term.case_sensitive is True  # names default to case-sensitive
    assert term.note == "Russian president"
    assert term.origin.endswith("terms.csv:2")


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path):
    raw = "\ufeff".encode() + (HEADER + "pemilu,term,pemilu,election,выборы,bầu cử,,\n").replace("\n", "\r\n").encode()
    terms, problems = _read(tmp_path, "", raw=raw)
    assert problems == [] and terms[0].forms["en"] == ("election",)
    assert terms[0].case_sensitive is False


def test_row_with_too_many_fields_is_located_and_says_to_quote(tmp_path):
    _, problems = _read(tmp_path, "a,term,x,y,z,w,,\nb,term,x,y,z,w,,note, with comma\n")
    assert _messages(problems) == ["3:1: row has 9 fields but the header has 8 (a value with a comma needs quotes)"]


def test_an_unclosed_quote_is_located_at_the_quote(tmp_path):
    _, problems = _read(tmp_path, 'a,term,x,y,"z,w,,\n')
    assert len(problems) == 1
    assert problems[0].line == 2 and problems[0].column == 12
    assert "quoted value never closed" in problems[0].message


def test_a_newline_inside_quotes_keeps_later_line_numbers_right(tmp_path):
    _, problems = _read(tmp_path, 'a,term,x,y,z,w,,"two\nlines"\nb,nonsense,x,y,z,w,,\n')
    assert _messages(problems) == ["4:3: unknown type 'nonsense': expected one of name, term, dnt, forbidden"]


def test_duplicate_concepts_name_the_first_definition(tmp_path):
    _, problems = _read(tmp_path, "a,term,x,y,z,w,,\na,term,q,r,s,t,,\n")
    (problem,) = problems
    assert problem.line == 3
    assert "duplicate concept 'a'" in problem.message and "terms.csv:2" in problem.message


def test_empty_concept_and_bad_case_are_each_reported(tmp_path):
    _, problems = _read(tmp_path, ",term,x,y,z,w,,\nb,term,x,y,z,w,sometimes,\n")
    messages = _messages(problems)
    assert messages[0].startswith("2:1: empty concept")
    assert messages[1].startswith("3:16: unknown case 'sometimes'")


def test_semicolon_separated_file_says_how_to_save_it(tmp_path):
    _, problems = _read(tmp_path, "a;term;x;y;z;w;;\n", header=HEADER.replace(",", ";"))
    (problem,) = problems
    assert (problem.line, problem.column) == (1, 1)
    assert "separated by ';'" in problem.message and "CSV UTF-8" in problem.message


def test_header_with_a_repeated_column_is_refused(tmp_path):
    _, problems = _read(tmp_path, "", header="concept,type,en,en\n")
    assert any("column 'en' appears twice" in m for m in _messages(problems))


def test_an_empty_file_asks_for_a_header(tmp_path):
    _, problems = _read(tmp_path, "", raw=b"")
    assert _messages(problems) == ["1:1: empty file: expected a header row such as concept,type,id,en,ru,vi,case,note"]


def test_a_folder_without_csv_files_is_an_error(tmp_path):
    with pytest.raises(GlossaryError, match="no \\*.csv glossary files"):
        glossary_files(tmp_path)
    with pytest.raises(GlossaryError, match="no such glossary file or folder"):
        glossary_files(tmp_path / "missing")


def test_written_glossary_reads_back_to_the_same_terms(tmp_path):
    terms, problems = _read(tmp_path, 'putin,name,Putin,Putin,"Путин|Путина",Putin,,"a note, with ""quotes"""\n'
                                      "kpu,dnt,KPU,KPU,KPU,KPU,insensitive,\n")
    assert problems == []
    out = tmp_path / "out" / "written.csv"
    write_glossary_csv(terms, out)
    again, problems = read_terms(out)
    assert problems == []
    assert [(t.concept, t.type, t.forms, t.case_sensitive, t.note) for t in again] == [
        (t.concept, t.type, t.forms, t.case_sensitive, t.note) for t in terms
    ]
    write_glossary_csv(again, tmp_path / "twice.csv")
    assert (tmp_path / "twice.csv").read_bytes() == out.read_bytes()
