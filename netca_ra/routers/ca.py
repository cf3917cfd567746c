"""The CA's public endpoints: certificates, CRL, OCSP responder, RFC 3161 time stamps."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import unquote

from cryptography.hazmat.primitives import serialization
from fastapi import APIRouter, Path, Request, Response
from starlette.concurrency import run_in_threadpool

from netca_protocol import MAX_DER_BODY_BYTES, CaCertificates
from netca_protocol.errors import ErrorCode
from netca_ra.app import services_of
from netca_ra.ca import keystore
from netca_ra.errors import ApiError
from netca_ra.models import utcnow

router = APIRouter(prefix="/ca", tags=["ca"])
MAX_REQUEST = MAX_DER_BODY_BYTES
# RFC 6960 A.1: GET is for small requests (up to 255 bytes DER); longer ones use POST.
MAX_GET_REQUEST = 1_000

_PEM = serialization.Encoding.PEM
_DER = serialization.Encoding.DER


@router.get("/certificates", response_model=CaCertificates)
def ca_certificates(request: Request) -> CaCertificates:
    services = services_of(request)
    ca_dir = services.settings.ca_dir
    return CaCertificates(
        root_pem=services.ca.root.public_bytes(_PEM).decode("ascii"),
        issuing_pem=services.ca.issuing.public_bytes(_PEM).decode("ascii"),
        tsa_pem=keystore.load_certificate(ca_dir / "tsa.crt.pem").public_bytes(_PEM).decode(),
        seal_maker_pem=keystore.load_certificate(ca_dir / "seal-maker.crt.pem")
        .public_bytes(_PEM)
        .decode(),
    )


@router.get("/root.crt", response_class=Response)
def root_certificate(request: Request) -> Response:
    cert = services_of(request).ca.root.public_bytes(_DER)
    return Response(cert, media_type="application/pkix-cert")


@router.get("/issuing.crt", response_class=Response)
def issuing_certificate(request: Request) -> Response:
    cert = services_of(request).ca.issuing.public_bytes(_DER)
    return Response(cert, media_type="application/pkix-cert")


@router.get("/crl", response_class=Response)
def crl(request: Request) -> Response:
    der = services_of(request).certificates.crl_der()
    return Response(der, media_type="application/pkix-crl")


_BINARY_BODY = {
    "content": {
        "application/ocsp-request": {"schema": {"type": "string", "format": "binary"}},
    }
}


def _body(raw: bytes) -> bytes:
    if not raw or len(raw) > MAX_REQUEST:
        raise ApiError(ErrorCode.BAD_REQUEST, 400, "empty or oversized request")
    return raw


@router.post("/ocsp", response_class=Response, openapi_extra={"requestBody": _BINARY_BODY})
async def ocsp_post(request: Request) -> Response:
    raw = _body(await request.body())
    return await run_in_threadpool(_ocsp, request, raw)


@router.get("/ocsp/{encoded:path}", response_class=Response)
def ocsp_get(
    request: Request,
    encoded: Annotated[
        str,
        Path(
            max_length=MAX_GET_REQUEST,
            pattern=r"^[A-Za-z0-9+/=%]+$",
            description="RFC 6960 A.1: the base64 DER OCSPRequest, URL-encoded or not; "
            "base64 may contain '/', which is part of this path",
        ),
    ],
) -> Response:
    # The server has percent-decoded the path already ("%2F" arrived as "/"); a client that
    # encoded twice leaves "%2F" in it, decoded here.
    text = unquote(encoded)
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ApiError(ErrorCode.BAD_REQUEST, 400, "not base64") from exc
    return _ocsp(request, _body(raw))


def _ocsp(request: Request, raw: bytes) -> Response:
    der = services_of(request).certificates.ocsp_der(raw)
    return Response(der, media_type="application/ocsp-response")


@router.post(
    "/tsa",
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/timestamp-query": {"schema": {"type": "string", "format": "binary"}}
            }
        }
    },
)
async def time_stamp(request: Request) -> Response:
    raw = _body(await request.body())
    der = await run_in_threadpool(services_of(request).tsa.respond, raw, now=utcnow())
    return Response(der, media_type="application/timestamp-reply")
