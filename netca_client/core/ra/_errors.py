"""Maps requests' exceptions and problem+json answers to RaError leaves, in one place."""

from __future__ import annotations

import json
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from netca_client.core.errors import ConfigError, RaProtocolError, RaRejected, RaUnavailable
from netca_client.core.ra._transport import Answer as Response
from netca_client.core.ra._transport import (
    AnswerTooLarge,
    DeadlinePassed,
    InsecureUrl,
    Redirected,
)

ModelT = TypeVar("ModelT", bound=BaseModel)

#: answers worth retrying (for idempotent calls only): the RA or its proxy is busy or restarting
RETRYABLE_STATUSES = frozenset({502, 503, 504})


def unavailable(exc: requests.RequestException | DeadlinePassed) -> RaUnavailable:
    return RaUnavailable(f"{type(exc).__name__}: {exc}")


def refused_answer(exc: AnswerTooLarge | Redirected) -> RaProtocolError:
    """An answer the client will not take: a redirect, or one larger than its limit."""
    return RaProtocolError(exc.status if isinstance(exc, Redirected) else 200, str(exc))


def insecure(exc: InsecureUrl) -> ConfigError:
    return ConfigError(str(exc))


def rejected(response: Response) -> RaRejected | RaProtocolError | RaUnavailable:
    """The error for a non-2xx answer: RaRejected when it is problem+json with a code."""
    content_type = response.headers.get("Content-Type", "")
    if content_type.startswith("application/problem+json"):
        try:
            body = response.json()
        except (json.JSONDecodeError, ValueError):
            body = None
        if isinstance(body, dict) and isinstance(body.get("code"), str):
            detail = body.get("detail")
            return RaRejected(
                body["code"],
                detail if isinstance(detail, str) else "",
                status=response.status_code,
            )
    if response.status_code in RETRYABLE_STATUSES:
        return RaUnavailable(f"RA answered {response.status_code}")
    return RaProtocolError(response.status_code, response.text[:200])


def parse(response: Response, model: type[ModelT]) -> ModelT:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise RaProtocolError(response.status_code, f"not a {model.__name__}: {exc}") from exc
