"""The SM2/SM3 layer (netca_gm, core.gm) on the system's libcrypto, checked against the
openssl CLI and gmalg; the ID trap; chain checks; a libcrypto without SM2."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import gmalg
from cryptography import x509

from netca_client.core import gm
from netca_gm import DEFAULT_ID, Sm2PrivateKey, der_to_raw, public_point, raw_to_der, verify, z_a
from tests.gm.oracles import STANDARD_ID, gmalg_verifies, openssl, openssl_verifies


def test_our_signatures_verify_with_the_openssl_cli_and_gmalg_only_with_the_standard_id(
    tmp_path: Path,
) -> None:
    key = Sm2PrivateKey.generate()
    public, data = key.public_der(), "投标文件 SM2".encode()
    signature = key.sign(data)
    assert verify(public, data, signature)
    assert openssl_verifies(tmp_path, public, data, signature, STANDARD_ID)
    assert gmalg_verifies(public, data, signature)
    # The trap: OpenSSL 3.0's default ID is empty, so its plain verify refuses ours.
    assert not openssl_verifies(tmp_path, public, data, signature, None)
    assert not verify(public, data, signature, b"")
    assert not verify(public, data + b".", signature)


def test_gmalg_and_openssl_signatures_verify_here(tmp_path: Path) -> None:
    key = Sm2PrivateKey.generate()
    public = key.public_der()
    (tmp_path / "key.pem").write_bytes(key.to_pem())
    (tmp_path / "data").write_bytes(b"made by the openssl CLI")
    done = openssl("dgst", "-sm3", "-sign", str(tmp_path / "key.pem"), "-sigopt",
                   f"distid:{STANDARD_ID}", "-out", str(tmp_path / "sig"),
                   str(tmp_path / "data"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert verify(public, b"made by the openssl CLI", (tmp_path / "sig").read_bytes())

    # gmalg signs as the other party would (test-only: its nonce comes from `secrets`).
    signer = gmalg.SM2(sk=None, uid=DEFAULT_ID, pk=None)
    secret, point = signer.generate_keypair()
    other = gmalg.SM2(sk=secret, uid=b"ALICE123@YAHOO.COM", pk=point)
    r, s = other.sign(b"message digest")
    spki = _spki(point)
    assert verify(spki, b"message digest", r + s, b"ALICE123@YAHOO.COM")  # raw r||s form too
    assert not verify(spki, b"message digest", r + s)  # the standard ID is another Z_A
    assert public_point(spki) == point


def test_z_a_and_e_are_those_the_signatures_use() -> None:
    key = Sm2PrivateKey.generate()
    public = key.public_der()
    point = public_point(public)
    # gmalg computes Z_A itself (entity_info takes (x, y) as ints)
    core = gmalg.SM2(pk=point, uid=DEFAULT_ID)._core
    xy = (int.from_bytes(point[1:33], "big"), int.from_bytes(point[33:], "big"))
    assert core.entity_info(DEFAULT_ID, xy) == z_a(public)
    assert gm.e_value(public, b"m") == gm.sm3(z_a(public) + b"m")


def test_raw_and_der_forms_round_trip() -> None:
    signature = Sm2PrivateKey.generate().sign(b"x")
    raw = der_to_raw(signature)
    assert len(raw) == 64
    assert raw_to_der(raw) == signature


def test_the_chain_check_rejects_a_certificate_signed_with_the_empty_id(tmp_path: Path) -> None:
    """A CA made with the openssl CLI signs one leaf with the standard ID and one with
    OpenSSL's default (empty) ID: only the first chains."""
    ca_key, leaf_key = tmp_path / "ca.key", tmp_path / "leaf.key"
    for key in (ca_key, leaf_key):
        assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                       "-out", str(key)).returncode == 0  # fmt: skip
    ca = tmp_path / "ca.pem"
    done = openssl("req", "-new", "-x509", "-key", str(ca_key), "-sm3", "-sigopt",
                   f"distid:{STANDARD_ID}", "-subj", "/CN=SM2 CA", "-days", "30",
                   "-addext", "basicConstraints=critical,CA:TRUE",
                   "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", str(ca))  # fmt: skip
    assert done.returncode == 0, done.stderr
    csr = tmp_path / "leaf.csr"
    assert openssl("req", "-new", "-key", str(leaf_key), "-sm3", "-sigopt", f"distid:{STANDARD_ID}",
                   "-subj", "/CN=leaf", "-out", str(csr)).returncode == 0  # fmt: skip
    leaves = {}
    for name, options in (("standard", ["-sigopt", f"distid:{STANDARD_ID}",
                                        "-vfyopt", f"distid:{STANDARD_ID}"]),
                          ("empty", ["-vfyopt", f"distid:{STANDARD_ID}"])):  # fmt: skip
        out = tmp_path / f"{name}.pem"
        done = openssl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key),
                       "-sm3", *options, "-days", "10", "-out", str(out))  # fmt: skip
        assert done.returncode == 0, done.stderr
        leaves[name] = x509.load_pem_x509_certificate(out.read_bytes())
    root = x509.load_pem_x509_certificate(ca.read_bytes())
    now = datetime.now(UTC)
    good = gm.check_chain(leaves["standard"], roots=[root], at=now)
    assert good.ok, good.problem
    bad = gm.check_chain(leaves["empty"], roots=[root], at=now)
    assert not bad.ok
    assert "signature" in (bad.problem or "")
    # …and it does chain for whoever agreed on the empty ID (the ID is a parameter)
    assert gm.check_chain(leaves["empty"], roots=[root], at=now, distid=b"").ok
    assert not gm.certificate_signed_by(leaves["standard"], root, distid=b"")


def test_without_sm2_in_libcrypto_everything_says_so_and_nothing_crashes(tmp_path: Path) -> None:
    """NETCA_LIBCRYPTO naming a library without SM2 (here: none at all)."""
    code = """
import json, sys
from cryptography import x509
import netca_gm
from netca_client.core.certs import summarize
from netca_seal import check_seal
cert = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())
summary = summarize(cert)
print(json.dumps({"available": netca_gm.available(), "reason": netca_gm.unavailable_reason(),
                  "algorithm": summary.key_algorithm, "size": summary.key_size}))
"""
    key = tmp_path / "k.pem"
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", str(key))
    cert = tmp_path / "c.pem"
    openssl("req", "-new", "-x509", "-key", str(key), "-sm3", "-subj", "/CN=x", "-out", str(cert))
    done = subprocess.run(
        [sys.executable, "-c", code, str(cert)],
        env={"NETCA_LIBCRYPTO": str(tmp_path / "no-libcrypto.so"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    import json

    answer = json.loads(done.stdout)
    assert answer["available"] is False
    assert "no-libcrypto" in answer["reason"]
    assert (answer["algorithm"], answer["size"]) == ("SM2", 256)


def _spki(point: bytes) -> bytes:
    from asn1crypto import keys

    return bytes(
        keys.PublicKeyInfo(
            {"algorithm": {"algorithm": "ec", "parameters": ("named", "1.2.156.10197.1.301")},
             "public_key": point}
        ).dump()
    )  # fmt: skip
