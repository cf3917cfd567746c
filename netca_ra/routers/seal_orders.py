"""Seal orders (申请印章 / 变更印章) and proof-of-possession nonces: the holder's API.

After the creation, every call carries ``X-Order-Token`` (the order's access token); state
changes that are not naturally repeatable carry ``Idempotency-Key``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from netca_protocol import MAX_MATERIAL_BYTES, MaterialOut
from netca_protocol.errors import ErrorCode
from netca_protocol.possession import PossessionNonce
from netca_protocol.seals import (
    SealDetailsIn,
    SealInstalledIn,
    SealIssued,
    SealOrderCreate,
    SealOrderCreated,
    SealOrderOut,
)
from netca_ra.deps import ClientDep, IdempotencyDep, PossessionServiceDep, SealOrderServiceDep
from netca_ra.errors import ApiError
from netca_ra.routers.common import KeySerial, OrderNo, OrderToken, problems
from netca_ra.routers.keys import MULTIPART

router = APIRouter(tags=["seals"])


@router.post(
    "/possession/nonces", response_model=PossessionNonce, status_code=201, responses=problems(429)
)
def new_nonce(possession: PossessionServiceDep, client: ClientDep) -> PossessionNonce:
    """A fresh nonce for one proof of possession (used once, within 5 minutes)."""
    return possession.new_nonce(client=client)


@router.post(
    "/keys/{serial}/seal-orders",
    response_model=SealOrderCreated,
    status_code=201,
    responses=problems(400, 403, 404, 409, 429),
)
def create_seal_order(
    serial: KeySerial,
    payload: SealOrderCreate,
    seals: SealOrderServiceDep,
    client: ClientDep,
    idempotency: IdempotencyDep,
) -> SealOrderCreated:
    return seals.create(serial, payload, call=idempotency.of(payload), client=client)


@router.get(
    "/seal-orders/{order_no}", response_model=SealOrderOut, responses=problems(401, 403, 404)
)
def get_seal_order(
    order_no: OrderNo, seals: SealOrderServiceDep, x_order_token: OrderToken = None
) -> SealOrderOut:
    return seals.get(order_no, token=x_order_token)


@router.get(
    "/seal-orders/{order_no}/form",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **problems(401, 403, 404)},
)
def application_form(
    order_no: OrderNo, seals: SealOrderServiceDep, x_order_token: OrderToken = None
) -> Response:
    """电子印章申请表 (PDF), prefilled: print it, stamp the three boxes, scan it in colour."""
    pdf = seals.form(order_no, token=x_order_token)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="seal-form-{order_no}.pdf"',
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/seal-orders/{order_no}/materials",
    response_model=MaterialOut,
    status_code=201,
    responses=problems(401, 403, 404, 409, 413),
    openapi_extra={"requestBody": MULTIPART},
)
async def upload_scan(
    request: Request,
    order_no: OrderNo,
    seals: SealOrderServiceDep,
    client: ClientDep,
    x_order_token: OrderToken = None,
) -> MaterialOut:
    await run_in_threadpool(seals.may_upload, order_no, token=x_order_token)
    async with request.form(max_files=1, max_fields=0) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "send the file as multipart `file`")
        data = await upload.read(MAX_MATERIAL_BYTES + 1)
        filename = upload.filename or ""
    if len(data) > MAX_MATERIAL_BYTES:
        raise ApiError(ErrorCode.MATERIAL_TOO_LARGE, 413, "at most 5 MB per file")
    return await run_in_threadpool(
        seals.upload, order_no, token=x_order_token, filename=filename, data=data, client=client
    )


@router.post(
    "/seal-orders/{order_no}/submit",
    response_model=SealOrderOut,
    responses=problems(401, 403, 404, 409),
)
def submit(
    order_no: OrderNo, seals: SealOrderServiceDep, x_order_token: OrderToken = None
) -> SealOrderOut:
    return seals.submit(order_no, token=x_order_token)


@router.post(
    "/seal-orders/{order_no}/edit",
    response_model=SealOrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def edit(
    order_no: OrderNo,
    payload: SealDetailsIn,
    seals: SealOrderServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> SealOrderOut:
    """修改资料: new details under review (a new revision; upload the new scans, submit)."""
    return seals.edit(order_no, payload, token=x_order_token, call=idempotency.of(payload))


@router.post(
    "/seal-orders/{order_no}/cancel",
    response_model=SealOrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def cancel(
    order_no: OrderNo,
    seals: SealOrderServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> SealOrderOut:
    return seals.cancel(order_no, token=x_order_token, call=idempotency.of("cancel"))


@router.get(
    "/seal-orders/{order_no}/seal",
    response_model=SealIssued,
    responses=problems(401, 403, 404, 409),
)
def issued_seal(
    order_no: OrderNo, seals: SealOrderServiceDep, x_order_token: OrderToken = None
) -> SealIssued:
    """The seal made for the key's signing certificate (once approved)."""
    return seals.seal(order_no, token=x_order_token)


@router.post(
    "/seal-orders/{order_no}/installed",
    response_model=SealOrderOut,
    responses=problems(400, 401, 403, 404, 409),
)
def installed(
    order_no: OrderNo,
    payload: SealInstalledIn,
    seals: SealOrderServiceDep,
    idempotency: IdempotencyDep,
    x_order_token: OrderToken = None,
) -> SealOrderOut:
    return seals.installed(order_no, payload, token=x_order_token, call=idempotency.of(payload))
