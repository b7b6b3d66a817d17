"""i18n.checks.validity: PO files that msgfmt would refuse, found as located findings."""
from __future__ import annotations

import pytest

from i18n.checks.runner import check_file
from i18n.checks.validity import check_newlines, check_plural_entry, decode_po
from i18n.errors import POFileError

HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Language: ru\\n"\n'
    '"X-Source-Language: id\\n"\n'
    '"Plural-Forms: {plural}\\n"\n\n'
)
RU_PLURAL = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def _po(tmp_path, body: str, *, charset: str = "UTF-8", plural: str = RU_PLURAL, encoding: str = "utf-8"):
    path = tmp_path / "ru" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((HEADER.format(charset=charset, plural=plural) + body).encode(encoding))
    return path


def _found(path, check: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in check_file(path).findings if f.check == check]


def test_a_valid_file_has_no_validity_findings(tmp_path):
    path = _po(tmp_path, 'msgid "Putin tiba."\nmsgstr "Путин прибыл."\n')
    # (po-header warns here: this minimal header lacks Project-Id-Version and the other fields)
    assert [f for f in check_file(path).findings if f.check.startswith("po-") and f.check != "po-header"] == []
    assert [f.check for f in check_file(path).findings] == ["po-header"]


def test_a_duplicate_entry_is_reported_at_the_second_one(tmp_path):
    path = _po(tmp_path, 'msgid "a"\nmsgstr "б"\n\nmsgid "a"\nmsgstr "в"\n')
    ((line, message),) = _found(path, "po-duplicate")
    assert line == 11
    assert message == "duplicate entry: the same msgid is at line 8; merge them"


def test_wrong_plural_count_names_nplurals(tmp_path):
    path = _po(tmp_path, 'msgid "one day"\nmsgid_plural "%d days"\nmsgstr[0] "день"\nmsgstr[1] "дня"\n')
    ((line, message),) = _found(path, "po-plural-forms")
    assert line == 8
    assert message == "the entry has 2 plural forms but the header's nplurals is 3"


def test_newline_mismatch_is_an_error_on_the_entry(tmp_path):
    path = _po(tmp_path, 'msgid "Putin tiba.\\n"\nmsgstr "Путин прибыл."\n')
    ((line, message),) = _found(path, "po-newline")
    assert line == 8 and "end with a newline" in message


def test_bytes_invalid_in_the_declared_charset_are_located(tmp_path):
    path = _po(tmp_path, 'msgid "a"\nmsgstr "б"\n')
    data = path.read_bytes().replace("б".encode(), b"\xff")
    path.write_bytes(data)
    findings = _found(path, "po-charset")
    assert findings and findings[0][0] == 9
    assert "byte 0xff is not valid UTF-8" in findings[0][1]


def test_a_latin1_file_declaring_its_charset_is_valid(tmp_path):
    path = _po(tmp_path, 'msgid "café"\nmsgstr "кафе"\n'.replace("кафе", "café"), charset="ISO-8859-1",
               encoding="latin-1")
    assert _found(path, "po-charset") == []
    po, text, problems = decode_po(path)
    assert problems == [] and "café" in text


def test_an_unknown_charset_name_is_a_warning_and_utf8_is_assumed(tmp_path):
    path = _po(tmp_path, 'msgid "a"\nmsgstr "б"\n', charset="NOT-A-CHARSET")
    _, _, problems = decode_po(path)
    assert [(p.line, p.severity) for p in problems] == [(3, "warning")]
    assert "not a known encoding name" in problems[0].message


def test_a_syntax_error_raises_with_file_and_line(tmp_path):
    path = _po(tmp_path, 'msgid "a"\nmsgstr "б"\nthis is not PO\n')
    with pytest.raises(POFileError, match=r"x\.po:\d+"):
        decode_po(path)


@pytest.mark.parametrize("forms, nplurals, expected", [(["a", "b"], 2, 0), (["a"], 3, 1), (["a"], None, 0),
                                                       (["a"], 0, 0)])
def test_plural_entry_count_rules(forms, nplurals, expected):
    assert len(check_plural_entry(forms, nplurals)) == expected


def test_newlines_must_match_at_both_ends():
    assert check_newlines("\na\n", "\nб\n") == []
    assert len(check_newlines("\na", "б\n")) == 2
