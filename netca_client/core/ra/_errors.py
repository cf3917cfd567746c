"""Maps requests' exceptions and problem+json answers to RaError leaves, in one place."""

from __future__ import annotations

import json
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from netca_client.core.errors import RaProtocolError, RaRejected, RaUnavailable

ModelT = TypeVar("ModelT", bound=BaseModel)

#: answers worth retrying (for idempotent calls only): the RA or its proxy is busy or restarting
RETRYABLE_STATUSES = frozenset({502, 503, 504})


def unavailable(exc: requests.RequestException) -> RaUnavailable:
    return RaUnavailable(f"{type(exc).__name__}: {exc}")


def rejected(response: requests.Response) -> RaRejected | RaProtocolError | RaUnavailable:
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


def parse(response: requests.Response, model: type[ModelT]) -> ModelT:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as exc:
        raise RaProtocolError(response.status_code, f"not a {model.__name__}: {exc}") from exc
