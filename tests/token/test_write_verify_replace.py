"""The key layer's one write-verify-replace, on a key that does not keep what it is given.

The key is SoftHSM2 behind tests/token/modules/readback.c, which changes the CKA_VALUE read
back from objects labelled read-back-differs…; pkcs11-tool, not our code, reads the key
afterwards where our reads would go through that module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from netca_client.core import errors
from netca_client.core.token import TokenLibrary
from tests.conftest import PIN
from tests.support.pki import MiniCa
from tests.support.softhsm import SoftHsm
from tests.token.conftest import READ_BACK_DIFFERS, IssuedKey

APP = "netca-client"
SPKI = PublicFormat.SubjectPublicKeyInfo


def test_a_certificate_that_reads_back_differently_is_removed_and_the_old_one_stays(
    issued_key: IssuedKey, test_ca: MiniCa, readback_library: TokenLibrary
) -> None:
    public = issued_key.ec_cert.public_key().public_bytes(Encoding.DER, SPKI)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    renewed = test_ca.issue(
        public, cn="张三", not_before=now, not_after=now + dt.timedelta(days=365)
    ).public_bytes(Encoding.DER)
    old = issued_key.ec_cert.public_bytes(Encoding.DER)
    with readback_library.open(readback_library.find(issued_key.serial), rw=True) as session:
        session.login(PIN)
        with pytest.raises(errors.TokenOperationFailed, match="VALUE read back differently"):
            session.write_certificate(renewed, key_id="02", label=READ_BACK_DIFFERS)
        assert [c.der for c in session.certificate_objects() if c.key_id == "02"] == [old]
        session.write_certificate(renewed, key_id="02", label="续期证书")  # kept as given
        assert [c.der for c in session.certificate_objects() if c.key_id == "02"] == [renewed]


def test_a_mark_that_reads_back_differently_replaces_nothing(
    issued_key: IssuedKey, softhsm: SoftHsm, readback_library: TokenLibrary, tmp_path: Path
) -> None:
    softhsm.write_data(issued_key.label, b"old mark", pin=PIN, name=READ_BACK_DIFFERS,
                       application=APP)  # fmt: skip
    readback_library.reinitialize()  # SoftHSM2 reads the token's objects again
    with readback_library.open(readback_library.find(issued_key.serial), rw=True) as session:
        with pytest.raises(errors.TokenOperationFailed, match="VALUE read back differently"):
            session.write_data(APP, READ_BACK_DIFFERS, b"new mark")
        assert [d.label for d in session.data_objects()] == [READ_BACK_DIFFERS]
    out = tmp_path / "mark.bin"
    softhsm.tool(issued_key.label, "--read-object", "--type", "data", "--application-label",
                 APP, "--label", READ_BACK_DIFFERS, "-o", str(out))  # fmt: skip
    assert out.read_bytes() == b"old mark"
