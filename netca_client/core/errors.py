"""The NetcaError tree: one root, families by adapter, leaves that carry data.

Messages here are for logs. User-facing text is built by the front ends
(`cli`, `gui/error_text.py`) from the error's type and fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netca_client.core.token.models import KeyRef


class NetcaError(Exception):
    """Root of every error the client raises on purpose."""


# --- configuration ---------------------------------------------------------


class ConfigError(NetcaError):
    """The configuration or the driver registry cannot be used."""


# --- keys (PKCS#11) --------------------------------------------------------


class TokenError(NetcaError):
    """Something went wrong talking to a USB key or its PKCS#11 module."""


class KeyAmbiguous(TokenError):
    """Several keys fit and nothing given tells them apart: the user must name one.

    ``wanted`` is what was asked for ("" when nothing was), ``candidates`` the keys that fit.
    """

    def __init__(self, wanted: str, candidates: Sequence[KeyRef]) -> None:
        self.wanted = wanted
        self.candidates = tuple(candidates)
        names = ", ".join(f"{k.label or '-'} ({k.serial or '-'})" for k in self.candidates)
        what = f" match {wanted!r}" if wanted else " are plugged in"
        super().__init__(f"{len(self.candidates)} keys{what}: {names}")


class SealOnSeveralKeys(KeyAmbiguous):
    """The seal asked for is on several keys: the user must name the key."""

    def __init__(self, seal_name: str, candidates: Sequence[KeyRef]) -> None:
        super().__init__(seal_name, candidates)
        self.seal_name = seal_name


class DriverMissing(TokenError):
    """No usable PKCS#11 module was found (or the named one cannot be loaded)."""

    def __init__(self, searched: tuple[str, ...], reason: str = "") -> None:
        self.searched = searched
        self.reason = reason
        where = ", ".join(searched) if searched else "nowhere"
        super().__init__(f"no PKCS#11 module could be loaded (searched: {where}) {reason}".strip())


class KeyNotFound(TokenError):
    """No present key matches what was asked for."""

    def __init__(self, wanted: str = "") -> None:
        self.wanted = wanted
        super().__init__(f"no key matches {wanted!r}" if wanted else "no key is plugged in")


class KeyRemoved(TokenError):
    """The key was unplugged (or its session vanished) while in use."""


class KeyNotInitialised(TokenError):
    """The key has no token initialised on it yet (blank key)."""


class PinIncorrect(TokenError):
    """The PIN was wrong. ``tries_left`` is None when the key does not tell."""

    def __init__(self, tries_left: int | None = None, *, so: bool = False) -> None:
        self.tries_left = tries_left
        self.so = so
        which = "SO PIN" if so else "PIN"
        left = "unknown" if tries_left is None else str(tries_left)
        super().__init__(f"{which} incorrect, tries left: {left}")


class PinLocked(TokenError):
    """The PIN is locked after too many wrong entries."""

    def __init__(self, *, so: bool = False) -> None:
        self.so = so
        super().__init__("SO PIN locked" if so else "PIN locked")


class FinalTryNotConfirmed(TokenError):
    """The next wrong PIN locks the key: the caller must confirm before it is spent."""

    def __init__(self, *, so: bool = False) -> None:
        self.so = so
        super().__init__("final PIN try: confirmation required before trying")


class PinPolicyViolation(TokenError):
    """A new PIN does not meet the PIN policy (or the key's length limits)."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        super().__init__("PIN policy violated: " + ", ".join(reasons))


class NotLoggedIn(TokenError):
    """An operation needs a login first."""


class TokenOperationFailed(TokenError):
    """The module answered with an error we have no specific leaf for."""

    def __init__(self, operation: str, detail: str) -> None:
        self.operation = operation
        self.detail = detail
        super().__init__(f"{operation} failed: {detail}")


class KeyIdInUse(TokenError):
    """A key pair with this CKA_ID (hex) is already on the key."""

    def __init__(self, key_id: str) -> None:
        self.key_id = key_id
        super().__init__(f"a key with id {key_id} is already on the key")


class CertificateKeyMismatch(TokenError):
    """A certificate is not for the key pair it was to be stored with; nothing was written."""

    def __init__(self, key_id: str, reason: str) -> None:
        self.key_id = key_id
        self.reason = reason
        super().__init__(f"certificate does not fit key {key_id}: {reason}")


class KeyPairNotFound(TokenError):
    """No key pair with this CKA_ID (hex) is on the key."""

    def __init__(self, key_id: str) -> None:
        self.key_id = key_id
        super().__init__(f"no key pair with id {key_id} on the key")


class UnsupportedKeyAlgorithm(TokenError):
    """The key's algorithm and what its module offers are not a pair known to be right: an
    SM2 key on a module whose model has no SM2 mechanism profile (plain SoftHSM2 would run
    ECDSA on it), ECDSA on a curve we do not sign with, a key type nobody here knows.
    Nothing was signed or generated."""

    def __init__(self, algorithm: str, reason: str) -> None:
        self.algorithm = algorithm
        self.reason = reason
        super().__init__(f"cannot use a {algorithm} key here: {reason}")


class Sm2NotAvailable(NetcaError):
    """This platform's libcrypto has no SM2 (or SM3): SM2 signatures can be neither made nor
    checked here. ``reason`` says what was found."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"SM2 is not available on this computer: {reason}")


