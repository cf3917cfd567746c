"""The FastAPI app factory: ``create_app(settings)`` wires DB, CA, services, routers, console."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import API_PREFIX
from netca_ra.body_limit import BodyLimit
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.tsa import BuiltinTsa
from netca_ra.db import make_engine, make_session_factory
from netca_ra.errors import install_problem_handler
from netca_ra.payments.simulated import SimulatedProvider
from netca_ra.services.certificates import CertificateService
from netca_ra.services.key_materials import KeyMaterialService
from netca_ra.services.key_requests import KeyRequestService
from netca_ra.services.keys import KeyService
from netca_ra.services.orders import OrderService
from netca_ra.services.payments import PaymentService
from netca_ra.services.profiles import ProfileService
from netca_ra.services.sms import SmsService
from netca_ra.services.staff import LoginLimits, StaffService
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import HttpGateway, OutboxGateway, SmsGateway


@dataclass(frozen=True)
class Services:
    settings: RaSettings
    engine: Engine
    sessions: sessionmaker[Session]
    ca: BuiltinCa
    tsa: BuiltinTsa
    profiles: ProfileService
    orders: OrderService
    payments: PaymentService
    certificates: CertificateService
    sms: SmsService
    staff: StaffService
    keys: KeyService
    key_requests: KeyRequestService
    key_materials: KeyMaterialService


def build_services(settings: RaSettings) -> Services:
    settings.ensure_dev_so_pin_master()
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    ca = BuiltinCa.load(
        settings.ca_dir,
        base_url=settings.public_base_url,
        passphrase_file=settings.ca_passphrase_file,
    )
    gateway: SmsGateway = (
        OutboxGateway(settings.data_dir)
        if settings.sms_outbox
        else HttpGateway(settings.sms_http_url, settings.sms_http_template)
    )
    online = SimulatedProvider(settings.public_base_url) if settings.simulated_payments else None
    certificates = CertificateService(sessions, ca, seal_key=settings.effective_secret)
    keys = KeyService(sessions, settings, ca=ca, certificates=certificates, gateway=gateway)
    key_requests = KeyRequestService(sessions, settings, keys=keys, gateway=gateway)
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        ca=ca,
        tsa=BuiltinTsa.load(settings.ca_dir, passphrase_file=settings.ca_passphrase_file),
        profiles=ProfileService(sessions),
        orders=OrderService(sessions, settings),
        payments=PaymentService(sessions, online=online, seal_key=settings.effective_secret),
        certificates=certificates,
        sms=SmsService(sessions, settings, gateway),
        staff=StaffService(
            sessions,
            session_ttl_seconds=settings.session_ttl_seconds,
            login_limits=LoginLimits(
                per_user_and_client=settings.failed_logins_per_user_and_client,
                per_client=settings.failed_logins_per_client,
                per_user=settings.failed_logins_per_user,
            ),
        ),
        keys=keys,
        key_requests=key_requests,
        key_materials=KeyMaterialService(sessions, requests=key_requests),
    )


def services_of(request: Request) -> Services:
    services = request.app.state.services
    assert isinstance(services, Services)
    return services


def _routed_app() -> FastAPI:
    from netca_ra.console.routes import mount_console
    from netca_ra.routers import ca, health, keys, orders, otp, payments, profiles, staff

    # No Swagger UI page: FastAPI's loads its scripts from a CDN, without subresource
    # integrity, on the console's origin (a script there could read the console's CSRF
    # tokens). The document itself is served; read it with any OpenAPI viewer.
    app = FastAPI(
        title="NETCA reference RA",
        version="1.0.0",
        description="Registration authority protocol for netca-client (see docs/ra-protocol.md). "
        "Errors are application/problem+json with a stable `code`.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handler(app)
    app.add_middleware(BodyLimit)
    for module in (health, profiles, orders, payments, otp, ca, staff, keys):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(payments.pay_pages)
    mount_console(app)
    return app


def create_app(settings: RaSettings) -> FastAPI:
    """Build the app; the database must already be migrated (``netca-ra init``)."""
    settings.check_secrets()
    app = _routed_app()
    app.state.services = build_services(settings)
    return app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document (needs no settings, database or CA); see docs/ra-openapi.json."""
    return _routed_app().openapi()
