"""Diagnostics shared by CLI and GUI: modules (loaded and failed), keys, the RA; redacted.

Blocking (PKCS#11 calls, file hashes, one HTTP request): call it off the GUI thread.
"""

from __future__ import annotations

import hashlib
import platform
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from netca_client.core.errors import NetcaError
from netca_client.core.token import DriverRegistry, KeyRef, TokenLibrary
from netca_client.core.token.registry import default_registry_path


def redact(serial: str) -> str:
    """Keep enough of a serial to tell keys apart, not enough to identify one."""
    if len(serial) <= 6:
        return "*" * len(serial)
    return serial[:4] + "*" * (len(serial) - 6) + serial[-2:]


def file_sha256(path: str) -> str | None:
    """SHA-256 of a module file (which build is installed), None when unreadable."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def collect(
    library: TokenLibrary | None,
    *,
    load_error: NetcaError | None = None,
    ra_url: str | None = None,
    ra_ca_bundle: str | None = None,
    config_file: Path | None = None,
) -> dict[str, Any]:
    """A report safe to share: no PIN, no full serial, no certificate contents.

    ``ra_url``: the RA asked whether it answers (GET of its service profiles).
    """
    registry_path = default_registry_path()
    report: dict[str, Any] = {
        "netca_client": metadata.version("netca-client"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "registry": str(registry_path),
        "config": str(config_file) if config_file else None,
    }
    try:
        registry = DriverRegistry.load(registry_path)
        report["modules_found"] = [
            {"path": c.path, "origin": c.origin, "model": c.model.id if c.model else None}
            for c in registry.discover()
        ]
    except NetcaError as exc:
        report["modules_found"] = []
        report["registry_error"] = str(exc)
    report["modules"] = _modules(library)
    report["module_failures"] = _failures(library)
    serials: list[str] = []
    if library is None:
        report["module_error"] = f"{type(load_error).__name__}: {load_error}"
        report["keys"] = []
    else:
        report["keys"] = _keys(library, serials)
        for module in report["modules"]:  # a module with no key at all is worth seeing too
            path = module["path"]
            module["keys"] = sum(1 for key in report["keys"] if key.get("module_path") == path)
    if ra_url:
        report["ra"] = ra_reachability(ra_url, ra_ca_bundle)
    scrubbed: dict[str, Any] = _scrubbed(report, serials)
    return scrubbed


def _scrubbed(value: Any, serials: list[str]) -> Any:
    """The report with any full key serial that slipped into a message redacted."""
    if isinstance(value, str):
        for serial in serials:
            if len(serial) > 6:
                value = value.replace(serial, redact(serial))
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v, serials) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, serials) for v in value]
    return value


def _modules(library: TokenLibrary | None) -> list[dict[str, Any]]:
    if library is None:
        return []
    out: list[dict[str, Any]] = []
    infos = {info.path: info for info in library.module_infos()}
    for module in library.modules:
        info = infos.get(module.module_path)
        model = module.model
        out.append(
            {
                "path": module.module_path,
                "sha256": file_sha256(module.module_path),
                "origin": module.origin,
                "model": model.id if model else None,
                "verified": model.verified if model else None,
                "manufacturer": info.manufacturer if info else None,
                "description": info.description if info else None,
                "cryptoki_version": info.cryptoki_version if info else None,
                "library_version": info.library_version if info else None,
                "capabilities": list(model.capabilities) if model else [],
            }
        )
    return out


def _failures(library: TokenLibrary | None) -> list[dict[str, Any]]:
    if library is None:
        return []
    return [
        {
            "path": failure.path,
            "sha256": file_sha256(failure.path),
            "origin": failure.origin,
            "model": failure.model_id,
            "reason": failure.reason,
        }
        for failure in library.failures
    ]


def _keys(library: TokenLibrary, serials: list[str]) -> list[dict[str, Any]]:
    try:
        keys = library.keys()
    except NetcaError as exc:
        return [{"error": f"{type(exc).__name__}: {exc}"}]
    serials.extend(key.serial for key in keys)
    return [_key(library, key) for key in keys]


def _key(library: TokenLibrary, key: KeyRef) -> dict[str, Any]:
    model = library.model_for(key)
    entry: dict[str, Any] = {
        "module": key.module_name,
        "module_path": key.module,
        "slot": key.slot_id,
        "serial": redact(key.serial),
        "label": key.label,
        "manufacturer": key.manufacturer,
        "model": key.model,
        "registry_model": key.model_id,
        "capabilities": list(model.capabilities) if model else [],
        "max_pin_tries": model.max_pin_tries if model else None,
    }
    try:
        with library.open(key) as session:
            status = session.pin_status()
        entry["pin"] = {"state": status.state, "tries_left": status.tries_left}
    except NetcaError as exc:
        entry["pin"] = {"error": type(exc).__name__}
    return entry


def ra_reachability(url: str, ca_bundle: str | None = None) -> dict[str, Any]:
    """Whether the RA answers at ``url`` (its service profiles), and why not."""
    from netca_client.core.ra import RaClient  # requests loads only when asked

    try:
        with RaClient(
            url, ca_bundle=ca_bundle, connect_timeout=3.0, read_timeout=5.0, retries=0
        ) as ra:
            profiles = ra.profiles()
    except NetcaError as exc:
        return {"url": url, "reachable": False, "detail": _short(f"{type(exc).__name__}: {exc}")}
    return {"url": url, "reachable": True, "detail": f"{len(profiles)} service profiles"}


def _short(detail: str) -> str:
    """The OS's reason when requests wrapped one (``[Errno 111] Connection refused``)."""
    found = re.search(r"\[Errno -?\d+\] [^\"'()]+", detail)
    return found.group(0).strip() if found else detail[:200]
