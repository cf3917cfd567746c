"""The one place where python-pkcs11 exceptions and raw CK_RV codes become NetcaError leaves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pkcs11.exceptions as p11

from netca_client.core import errors

CKR_OK = 0x000
CKR_SLOT_ID_INVALID = 0x003
CKR_DEVICE_ERROR = 0x030
CKR_DEVICE_REMOVED = 0x032
CKR_PIN_INCORRECT = 0x0A0
CKR_PIN_INVALID = 0x0A1
CKR_PIN_LEN_RANGE = 0x0A2
CKR_PIN_EXPIRED = 0x0A3
CKR_PIN_LOCKED = 0x0A4
CKR_SESSION_CLOSED = 0x0B0
CKR_SESSION_HANDLE_INVALID = 0x0B3
CKR_SESSION_READ_ONLY = 0x0B5
CKR_SESSION_READ_ONLY_EXISTS = 0x0B7
CKR_TOKEN_NOT_PRESENT = 0x0E0
CKR_TOKEN_NOT_RECOGNIZED = 0x0E1
CKR_USER_ALREADY_LOGGED_IN = 0x100
CKR_USER_NOT_LOGGED_IN = 0x101
CKR_USER_PIN_NOT_INITIALIZED = 0x102
CKR_USER_ANOTHER_ALREADY_LOGGED_IN = 0x104
CKR_CRYPTOKI_NOT_INITIALIZED = 0x190

_REMOVED_RV = frozenset(
    {
        CKR_DEVICE_REMOVED,
        CKR_SESSION_CLOSED,
        CKR_SESSION_HANDLE_INVALID,
        CKR_TOKEN_NOT_PRESENT,
        CKR_SLOT_ID_INVALID,
    }
)

_REMOVED_EXC: tuple[type[p11.PKCS11Error], ...] = (
    p11.DeviceRemoved,
    p11.SessionClosed,
    p11.SessionHandleInvalid,
    p11.TokenNotPresent,
    p11.SlotIDInvalid,
)


def rv_name(rv: int) -> str:
    names = {v: k for k, v in globals().items() if k.startswith("CKR_") and isinstance(v, int)}
    return names.get(rv, f"CKR_0x{rv:08X}")


def error_for_rv(rv: int, operation: str, *, so: bool = False) -> errors.TokenError:
    """The leaf for a failed raw call. PinIncorrect comes without tries_left here:
    the session adds it after reading the key's status."""
    if rv in _REMOVED_RV:
        return errors.KeyRemoved(f"{operation}: {rv_name(rv)}")
    if rv == CKR_PIN_INCORRECT:
        return errors.PinIncorrect(None, so=so)
    if rv == CKR_PIN_LOCKED:
        return errors.PinLocked(so=so)
    if rv in (CKR_PIN_LEN_RANGE, CKR_PIN_INVALID):
        return errors.PinPolicyViolation(("rejected-by-key",))
    if rv == CKR_USER_NOT_LOGGED_IN:
        return errors.NotLoggedIn(operation)
    if rv == CKR_USER_PIN_NOT_INITIALIZED:
        return errors.KeyNotInitialised(f"{operation}: user PIN not initialised")
    if rv == CKR_TOKEN_NOT_RECOGNIZED:
        return errors.KeyNotInitialised(f"{operation}: token not recognised")
    return errors.TokenOperationFailed(operation, rv_name(rv))


def error_for_exception(exc: p11.PKCS11Error, operation: str) -> errors.TokenError:
    if isinstance(exc, _REMOVED_EXC):
        return errors.KeyRemoved(f"{operation}: {type(exc).__name__}")
    if isinstance(exc, p11.PinIncorrect):
        return errors.PinIncorrect(None)
    if isinstance(exc, p11.PinLocked):
        return errors.PinLocked()
    if isinstance(exc, p11.PinLenRange | p11.PinInvalid | p11.PinTooWeak):
        return errors.PinPolicyViolation(("rejected-by-key",))
    if isinstance(exc, p11.UserNotLoggedIn):
        return errors.NotLoggedIn(operation)
    if isinstance(exc, p11.UserPinNotInitialized | p11.TokenNotRecognised):
        return errors.KeyNotInitialised(operation)
    return errors.TokenOperationFailed(operation, type(exc).__name__)


@contextmanager
def translated(operation: str) -> Iterator[None]:
    """Run a python-pkcs11 call; its errors leave as NetcaError leaves."""
    try:
        yield
    except p11.PKCS11Error as exc:
        raise error_for_exception(exc, operation) from exc
