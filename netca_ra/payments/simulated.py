"""Simulated online payment (dev mode): a local page where the payer presses 确认支付."""

from __future__ import annotations

from netca_ra.payments.interface import StartedPayment


class SimulatedProvider:
    name = "simulated"

    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")

    def start(
        self, *, payment_id: str, order_no: str, amount_fen: int, payer_token: str
    ) -> StartedPayment:
        return StartedPayment(
            payment_url=f"{self._base}/pay/sim/{payment_id}?t={payer_token}",
            payer_token=payer_token,
        )
