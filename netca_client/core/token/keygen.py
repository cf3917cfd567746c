"""Provisioning on the key: key pairs, their certificates, and the client's own public marks.

Token thread only (the KeySession methods hop there). Everything leaves as bytes,
hex ids or NetcaError leaves, never as python-pkcs11 objects.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pkcs11.exceptions as p11
from asn1crypto import core as asn1_core
from asn1crypto import keys as asn1_keys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pkcs11 import Attribute, KeyType, ObjectClass
from pkcs11.util.ec import encode_named_curve_parameters
from pkcs11.util.x509 import decode_x509_certificate

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_seal import SEAL_APPLICATION

if TYPE_CHECKING:
    from netca_client.core.token.session import KeySession

log = logging.getLogger(__name__)

RSA_2048 = "rsa2048"
EC_P256 = "ec-p256"
ALGORITHMS = (RSA_2048, EC_P256)

_RSA_EXPONENT = b"\x01\x00\x01"
_P256_POINT_LENGTH = 65  # 0x04 || X || Y


# --- key pairs ----------------------------------------------------------------------


def generate_on_token_thread(session: KeySession, algorithm: str, key_id: str, label: str) -> bytes:
    """Generate a signing key pair on the key; return its SubjectPublicKeyInfo (DER).

    The private key never leaves the key (sensitive, not extractable) and only signs:
    a Chinese CA's encryption key pair is made by its key management centre, not here.
    """
    ident = _key_id(key_id)
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown key algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    session._require_rw("C_GenerateKeyPair")
    session._require_user("generating a key pair")
    live = session._live()
    with _errors.translated("C_FindObjects"):
        taken = _objects_with_id(live, ObjectClass.PRIVATE_KEY, ident) or _objects_with_id(
            live, ObjectClass.PUBLIC_KEY, ident
        )
    if taken:
        raise errors.KeyIdInUse(key_id)
    public_template: dict[Attribute, Any] = {
        Attribute.TOKEN: True,
        Attribute.PRIVATE: False,
        Attribute.VERIFY: True,
        Attribute.ENCRYPT: False,
        Attribute.WRAP: False,
    }
    private_template: dict[Attribute, Any] = {
        Attribute.TOKEN: True,
        Attribute.PRIVATE: True,
        Attribute.SENSITIVE: True,
        Attribute.EXTRACTABLE: False,
        Attribute.SIGN: True,
        Attribute.DECRYPT: False,
        Attribute.UNWRAP: False,
    }
    if algorithm == RSA_2048:
        key_type, bits = KeyType.RSA, 2048
        public_template[Attribute.PUBLIC_EXPONENT] = _RSA_EXPONENT
    else:
        key_type, bits = KeyType.EC, None
        public_template[Attribute.EC_PARAMS] = encode_named_curve_parameters("secp256r1")
        private_template[Attribute.DERIVE] = False
    with _errors.translated("C_GenerateKeyPair"):
        public, _private = live.generate_keypair(
            key_type,
            bits,
            id=ident,
            label=label,
            store=True,
            public_template=public_template,
            private_template=private_template,
        )
        return public_key_info(public)


def public_key_info(public: Any) -> bytes:
    """SubjectPublicKeyInfo (DER) from a public key object's attributes (RSA or EC)."""
    key_type = public[Attribute.KEY_TYPE]
    if key_type == KeyType.RSA:
        rsa = asn1_keys.RSAPublicKey(
            {
                "modulus": int.from_bytes(public[Attribute.MODULUS], "big"),
                "public_exponent": int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            }
        )
        return bytes(asn1_keys.PublicKeyInfo.wrap(rsa, "rsa").dump())
    if key_type == KeyType.EC:
        params = asn1_keys.ECDomainParameters.load(bytes(public[Attribute.EC_PARAMS]))
        info = asn1_keys.PublicKeyInfo(
            {
                "algorithm": {"algorithm": "ec", "parameters": params},
                "public_key": _ec_point(bytes(public[Attribute.EC_POINT])),
            }
        )
        return bytes(info.dump())
    raise errors.TokenOperationFailed("reading a public key", f"unsupported key type {key_type!r}")


