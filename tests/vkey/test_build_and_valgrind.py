"""The module builds warning-free with cc, and a basic login/sign/logout cycle is
clean under valgrind (no suppressions: the only blocks left at exit are the
dynamic loader's for SoftHSM2, which stays loaded on purpose, and libstdc++'s
emergency pool - "still reachable", which valgrind does not count as errors)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.vkey.conftest import PIN, REPO, Cli

VKEY = REPO / "drivers" / "vkey"


def test_module_builds_with_wall_wextra_werror(tmp_path: Path) -> None:
    for part in ("Makefile", "src", "include"):
        src = VKEY / part
        if src.is_dir():
            shutil.copytree(src, tmp_path / part)
        else:
            shutil.copy(src, tmp_path / part)
    done = subprocess.run(
        ["make", "WERROR=1"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    assert (tmp_path / "build" / "libnetca-vkey.so").is_file()
    symbols = subprocess.run(
        ["nm", "-D", "--defined-only", str(tmp_path / "build" / "libnetca-vkey.so")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "C_GetFunctionList" in symbols
    assert "NETCA_GetPinRetryInfo" in symbols
    assert not any(name.startswith("vkey_") for name in symbols)  # internals stay hidden


def test_login_sign_logout_unplug_replug_cycle_is_clean_under_valgrind(
    vkey: Cli, vkey_module: str, tmp_path: Path
) -> None:
    vkey("create", "--label", "alice")
    subprocess.run(
        [
            *("pkcs11-tool", "--module", vkey_module, "--login", "--pin", PIN),
            *("--keypairgen", "--key-type", "rsa:2048", "--label", "k1"),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    program = tmp_path / "cycle"
    subprocess.run(
        [
            *("cc", "-Wall", "-Wextra", "-Werror", f"-I{VKEY / 'include'}", "-o", str(program)),
            *(str(REPO / "tests" / "vkey" / "valgrind_cycle.c"), "-ldl"),
        ],
        check=True,
        timeout=60,
    )
    cli = f"{shlex.quote(sys.executable)} -m netca_vkey"
    commands = (f"{cli} unplug alice >/dev/null", f"{cli} create --label bob >/dev/null")
    done = subprocess.run(
        [
            *("valgrind", "--error-exitcode=1", "--leak-check=full"),
            *(str(program), vkey_module, PIN, *commands),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "cycle ok"
    assert "ERROR SUMMARY: 0 errors" in done.stderr
    assert "definitely lost: 0 bytes" in done.stderr or "no leaks are possible" in done.stderr
