"""File I/O shared by every module that touches a user's files.

Reads turn OS errors into the caller's I18nError subclass with the path in the message;
writes are atomic (temp file in the same folder, fsync, `os.replace`), so an interrupted
run leaves each file either as it was or complete.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["read_bytes", "write_bytes_atomic", "write_text_atomic"]


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
