"""The order state machine: which moves are legal, and the audit row written with each move."""

from __future__ import annotations

from datetime import datetime

from netca_protocol import OrderState
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import Order, OrderEvent, utcnow

S = OrderState
ALLOWED: dict[OrderState, frozenset[OrderState]] = {
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.CANCELLED}),
    S.UNDER_REVIEW: frozenset({S.APPROVED, S.REJECTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.AWAITING_PAYMENT, S.CANCELLED}),
    S.REJECTED: frozenset(),
    S.AWAITING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.ISSUED}),
    S.ISSUED: frozenset({S.INSTALLED, S.COMPLETED}),
    S.INSTALLED: frozenset({S.RECHECKED, S.COMPLETED}),
    S.RECHECKED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
}

SYSTEM = "system"


def require(order: Order, to_state: OrderState) -> None:
    """Refuse (problem code ``illegal_transition``) unless ``order`` may move to ``to_state``."""
    current = order.state
    if to_state not in ALLOWED[current]:
        raise ApiError(
            ErrorCode.ILLEGAL_TRANSITION,
            409,
            f"order {order.order_no} is {current.value}; it cannot become {to_state.value}",
            from_state=current.value,
            to_state=to_state.value,
        )


def move(order: Order, to_state: OrderState, *, actor: str, reason: str = "") -> OrderEvent:
    """Change ``order.state`` if the machine allows it and append the audit entry (no commit)."""
    require(order, to_state)
    now: datetime = utcnow()
    event = OrderEvent(at=now, actor=actor, from_state=order.state, to_state=to_state)
    event.reason = reason
    order.state = to_state
    order.updated_at = now
    order.events.append(event)
    return event


#: a key taken back before activation ends its order even after issue (staff only, not in ALLOWED)
RETURNABLE = frozenset({S.ISSUED, S.INSTALLED, S.RECHECKED})


def cancel_on_return(order: Order, *, actor: str, reason: str) -> None:
    """Cancel an issued order whose key was returned (its certificate is revoked by the caller)."""
    current = order.state
    if current not in RETURNABLE:
        raise ApiError(
            ErrorCode.ILLEGAL_TRANSITION,
            409,
            f"order {order.order_no} is {current.value}; a key return cannot cancel it",
            from_state=current.value,
            to_state=S.CANCELLED.value,
        )
    now = utcnow()
    order.events.append(
        OrderEvent(at=now, actor=actor, from_state=current, to_state=S.CANCELLED, reason=reason)
    )
    order.state = S.CANCELLED
    order.updated_at = now


def record_creation(order: Order, *, actor: str) -> None:
    order.events.append(
        OrderEvent(at=order.created_at, actor=actor, from_state=None, to_state=order.state)
    )
