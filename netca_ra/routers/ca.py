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
from netca_ra.ca import keystore
from netca_ra.deps import CaDep, CertificateServiceDep, SettingsDep, TsaDep
from netca_ra.errors import ApiError
from netca_ra.models import utcnow
from netca_ra.services.certificates import CertificateService

router = APIRouter(prefix="/ca", tags=["ca"])
MAX_REQUEST = MAX_DER_BODY_BYTES
# RFC 6960 A.1: GET is for small requests (up to 255 bytes DER); longer ones use POST.
MAX_GET_REQUEST = 1_000

_PEM = serialization.Encoding.PEM
_DER = serialization.Encoding.DER


@router.get("/certificates", response_model=CaCertificates)
def ca_certificates(ca: CaDep, settings: SettingsDep) -> CaCertificates:
    ca_dir = settings.ca_dir
    return CaCertificates(
        root_pem=ca.root.public_bytes(_PEM).decode("ascii"),
        issuing_pem=ca.issuing.public_bytes(_PEM).decode("ascii"),
        tsa_pem=keystore.load_certificate(ca_dir / "tsa.crt.pem").public_bytes(_PEM).decode(),
        seal_maker_pem=keystore.load_certificate(ca_dir / "seal-maker.crt.pem")
        .public_bytes(_PEM)
        .decode(),
    )


@router.get("/root.crt", response_class=Response)
def root_certificate(ca: CaDep) -> Response:
    cert = ca.root.public_bytes(_DER)
    return Response(cert, media_type="application/pkix-cert")


@router.get("/issuing.crt", response_class=Response)
def issuing_certificate(ca: CaDep) -> Response:
    cert = ca.issuing.public_bytes(_DER)
    return Response(cert, media_type="application/pkix-cert")


@router.get("/crl", response_class=Response)
def crl(certificates: CertificateServiceDep) -> Response:
    der = certificates.crl_der()
    return Response(der, media_type="application/pkix-crl")


@router.get("/sm2/crl", response_class=Response)
def sm2_crl(certificates: CertificateServiceDep) -> Response:
    """The SM2 issuing CA's CRL (signed with SM2/SM3, ID 1234567812345678)."""
    der = certificates.sm2_crl_der()
    if der is None:
        raise ApiError(ErrorCode.NOT_FOUND, 404, "this CA has no SM2 issuing CA")
    return Response(der, media_type="application/pkix-crl")


@router.get("/sm2/issuing.crt", response_class=Response)
def sm2_issuing_certificate(ca: CaDep) -> Response:
    if ca.gm is None:
        raise ApiError(ErrorCode.NOT_FOUND, 404, "this CA has no SM2 issuing CA")
    return Response(ca.gm.issuing.public_bytes(_DER), media_type="application/pkix-cert")


@router.get("/sm2/root.crt", response_class=Response)
def sm2_root_certificate(ca: CaDep) -> Response:
    if ca.gm is None:
        raise ApiError(ErrorCode.NOT_FOUND, 404, "this CA has no SM2 issuing CA")
    return Response(ca.gm.root.public_bytes(_DER), media_type="application/pkix-cert")


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
async def ocsp_post(request: Request, certificates: CertificateServiceDep) -> Response:
    raw = _body(await request.body())
    return await run_in_threadpool(_ocsp, certificates, raw)


@router.get("/ocsp/{encoded:path}", response_class=Response)
def ocsp_get(
    certificates: CertificateServiceDep,
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
    return _ocsp(certificates, _body(raw))


def _ocsp(certificates: CertificateService, raw: bytes) -> Response:
    der = certificates.ocsp_der(raw)
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
async def time_stamp(request: Request, tsa: TsaDep) -> Response:
    raw = _body(await request.body())
    der = await run_in_threadpool(tsa.respond, raw, now=utcnow())
    return Response(der, media_type="application/timestamp-reply")
