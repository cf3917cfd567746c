"""Console pages for keys: the unlock-materials queue and review, the key registry, 复审, 归还."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import AfterValidator

from netca_protocol.models import ORDER_NO_PATTERN, visible_lines
from netca_ra.console.auth import CheckedStaff, Staff
from netca_ra.console.render import render
from netca_ra.deps import KeyMaterialServiceDep, KeyServiceDep, SettingsDep
from netca_ra.routers.common import KeySerial, OrderNo, RequestId
from netca_ra.services.staff import ROLE_NAMES, Permission
from netca_ra.settings import RaSettings

router = APIRouter(prefix="/console", include_in_schema=False)
OrderNoForm = Annotated[str, Form(pattern=ORDER_NO_PATTERN)]
Reason = Annotated[str, Form(max_length=500), AfterValidator(visible_lines)]


def _page(
    request: Request, name: str, staff: Staff, *, settings: RaSettings, **context: Any
) -> HTMLResponse:
    return render(
        request,
        name,
        staff=staff,
        role_name=ROLE_NAMES[staff.role],
        dev_mode=settings.dev_mode,
        **context,
    )


@router.get("/key-requests", response_class=HTMLResponse)
def review_queue(
    request: Request,
    staff: Staff,
    materials: KeyMaterialServiceDep,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    staff.require(Permission.REVIEW_MATERIALS)
    queue = materials.queue(page=page)
    return _page(request, "key_requests.html", staff, settings=settings, queue=queue)


@router.get("/key-requests/{request_id}", response_class=HTMLResponse)
def review_page(
    request: Request,
    staff: Staff,
    request_id: RequestId,
    materials: KeyMaterialServiceDep,
    keys: KeyServiceDep,
    settings: SettingsDep,
) -> HTMLResponse:
    staff.require(Permission.REVIEW_MATERIALS)
    item = materials.item(request_id)
    serial = item.request.key_serial
    events = [e for e in keys.events(serial) if e.request_id == request_id]
    return _page(request, "key_request.html", staff, settings=settings, item=item, events=events)


@router.get("/key-requests/{request_id}/materials/{material_id}")
def material(
    staff: Staff,
    request_id: RequestId,
    material_id: Annotated[int, Path(ge=1)],
    materials: KeyMaterialServiceDep,
) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    found = materials.material(request_id, material_id)
    # Uploaded bytes are the applicant's: never sniffed, never scripted, PDFs downloaded.
    disposition = "inline" if found.media_type.startswith("image/") else "attachment"
    fallback = f"material-{material_id}.{found.filename.rpartition('.')[2] or 'bin'}"
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{fallback}"; '
            f"filename*=UTF-8''{quote(found.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "no-store",
        },
    )


@router.post("/key-requests/{request_id}/approve")
def approve(
    staff: CheckedStaff, request_id: RequestId, materials: KeyMaterialServiceDep
) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    materials.approve(request_id, actor=staff.actor)
    return RedirectResponse(f"/console/key-requests/{request_id}", status_code=303)


@router.post("/key-requests/{request_id}/reject")
def reject(
    staff: CheckedStaff,
    request_id: RequestId,
    materials: KeyMaterialServiceDep,
    reason: Reason = "",
) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    materials.reject(request_id, actor=staff.actor, reason=reason)
    return RedirectResponse(f"/console/key-requests/{request_id}", status_code=303)


@router.get("/keys", response_class=HTMLResponse)
def registry(
    request: Request, staff: Staff, keys: KeyServiceDep, settings: SettingsDep
) -> HTMLResponse:
    staff.require(Permission.VIEW)
    return _page(request, "keys.html", staff, settings=settings, keys=keys.registry())


@router.get("/keys/{serial}", response_class=HTMLResponse)
def key_page(
    request: Request, staff: Staff, serial: KeySerial, keys: KeyServiceDep, settings: SettingsDep
) -> HTMLResponse:
    staff.require(Permission.VIEW)
    return _page(
        request,
        "key.html",
        staff,
        settings=settings,
        key=keys.get(serial, staff_view=True),
        row=keys.row(serial),
        events=keys.events(serial),
    )


@router.post("/orders/{order_no}/recheck")
def recheck(staff: CheckedStaff, order_no: OrderNo, keys: KeyServiceDep) -> Response:
    staff.require(Permission.RECHECK)
    keys.recheck(order_no, actor=staff.actor)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)


@router.post("/keys/{serial}/return")
def return_key(
    staff: CheckedStaff, serial: KeySerial, keys: KeyServiceDep, order_no: OrderNoForm
) -> Response:
    staff.require(Permission.PROVISION)
    keys.return_key(serial, actor=staff.actor)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)
