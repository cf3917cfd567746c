"""What the bridge does for an allowed page: list keys, sign a login or data, verify, open a
page. Runs on the bridge's event loop; every blocking core call goes to a worker thread
(``asyncio.to_thread``), and every PKCS#11 call from there to the key's token thread.

Errors a page may see are BridgeRefusal (a code from messages.ErrorCode and a log-safe
English message); nothing else leaves this module towards a page.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import collections
import datetime as dt
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from netca_client.core import errors
from netca_client.core.certs import CertificateSummary, key_certificates, summarize
from netca_client.core.seals import SealTrust
from netca_client.core.token import KeyRef, PinStatus, TokenLibrary
from netca_client.core.weblogin.cms import (
    SignedDataInvalid,
    build_signed_data,
    login_statement,
    verify_signed_data,
)
from netca_client.web.host import BridgeHost, PinAnswer, SignPrompt
from netca_client.web.messages import (
    CertificateInfo,
    ErrorCode,
    KeyInfo,
    KeysResult,
    LoginRequest,
    OpenPageRequest,
    SignedResult,
    SignRequest,
    VerifyRequest,
    VerifyResult,
)

log = logging.getLogger(__name__)

#: a challenge signed for an origin is refused again for this long (and at most this many)
REPLAY_WINDOW = 15 * 60
REPLAY_MEMORY = 4096


class BridgeRefusal(Exception):
    """An answer a page gets instead of a result."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class KeyCertificates:
    key: KeyRef
    certificates: tuple[CertificateSummary, ...]


def certificate_info(summary: CertificateSummary) -> CertificateInfo:
    return CertificateInfo(
        id=summary.sha256,
        subject=summary.subject_cn,
        organisation=summary.subject_o,
        organisation_unit=summary.subject_ou,
        org_code=summary.org_code,
        issuer=summary.issuer_cn,
        serial=summary.serial,
        not_before=summary.not_before.isoformat(),
        not_after=summary.not_after.isoformat(),
        usage=summary.purpose.value,
        algorithm=f"{summary.key_algorithm}-{summary.key_size}",
        certificate=base64.b64encode(summary.der).decode("ascii"),
    )


def key_info(found: KeyCertificates) -> KeyInfo:
    key = found.key
    return KeyInfo(
        serial=key.serial,
        label=key.label,
        model=key.model,
        certificates=[certificate_info(c) for c in found.certificates],
    )


class ReplayMemory:
    """Challenges signed lately, per origin (SHA-256 of origin and challenge)."""

    def __init__(self, *, window: float = REPLAY_WINDOW, size: int = REPLAY_MEMORY) -> None:
        self._window = window
        self._seen: collections.OrderedDict[bytes, float] = collections.OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    @staticmethod
    def _digest(origin: str, challenge: str) -> bytes:
        return hashlib.sha256(f"{origin}\n{challenge}".encode()).digest()

    def seen(self, origin: str, challenge: str) -> bool:
        now = time.monotonic()
        with self._lock:
            while self._seen and next(iter(self._seen.values())) < now - self._window:
                self._seen.popitem(last=False)
            return self._digest(origin, challenge) in self._seen

    def remember(self, origin: str, challenge: str) -> None:
        with self._lock:
            self._seen[self._digest(origin, challenge)] = time.monotonic()
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)


