"""Seals on a virtual USB key (drivers/vkey): written by `netca seal write`, still there after
`netca-vkey unplug` / `plug`, and readable by OpenSC's pkcs11-tool through the vkey module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netca_client.cli.errors import EXIT_KEY
from netca_seal import SEAL_APPLICATION, parse_seal
from netca_seal.art import render_organisation_seal
from tests.seal_key.conftest import SEAL_NAME, MakeSeal
from tests.vkey.conftest import PIN, Cli

LABEL = "印章Key"


def _netca(module: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netca_client.cli", "--module", module, *args],
        env={**os.environ, "NETCA_LANG": "en"},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _holder() -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "某人")])
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )  # fmt: skip


def _seals(module: str, trust: Path) -> list[dict[str, Any]]:
    (group,) = json.loads(
        _ok(_netca(module, "seals", "--key", LABEL, "--json", "--trust", str(trust)))
    )
    result: list[dict[str, Any]] = group["seals"]
    return result


def test_a_seal_on_a_vkey_survives_unplug_and_plug_and_pkcs11_tool_reads_it(
    vkey: Cli, vkey_module: str, make: MakeSeal, trust_pem: Path, tmp_path: Path
) -> None:
    vkey("create", "--label", LABEL)
    art = render_organisation_seal("广州测试科技有限公司", bottom_text="合同专用章").png
    der = make(allowed=[_holder()], picture=art)
    assert len(der) > 60_000  # real seal art; pkcs11-tool itself writes at most 5000 bytes
    path = tmp_path / "seal.der"
    path.write_bytes(der)
    _ok(_netca(vkey_module, "seal", "write", str(path), "--key", LABEL, "--pin-stdin",
               stdin=f"{PIN}\n"))  # fmt: skip

    vkey("unplug", LABEL)
    gone = _netca(vkey_module, "seals", "--key", LABEL, "--json")
    assert gone.returncode == EXIT_KEY
    vkey("plug", LABEL)

    [seal] = _seals(vkey_module, trust_pem)
    assert (seal["name"], seal["private"]) == (SEAL_NAME, False)
    # no certificate on this key: the holder is not checked, everything else passes
    assert seal["check"]["holder"] == "not-checked"
    assert seal["verdict"] == "valid"

    out = tmp_path / "read.der"
    _ok(
        subprocess.run(
            ["pkcs11-tool", "--module", vkey_module, "--token-label", LABEL, "--read-object",
             "--type", "data", "--label", SEAL_NAME, "--application-label", SEAL_APPLICATION,
             "-o", str(out)],
            capture_output=True, text=True, timeout=60, check=False,
        )
    )  # fmt: skip
    assert out.read_bytes() == der
    assert parse_seal(out.read_bytes()).name == SEAL_NAME
