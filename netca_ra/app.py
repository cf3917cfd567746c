"""The FastAPI app factory: ``create_app(settings)`` wires DB, CA, services, routers, console."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from netca_protocol import API_PREFIX
from netca_ra.body_limit import BodyLimit
from netca_ra.console.routes import mount_console
from netca_ra.errors import install_problem_handler
from netca_ra.routers import ca, health, keys, orders, otp, payments, profiles, renewals, staff
from netca_ra.settings import RaSettings
from netca_ra.wiring import Services, build_services

__all__ = ["Services", "build_services", "create_app", "openapi_document"]


def _routed_app() -> FastAPI:
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
    for module in (health, profiles, orders, payments, otp, ca, staff, keys, renewals):
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
