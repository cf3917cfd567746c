"""`netca seals --json` and `netca seal write|export|delete` on a SoftHSM2 key with certificates.

Seals are written by `netca seal write` (OpenSC 0.23's pkcs11-tool writes at most 5000 bytes
of an object, less than a seal with its picture) and read back with pkcs11-tool.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from netca_client.cli.errors import EXIT_SEAL
from netca_seal import CertListType, parse_seal
from tests.conftest import PIN
from tests.seal.conftest import Issued, issue
from tests.seal_key.conftest import SEAL_NAME, MakeSeal
from tests.support.pki import MiniCa
from tests.support.softhsm import SoftHsm
from tests.token.conftest import ORG, IssuedKey


def _write(
    netca: Any, key: IssuedKey, der: bytes, path: Path, *more: str, check: bool = True
) -> Any:
    path.write_bytes(der)
    return netca("seal", "write", str(path), "--key", key.serial, "--pin-stdin", *more,
                 stdin=f"{PIN}\n", check=check)  # fmt: skip


def _seals(netca: Any, key: IssuedKey, *trust: Path) -> list[dict[str, Any]]:
    options = [arg for path in trust for arg in ("--trust", str(path))]
    (group,) = netca.json("seals", "--key", key.serial, *options)
    assert group["key"]["serial"] == key.serial
    result: list[dict[str, Any]] = group["seals"]
    return result


def _codes(seal: dict[str, Any]) -> list[str]:
    return [p["code"] for p in seal["check"]["problems"]]


def _read_object(softhsm: SoftHsm, key: IssuedKey, label: str, out: Path) -> bytes:
    softhsm.tool(key.label, "--read-object", "--type", "data", "--label", label, "-o", str(out))
    return out.read_bytes()


def test_a_seal_for_the_keys_certificate_by_a_trusted_maker_is_valid(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path,
    seal_maker: Issued,
) -> None:  # fmt: skip
    der = make(allowed=[issued_key.rsa_cert])
    _write(netca, issued_key, der, tmp_path / "seal.der")

    [seal] = _seals(netca, issued_key, trust_pem)

    assert seal["verdict"] == "valid"
    assert seal["label"] == SEAL_NAME
    assert seal["name"] == SEAL_NAME
    assert seal["kind"] == "contract"
    assert seal["private"] is False
    assert seal["seal_id"] == "44010000000001"
    assert datetime.fromisoformat(seal["valid_to"]) > datetime.now(UTC) + timedelta(days=360)
    assert seal["allowed_certificates"] == [
        {
            "subject_cn": ORG,
            "serial": format(issued_key.rsa_cert.serial_number, "X"),
            "digest_algorithm": "SHA256",
            "digest": hashlib.sha256(issued_key.rsa_cert.public_bytes(Encoding.DER)).hexdigest(),
            "on_key": True,
        }
    ]
    assert seal["maker"]["serial"] == format(seal_maker.cert.serial_number, "x")
    check = seal["check"]
    assert (check["signature"], check["maker"], check["validity"]) == ("valid", "trusted", "valid")
    assert (check["holder"], check["picture"], check["problems"]) == ("listed", "decodes", [])


def test_text_listing_names_the_seal_and_its_verdict(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path
) -> None:
    _write(netca, issued_key, make(allowed=[issued_key.ec_cert]), tmp_path / "seal.der")
    out = netca("seals", "--key", issued_key.serial, "--trust", str(trust_pem)).stdout
    assert SEAL_NAME in out
    assert "contract seal" in out
    assert "\tvalid\t" in out
    assert "张三 *" in out


def test_a_seal_by_a_maker_under_the_users_own_root_is_valid(
    netca, issued_key: IssuedKey, make: MakeSeal, user_dirs: Path, seal_root: Issued,
    tmp_path: Path,
) -> None:  # fmt: skip
    _write(netca, issued_key, make(allowed=[issued_key.rsa_cert]), tmp_path / "seal.der")
    assert _seals(netca, issued_key)[0]["verdict"] == "untrusted"  # no root anywhere yet
    trust_dir = user_dirs / "data" / "netca-client" / "trust"
    trust_dir.mkdir(parents=True)
    (trust_dir / "seal-root.pem").write_bytes(seal_root.cert.public_bytes(Encoding.PEM))
    (trust_dir / "notes.pem").write_text("not a certificate")  # skipped, not fatal
    assert _seals(netca, issued_key)[0]["verdict"] == "valid"


def test_a_maker_under_an_issuing_ca_is_trusted_through_the_root_in_the_trust_file(
    netca, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path
) -> None:
    # The RA's shape: root -> issuing CA -> seal maker; the seal carries only the maker.
    root = issue("RA Root", ca=True)
    issuing = issue("RA Issuing CA", ca=True, issuer=root)
    maker = issue("RA 电子印章制章系统", issuer=issuing)
    _write(netca, issued_key, make(allowed=[issued_key.rsa_cert], maker=maker), tmp_path / "s.der")
    only_root = tmp_path / "root.pem"
    only_root.write_bytes(root.cert.public_bytes(Encoding.PEM))
    chain = tmp_path / "chain.pem"
    chain.write_bytes(b"".join(c.cert.public_bytes(Encoding.PEM) for c in (issuing, root)))

    assert _codes(_seals(netca, issued_key, only_root)[0]) == ["maker-untrusted"]
    assert _seals(netca, issued_key, chain)[0]["verdict"] == "valid"
    # the issuing CA alone is not an anchor: it only helps to build the chain
    issuing_only = tmp_path / "issuing.pem"
    issuing_only.write_bytes(issuing.cert.public_bytes(Encoding.PEM))
    assert _codes(_seals(netca, issued_key, issuing_only)[0]) == ["maker-untrusted"]


def test_a_digest_listed_certificate_counts_as_listed(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path
) -> None:
    der = make(allowed=[issued_key.ec_cert], cert_list_type=CertListType.DIGESTS)
    _write(netca, issued_key, der, tmp_path / "seal.der")
    [seal] = _seals(netca, issued_key, trust_pem)
    assert seal["verdict"] == "valid"
    [entry] = seal["allowed_certificates"]
    assert entry["subject_cn"] is None
    assert entry["on_key"] is True
    assert (
        entry["digest"] == hashlib.sha256(issued_key.ec_cert.public_bytes(Encoding.DER)).hexdigest()
    )


def test_a_tampered_seal_is_reported_as_a_bad_signature(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path
) -> None:
    der = make(allowed=[issued_key.rsa_cert], seal_id="44010000000001")
    tampered = der.replace(b"44010000000001", b"44010000000002")
    assert sum(a != b for a, b in zip(der, tampered, strict=True)) == 1
    # It still parses, so `netca seal write` stores it (OpenSC 0.23's pkcs11-tool cannot:
    # it writes at most 5000 bytes of an object); the check then finds the change.
    _write(netca, issued_key, tampered, tmp_path / "tampered.der")

    [seal] = _seals(netca, issued_key, trust_pem)

    assert seal["verdict"] == "invalid"
    assert seal["check"]["signature"] == "invalid"
    assert _codes(seal) == ["signature-invalid"]
    assert "signature does not match" in netca("seals", "--key", issued_key.serial,
                                               "--trust", str(trust_pem)).stdout  # fmt: skip


def test_an_expired_seal_is_reported_as_expired(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    der = make(allowed=[issued_key.rsa_cert], valid_from=now - timedelta(days=400),
               valid_to=now - timedelta(days=2))  # fmt: skip
    _write(netca, issued_key, der, tmp_path / "seal.der")  # stored: checks are reported
    [seal] = _seals(netca, issued_key, trust_pem)
    assert seal["verdict"] == "invalid"
    assert seal["check"]["validity"] == "expired"
    assert _codes(seal) == ["expired"]


def test_a_seal_listing_another_certificate_is_reported_as_not_listed(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path,
    test_ca: MiniCa,
) -> None:  # fmt: skip
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    now = datetime.now(UTC)
    elsewhere = test_ca.issue(
        public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo),
        cn="别人", org="另一家公司", not_before=now - timedelta(days=1),
        not_after=now + timedelta(days=30),
    )  # fmt: skip
    _write(netca, issued_key, make(allowed=[elsewhere]), tmp_path / "seal.der")

    [seal] = _seals(netca, issued_key, trust_pem)

    assert seal["verdict"] == "invalid"
    assert seal["check"]["holder"] == "not-listed"
    assert _codes(seal) == ["holder-not-listed"]
    assert [(a["subject_cn"], a["on_key"]) for a in seal["allowed_certificates"]] == [
        ("别人", False)
    ]


def test_a_seal_by_an_untrusted_maker_is_reported_as_untrusted(
    netca, issued_key: IssuedKey, make: MakeSeal, trust_pem: Path, tmp_path: Path,
    stranger_maker: Issued,
) -> None:  # fmt: skip
    der = make(allowed=[issued_key.rsa_cert], maker=stranger_maker)
    _write(netca, issued_key, der, tmp_path / "seal.der")
    [seal] = _seals(netca, issued_key, trust_pem)
    # intact, but its maker is unknown here: not trusted, which is not invalid
    assert seal["verdict"] == "untrusted"
    assert seal["check"]["verdict"] == "untrusted"
    assert (seal["check"]["signature"], seal["check"]["maker"]) == ("valid", "untrusted")
    assert _codes(seal) == ["maker-untrusted"]
    text = netca("seals", "--key", issued_key.serial, "--trust", str(trust_pem)).stdout
    assert "not trusted here (the seal maker is not trusted)" in text
    assert "invalid" not in text
    assert "add the root with --trust ROOT.pem" in text


def test_export_writes_the_seal_picture_and_refuses_to_overwrite_without_force(
    netca, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path, picture_png: bytes
) -> None:
    _write(netca, issued_key, make(allowed=[issued_key.rsa_cert]), tmp_path / "seal.der")
    out = tmp_path / "out" / "seal.png"
    out.parent.mkdir()

    netca("seal", "export", SEAL_NAME, "--key", issued_key.serial, "-o", str(out))
    assert out.read_bytes() == picture_png

    out.write_bytes(b"keep me")
    again = netca("seal", "export", SEAL_NAME, "--key", issued_key.serial, "-o", str(out),
                  check=False)  # fmt: skip
    assert again.returncode != 0
    assert "--force" in again.stderr
    assert out.read_bytes() == b"keep me"
    netca("seal", "export", SEAL_NAME, "--key", issued_key.serial, "-o", str(out), "--force")
    assert out.read_bytes() == picture_png
    assert sorted(p.name for p in out.parent.iterdir()) == ["seal.png"]  # no temp files left


def test_export_of_an_unknown_seal_names_it(netca, issued_key: IssuedKey, tmp_path: Path) -> None:
    done = netca("seal", "export", "没有这个章", "--key", issued_key.serial,
                 "-o", str(tmp_path / "x.png"), check=False)  # fmt: skip
    assert done.returncode == EXIT_SEAL
    assert "No seal named '没有这个章'" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_export_finds_a_seal_by_its_seal_id(
    netca, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path, picture_png: bytes
) -> None:
    _write(netca, issued_key, make(allowed=[issued_key.rsa_cert], seal_id="SEAL-77"),
           tmp_path / "seal.der")  # fmt: skip
    netca("seal", "export", "SEAL-77", "--key", issued_key.serial, "-o", str(tmp_path / "p.png"))
    assert (tmp_path / "p.png").read_bytes() == picture_png


def test_write_refuses_bytes_that_are_not_a_seal_and_leaves_the_key_alone(
    netca, softhsm: SoftHsm, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path
) -> None:
    good = make(allowed=[issued_key.rsa_cert])
    _write(netca, issued_key, good, tmp_path / "good.der")
    bad = good[:-10]  # truncated: no longer DER
    done = _write(netca, issued_key, bad, tmp_path / "bad.der", "--label", SEAL_NAME, check=False)
    assert done.returncode == EXIT_SEAL
    assert "Not a readable seal" in done.stderr
    assert _read_object(softhsm, issued_key, SEAL_NAME, tmp_path / "back.der") == good


def test_write_replaces_the_seal_with_the_same_label_and_keeps_others(
    netca, softhsm: SoftHsm, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path
) -> None:
    first = make(allowed=[issued_key.rsa_cert], seal_id="FIRST")
    second = make(allowed=[issued_key.rsa_cert], seal_id="SECOND")
    other = make(allowed=[issued_key.rsa_cert], name="张三之印", seal_id="OTHER")
    _write(netca, issued_key, first, tmp_path / "1.der")
    _write(netca, issued_key, other, tmp_path / "3.der")
    _write(netca, issued_key, second, tmp_path / "2.der")

    listing = softhsm.tool(issued_key.label, "--list-objects", "--type", "data")
    assert listing.count(SEAL_NAME) == 1  # listed without a login: the objects are public
    assert _read_object(softhsm, issued_key, SEAL_NAME, tmp_path / "back.der") == second
    assert parse_seal(
        _read_object(softhsm, issued_key, "张三之印", tmp_path / "o.der")
    ).seal_id == ("OTHER")


def test_write_needs_the_pin(
    netca, softhsm: SoftHsm, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path
) -> None:
    path = tmp_path / "seal.der"
    path.write_bytes(make(allowed=[issued_key.rsa_cert]))
    done = netca("seal", "write", str(path), "--key", issued_key.serial, "--pin-stdin",
                 stdin="Wrong-Pin-1\n", check=False)  # fmt: skip
    assert done.returncode == 4
    assert SEAL_NAME not in softhsm.tool(issued_key.label, "--list-objects", "--type", "data")


def test_delete_removes_the_seal(
    netca, softhsm: SoftHsm, issued_key: IssuedKey, make: MakeSeal, tmp_path: Path
) -> None:
    _write(netca, issued_key, make(allowed=[issued_key.rsa_cert]), tmp_path / "seal.der")
    netca("seal", "delete", SEAL_NAME, "--key", issued_key.serial, "--pin-stdin",
          stdin=f"{PIN}\n")  # fmt: skip
    assert netca.json("seals", "--key", issued_key.serial)[0]["seals"] == []
    again = netca("seal", "delete", SEAL_NAME, "--key", issued_key.serial, "--pin-stdin",
                  stdin=f"{PIN}\n", check=False)  # fmt: skip
    assert again.returncode == EXIT_SEAL
