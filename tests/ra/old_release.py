"""A database as the previous release left it (Alembic revision 0004), with data in it.

The rows are written through the tables as 0004 created them (reflected from the database),
not through today's models: every order state, orders' audit trails, payments, staff of each
role, keys with none, one or several certificates (comma-joined, as 0004 kept them), key
requests in every state, key audit rows and a stored idempotency answer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from argon2 import PasswordHasher
from sqlalchemy import Connection, MetaData

from netca_protocol import KeyRequestState, OrderState
from netca_ra.db import make_engine
from netca_ra.migrate import alembic_config
from netca_ra.services.idempotency import caller_id
from tests.ra.servers import STAFF_PASSWORD

PREVIOUS_REVISION = "0004"
S = OrderState
#: how an order reached each state, from submitted
PATHS: dict[OrderState, list[OrderState]] = {
    S.SUBMITTED: [S.SUBMITTED],
    S.UNDER_REVIEW: [S.SUBMITTED, S.UNDER_REVIEW],
    S.APPROVED: [S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED],
    S.REJECTED: [S.SUBMITTED, S.UNDER_REVIEW, S.REJECTED],
    S.AWAITING_PAYMENT: [S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.AWAITING_PAYMENT],
    S.PAID: [S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED, S.AWAITING_PAYMENT, S.PAID],
}
PATHS[S.ISSUED] = [*PATHS[S.PAID], S.ISSUED]
PATHS[S.INSTALLED] = [*PATHS[S.ISSUED], S.INSTALLED]
PATHS[S.RECHECKED] = [*PATHS[S.INSTALLED], S.RECHECKED]
PATHS[S.COMPLETED] = [*PATHS[S.RECHECKED], S.COMPLETED]
PATHS[S.CANCELLED] = [*PATHS[S.ISSUED], S.CANCELLED]  # its key was returned

#: key serial -> (key state, its order's state, certificate serials in the order listed)
KEYS: dict[str, tuple[str, OrderState, list[str]]] = {
    "OLDKEY-ACTIVE": ("active", S.COMPLETED, ["c3", "a1", "b2"]),
    "OLDKEY-PROVISIONING": ("provisioning", S.ISSUED, ["d4"]),
    "OLDKEY-AWAITING": ("awaiting_activation", S.RECHECKED, ["e5", "f6"]),
    "OLDKEY-RETURNED": ("returned", S.CANCELLED, []),
}
STAFF = {"old.admin": "admin", "old.counter": "counter", "old.reviewer": "reviewer"}
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
STORED_OTP_ANSWER = '{"sent_to":"138****0000","expires_at":"2026-12-01T10:05:00Z"}'


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class OldOrder:
    order_no: str
    token: str
    state: OrderState
    certificate_serial: str | None = None
    payments: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (method, state)


@dataclass
class OldRelease:
    """What was written at revision 0004, to be found again after the upgrade."""

    database_url: str
    orders: dict[OrderState, OldOrder] = field(default_factory=dict)
    #: request id -> (secret, purpose, state)
    key_requests: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    key_events: int = 0
    idempotency_key: str = "upgrade-otp-0001"

    def fill(self) -> OldRelease:
        command.upgrade(alembic_config(self.database_url), PREVIOUS_REVISION)
        engine = make_engine(self.database_url)
        try:
            metadata = MetaData()
            metadata.reflect(bind=engine)
            with engine.begin() as connection:
                _Writer(connection, metadata, self).write()
        finally:
            engine.dispose()
        return self


class _Writer:
    def __init__(self, connection: Connection, metadata: MetaData, old: OldRelease) -> None:
        self.connection = connection
        self.tables = metadata.tables
        self.old = old

    def insert(self, table: str, **row: Any) -> Any:
        result = self.connection.execute(self.tables[table].insert().values(**row))
        return result.inserted_primary_key[0] if result.inserted_primary_key else None

    def write(self) -> None:
        self.insert(
            "service_profiles", service_id="GD-EMP", name="单位员工证书（旧版）",
            certificate_kind="employee", medium="usb_key", per_year_fen=10000,
            first_year_fen=None, medium_fen=10000, change_fen=2000, unlock_fen=2000,
            business_types="new,renewal,change,unlock", validity_years="1,2,3", active=True,
        )  # fmt: skip
        hasher = PasswordHasher()
        for username, role in STAFF.items():
            self.insert(
                "staff", username=username, display_name=username, role=role, active=True,
                password_hash=hasher.hash(STAFF_PASSWORD), created_at=T0,
            )  # fmt: skip
        certificates = {s for _, _, serials in KEYS.values() for s in serials} | {"77"}
        order_ids = {state: self._order(number, state) for number, state in enumerate(PATHS, 1)}
        for serial_hex in sorted(certificates):
            self.insert(
                "certificates", serial_hex=serial_hex, order_id=None, profile="employee",
                subject=f"CN=old {serial_hex}", not_before=T0, pem="(not read by the test)",
                not_after=T0 + timedelta(days=365),
            )  # fmt: skip
        self._payments(order_ids)
        for serial, (state, order_state, serials) in KEYS.items():
            self._key(serial, state, order_ids[order_state], serials)
        self._key_requests("OLDKEY-ACTIVE")
        self._stored_answer(self.old.orders[S.PAID])

    def _order(self, number: int, state: OrderState) -> int:
        order_no = f"10202612010{number:06d}"
        token = f"old-order-token-{number:02d}"
        with_certificate = {S.ISSUED: "d4", S.INSTALLED: "77", S.RECHECKED: "f6"}
        old = OldOrder(order_no, token, state, with_certificate.get(state))
        if state is S.COMPLETED:
            old.certificate_serial = "b2"
        self.old.orders[state] = old
        order_id = self.insert(
            "orders", order_no=order_no, service_id="GD-EMP", business_type="new",
            certificate_kind="employee", validity_years=1, state=state.value,
            amount_fen=20000, paid_fen=20000 if S.PAID in PATHS[state] else 0,
            organisation_name="广州旧版科技有限公司", organisation_unit="信息部",
            unified_social_credit_code="91440101MA5ABCDE1X", person_name="李四",
            handler_name="张三", handler_id_number="44010119900101123X",
            handler_mobile="13800138000", access_token_hash=_sha256(token),
            certificate_serial=old.certificate_serial, created_at=T0, updated_at=T0,
        )  # fmt: skip
        previous: OrderState | None = None
        for step, reached in enumerate(PATHS[state]):
            self.insert(
                "order_events", order_id=order_id, at=T0 + timedelta(minutes=step),
                actor="staff:old.admin" if step else "applicant:张三",
                from_state=previous.value if previous else None, to_state=reached.value,
                reason=f"第 {step} 步",
            )  # fmt: skip
            previous = reached
        return int(order_id)

    def _payments(self, order_ids: dict[OrderState, int]) -> None:
        rows = [
            (S.AWAITING_PAYMENT, "bank_transfer", "pending"),
            (S.AWAITING_PAYMENT, "bank_transfer", "rejected"),
            (S.PAID, "simulated", "confirmed"),
        ]
        for number, (state, method, payment_state) in enumerate(rows):
            public_id = f"{number:024x}"
            self.insert(
                "payments", public_id=public_id, order_id=order_ids[state], method=method,
                state=payment_state, amount_fen=20000, created_at=T0,
            )  # fmt: skip
            self.old.orders[state].payments[public_id] = (method, payment_state)

    def _key(self, serial: str, state: str, order_id: int, serials: list[str]) -> None:
        self.insert(
            "key_records", serial=serial, model="vkey", state=state, so_pin_version=1,
            so_pin_issued=1, order_id=order_id, certificate_serials=",".join(serials),
            handler_name="张三", handler_id_number="44010119900101123X",
            handler_mobile="13800138000", created_at=T0, updated_at=T0,
            activated_at=T0 if state == "active" else None,
        )  # fmt: skip
        self.insert(
            "key_events", key_serial=serial, request_id=None, at=T0, actor="staff:old.counter",
            action="provisioning", detail=f"旧版审计：{','.join(serials)}",
        )  # fmt: skip
        self.old.key_events += 1

    def _key_requests(self, serial: str) -> None:
        for number, state in enumerate(KeyRequestState):
            request_id = f"{number:032x}"
            secret = f"rs_old_request_secret_{number:02d}"
            purpose = "activate" if state is KeyRequestState.COMPLETED else "unlock"
            self.insert(
                "key_requests", request_id=request_id, key_serial=serial, purpose=purpose,
                state=state.value, secret_hash=_sha256(secret), failed_attempts=0,
                review_reason="", created_at=T0, updated_at=T0,
                expires_at=datetime.now(UTC) + timedelta(days=7),
            )  # fmt: skip
            self.insert(
                "key_events", key_serial=serial, request_id=request_id, at=T0,
                actor="holder", action=state.value, detail="",
            )  # fmt: skip
            self.old.key_requests[request_id] = (secret, purpose, state.value)
            self.old.key_events += 1

    def _stored_answer(self, order: OldOrder) -> None:
        self.insert(
            "idempotency_records", scope=f"POST /orders/{order.order_no}/otp",
            key=self.old.idempotency_key, request_hash=hashlib.sha256(b"otp").hexdigest(),
            caller=caller_id("order", order.token), status_code=201,
            response_body=STORED_OTP_ANSWER, sealed="", created_at=datetime.now(UTC),
        )  # fmt: skip
