"""KeySession: one open PKCS#11 session on one key, with intention-named methods.

Any thread may call the methods; each hops to the key's token thread and runs there on the
package-internal OpenSession (pins, key_pairs, objects, signing do the work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netca_client.core.token import key_pairs, key_retire, objects, pins, signing
from netca_client.core.token.models import (
    CertificateObject,
    DataObjectSummary,
    KeyInfo,
    KeyRef,
    PinStatus,
)
from netca_client.core.token.open_session import OpenSession
from netca_client.core.token.signing import KeySignature

if TYPE_CHECKING:
    from netca_client.core.token.module import ModuleLibrary
    from netca_seal import SealObjectTemplate


class KeySession:
    """An open session. Use as a context manager: leaving it logs out and closes."""

    def __init__(self, module: ModuleLibrary, opened: OpenSession) -> None:
        self._module = module
        self._opened = opened

    @classmethod
    def open(cls, module: ModuleLibrary, key: KeyRef, *, rw: bool = False) -> KeySession:
        """Open a public session on ``key`` through its module (logging in is login())."""
        return cls(module, module.run(OpenSession.open, module, key, rw=rw))

    @property
    def key(self) -> KeyRef:
        return self._opened.key

    @property
    def rw(self) -> bool:
        return self._opened.rw

    # --- context manager ------------------------------------------------------

    def __enter__(self) -> KeySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Log out and close; a key already unplugged is not an error here."""
        self._module.run(self._opened.close)

    # --- status ---------------------------------------------------------------

    def info(self) -> KeyInfo:
        return self._module.run(pins.key_info, self._opened)

    def pin_status(self) -> PinStatus:
        """Tries left and lock state now (a fresh CK_TOKEN_INFO every call)."""
        return self._module.run(pins.pin_status, self._opened)

    # --- PIN ------------------------------------------------------------------

    def login(self, pin: str, *, allow_final_try: bool = False) -> None:
        """Log in as the user. On the final try, raises FinalTryNotConfirmed unless allowed."""
        self._module.run(pins.login, self._opened, pin, so=False, allow_final_try=allow_final_try)

    def login_so(self, so_pin: str, *, allow_final_try: bool = False) -> None:
        """Log in as the security officer (needs a read-write session)."""
        self._module.run(pins.login, self._opened, so_pin, so=True, allow_final_try=allow_final_try)

    def logout(self) -> None:
        self._module.run(pins.logout, self._opened)

    def change_pin(self, old_pin: str, new_pin: str, *, allow_final_try: bool = False) -> None:
        """C_SetPIN after checking the PIN policy; a wrong old PIN spends a try."""
        self._module.run(
            pins.change_pin, self._opened, old_pin, new_pin, allow_final_try=allow_final_try
        )

    def set_so_pin(self, old_so_pin: str, new_so_pin: str) -> None:
        """C_SetPIN as the SO: the SO changes its own PIN. Needs an SO login on a read-write
        session. No PIN policy (SO PINs are machine-made), only the key's length limits;
        a wrong old SO PIN spends an SO try: PinIncorrect(so=True) with the SO tries left."""
        self._module.run(pins.set_so_pin, self._opened, old_so_pin, new_so_pin)

    def init_pin(self, new_pin: str, *, enforce_policy: bool = True) -> None:
        """C_InitPIN: set the user PIN (unlocks it). Needs an SO login."""
        self._module.run(pins.init_pin, self._opened, new_pin, enforce_policy=enforce_policy)

    # --- objects --------------------------------------------------------------

    def certificate_objects(self) -> list[CertificateObject]:
        """The certificate objects on the key, as stored (core.certs.key_certificates reads
        what they say)."""
        return self._module.run(objects.certificates, self._opened)

    def data_objects(self) -> list[DataObjectSummary]:
        """CKO_DATA objects visible now (private ones only after login)."""
        return self._module.run(objects.data_objects, self._opened)

    def seals(self) -> list[DataObjectSummary]:
        """The seal objects on the key, in the key's order. Public: no PIN needed."""
        return self._module.run(objects.seals, self._opened)

    def write_seal_object(self, template: SealObjectTemplate) -> DataObjectSummary:
        """Write a seal object, write-then-verify: it is read back before any old seal with
        the same label is deleted; if it does not read back as written it is removed and
        SealNotVerified is raised. Needs a user login on a read-write session.
        core.seals.write_seal builds the template from DER that parses."""
        return self._module.run(objects.write_seal, self._opened, template)

    def add_seal_object(self, template: SealObjectTemplate) -> DataObjectSummary:
        """Write a seal object beside the others (none is deleted but an identical copy);
        read back before this returns. Needs a user login on a read-write session."""
        return self._module.run(objects.add_seal, self._opened, template)

    def delete_seal_value(self, value: bytes) -> int:
        """Delete the seal objects whose value is exactly ``value``; returns how many."""
        return self._module.run(objects.delete_seal_value, self._opened, value)

    def delete_seal(self, label: str) -> int:
        """Delete every seal object with this label; returns how many. SealNotFound if none.
        Needs a user login on a read-write session."""
        return self._module.run(objects.delete_seal, self._opened, label)

    def write_data(self, application: str, label: str, value: bytes) -> None:
        """Write (or replace) the client's public CKO_DATA object application+label.
        Needs a read-write session; no login on SoftHSM2/vkey (others may want one)."""
        self._module.run(objects.write_mark, self._opened, application, label, value)

    def read_data(self, application: str, label: str) -> bytes | None:
        """The value of the public data object application+label, None when absent."""
        return self._module.run(objects.read_mark, self._opened, application, label)

    def delete_data(self, application: str, label: str) -> int:
        """Delete the public data objects application+label; returns how many (0 is fine)."""
        return self._module.run(objects.delete_mark, self._opened, application, label)

    def write_certificate(self, der: bytes, *, key_id: str, label: str) -> None:
        """Store an X.509 certificate for the key pair ``key_id``: CertificateKeyMismatch
        (nothing written) unless it certifies that public key; an old certificate with the
        same id goes only after the new one reads back. Needs a user login, read-write."""
        self._module.run(objects.write_certificate, self._opened, der, key_id, label)

    # --- key pairs ------------------------------------------------------------

    def generate_key_pair(self, algorithm: str, *, key_id: str, label: str) -> bytes:
        """Generate a signing key pair ("rsa2048", "ec-p256" or "sm2") with CKA_ID ``key_id`` (hex)
        and CKA_LABEL ``label``; returns the SubjectPublicKeyInfo DER. KeyIdInUse when a key
        with that id exists. Needs a user login on a read-write session."""
        return self._module.run(key_pairs.generate, self._opened, algorithm, key_id, label)

    def key_pair_ids(self) -> list[str]:
        """Hex CKA_IDs of the private keys on the key. Needs a user login."""
        return self._module.run(key_pairs.private_key_ids, self._opened)

    def public_key_ids(self) -> list[str]:
        """Hex CKA_IDs of the public keys on the key. No login needed."""
        return self._module.run(key_pairs.public_key_ids, self._opened)

    def public_key_der(self, key_id: str) -> bytes:
        """SubjectPublicKeyInfo (DER) of the public key with CKA_ID ``key_id``; KeyPairNotFound
        when there is none. No login needed (a provisioning job resumes with it)."""
        return self._module.run(key_pairs.public_key_der, self._opened, key_id)

    def delete_key_pair(self, key_id: str) -> int:
        """Destroy the certificate and key pair with CKA_ID ``key_id`` (a replaced signing
        pair, after its successor was installed and checked). Needs a user login, read-write."""
        return self._module.run(key_retire.delete_key_pair, self._opened, key_id)

    def relabel_key_pair(self, key_id: str, label: str) -> int:
        """Set the label of the certificate and keys with CKA_ID ``key_id`` (an archived
        encryption pair). Needs a user login on a read-write session."""
        return self._module.run(key_retire.relabel_key_pair, self._opened, key_id, label)

    def sign(self, data: bytes, *, key_id: str) -> KeySignature:
        """Sign ``data`` (SHA-256; SM3 with SM2 keys) with the private key whose CKA_ID is
        ``key_id`` (hex); KeyPairNotFound when there is none, UnsupportedKeyAlgorithm when
        the key's algorithm and its module's mechanisms are not known to fit. Needs a login."""
        return self._module.run(signing.sign, self._opened, data, key_id)
