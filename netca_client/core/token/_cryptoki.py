"""Direct cryptoki calls that python-pkcs11 does not offer safely. Token thread only.

python-pkcs11 0.10.1 logs in only inside ``Token.open(user_pin=...)`` and leaks
the session it opened when that C_Login fails (docs/dependencies.md): the next SO login
then fails with CKR_SESSION_READ_ONLY_EXISTS. We therefore open a public
session through python-pkcs11 and call C_Login / C_Logout ourselves, through
the module's own CK_FUNCTION_LIST, on the session python-pkcs11 owns.
Vendor extensions (tries-left functions) are called here too.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

CK_ULONG = ctypes.c_ulong
CKU_SO = 0
CKU_USER = 1

# Positions in CK_FUNCTION_LIST (PKCS#11 v2.40, pkcs11f.h order).
_C_GET_TOKEN_INFO = 6
_C_GET_SESSION_INFO = 15
_C_LOGIN = 18
_C_LOGOUT = 19

_LoginFn = ctypes.CFUNCTYPE(CK_ULONG, CK_ULONG, CK_ULONG, ctypes.c_void_p, CK_ULONG)
_LogoutFn = ctypes.CFUNCTYPE(CK_ULONG, CK_ULONG)
_GetTokenInfoFn = ctypes.CFUNCTYPE(CK_ULONG, CK_ULONG, ctypes.c_void_p)
_GetSessionInfoFn = ctypes.CFUNCTYPE(CK_ULONG, CK_ULONG, ctypes.c_void_p)


class _Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_ubyte), ("minor", ctypes.c_ubyte)]


class _FunctionListPrefix(ctypes.Structure):
    """The first 20 entries of CK_FUNCTION_LIST: enough to reach C_Logout."""

    # Cryptoki structures are packed to 1 byte on Windows (pkcs11.h: #pragma pack).
    if sys.platform == "win32":
        _pack_ = 1
    _fields_ = [("version", _Version), ("functions", ctypes.c_void_p * 20)]


class TokenInfo(ctypes.Structure):
    """CK_TOKEN_INFO: read for the PIN length limits python-pkcs11 does not expose."""

    if sys.platform == "win32":
        _pack_ = 1
    _fields_ = [
        ("label", ctypes.c_char * 32),
        ("manufacturer_id", ctypes.c_char * 32),
        ("model", ctypes.c_char * 16),
        ("serial_number", ctypes.c_char * 16),
        ("flags", CK_ULONG),
        ("max_session_count", CK_ULONG),
        ("session_count", CK_ULONG),
        ("max_rw_session_count", CK_ULONG),
        ("rw_session_count", CK_ULONG),
        ("max_pin_len", CK_ULONG),
        ("min_pin_len", CK_ULONG),
        ("total_public_memory", CK_ULONG),
        ("free_public_memory", CK_ULONG),
        ("total_private_memory", CK_ULONG),
        ("free_private_memory", CK_ULONG),
        ("hardware_version", _Version),
        ("firmware_version", _Version),
        ("utc_time", ctypes.c_char * 16),
    ]


class SessionInfo(ctypes.Structure):
    """CK_SESSION_INFO."""

    if sys.platform == "win32":
        _pack_ = 1
    _fields_ = [
        ("slot_id", CK_ULONG),
        ("state", CK_ULONG),
        ("flags", CK_ULONG),
        ("device_error", CK_ULONG),
    ]


class RetryInfo(ctypes.Structure):
    """NETCA_PIN_RETRY_INFO from drivers/vkey/include/netca_vkey.h."""

    if sys.platform == "win32":
        _pack_ = 1
    _fields_ = [
        ("user_tries_left", CK_ULONG),
        ("user_max_tries", CK_ULONG),
        ("so_tries_left", CK_ULONG),
        ("so_max_tries", CK_ULONG),
    ]


class Cryptoki:
    """The handful of raw calls we make; one instance per loaded module."""

    def __init__(self, module_path: str) -> None:
        # dlopen of an already loaded path returns the same handle: same module state.
        self._dll = ctypes.CDLL(module_path)
        flist = ctypes.POINTER(_FunctionListPrefix)()
        rv = self._dll.C_GetFunctionList(ctypes.byref(flist))
        if rv != 0:
            raise OSError(f"C_GetFunctionList returned 0x{rv:x}")
        functions = flist.contents.functions
        self._login = _LoginFn(functions[_C_LOGIN])
        self._logout = _LogoutFn(functions[_C_LOGOUT])
        self._get_token_info = _GetTokenInfoFn(functions[_C_GET_TOKEN_INFO])
        self._get_session_info = _GetSessionInfoFn(functions[_C_GET_SESSION_INFO])

    def login(self, session_handle: int, user_type: int, pin: str) -> int:
        """C_Login; returns the CK_RV. The PIN buffer is wiped after the call."""
        data = pin.encode("utf-8")
        buf = ctypes.create_string_buffer(data, len(data))
        try:
            return int(self._login(session_handle, user_type, buf, len(data)))
        finally:
            ctypes.memset(buf, 0, len(data))

    def logout(self, session_handle: int) -> int:
        return int(self._logout(session_handle))

    def token_info(self, slot_id: int) -> tuple[int, TokenInfo]:
        info = TokenInfo()
        rv = int(self._get_token_info(slot_id, ctypes.byref(info)))
        return rv, info

    def session_info(self, session_handle: int) -> int:
        """C_GetSessionInfo; returns the CK_RV (CKR_OK while the session is alive)."""
        info = SessionInfo()
        return int(self._get_session_info(session_handle, ctypes.byref(info)))

    def vendor_function(self, name: str) -> Any | None:
        """The exported vendor function ``name``, or None when the module lacks it."""
        return getattr(self._dll, name, None)

    def retry_info(self, function_name: str, slot_id: int) -> tuple[int, RetryInfo] | None:
        """Call a NETCA_GetPinRetryInfo-style function; None when not exported."""
        fn = self.vendor_function(function_name)
        if fn is None:
            return None
        fn.restype = CK_ULONG
        fn.argtypes = [CK_ULONG, ctypes.POINTER(RetryInfo)]
        info = RetryInfo()
        rv = int(fn(slot_id, ctypes.byref(info)))
        return rv, info
