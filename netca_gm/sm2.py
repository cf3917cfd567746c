"""SM2 signatures (GB/T 32918.2) with SM3 through libcrypto: keys, sign, verify, Z_A, forms.

Every sign and verify sets the distinguishing ID explicitly: OpenSSL 3.0's default is the
empty ID, GM/T 0009 specifies ``1234567812345678`` (DEFAULT_ID), and a signature made with
one does not verify with the other. Keys are OpenSSL's EVP_PKEY objects of type SM2; a key
that OpenSSL would treat as plain EC (and so sign with ECDSA) is refused.
"""

from __future__ import annotations

import ctypes
import hashlib
from typing import Any

from asn1crypto import algos as asn1_algos
from asn1crypto import keys as asn1_keys

from netca_gm import _libcrypto
from netca_gm._libcrypto import OpenSslError, lib
from netca_gm.oids import SM2_CURVE

#: GM/T 0009-2012 §10 (and 2023): the user ID when none was agreed
DEFAULT_ID = b"1234567812345678"
#: bytes in a raw r‖s signature (two 256-bit integers)
RAW_SIGNATURE_LENGTH = 64

# The SM2 curve's public parameters (GB/T 32918.5), hashed into Z_A.
_A = bytes.fromhex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC")
_B = bytes.fromhex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93")
_GX = bytes.fromhex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7")
_GY = bytes.fromhex("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")


class Sm2KeyError(ValueError):
    """The key is not an SM2 key (another curve or algorithm) or does not parse."""


def is_sm2_public_key(public_key_der: bytes) -> bool:
    """Whether a SubjectPublicKeyInfo holds a key on the SM2 curve (id-ecPublicKey with the
    SM2 curve, or the sm2 algorithm OID itself). Pure ASN.1: no libcrypto needed."""
    try:
        info = asn1_keys.PublicKeyInfo.load(public_key_der)
        algorithm = info["algorithm"]["algorithm"].dotted
        parameters = info["algorithm"]["parameters"]
        if algorithm == SM2_CURVE:
            return True
        return algorithm == "1.2.840.10045.2.1" and _curve_oid(parameters) == SM2_CURVE
    except (ValueError, TypeError, KeyError):
        return False


def _curve_oid(parameters: Any) -> str | None:
    if parameters.name != "named":
        return None
    return str(parameters.chosen.dotted)


def public_point(public_key_der: bytes) -> bytes:
    """The uncompressed point 04‖x‖y of an SM2 SubjectPublicKeyInfo."""
    if not is_sm2_public_key(public_key_der):
        raise Sm2KeyError("not an SM2 public key")
    point = bytes(asn1_keys.PublicKeyInfo.load(public_key_der)["public_key"].native)
    if len(point) != 65 or point[0] != 0x04:
        raise Sm2KeyError("the SM2 public key is not an uncompressed 256-bit point")
    return point


def z_a(public_key_der: bytes, distid: bytes = DEFAULT_ID) -> bytes:
    """Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5)."""
    if len(distid) * 8 > 0xFFFF:
        raise ValueError("the distinguishing ID is longer than 8191 bytes")
    point = public_point(public_key_der)
    entl = (len(distid) * 8).to_bytes(2, "big")
    return _sm3(entl + distid + _A + _B + _GX + _GY + point[1:33] + point[33:])


def e_value(public_key_der: bytes, data: bytes, distid: bytes = DEFAULT_ID) -> bytes:
    """e = SM3(Z_A ‖ M): what a key's pre-hashed SM2 mechanism signs for ``data``."""
    return _sm3(z_a(public_key_der, distid) + data)


def _sm3(data: bytes) -> bytes:
    return hashlib.new("sm3", data).digest()


def sm3(data: bytes) -> bytes:
    """SM3 of ``data`` (GB/T 32905)."""
    return _sm3(data)


# --- signature forms ---------------------------------------------------------------------


