"""The key layer through the real PKCS#11 path (SoftHSM2): keys, certificates, PIN errors."""

from __future__ import annotations

import pytest

from netca_client.core import errors
from netca_client.core.certs import HolderKind, KeyPurpose, key_certificates
from netca_client.core.token import PinStatusSource, TokenLibrary
from tests.conftest import PIN, SO_PIN
from tests.token.conftest import ORG, ORG_CODE, IssuedKey


def test_keys_lists_the_initialised_token_with_its_serial(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()  # SoftHSM2 sees tokens made after C_Initialize only after this
    key = library.find(issued_key.serial)
    assert key.label == issued_key.label
    assert key.manufacturer == "SoftHSM project"
    assert key.model_id == "softhsm2"
    assert key.initialized


def test_certificates_are_summarised_with_holder_and_expiry(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()
    with library.open(library.find(issued_key.serial)) as session:
        certs = key_certificates(session)
    assert [c.key_algorithm for c in certs] == ["EC secp256r1", "RSA"]  # soonest expiry first
    employee, organisation = certs
    assert employee.subject_cn == "张三"
    assert employee.holder_kind is HolderKind.EMPLOYEE
    assert employee.days_left == 20
    assert employee.serial == format(issued_key.ec_cert.serial_number, "X")
    assert organisation.holder_kind is HolderKind.ORGANISATION
    assert organisation.subject_o == ORG
    assert organisation.org_code == ORG_CODE
    assert organisation.key_size == 2048
    assert organisation.purpose is KeyPurpose.SIGNING
    assert organisation.days_left == 365
    assert organisation.not_after == issued_key.rsa_cert.not_valid_after_utc


def test_wrong_pin_raises_pin_incorrect_and_sets_count_low(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()
    with library.open(library.find(issued_key.serial)) as session:
        with pytest.raises(errors.PinIncorrect) as caught:
            session.login("Wrong-PIN-1")
        # SoftHSM2 has no retry counter: tries left is honestly unknown (docs/dependencies.md).
        assert caught.value.tries_left is None
        status = session.pin_status()
    assert status.count_low
    assert status.source is PinStatusSource.FLAGS
    assert not status.locked


def test_failed_login_leaks_no_session_that_blocks_an_so_login(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    # python-pkcs11's Token.open(user_pin=...) leaks a read-only session on a wrong PIN,
    # after which C_Login(SO) fails with CKR_SESSION_READ_ONLY_EXISTS (docs/dependencies.md).
    library.reinitialize()
    key = library.find(issued_key.serial)
    for _ in range(3):
        with library.open(key) as session, pytest.raises(errors.PinIncorrect):
            session.login("Wrong-PIN-1")
    with library.open(key, rw=True) as session:
        session.login_so(SO_PIN)
        session.init_pin("New-Pin-2024", enforce_policy=True)
    with library.open(key) as session:
        session.login("New-Pin-2024")
        assert session.certificate_objects()


def test_correct_pin_logs_in_and_change_pin_replaces_it(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        session.logout()
        session.change_pin(PIN, "Changed-Pin-9")
    with library.open(key) as session:
        with pytest.raises(errors.PinIncorrect):
            session.login(PIN)
        session.login("Changed-Pin-9")


def test_change_pin_refuses_a_weak_pin_before_touching_the_key(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        with pytest.raises(errors.PinPolicyViolation) as caught:
            session.change_pin(PIN, "12345678")
        assert set(caught.value.reasons) == {"too-few-classes", "is-default"}
        assert not session.pin_status().count_low  # the old PIN was not spent


def test_unknown_serial_is_key_not_found(library: TokenLibrary, issued_key: IssuedKey) -> None:
    library.reinitialize()
    with pytest.raises(errors.KeyNotFound):
        library.find("no-such-serial")


def test_all_pkcs11_calls_run_on_the_modules_one_token_thread(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    library.reinitialize()
    key = library.find(issued_key.serial)
    seen = library.run(lambda key: __import__("threading").current_thread().name, key)
    assert seen == "netca-token-libsofthsm2.so"
    (module,) = library.modules
    with pytest.raises(RuntimeError, match="off the token thread"):
        _ = module.raw  # the python-pkcs11 object is guarded from other threads


def test_missing_module_is_driver_missing(tmp_path) -> None:
    with pytest.raises(errors.DriverMissing) as caught:
        TokenLibrary.load(tmp_path / "libnothing.so")
    assert str(tmp_path / "libnothing.so") in caught.value.searched


def test_sign_with_the_keys_rsa_and_ec_private_keys(
    library: TokenLibrary, issued_key: IssuedKey
) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding

    library.reinitialize()
    data = "合同正文".encode() * 100
    with library.open(library.find(issued_key.serial)) as session:
        with pytest.raises(errors.NotLoggedIn):
            session.sign(data, key_id="01")
        session.login(PIN)
        rsa_sig = session.sign(data, key_id="01")
        ec_sig = session.sign(data, key_id="02")
    assert rsa_sig.algorithm == "sha256_rsa"
    issued_key.rsa_cert.public_key().verify(  # type: ignore[call-arg]
        rsa_sig.value, data, padding.PKCS1v15(), hashes.SHA256()
    )
    assert ec_sig.algorithm == "sha256_ecdsa"
    issued_key.ec_cert.public_key().verify(ec_sig.value, data, ec.ECDSA(hashes.SHA256()))  # type: ignore[call-arg]
