"""FastAPI dependencies, after the FastAPI template's ``api/deps.py``: the app's services,
settings and sessions, who is asking, and the ``Idempotency-Key`` of state-changing calls.

Everything comes from ``request.app.state`` (filled by ``create_app(settings)``), never from
a module-level engine or settings object, so one process can hold several apps (tests do).

Every dependency here is ``async def`` because none of them waits on anything: FastAPI runs a
plain ``def`` dependency on the thread pool, and two such hops per request cost the RA's
hottest read more than its database work (docs/performance.md). Each part of the app's
services is one dependency on the request, not one on ``app_services``: FastAPI solves a
nested dependency with its own query, header and cookie parsing (about 4% of the order
poll's CPU, measured in process).
"""

from __future__ import annotations

import ipaddress
from typing import Annotated

from fastapi import Depends, Header, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import IDEMPOTENCY_HEADER
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.tsa import BuiltinTsa
from netca_ra.services.certificates import CertificateService
from netca_ra.services.idempotency import KEY_PATTERN, IdempotentCall
from netca_ra.services.key_materials import KeyMaterialService
from netca_ra.services.key_requests import KeyRequestService
from netca_ra.services.keys import KeyService
from netca_ra.services.orders import OrderService
from netca_ra.services.payments import PaymentService
from netca_ra.services.possession import PossessionService
from netca_ra.services.profiles import ProfileService
from netca_ra.services.renewals import RenewalService
from netca_ra.services.seal_orders import SealOrderService
from netca_ra.services.seal_review import SealReviewService
from netca_ra.services.sms import SmsService
from netca_ra.services.staff import StaffService
from netca_ra.settings import RaSettings
from netca_ra.wiring import Services


def services_of(request: Request) -> Services:
    services = getattr(request.app.state, "services", None)
    if not isinstance(services, Services):
        raise RuntimeError("the app was not built by netca_ra.app.create_app(settings)")
    return services


async def app_services(request: Request) -> Services:
    return services_of(request)


ServicesDep = Annotated[Services, Depends(app_services)]


async def _settings(request: Request) -> RaSettings:
    return services_of(request).settings


async def _sessions(request: Request) -> sessionmaker[Session]:
    return services_of(request).sessions


async def _ca(request: Request) -> BuiltinCa:
    return services_of(request).ca


async def _tsa(request: Request) -> BuiltinTsa:
    return services_of(request).tsa


SettingsDep = Annotated[RaSettings, Depends(_settings)]
SessionsDep = Annotated[sessionmaker[Session], Depends(_sessions)]
CaDep = Annotated[BuiltinCa, Depends(_ca)]
TsaDep = Annotated[BuiltinTsa, Depends(_tsa)]

# --- services: one typed dependency each ----------------------------------------------------


async def _profiles(request: Request) -> ProfileService:
    return services_of(request).profiles


async def _orders(request: Request) -> OrderService:
    return services_of(request).orders


async def _payments(request: Request) -> PaymentService:
    return services_of(request).payments


async def _certificates(request: Request) -> CertificateService:
    return services_of(request).certificates


async def _sms(request: Request) -> SmsService:
    return services_of(request).sms


async def _staff(request: Request) -> StaffService:
    return services_of(request).staff


async def _keys(request: Request) -> KeyService:
    return services_of(request).keys


async def _key_requests(request: Request) -> KeyRequestService:
    return services_of(request).key_requests


async def _key_materials(request: Request) -> KeyMaterialService:
    return services_of(request).key_materials


async def _renewals(request: Request) -> RenewalService:
    return services_of(request).renewals


RenewalServiceDep = Annotated[RenewalService, Depends(_renewals)]
ProfileServiceDep = Annotated[ProfileService, Depends(_profiles)]
OrderServiceDep = Annotated[OrderService, Depends(_orders)]
PaymentServiceDep = Annotated[PaymentService, Depends(_payments)]
CertificateServiceDep = Annotated[CertificateService, Depends(_certificates)]
SmsServiceDep = Annotated[SmsService, Depends(_sms)]
StaffServiceDep = Annotated[StaffService, Depends(_staff)]
KeyServiceDep = Annotated[KeyService, Depends(_keys)]
KeyRequestServiceDep = Annotated[KeyRequestService, Depends(_key_requests)]
KeyMaterialServiceDep = Annotated[KeyMaterialService, Depends(_key_materials)]


async def _possession(request: Request) -> PossessionService:
    return services_of(request).possession


async def _seal_orders(request: Request) -> SealOrderService:
    return services_of(request).seal_orders


async def _seal_review(request: Request) -> SealReviewService:
    return services_of(request).seal_review


PossessionServiceDep = Annotated[PossessionService, Depends(_possession)]
SealOrderServiceDep = Annotated[SealOrderService, Depends(_seal_orders)]
SealReviewServiceDep = Annotated[SealReviewService, Depends(_seal_review)]

# --- who is asking ----------------------------------------------------------------------------


async def client_of(request: Request) -> str:
    """Who is asking, for per-client limits: the client's IP address, an IPv6 client by its
    /64 (one subscriber's network). Behind a proxy uvicorn puts the address from
    X-Forwarded-For here, if the proxy is in ``--forwarded-allow-ips``."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64] or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


ClientDep = Annotated[str, Depends(client_of)]

# --- Idempotency-Key --------------------------------------------------------------------------


class Idempotency:
    """The ``Idempotency-Key`` a state-changing call came with. It is checked (400 when
    missing or malformed) when the route names what the call asks, so after FastAPI has
    validated the rest of the request: a bad body is still answered 422 first."""

    def __init__(self, key: str | None) -> None:
        self._key = key

    def of(self, asked: BaseModel | str) -> IdempotentCall:
        """The call asking ``asked``: its body, or a text naming a call that has none."""
        return IdempotentCall.of(self._key, asked)


async def idempotency(
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=IDEMPOTENCY_HEADER,
            pattern=KEY_PATTERN.pattern,
            description="Client-chosen request id (8-128 of A-Za-z0-9_.:-). Required: a retry "
            "with the same key and body replays the first answer.",
        ),
    ] = None,
) -> Idempotency:
    return Idempotency(idempotency_key)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency)]
