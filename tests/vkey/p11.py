"""A thin ctypes view of a PKCS#11 module for the vkey tests.

Calls the module's exported C_* symbols directly, so a test sees exactly the
CK_RV the module returns (python-pkcs11 has no separate C_Login, and leaks a
session when Token.open(user_pin=...) fails, docs/dependencies.md).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

CK = ctypes.c_ulong

CKR_OK = 0x0
CKR_SLOT_ID_INVALID = 0x3
CKR_ARGUMENTS_BAD = 0x7
CKR_DEVICE_REMOVED = 0x32
CKR_PIN_INCORRECT = 0xA0
CKR_PIN_LOCKED = 0xA4
CKR_SESSION_HANDLE_INVALID = 0xB3
CKR_TOKEN_NOT_PRESENT = 0xE0
CKR_USER_NOT_LOGGED_IN = 0x101
CKR_CRYPTOKI_NOT_INITIALIZED = 0x190

CKU_SO = 0
CKU_USER = 1
CKF_RW_SESSION = 0x2
CKF_SERIAL_SESSION = 0x4
CKS_RO_PUBLIC_SESSION = 0
CKS_RW_PUBLIC_SESSION = 2
CKS_RW_USER_FUNCTIONS = 3

CKF_USER_PIN_COUNT_LOW = 0x10000
CKF_USER_PIN_FINAL_TRY = 0x20000
CKF_USER_PIN_LOCKED = 0x40000
CKF_SO_PIN_COUNT_LOW = 0x100000
CKF_SO_PIN_FINAL_TRY = 0x200000
CKF_SO_PIN_LOCKED = 0x400000
PIN_FLAGS = (
    CKF_USER_PIN_COUNT_LOW
    | CKF_USER_PIN_FINAL_TRY
    | CKF_USER_PIN_LOCKED
    | CKF_SO_PIN_COUNT_LOW
    | CKF_SO_PIN_FINAL_TRY
    | CKF_SO_PIN_LOCKED
)


class PinRetryInfo(ctypes.Structure):
    _fields_ = [
        ("user_left", CK),
        ("user_max", CK),
        ("so_left", CK),
        ("so_max", CK),
    ]


class TokenInfo(ctypes.Structure):
    _fields_ = [
        ("label", ctypes.c_char * 32),
        ("manufacturer", ctypes.c_char * 32),
        ("model", ctypes.c_char * 16),
        ("serial", ctypes.c_char * 16),
        ("flags", CK),
        ("counts", CK * 10),
        ("versions", ctypes.c_ubyte * 4),
        ("utc", ctypes.c_char * 16),
    ]


class SessionInfo(ctypes.Structure):
    _fields_ = [("slot", CK), ("state", CK), ("flags", CK), ("device_error", CK)]


@dataclass(frozen=True)
class Retry:
    user_left: int
    user_max: int
    so_left: int
    so_max: int


class Module:
    """The module loaded in this process; C_Initialize on construction."""

    def __init__(self, path: str) -> None:
        self.lib = ctypes.CDLL(path)
        self.check(self.call("C_Initialize", None))

    def call(self, name: str, *args: object) -> int:
        fn = getattr(self.lib, name)
        fn.restype = CK
        return int(fn(*args))

    @staticmethod
    def check(rv: int) -> None:
        assert rv == CKR_OK, f"CK_RV 0x{rv:X}"

    def finalize(self) -> int:
        return self.call("C_Finalize", None)

    def slots(self, *, present: bool = True) -> list[int]:
        count = CK(0)
        self.check(self.call("C_GetSlotList", ctypes.c_ubyte(present), None, ctypes.byref(count)))
        ids = (CK * max(count.value, 1))()
        self.check(self.call("C_GetSlotList", ctypes.c_ubyte(present), ids, ctypes.byref(count)))
        return [int(x) for x in ids[: count.value]]

    def token_info(self, slot: int) -> TokenInfo:
        info = TokenInfo()
        self.check(self.call("C_GetTokenInfo", CK(slot), ctypes.byref(info)))
        return info

    def retry(self, slot: int) -> Retry:
        info = PinRetryInfo()
        rv = self.call("NETCA_GetPinRetryInfo", CK(slot), ctypes.byref(info))
        self.check(rv)
        return Retry(info.user_left, info.user_max, info.so_left, info.so_max)

    def retry_rv(self, slot: int) -> int:
        info = PinRetryInfo()
        return self.call("NETCA_GetPinRetryInfo", CK(slot), ctypes.byref(info))

    def open(self, slot: int, *, rw: bool = True) -> int:
        handle = CK(0)
        flags = CKF_SERIAL_SESSION | (CKF_RW_SESSION if rw else 0)
        self.check(
            self.call("C_OpenSession", CK(slot), CK(flags), None, None, ctypes.byref(handle))
        )
        return handle.value

    def close(self, session: int) -> int:
        return self.call("C_CloseSession", CK(session))

    def login(self, session: int, pin: str, *, so: bool = False) -> int:
        raw = pin.encode()
        return self.call("C_Login", CK(session), CK(CKU_SO if so else CKU_USER), raw, CK(len(raw)))

    def logout(self, session: int) -> int:
        return self.call("C_Logout", CK(session))

    def init_pin(self, session: int, pin: str) -> int:
        raw = pin.encode()
        return self.call("C_InitPIN", CK(session), raw, CK(len(raw)))

    def set_pin(self, session: int, old: str, new: str) -> int:
        a, b = old.encode(), new.encode()
        return self.call("C_SetPIN", CK(session), a, CK(len(a)), b, CK(len(b)))

    def session_info(self, session: int) -> tuple[int, SessionInfo]:
        info = SessionInfo()
        return self.call("C_GetSessionInfo", CK(session), ctypes.byref(info)), info

    def random(self, session: int, n: int = 16) -> tuple[int, bytes]:
        buf = ctypes.create_string_buffer(n)
        return self.call("C_GenerateRandom", CK(session), buf, CK(n)), buf.raw
