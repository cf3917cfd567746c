"""Shared fixtures: a fresh SoftHSM2 world per test, a test CA, the netca CLI as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.pki import MiniCa
from tests.support.softhsm import SoftHsm

# Widgets run offscreen in tests (docs/dependencies.md): no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PIN = "Pin-1234"
SO_PIN = "So-Pin-87654321"


@pytest.fixture(scope="session")
def test_ca() -> MiniCa:
    return MiniCa.create()


@pytest.fixture
def softhsm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SoftHsm:
    """A SoftHSM2 configuration of this test's own; the env points the process at it."""
    hsm = SoftHsm.create(tmp_path / "softhsm")
    monkeypatch.setenv("SOFTHSM2_CONF", str(hsm.conf))
    return hsm


@pytest.fixture
def netca(softhsm: SoftHsm) -> Any:
    """Run the real `netca` command against this test's SoftHSM2 world."""

    def run(
        *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "netca_client.cli", *args],
            env={**softhsm.env, "NETCA_LANG": "en"},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"netca {' '.join(args)} exited {done.returncode}: {done.stderr}")
        return done

    def run_json(*args: str) -> Any:
        return json.loads(run(*args, "--json").stdout)

    run.json = run_json  # type: ignore[attr-defined]
    return run