def _ec_point(value: bytes) -> bytes:
    # PKCS#11 says CKA_EC_POINT is a DER OCTET STRING; some vendor modules return the
    # raw point. A raw uncompressed P-256 point is 65 bytes, its OCTET STRING 67.
    if len(value) == _P256_POINT_LENGTH and value[0] == 0x04:
        return value
    return bytes(asn1_core.OctetString.load(value).native)


def public_key_der_on_token_thread(session: KeySession, key_id: str) -> bytes:
    """SubjectPublicKeyInfo (DER) of the public key object with this CKA_ID."""
    ident = _key_id(key_id)
    with _errors.translated("C_FindObjects"):
        publics = _objects_with_id(session._live(), ObjectClass.PUBLIC_KEY, ident)
        if not publics:
            raise errors.KeyPairNotFound(key_id)
        return public_key_info(publics[0])


def private_key_ids(session: KeySession) -> list[str]:
    """Hex CKA_IDs of the private keys, sorted. Needs a user login (they are private)."""
    session._require_user("listing key pairs")
    return _ids(session._live(), ObjectClass.PRIVATE_KEY)


def public_key_ids(session: KeySession) -> list[str]:
    """Hex CKA_IDs of the public keys, sorted. Public: no login needed."""
    return _ids(session._live(), ObjectClass.PUBLIC_KEY)


def _ids(live: Any, object_class: ObjectClass) -> list[str]:
    with _errors.translated("C_FindObjects"):
        objects = live.get_objects({Attribute.CLASS: object_class})
        return sorted({bytes(o[Attribute.ID] or b"").hex() for o in objects})


# --- certificates ----------------------------------------------------------------------


def write_certificate_on_token_thread(
    session: KeySession, der: bytes, key_id: str, label: str
) -> None:
    """Store an X.509 certificate next to its key pair, write-then-verify-then-replace.

    Refuses (CertificateKeyMismatch, nothing written) a certificate whose public key is
    not the public key object with ``key_id``. An older certificate with the same
    CKA_ID is deleted only after the new one reads back identical. DER that does not
    parse is a caller's bug: ValueError.
    """
    ident = _key_id(key_id)
    cert = x509.load_der_x509_certificate(der)  # ValueError on garbage
    session._require_rw("C_CreateObject")
    session._require_user("writing a certificate")
    live = session._live()
    with _errors.translated("C_FindObjects"):
        publics = _objects_with_id(live, ObjectClass.PUBLIC_KEY, ident)
        if not publics:
            raise errors.CertificateKeyMismatch(key_id, "no public key with this id on the key")
        on_key = {_normalised(public_key_info(p)) for p in publics}
        old = _objects_with_id(live, ObjectClass.CERTIFICATE, ident)
    if _normalised(cert.public_key().public_bytes(_DER, _SPKI)) not in on_key:
        raise errors.CertificateKeyMismatch(key_id, "the certificate is for another public key")
    template = decode_x509_certificate(der)  # CKA_SUBJECT, ISSUER, SERIAL_NUMBER (DER), VALUE
    template.update(
        {
            Attribute.ID: ident,
            Attribute.LABEL: label,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: False,
        }
    )
    with _errors.translated("C_CreateObject"):
        new = live.create_object(template)
    try:
        with _errors.translated("C_GetAttributeValue"):
            if bytes(new[Attribute.VALUE]) != der or bytes(new[Attribute.ID]) != ident:
                raise errors.TokenOperationFailed("C_CreateObject", "certificate read back differs")
    except errors.NetcaError:
        _destroy_quietly(new, "an unverified certificate")
        raise
    _destroy_all(old, keep=new.handle)


_DER = serialization.Encoding.DER
_SPKI = serialization.PublicFormat.SubjectPublicKeyInfo


def _normalised(spki_der: bytes) -> bytes:
    """One encoding per public key (RSA NULL parameters, EC point form)."""
    return serialization.load_der_public_key(spki_der).public_bytes(_DER, _SPKI)


