"""PKCS#11 access: TokenLibrary (every module) → KeyRef → KeySession. The only package that
imports pkcs11; the bottom layer of core (it imports neither certs nor seals)."""

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
