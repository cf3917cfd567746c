"""The demo web site's side of a key login: one-time challenges, and the checks a site must
make on the signed answer before it believes who logged in.

1. the challenge is one this site issued, unused, and younger than CHALLENGE_LIFETIME;
2. the CMS SignedData verifies (message digest and the signer's signature);
3. what was signed is the login statement for *this* site's origin and that challenge;
4. the signing time is within CLOCK_SKEW of now;
5. the signer's certificate chains to the demo CA (valid now, CA flags, digitalSignature);
6. the RA's OCSP responder says "good" in a response signed by the issuing CA, fresh.

Any thread: a lock guards the challenges.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import secrets
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from netca_client.core.certs import find_uscc
from netca_client.core.weblogin.cms import (
    SignedDataInvalid,
    parse_login_statement,
    verify_signed_data,
)

CHALLENGE_LIFETIME = 120.0  # seconds
CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_CHALLENGES = 10_000


class LoginRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class LoggedIn:
    subject: str
    organisation: str
    org_code: str | None
    serial: str
    issuer: str


class LoginVerifier:
    def __init__(
        self,
        *,
        origin: str,
        roots: Sequence[x509.Certificate],
        intermediates: Sequence[x509.Certificate],
        ocsp_url: str | None = None,
        fetch: Callable[[str, bytes], bytes] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.origin = origin
        self.roots = list(roots)
        self.intermediates = list(intermediates)
        self.ocsp_url = ocsp_url
        self._fetch = fetch or _post
        self._clock = clock
        self._lock = threading.Lock()
        self._challenges: dict[str, float] = {}

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._clock(), dt.UTC)

    def issue_challenge(self) -> str:
        challenge = secrets.token_urlsafe(32)
        with self._lock:
            if len(self._challenges) >= MAX_CHALLENGES:
                self._expire()
            self._challenges[challenge] = self._clock()
        return challenge

    def _expire(self) -> None:
        cutoff = self._clock() - CHALLENGE_LIFETIME
        for challenge in [c for c, at in self._challenges.items() if at < cutoff]:
            del self._challenges[challenge]

    def _spend(self, challenge: str) -> None:
        with self._lock:
            issued = self._challenges.pop(challenge, None)
        if issued is None:
            raise LoginRefused("challenge_unknown", "unknown or already used challenge")
        if self._clock() - issued > CHALLENGE_LIFETIME:
            raise LoginRefused("challenge_expired", "the challenge has expired")

    def verify(self, *, challenge: str, signed_data: str) -> LoggedIn:
        self._spend(challenge)  # first: a refused answer spends its challenge too
        try:
            der = base64.b64decode(signed_data, validate=True)
            verified = verify_signed_data(der)
            origin, signed_challenge = parse_login_statement(verified.content)
        except (binascii.Error, ValueError) as exc:  # SignedDataInvalid is a ValueError
            code = "signature_invalid" if isinstance(exc, SignedDataInvalid) else "bad_request"
            raise LoginRefused(code, str(exc)) from exc
        if origin != self.origin:
            raise LoginRefused("origin_mismatch", f"signed for {origin}, not {self.origin}")
        if not secrets.compare_digest(signed_challenge, challenge):
            raise LoginRefused("challenge_mismatch", "signed another challenge")
        now = self.now()
        when = verified.signing_time
        if when is None or abs(when - now) > CLOCK_SKEW:
            raise LoginRefused("signing_time", "the signing time is missing or not now")
        leaf = verified.signer
        issuer = self._chain(leaf, verified.certificates, now)
        self._check_ocsp(leaf, issuer, now)
        subject = leaf.subject
        return LoggedIn(
            subject=_attr(subject, NameOID.COMMON_NAME),
            organisation=_attr(subject, NameOID.ORGANIZATION_NAME),
            org_code=find_uscc(subject.rfc4514_string()),
            serial=format(leaf.serial_number, "X"),
            issuer=_attr(leaf.issuer, NameOID.COMMON_NAME),
        )

    def _chain(
        self, leaf: x509.Certificate, carried: Sequence[x509.Certificate], now: dt.datetime
    ) -> x509.Certificate:
        """The leaf's issuer, once the path leaf → … → a demo root holds."""
        _valid_now(leaf, now)
        try:
            usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
            if not usage.digital_signature:
                raise LoginRefused("certificate_usage", "the certificate may not sign")
        except x509.ExtensionNotFound:
            pass
        pool = [*self.intermediates, *carried]
        current, issuer = leaf, None
        for _ in range(5):
            for root in self.roots:
                if _issued_by(current, root):
                    _valid_now(root, now)
                    return issuer or root
            parent = next((c for c in pool if c != current and _issued_by(current, c)), None)
            if parent is None or not _is_ca(parent):
                break
            _valid_now(parent, now)
            issuer = issuer or parent
            current = parent
        raise LoginRefused("untrusted", "the certificate does not chain to the demo CA")

    def _check_ocsp(
        self, leaf: x509.Certificate, issuer: x509.Certificate, now: dt.datetime
    ) -> None:
        url = self.ocsp_url or _ocsp_url(leaf)
        if url is None:
            raise LoginRefused("revocation_unknown", "no OCSP responder for the certificate")
        nonce = secrets.token_bytes(16)
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(leaf, issuer, hashes.SHA256())
            .add_extension(x509.OCSPNonce(nonce), critical=False)
            .build()
        )
        try:
            answer = ocsp.load_der_ocsp_response(
                self._fetch(url, request.public_bytes(Encoding.DER))
            )
        except (OSError, ValueError) as exc:
            raise LoginRefused("revocation_unknown", f"OCSP: {exc}") from exc
        if answer.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
            raise LoginRefused("revocation_unknown", f"OCSP: {answer.response_status.name}")
        if answer.serial_number != leaf.serial_number:
            raise LoginRefused("revocation_unknown", "OCSP answered about another certificate")
        _check_responder(answer, issuer)
        try:
            echoed = answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
        except x509.ExtensionNotFound:
            echoed = b""
        if not secrets.compare_digest(echoed, nonce):  # an old answer replayed
            raise LoginRefused("revocation_unknown", "the OCSP answer is not for this request")
        this_update = answer.this_update_utc
        next_update = answer.next_update_utc
        if this_update > now + CLOCK_SKEW or (next_update is not None and next_update < now):
            raise LoginRefused("revocation_unknown", "the OCSP answer is not current")
        if answer.certificate_status is ocsp.OCSPCertStatus.REVOKED:
            raise LoginRefused("revoked", "the certificate is revoked")
        if answer.certificate_status is not ocsp.OCSPCertStatus.GOOD:
            raise LoginRefused("revocation_unknown", "OCSP does not know the certificate")


