"""SM2 on keys: vkey's vendor mechanisms, plain SoftHSM2 refused, an openssl-made SM2
certificate listed beside an RSA one, RA-issued SM2 certificates, CRLs and OCSP answers
checked by the openssl CLI and BouncyCastle."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pkcs11 import Attribute, KeyType, ObjectClass

from netca_client.core import errors, gm
from netca_client.core.token import TokenLibrary
from netca_client.core.token.mechanisms import vendor_mechanism
from netca_ra.ca.interface import CertificateStatus, RevocationEntry
from tests.gm.conftest import PIN, DualWorld
from tests.gm.oracles import (
    STANDARD_ID,
    bouncycastle,
    gmalg_verifies,
    gmalg_verifies_certificate,
    openssl,
    openssl_verifies,
    pem_file,
)
from tests.support.softhsm import SoftHsm

SM2_PARAMS = bytes.fromhex("06082a811ccf5501822d")
SANSEC = {"gen": 0x80008001, "raw": 0x80008102, "der": 0x80008103, "e": 0x80008104}


def test_vkey_advertises_generates_and_signs_sm2_with_every_mechanism(
    library: TokenLibrary, vkey_module: str, tmp_path: Path
) -> None:
    raw_lib = pkcs11.lib(vkey_module)
    token = raw_lib.get_token(token_label="gm")
    slot = token.slot
    mechanisms = {int(m) for m in slot.get_mechanisms()}
    assert set(SANSEC.values()) <= mechanisms
    with token.open(rw=True, user_pin=PIN) as session:
        public, private = session.generate_keypair(
            KeyType.EC, None, mechanism=vendor_mechanism(SANSEC["gen"]), id=b"\x07", store=True,
            public_template={Attribute.EC_PARAMS: SM2_PARAMS},
        )  # fmt: skip
        point = bytes(public[Attribute.EC_POINT])
        spki = _spki(point)
        data = b"vkey SM2"
        der = bytes(private.sign(data, mechanism=vendor_mechanism(SANSEC["der"])))
        raw = bytes(private.sign(data, mechanism=vendor_mechanism(SANSEC["raw"])))
        e = gm.e_value(spki, data)
        pre = bytes(private.sign(e, mechanism=vendor_mechanism(SANSEC["e"])))
        assert len(raw) == 64
        assert len(pre) == 64
        for signature in (der, gm.raw_to_der(raw), gm.raw_to_der(pre)):
            assert gm.verify(spki, data, signature)
            assert gmalg_verifies(spki, data, signature)
            assert openssl_verifies(tmp_path, spki, data, signature, STANDARD_ID)
        # ECDSA on an SM2 key is refused; the private value never leaves
        with pytest.raises(pkcs11.exceptions.KeyTypeInconsistent):
            private.sign(hashlib.sha256(data).digest(), mechanism=pkcs11.Mechanism.ECDSA)
        assert private[Attribute.SENSITIVE] is True
        assert private[Attribute.EXTRACTABLE] is False
        with pytest.raises(pkcs11.exceptions.AttributeSensitive):
            private[Attribute.VALUE]
    pkcs11.unload(vkey_module)


def test_plain_softhsm2_never_signs_with_an_sm2_curve_key(
    softhsm: SoftHsm, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SoftHSM2 makes an EC key on the SM2 curve and would run CKM_ECDSA on it; its model has
    no SM2 mechanism profile, so the key layer refuses with a clear error."""
    softhsm.init_token("plain", pin=PIN, so_pin="87654321")
    raw_lib = pkcs11.lib(softhsm.module)
    with raw_lib.get_token(token_label="plain").open(rw=True, user_pin=PIN) as session:
        session.generate_keypair(KeyType.EC, None, id=b"\x05", store=True,
                                 public_template={Attribute.EC_PARAMS: SM2_PARAMS})  # fmt: skip
    pkcs11.unload(softhsm.module)
    library = TokenLibrary.load(softhsm.module)
    try:
        with library.open(library.find("plain")) as session:
            session.login(PIN)
            with pytest.raises(errors.UnsupportedKeyAlgorithm) as refused:
                session.sign(b"data", key_id="05")
    finally:
        library.close()
    assert refused.value.algorithm == "SM2"
    assert "no SM2 mechanisms are known for softhsm2" in refused.value.reason
    assert "ECDSA on an SM2 key" in refused.value.reason


