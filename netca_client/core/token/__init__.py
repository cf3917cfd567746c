"""PKCS#11 access: TokenLibrary → KeyRef → KeySession. The only package that imports pkcs11."""

from netca_client.core.token.keygen import ALGORITHMS as KEY_ALGORITHMS
from netca_client.core.token.library import TokenLibrary
from netca_client.core.token.models import (
    DataObjectSummary,
    KeyInfo,
    KeyRef,
    ModuleInfo,
    PinStatus,
    PinStatusSource,
)
from netca_client.core.token.monitor import KeyEvent, KeyEventKind, KeyMonitor, diff_keys
from netca_client.core.token.pin_policy import pin_policy_problems
from netca_client.core.token.registry import DriverRegistry, KeyModel, ModuleCandidate
from netca_client.core.token.session import KeySession
from netca_client.core.token.signing import KeySignature

__all__ = [
    "KEY_ALGORITHMS",
    "DataObjectSummary",
    "DriverRegistry",
    "KeyEvent",
    "KeyEventKind",
    "KeyInfo",
    "KeyModel",
    "KeyMonitor",
    "KeyRef",
    "KeySession",
    "KeySignature",
    "ModuleCandidate",
    "ModuleInfo",
    "PinStatus",
    "PinStatusSource",
    "TokenLibrary",
    "diff_keys",
    "pin_policy_problems",
]
