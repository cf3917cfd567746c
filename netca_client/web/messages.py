"""The loopback bridge's wire contract: one pydantic model per request a page may send, the
results, the events and the error codes. docs/web-bridge.md prints their JSON schemas
(tools/web_bridge_schema.py writes them; a test checks the document is current).

Pure data: any thread.
"""

from __future__ import annotations

import enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

PROTOCOL_VERSION = 1
SERVICE_NAME = "netca-client"
#: a challenge: what a site's random value looks like in base64, base64url or hex
CHALLENGE_PATTERN = r"^[A-Za-z0-9._~+/=-]{16,512}$"
CERTIFICATE_ID_PATTERN = r"^[0-9a-f]{64}$"
#: data to sign: at most 1 MiB (base64 in the message)
MAX_SIGN_BYTES = 1024 * 1024
MAX_MESSAGE_BYTES = 2 * 1024 * 1024

RequestId = Annotated[int | str, Field(description="chosen by the page, echoed in the answer")]


class ErrorCode(enum.StrEnum):
    NOT_ALLOWED = "not_allowed"  # the origin may not use the key (and learns nothing more)
    BAD_REQUEST = "bad_request"  # the message does not match its schema
    RATE_LIMITED = "rate_limited"
    BUSY = "busy"  # another signature is waiting for the user
    CANCELLED = "cancelled"  # the user closed the PIN dialog
    KEY_NOT_FOUND = "key_not_found"
    CERTIFICATE_NOT_FOUND = "certificate_not_found"
    KEY_REMOVED = "key_removed"  # unplugged before or during the signature
    PIN_LOCKED = "pin_locked"
    CHALLENGE_REPLAYED = "challenge_replayed"  # this origin had the challenge signed before
    UNSUPPORTED_PAGE = "unsupported_page"
    FAILED = "failed"  # the key or the client could not do it; message says why


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: RequestId


class HelloRequest(_Request):
    """First message: asks for consent when the origin is not on the allow-list yet."""

    type: Literal["hello"]
    sdk: str | None = Field(default=None, max_length=40)


class KeysRequest(_Request):
    """The plugged keys and their certificates (public data only)."""

    type: Literal["keys"]


class SubscribeRequest(_Request):
    """From now on, key_inserted and key_removed events on this connection."""

    type: Literal["subscribe"]


class LoginRequest(_Request):
    """Sign a login statement (origin + challenge) with this certificate's key."""

    type: Literal["login"]
    certificate: str = Field(pattern=CERTIFICATE_ID_PATTERN, description="its id (SHA-256)")
    challenge: str = Field(pattern=CHALLENGE_PATTERN)
    detached: bool = Field(default=False, description="leave the statement out of the CMS")


class SignRequest(_Request):
    """Sign data the page gives; the PIN dialog shows its digest and the description."""

    type: Literal["sign"]
    certificate: str = Field(pattern=CERTIFICATE_ID_PATTERN)
    data: str = Field(max_length=(MAX_SIGN_BYTES * 4) // 3 + 4, description="base64")
    description: str = Field(min_length=1, max_length=200)
    detached: bool = True


class VerifyRequest(_Request):
    """Check a CMS SignedData: signature, signer, and whether the client trusts its chain."""

    type: Literal["verify"]
    signed_data: str = Field(max_length=MAX_MESSAGE_BYTES, description="base64 DER")
    data: str | None = Field(default=None, description="base64; needed when detached")


class Page(enum.StrEnum):
    RENEWAL = "renewal"
    SEAL_INSTALL = "seal_install"
    FORGOT_PIN = "forgot_pin"


class OpenPageRequest(_Request):
    """Open a client page for a plugged key (the window comes to the front)."""

    type: Literal["open"]
    page: Page
    key: str = Field(min_length=1, max_length=64, description="the key's serial")


Request = Annotated[
    HelloRequest
    | KeysRequest
    | SubscribeRequest
    | LoginRequest
    | SignRequest
    | VerifyRequest
    | OpenPageRequest,
    Field(discriminator="type"),
]
REQUESTS: TypeAdapter[Request] = TypeAdapter(Request)

# --- answers -----------------------------------------------------------------------------


class CertificateInfo(BaseModel):
    id: str = Field(description="SHA-256 of the DER, hex; names the certificate in requests")
    subject: str
    organisation: str
    organisation_unit: str
    org_code: str | None = Field(description="统一社会信用代码 when the certificate has one")
    issuer: str
    serial: str = Field(description="hex")
    not_before: str
    not_after: str
    usage: str = Field(description="signing, encryption, both or unknown")
    algorithm: str
    certificate: str = Field(description="base64 DER")


class KeyInfo(BaseModel):
    serial: str
    label: str
    model: str
    certificates: list[CertificateInfo]


class HelloResult(BaseModel):
    service: str = SERVICE_NAME
    version: str
    protocol: int = PROTOCOL_VERSION
    origin: str = Field(description="the origin the client knows this page by")


class KeysResult(BaseModel):
    keys: list[KeyInfo]


class SignedResult(BaseModel):
    signed_data: str = Field(description="base64 DER CMS ContentInfo(SignedData)")
    certificate: str = Field(description="base64 DER of the signer's certificate")
    signing_time: str
    content: str | None = Field(
        default=None, description="login only: the statement signed (UTF-8 text)"
    )


class VerifyResult(BaseModel):
    valid: bool
    reason: str | None = None
    signer: CertificateInfo | None = None
    signing_time: str | None = None
    trusted: bool = Field(default=False, description="chains to a root the client trusts")
    content: str | None = Field(default=None, description="base64, when attached")


class EmptyResult(BaseModel):
    pass


class ErrorBody(BaseModel):
    code: ErrorCode
    message: str


class ResultMessage(BaseModel):
    id: RequestId | None
    type: Literal["result"] = "result"
    result: dict[str, object]


class ErrorMessage(BaseModel):
    id: RequestId | None
    type: Literal["error"] = "error"
    error: ErrorBody


class KeyEventMessage(BaseModel):
    type: Literal["event"] = "event"
    event: Literal["key_inserted", "key_removed"]
    key: KeyInfo
