"""Console pages for seal orders: the review queue, and one application with its scans, the
proposed seal picture (threshold, sample, margin, rotation and crop adjustable), approve and
reject."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import AfterValidator, BaseModel, Field

from netca_protocol.models import visible_lines
from netca_ra.console.auth import CheckedStaff, Staff
from netca_ra.console.render import render
from netca_ra.deps import KeyServiceDep, SealReviewServiceDep, SettingsDep
from netca_ra.errors import ApiError
from netca_ra.routers.common import OrderNo
from netca_ra.services.seal_review import picture_preview
from netca_ra.services.staff import ROLE_NAMES, Permission
from netca_seal.extract import ExtractParams

router = APIRouter(prefix="/console", include_in_schema=False)
Reason = Annotated[str, Form(max_length=500), AfterValidator(visible_lines)]
_IMAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "no-store",
}


class Adjust(BaseModel):
    """What staff set on the review page (query or form fields; empty = automatic)."""

    threshold: Annotated[int | None, Field(ge=1, le=254)] = None
    sample: Annotated[int | None, Field(ge=1, le=20)] = None
    margin: Annotated[float, Field(ge=0, le=10)] = 0.8
    rotate: Annotated[float, Field(ge=-180, le=180)] = 0.0
    crop: Annotated[str, Field(max_length=40, pattern=r"^(\d{1,5},\d{1,5},\d{1,5},\d{1,5})?$")] = ""
    material: Annotated[int | None, Field(ge=1)] = None

    def params(self) -> ExtractParams:
        crop = tuple(int(v) for v in self.crop.split(",")) if self.crop else None
        return ExtractParams(
            threshold=self.threshold, sample=self.sample, margin_mm=self.margin,
            rotate=self.rotate, crop=crop,  # type: ignore[arg-type]
        )  # fmt: skip

    def query(self) -> str:
        values = {k: v for k, v in self.model_dump().items() if v not in (None, "")}
        return urlencode(values)


def _adjust_query(
    threshold: Annotated[str, Query(max_length=4)] = "",
    sample: Annotated[str, Query(max_length=3)] = "",
    margin: Annotated[str, Query(max_length=6)] = "",
    rotate: Annotated[str, Query(max_length=8)] = "",
    crop: Annotated[str, Query(max_length=40)] = "",
    material: Annotated[str, Query(max_length=10)] = "",
) -> Adjust:
    return _adjust(threshold, sample, margin, rotate, crop, material)


def _adjust_form(
    threshold: Annotated[str, Form(max_length=4)] = "",
    sample: Annotated[str, Form(max_length=3)] = "",
    margin: Annotated[str, Form(max_length=6)] = "",
    rotate: Annotated[str, Form(max_length=8)] = "",
    crop: Annotated[str, Form(max_length=40)] = "",
    material: Annotated[str, Form(max_length=10)] = "",
) -> Adjust:
    return _adjust(threshold, sample, margin, rotate, crop, material)


def _adjust(*values: str) -> Adjust:
    names = ("threshold", "sample", "margin", "rotate", "crop", "material")
    given = {n: v.strip() for n, v in zip(names, values, strict=True) if v.strip()}
    return Adjust.model_validate(given)


AdjustQuery = Annotated[Adjust, Depends(_adjust_query)]
AdjustForm = Annotated[Adjust, Depends(_adjust_form)]


def _page(request: Request, name: str, staff: Staff, *, dev_mode: bool, **context: Any) -> Response:
    return render(
        request, name, staff=staff, role_name=ROLE_NAMES[staff.role], dev_mode=dev_mode, **context
    )


@router.get("/seal-orders", response_class=HTMLResponse)
def seal_queue(
    request: Request,
    staff: Staff,
    review: SealReviewServiceDep,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    staff.require(Permission.REVIEW)
    return _page(request, "seal_orders.html", staff, dev_mode=settings.dev_mode,
                 queue=review.queue(page=page))  # fmt: skip


@router.get("/seal-orders/{order_no}", response_class=HTMLResponse)
def seal_order_page(
    request: Request,
    staff: Staff,
    order_no: OrderNo,
    review: SealReviewServiceDep,
    keys: KeyServiceDep,
    settings: SettingsDep,
    adjust: AdjustQuery,
) -> Response:
    staff.require(Permission.REVIEW)
    item = review.item(order_no)
    proposal, problem = None, ""
    if item.application.state == "under_review":
        try:
            proposal = review.propose(order_no, adjust.params(), adjust.material)
        except ApiError as exc:
            problem = exc.detail
    return _page(
        request, "seal_order.html", staff, dev_mode=settings.dev_mode, item=item,
        a=item.application, adjust=adjust, proposal=proposal, problem=problem,
        events=[e for e in keys.events(item.application.key_serial)
                if order_no in e.detail or e.request_id is None][-20:],
    )  # fmt: skip


@router.get("/seal-orders/{order_no}/scans/{material_id}")
def scan(
    staff: Staff,
    order_no: OrderNo,
    material_id: Annotated[int, Path(ge=1)],
    review: SealReviewServiceDep,
) -> Response:
    staff.require(Permission.REVIEW)
    found = review.scan(order_no, material_id)
    disposition = "inline" if found.media_type.startswith("image/") else "attachment"
    fallback = f"scan-{material_id}.{found.filename.rpartition('.')[2] or 'bin'}"
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            **_IMAGE_HEADERS,
            "Content-Disposition": f'{disposition}; filename="{fallback}"; '
            f"filename*=UTF-8''{quote(found.filename)}",
        },
    )


@router.get("/seal-orders/{order_no}/proposal.png")
def proposal_png(
    staff: Staff, order_no: OrderNo, review: SealReviewServiceDep, adjust: AdjustQuery
) -> Response:
    """The proposed picture on a checkerboard (what is transparent shows as squares)."""
    staff.require(Permission.REVIEW)
    extraction = review.propose(order_no, adjust.params(), adjust.material)
    return Response(picture_preview(extraction), media_type="image/png", headers=_IMAGE_HEADERS)


@router.post("/seal-orders/{order_no}/approve")
def approve(
    staff: CheckedStaff, order_no: OrderNo, review: SealReviewServiceDep, adjust: AdjustForm
) -> Response:
    staff.require(Permission.REVIEW)
    review.approve(order_no, actor=staff.actor, params=adjust.params(), material_id=adjust.material)
    return RedirectResponse(f"/console/seal-orders/{order_no}", status_code=303)


@router.post("/seal-orders/{order_no}/reject")
def reject(
    staff: CheckedStaff, order_no: OrderNo, review: SealReviewServiceDep, reason: Reason = ""
) -> Response:
    staff.require(Permission.REVIEW)
    review.reject(order_no, actor=staff.actor, reason=reason)
    return RedirectResponse(f"/console/seal-orders/{order_no}", status_code=303)
