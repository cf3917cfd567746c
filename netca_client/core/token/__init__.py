"""PKCS#11 access: TokenLibrary (every module) → KeyRef → KeySession. The only package that
imports pkcs11; the bottom layer of core (it imports neither certs nor seals)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netca_client.core.errors import KeyAmbiguous
    from netca_client.core.token.choice import choose_key
    from netca_client.core.token.key_pairs import ALGORITHMS as KEY_ALGORITHMS
    from netca_client.core.token.library import TokenLibrary, choose_key_that
    from netca_client.core.token.models import (
        CertificateObject,
        DataObjectSummary,
        KeyIdentity,
        KeyInfo,
        KeyRef,
        ModuleFailure,
        ModuleInfo,
        PinStatus,
        PinStatusSource,
    )
    from netca_client.core.token.module import ModuleLibrary
    from netca_client.core.token.monitor import KeyEvent, KeyEventKind, KeyMonitor, diff_keys
    from netca_client.core.token.pin_policy import pin_policy_problems
    from netca_client.core.token.registry import DriverRegistry, KeyModel, ModuleCandidate
    from netca_client.core.token.session import KeySession
    from netca_client.core.token.signing import KeySignature

# Each name is imported from its module on first use: the window's first paint needs the
# key models (KeyRef, PinStatus…) but not pkcs11, which loads with the key service (issue 16).
_MODULES = {
    "CertificateObject": ("netca_client.core.token.models", "CertificateObject"),
    "DataObjectSummary": ("netca_client.core.token.models", "DataObjectSummary"),
    "DriverRegistry": ("netca_client.core.token.registry", "DriverRegistry"),
    "KEY_ALGORITHMS": ("netca_client.core.token.key_pairs", "ALGORITHMS"),
    "KeyAmbiguous": ("netca_client.core.errors", "KeyAmbiguous"),
    "KeyEvent": ("netca_client.core.token.monitor", "KeyEvent"),
    "KeyEventKind": ("netca_client.core.token.monitor", "KeyEventKind"),
    "KeyIdentity": ("netca_client.core.token.models", "KeyIdentity"),
    "KeyInfo": ("netca_client.core.token.models", "KeyInfo"),
    "KeyModel": ("netca_client.core.token.registry", "KeyModel"),
    "KeyMonitor": ("netca_client.core.token.monitor", "KeyMonitor"),
    "KeyRef": ("netca_client.core.token.models", "KeyRef"),
    "KeySession": ("netca_client.core.token.session", "KeySession"),
    "KeySignature": ("netca_client.core.token.signing", "KeySignature"),
    "ModuleCandidate": ("netca_client.core.token.registry", "ModuleCandidate"),
    "ModuleFailure": ("netca_client.core.token.models", "ModuleFailure"),
    "ModuleInfo": ("netca_client.core.token.models", "ModuleInfo"),
    "ModuleLibrary": ("netca_client.core.token.module", "ModuleLibrary"),
    "PinStatus": ("netca_client.core.token.models", "PinStatus"),
    "PinStatusSource": ("netca_client.core.token.models", "PinStatusSource"),
    "TokenLibrary": ("netca_client.core.token.library", "TokenLibrary"),
    "choose_key": ("netca_client.core.token.choice", "choose_key"),
    "choose_key_that": ("netca_client.core.token.library", "choose_key_that"),
    "diff_keys": ("netca_client.core.token.monitor", "diff_keys"),
    "pin_policy_problems": ("netca_client.core.token.pin_policy", "pin_policy_problems"),
}

__all__ = [
    "KEY_ALGORITHMS",
    "CertificateObject",
    "DataObjectSummary",
    "DriverRegistry",
    "KeyAmbiguous",
    "KeyEvent",
    "KeyEventKind",
    "KeyIdentity",
    "KeyInfo",
    "KeyModel",
    "KeyMonitor",
    "KeyRef",
    "KeySession",
    "KeySignature",
    "ModuleCandidate",
    "ModuleFailure",
    "ModuleInfo",
    "ModuleLibrary",
    "PinStatus",
    "PinStatusSource",
    "TokenLibrary",
    "choose_key",
    "choose_key_that",
    "diff_keys",
    "pin_policy_problems",
]


def __getattr__(name: str) -> Any:
    found = _MODULES.get(name)
    if found is None:
        raise AttributeError(f"module 'netca_client.core.token' has no attribute {name!r}")
    module, attribute = found
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
