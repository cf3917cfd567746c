"""证书续期: the offer for a certificate, nonces, the renewal order, reading it, the install.

Payment, cancelling and 业务查询 use the order's own endpoints with the access token the
creation returns (X-Order-Token).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from netca_protocol.renewal import (
    CERTIFICATE_SERIAL_PATTERN,
    RENEWAL_ID_PATTERN,
    InstalledIn,
    NonceOut,
    RenewalCreate,
    RenewalCreated,
    RenewalOffer,
    RenewalOut,
)
from netca_ra.deps import ClientDep, IdempotencyDep, RenewalServiceDep
from netca_ra.routers.common import NO_STORE, problems

router = APIRouter(tags=["renewals"])
CertificateSerial = Annotated[str, Path(pattern=CERTIFICATE_SERIAL_PATTERN)]
RenewalId = Annotated[str, Path(pattern=RENEWAL_ID_PATTERN)]


@router.get("/renewals/offers/{serial}", response_model=RenewalOffer, responses=problems())
def renewal_offer(serial: CertificateSerial, renewals: RenewalServiceDep) -> RenewalOffer:
    """Whether the certificate may be renewed online now, and on which terms (anyone)."""
    return renewals.offer(serial)


@router.post(
    "/renewals/nonces",
    response_model=NonceOut,
    status_code=201,
    responses={
        **problems(429),
        201: {"headers": {"Cache-Control": {"schema": {"type": "string"}}}},
    },
)
def renewal_nonce(renewals: RenewalServiceDep, client: ClientDep) -> NonceOut:
    """A fresh nonce for one proof of possession (single use, NONCE_LIFETIME_SECONDS)."""
    return renewals.nonce(client=client)


@router.post(
    "/renewals",
    response_model=RenewalCreated,
    status_code=201,
    responses=problems(400, 401, 403, 409, 429),
)
def create_renewal(
    payload: RenewalCreate,
    renewals: RenewalServiceDep,
    idempotency: IdempotencyDep,
    client: ClientDep,
) -> RenewalCreated:
    return renewals.create(payload, call=idempotency.of(payload), client=client)


@router.get("/renewals/{renewal_id}", response_model=RenewalOut, responses=problems(404))
def get_renewal(renewal_id: RenewalId, renewals: RenewalServiceDep) -> RenewalOut:
    """The renewal, its order's state and each new certificate once issued."""
    return renewals.get(renewal_id)


@router.post(
    "/renewals/{renewal_id}/items/{serial}/installed",
    response_model=RenewalOut,
    responses=problems(401, 403, 404, 409),
)
def report_installed(
    renewal_id: RenewalId,
    serial: CertificateSerial,
    payload: InstalledIn,
    renewals: RenewalServiceDep,
) -> RenewalOut:
    """The new certificate replacing ``serial`` is on the key (proven by the new key)."""
    return renewals.installed(renewal_id, serial, payload)


__all__ = ["NO_STORE", "router"]
