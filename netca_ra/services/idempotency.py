"""Idempotent state changes: the first answer to an ``Idempotency-Key`` is stored and replayed.

Who is asking is checked first, on every call, replays included: a stored answer is bound to
its caller (the holder of an order token, a staff member, or anyone for public calls) and is
never handed to another. Stored answers hold no bearer secret: each secret in an answer is
HMAC(secret_key, seed) for a random seed, and the record keeps only the seed in the secret's
place, so neither the database nor its backups can be replayed into an order token or a
payment link (docs/ra-protocol.md, "Idempotency").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol.errors import ErrorCode
from netca_protocol.limits import IDEMPOTENCY_KEY_PATTERN
from netca_ra.errors import ApiError
from netca_ra.models import IdempotencyRecord

#: what an Idempotency-Key may be; the header's OpenAPI pattern too (netca_protocol.limits)
KEY_PATTERN = re.compile(IDEMPOTENCY_KEY_PATTERN)
#: the caller of public calls (no token): anyone who sends the same key and body
ANYONE = "anyone"
_SEALED = "sealed:"
_CHECK_CHARS = 16


def check_key(key: str | None) -> str:
    if key is None:
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_MISSING, 400, "state-changing requests need Idempotency-Key"
        )
    if not KEY_PATTERN.fullmatch(key):
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_MISSING, 400, "Idempotency-Key: 8-128 of [A-Za-z0-9_.:-]"
        )
    return key


def request_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True)
class IdempotentCall:
    """One state-changing call as the store knows it: the client's key and what it asked."""

    key: str
    fingerprint: str

    @classmethod
    def of(cls, key: str | None, asked: BaseModel | str) -> IdempotentCall:
        """The call for ``key`` (400 when missing or malformed) asking ``asked``: the request
        body as a model (fingerprinted in its normal JSON form, so a retry may format its JSON
        differently), or a text naming a call without a body."""
        text = asked.model_dump_json() if isinstance(asked, BaseModel) else asked
        return cls(check_key(key), request_fingerprint(text.encode("utf-8")))


def caller_id(kind: str, secret_or_id: str) -> str:
    """A stable, non-secret name for a caller (an order token is hashed, never stored)."""
    return kind + ":" + hashlib.sha256(secret_or_id.encode("utf-8")).hexdigest()[:40]


def bearer_secret(key: bytes, seed: str) -> str:
    """The bearer secret for ``seed``: 43 characters of base64url, 256 bits."""
    digest = hmac.new(key, b"netca-ra bearer\0" + seed.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _check(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()[:_CHECK_CHARS]


@dataclass
class Sealer:
    """Hands out the bearer secrets of one answer, remembering how to rebuild each."""

    key: bytes
    issued: list[tuple[str, str]] = field(default_factory=list)

    def new_secret(self) -> str:
        seed = secrets.token_hex(16)
        secret = bearer_secret(self.key, seed)
        self.issued.append((seed, secret))
        return secret

    def seal(self, body: str) -> tuple[str, str]:
        """The body with every secret replaced by its seed, and the record of the seeds."""
        kept = []
        for seed, secret in self.issued:
            if secret in body:
                body = body.replace(secret, _SEALED + seed)
                kept.append(f"{seed}.{_check(secret)}")
        return body, ",".join(kept)


def _unseal(key: bytes, body: str, sealed: str) -> str:
    for item in filter(None, sealed.split(",")):
        seed, _, check = item.partition(".")
        secret = bearer_secret(key, seed)
        if not hmac.compare_digest(_check(secret), check):
            raise ApiError(
                ErrorCode.IDEMPOTENCY_ANSWER_GONE,
                409,
                "the stored answer held a secret that the RA can no longer rebuild (its secret "
                "key changed); this request was carried out already",
            )
        body = body.replace(_SEALED + seed, secret)
    return body


@dataclass(frozen=True)
class Once:
    """One idempotent call: what it is (scope), its key and fingerprint, how to name the caller."""

    scope: str
    call: IdempotentCall
    #: checks who is asking (raising 401/403) and names them; runs before any replay
    caller: Callable[[Session], str]
    #: the HTTP status of the answer, kept with it (the route answers with the same one)
    status_code: int = 201


Answer = TypeVar("Answer", bound=BaseModel)


def run_once(
    sessions: sessionmaker[Session],
    once: Once,
    action: Callable[[Session, Sealer], Answer],
    *,
    answer: type[Answer],
    seal_key: bytes,
) -> Answer:
    """Run ``action`` in one transaction with the record of its answer, or replay that answer
    to the same caller."""
    check_key(once.call.key)
    try:
        with sessions.begin() as session:
            caller = once.caller(session)
            replay = _stored(session, once, caller=caller, answer=answer, seal_key=seal_key)
            if replay is not None:
                return replay
            sealer = Sealer(seal_key)
            fresh = action(session, sealer)
            stored, sealed = sealer.seal(fresh.model_dump_json())
            session.add(
                IdempotencyRecord(
                    scope=once.scope,
                    key=once.call.key,
                    request_hash=once.call.fingerprint,
                    caller=caller,
                    status_code=once.status_code,
                    response_body=stored,
                    sealed=sealed,
                )
            )
            return fresh
    except IntegrityError:
        # A concurrent request with the same key committed first; its answer is ours.
        with sessions.begin() as session:
            caller = once.caller(session)
            replay = _stored(session, once, caller=caller, answer=answer, seal_key=seal_key)
        if replay is None:
            raise
        return replay


def _stored(
    session: Session, once: Once, *, caller: str, answer: type[Answer], seal_key: bytes
) -> Answer | None:
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.scope == once.scope, IdempotencyRecord.key == once.call.key
        )
    )
    if record is None:
        return None
    if not hmac.compare_digest(
        record.request_hash, once.call.fingerprint
    ) or not hmac.compare_digest(record.caller, caller):
        raise ApiError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            422,
            "this Idempotency-Key was used for a different request",
        )
    body = _unseal(seal_key, record.response_body, record.sealed)
    try:
        return answer.model_validate_json(body)
    except ValidationError as exc:
        # An answer stored by an earlier release that today's model refuses (a name with
        # characters refused since, say): the same refusal as an answer that cannot be rebuilt.
        raise ApiError(
            ErrorCode.IDEMPOTENCY_ANSWER_GONE,
            409,
            "the stored answer no longer reads as this version's answer; this request was "
            "carried out already",
        ) from exc
