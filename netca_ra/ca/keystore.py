"""CA key files: PKCS#8 encrypted with a passphrase kept in the data directory (mode 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

PASSPHRASE_FILE = "passphrase"  # noqa: S105 - a file name


def write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def save_key(path: Path, key: rsa.RSAPrivateKey, passphrase: bytes) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    write_private(path, pem)


def load_key(path: Path, passphrase: bytes) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=passphrase)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path} is not an RSA key")
    return key


def save_certificate(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def load_certificate(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def read_passphrase(ca_dir: Path, passphrase_file: Path | None = None) -> bytes:
    """The key passphrase: from ``passphrase_file`` if given (e.g. a systemd credential)."""
    return (passphrase_file or ca_dir / PASSPHRASE_FILE).read_bytes().strip()
