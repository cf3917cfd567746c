"""Outside checkers of SM2 outputs: the openssl CLI, BouncyCastle and gmalg (test-only)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import gmalg
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_gm import DEFAULT_ID, der_to_raw, public_point
from netca_gm.x509 import public_key_der
from tests.interop import java

STANDARD_ID = DEFAULT_ID.decode()


def openssl(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", *args], input=stdin.decode("latin-1") if stdin else None,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def pem_file(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(Encoding.PEM))
    return path


def openssl_verifies(
    tmp: Path, public_der: bytes, data: bytes, signature: bytes, distid: str | None
) -> bool:
    """`openssl dgst -sm3 -verify` with ``distid`` (None: OpenSSL's default, the empty ID)."""
    (tmp / "pub.der").write_bytes(public_der)
    openssl(
        "pkey",
        "-pubin",
        "-inform",
        "DER",
        "-in",
        str(tmp / "pub.der"),
        "-out",
        str(tmp / "pub.pem"),
    )
    (tmp / "data.bin").write_bytes(data)
    (tmp / "sig.der").write_bytes(signature)
    options = ["-sigopt", f"distid:{distid}"] if distid is not None else []
    done = openssl("dgst", "-sm3", "-verify", str(tmp / "pub.pem"), *options,
                   "-signature", str(tmp / "sig.der"), str(tmp / "data.bin"))  # fmt: skip
    return done.returncode == 0 and "Verified OK" in done.stdout


def gmalg_verifies(
    public_der: bytes, data: bytes, signature_der: bytes, distid: bytes = DEFAULT_ID
) -> bool:
    raw = der_to_raw(signature_der)
    return bool(gmalg.SM2(pk=public_point(public_der), uid=distid).verify(data, raw[:32], raw[32:]))


def gmalg_verifies_certificate(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    return gmalg_verifies(public_key_der(issuer), cert.tbs_certificate_bytes, cert.signature)


def bouncycastle(tmp: Path, items: list[tuple[str, list[bytes]]]) -> list[str]:
    """BouncyCastle's verdict on each (mode, [DER…]) item (tests/interop/java/Sm2Check.java)."""
    args = []
    for n, (mode, blobs) in enumerate(items):
        paths = []
        for m, blob in enumerate(blobs):
            path = tmp / f"bc-{n}-{m}.der"
            path.write_bytes(blob)
            paths.append(str(path))
        args.append("|".join([mode, *paths]))
    _, results, _ = java.run_checker("Sm2Check", java.BOUNCYCASTLE, args, timeout=300)
    return [r["result"] for r in results]
