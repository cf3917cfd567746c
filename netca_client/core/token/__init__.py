"""PKCS#11 access: TokenLibrary (every module) → KeyRef → KeySession. The only package that
imports pkcs11."""

from netca_client.core.token.choice import (
    KeyAmbiguous,
    SealOnNoKey,
    SealOnSeveralKeys,
    choose_key,
    choose_key_that,
    key_holding_seal,
)
from netca_client.core.token.keygen import ALGORITHMS as KEY_ALGORITHMS
from netca_client.core.token.library import TokenLibrary
from netca_client.core.token.models import (
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
    "SealOnNoKey",
    "SealOnSeveralKeys",
    "TokenLibrary",
    "choose_key",
    "choose_key_that",
    "diff_keys",
    "key_holding_seal",
    "pin_policy_problems",
]
