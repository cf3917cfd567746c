"""Creating a token in SoftHSM2 through its own PKCS#11 interface (ctypes).

Used by `netca-vkey create` only, in its own short-lived process: SoftHSM2
reads SOFTHSM2_CONF when it initialises, so the variable is set around that.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Same search order as the C module (drivers/vkey/src/vkey_backend.c).
SOFTHSM_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)

_CKF_RW_SESSION = 0x2
_CKF_SERIAL_SESSION = 0x4
_CKF_TOKEN_INITIALIZED = 0x400
_CKU_SO = 0
# CK_TOKEN_INFO: label[32] manufacturerID[32] model[16] serialNumber[16] flags ...
_SERIAL_OFFSET = 80
_FLAGS_OFFSET = 96
_TOKEN_INFO_SIZE = 512  # more than the real 208 bytes

_CK = ctypes.c_ulong
_FUNCTIONS = (
    "C_Initialize",
    "C_Finalize",
    "C_GetSlotList",
    "C_GetTokenInfo",
    "C_InitToken",
    "C_OpenSession",
    "C_CloseSession",
    "C_Login",
    "C_Logout",
    "C_InitPIN",
)


class SoftHsmError(Exception):
    """SoftHSM2 could not be loaded or refused to create the token."""

    def __init__(self, step: str, rv: int | None = None) -> None:
        self.step = step
        self.rv = rv
        detail = f" (CK_RV 0x{rv:08X})" if rv is not None else ""
        super().__init__(f"SoftHSM2: {step} failed{detail}")


def find_softhsm() -> str:
    """NETCA_VKEY_SOFTHSM when set, else the first Debian/Homebrew path that exists."""
    wanted = os.environ.get("NETCA_VKEY_SOFTHSM", "")
    if wanted:
        return wanted
    for candidate in SOFTHSM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return "libsofthsm2.so"


@contextmanager
def _initialised(conf: Path) -> Iterator[ctypes.CDLL]:
    try:
        lib = ctypes.CDLL(find_softhsm())
    except OSError as exc:
        raise SoftHsmError("loading libsofthsm2.so") from exc
    for name in _FUNCTIONS:
        getattr(lib, name).restype = _CK
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    try:
        _check(lib.C_Initialize(None), "C_Initialize")
    finally:
        if old is None:
            del os.environ["SOFTHSM2_CONF"]
        else:
            os.environ["SOFTHSM2_CONF"] = old
    try:
        yield lib
    finally:
        lib.C_Finalize(None)


def _check(rv: int, step: str) -> None:
    if rv != 0:
        raise SoftHsmError(step, rv)


def _token_info(lib: ctypes.CDLL, slot: int) -> bytes:
    buf = ctypes.create_string_buffer(_TOKEN_INFO_SIZE)
    _check(lib.C_GetTokenInfo(_CK(slot), buf), "C_GetTokenInfo")
    return buf.raw


def _free_slot(lib: ctypes.CDLL) -> int:
    count = _CK(0)
    _check(lib.C_GetSlotList(ctypes.c_ubyte(0), None, ctypes.byref(count)), "C_GetSlotList")
    slots = (_CK * count.value)()
    _check(lib.C_GetSlotList(ctypes.c_ubyte(0), slots, ctypes.byref(count)), "C_GetSlotList")
    for slot in slots[: count.value]:
        flags = int.from_bytes(_token_info(lib, slot)[_FLAGS_OFFSET : _FLAGS_OFFSET + 8], "little")
        if not flags & _CKF_TOKEN_INITIALIZED:
            return int(slot)
    raise SoftHsmError("finding a free SoftHSM2 slot")


def init_token(*, conf: Path, label: str, so_pin: str, pin: str) -> str:
    """Initialises a new SoftHSM2 token with both PINs; returns its serial number."""
    so = so_pin.encode()
    user = pin.encode()
    label_field = label.encode().ljust(32, b" ")
    with _initialised(conf) as lib:
        slot = _free_slot(lib)
        _check(lib.C_InitToken(_CK(slot), so, _CK(len(so)), label_field), "C_InitToken")
        session = _CK(0)
        flags = _CK(_CKF_RW_SESSION | _CKF_SERIAL_SESSION)
        _check(lib.C_OpenSession(_CK(slot), flags, None, None, ctypes.byref(session)), "open")
        try:
            _check(lib.C_Login(session, _CK(_CKU_SO), so, _CK(len(so))), "C_Login (SO)")
            _check(lib.C_InitPIN(session, user, _CK(len(user))), "C_InitPIN")
            lib.C_Logout(session)
        finally:
            lib.C_CloseSession(session)
        serial = _token_info(lib, slot)[_SERIAL_OFFSET : _SERIAL_OFFSET + 16]
    return serial.decode("ascii").strip()
