"""The RA's renewal conversation (证书续期) and order payments, on top of ``RaClient``.

Blocking; call it from a worker. Creation carries an ``Idempotency-Key`` the caller keeps in
its journal (a retry replays the first answer); the install report needs none (a repeat
answers the same).
"""

from __future__ import annotations

from netca_client.core.ra.client import RaClient
from netca_protocol import PaymentIn, PaymentOut
from netca_protocol.renewal import (
    InstalledIn,
    NonceOut,
    RenewalCreate,
    RenewalCreated,
    RenewalOffer,
    RenewalOut,
)


class RenewalClient(RaClient):
    """An RA client that also speaks the renewal part of the protocol."""

    def renewal_offer(self, certificate_serial: str) -> RenewalOffer:
        """Whether the certificate may be renewed online now, on which terms (anyone)."""
        return self._get(f"/renewals/offers/{certificate_serial}", RenewalOffer)

    def renewal_nonce(self) -> NonceOut:
        """A fresh single-use nonce. Harmless to repeat: an unused nonce simply expires."""
        return self._post("/renewals/nonces", NonceOut, headers={}, retry=True)

    def create_renewal(self, request: RenewalCreate, *, request_id: str) -> RenewalCreated:
        return self._post_idempotent(
            "/renewals", RenewalCreated, body=request, token=None, request_id=request_id
        )

    def get_renewal(self, renewal_id: str) -> RenewalOut:
        return self._get(f"/renewals/{renewal_id}", RenewalOut)

    def report_renewal_installed(
        self, renewal_id: str, old_serial: str, proof: InstalledIn
    ) -> RenewalOut:
        """Not retried with the same nonce (single use); a new report answers the same."""
        return self._post(
            f"/renewals/{renewal_id}/items/{old_serial}/installed",
            RenewalOut,
            body=proof,
            headers={},
            retry=False,
        )

    def start_payment(
        self, order_no: str, payment: PaymentIn, *, token: str, request_id: str
    ) -> PaymentOut:
        """Start paying (online: ``payment_url`` to show as a QR code; or a bank transfer)."""
        return self._post_idempotent(
            f"/orders/{order_no}/payments",
            PaymentOut,
            body=payment,
            token=token,
            request_id=request_id,
        )

    def get_payment(self, order_no: str, payment_id: str, *, token: str) -> PaymentOut:
        return self._get(f"/orders/{order_no}/payments/{payment_id}", PaymentOut, token=token)


__all__ = ["RenewalClient"]
