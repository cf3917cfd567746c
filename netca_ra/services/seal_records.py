"""What the seal-order services share: loading a seal order, its wire form, its events."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netca_protocol import HandlerIn, MaterialOut
from netca_protocol.errors import ErrorCode
from netca_protocol.seals import (
    SealDetailsIn,
    SealOrderOut,
    SealOrderState,
    SealRevisionOut,
)
from netca_ra.errors import ApiError
from netca_ra.models import Order, OrderEvent, SealMaterial, SealOrder, SealRevision, utcnow

#: states in which a key's seal application is still open (one at a time per key)
OPEN_STATES = (
    SealOrderState.MATERIALS_REQUIRED,
    SealOrderState.UNDER_REVIEW,
    SealOrderState.APPROVED,
)


def details_of(revision: SealRevision) -> SealDetailsIn:
    return SealDetailsIn.model_construct(
        seal_kind=revision.seal_kind,
        seal_name=revision.seal_name,
        size_mm=revision.size_mm,
        handler=HandlerIn.model_construct(
            name=revision.handler_name,
            id_number=revision.handler_id_number,
            mobile=revision.handler_mobile,
        ),
    )


def material_out(row: SealMaterial) -> MaterialOut:
    return MaterialOut(
        material_id=row.id,
        filename=row.filename,
        media_type=row.media_type,
        size=row.size,
        sha256=row.sha256,
    )


def current_revision(row: SealOrder) -> SealRevision:
    return next(r for r in row.revisions if r.revision == row.revision)


def seal_order_out(row: SealOrder) -> SealOrderOut:
    history = [
        SealRevisionOut(
            revision=r.revision,
            details=details_of(r),
            created_at=r.created_at,
            materials=[material_out(m) for m in row.materials if m.revision == r.revision],
        )
        for r in row.revisions
    ]
    return SealOrderOut(
        order_no=row.order.order_no,
        key_serial=row.key_serial,
        business_type=row.order.business_type,
        state=row.state,
        details=details_of(current_revision(row)),
        revision=row.revision,
        materials=history[-1].materials if history else [],
        history=history,
        certificate_serial=row.certificate_serial,
        replaces_seal_id=row.replaces_seal_id,
        amount_fen=row.order.amount_fen,
        review_reason=row.review_reason,
        seal_id=row.seal_id,
        seal_sha256=row.seal_sha256,
        seal_valid_from=row.seal_valid_from,
        seal_valid_to=row.seal_valid_to,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def load_seal_order(session: Session, order_no: str, *, lock: bool = True) -> SealOrder:
    query = select(SealOrder).join(Order, SealOrder.order_id == Order.id)
    query = query.where(Order.order_no == order_no)
    row = session.scalar(query.with_for_update(of=SealOrder) if lock else query)
    if row is None:
        raise ApiError(ErrorCode.ORDER_NOT_FOUND, 404, f"no seal order {order_no}")
    return row


def state_conflict(row: SealOrder, detail: str) -> ApiError:
    return ApiError(
        ErrorCode.SEAL_ORDER_STATE_CONFLICT, 409, f"{detail} (it is {row.state.value})",
        state=row.state.value,
    )  # fmt: skip


def set_state(row: SealOrder, state: SealOrderState) -> None:
    row.state = state
    row.updated_at = utcnow()


def note(order: Order, *, actor: str, reason: str) -> None:
    """An audit line that changes no order state (修改资料, a new scan)."""
    order.events.append(
        OrderEvent(
            at=utcnow(), actor=actor, from_state=order.state, to_state=order.state, reason=reason
        )
    )
