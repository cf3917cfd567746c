"""The online-payment adapter interface."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StartedPayment:
    """Where the payer goes (the client shows it as a QR code) and the secret bound to it."""

    payment_url: str
    payer_token: str


class OnlinePaymentProvider(Protocol):
    name: str

    def start(
        self, *, payment_id: str, order_no: str, amount_fen: int, payer_token: str
    ) -> StartedPayment:
        """Open the payment; ``payer_token`` is the secret to bind to the payer's link (the RA
        makes it, so that it can rebuild the link for an idempotent replay)."""
        ...
