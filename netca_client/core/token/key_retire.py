"""Retiring a key pair after a renewal: delete a signing pair and its certificate, or keep an
encryption pair under an archive label (files encrypted to it must stay readable).

Token thread only (KeySession hops there). Needs a user login on a read-write session.
"""

from __future__ import annotations

from pkcs11 import Attribute, ObjectClass

from netca_client.core.token import _errors
from netca_client.core.token.key_pairs import key_id_bytes
from netca_client.core.token.open_session import OpenSession

_CLASSES = (ObjectClass.CERTIFICATE, ObjectClass.PRIVATE_KEY, ObjectClass.PUBLIC_KEY)


def delete_key_pair(opened: OpenSession, key_id: str) -> int:
    """Destroy the certificate, private and public key with CKA_ID ``key_id``: how many went."""
    opened.require_rw("C_DestroyObject")
    opened.require_user("deleting a key pair")
    ident = key_id_bytes(key_id)
    gone = 0
    for object_class in _CLASSES:
        doomed = opened.find(object_class, {Attribute.ID: ident})
        opened.destroy(doomed)
        gone += len(doomed)
    return gone


def relabel_key_pair(opened: OpenSession, key_id: str, label: str) -> int:
    """Set CKA_LABEL of the certificate and keys with CKA_ID ``key_id``: how many changed."""
    opened.require_rw("C_SetAttributeValue")
    opened.require_user("labelling a key pair")
    ident = key_id_bytes(key_id)
    changed = 0
    for object_class in _CLASSES:
        for obj in opened.find(object_class, {Attribute.ID: ident}):
            with _errors.translated("C_SetAttributeValue"):
                obj[Attribute.LABEL] = label
            changed += 1
    return changed
