"""core.atomic_files on a real file system: old file or new, never half; no temporary left."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netca_client.core.atomic_files import (
    TEMP_SUFFIX,
    TargetExists,
    atomic_output,
    write_atomically,
)

ROOT = Path(__file__).resolve().parents[2]


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_is_written_with_the_mode_less_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "config.toml"
    write_atomically(target, b"one")
    private = tmp_path / "journal.json"
    write_atomically(private, b"secret", mode=0o600)
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 & ~_umask()
    assert _names(tmp_path) == ["config.toml", "journal.json"]


def test_replace_puts_the_new_content_in_place(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert _names(tmp_path) == ["a.txt"]


def test_never_replace_refuses_an_existing_file_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "seal.png"
    target.write_bytes(b"theirs")
    with pytest.raises(TargetExists) as refused:
        write_atomically(target, b"ours", replace=False)
    assert refused.value.errno == errno.EEXIST
    assert refused.value.filename == str(target)
    assert target.read_bytes() == b"theirs"
    assert _names(tmp_path) == ["seal.png"]


def _write_while_another_program_takes_the_name(target: Path) -> None:
    with atomic_output(target, replace=False) as out:
        out.write(b"ours")
        target.write_bytes(b"another program's")  # appears after the check a caller made


def test_never_replace_refuses_a_file_that_appeared_while_writing(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(TargetExists):
        _write_while_another_program_takes_the_name(target)
    assert target.read_bytes() == b"another program's"
    assert _names(tmp_path) == ["out.pdf"]


def _fail_half_way(target: Path) -> None:
    with atomic_output(target) as out:
        out.write(b"half")
        assert [n for n in _names(target.parent) if n.endswith(TEMP_SUFFIX)]  # beside it
        raise RuntimeError("half way")


def test_an_error_in_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="half way"):
        _fail_half_way(target)
    assert target.read_bytes() == b"old"
    assert _names(tmp_path) == ["a.txt"]


def test_the_block_can_read_back_what_it_wrote(tmp_path: Path) -> None:
    # pyhanko appends later signatures to the output it wrote: w+b, read and write.
    target = tmp_path / "big.pdf"
    chunk = os.urandom(1 << 20)
    with atomic_output(target) as out:
        for _ in range(8):
            out.write(chunk)
        out.seek(3 << 20)
        assert out.read(len(chunk)) == chunk
        out.seek(0, os.SEEK_END)
        out.write(b"%%EOF")
    assert target.stat().st_size == 8 * len(chunk) + 5
    assert _names(tmp_path) == ["big.pdf"]


@pytest.mark.parametrize("existing", [b"old", None])
def test_a_crash_while_writing_leaves_the_old_file_or_nothing(
    tmp_path: Path, existing: bytes | None
) -> None:
    target = tmp_path / "a.txt"
    if existing is not None:
        target.write_bytes(existing)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from netca_client.core.atomic_files import atomic_output\n"
        "with atomic_output(Path(sys.argv[1])) as out:\n"
        "    out.write(b'new' * 100000)\n"
        "    out.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)], cwd=ROOT, check=False, timeout=60
    )
    assert done.returncode == -signal.SIGKILL
    if existing is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == existing
    # Only the hidden temporary is left behind by a crash; the next write is unaffected.
    left = [n for n in _names(tmp_path) if n != "a.txt"]
    assert len(left) == 1
    assert left[0].startswith(".a.txt.")
    assert left[0].endswith(TEMP_SUFFIX)
    write_atomically(target, b"after")
    assert target.read_bytes() == b"after"


def test_without_hard_links_never_replace_still_refuses_and_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system without hard links (FAT, exFAT, some shares) cannot be mounted in a
    # test without root: os.link fails here the way it does there (EPERM).
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "seal.png"
    write_atomically(target, b"first", replace=False)
    assert target.read_bytes() == b"first"
    with pytest.raises(TargetExists):
        write_atomically(target, b"second", replace=False)
    assert target.read_bytes() == b"first"
    assert _names(tmp_path) == ["seal.png"]


def test_a_directory_that_cannot_be_written_raises_and_leaves_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "a.txt"
    with pytest.raises(FileNotFoundError):
        write_atomically(missing, b"x")
    assert _names(tmp_path) == []
