"""Fixtures for the virtual USB key: the built module, a fresh state directory per
test, the netca-vkey CLI as a subprocess, and the module loaded in this process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netca_vkey.module import module_path
from tests.vkey.p11 import Module

REPO = Path(__file__).resolve().parents[2]
PIN = "12345678"  # netca-vkey create's default user PIN
SO_PIN = "87654321"  # and SO PIN

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def vkey_module() -> str:
    """NETCA_VKEY_MODULE, else drivers/vkey/build/libnetca-vkey.so (built if missing)."""
    return module_path()


@pytest.fixture
def vkey_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state directory of this test's own; NETCA_VKEY_DIR points there."""
    path = tmp_path / "vkey"
    monkeypatch.setenv("NETCA_VKEY_DIR", str(path))
    return path


def run_cli(
    *args: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "netca_vkey", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"netca-vkey {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


@pytest.fixture
def vkey(vkey_dir: Path) -> Cli:
    """Run `netca-vkey` against this test's state directory."""
    return run_cli


@pytest.fixture
def module(vkey_module: str, vkey_dir: Path) -> Iterator[Module]:
    """The vkey module initialised in this process on this test's state directory."""
    m = Module(vkey_module)
    yield m
    m.finalize()


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a Python snippet in a fresh process (own module instance, own C_Initialize)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done
