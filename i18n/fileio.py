"""File I/O shared by every module that touches a user's files.

Reads turn OS errors into the caller's I18nError subclass with the path in the message;
writes are atomic (temp file in the same folder, fsync, `os.replace`), so an interrupted
run leaves each file either as it was or complete.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

__all__ = ["project_relative", "project_root", "read_bytes", "store_errors", "write_bytes_atomic", "write_text_atomic"]

_ROOT_MARKERS = ("pyproject.toml", ".git")


def project_root(start: Path | str) -> Path | None:
    """The nearest folder at or above `start` that holds `pyproject.toml` or `.git`."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in _ROOT_MARKERS):
            return folder
    return None


def project_relative(path: Path | str) -> str:
    """How a file is named in the files the toolkit writes, whatever form the user typed.

    Relative to the project root (the folder holding `pyproject.toml` or `.git` above the
    file), else to the current folder; a file outside both keeps the path as given. Always
    posix form, so PO files written on any machine carry the same references.
    """
    given = Path(path)
    resolved = given.resolve()
    bases = [b for b in (project_root(resolved.parent), Path.cwd().resolve()) if b is not None]
    for base in bases:
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return given.as_posix()


def read_bytes(path: Path | str, *, error: type[InputError] = InputError, kind: str = "file") -> bytes:
    """The bytes of `path`; a missing file, a folder or an OS error raises `error`."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, f"is a folder, not {kind}") from None
    except PermissionError:
        raise error(path, "permission denied") from None
    except OSError as exc:
        raise error(path, f"cannot be read: {exc.strerror or exc}") from None


def write_text_atomic(path: Path | str, text: str, *, error: type[InputError] = InputError) -> None:
    """Write UTF-8 text through a temp file in the same folder, fsync, then os.replace."""
    write_bytes_atomic(path, text.encode("utf-8"), error=error)


def write_bytes_atomic(path: Path | str, data: bytes, *, error: type[InputError] = InputError) -> None:
    """Write bytes through a temp file in the same folder, fsync, then os.replace.

    An existing file keeps its permission bits; a new one gets the umask's. Any OS error
    (a file where a folder should be, no permission, a full disk, a folder in the file's
    place) raises `error` naming the path; the temp file is removed and the old file, if
    any, is left as it was.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise error(path, "cannot be written: a file stands where a folder on its path should be") from None
    except OSError as exc:
        raise error(path, f"cannot be written: {exc.strerror or exc}") from None
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise error(path, f"cannot be written: {exc.strerror or exc}; check the folder's permissions") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, IsADirectoryError):
            raise error(path, "cannot be written: a folder stands in its place") from None
        if isinstance(exc, OSError):
            raise error(path, f"cannot be written: {exc.strerror or exc}") from None
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def store_errors(path: Path, what: str, store: str, advice: str, error: type[Exception]) -> Iterator[None]:
    """SQLite and OS errors on a store file (the cache, the memory) as one `error`:
    `<path>: cannot <what> the <store> (<reason>): <advice>`."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise error(f"{path}: cannot {what} the {store} ({exc}): {advice}") from None