def raw_to_der(raw: bytes) -> bytes:
    """r‖s (64 bytes) to the DER SEQUENCE { r INTEGER, s INTEGER } of GM/T 0009."""
    if len(raw) != RAW_SIGNATURE_LENGTH:
        raise ValueError(f"a raw SM2 signature has {RAW_SIGNATURE_LENGTH} bytes, not {len(raw)}")
    return bytes(asn1_algos.DSASignature.from_p1363(raw).dump())


def der_to_raw(der: bytes) -> bytes:
    """DER SEQUENCE { r, s } to r‖s (64 bytes)."""
    signature = asn1_algos.DSASignature.load(der)
    r, s = int(signature["r"].native), int(signature["s"].native)
    if signature.dump() != der or not (0 < r < 2**256 and 0 < s < 2**256):
        raise ValueError("not a DER SM2 signature")
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


# --- keys --------------------------------------------------------------------------------


class _Pkey:
    """An owned EVP_PKEY pointer, freed with the object."""

    def __init__(self, pointer: int) -> None:
        self.pointer = pointer

    def __del__(self) -> None:
        if self.pointer and _libcrypto._loaded:
            _libcrypto._loaded[0].EVP_PKEY_free(self.pointer)
            self.pointer = 0


def _require_sm2(pointer: int, what: str) -> _Pkey:
    if not pointer:
        raise Sm2KeyError(f"{what}: {_libcrypto.error('decoding the key')}")
    key = _Pkey(pointer)
    if lib().EVP_PKEY_is_a(pointer, b"SM2") != 1:
        raise Sm2KeyError(f"{what} is not an SM2 key")
    return key


def _public_pkey(public_key_der: bytes) -> _Pkey:
    if not is_sm2_public_key(public_key_der):
        raise Sm2KeyError("not an SM2 public key")
    buf = ctypes.create_string_buffer(public_key_der, len(public_key_der))
    cursor = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ubyte))
    pointer = lib().d2i_PUBKEY(None, ctypes.byref(cursor), len(public_key_der))
    return _require_sm2(pointer, "the public key")


class Sm2PrivateKey:
    """An SM2 private key held by libcrypto (the RA's CAs and seal maker; tests)."""

    def __init__(self, pkey: _Pkey) -> None:
        self._pkey = pkey

    @classmethod
    def generate(cls) -> Sm2PrivateKey:
        crypto = lib()
        ctx = crypto.EVP_PKEY_CTX_new_from_name(None, b"SM2", None)
        try:
            pointer = ctypes.c_void_p()
            if crypto.EVP_PKEY_keygen_init(ctx) != 1 or (
                crypto.EVP_PKEY_generate(ctx, ctypes.byref(pointer)) != 1
            ):
                raise _libcrypto.error("generating an SM2 key")
        finally:
            crypto.EVP_PKEY_CTX_free(ctx)
        return cls(_require_sm2(pointer.value or 0, "the new key"))

    @classmethod
    def from_pem(cls, pem: bytes, passphrase: bytes | None = None) -> Sm2PrivateKey:
        """A PEM private key (PKCS#8, encrypted when ``passphrase`` is given)."""
        crypto = lib()
        bio = crypto.BIO_new_mem_buf(pem, len(pem))
        try:
            pointer = crypto.PEM_read_bio_PrivateKey(bio, None, None, passphrase or b"")
        finally:
            crypto.BIO_free(bio)
        return cls(_require_sm2(pointer or 0, "the private key"))

    def to_pem(self, passphrase: bytes | None = None) -> bytes:
        """PKCS#8 PEM, encrypted with AES-256-CBC under ``passphrase`` when given."""
        crypto = lib()
        bio = crypto.BIO_new(crypto.BIO_s_mem())
        try:
            cipher = crypto.EVP_aes_256_cbc() if passphrase else None
            done = crypto.PEM_write_bio_PKCS8PrivateKey(
                bio, self._pkey.pointer, cipher, None, 0, None, passphrase
            )
            if done != 1:
                raise _libcrypto.error("writing the key")
            return _libcrypto.bio_bytes(bio)
        finally:
            crypto.BIO_free(bio)

    def public_der(self) -> bytes:
        """The SubjectPublicKeyInfo (id-ecPublicKey on the SM2 curve), DER."""
        crypto = lib()
        size = crypto.i2d_PUBKEY(self._pkey.pointer, None)
        if size <= 0:
            raise _libcrypto.error("encoding the public key")
        buf = (ctypes.c_ubyte * size)()
        cursor = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ubyte))
        crypto.i2d_PUBKEY(self._pkey.pointer, ctypes.byref(cursor))
        return bytes(buf)

    def sign(self, data: bytes, distid: bytes = DEFAULT_ID) -> bytes:
        """SM2 with SM3 over ``data`` (Z_A with ``distid`` inside): DER SEQUENCE { r, s }."""
        return _digest_operation(self._pkey, data, distid, signature=None)


