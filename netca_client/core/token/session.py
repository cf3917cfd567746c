"""KeySession: one open PKCS#11 session on one key, with intention-named methods.

Any thread may call the methods; each hops to the library's token thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

import pkcs11.exceptions as p11
from pkcs11 import Attribute, ObjectClass, TokenFlag

from netca_client.core import errors
from netca_client.core.certs import CertificateSummary, summarize
from netca_client.core.seals.der import key_seal_template, parse_key_seal
from netca_client.core.token import _errors, keygen
from netca_client.core.token._cryptoki import CKU_SO, CKU_USER
from netca_client.core.token.models import (
    DataObjectSummary,
    KeyInfo,
    KeyRef,
    PinStatus,
    PinStatusSource,
)
from netca_client.core.token.module import ModuleLibrary
from netca_client.core.token.pin_policy import TOO_LONG, TOO_SHORT, pin_policy_problems
from netca_client.core.token.registry import VENDOR_RETRY_COUNT

if TYPE_CHECKING:
    from netca_client.core.token.signing import KeySignature
from netca_seal import SEAL_APPLICATION, SealObjectTemplate

log = logging.getLogger(__name__)

_NOBODY = -1


def _version(v: tuple[int, int]) -> str:
    return f"{v[0]}.{v[1]}"


class KeySession:
    """An open session. Use as a context manager: leaving it logs out and closes."""

    def __init__(self, library: ModuleLibrary, key: KeyRef, session: Any, *, rw: bool) -> None:
        self._library = library
        self.key = key
        self._session = session
        self.rw = rw
        self._user: int = _NOBODY

    @classmethod
    def open_on_token_thread(cls, library: ModuleLibrary, key: KeyRef, *, rw: bool) -> KeySession:
        token = _fresh_token(library, key)
        # A public session: logging in happens in login() so a wrong PIN never
        # leaks a session (python-pkcs11's Token.open(user_pin=...) does, FACTS.md).
        with _errors.translated("C_OpenSession"):
            session = token.open(rw=rw)
        return cls(library, key, session, rw=rw)

    # --- context manager ------------------------------------------------------

    def __enter__(self) -> KeySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Log out and close; a key already unplugged is not an error here."""
        self._library.run(self._close)

    def _close(self) -> None:
        if self._session is None:
            return
        try:
            if self._user != _NOBODY:
                self._library.cryptoki.logout(self._session.handle)
            self._session.close()
        except p11.PKCS11Error as exc:
            log.debug("closing session on %s: %s", self.key.serial, type(exc).__name__)
        finally:
            self._session = None
            self._user = _NOBODY

    # --- status ---------------------------------------------------------------

    def info(self) -> KeyInfo:
        return self._library.run(self._info)

    def _info(self) -> KeyInfo:
        token = _fresh_token(self._library, self.key)
        flags = TokenFlag(token.flags)
        rv, raw = self._library.cryptoki.token_info(self.key.slot_id)
        if rv != _errors.CKR_OK:
            raise _errors.error_for_rv(rv, "C_GetTokenInfo")
        return KeyInfo(
            key=self.key,
            hardware_version=_version(token.hardware_version),
            firmware_version=_version(token.firmware_version),
            initialized=bool(flags & TokenFlag.TOKEN_INITIALIZED),
            user_pin_initialized=bool(flags & TokenFlag.USER_PIN_INITIALIZED),
            login_required=bool(flags & TokenFlag.LOGIN_REQUIRED),
            write_protected=bool(flags & TokenFlag.WRITE_PROTECTED),
            min_pin_length=int(raw.min_pin_len),
            max_pin_length=int(raw.max_pin_len),
            flags=tuple(f.name for f in TokenFlag if f.name and f.value and flags & f),
        )

    def pin_status(self) -> PinStatus:
        return self._library.run(self._pin_status)

    def _pin_status(self) -> PinStatus:
        # Token objects cache CK_TOKEN_INFO (FACTS.md): fetch a fresh one every time.
        flags = TokenFlag(_fresh_token(self._library, self.key).flags)
        model = self._library.model_for(self.key)
        tries = max_tries = so_tries = so_max = None
        source = PinStatusSource.FLAGS
        if model and model.has(VENDOR_RETRY_COUNT) and model.retry_count_function:
            answer = self._library.cryptoki.retry_info(model.retry_count_function, self.key.slot_id)
            if answer is not None:
                rv, retry = answer
                if rv == _errors.CKR_OK:
                    tries, max_tries = int(retry.user_tries_left), int(retry.user_max_tries)
                    so_tries, so_max = int(retry.so_tries_left), int(retry.so_max_tries)
                    source = PinStatusSource.VENDOR
                elif isinstance(_errors.error_for_rv(rv, "retry info"), errors.KeyRemoved):
                    raise errors.KeyRemoved("retry info: key gone")
        locked = bool(flags & TokenFlag.USER_PIN_LOCKED) or tries == 0
        final = not locked and (bool(flags & TokenFlag.USER_PIN_FINAL_TRY) or tries == 1)
        so_locked = bool(flags & TokenFlag.SO_PIN_LOCKED) or so_tries == 0
        so_final = not so_locked and (bool(flags & TokenFlag.SO_PIN_FINAL_TRY) or so_tries == 1)
        if tries is None:
            tries = 0 if locked else (1 if final else None)
        if so_tries is None:
            so_tries = 0 if so_locked else (1 if so_final else None)
        if max_tries is None and model and model.max_pin_tries:
            max_tries = model.max_pin_tries
        return PinStatus(
            tries_left=tries,
            max_tries=max_tries,
            count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
            final_try=final,
            locked=locked,
            to_be_changed=bool(flags & TokenFlag.USER_PIN_TO_BE_CHANGED),
            so_tries_left=so_tries,
            so_max_tries=so_max,
            so_count_low=bool(flags & TokenFlag.SO_PIN_COUNT_LOW),
            so_final_try=so_final,
            so_locked=so_locked,
            source=source,
        )

    # --- PIN ------------------------------------------------------------------

    def login(self, pin: str, *, allow_final_try: bool = False) -> None:
        """Log in as the user. On the final try, raises FinalTryNotConfirmed unless allowed."""
        self._library.run(self._login, pin, CKU_USER, allow_final_try)

    def login_so(self, so_pin: str, *, allow_final_try: bool = False) -> None:
        """Log in as the security officer (needs a read-write session)."""
        if not self.rw:
            raise errors.TokenOperationFailed("C_Login(SO)", "needs a read-write session")
        self._library.run(self._login, so_pin, CKU_SO, allow_final_try)

    def _guard(self, *, so: bool, allow_final_try: bool) -> None:
        status = self._pin_status()
        if status.so_locked if so else status.locked:
            raise errors.PinLocked(so=so)
        if (status.so_final_try if so else status.final_try) and not allow_final_try:
            raise errors.FinalTryNotConfirmed(so=so)

    def _wrong_pin(self, *, so: bool) -> errors.PinIncorrect:
        status = self._pin_status()
        return errors.PinIncorrect(status.so_tries_left if so else status.tries_left, so=so)

    def _login(self, pin: str, user_type: int, allow_final_try: bool) -> None:
        so = user_type == CKU_SO
        self._guard(so=so, allow_final_try=allow_final_try)
        rv = self._library.cryptoki.login(self._live().handle, user_type, pin)
        if rv in (_errors.CKR_OK, _errors.CKR_USER_ALREADY_LOGGED_IN):
            self._user = user_type
            return
        error = _errors.error_for_rv(rv, "C_Login", so=so)
        if isinstance(error, errors.PinIncorrect):
            raise self._wrong_pin(so=so)
        raise error

    def logout(self) -> None:
        self._library.run(self._logout)

    def _logout(self) -> None:
        if self._user == _NOBODY:
            return
        rv = self._library.cryptoki.logout(self._live().handle)
        self._user = _NOBODY
        if rv not in (_errors.CKR_OK, _errors.CKR_USER_NOT_LOGGED_IN):
            raise _errors.error_for_rv(rv, "C_Logout")

    def change_pin(self, old_pin: str, new_pin: str, *, allow_final_try: bool = False) -> None:
        """C_SetPIN after checking the PIN policy; a wrong old PIN spends a try."""
        self._library.run(self._change_pin, old_pin, new_pin, allow_final_try)

    def _change_pin(self, old_pin: str, new_pin: str, allow_final_try: bool) -> None:
        self._check_policy(new_pin, old_pin=old_pin)
        self._require_rw("C_SetPIN")
        self._guard(so=False, allow_final_try=allow_final_try)
        try:
            with _errors.translated("C_SetPIN"):
                self._live().set_pin(old_pin, new_pin)
        except errors.PinIncorrect:
            raise self._wrong_pin(so=False) from None

    def set_so_pin(self, old_so_pin: str, new_so_pin: str) -> None:
        """C_SetPIN as the SO: the SO changes its own PIN. Needs an SO login on a read-write
        session. No PIN policy (SO PINs are machine-made), only the key's length limits;
        a wrong old SO PIN spends an SO try: PinIncorrect(so=True) with the SO tries left."""
        self._library.run(self._set_so_pin, old_so_pin, new_so_pin)

    def _set_so_pin(self, old_so_pin: str, new_so_pin: str) -> None:
        self._require_rw("C_SetPIN(SO)")
        if self._user != CKU_SO:
            raise errors.NotLoggedIn("changing the SO PIN needs an SO login")
        info = self._info()
        length = len(new_so_pin.encode("utf-8"))
        if info.max_pin_length and length > info.max_pin_length:
            raise errors.PinPolicyViolation((TOO_LONG,))
        if length < info.min_pin_length:
            raise errors.PinPolicyViolation((TOO_SHORT,))
        try:
            with _errors.translated("C_SetPIN(SO)"):
                self._live().set_pin(old_so_pin, new_so_pin)
        except errors.PinIncorrect:
            raise self._wrong_pin(so=True) from None
        except errors.PinLocked:
            raise errors.PinLocked(so=True) from None

    def init_pin(self, new_pin: str, *, enforce_policy: bool = True) -> None:
        """C_InitPIN: set the user PIN (unlocks it). Needs an SO login."""
        self._library.run(self._init_pin, new_pin, enforce_policy)

    def _init_pin(self, new_pin: str, enforce_policy: bool) -> None:
        if enforce_policy:
            self._check_policy(new_pin)
        if self._user != CKU_SO:
            raise errors.NotLoggedIn("C_InitPIN needs an SO login")
        with _errors.translated("C_InitPIN"):
            self._live().init_pin(new_pin)

    def _check_policy(self, new_pin: str, *, old_pin: str | None = None) -> None:
        max_length = self._info().max_pin_length
        problems = pin_policy_problems(new_pin, old_pin=old_pin, max_length=max_length)
        if problems:
            raise errors.PinPolicyViolation(problems)

    # --- objects --------------------------------------------------------------

    def certificates(self, *, now: dt.datetime | None = None) -> list[CertificateSummary]:
        """X.509 certificates on the key, soonest expiry first."""
        return self._library.run(self._certificates, now)

    def _certificates(self, now: dt.datetime | None) -> list[CertificateSummary]:
        found: list[CertificateSummary] = []
        with _errors.translated("C_FindObjects"):
            objects = list(self._live().get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}))
            for obj in objects:
                der = bytes(obj[Attribute.VALUE])
                label = str(obj[Attribute.LABEL] or "")
                key_id = bytes(obj[Attribute.ID] or b"").hex()
                try:
                    found.append(summarize(der, now=now, label=label, key_id=key_id))
                except ValueError as exc:
                    log.warning("certificate %r on %s does not parse: %s", label, self.key, exc)
        return sorted(found, key=lambda c: c.not_after)

    def data_objects(self) -> list[DataObjectSummary]:
        """CKO_DATA objects visible now (private ones only after login, FACTS.md)."""
        return self._library.run(self._data_objects)

    def _data_objects(self) -> list[DataObjectSummary]:
        found: list[DataObjectSummary] = []
        with _errors.translated("C_FindObjects"):
            for obj in self._live().get_objects({Attribute.CLASS: ObjectClass.DATA}):
                found.append(_data_summary(obj))
        return found

    # --- seals (docs/seal-format.md: public CKO_DATA objects marked by CKA_APPLICATION) --

    def seals(self) -> list[DataObjectSummary]:
        """The seal objects on the key, in the key's order. Public: no PIN needed."""
        return self._library.run(self._seals)

    def _seals(self) -> list[DataObjectSummary]:
        with _errors.translated("C_FindObjects"):
            return [_data_summary(obj) for obj in self._seal_objects()]

    def write_seal(self, der: bytes, *, label: str | None = None) -> DataObjectSummary:
        """Write a seal, write-then-verify: the new object is read back and parsed before
        any old seal with the same label is deleted; if it does not verify it is removed
        and SealNotVerified is raised. Refuses DER that does not parse (SealUnreadable),
        but stores a seal whose checks fail: the client cannot repair the RA's seal.
        Needs a user login on a read-write session."""
        return self._library.run(self._write_seal, der, label)

    def _write_seal(self, der: bytes, label: str | None) -> DataObjectSummary:
        template = key_seal_template(der, label=label)
        self._require_rw("C_CreateObject")
        self._require_user("writing a seal")
        with _errors.translated("C_FindObjects"):
            old = [o for o in self._seal_objects() if _label(o) == template.label]
        with _errors.translated("C_CreateObject"):
            new = self._live().create_object(
                {
                    Attribute.CLASS: ObjectClass.DATA,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: template.private,
                    Attribute.APPLICATION: template.application,
                    Attribute.LABEL: template.label,
                    Attribute.VALUE: template.value,
                }
            )
        try:
            written = self._verify_written(new.handle, template)
        except errors.NetcaError:
            self._destroy_quietly(new)
            raise
        for obj in old:
            if obj.handle != new.handle:
                with _errors.translated("C_DestroyObject"):
                    obj.destroy()
        return written

    def _verify_written(self, handle: int, template: SealObjectTemplate) -> DataObjectSummary:
        """Find the new object again among the seals and compare what the key returns."""
        with _errors.translated("C_FindObjects"):
            found = [o for o in self._seal_objects() if o.handle == handle]
            if len(found) != 1:
                raise errors.SealNotVerified("the new object is not listed among the seals")
            obj = found[0]
            summary = _data_summary(obj)
            is_token = bool(obj[Attribute.TOKEN])
        if summary.value != template.value:
            raise errors.SealNotVerified(
                f"read back {summary.size} bytes that differ from the {len(template.value)} written"
            )
        if summary.label != template.label or summary.private != template.private or not is_token:
            raise errors.SealNotVerified("label, CKA_PRIVATE or CKA_TOKEN read back differently")
        try:
            parse_key_seal(summary.value)
        except errors.SealUnreadable as exc:
            raise errors.SealNotVerified(f"read back but does not parse: {exc.reason}") from exc
        return summary

    def _destroy_quietly(self, obj: Any) -> None:
        try:
            obj.destroy()
        except p11.PKCS11Error as exc:
            log.warning("removing an unverified seal object on %s: %s", self.key, exc)

    def delete_seal(self, label: str) -> int:
        """Delete every seal object with this label; returns how many. SealNotFound if none.
        Needs a user login on a read-write session."""
        return self._library.run(self._delete_seal, label)

    def _delete_seal(self, label: str) -> int:
        self._require_rw("C_DestroyObject")
        self._require_user("deleting a seal")
        with _errors.translated("C_FindObjects"):
            doomed = [o for o in self._seal_objects() if _label(o) == label]
        if not doomed:
            raise errors.SealNotFound(label)
        for obj in doomed:
            with _errors.translated("C_DestroyObject"):
                obj.destroy()
        return len(doomed)

    def _seal_objects(self) -> list[Any]:
        # Filter CKA_APPLICATION here, not in the search template: some vendor modules
        # match string attributes in templates poorly; every module lists by class.
        objects = self._live().get_objects({Attribute.CLASS: ObjectClass.DATA})
        return [o for o in objects if str(o[Attribute.APPLICATION] or "") == SEAL_APPLICATION]

    # --- provisioning (keygen.py) ------------------------------------------------

    def generate_key_pair(self, algorithm: str, *, key_id: str, label: str) -> bytes:
        """Generate a signing key pair ("rsa2048" or "ec-p256") with CKA_ID ``key_id`` (hex)
        and CKA_LABEL ``label``; returns the SubjectPublicKeyInfo DER. KeyIdInUse when a key
        with that id exists. Needs a user login on a read-write session."""
        return self._library.run(keygen.generate_on_token_thread, self, algorithm, key_id, label)

    def write_certificate(self, der: bytes, *, key_id: str, label: str) -> None:
        """Store an X.509 certificate for the key pair ``key_id``: CertificateKeyMismatch
        (nothing written) unless it certifies that public key; an old certificate with the
        same id goes only after the new one reads back. Needs a user login, read-write."""
        self._library.run(keygen.write_certificate_on_token_thread, self, der, key_id, label)

    def key_pair_ids(self) -> list[str]:
        """Hex CKA_IDs of the private keys on the key. Needs a user login."""
        return self._library.run(keygen.private_key_ids, self)

    def public_key_ids(self) -> list[str]:
        """Hex CKA_IDs of the public keys on the key. No login needed."""
        return self._library.run(keygen.public_key_ids, self)

    def public_key_der(self, key_id: str) -> bytes:
        """SubjectPublicKeyInfo (DER) of the public key with CKA_ID ``key_id``; KeyPairNotFound
        when there is none. No login needed (a provisioning job resumes with it)."""
        return self._library.run(keygen.public_key_der_on_token_thread, self, key_id)

    def write_data(self, application: str, label: str, value: bytes) -> None:
        """Write (or replace) the client's public CKO_DATA object application+label.
        Needs a read-write session; no login on SoftHSM2/vkey (others may want one)."""
        self._library.run(keygen.write_data_on_token_thread, self, application, label, value)

    def read_data(self, application: str, label: str) -> bytes | None:
        """The value of the public data object application+label, None when absent."""
        return self._library.run(keygen.read_data_on_token_thread, self, application, label)

    def delete_data(self, application: str, label: str) -> int:
        """Delete the public data objects application+label; returns how many (0 is fine)."""
        return self._library.run(keygen.delete_data_on_token_thread, self, application, label)

    # --- internals --------------------------------------------------------------

    def sign(self, data: bytes, *, key_id: str) -> KeySignature:
        """Sign ``data`` (SHA-256) with the private key whose CKA_ID is ``key_id`` (hex)."""
        from netca_client.core.token.signing import sign_on_token_thread

        return self._library.run(sign_on_token_thread, self, data, key_id)

    def _require_user(self, what: str) -> None:
        # Public objects could be written without a login on some keys; we never do that.
        if self._user != CKU_USER:
            raise errors.NotLoggedIn(f"{what} needs a user login")

    def _live(self) -> Any:
        """The open session, checked alive first.

        python-pkcs11 0.10.1 leaves a search active when C_FindObjectsInit fails on a
        removed key, and its clean-up then raises DeviceRemoved where nobody can catch
        it; asking C_GetSessionInfo first turns an unplugged key into KeyRemoved here.
        """
        if self._session is None:
            raise errors.TokenOperationFailed("session", "closed")
        rv = self._library.cryptoki.session_info(self._session.handle)
        if rv != _errors.CKR_OK:
            raise _errors.error_for_rv(rv, "C_GetSessionInfo")
        return self._session

    def _require_rw(self, operation: str) -> None:
        if not self.rw:
            raise errors.TokenOperationFailed(operation, "needs a read-write session")


def _label(obj: Any) -> str:
    return str(obj[Attribute.LABEL] or "")


def _data_summary(obj: Any) -> DataObjectSummary:
    value = bytes(obj[Attribute.VALUE] or b"")
    return DataObjectSummary(
        label=_label(obj),
        application=str(obj[Attribute.APPLICATION] or ""),
        size=len(value),
        private=bool(obj[Attribute.PRIVATE]),
        value=value,
    )


def _fresh_token(library: ModuleLibrary, key: KeyRef) -> Any:
    """The token now in the key's slot; KeyRemoved when it is gone or another key sits there."""
    try:
        slot = library.slot(key.slot_id)
        with _errors.translated("C_GetTokenInfo"):
            token = slot.get_token()
    except errors.KeyNotFound as exc:
        raise errors.KeyRemoved(f"slot {key.slot_id} is gone") from exc
    if token.serial.decode("ascii", "replace").strip() != key.serial:
        raise errors.KeyRemoved(f"key {key.serial} is no longer in slot {key.slot_id}")
    return token
