"""ctypes bindings to the system's OpenSSL 3 libcrypto: only the calls SM2 and SM3 need.

The library is the one Python's ``_hashlib`` already links where there is one (Debian's
libcrypto.so.3), found by name otherwise; ``NETCA_LIBCRYPTO`` names a file to use instead.
No elliptic-curve arithmetic happens here or anywhere in the project: keys are made, signed
with and checked by OpenSSL, whose SM2 nonce comes from its own CSPRNG. A libcrypto without
SM2 (or older than 3.0) makes :func:`lib` raise :class:`Sm2Unavailable`, never crash.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
import threading
from typing import Any

LIBCRYPTO_ENV = "NETCA_LIBCRYPTO"
_MIN_VERSION = 0x30000000

c_void_p = ctypes.c_void_p
c_char_p = ctypes.c_char_p
c_int = ctypes.c_int
c_size_t = ctypes.c_size_t
c_long = ctypes.c_long
_BYTES_OUT = ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))
_BYTES_IN = ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))

#: (name, restype, argtypes) of every function used
_PROTOTYPES: tuple[tuple[str, Any, list[Any]], ...] = (
    ("OpenSSL_version_num", ctypes.c_ulong, []),
    ("OpenSSL_version", c_char_p, [c_int]),
    ("ERR_get_error", ctypes.c_ulong, []),
    ("ERR_clear_error", None, []),
    ("ERR_error_string_n", None, [ctypes.c_ulong, c_char_p, c_size_t]),
    ("EVP_MD_fetch", c_void_p, [c_void_p, c_char_p, c_char_p]),
    ("EVP_MD_free", None, [c_void_p]),
    ("EVP_sm3", c_void_p, []),
    ("EVP_aes_256_cbc", c_void_p, []),
    ("EVP_PKEY_CTX_new_from_name", c_void_p, [c_void_p, c_char_p, c_char_p]),
    ("EVP_PKEY_CTX_new", c_void_p, [c_void_p, c_void_p]),
    ("EVP_PKEY_CTX_free", None, [c_void_p]),
    ("EVP_PKEY_CTX_set1_id", c_int, [c_void_p, c_char_p, c_size_t]),
    ("EVP_PKEY_keygen_init", c_int, [c_void_p]),
    ("EVP_PKEY_generate", c_int, [c_void_p, ctypes.POINTER(c_void_p)]),
    ("EVP_PKEY_free", None, [c_void_p]),
    ("EVP_PKEY_is_a", c_int, [c_void_p, c_char_p]),
    ("EVP_MD_CTX_new", c_void_p, []),
    ("EVP_MD_CTX_free", None, [c_void_p]),
    ("EVP_MD_CTX_set_pkey_ctx", None, [c_void_p, c_void_p]),
    ("EVP_DigestSignInit", c_int, [c_void_p, c_void_p, c_void_p, c_void_p, c_void_p]),
    ("EVP_DigestSign", c_int, [c_void_p, c_char_p, ctypes.POINTER(c_size_t), c_char_p, c_size_t]),
    ("EVP_DigestVerifyInit", c_int, [c_void_p, c_void_p, c_void_p, c_void_p, c_void_p]),
    ("EVP_DigestVerify", c_int, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t]),
    ("d2i_PUBKEY", c_void_p, [c_void_p, _BYTES_IN, c_long]),
    ("i2d_PUBKEY", c_int, [c_void_p, _BYTES_OUT]),
    ("BIO_new_mem_buf", c_void_p, [c_char_p, c_int]),
    ("BIO_s_mem", c_void_p, []),
    ("BIO_new", c_void_p, [c_void_p]),
    ("BIO_free", c_int, [c_void_p]),
    ("BIO_ctrl", c_long, [c_void_p, c_int, c_long, c_void_p]),
    ("PEM_read_bio_PrivateKey", c_void_p, [c_void_p, c_void_p, c_void_p, c_char_p]),
    (
        "PEM_write_bio_PKCS8PrivateKey",
        c_int,
        [c_void_p, c_void_p, c_void_p, c_char_p, c_int, c_void_p, c_char_p],
    ),
)

_lock = threading.Lock()
_loaded: list[Any] = []
_failure: list[str] = []


class Sm2Unavailable(RuntimeError):
    """This platform's libcrypto cannot do SM2/SM3 (missing, older than 3.0, or built
    without SM2). ``reason`` says which, for the user and the diagnostics."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"SM2 is not available here: {reason}")


