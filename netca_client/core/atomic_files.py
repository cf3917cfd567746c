"""Writing a file atomically: readers see the old file or the new one, never half of one.

Any thread. The new content goes to a temporary file beside the target (same directory,
so the same file system), is flushed and fsynced, and is then put in place:

- ``replace=True``: ``os.replace`` over whatever is there. POSIX renames atomically. On
  Windows (MoveFileEx with MOVEFILE_REPLACE_EXISTING) replacing a file that another
  program holds open without FILE_SHARE_DELETE (a PDF open in a viewer) fails with
  PermissionError: the old file stays, the temporary file is removed, the error is raised.
- ``replace=False``: never replaces a file, not even one that appeared while writing. A
  hard link (``os.link``) puts the file in place only if the name is free, atomically.
  Where hard links do not exist (FAT, exFAT, some network shares): on Windows ``os.rename``
  refuses an existing target by itself; elsewhere the name is checked and then renamed, so
  only a file appearing between those two calls could be replaced. TargetExists when the
  name is taken.

On POSIX the directory is fsynced after the rename, so a finished write survives a power
cut. An error in the caller's block, or while writing, removes the temporary file and
leaves the target untouched; a crash (SIGKILL, power) can leave only the hidden
``.<name>.<random>.tmp`` file behind, never a half-written target.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"
#: the temporary name keeps at most this much of the target's name (file name limits)
_NAME_KEPT = 100
_OPEN_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class TargetExists(FileExistsError):
    """``replace=False`` and the target's name is taken (perhaps only since writing began)."""

    def __init__(self, target: Path) -> None:
        super().__init__(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def write_atomically(target: Path, data: bytes, *, replace: bool = True, mode: int = 0o666) -> None:
    """Write ``data`` to ``target`` atomically (see the module). ``mode`` is the permission
    the new file gets before the umask (0o600 for a private file: never readable by others,
    not even for a moment)."""
    with atomic_output(target, replace=replace, mode=mode) as out:
        out.write(data)


@contextmanager
def atomic_output(target: Path, *, replace: bool = True, mode: int = 0o666) -> Iterator[BinaryIO]:
    """A new file opened ``w+b`` beside ``target`` (the block may read back what it wrote),
    put in place when the block ends without an error (see the module)."""
    fd, temporary = _create_temporary(target, mode)
    try:
        with os.fdopen(fd, "w+b") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _put_in_place(temporary, target, replace=replace)
        _sync_directory(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _create_temporary(target: Path, mode: int) -> tuple[int, Path]:
    for _ in range(100):
        name = f".{target.name[:_NAME_KEPT]}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        temporary = target.with_name(name)
        try:
            return os.open(temporary, _OPEN_FLAGS, mode), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _put_in_place(temporary: Path, target: Path, *, replace: bool) -> None:
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # the temporary name is removed afterwards
        return
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError:
        pass  # no hard links on this file system
    if os.name == "nt":
        try:
            os.rename(temporary, target)  # Windows: rename never replaces
        except FileExistsError:
            raise TargetExists(target) from None
        return
    if os.path.lexists(target):
        raise TargetExists(target)
    os.rename(temporary, target)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a directory: the data is synced
        pass
    finally:
        os.close(fd)
