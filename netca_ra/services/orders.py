"""Orders (业务): creation with numbering and fees, applicant access, staff review moves."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from netca_protocol import (
    AuditEntry,
    CertificateKind,
    HandlerIn,
    OrderCreate,
    OrderCreated,
    OrderOut,
    OrderState,
    SubjectIn,
)
from netca_protocol.errors import ErrorCode
from netca_protocol.seals import SEAL_BUSINESS_TYPES
from netca_ra.db import HotRead, HotReads
from netca_ra.errors import ApiError
from netca_ra.models import Order, OrderEvent, utcnow
from netca_ra.services import idempotency, ratelimit, transitions
from netca_ra.services.fees import fee_fen
from netca_ra.services.numbering import next_order_no
from netca_ra.services.profiles import load_profile, profile_out
from netca_ra.settings import RaSettings

STAFF_QUEUE_STATES = (OrderState.SUBMITTED, OrderState.UNDER_REVIEW)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def applicant_actor(order: Order) -> str:
    return f"applicant:{order.handler_name}"


def public_actor(actor: str) -> str:
    """The audit actor as an applicant sees it: staff are "staff", never a user name."""
    return "staff" if actor.startswith("staff:") else actor


def order_out(
    order: Order | Row[Any],
    *,
    events: Iterable[OrderEvent | Row[Any]] | None = None,
    staff_view: bool = False,
) -> OrderOut:
    """The order on the wire, from its ORM object or (on the hot read path) its row with
    ``events`` its audit rows; ``staff_view`` keeps staff user names in the trail."""
    if events is None:
        assert isinstance(order, Order)
        events = order.events
    return OrderOut(
        order_no=order.order_no,
        service_id=order.service_id,
        business_type=order.business_type,
        certificate_kind=order.certificate_kind,
        validity_years=order.validity_years,
        state=order.state,
        amount_fen=order.amount_fen,
        paid_fen=order.paid_fen,
        # Built without validation: rows taken before today's rules (names with invisible
        # characters, say) must still be shown, not fail as a 500.
        subject=SubjectIn.model_construct(
            organisation_name=order.organisation_name,
            unified_social_credit_code=order.unified_social_credit_code,
            organisation_unit=order.organisation_unit,
            person_name=order.person_name,
        ),
        handler=HandlerIn.model_construct(
            name=order.handler_name, id_number=order.handler_id_number, mobile=order.handler_mobile
        ),
        created_at=order.created_at,
        updated_at=order.updated_at,
        certificate_serial=order.certificate_serial,
        audit=[
            AuditEntry(
                at=e.at,
                actor=e.actor if staff_view else public_actor(e.actor),
                from_state=e.from_state,
                to_state=e.to_state,
                reason=e.reason,
            )
            for e in events
        ],
    )


_ORDERS = Order.__table__
_EVENTS = OrderEvent.__table__
#: the applicant's poll: the order and its audit trail in ONE statement (one snapshot, one
#: round trip), one row per event (an order always has its creation event; the outer join
#: keeps one without, its event columns NULL)
_ORDER_WITH_EVENTS = HotRead(
    select(
        *(column for column in _ORDERS.c if column.key != "id"),
        _EVENTS.c.id.label("event_id"),
        _EVENTS.c.at,
        _EVENTS.c.actor,
        _EVENTS.c.from_state,
        _EVENTS.c.to_state,
        _EVENTS.c.reason,
    )
    .select_from(_ORDERS.outerjoin(_EVENTS, _EVENTS.c.order_id == _ORDERS.c.id))
    .where(_ORDERS.c.order_no == bindparam("order_no"))
    .order_by(_EVENTS.c.id)
)


def lock_order(session: Session, order_no: str, *, lock: bool = True) -> Order:
    """The order, row-locked for the rest of the transaction unless ``lock`` is False."""
    # The audit trail comes in the same round trip: every answer about an order carries it.
    query = select(Order).where(Order.order_no == order_no).options(selectinload(Order.events))
    order = session.scalar(query.with_for_update() if lock else query)
    if order is None:
        raise _not_found(order_no)
    return order


def _not_found(order_no: str) -> ApiError:
    return ApiError(ErrorCode.ORDER_NOT_FOUND, 404, f"no order {order_no}")


def authorise_applicant(
    session: Session, order_no: str, token: str | None, *, lock: bool = True
) -> Order:
    """The order, if ``token`` is the access token handed out when it was created."""
    given = _required_token(token)
    order = lock_order(session, order_no, lock=lock)
    _check_token(order.access_token_hash, given)
    return order


def _required_token(token: str | None) -> str:
    if not token:
        raise ApiError(ErrorCode.UNAUTHORISED, 401, "X-Order-Token is required")
    return token


def _check_token(access_token_hash: str, token: str) -> None:
    if not hmac.compare_digest(access_token_hash, token_hash(token)):
        raise ApiError(ErrorCode.FORBIDDEN, 403, "the order token does not match")


def applicant_caller(order_no: str, token: str | None) -> Callable[[Session], str]:
    """For an idempotent applicant call: check the token first, name the caller by it."""

    def caller(session: Session) -> str:
        authorise_applicant(session, order_no, token)
        assert token is not None
        return idempotency.caller_id("order", token)

    return caller


def anyone(_: Session) -> str:
    return idempotency.ANYONE


@dataclass(frozen=True)
class QueuePage:
    """One page of a console queue, with the true number of items in it."""

    items: list[OrderOut]
    total: int
    page: int
    pages: int


class OrderService:
    def __init__(
        self, sessions: sessionmaker[Session], settings: RaSettings, *, reads: HotReads
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._reads = reads

    # --- applicant side --------------------------------------------------------

    def create(
        self, payload: OrderCreate, *, call: idempotency.IdempotentCall, client: str
    ) -> OrderCreated:
        def action(session: Session, sealer: idempotency.Sealer) -> OrderCreated:
            self._count_new_order(session, client)
            return self._create(session, payload, token=sealer.new_secret())

        once = idempotency.Once(scope="POST /orders", call=call, caller=anyone)
        return idempotency.run_once(
            self._sessions,
            once,
            action,
            answer=OrderCreated,
            seal_key=self._settings.effective_secret,
        )

    def _count_new_order(self, session: Session, client: str) -> None:
        settings = self._settings
        ratelimit.consume(
            session, scope="orders-client", key=client, what="new orders from this client",
            limit=settings.orders_per_client_per_hour, window_seconds=ratelimit.HOUR,
        )  # fmt: skip
        ratelimit.consume(
            session, scope="orders-all", key=ratelimit.EVERYONE, what="new orders",
            limit=settings.orders_per_hour, window_seconds=ratelimit.HOUR,
        )  # fmt: skip

    def _create(self, session: Session, payload: OrderCreate, *, token: str) -> OrderCreated:
        profile_row = load_profile(session, payload.service_id)
        profile = profile_out(profile_row)
        if payload.business_type not in profile.business_types:
            raise ApiError(
                ErrorCode.BUSINESS_TYPE_NOT_ALLOWED,
                422,
                f"{profile.service_id} does not offer {payload.business_type.value}",
            )
        if payload.business_type in SEAL_BUSINESS_TYPES:
            # A seal application needs the key's proof of possession and is reviewed as a
            # seal: an order for one made here could never be approved (ra-protocol.md §13).
            raise ApiError(
                ErrorCode.BUSINESS_TYPE_NOT_ALLOWED,
                422,
                f"{payload.business_type.value} is applied for at /keys/{{serial}}/seal-orders",
            )
        if payload.validity_years not in profile.validity_years:
            raise ApiError(ErrorCode.VALIDITY_NOT_ALLOWED, 422, "validity years not offered")
        if profile.certificate_kind is CertificateKind.EMPLOYEE and not payload.subject.person_name:
            raise ApiError(
                ErrorCode.VALIDATION_FAILED, 422, "employee certificates need subject.person_name"
            )
        now = utcnow()
        order = Order(
            order_no=next_order_no(session, prefix=self._settings.order_prefix, now=now),
            service_id=profile.service_id,
            business_type=payload.business_type,
            certificate_kind=profile.certificate_kind,
            validity_years=payload.validity_years,
            state=OrderState.SUBMITTED,
            amount_fen=fee_fen(
                profile.fees,
                business_type=payload.business_type,
                validity_years=payload.validity_years,
            ),
            paid_fen=0,
            organisation_name=payload.subject.organisation_name,
            unified_social_credit_code=payload.subject.unified_social_credit_code,
            organisation_unit=payload.subject.organisation_unit,
            person_name=payload.subject.person_name,
            handler_name=payload.handler.name,
            handler_id_number=payload.handler.id_number,
            handler_mobile=payload.handler.mobile,
            access_token_hash=token_hash(token),
            created_at=now,
            updated_at=now,
        )
        transitions.record_creation(order, actor=applicant_actor(order))
        session.add(order)
        session.flush()
        return OrderCreated(order=order_out(order), access_token=token)

    async def get(self, order_no: str, *, token: str | None) -> OrderOut:
        """The applicant's poll: the RA's hottest read, so one SELECT through ``HotReads``
        (awaited from an async route) rather than the ORM, with the same checks as
        ``authorise_applicant``, in the same order, with the same answers."""
        given = _required_token(token)
        rows = await self._reads.rows(_ORDER_WITH_EVENTS, {"order_no": order_no})
        if not rows:
            raise _not_found(order_no)
        order = rows[0]
        _check_token(order.access_token_hash, given)
        return order_out(order, events=[row for row in rows if row.event_id is not None])

    def applicant_move(
        self,
        order_no: str,
        *,
        token: str | None,
        to_state: OrderState,
        call: idempotency.IdempotentCall,
    ) -> OrderOut:
        """Cancel, or report the certificate installed: the two moves an applicant may make."""
        if to_state not in (OrderState.CANCELLED, OrderState.INSTALLED):
            raise ApiError(ErrorCode.FORBIDDEN, 403, "applicants may only cancel or install")

        def action(session: Session, _: idempotency.Sealer) -> OrderOut:
            order = lock_order(session, order_no)
            transitions.move(order, to_state, actor=applicant_actor(order))
            return order_out(order)

        once = idempotency.Once(
            scope=f"POST /orders/{order_no}/{to_state.value}",
            call=call,
            caller=applicant_caller(order_no, token),
            status_code=200,
        )
        return idempotency.run_once(
            self._sessions, once, action, answer=OrderOut, seal_key=self._settings.effective_secret
        )

    # --- staff side -------------------------------------------------------------

    def staff_move(
        self, order_no: str, *, to_state: OrderState, actor: str, reason: str = ""
    ) -> OrderOut:
        """A reviewer's or counter's move; approval also opens payment (or settles a zero fee)."""
        if to_state is OrderState.REJECTED and not reason.strip():
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "a rejection needs a reason")
        with self._sessions.begin() as session:
            order = lock_order(session, order_no)
            if order.business_type in SEAL_BUSINESS_TYPES:
                # A seal order's review makes the seal (seal_review.py): never approve it here.
                raise ApiError(
                    ErrorCode.BUSINESS_TYPE_NOT_ALLOWED, 422, "seal orders are reviewed as seals"
                )
            transitions.move(order, to_state, actor=actor, reason=reason.strip())
            if to_state is OrderState.APPROVED:
                transitions.move(
                    order, OrderState.AWAITING_PAYMENT, actor=transitions.SYSTEM, reason="待缴费"
                )
                if order.amount_fen == 0:
                    transitions.move(
                        order, OrderState.PAID, actor=transitions.SYSTEM, reason="本业务免费"
                    )
            return order_out(order, staff_view=True)

    def staff_view(self, order_no: str) -> OrderOut:
        with self._sessions.begin() as session:
            return order_out(lock_order(session, order_no, lock=False), staff_view=True)

    def queue(self, states: tuple[OrderState, ...], *, page: int = 1) -> QueuePage:
        """Oldest first, ``queue_page_size`` a page; ``total`` counts the whole queue."""
        size = self._settings.queue_page_size
        waiting = Order.state.in_(states)
        with self._sessions.begin() as session:
            total = session.scalar(select(func.count()).select_from(Order).where(waiting)) or 0
            pages = max(1, -(-total // size))
            page = min(max(1, page), pages)
            rows = session.scalars(
                select(Order)
                .where(waiting)
                .order_by(Order.id)
                .offset((page - 1) * size)
                .limit(size)
            )
            items = [order_out(row, staff_view=True) for row in rows]
        return QueuePage(items=items, total=total, page=page, pages=pages)

    def recent(self, *, limit: int = 50) -> list[OrderOut]:
        with self._sessions.begin() as session:
            rows = session.scalars(select(Order).order_by(Order.id.desc()).limit(limit))
            return [order_out(row, staff_view=True) for row in rows]
