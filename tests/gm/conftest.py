"""A dual-certificate vkey key (RSA + SM2, SM2 seal) made with the built-in CA's code."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netca_client.core.token import TokenLibrary
from netca_demo.gm_demo import DualKey, fill_dual_key
from netca_ra.ca.builtin import BuiltinCa

PIN = "12345678"
VKEY_MODULE = (
    Path(__file__).resolve().parents[2] / "drivers" / "vkey" / "build" / "libnetca-vkey.so"
)


@dataclass
class DualWorld:
    ca: BuiltinCa
    ca_dir: Path
    vkey_dir: Path
    dual: DualKey


@pytest.fixture(scope="session")
def vkey_module() -> str:
    subprocess.run(["make", "-C", str(VKEY_MODULE.parents[1]), "WERROR=1"], check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    return str(VKEY_MODULE)


@pytest.fixture(scope="session")
def builtin_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltinCa, Path]:
    ca_dir = tmp_path_factory.mktemp("ca") / "ca"
    now = dt.datetime.now(dt.UTC)
    BuiltinCa.create(ca_dir, base_url="http://127.0.0.1:9", organisation="测试 CA", now=now)
    return BuiltinCa.load(ca_dir, base_url="http://127.0.0.1:9"), ca_dir


@pytest.fixture
def library(
    vkey_module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TokenLibrary]:
    monkeypatch.setenv("NETCA_VKEY_DIR", str(tmp_path / "vkey"))
    done = subprocess.run([sys.executable, "-m", "netca_vkey", "create", "--label", "gm"],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lib = TokenLibrary.load(vkey_module)
    yield lib
    lib.close()


@pytest.fixture
def dual_world(
    library: TokenLibrary, builtin_ca: tuple[BuiltinCa, Path], tmp_path: Path
) -> DualWorld:
    ca, ca_dir = builtin_ca
    with library.open(library.find("gm"), rw=True) as session:
        session.login(PIN)
        dual = fill_dual_key(session, ca, ca_dir, organisation="国密测试有限公司", org_code=None,
                             now=dt.datetime.now(dt.UTC))  # fmt: skip
    return DualWorld(ca=ca, ca_dir=ca_dir, vkey_dir=tmp_path / "vkey", dual=dual)
