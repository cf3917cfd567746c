"""`RaClient`: the RA protocol over HTTPS. Blocking; call it from a worker, never the GUI thread.

Timeouts are explicit on every request. Only idempotent calls are retried: GETs, and the
POSTs that carry an ``Idempotency-Key`` (the same key is sent again, so the RA replays its
first answer instead of acting twice).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, TypeAdapter

from netca_client.core.errors import RaProtocolError, RaUnavailable
from netca_client.core.ra import _errors
from netca_protocol import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    ORDER_TOKEN_HEADER,
    CaCertificates,
    CertificateIn,
    CertificateOut,
    OrderCreate,
    OrderCreated,
    OrderOut,
    OtpSent,
    OtpVerified,
    OtpVerifyIn,
    PaymentIn,
    PaymentOut,
    ProfileOut,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
_PROFILES = TypeAdapter(list[ProfileOut])


def new_request_id() -> str:
    """A fresh client request id; keep it with the job so a retry after a crash reuses it."""
    return uuid.uuid4().hex


class RaClient:
    """One RA at ``base_url`` (scheme, host, port; the ``/api/v1`` prefix is added here)."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | Path | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.3,
        session: requests.Session | None = None,
    ) -> None:
        self._api = base_url.rstrip("/") + API_PREFIX
        self._timeout = (connect_timeout, read_timeout)
        self._retries = retries
        self._backoff = backoff
        self._http = session or requests.Session()
        # A CA bundle replaces the system store, so a private RA root can be pinned. It is
        # passed on every request: requests lets REQUESTS_CA_BUNDLE override Session.verify
        # (https://github.com/psf/requests/issues/3829).
        self._verify: str | bool = str(ca_bundle) if ca_bundle else True
        self._http.headers["Accept"] = "application/json, application/problem+json"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RaClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- transport ------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        retry: bool,
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        attempts = 1 + (self._retries if retry else 0)
        last: RaUnavailable | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self._backoff * (2 ** (attempt - 1)))
            try:
                response = self._http.request(
                    method,
                    self._api + path,
                    json=json_body,
                    data=data,
                    headers=headers,
                    timeout=self._timeout,
                    verify=self._verify,
                )
            except requests.RequestException as exc:
                last = _errors.unavailable(exc)
                continue
            if response.ok:
                return response
            error = _errors.rejected(response)
            if isinstance(error, RaUnavailable):
                last = error
                continue
            raise error
        assert last is not None
        raise last

    def _get(self, path: str, model: type[ModelT], *, token: str | None = None) -> ModelT:
        headers = {ORDER_TOKEN_HEADER: token} if token else None
        return _errors.parse(self._send("GET", path, retry=True, headers=headers), model)

    def _post_idempotent(
        self,
        path: str,
        model: type[ModelT],
        *,
        body: BaseModel | None,
        token: str | None,
        request_id: str | None,
    ) -> ModelT:
        headers = {IDEMPOTENCY_HEADER: request_id or new_request_id()}
        if token:
            headers[ORDER_TOKEN_HEADER] = token
        json_body = body.model_dump(mode="json") if body is not None else None
        response = self._send("POST", path, retry=True, json_body=json_body, headers=headers)
        return _errors.parse(response, model)

    # --- the protocol ---------------------------------------------------------------

    def profiles(self) -> list[ProfileOut]:
        response = self._send("GET", "/profiles", retry=True)
        try:
            return _PROFILES.validate_json(response.content)
        except ValueError as exc:
            raise RaProtocolError(response.status_code, str(exc)) from exc

    def create_order(self, order: OrderCreate, *, request_id: str | None = None) -> OrderCreated:
        """Submit an order; keep ``access_token`` from the answer, later calls need it."""
        return self._post_idempotent(
            "/orders", OrderCreated, body=order, token=None, request_id=request_id
        )

    def get_order(self, order_no: str, *, token: str | None = None) -> OrderOut:
        """业务查询: the order, its state and audit trail (the RA asks for the order's token)."""
        return self._get(f"/orders/{order_no}", OrderOut, token=token)

    def cancel_order(self, order_no: str, *, token: str, request_id: str | None = None) -> OrderOut:
        return self._post_idempotent(
            f"/orders/{order_no}/cancel", OrderOut, body=None, token=token, request_id=request_id
        )

    def report_installed(
        self, order_no: str, *, token: str, request_id: str | None = None
    ) -> OrderOut:
        return self._post_idempotent(
            f"/orders/{order_no}/installed",
            OrderOut,
            body=None,
            token=token,
            request_id=request_id,
        )

    def start_payment(
        self, order_no: str, payment: PaymentIn, *, token: str, request_id: str | None = None
    ) -> PaymentOut:
        return self._post_idempotent(
            f"/orders/{order_no}/payments",
            PaymentOut,
            body=payment,
            token=token,
            request_id=request_id,
        )

    def get_payment(self, order_no: str, payment_id: str, *, token: str) -> PaymentOut:
        return self._get(f"/orders/{order_no}/payments/{payment_id}", PaymentOut, token=token)

    def request_certificate(
        self, order_no: str, csr_pem: str, *, token: str, request_id: str | None = None
    ) -> CertificateOut:
        return self._post_idempotent(
            f"/orders/{order_no}/certificate",
            CertificateOut,
            body=CertificateIn(csr_pem=csr_pem),
            token=token,
            request_id=request_id,
        )

    def send_otp(self, order_no: str, *, token: str, request_id: str | None = None) -> OtpSent:
        return self._post_idempotent(
            f"/orders/{order_no}/otp", OtpSent, body=None, token=token, request_id=request_id
        )

    def verify_otp(self, order_no: str, code: str, *, token: str) -> OtpVerified:
        """Not retried: each try counts against the code's attempt limit."""
        response = self._send(
            "POST",
            f"/orders/{order_no}/otp/verify",
            retry=False,
            json_body=OtpVerifyIn(code=code).model_dump(),
            headers={ORDER_TOKEN_HEADER: token},
        )
        return _errors.parse(response, OtpVerified)

    def ca_certificates(self) -> CaCertificates:
        return self._get("/ca/certificates", CaCertificates)

    def time_stamp(self, query_der: bytes) -> bytes:
        """An RFC 3161 TimeStampResp for a TimeStampReq (DER in, DER out)."""
        response = self._send(
            "POST",
            "/ca/tsa",
            retry=True,
            data=query_der,
            headers={"Content-Type": "application/timestamp-query"},
        )
        return response.content