# --- seals -------------------------------------------------------------------


class SealError(NetcaError):
    """A seal on a key (or in a file) cannot be read, found or written."""


class SealUnreadable(SealError):
    """The bytes are not a GB/T 38540 or GM/T 0031 seal (or cannot be built into one)."""

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        self.reason = reason
        self.field = field
        super().__init__(f"not a readable seal: {reason}")


class SealNotFound(SealError):
    """No seal on the key has this name (label) or seal id."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no seal named {name!r} on the key")


class SealOnNoKey(SealNotFound):
    """None of the keys present holds a seal of that name (or seal id)."""

    def __init__(self, name: str, keys_searched: int) -> None:
        super().__init__(name)
        self.keys_searched = keys_searched


class SealAmbiguous(SealError):
    """Several seals on the key share this name; the seal id tells them apart."""

    def __init__(self, name: str, seal_ids: tuple[str, ...]) -> None:
        self.name = name
        self.seal_ids = seal_ids
        super().__init__(f"{len(seal_ids)} seals are named {name!r}: {', '.join(seal_ids)}")


class SealNotVerified(SealError):
    """A seal written to the key did not read back intact; it was removed again."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"the seal written to the key did not verify: {detail}")


# --- RA --------------------------------------------------------------------


class RaError(NetcaError):
    """Something went wrong talking to the RA service."""


class RaUnavailable(RaError):
    """The RA could not be reached or did not answer in time."""


class RaRejected(RaError):
    """The RA answered with a problem+json error carrying a stable code."""

    def __init__(self, code: str, detail: str = "", status: int = 0) -> None:
        self.code = code
        self.detail = detail
        self.status = status
        super().__init__(f"RA rejected the request: {code} ({status}) {detail}".strip())


class RaProtocolError(RaError):
    """The RA answered, but not in the protocol's shape (not JSON, or not the expected model)."""

    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = detail
        super().__init__(f"unexpected RA answer ({status}): {detail}")


# --- PDF -------------------------------------------------------------------


class PdfError(NetcaError):
    """A PDF could not be read, stamped or verified."""


class PdfUnreadable(PdfError):
    """The file is not a readable PDF (damaged, truncated or not a PDF)."""


class PdfEncrypted(PdfError):
    """The PDF is encrypted; we do not stamp encrypted documents."""


class PdfOutputExists(PdfError):
    """The output file exists (or is an input file) and may not be replaced."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"output exists or is an input: {path}")


class PdfWriteFailed(PdfError):
    """The output could not be written (no such directory, no space, no permission)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")


class PageOutOfRange(PdfError):
    """A placement names a page the document does not have."""

    def __init__(self, page: int, page_count: int) -> None:
        self.page = page
        self.page_count = page_count
        super().__init__(f"page {page} is not in 1..{page_count}")


class KeywordNotFound(PdfError):
    """A keyword placement found no occurrence of its text."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"keyword not found: {text!r}")


class SealNotBound(PdfError):
    """None of the seal's allowed certificates is a signing certificate on this key."""

    def __init__(self, seal_name: str) -> None:
        self.seal_name = seal_name
        super().__init__(f"seal {seal_name!r} names no signing certificate on this key")


class PdfSigningFailed(PdfError):
    """Signing could not finish; ``service`` names the TSA/OCSP/CRL URL when one failed."""

    def __init__(self, reason: str, *, service: str | None = None) -> None:
        self.reason = reason
        self.service = service
        super().__init__(f"signing failed: {reason}" + (f" ({service})" if service else ""))


# --- workflows ---------------------------------------------------------------


class WorkflowError(NetcaError):
    """A multi-step workflow (activation, renewal, unlock…) cannot go on."""


#: why a file cannot be application material (MaterialRejected.reason)
TOO_LARGE = "too-large"
NOT_JPG_PNG_PDF = "not-jpg-png-pdf"


class MaterialRejected(WorkflowError):
    """A file cannot be uploaded as application material (type or size)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StaffLoginRequired(WorkflowError):
    """The job needs a signed-in acceptance-point staff member (none, or the session expired)."""


class KeyNotBlank(WorkflowError):
    """Provisioning needs a blank key; this one already holds ``what``."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"the key is not blank: it holds {what}")


class WrongKey(WorkflowError):
    """The key plugged in is not the one the job is about (or it was swapped mid-job)."""

    def __init__(self, expected: str, found: str) -> None:
        self.expected = expected
        self.found = found
        super().__init__(f"expected key {expected}, found {found}")


class SoPinUnusable(WorkflowError):
    """Neither SO PIN the RA released opens the key; stop before spending more SO tries."""

    def __init__(self, so_tries_left: int | None) -> None:
        self.so_tries_left = so_tries_left
        super().__init__(
            f"the released SO PIN does not open the key (SO tries left {so_tries_left})"
        )


class UserCancelled(Exception):
    """The user cancelled. An outcome, not an error, so not a NetcaError."""
