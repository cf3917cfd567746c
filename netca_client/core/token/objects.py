"""Objects stored on the key: certificates, seal objects and the client's public marks.

Token thread only (KeySession hops there). Every write is OpenSession.replace: written,
read back, and only then does the object it replaces go. Objects leave as frozen
dataclasses; what a certificate or a seal says is read above this layer (certs, seals).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pkcs11 import Attribute, ObjectClass

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token.key_pairs import key_id_bytes, public_key_info, public_keys
from netca_client.core.token.models import CertificateObject, DataObjectSummary
from netca_client.core.token.open_session import OpenSession
from netca_seal.keyobject import SEAL_APPLICATION

if TYPE_CHECKING:
    from netca_seal import SealObjectTemplate

# Listing keys, certificates and seals needs none of X.509 parsing or the SM2 bindings:
# write_certificate imports them when it runs (`netca keys` stays near python-pkcs11's own
# start-up, issue 16; tests/unit/test_lazy_imports.py).


# --- certificates -----------------------------------------------------------------------


def certificates(opened: OpenSession) -> list[CertificateObject]:
    """The X.509 certificate objects on the key, in the key's order."""
    objects = opened.find(ObjectClass.CERTIFICATE, {})
    with _errors.translated("C_GetAttributeValue"):
        return [
            CertificateObject(
                der=bytes(o[Attribute.VALUE]),
                label=str(o[Attribute.LABEL] or ""),
                key_id=bytes(o[Attribute.ID] or b"").hex(),
            )
            for o in objects
        ]


def write_certificate(opened: OpenSession, der: bytes, key_id: str, label: str) -> None:
    """Store an X.509 certificate next to its key pair, replacing one with the same CKA_ID.

    Refuses (CertificateKeyMismatch, nothing written) a certificate whose public key is
    not the public key object with ``key_id``. DER that does not parse is a caller's bug:
    ValueError.
    """
    from cryptography import x509
    from pkcs11.util.x509 import decode_x509_certificate

    from netca_client.core.gm import public_key_der

    ident = key_id_bytes(key_id)
    cert = x509.load_der_x509_certificate(der)  # ValueError on garbage
    opened.require_rw("C_CreateObject")
    opened.require_user("writing a certificate")
    publics = public_keys(opened, key_id)
    if not publics:
        raise errors.CertificateKeyMismatch(key_id, "no public key with this id on the key")
    with _errors.translated("C_GetAttributeValue"):
        on_key = {_normalised(public_key_info(p)) for p in publics}
    if _normalised(public_key_der(cert)) not in on_key:
        raise errors.CertificateKeyMismatch(key_id, "the certificate is for another public key")
    template = decode_x509_certificate(der)  # CKA_SUBJECT, ISSUER, SERIAL_NUMBER (DER), VALUE
    template.update(
        {
            Attribute.VALUE: der,
            Attribute.ID: ident,
            Attribute.LABEL: label,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: False,
        }
    )
    opened.replace(
        template,
        match={Attribute.ID: ident},
        not_verified=lambda detail: errors.TokenOperationFailed(
            "C_CreateObject", f"certificate: {detail}"
        ),
    )


def _normalised(spki_der: bytes) -> bytes:
    """One encoding per public key (RSA NULL parameters, EC point form). SM2 keys, which
    cryptography cannot load, compare by their uncompressed point."""
    from cryptography.hazmat.primitives import serialization

    from netca_client.core.gm import is_sm2_public_key, public_point

    if is_sm2_public_key(spki_der):
        return b"sm2:" + public_point(spki_der)
    der, spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    return serialization.load_der_public_key(spki_der).public_bytes(der, spki)


# --- data objects and seals (docs/seal-format.md: public CKO_DATA with CKA_APPLICATION) ---


def data_objects(
    opened: OpenSession, match: dict[Attribute, Any] | None = None
) -> list[DataObjectSummary]:
    """CKO_DATA objects visible now (private ones only after login, docs/dependencies.md)."""
    objects = opened.find(ObjectClass.DATA, match or {})
    with _errors.translated("C_GetAttributeValue"):
        return [_data_summary(o) for o in objects]


def seals(opened: OpenSession) -> list[DataObjectSummary]:
    return data_objects(opened, {Attribute.APPLICATION: SEAL_APPLICATION})


def write_seal(opened: OpenSession, template: SealObjectTemplate) -> DataObjectSummary:
    """Write a seal object, replacing the seal objects with its label. Needs a user login on
    a read-write session; the seals layer builds ``template`` from DER that parsed."""
    opened.require_rw("C_CreateObject")
    opened.require_user("writing a seal")
    new = opened.replace(
        {
            Attribute.CLASS: ObjectClass.DATA,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: template.private,
            Attribute.APPLICATION: template.application,
            Attribute.LABEL: template.label,
            Attribute.VALUE: template.value,
        },
        match={Attribute.APPLICATION: template.application, Attribute.LABEL: template.label},
        not_verified=errors.SealNotVerified,
    )
    with _errors.translated("C_GetAttributeValue"):
        return _data_summary(new)


