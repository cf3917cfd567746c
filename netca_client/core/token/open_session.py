"""OpenSession: one open PKCS#11 session and who is logged in on it. Token thread only.

Package-internal: the modules of core/token (pins, key pairs, objects, signing) work on it
through its public helpers, and KeySession hops every call to the token thread. Nothing
here leaves core/token as a python-pkcs11 object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pkcs11.exceptions as p11
from pkcs11 import Attribute, ObjectClass

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token._cryptoki import CKU_SO, CKU_USER

if TYPE_CHECKING:
    from netca_client.core.token.models import KeyRef
    from netca_client.core.token.module import ModuleLibrary

log = logging.getLogger(__name__)

NOBODY = -1
#: the attributes a written object must read back as written (those its template sets)
_READ_BACK = (
    Attribute.VALUE,
    Attribute.ID,
    Attribute.LABEL,
    Attribute.APPLICATION,
    Attribute.PRIVATE,
    Attribute.TOKEN,
)


class OpenSession:
    """A python-pkcs11 session on ``key`` plus the user logged in on it (``NOBODY``, CKU_USER
    or CKU_SO). Every method runs on the module's token thread: the module checks it."""

    def __init__(self, module: ModuleLibrary, key: KeyRef, session: Any, *, rw: bool) -> None:
        self.module = module
        self.key = key
        self.rw = rw
        self.user: int = NOBODY
        self._session: Any = session

    @classmethod
    def open(cls, module: ModuleLibrary, key: KeyRef, *, rw: bool) -> OpenSession:
        # A public session: logging in is C_Login on it (pins.login), so a wrong PIN never
        # leaks a session (python-pkcs11's Token.open(user_pin=...) does, docs/dependencies.md).
        token = fresh_token(module, key)
        with _errors.translated("C_OpenSession"):
            session = token.open(rw=rw)
        return cls(module, key, session, rw=rw)

    # --- state ------------------------------------------------------------------------

    def live(self) -> Any:
        """The open session, checked alive first.

        python-pkcs11 0.10.1 leaves a search active when C_FindObjectsInit fails on a
        removed key, and its clean-up then raises DeviceRemoved where nobody can catch
        it; asking C_GetSessionInfo first turns an unplugged key into KeyRemoved here.
        """
        if self._session is None:
            raise errors.TokenOperationFailed("session", "closed")
        rv = self.module.cryptoki.session_info(self._session.handle)
        if rv != _errors.CKR_OK:
            raise _errors.error_for_rv(rv, "C_GetSessionInfo")
        return self._session

    def require_rw(self, operation: str) -> None:
        if not self.rw:
            raise errors.TokenOperationFailed(operation, "needs a read-write session")

    def require_user(self, what: str) -> None:
        # Public objects could be written without a login on some keys; we never do that.
        if self.user != CKU_USER:
            raise errors.NotLoggedIn(f"{what} needs a user login")

    def require_so(self, what: str) -> None:
        if self.user != CKU_SO:
            raise errors.NotLoggedIn(f"{what} needs an SO login")

    def close(self) -> None:
        """Log out and close; a key already unplugged is not an error here."""
        if self._session is None:
            return
        try:
            if self.user != NOBODY:
                self.module.cryptoki.logout(self._session.handle)
            self._session.close()
        except p11.PKCS11Error as exc:
            log.debug("closing session on %s: %s", self.key.serial, type(exc).__name__)
        finally:
            self._session = None
            self.user = NOBODY

    # --- objects ----------------------------------------------------------------------

    def find(self, object_class: ObjectClass, match: Mapping[Attribute, Any]) -> list[Any]:
        """Objects of ``object_class`` whose attributes equal ``match``. Only the class goes
        into the search template: some vendor modules match strings and CKA_ID poorly, and
        every module lists by class."""
        with _errors.translated("C_FindObjects"):
            objects = list(self.live().get_objects({Attribute.CLASS: object_class}))
            return [o for o in objects if all(_holds(o, a, v) for a, v in match.items())]

    def replace(
        self,
        template: Mapping[Attribute, Any],
        *,
        match: Mapping[Attribute, Any],
        not_verified: Callable[[str], errors.NetcaError],
    ) -> Any:
        """Write ``template`` as a new object, read it back, then delete the objects it
        replaces: those of its class that ``match`` (found before writing).

        The new object must be found again by that same search and read back every
        attribute the template sets; otherwise it is removed, the old ones stay, and
        ``not_verified(detail)`` is raised. The caller checks rw and login first.
        """
        object_class = template[Attribute.CLASS]
        old = self.find(object_class, match)
        with _errors.translated("C_CreateObject"):
            new = self.live().create_object(dict(template))
        try:
            found = [o for o in self.find(object_class, match) if o.handle == new.handle]
            if len(found) != 1:
                raise not_verified("the new object is not found again")
            differ = _read_back_differently(found[0], template)
            if differ:
                raise not_verified(f"{', '.join(differ)} read back differently")
        except errors.NetcaError:
            self.destroy_quietly(new)
            raise
        self.destroy(old, keep=new.handle)
        return new

    def destroy(self, objects: list[Any], *, keep: int | None = None) -> None:
        for obj in objects:
            if obj.handle != keep:
                with _errors.translated("C_DestroyObject"):
                    obj.destroy()

    def destroy_quietly(self, obj: Any) -> None:
        """Remove an object while another error is on its way: that error is the one told."""
        try:
            obj.destroy()
        except p11.PKCS11Error as exc:
            log.warning("removing an unverified object on %s: %s", self.key, exc)


def fresh_token(module: ModuleLibrary, key: KeyRef) -> Any:
    """The token now in the key's slot; KeyRemoved when it is gone or another key sits there.

    python-pkcs11's Token objects cache CK_TOKEN_INFO (docs/dependencies.md): fetch a fresh
    one whenever flags matter."""
    try:
        slot = module.slot(key.slot_id)
        with _errors.translated("C_GetTokenInfo"):
            token = slot.get_token()
    except errors.KeyNotFound as exc:
        raise errors.KeyRemoved(f"slot {key.slot_id} is gone") from exc
    if token.serial.decode("ascii", "replace").strip() != key.serial:
        raise errors.KeyRemoved(f"key {key.serial} is no longer in slot {key.slot_id}")
    return token


def _read_back_differently(obj: Any, template: Mapping[Attribute, Any]) -> list[str]:
    """The names of the attributes the template sets that the object does not hold."""
    with _errors.translated("C_GetAttributeValue"):
        return [a.name for a in _READ_BACK if a in template and not _holds(obj, a, template[a])]


def _holds(obj: Any, attribute: Attribute, wanted: Any) -> bool:
    """Whether the object's attribute equals ``wanted`` (bytes, text or a flag)."""
    value = obj[attribute]
    if isinstance(wanted, bool):
        return bool(value) == wanted
    if isinstance(wanted, bytes | bytearray):
        return bytes(value or b"") == bytes(wanted)
    if isinstance(wanted, str):
        return str(value or "") == wanted
    return bool(value == wanted)
