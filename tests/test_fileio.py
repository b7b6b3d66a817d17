"""i18n.fileio: located read errors, atomic writes that leave the old file or the new one."""
from __future__ import annotations

import os
import stat

import pytest

from i18n import fileio
from i18n.errors import ArticleError, InputError
from i18n.fileio import project_relative, project_root, read_bytes, write_bytes_atomic, write_text_atomic


def test_read_bytes_names_the_path_and_what_is_wrong(tmp_path):
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        read_bytes(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a folder, not an article"):
        read_bytes(tmp_path, error=ArticleError, kind="an article")


def test_write_creates_folders_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "a" / "b" / "x.po"
    write_text_atomic(target, "привет\n")
    assert target.read_bytes() == "привет\n".encode()
    assert os.listdir(target.parent) == ["x.po"]


def test_write_keeps_the_permission_bits_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "x.po"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "x.po"
    target.write_text("old content")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full_disk)
    with pytest.raises(InputError, match=r"x\.po: cannot be written: No space left on device"):
        write_bytes_atomic(target, b"new content")
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["x.po"]


def test_an_interrupt_mid_write_leaves_the_old_file_and_propagates(tmp_path, monkeypatch):
    target = tmp_path / "x.po"
    target.write_text("old content")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"new content")
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["x.po"]


def test_a_file_where_a_folder_should_be_is_a_located_error(tmp_path):
    (tmp_path / "locales").write_text("not a folder")
    with pytest.raises(InputError, match="a file stands where a folder on its path should be"):
        write_text_atomic(tmp_path / "locales" / "ru" / "x.po", "x")


def test_a_folder_in_the_files_place_is_a_located_error(tmp_path):
    (tmp_path / "x.po").mkdir()
    with pytest.raises(InputError, match=r"x\.po: cannot be written: a folder stands in its place"):
        write_text_atomic(tmp_path / "x.po", "x")
    assert sorted(os.listdir(tmp_path)) == ["x.po"]


def test_project_root_is_the_nearest_folder_with_a_marker(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    deep = tmp_path / "articles" / "id"
    deep.mkdir(parents=True)
    assert project_root(deep) == tmp_path.resolve()
    (tmp_path / "articles" / ".git").mkdir()
    assert project_root(deep) == (tmp_path / "articles").resolve()


def test_project_relative_names_files_from_the_project_root_in_posix_form(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("")
    article = tmp_path / "articles" / "id" / "x.txt"
    article.parent.mkdir(parents=True)
    article.write_text("x")
    elsewhere = tmp_path / "articles"
    monkeypatch.chdir(elsewhere)
    assert project_relative(article) == "articles/id/x.txt"
    assert project_relative("id/x.txt") == "articles/id/x.txt"