class BridgeActions:
    """The requests of allowed pages, one method each."""

    def __init__(
        self,
        *,
        library: Callable[[], TokenLibrary | None],
        host: BridgeHost,
        trust: Callable[[], SealTrust | None],
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._library = library
        self._host = host
        self._trust = trust
        self._clock = clock
        self.replays = ReplayMemory()
        #: one PIN dialog at a time: a second signature is BUSY, not a second dialog
        self._signing = asyncio.Lock()

    def _loaded(self) -> TokenLibrary:
        library = self._library()
        if library is None:
            raise BridgeRefusal(ErrorCode.FAILED, "the key driver is not loaded yet")
        return library

    # --- reading ---------------------------------------------------------------------------

    async def read_keys(self) -> list[KeyCertificates]:
        library = self._loaded()
        return await asyncio.to_thread(_read_keys, library)

    async def keys(self) -> KeysResult:
        return KeysResult(keys=[key_info(found) for found in await self.read_keys()])

    async def _find(self, certificate_id: str) -> tuple[KeyRef, CertificateSummary]:
        for found in await self.read_keys():
            for cert in found.certificates:
                if cert.sha256 == certificate_id:
                    if not cert.key_id:
                        break
                    return found.key, cert
        raise BridgeRefusal(
            ErrorCode.CERTIFICATE_NOT_FOUND, "no plugged key holds that certificate's key"
        )

    # --- signing -------------------------------------------------------------------------

    async def login(self, origin: str, request: LoginRequest) -> SignedResult:
        if self.replays.seen(origin, request.challenge):
            raise BridgeRefusal(ErrorCode.CHALLENGE_REPLAYED, "this challenge was signed before")
        content = login_statement(origin=origin, challenge=request.challenge)
        key, cert = await self._find(request.certificate)
        prompt = SignPrompt(
            origin=origin,
            key=key,
            certificate=cert,
            kind="login",
            text=content.decode(),
            digest=hashlib.sha256(content).hexdigest(),
        )
        result = await self._sign(prompt, content, detached=request.detached)
        self.replays.remember(origin, request.challenge)
        return result.model_copy(update={"content": content.decode()})

    async def sign(self, origin: str, request: SignRequest) -> SignedResult:
        try:
            data = base64.b64decode(request.data, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BridgeRefusal(ErrorCode.BAD_REQUEST, "data is not base64") from exc
        key, cert = await self._find(request.certificate)
        prompt = SignPrompt(
            origin=origin,
            key=key,
            certificate=cert,
            kind="data",
            text=request.description,
            digest=hashlib.sha256(data).hexdigest(),
        )
        return await self._sign(prompt, data, detached=request.detached)

    async def _sign(self, prompt: SignPrompt, content: bytes, *, detached: bool) -> SignedResult:
        if self._signing.locked():
            raise BridgeRefusal(ErrorCode.BUSY, "another signature is waiting for the user")
        async with self._signing:
            library = self._loaded()
            key = prompt.key
            error: errors.NetcaError | None = None
            while True:
                status = await self._pin_status(library, key)
                if status is not None and status.locked:
                    raise BridgeRefusal(ErrorCode.PIN_LOCKED, "the key's PIN is locked")
                answer = await asyncio.wrap_future(
                    self._host.ask_pin(prompt, status=status, error=error)
                )
                if answer is None:
                    if not await self._present(library, key):
                        raise BridgeRefusal(ErrorCode.KEY_REMOVED, "the key was unplugged")
                    raise BridgeRefusal(ErrorCode.CANCELLED, "the user cancelled")
                try:
                    signed_at = self._clock()
                    der = await asyncio.wrap_future(
                        library.submit_for(
                            key, _sign_job, library, key, prompt, content, signed_at, detached,
                            answer,
                        )
                    )  # fmt: skip
                except (errors.PinIncorrect, errors.PinPolicyViolation) as exc:
                    self._host.key_used(key)
                    if isinstance(exc, errors.PinIncorrect) and exc.tries_left == 0:
                        raise BridgeRefusal(
                            ErrorCode.PIN_LOCKED, "the key's PIN is locked"
                        ) from exc
                    error = exc  # asked again, with why
                    continue
                except errors.PinLocked as exc:
                    self._host.key_used(key)
                    raise BridgeRefusal(ErrorCode.PIN_LOCKED, "the key's PIN is locked") from exc
                except (errors.KeyRemoved, errors.KeyNotFound) as exc:
                    raise BridgeRefusal(ErrorCode.KEY_REMOVED, "the key was unplugged") from exc
                except errors.NetcaError as exc:
                    if not await self._present(library, key):
                        raise BridgeRefusal(ErrorCode.KEY_REMOVED, "the key was unplugged") from exc
                    raise BridgeRefusal(ErrorCode.FAILED, str(exc)) from exc
                finally:
                    del answer  # the PIN goes no further than the job
                self._host.key_used(key)
                return SignedResult(
                    signed_data=base64.b64encode(der).decode("ascii"),
                    certificate=base64.b64encode(prompt.certificate.der).decode("ascii"),
                    signing_time=signed_at.replace(microsecond=0).isoformat(),
                )

    async def _pin_status(self, library: TokenLibrary, key: KeyRef) -> PinStatus | None:
        def read(library: TokenLibrary) -> PinStatus:
            with library.open(key) as session:
                return session.pin_status()

        try:
            return await asyncio.wrap_future(library.submit_for(key, read, library))
        except (errors.KeyRemoved, errors.KeyNotFound) as exc:
            raise BridgeRefusal(ErrorCode.KEY_REMOVED, "the key was unplugged") from exc
        except errors.NetcaError:
            return None  # the dialog shows no count; the login will tell

    async def _present(self, library: TokenLibrary, key: KeyRef) -> bool:
        keys = await asyncio.to_thread(library.keys)
        return any(k.identity == key.identity for k in keys)

    # --- verify and pages ----------------------------------------------------------------

    async def verify(self, request: VerifyRequest) -> VerifyResult:
        try:
            der = base64.b64decode(request.signed_data, validate=True)
            data = base64.b64decode(request.data, validate=True) if request.data else None
        except (binascii.Error, ValueError) as exc:
            raise BridgeRefusal(ErrorCode.BAD_REQUEST, "signed_data or data is not base64") from exc
        trust = self._trust()
        return await asyncio.to_thread(_verify, der, data, trust, self._clock())

    async def open_page(self, request: OpenPageRequest) -> None:
        for found in await self.read_keys():
            if found.key.serial == request.key:
                opened = await asyncio.wrap_future(
                    self._host.open_page(request.page.value, found.key)
                )
                if not opened:
                    raise BridgeRefusal(
                        ErrorCode.UNSUPPORTED_PAGE, f"this client has no {request.page} page"
                    )
                return
        raise BridgeRefusal(ErrorCode.KEY_NOT_FOUND, "no plugged key has that serial")


def _read_keys(library: TokenLibrary) -> list[KeyCertificates]:
    """Every plugged key's certificates; a key that goes away meanwhile is left out."""
    found = []
    for key in library.keys():
        if not key.initialized:
            continue

        def read(library: TokenLibrary, key: KeyRef = key) -> list[CertificateSummary]:
            with library.open(key) as session:
                return key_certificates(session)

        try:
            certificates = library.submit_for(key, read, library).result()
        except errors.TokenError as exc:
            log.info("key %s not listed: %s", key.serial, exc)
            continue
        found.append(KeyCertificates(key, tuple(certificates)))
    return found


def _sign_job(
    library: TokenLibrary,
    key: KeyRef,
    prompt: SignPrompt,
    content: bytes,
    signed_at: dt.datetime,
    detached: bool,
    answer: PinAnswer,
) -> bytes:
    """On the key's token thread: log in, sign, log out (leaving the session)."""
    certificate = x509.load_der_x509_certificate(prompt.certificate.der)
    with library.open(key) as session:
        session.login(answer.pin, allow_final_try=answer.final_try)

        def sign(data: bytes) -> tuple[bytes, str]:
            signature = session.sign(data, key_id=prompt.certificate.key_id)
            return signature.value, signature.algorithm

        return build_signed_data(
            content=content,
            certificate=certificate,
            sign=sign,
            signing_time=signed_at,
            detached=detached,
        )


def _verify(
    der: bytes, data: bytes | None, trust: SealTrust | None, now: dt.datetime
) -> VerifyResult:
    try:
        verified = verify_signed_data(der, detached_content=data)
    except SignedDataInvalid as exc:
        return VerifyResult(valid=False, reason=str(exc))
    signer = summarize(verified.signer, now=now)
    return VerifyResult(
        valid=True,
        signer=certificate_info(signer),
        signing_time=verified.signing_time.isoformat() if verified.signing_time else None,
        trusted=_chains_to(verified.signer, verified.certificates, trust, now),
        content=(base64.b64encode(verified.content).decode("ascii") if data is None else None),
    )


def _chains_to(
    leaf: x509.Certificate,
    carried: tuple[x509.Certificate, ...],
    trust: SealTrust | None,
    now: dt.datetime,
) -> bool:
    """Whether ``leaf`` chains to one of the client's trusted roots, every link valid now."""
    if trust is None:
        return False
    roots = list(trust.roots)
    pool = [*carried, *trust.intermediates]
    current = leaf
    for _ in range(6):
        if not current.not_valid_before_utc <= now <= current.not_valid_after_utc:
            return False
        for root in roots:
            if _issued_by(current, root):
                return root.not_valid_before_utc <= now <= root.not_valid_after_utc
        parent = next((c for c in pool if c != current and _issued_by(current, c)), None)
        if parent is None:
            return False
        current = parent
    return False


def _issued_by(child: x509.Certificate, parent: x509.Certificate) -> bool:
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