class OpenSslError(RuntimeError):
    """libcrypto refused a call; the message carries OpenSSL's error queue."""


def _candidates() -> list[str]:
    override = os.environ.get(LIBCRYPTO_ENV)
    if override:
        return [override]
    with contextlib.suppress(ImportError):  # the libcrypto hashlib links: already loaded
        import _hashlib  # noqa: F401
    if sys.platform == "win32":
        names = ["libcrypto-3-x64.dll", "libcrypto-3.dll"]
    elif sys.platform == "darwin":
        names = [
            "libcrypto.3.dylib",
            "/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib",
            "/usr/local/opt/openssl@3/lib/libcrypto.3.dylib",
        ]
    else:
        names = ["libcrypto.so.3"]
    found = ctypes.util.find_library("crypto")
    if found and found not in names:
        names.append(found)
    return names


def _open() -> Any:
    reasons = []
    for name in _candidates():
        try:
            handle = ctypes.CDLL(name)
        except OSError as exc:
            reasons.append(f"{name}: {exc}")
            continue
        try:
            for fn_name, restype, argtypes in _PROTOTYPES:
                fn = getattr(handle, fn_name)
                fn.restype = restype
                fn.argtypes = argtypes
        except AttributeError as exc:
            reasons.append(f"{name}: {exc} (OpenSSL older than 3.0?)")
            continue
        version = int(handle.OpenSSL_version_num())
        if version < _MIN_VERSION:
            reasons.append(f"{name}: OpenSSL {version:#x} is older than 3.0")
            continue
        problem = _sm2_problem(handle)
        if problem:
            reasons.append(f"{name}: {problem}")
            continue
        return handle
    raise Sm2Unavailable("; ".join(reasons) or "no libcrypto found")


def _sm2_problem(handle: Any) -> str | None:
    md = handle.EVP_MD_fetch(None, b"SM3", None)
    if not md:
        handle.ERR_clear_error()
        return "no SM3 digest in this OpenSSL build"
    handle.EVP_MD_free(md)
    ctx = handle.EVP_PKEY_CTX_new_from_name(None, b"SM2", None)
    if not ctx:
        handle.ERR_clear_error()
        return "no SM2 in this OpenSSL build"
    handle.EVP_PKEY_CTX_free(ctx)
    return None


def lib() -> Any:
    """The loaded libcrypto; Sm2Unavailable (every time, cached) when it cannot do SM2."""
    if _loaded:
        return _loaded[0]
    with _lock:
        if _failure:
            raise Sm2Unavailable(_failure[0])
        if not _loaded:
            try:
                _loaded.append(_open())
            except Sm2Unavailable as exc:
                _failure.append(exc.reason)
                raise
    return _loaded[0]


def unavailable_reason() -> str | None:
    """None when SM2 works here, else why not."""
    try:
        lib()
    except Sm2Unavailable as exc:
        return exc.reason
    return None


def version() -> str:
    """OpenSSL's version text, or the reason SM2 is unavailable."""
    try:
        return str(lib().OpenSSL_version(0).decode("ascii", "replace"))
    except Sm2Unavailable as exc:
        return f"unavailable: {exc.reason}"


def error(what: str) -> OpenSslError:
    """An OpenSslError for ``what`` with OpenSSL's queued errors (the queue is emptied)."""
    handle = lib()
    messages = []
    while True:
        code = handle.ERR_get_error()
        if not code:
            break
        buf = ctypes.create_string_buffer(256)
        handle.ERR_error_string_n(code, buf, len(buf))
        messages.append(buf.value.decode("ascii", "replace"))
    return OpenSslError(f"{what}: {'; '.join(messages) or 'failed'}")


def bio_bytes(bio: Any) -> bytes:
    """The contents of a memory BIO (BIO_get_mem_data)."""
    pointer = ctypes.c_char_p()
    size = lib().BIO_ctrl(bio, 3, 0, ctypes.byref(pointer))  # BIO_CTRL_INFO
    return ctypes.string_at(pointer, size) if size > 0 else b""
