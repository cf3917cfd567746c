"""Console pages for keys: the unlock-materials queue and review, the key registry, 复审, 归还."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import AfterValidator

from netca_protocol import KEY_SERIAL_PATTERN, REQUEST_ID_PATTERN
from netca_protocol.models import ORDER_NO_PATTERN, visible_lines
from netca_ra.app import services_of
from netca_ra.console.auth import CheckedStaff, Staff
from netca_ra.console.render import render
from netca_ra.services.staff import ROLE_NAMES, Permission

router = APIRouter(prefix="/console", include_in_schema=False)
RequestId = Annotated[str, Path(pattern=REQUEST_ID_PATTERN)]
KeySerial = Annotated[str, Path(pattern=KEY_SERIAL_PATTERN)]
OrderNoForm = Annotated[str, Form(pattern=ORDER_NO_PATTERN)]
Reason = Annotated[str, Form(max_length=500), AfterValidator(visible_lines)]


def _page(request: Request, name: str, staff: Staff, **context: Any) -> HTMLResponse:
    return render(
        request,
        name,
        staff=staff,
        role_name=ROLE_NAMES[staff.role],
        dev_mode=services_of(request).settings.dev_mode,
        **context,
    )


@router.get("/key-requests", response_class=HTMLResponse)
def review_queue(
    request: Request, staff: Staff, page: Annotated[int, Query(ge=1, le=100_000)] = 1
) -> HTMLResponse:
    staff.require(Permission.REVIEW_MATERIALS)
    queue = services_of(request).key_materials.queue(page=page)
    return _page(request, "key_requests.html", staff, queue=queue)


@router.get("/key-requests/{request_id}", response_class=HTMLResponse)
def review_page(request: Request, staff: Staff, request_id: RequestId) -> HTMLResponse:
    staff.require(Permission.REVIEW_MATERIALS)
    services = services_of(request)
    item = services.key_materials.item(request_id)
    serial = item.request.key_serial
    events = [e for e in services.keys.events(serial) if e.request_id == request_id]
    return _page(request, "key_request.html", staff, item=item, events=events)


@router.get("/key-requests/{request_id}/materials/{material_id}")
def material(
    request: Request,
    staff: Staff,
    request_id: RequestId,
    material_id: Annotated[int, Path(ge=1)],
) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    found = services_of(request).key_materials.material(request_id, material_id)
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
def approve(request: Request, staff: CheckedStaff, request_id: RequestId) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    services_of(request).key_materials.approve(request_id, actor=staff.actor)
    return RedirectResponse(f"/console/key-requests/{request_id}", status_code=303)


@router.post("/key-requests/{request_id}/reject")
def reject(
    request: Request, staff: CheckedStaff, request_id: RequestId, reason: Reason = ""
) -> Response:
    staff.require(Permission.REVIEW_MATERIALS)
    services_of(request).key_materials.reject(request_id, actor=staff.actor, reason=reason)
    return RedirectResponse(f"/console/key-requests/{request_id}", status_code=303)


@router.get("/keys", response_class=HTMLResponse)
def registry(request: Request, staff: Staff) -> HTMLResponse:
    staff.require(Permission.VIEW)
    return _page(request, "keys.html", staff, keys=services_of(request).keys.registry())


@router.get("/keys/{serial}", response_class=HTMLResponse)
def key_page(request: Request, staff: Staff, serial: KeySerial) -> HTMLResponse:
    staff.require(Permission.VIEW)
    services = services_of(request)
    return _page(
        request,
        "key.html",
        staff,
        key=services.keys.get(serial, staff_view=True),
        row=services.keys.row(serial),
        events=services.keys.events(serial),
    )


@router.post("/orders/{order_no}/recheck")
def recheck(
    request: Request,
    staff: CheckedStaff,
    order_no: Annotated[str, Path(pattern=ORDER_NO_PATTERN)],
) -> Response:
    staff.require(Permission.RECHECK)
    services_of(request).keys.recheck(order_no, actor=staff.actor)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)


@router.post("/keys/{serial}/return")
def return_key(
    request: Request, staff: CheckedStaff, serial: KeySerial, order_no: OrderNoForm
) -> Response:
    staff.require(Permission.PROVISION)
    services_of(request).keys.return_key(serial, actor=staff.actor)
    return RedirectResponse(f"/console/orders/{order_no}", status_code=303)