def test_an_openssl_made_sm2_certificate_lists_beside_the_rsa_one(
    softhsm: SoftHsm, netca: Any, test_ca: Any, tmp_path: Path
) -> None:
    serial = softhsm.init_token("both", pin=PIN, so_pin="87654321")
    rsa_public = softhsm.generate_key_pair("both", pin=PIN, key_type="rsa:2048", key_id="01")
    now = dt.datetime.now(dt.UTC)
    rsa_cert = test_ca.issue(rsa_public, cn="RSA 持有人", not_before=now - dt.timedelta(days=1),
                             not_after=now + dt.timedelta(days=90))  # fmt: skip
    softhsm.write_certificate("both", rsa_cert.public_bytes(Encoding.DER), pin=PIN, key_id="01")
    key, cert = tmp_path / "sm2.key", tmp_path / "sm2.pem"
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", str(key))
    done = openssl("req", "-new", "-x509", "-key", str(key), "-sm3", "-sigopt",
                   f"distid:{STANDARD_ID}", "-subj", "/CN=SM2 持有人/O=国密单位", "-utf8",
                   "-days", "90", "-out", str(cert))  # fmt: skip
    assert done.returncode == 0, done.stderr
    sm2 = x509.load_pem_x509_certificate(cert.read_bytes())
    softhsm.write_certificate("both", sm2.public_bytes(Encoding.DER), pin=PIN, key_id="02")

    listing = netca("certs", "--json").stdout
    assert '"SM2"' in listing
    assert '"RSA"' in listing
    assert "SM2 持有人" in listing
    text = netca("certs").stdout
    assert "SM2" in text, text
    assert "RSA" in text, text
    assert netca("diagnostics").returncode == 0
    assert netca("keys").returncode == 0
    assert serial


def test_ra_issued_sm2_certificate_crl_and_ocsp_verify_with_openssl_and_bouncycastle(
    dual_world: DualWorld, tmp_path: Path
) -> None:
    ca, leaf = dual_world.ca, dual_world.dual.sm2
    assert ca.gm is not None
    issuing, root = ca.gm.issuing, ca.gm.root
    assert ca.chain_for(leaf) == [issuing, root]
    files = {n: pem_file(tmp_path / f"{n}.pem", c)
             for n, c in (("leaf", leaf), ("issuing", issuing), ("root", root))}  # fmt: skip
    # openssl 3.0 applies -vfyopt to the certificate named only: each link in turn
    for target, trusted in (("leaf", "issuing"), ("issuing", "root")):
        done = openssl("verify", "-vfyopt", f"distid:{STANDARD_ID}", "-partial_chain",
                       "-CAfile", str(files[trusted]), str(files[target]))  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert ": OK" in done.stdout, done.stderr
        plain = openssl(
            "verify", "-partial_chain", "-CAfile", str(files[trusted]), str(files[target])
        )
        assert plain.returncode != 0  # the empty default ID does not verify ours
    assert gmalg_verifies_certificate(leaf, issuing)
    assert gm.check_chain(leaf, roots=[root], intermediates=[issuing]).ok

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    crl = ca.sm2_crl_der(
        [RevocationEntry(leaf.serial_number, now, x509.ReasonFlags.superseded)], now=now
    )
    assert crl is not None
    request = _ocsp_request(issuing, leaf.serial_number)
    response = ca.ocsp_der(request, lookup=lambda _s: CertificateStatus(known=True), now=now)
    der = lambda c: c.public_bytes(Encoding.DER)  # noqa: E731
    results = bouncycastle(tmp_path, [
        ("cert", [der(leaf), der(issuing)]), ("cert", [der(issuing), der(root)]),
        ("crl", [crl, der(issuing)]), ("ocsp", [response, der(issuing)]),
        ("cert", [der(leaf), der(root)]),
    ])  # fmt: skip
    assert results == ["ok", "ok", "ok", "ok", "bad"]
    # the openssl CLI over the CRL's and the answer's to-be-signed bytes (as openssl crl and
    # ocsp cannot be given an ID in 3.0)
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp

    spki = gm.public_key_der(issuing)
    crl_list = asn1_crl.CertificateList.load(crl)
    assert openssl_verifies(tmp_path, spki, crl_list["tbs_cert_list"].dump(),
                            crl_list["signature"].native, STANDARD_ID)  # fmt: skip
    basic = asn1_ocsp.OCSPResponse.load(response).basic_ocsp_response
    assert openssl_verifies(tmp_path, spki, basic["tbs_response_data"].dump(),
                            basic["signature"].native, STANDARD_ID)  # fmt: skip


def _ocsp_request(issuer: x509.Certificate, serial: int) -> bytes:
    from asn1crypto import keys, ocsp

    bits = keys.PublicKeyInfo.load(gm.public_key_der(issuer))["public_key"].contents[1:]
    return bytes(ocsp.OCSPRequest({"tbs_request": {"request_list": [{"req_cert": {
        "hash_algorithm": {"algorithm": "sha1"},
        "issuer_name_hash": hashlib.sha1(issuer.subject.public_bytes()).digest(),  # noqa: S324
        "issuer_key_hash": hashlib.sha1(bits).digest(),  # noqa: S324
        "serial_number": serial}}]}}).dump())  # fmt: skip


def _spki(ec_point: bytes) -> bytes:
    from asn1crypto import core, keys

    point = bytes(core.OctetString.load(ec_point).native) if len(ec_point) != 65 else ec_point
    return bytes(keys.PublicKeyInfo(
        {"algorithm": {"algorithm": "ec", "parameters": ("named", "1.2.156.10197.1.301")},
         "public_key": point}).dump())  # fmt: skip


_ = ObjectClass
