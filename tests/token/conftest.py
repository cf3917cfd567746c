"""Keys on SoftHSM2 with certificates from the test CA, as a real holder's key would carry."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs import make_uscc
from netca_client.core.token import TokenLibrary
from tests.conftest import PIN, SO_PIN
from tests.support.pki import MiniCa
from tests.support.softhsm import SoftHsm

REPO = Path(__file__).resolve().parents[2]
READBACK_SOURCE = Path(__file__).with_name("modules") / "readback.c"
#: objects whose CKA_LABEL starts so read back a changed CKA_VALUE through readback.c
READ_BACK_DIFFERS = "read-back-differs"
ORG = "广州测试科技有限公司"
ORG_CODE = make_uscc("91440101MA5CXXXX0")
_DER = Encoding.DER


@dataclass
class IssuedKey:
    label: str
    serial: str
    rsa_cert: x509.Certificate
    ec_cert: x509.Certificate


@pytest.fixture
def issued_key(softhsm: SoftHsm, test_ca: MiniCa) -> IssuedKey:
    """A key holding an RSA-2048 organisation certificate and an EC P-256 employee one."""
    label = "测试Key"
    serial = softhsm.init_token(label, pin=PIN, so_pin=SO_PIN)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rsa_pub = softhsm.generate_key_pair(label, pin=PIN, key_type="rsa:2048", key_id="01")
    rsa_cert = test_ca.issue(
        rsa_pub,
        cn=ORG,
        org=ORG,
        org_code=ORG_CODE,
        not_before=now - dt.timedelta(days=10),
        not_after=now + dt.timedelta(days=365, hours=3),
    )
    softhsm.write_certificate(label, rsa_cert.public_bytes(_DER), pin=PIN, key_id="01")
    ec_pub = softhsm.generate_key_pair(label, pin=PIN, key_type="EC:prime256v1", key_id="02")
    ec_cert = test_ca.issue(
        ec_pub,
        cn="张三",
        org=ORG,
        not_before=now - dt.timedelta(days=10),
        not_after=now + dt.timedelta(days=20, hours=3),
    )
    softhsm.write_certificate(label, ec_cert.public_bytes(_DER), pin=PIN, key_id="02")
    return IssuedKey(label, serial, rsa_cert, ec_cert)


@pytest.fixture
def library(softhsm: SoftHsm) -> Iterator[TokenLibrary]:
    lib = TokenLibrary.load(softhsm.module)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def readback_module(tmp_path_factory: pytest.TempPathFactory) -> str:
    """tests/token/modules/readback.c built with cc: SoftHSM2 behind a module that changes
    the CKA_VALUE read back from objects labelled READ_BACK_DIFFERS…"""
    target = tmp_path_factory.mktemp("readback") / "libreadback.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror",
         f"-I{REPO / 'drivers' / 'vkey' / 'include'}", "-o", str(target), str(READBACK_SOURCE),
         "-ldl"],
        check=True,
    )  # fmt: skip
    return str(target)


@pytest.fixture
def readback_library(
    softhsm: SoftHsm, readback_module: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TokenLibrary]:
    """The test's SoftHSM2 tokens through readback.c: a key that does not keep what it is
    given when the label says so. Load it after the token is made."""
    monkeypatch.setenv("READBACK_REAL_MODULE", softhsm.module)
    lib = TokenLibrary.load(readback_module)
    yield lib
    lib.close()