def add_seal(opened: OpenSession, template: SealObjectTemplate) -> DataObjectSummary:
    """Write a seal object beside the seals already there (a seal change keeps the old one
    until the new one is verified): written, read back, and only an identical earlier copy
    (left by an interrupted install) is removed. Needs a user login, read-write."""
    opened.require_rw("C_CreateObject")
    opened.require_user("writing a seal")
    attributes = {
        Attribute.CLASS: ObjectClass.DATA,
        Attribute.TOKEN: True,
        Attribute.PRIVATE: template.private,
        Attribute.APPLICATION: template.application,
        Attribute.LABEL: template.label,
        Attribute.VALUE: template.value,
    }
    new = opened.replace(
        attributes,
        match={
            Attribute.APPLICATION: template.application,
            Attribute.LABEL: template.label,
            Attribute.VALUE: template.value,
        },
        not_verified=errors.SealNotVerified,
    )
    with _errors.translated("C_GetAttributeValue"):
        return _data_summary(new)


def delete_seal_value(opened: OpenSession, value: bytes) -> int:
    """Delete the seal objects holding exactly ``value`` (one seal, whatever its label)."""
    opened.require_rw("C_DestroyObject")
    opened.require_user("deleting a seal")
    doomed = opened.find(
        ObjectClass.DATA, {Attribute.APPLICATION: SEAL_APPLICATION, Attribute.VALUE: value}
    )
    opened.destroy(doomed)
    return len(doomed)


def delete_seal(opened: OpenSession, label: str) -> int:
    opened.require_rw("C_DestroyObject")
    opened.require_user("deleting a seal")
    doomed = opened.find(
        ObjectClass.DATA, {Attribute.APPLICATION: SEAL_APPLICATION, Attribute.LABEL: label}
    )
    if not doomed:
        raise errors.SealNotFound(label)
    opened.destroy(doomed)
    return len(doomed)


# --- the client's public marks ------------------------------------------------------------


def write_mark(opened: OpenSession, application: str, label: str, value: bytes) -> None:
    """Write a public data object, replacing any with the same application and label.

    Needs a read-write session, not a login: a public object may be created in an R/W
    public session (PKCS#11 2.40 §5.x session states; SoftHSM2 and vkey allow it). Some
    vendor keys demand a login anyway: they answer NotLoggedIn and the caller logs in.
    """
    _check_application(application)
    opened.require_rw("C_CreateObject")
    opened.replace(
        {
            Attribute.CLASS: ObjectClass.DATA,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: False,
            Attribute.APPLICATION: application,
            Attribute.LABEL: label,
            Attribute.VALUE: value,
        },
        match=_mark(application, label),
        not_verified=lambda detail: errors.TokenOperationFailed(
            "C_CreateObject", f"data object: {detail}"
        ),
    )


def read_mark(opened: OpenSession, application: str, label: str) -> bytes | None:
    """The value of the public data object, or None when there is none."""
    values = {d.value for d in data_objects(opened, _mark(application, label))}
    if len(values) > 1:
        # Only an interrupted write_mark leaves two; writing again repairs it.
        raise errors.TokenOperationFailed("reading data", f"{len(values)} differing {label!r}")
    return values.pop() if values else None


def delete_mark(opened: OpenSession, application: str, label: str) -> int:
    """Delete the public data objects with this application and label; how many went."""
    _check_application(application)
    opened.require_rw("C_DestroyObject")
    doomed = opened.find(ObjectClass.DATA, _mark(application, label))
    opened.destroy(doomed)
    return len(doomed)


def _mark(application: str, label: str) -> dict[Attribute, Any]:
    return {Attribute.PRIVATE: False, Attribute.APPLICATION: application, Attribute.LABEL: label}


def _check_application(application: str) -> None:
    # Seals have their own path that needs a login (netca_client.core.seals.write_seal).
    if application == SEAL_APPLICATION:
        raise ValueError("seal objects are written with netca_client.core.seals.write_seal")
    if not application:
        raise ValueError("a data object needs a CKA_APPLICATION")


def _data_summary(obj: Any) -> DataObjectSummary:
    value = bytes(obj[Attribute.VALUE] or b"")
    return DataObjectSummary(
        label=str(obj[Attribute.LABEL] or ""),
        application=str(obj[Attribute.APPLICATION] or ""),
        size=len(value),
        private=bool(obj[Attribute.PRIVATE]),
        value=value,
    )
