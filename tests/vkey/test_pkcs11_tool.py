"""OpenSC's pkcs11-tool through vkey: the same results as on SoftHSM2 directly,
and key generation, signing and object listing work."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from tests.vkey.conftest import PIN, Cli

SOFTHSM_PATHS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)


def softhsm_module() -> str:
    wanted = os.environ.get("NETCA_VKEY_SOFTHSM")
    return wanted or next(p for p in SOFTHSM_PATHS if Path(p).exists())


def tool(
    module: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pkcs11-tool", "--module", module, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def without_slot_choice(text: str) -> list[str]:
    # Only this line differs: pkcs11-tool says which slot it picked.
    return [line for line in text.splitlines() if not line.startswith("Using slot")]


def test_pkcs11_tool_test_gives_the_same_results_as_softhsm_directly(
    vkey: Cli, vkey_module: str, vkey_dir: Path
) -> None:
    vkey("create", "--label", "alice")
    login = ("--login", "--pin", PIN)
    ok(tool(vkey_module, *login, "--keypairgen", "--key-type", "rsa:2048", "--id", "01"))
    ok(tool(vkey_module, *login, "--keypairgen", "--key-type", "EC:prime256v1", "--id", "02"))

    through_vkey = tool(vkey_module, "--test", *login)
    direct_env = {**os.environ, "SOFTHSM2_CONF": str(vkey_dir / "softhsm2.conf")}
    direct = tool(softhsm_module(), "--test", *login, "--token-label", "alice", env=direct_env)

    assert "RSA-PKCS: OK" in direct.stdout  # the direct run really tested the same keys
    assert through_vkey.returncode == direct.returncode
    assert without_slot_choice(through_vkey.stdout) == without_slot_choice(direct.stdout)
    assert without_slot_choice(through_vkey.stderr) == without_slot_choice(direct.stderr)


def test_pkcs11_tool_generates_lists_and_signs_through_vkey(
    vkey: Cli, vkey_module: str, tmp_path: Path
) -> None:
    vkey("create", "--label", "alice")
    login = ("--login", "--pin", PIN)
    ok(
        tool(
            vkey_module,
            *login,
            "--keypairgen",
            "--key-type",
            "rsa:2048",
            "--id",
            "01",
            "--label",
            "sign-rsa",
        )
    )
    ok(
        tool(
            vkey_module,
            *login,
            "--keypairgen",
            "--key-type",
            "EC:prime256v1",
            "--id",
            "02",
            "--label",
            "sign-ec",
        )
    )

    listing = ok(tool(vkey_module, *login, "--list-objects"))
    assert listing.count("label:      sign-rsa") == 2  # public and private key
    assert listing.count("label:      sign-ec") == 2
    assert "Private Key Object; RSA" in listing
    assert "Private Key Object; EC" in listing

    data = tmp_path / "data.bin"
    data.write_bytes(b"netca vkey signing test")
    rsa_sig, rsa_pub = tmp_path / "rsa.sig", tmp_path / "rsa.der"
    ok(
        tool(
            vkey_module,
            *login,
            "--sign",
            "-m",
            "SHA256-RSA-PKCS",
            "--id",
            "01",
            "-i",
            str(data),
            "-o",
            str(rsa_sig),
        )
    )
    ok(tool(vkey_module, "--read-object", "--type", "pubkey", "--id", "01", "-o", str(rsa_pub)))
    public = serialization.load_der_public_key(rsa_pub.read_bytes())
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(rsa_sig.read_bytes(), data.read_bytes(), padding.PKCS1v15(), hashes.SHA256())

    digest = tmp_path / "digest.bin"
    digest.write_bytes(hashlib.sha256(data.read_bytes()).digest())
    ec_sig, ec_pub = tmp_path / "ec.sig", tmp_path / "ec.der"
    ok(
        tool(
            vkey_module,
            *login,
            "--sign",
            "-m",
            "ECDSA",
            "--id",
            "02",
            "--signature-format",
            "openssl",
            "-i",
            str(digest),
            "-o",
            str(ec_sig),
        )
    )
    ok(tool(vkey_module, "--read-object", "--type", "pubkey", "--id", "02", "-o", str(ec_pub)))
    ec_public = serialization.load_der_public_key(ec_pub.read_bytes())
    assert isinstance(ec_public, ec.EllipticCurvePublicKey)
    ec_public.verify(
        ec_sig.read_bytes(), digest.read_bytes(), ec.ECDSA(utils.Prehashed(hashes.SHA256()))
    )


def test_pkcs11_tool_sees_a_locked_pin(vkey: Cli, vkey_module: str) -> None:
    vkey("create", "--label", "alice", "--max-tries", "1")
    done = tool(vkey_module, "--login", "--pin", "0000", "--list-objects")
    assert "CKR_PIN_INCORRECT" in done.stdout + done.stderr
    done = tool(vkey_module, "--login", "--pin", PIN, "--list-objects")
    assert done.returncode != 0
    assert "CKR_PIN_LOCKED" in done.stdout + done.stderr
    assert "PIN locked" in ok(tool(vkey_module, "--list-token-slots"))
