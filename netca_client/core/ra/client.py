"""`RaClient`: the RA protocol over HTTPS. Blocking; call it from a worker, never the GUI thread.

Timeouts are explicit on every request, and each call has an overall deadline (retries
included). Redirects are never followed, so tokens go to the RA's origin only; answers are
read up to a size limit; plain http is refused unless the RA is on this machine (see
_transport). Only idempotent calls are retried: GETs, and the POSTs that carry an
``Idempotency-Key`` (the same key is sent again, so the RA replays its first answer instead of
acting twice).
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, TypeAdapter

from netca_client.core.errors import RaProtocolError, RaUnavailable
from netca_client.core.ra import _errors, _transport
from netca_client.core.ra._transport import Answer
from netca_client.core.ra.seal_calls import SealCalls
from netca_protocol import (
    API_PREFIX,
    IDEMPOTENCY_HEADER,
    ORDER_TOKEN_HEADER,
    CertificateOut,
    OrderCreate,
    OrderCreated,
    OrderOut,
    OtpVerified,
    OtpVerifyIn,
    ProfileOut,
)
from netca_protocol.models import (
    REQUEST_TOKEN_HEADER,
    STAFF_AUTH_SCHEME,
    KeyOut,
    KeyRegisterIn,
    KeyRequestConfirm,
    KeyRequestCreate,
    KeyRequestOut,
    MaterialOut,
    OtpCodeIn,
    ProvisionIn,
    ProvisionTicket,
    SoPinRelease,
    StaffCertificateIn,
    StaffLoginIn,
    StaffSessionOut,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
_PROFILES = TypeAdapter(list[ProfileOut])


def new_request_id() -> str:
    """A fresh client request id; keep it with the job so a retry after a crash reuses it."""
    return uuid.uuid4().hex


class RaClient(SealCalls):
    """One RA at ``base_url`` (scheme, host, port; the ``/api/v1`` prefix is added here)."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_bundle: str | Path | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        deadline: float = _transport.DEFAULT_DEADLINE,
        max_answer_bytes: int = _transport.MAX_ANSWER_BYTES,
        retries: int = 2,
        backoff: float = 0.3,
        session: requests.Session | None = None,
        allow_http: bool | None = None,
    ) -> None:
        """``deadline`` bounds a whole call, retries included; ``allow_http`` (default: the
        NETCA_RA_ALLOW_HTTP environment variable is 1) permits plain http to another host."""
        if allow_http is None:
            allow_http = os.environ.get(_transport.ALLOW_HTTP_ENV) == "1"
        try:
            _transport.check_base_url(base_url, allow_http=allow_http)
        except _transport.InsecureUrl as exc:
            raise _errors.insecure(exc) from exc
        self._api = base_url.rstrip("/") + API_PREFIX
        self._timeout = (connect_timeout, read_timeout)
        self._deadline = deadline
        self._max_bytes = max_answer_bytes
        self._retries = retries
        self._backoff = backoff
        self._http = _transport.prepare(session or requests.Session())
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
        headers: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Answer:
        attempts = 1 + (self._retries if retry else 0)
        until = time.monotonic() + self._deadline
        last: RaUnavailable | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(self._backoff * (2 ** (attempt - 1)))
            left = until - time.monotonic()
            if left <= 0:
                break
            try:
                response = _transport.exchange(
                    self._http,
                    method,
                    self._api + path,
                    seconds=left,
                    max_bytes=self._max_bytes,
                    json=json_body,
                    files=files,
                    headers=headers,
                    timeout=self._timeout,
                    verify=self._verify,
                )
            except (requests.RequestException, _transport.DeadlinePassed) as exc:
                last = _errors.unavailable(exc)
                continue
            except (_transport.AnswerTooLarge, _transport.Redirected) as exc:
                raise _errors.refused_answer(exc) from exc
            if response.ok:
                return response
            error = _errors.rejected(response)
            if isinstance(error, RaUnavailable):
                last = error
                continue
            raise error
        raise last or RaUnavailable(f"no answer within {self._deadline:.0f} s")

    def _get(
        self,
        path: str,
        model: type[ModelT],
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> ModelT:
        sent = dict(headers or {})
        if token:
            sent[ORDER_TOKEN_HEADER] = token
        return _errors.parse(self._send("GET", path, retry=True, headers=sent or None), model)

    def _post(
        self,
        path: str,
        model: type[ModelT],
        *,
        body: BaseModel | None = None,
        headers: dict[str, str],
        retry: bool,
    ) -> ModelT:
        """A POST without an idempotency key: ``retry`` only when repeating it is harmless."""
        json_body = body.model_dump(mode="json") if body is not None else None
        response = self._send("POST", path, retry=retry, json_body=json_body, headers=headers)
        return _errors.parse(response, model)

    def _post_idempotent(
        self,
        path: str,
        model: type[ModelT],
        *,
        body: BaseModel | None,
        token: str | None,
        request_id: str | None,
        headers: dict[str, str] | None = None,
    ) -> ModelT:
        headers = {**(headers or {}), IDEMPOTENCY_HEADER: request_id or new_request_id()}
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

    # --- staff (受理点模式): a Bearer session from staff_login ----------------------------

    @staticmethod
    def _staff(token: str) -> dict[str, str]:
        return {"Authorization": f"{STAFF_AUTH_SCHEME} {token}"}

    def staff_login(self, username: str, password: str) -> StaffSessionOut:
        """Not retried: a wrong password counts against the user's login limit."""
        return self._post(
            "/staff/sessions",
            StaffSessionOut,
            body=StaffLoginIn(username=username, password=password),
            headers={},
            retry=False,
        )

    def staff_logout(self, staff_token: str) -> None:
        self._send(
            "DELETE", "/staff/sessions/current", retry=True, headers=self._staff(staff_token)
        )

    def staff_order(self, order_no: str, *, staff_token: str) -> OrderOut:
        return self._get(f"/staff/orders/{order_no}", OrderOut, headers=self._staff(staff_token))

    def provision_ticket(
        self, order_no: str, key_serial: str, *, staff_token: str, key_model: str | None = None
    ) -> ProvisionTicket:
        """The key's SO PIN and what to make for the order. Asking again gives the same ticket."""
        return self._post(
            f"/staff/orders/{order_no}/provision",
            ProvisionTicket,
            body=ProvisionIn(key_serial=key_serial, key_model=key_model),
            headers=self._staff(staff_token),
            retry=True,
        )

    def staff_issue_certificate(
        self,
        order_no: str,
        key_serial: str,
        csr_pem: str,
        *,
        staff_token: str,
        request_id: str | None = None,
    ) -> CertificateOut:
        return self._post_idempotent(
            f"/staff/orders/{order_no}/certificate",
            CertificateOut,
            body=StaffCertificateIn(key_serial=key_serial, csr_pem=csr_pem),
            token=None,
            request_id=request_id,
            headers=self._staff(staff_token),
        )

    def register_key(self, key_serial: str, certificate_serial: str, *, staff_token: str) -> KeyOut:
        return self._post(
            f"/staff/keys/{key_serial}/register",
            KeyOut,
            body=KeyRegisterIn(certificate_serial=certificate_serial),
            headers=self._staff(staff_token),
            retry=True,
        )

    def recheck_order(self, order_no: str, *, staff_token: str) -> OrderOut:
        return self._post(
            f"/staff/orders/{order_no}/recheck",
            OrderOut,
            headers=self._staff(staff_token),
            retry=False,
        )

    def staff_authorise(self, request_id: str, *, staff_token: str) -> KeyRequestOut:
        return self._post(
            f"/staff/key-requests/{request_id}/authorise",
            KeyRequestOut,
            headers=self._staff(staff_token),
            retry=True,
        )

    # --- keys: activation (激活证书) and unlock (忘记密码) --------------------------------

    def key_status(self, key_serial: str) -> KeyOut:
        return self._get(f"/keys/{key_serial}", KeyOut)

    def create_key_request(
        self, key_serial: str, request: KeyRequestCreate, *, request_id: str | None = None
    ) -> KeyRequestOut:
        return self._post_idempotent(
            f"/keys/{key_serial}/requests",
            KeyRequestOut,
            body=request,
            token=None,
            request_id=request_id,
        )

    @staticmethod
    def _request(secret: str) -> dict[str, str]:
        return {REQUEST_TOKEN_HEADER: secret}

    def get_key_request(self, request_id: str, *, secret: str) -> KeyRequestOut:
        return self._get(
            f"/key-requests/{request_id}", KeyRequestOut, headers=self._request(secret)
        )

    def resend_code(self, request_id: str, *, secret: str) -> KeyRequestOut:
        """Not retried: a repeat within a minute is refused, and each code counts per day."""
        return self._post(
            f"/key-requests/{request_id}/otp",
            KeyRequestOut,
            headers=self._request(secret),
            retry=False,
        )

    def verify_code(self, request_id: str, code: str, *, secret: str) -> KeyRequestOut:
        """Not retried: each try counts against the request's limit of wrong codes."""
        return self._post(
            f"/key-requests/{request_id}/verify",
            KeyRequestOut,
            body=OtpCodeIn(code=code),
            headers=self._request(secret),
            retry=False,
        )

    def upload_material(
        self, request_id: str, filename: str, content: bytes, media_type: str, *, secret: str
    ) -> MaterialOut:
        """Not retried: a repeat would store the file twice."""
        response = self._send(
            "POST",
            f"/key-requests/{request_id}/materials",
            retry=False,
            files={"file": (filename, content, media_type)},
            headers=self._request(secret),
        )
        return _errors.parse(response, MaterialOut)

    def submit_materials(self, request_id: str, *, secret: str) -> KeyRequestOut:
        return self._post(
            f"/key-requests/{request_id}/submit",
            KeyRequestOut,
            headers=self._request(secret),
            retry=True,
        )

    def release_so_pin(self, request_id: str, *, secret: str) -> SoPinRelease:
        """The SO PIN, once. Not retried: a lost answer means verifying a new code."""
        return self._post(
            f"/key-requests/{request_id}/so-pin",
            SoPinRelease,
            headers=self._request(secret),
            retry=False,
        )

    def confirm_key_request(
        self, request_id: str, so_pin_version: int, *, secret: str
    ) -> KeyRequestOut:
        """Harmless to repeat: the RA answers a confirmed request unchanged."""
        return self._post(
            f"/key-requests/{request_id}/confirm",
            KeyRequestOut,
            body=KeyRequestConfirm(so_pin_version=so_pin_version),
            headers=self._request(secret),
            retry=True,
        )