def _post(url: str, body: bytes) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - the demo RA's OCSP over http(s)
        url, data=body, headers={"Content-Type": "application/ocsp-request"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return bytes(response.read())


def _ocsp_url(cert: x509.Certificate) -> str | None:
    try:
        access = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return None
    for description in access:
        if description.access_method == AuthorityInformationAccessOID.OCSP:
            return str(description.access_location.value)
    return None


def _check_responder(answer: ocsp.OCSPResponse, issuer: x509.Certificate) -> None:
    """Signed by the issuing CA itself (as the demo RA answers)."""
    public = issuer.public_key()
    algorithm = answer.signature_hash_algorithm
    if algorithm is None:
        raise LoginRefused("revocation_unknown", "OCSP answer without a hash algorithm")
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(
                answer.signature, answer.tbs_response_bytes, padding.PKCS1v15(), algorithm
            )
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(answer.signature, answer.tbs_response_bytes, ec.ECDSA(algorithm))
        else:
            raise LoginRefused("revocation_unknown", "unsupported OCSP signer key")
    except InvalidSignature as exc:
        raise LoginRefused("revocation_unknown", "the OCSP answer's signature fails") from exc


def _valid_now(cert: x509.Certificate, now: dt.datetime) -> None:
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise LoginRefused("certificate_expired", "a certificate of the chain is not valid now")


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _issued_by(child: x509.Certificate, parent: x509.Certificate) -> bool:
    if child.issuer != parent.subject:
        return False
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
