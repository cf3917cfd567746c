"""Trusted seal-maker roots: PEM files shipped in resources/trust, the user's own, and extras.

Self-signed certificates in these files are trust anchors; any other certificate found
there (an issuing CA, say) only helps build the maker's chain and is trusted through a root.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.hashes import SHA256

from netca_client.core import gm
from netca_client.core.config import APP_NAME
from netca_client.core.errors import ConfigError

log = logging.getLogger(__name__)

_REPO_ROOT = Path(__file__).resolve().parents[3]
TRUST_SUFFIXES = (".pem", ".crt", ".cer")


@dataclass(frozen=True)
class SealTrust:
    """Roots and helper CA certificates for checking seal makers, and where they came from."""

    roots: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...]
    sources: tuple[str, ...]


def builtin_trust_dirs() -> tuple[Path, ...]:
    """resources/trust in a source tree, share/netca-client/trust in an installation."""
    return (
        _REPO_ROOT / "resources" / "trust",
        Path(sys.prefix) / "share" / APP_NAME / "trust",
    )


def user_trust_dir() -> Path:
    """Where a user's own trusted roots live (platformdirs user data dir, netca-client/trust)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "trust"


def load_seal_trust(
    *,
    extra_files: Sequence[Path] = (),
    extra_certificates: Sequence[x509.Certificate] = (),
    directories: Sequence[Path] | None = None,
) -> SealTrust:
    """Trust from ``directories`` (default: built-in and user directories) plus extras.

    A file in a directory that does not read is logged and skipped (a stray file must not
    hide every seal); an extra file that does not read is a ConfigError (it was asked for).
    """
    certs: list[x509.Certificate] = list(extra_certificates)
    sources: list[str] = []
    if directories is None:
        directories = (*builtin_trust_dirs(), user_trust_dir())
    for directory in directories:
        for path in _trust_files(directory):
            try:
                certs.extend(_read_pem(path))
                sources.append(str(path))
            except ValueError as exc:
                log.warning("skipping trust file %s: %s", path, exc)
    for path in extra_files:
        try:
            certs.extend(_read_pem(path))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read trusted roots from {path}: {exc}") from exc
        sources.append(str(path))
    roots = _unique(c for c in certs if _self_signed(c))
    helpers = _unique(c for c in certs if not _self_signed(c))
    return SealTrust(roots=roots, intermediates=helpers, sources=tuple(sources))


def _trust_files(directory: Path) -> list[Path]:
    try:
        return sorted(
            p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in TRUST_SUFFIXES
        )
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        log.warning("cannot list trust directory %s: %s", directory, exc)
        return []


def _read_pem(path: Path) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(str(exc)) from exc
    certs = x509.load_pem_x509_certificates(data)
    return list(certs)


def _self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    if gm.is_sm2_signed(cert):  # cryptography cannot check SM2: libcrypto does
        try:
            return gm.certificate_signed_by(cert, cert, distid=gm.configured_id())
        except gm.Sm2Unavailable:
            return False
    try:
        cert.verify_directly_issued_by(cert)
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError):
        return False
    return True


def _unique(certs: Iterable[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    seen: dict[bytes, x509.Certificate] = {}
    for cert in certs:
        seen.setdefault(cert.fingerprint(SHA256()), cert)
    return tuple(seen.values())