# --- the client's public marks (CKO_DATA) ---------------------------------------------


def write_data_on_token_thread(
    session: KeySession, application: str, label: str, value: bytes
) -> None:
    """Write a public token data object, replacing any with the same application and label.

    Needs a read-write session, not a login: a public object may be created in an R/W
    public session (PKCS#11 2.40 §5.x session states; SoftHSM2 and vkey allow it). Some
    vendor keys demand a login anyway: they answer NotLoggedIn and the caller logs in.
    """
    _check_application(application)
    session._require_rw("C_CreateObject")
    live = session._live()
    with _errors.translated("C_FindObjects"):
        old = _marks(live, application, label)
    with _errors.translated("C_CreateObject"):
        new = live.create_object(
            {
                Attribute.CLASS: ObjectClass.DATA,
                Attribute.TOKEN: True,
                Attribute.PRIVATE: False,
                Attribute.APPLICATION: application,
                Attribute.LABEL: label,
                Attribute.VALUE: value,
            }
        )
    try:
        with _errors.translated("C_GetAttributeValue"):
            if bytes(new[Attribute.VALUE] or b"") != value:
                raise errors.TokenOperationFailed("C_CreateObject", "data object read back differs")
    except errors.NetcaError:
        _destroy_quietly(new, "an unverified data object")
        raise
    _destroy_all(old, keep=new.handle)


def read_data_on_token_thread(session: KeySession, application: str, label: str) -> bytes | None:
    """The value of the public data object, or None when there is none."""
    with _errors.translated("C_FindObjects"):
        found = _marks(session._live(), application, label)
        values = {bytes(o[Attribute.VALUE] or b"") for o in found}
    if len(values) > 1:
        # Only an interrupted write_data leaves two; writing again repairs it.
        raise errors.TokenOperationFailed("reading data", f"{len(values)} differing {label!r}")
    return values.pop() if values else None


def delete_data_on_token_thread(session: KeySession, application: str, label: str) -> int:
    """Delete the public data objects with this application and label; how many went."""
    _check_application(application)
    session._require_rw("C_DestroyObject")
    with _errors.translated("C_FindObjects"):
        doomed = _marks(session._live(), application, label)
    _destroy_all(doomed, keep=None)
    return len(doomed)


def _check_application(application: str) -> None:
    # Seals have their own write-then-verify path that needs a login (KeySession.write_seal).
    if application == SEAL_APPLICATION:
        raise ValueError("seal objects are written with KeySession.write_seal")
    if not application:
        raise ValueError("a data object needs a CKA_APPLICATION")


def _marks(live: Any, application: str, label: str) -> list[Any]:
    # Filter strings here, not in the template: some vendor modules match them poorly.
    objects = live.get_objects({Attribute.CLASS: ObjectClass.DATA, Attribute.PRIVATE: False})
    return [
        o
        for o in objects
        if str(o[Attribute.APPLICATION] or "") == application
        and str(o[Attribute.LABEL] or "") == label
    ]


# --- shared -------------------------------------------------------------------------


def _key_id(key_id: str) -> bytes:
    ident = bytes.fromhex(key_id)  # ValueError on a malformed id: a caller's bug
    if not ident:
        raise ValueError("a key id needs at least one byte")
    return ident


def _objects_with_id(live: Any, object_class: ObjectClass, ident: bytes) -> list[Any]:
    # CKA_ID is compared here too: a template match on it is not reliable on every module.
    objects = live.get_objects({Attribute.CLASS: object_class, Attribute.ID: ident})
    return [o for o in objects if bytes(o[Attribute.ID] or b"") == ident]


def _destroy_all(objects: list[Any], *, keep: int | None) -> None:
    for obj in objects:
        if obj.handle != keep:
            with _errors.translated("C_DestroyObject"):
                obj.destroy()


def _destroy_quietly(obj: Any, what: str) -> None:
    try:
        obj.destroy()
    except p11.PKCS11Error as exc:  # already failing: the first error is the one to raise
        log.warning("removing %s: %s", what, exc)
