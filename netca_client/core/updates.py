"""The update check: a signed release manifest tells whether a newer release exists.

Nothing is downloaded or run without the holder's click. `check` fetches the manifest (HTTPS,
certificates verified), verifies its Ed25519 signature before reading a byte of it, and offers
a release only when it is newer than the running one; `download`, called after the holder
clicked, fetches that release's file and keeps it only if its size and SHA-256 are the ones
the signed manifest names. Opening the file is the front end's business, again on a click.

Blocking (HTTP): call from a worker thread, never the GUI thread.

The manifest on the wire is a JSON envelope ``{"payload": base64, "signature": base64}``;
the signature is Ed25519 over the payload bytes, which are the JSON document::

    {"format": 1, "product": "netca-client",
     "releases": [{"version": "0.2.0", "notes": {"zh_CN": "…", "en": "…"},
                   "files": [{"platform": "linux-deb", "url": "https://…", "size": 123,
                              "sha256": "…"}]}]}

`packaging/release/sign_manifest.py` writes one; docs/packaging.md says how.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from netca_client.core.config import ClientConfig
from netca_client.core.errors import NetcaError

PRODUCT = "netca-client"
MANIFEST_FORMAT = 1
#: a manifest larger than this is not a manifest
MANIFEST_LIMIT = 1 << 20
TIMEOUT = 20.0
#: the release pipeline writes this file into a bundle (docs/packaging.md); a source tree
#: has none, so the check is off in development unless the settings name a source
BUNDLED_SOURCE = Path(__file__).resolve().parents[2] / "resources" / "update-source.toml"
_VERSION = re.compile(r"^\d+(\.\d+){0,3}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class UpdateRefused(NetcaError):
    """An update was not offered (or its download not kept). ``reason`` says why:

    insecure-url (not https), transport (network or TLS), format, signature, product,
    downgrade (the manifest's newest release is older than the running one), size, hash.
    """

    def __init__(self, reason: str, detail: str = "", **data: str) -> None:
        self.reason = reason
        self.detail = detail
        self.data = data
        super().__init__(f"update refused ({reason}): {detail}" if detail else reason)


@dataclass(frozen=True)
class UpdateSource:
    """Where the manifest is and the key that must have signed it."""

    url: str
    public_key: Ed25519PublicKey


@dataclass(frozen=True)
class ReleaseFile:
    platform: str
    url: str
    sha256: str
    size: int

    @property
    def name(self) -> str:
        return Path(urlsplit(self.url).path).name or "netca-client-update"


@dataclass(frozen=True)
class Release:
    version: str
    notes: Mapping[str, str]
    files: tuple[ReleaseFile, ...]


@dataclass(frozen=True)
class UpdateOffer:
    """A newer release, for this platform, from a manifest whose signature was verified."""

    current: str
    release: Release
    file: ReleaseFile


def current_version() -> str:
    return metadata.version(PRODUCT)


def current_platform() -> str:
    """The manifest's name for the file this installation updates from."""
    if sys.platform == "win32":
        return "windows-setup"
    if sys.platform == "darwin":
        return "macos-dmg"
    installed_by_dpkg = getattr(sys, "frozen", False) and sys.executable.startswith("/usr/")
    return "linux-deb" if installed_by_dpkg else "linux-tarball"


def parse_public_key(text: str) -> Ed25519PublicKey:
    """The 32 raw bytes of an Ed25519 public key, base64 (as sign_manifest.py prints it)."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise UpdateRefused("format", f"bad update public key: {exc}") from exc


def update_source(config: ClientConfig, *, bundled: Path = BUNDLED_SOURCE) -> UpdateSource | None:
    """The settings' source (update_url + update_public_key), else the one a release bundle
    carries, else None: no update check (the default in development)."""
    url, key = config.update_url, config.update_public_key
    if not (url and key) and bundled.is_file():
        data = tomllib.loads(bundled.read_text(encoding="utf-8"))
        url, key = url or data.get("update_url"), key or data.get("update_public_key")
    if not (url and key):
        return None
    return UpdateSource(url=str(url), public_key=parse_public_key(str(key)))


def _require_https(url: str) -> None:
    if urlsplit(url).scheme != "https":
        raise UpdateRefused("insecure-url", url)


def _get(session: requests.Session, url: str, *, stream: bool = False) -> requests.Response:
    _require_https(url)
    try:
        # verify=True always: the system's (or REQUESTS_CA_BUNDLE's) roots, never off
        response = session.get(url, timeout=TIMEOUT, stream=stream, verify=True)
        response.raise_for_status()
    except requests.RequestException as exc:
        raise UpdateRefused("transport", f"{url}: {exc}") from exc
    return response


def verify_manifest(envelope: bytes, public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The manifest document, once its signature checks out; UpdateRefused otherwise."""
    try:
        outer = json.loads(envelope)
        payload = base64.b64decode(outer["payload"], validate=True)
        signature = base64.b64decode(outer["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise UpdateRefused("format", f"not a signed manifest: {exc}") from exc
    try:
        public_key.verify(signature, payload)
    except InvalidSignature as exc:
        raise UpdateRefused("signature", "the manifest's signature does not verify") from exc
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise UpdateRefused("format", f"signed payload is not JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        raise UpdateRefused("format", "unknown manifest format")
    if document.get("product") != PRODUCT:
        raise UpdateRefused("product", str(document.get("product")))
    return document


def version_key(version: str) -> tuple[int, ...]:
    if not _VERSION.match(version):
        raise UpdateRefused("format", f"bad version {version!r}")
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (4 - len(parts))


def _release(entry: Mapping[str, Any]) -> Release:
    try:
        files = tuple(
            ReleaseFile(
                platform=str(f["platform"]),
                url=str(f["url"]),
                sha256=str(f["sha256"]).lower(),
                size=int(f["size"]),
            )
            for f in entry["files"]
        )
        notes = {str(k): str(v) for k, v in dict(entry.get("notes", {})).items()}
        release = Release(version=str(entry["version"]), notes=notes, files=files)
    except (KeyError, TypeError, ValueError) as exc:
        raise UpdateRefused("format", f"bad release entry: {exc}") from exc
    version_key(release.version)
    for file in release.files:
        if not _SHA256.match(file.sha256) or file.size <= 0:
            raise UpdateRefused("format", f"bad file entry for {file.platform}")
    return release


def newest_offer(document: Mapping[str, Any], *, current: str, platform: str) -> UpdateOffer | None:
    """The newest release with a file for ``platform``: an offer when newer than ``current``,
    None when the same; UpdateRefused("downgrade") when the manifest's newest is older."""
    releases = [_release(e) for e in document.get("releases", [])]
    usable = [(r, f) for r in releases for f in r.files if f.platform == platform]
    if not usable:
        return None
    release, file = max(usable, key=lambda rf: version_key(rf[0].version))
    if version_key(release.version) < version_key(current):
        raise UpdateRefused(
            "downgrade",
            f"the manifest's newest release {release.version} is older than {current}",
            offered=release.version,
            current=current,
        )
    if version_key(release.version) == version_key(current):
        return None
    _require_https(file.url)
    return UpdateOffer(current=current, release=release, file=file)


def check(
    source: UpdateSource,
    *,
    current: str | None = None,
    platform: str | None = None,
    session: requests.Session | None = None,
) -> UpdateOffer | None:
    """Fetch and verify the manifest; the offer, or None when this is the newest release."""
    http = session or requests.Session()
    response = _get(http, source.url, stream=True)
    envelope = response.raw.read(MANIFEST_LIMIT + 1, decode_content=True)
    if len(envelope) > MANIFEST_LIMIT:
        raise UpdateRefused("format", "the manifest is too large")
    document = verify_manifest(envelope, source.public_key)
    return newest_offer(
        document, current=current or current_version(), platform=platform or current_platform()
    )


def download(
    offer: UpdateOffer, directory: Path, *, session: requests.Session | None = None
) -> Path:
    """After the holder's click: fetch the offered file into ``directory`` and keep it only if
    its size and SHA-256 match the signed manifest. Never opens or runs it."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / offer.file.name
    partial = target.with_name(f".{target.name}.part")
    http = session or requests.Session()
    digest = hashlib.sha256()
    size = 0
    try:
        with _get(http, offer.file.url, stream=True) as response, open(partial, "wb") as out:
            for block in response.iter_content(1 << 16):
                size += len(block)
                if size > offer.file.size:
                    raise UpdateRefused("size", f"more than the {offer.file.size} bytes announced")
                digest.update(block)
                out.write(block)
        if size != offer.file.size:
            raise UpdateRefused("size", f"{size} bytes, the manifest says {offer.file.size}")
        if digest.hexdigest() != offer.file.sha256:
            raise UpdateRefused(
                "hash",
                f"SHA-256 {digest.hexdigest()} is not the manifest's {offer.file.sha256}",
            )
        os.replace(partial, target)
    except requests.RequestException as exc:
        raise UpdateRefused("transport", f"{offer.file.url}: {exc}") from exc
    finally:
        if partial.exists():
            partial.unlink()
    return target
