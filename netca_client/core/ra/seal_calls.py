"""The RA calls of seal orders (申请印章 / 变更印章 / 修改资料 / 安装印章), mixed into RaClient.

Retry rules as everywhere in RaClient: GETs and calls with an Idempotency-Key are retried;
an upload is not (it would store the file twice), submit is harmless to repeat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from netca_client.core.ra import _errors
from netca_protocol import ORDER_TOKEN_HEADER, CaCertificates, MaterialOut
from netca_protocol.possession import PossessionNonce
from netca_protocol.seals import (
    SealDetailsIn,
    SealInstalledIn,
    SealIssued,
    SealOrderCreate,
    SealOrderCreated,
    SealOrderOut,
)

if TYPE_CHECKING:
    from netca_client.core.ra._transport import Answer

ModelT = TypeVar("ModelT", bound=BaseModel)


class SealCalls:
    """Seal-order calls; RaClient provides the transport below."""

    if TYPE_CHECKING:

        def _send(
            self,
            method: str,
            path: str,
            *,
            retry: bool,
            json_body: object = None,
            headers: dict[str, str] | None = None,
            files: dict[str, tuple[str, bytes, str]] | None = None,
        ) -> Answer: ...

        def _get(
            self,
            path: str,
            model: type[ModelT],
            *,
            token: str | None = None,
            headers: dict[str, str] | None = None,
        ) -> ModelT: ...

        def _post(
            self,
            path: str,
            model: type[ModelT],
            *,
            body: BaseModel | None = None,
            headers: dict[str, str],
            retry: bool,
        ) -> ModelT: ...

        def _post_idempotent(
            self,
            path: str,
            model: type[ModelT],
            *,
            body: BaseModel | None,
            token: str | None,
            request_id: str | None,
            headers: dict[str, str] | None = None,
        ) -> ModelT: ...

    def ca_certificates(self) -> CaCertificates:
        """The RA's root, issuing CA, TSA and seal-maker certificates (PEM)."""
        return self._get("/ca/certificates", CaCertificates)

    def possession_nonce(self) -> PossessionNonce:
        """A fresh nonce for one proof of possession. Not retried: each one is single use."""
        return self._post("/possession/nonces", PossessionNonce, headers={}, retry=False)

    def create_seal_order(
        self, key_serial: str, body: SealOrderCreate, *, request_id: str
    ) -> SealOrderCreated:
        return self._post_idempotent(
            f"/keys/{key_serial}/seal-orders",
            SealOrderCreated,
            body=body,
            token=None,
            request_id=request_id,
        )

    def seal_order(self, order_no: str, *, token: str) -> SealOrderOut:
        return self._get(f"/seal-orders/{order_no}", SealOrderOut, token=token)

    def seal_form(self, order_no: str, *, token: str) -> bytes:
        """电子印章申请表 (PDF bytes)."""
        answer = self._send(
            "GET", f"/seal-orders/{order_no}/form", retry=True, headers={ORDER_TOKEN_HEADER: token}
        )
        return answer.content

    def upload_seal_scan(
        self, order_no: str, filename: str, content: bytes, media_type: str, *, token: str
    ) -> MaterialOut:
        """Not retried: a repeat would store the file twice."""
        response = self._send(
            "POST",
            f"/seal-orders/{order_no}/materials",
            retry=False,
            files={"file": (filename, content, media_type)},
            headers={ORDER_TOKEN_HEADER: token},
        )
        return _errors.parse(response, MaterialOut)

    def submit_seal_order(self, order_no: str, *, token: str) -> SealOrderOut:
        return self._post(
            f"/seal-orders/{order_no}/submit",
            SealOrderOut,
            headers={ORDER_TOKEN_HEADER: token},
            retry=True,
        )

    def edit_seal_order(
        self, order_no: str, details: SealDetailsIn, *, token: str, request_id: str
    ) -> SealOrderOut:
        return self._post_idempotent(
            f"/seal-orders/{order_no}/edit",
            SealOrderOut,
            body=details,
            token=token,
            request_id=request_id,
        )

    def cancel_seal_order(self, order_no: str, *, token: str, request_id: str) -> SealOrderOut:
        return self._post_idempotent(
            f"/seal-orders/{order_no}/cancel",
            SealOrderOut,
            body=None,
            token=token,
            request_id=request_id,
        )

    def issued_seal(self, order_no: str, *, token: str) -> SealIssued:
        return self._get(f"/seal-orders/{order_no}/seal", SealIssued, token=token)

    def report_seal_installed(
        self, order_no: str, body: SealInstalledIn, *, token: str, request_id: str
    ) -> SealOrderOut:
        return self._post_idempotent(
            f"/seal-orders/{order_no}/installed",
            SealOrderOut,
            body=body,
            token=token,
            request_id=request_id,
        )
