"""Diagnostics shared by CLI and GUI: modules found, the loaded module, keys; serials redacted."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from typing import Any

from netca_client.core.errors import NetcaError
from netca_client.core.token import DriverRegistry, TokenLibrary
from netca_client.core.token.registry import default_registry_path


def redact(serial: str) -> str:
    """Keep enough of a serial to tell keys apart, not enough to identify one."""
    if len(serial) <= 6:
        return "*" * len(serial)
    return serial[:4] + "*" * (len(serial) - 6) + serial[-2:]


def collect(
    library: TokenLibrary | None, *, load_error: NetcaError | None = None
) -> dict[str, Any]:
    """A report safe to share: no PIN, no full serial, no certificate contents."""
    registry_path = default_registry_path()
    registry = DriverRegistry.load(registry_path)
    report: dict[str, Any] = {
        "netca_client": metadata.version("netca-client"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "registry": str(registry_path),
        "modules_found": [
            {
                "path": c.path,
                "origin": c.origin,
                "model": c.model.id if c.model else None,
                "verified": c.model.verified if c.model else None,
            }
            for c in registry.discover()
        ],
    }
    if library is None:
        report["module_error"] = f"{type(load_error).__name__}: {load_error}"
        return report
    try:
        report["module"] = library.module_info()
        keys = []
        for key in library.keys():
            model = library.model_for(key)
            keys.append(
                {
                    "slot": key.slot_id,
                    "serial": redact(key.serial),
                    "label": key.label,
                    "manufacturer": key.manufacturer,
                    "model": key.model,
                    "registry_model": key.model_id,
                    "initialized": key.initialized,
                    "capabilities": list(model.capabilities) if model else [],
                    "max_pin_tries": model.max_pin_tries if model else None,
                }
            )
        report["keys"] = keys
    except NetcaError as exc:
        report["module_error"] = f"{type(exc).__name__}: {exc}"
    return report
