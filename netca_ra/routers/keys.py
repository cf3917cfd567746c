"""The holder's key API, by key serial: activation (激活证书) and unlock (忘记密码) requests.

Every call about a request after its creation carries ``X-Request-Token``: the secret the
client chose when it created the request. The SO PIN answer is ``Cache-Control: no-store``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from netca_protocol import (
    MAX_MATERIAL_BYTES,
    KeyOut,
    KeyRequestConfirm,
    KeyRequestCreate,
    KeyRequestOut,
    MaterialOut,
    OtpCodeIn,
    SoPinRelease,
)
from netca_protocol.errors import ErrorCode
from netca_ra.deps import (
    ClientDep,
    IdempotencyDep,
    KeyMaterialServiceDep,
    KeyRequestServiceDep,
    KeyServiceDep,
)
from netca_ra.errors import ApiError
from netca_ra.routers.common import NO_STORE, KeySerial, RequestId, RequestToken, problems

router = APIRouter(tags=["keys"])
MULTIPART = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        }
    },
}


@router.get("/keys/{serial}", response_model=KeyOut, responses=problems(404))
def get_key(serial: KeySerial, keys: KeyServiceDep) -> KeyOut:
    """Anyone who knows the serial: no personal data (see KeyOut)."""
    return keys.get(serial)


@router.post(
    "/keys/{serial}/requests",
    response_model=KeyRequestOut,
    status_code=201,
    responses=problems(400, 404, 409, 429, 502),
)
def create_request(
    serial: KeySerial,
    payload: KeyRequestCreate,
    key_requests: KeyRequestServiceDep,
    client: ClientDep,
    idempotency: IdempotencyDep,
) -> KeyRequestOut:
    return key_requests.create(serial, payload, call=idempotency.of(payload), client=client)


@router.get(
    "/key-requests/{request_id}", response_model=KeyRequestOut, responses=problems(401, 403, 404)
)
def get_request(
    request_id: RequestId, key_requests: KeyRequestServiceDep, x_request_token: RequestToken = None
) -> KeyRequestOut:
    return key_requests.get(request_id, token=x_request_token)


@router.post(
    "/key-requests/{request_id}/otp",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409, 429, 502),
)
def resend_code(
    request_id: RequestId,
    key_requests: KeyRequestServiceDep,
    client: ClientDep,
    x_request_token: RequestToken = None,
) -> KeyRequestOut:
    return key_requests.resend(request_id, token=x_request_token, client=client)


@router.post(
    "/key-requests/{request_id}/verify",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409),
)
def verify_code(
    request_id: RequestId,
    payload: OtpCodeIn,
    key_requests: KeyRequestServiceDep,
    x_request_token: RequestToken = None,
) -> KeyRequestOut:
    return key_requests.verify(request_id, token=x_request_token, code=payload.code)


@router.post(
    "/key-requests/{request_id}/materials",
    response_model=MaterialOut,
    status_code=201,
    responses=problems(401, 403, 404, 409, 413),
    openapi_extra={"requestBody": MULTIPART},
)
async def upload_material(
    request: Request,
    request_id: RequestId,
    materials: KeyMaterialServiceDep,
    client: ClientDep,
    x_request_token: RequestToken = None,
) -> MaterialOut:
    # Who is asking, and whether materials are wanted, before a byte of the body is read
    # (app.BodyLimit has refused bodies over one file's size already).
    await run_in_threadpool(materials.may_upload, request_id, token=x_request_token)
    async with request.form(max_files=1, max_fields=0) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "send the file as multipart `file`")
        data = await upload.read(MAX_MATERIAL_BYTES + 1)
        filename = upload.filename or ""
    if len(data) > MAX_MATERIAL_BYTES:
        raise ApiError(ErrorCode.MATERIAL_TOO_LARGE, 413, "at most 5 MB per file")
    return await run_in_threadpool(
        materials.upload,
        request_id,
        token=x_request_token,
        filename=filename,
        data=data,
        client=client,
    )


@router.post(
    "/key-requests/{request_id}/submit",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409),
)
def submit_materials(
    request_id: RequestId, materials: KeyMaterialServiceDep, x_request_token: RequestToken = None
) -> KeyRequestOut:
    return materials.submit(request_id, token=x_request_token)


@router.post(
    "/key-requests/{request_id}/so-pin",
    response_model=SoPinRelease,
    responses=problems(401, 403, 404, 409),
)
def release_so_pin(
    request_id: RequestId, key_requests: KeyRequestServiceDep, x_request_token: RequestToken = None
) -> Response:
    released = key_requests.release(request_id, token=x_request_token)
    # `unconfirmed_so_pins` only when there are some: clients older than the member reject
    # answers with members they do not know, and most releases have none to name.
    body = released.model_dump_json(exclude_defaults=True)
    return Response(body, media_type="application/json", headers=NO_STORE)


@router.post(
    "/key-requests/{request_id}/confirm",
    response_model=KeyRequestOut,
    responses=problems(401, 403, 404, 409),
)
def confirm(
    request_id: RequestId,
    payload: KeyRequestConfirm,
    key_requests: KeyRequestServiceDep,
    x_request_token: RequestToken = None,
) -> KeyRequestOut:
    return key_requests.confirm(
        request_id, token=x_request_token, so_pin_version=payload.so_pin_version
    )