def verify(
    public_key_der: bytes, data: bytes, signature: bytes, distid: bytes = DEFAULT_ID
) -> bool:
    """Whether ``signature`` (DER, or raw r‖s of 64 bytes) is the SM2/SM3 signature of
    ``data`` by this SubjectPublicKeyInfo with ``distid``. Sm2KeyError for a key that is not
    SM2; Sm2Unavailable when libcrypto has no SM2."""
    pkey = _public_pkey(public_key_der)
    if len(signature) == RAW_SIGNATURE_LENGTH and signature[0] != 0x30:
        signature = raw_to_der(signature)
    try:
        der_to_raw(signature)
    except ValueError:
        return False
    try:
        _digest_operation(pkey, data, distid, signature=signature)
    except _BadSignature:
        return False
    return True


class _BadSignature(Exception):
    pass


def _digest_operation(pkey: _Pkey, data: bytes, distid: bytes, *, signature: bytes | None) -> bytes:
    """EVP_DigestSign/Verify with SM3 and the ID set on the key's context (SM2(7))."""
    crypto = lib()
    md_ctx = crypto.EVP_MD_CTX_new()
    pkey_ctx = crypto.EVP_PKEY_CTX_new(pkey.pointer, None)
    try:
        if not md_ctx or not pkey_ctx:
            raise _libcrypto.error("allocating an SM2 context")
        if crypto.EVP_PKEY_CTX_set1_id(pkey_ctx, distid, len(distid)) != 1:
            raise _libcrypto.error("setting the SM2 ID")
        crypto.EVP_MD_CTX_set_pkey_ctx(md_ctx, pkey_ctx)
        if signature is not None:
            if crypto.EVP_DigestVerifyInit(md_ctx, None, crypto.EVP_sm3(), None, pkey.pointer) != 1:
                raise _libcrypto.error("starting an SM2 verification")
            done = crypto.EVP_DigestVerify(md_ctx, signature, len(signature), data, len(data))
            if done != 1:
                crypto.ERR_clear_error()
                raise _BadSignature
            return b""
        if crypto.EVP_DigestSignInit(md_ctx, None, crypto.EVP_sm3(), None, pkey.pointer) != 1:
            raise _libcrypto.error("starting an SM2 signature")
        size = ctypes.c_size_t(0)
        if crypto.EVP_DigestSign(md_ctx, None, ctypes.byref(size), data, len(data)) != 1:
            raise _libcrypto.error("sizing an SM2 signature")
        out = ctypes.create_string_buffer(size.value)
        if crypto.EVP_DigestSign(md_ctx, out, ctypes.byref(size), data, len(data)) != 1:
            raise _libcrypto.error("SM2 signing")
        return out.raw[: size.value]
    finally:
        # EVP_MD_CTX_free frees a pkey context set with EVP_MD_CTX_set_pkey_ctx? No: the
        # caller keeps ownership (EVP_MD_CTX_set_pkey_ctx(3)), so both are freed here.
        crypto.EVP_MD_CTX_free(md_ctx)
        crypto.EVP_PKEY_CTX_free(pkey_ctx)


__all__ = [
    "DEFAULT_ID",
    "RAW_SIGNATURE_LENGTH",
    "OpenSslError",
    "Sm2KeyError",
    "Sm2PrivateKey",
    "der_to_raw",
    "e_value",
    "is_sm2_public_key",
    "public_point",
    "raw_to_der",
    "sm3",
    "verify",
    "z_a",
]
