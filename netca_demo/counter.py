"""The demo's key awaiting activation, made the way an acceptance point makes one.

The order is created over the RA protocol; review and payment are entered in the RA's
database (the demo has no reviewer at hand); then the client's own provisioning workflow
prepares a blank vkey key over HTTP, signed in as the demo's admin, and the order is marked
re-checked (复审). The holder activates it with the SMS code from the RA's outbox page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netca_client.core.ra.client import RaClient
from netca_client.core.token import TokenLibrary
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.provision import Provisioner
from netca_client.core.workflows.staff import StaffSession
from netca_protocol import (
    BusinessType,
    HandlerIn,
    OrderCreate,
    OrderState,
    SubjectIn,
)

if TYPE_CHECKING:
    from netca_demo.world import DemoWorld

FACTORY_PIN = "12345678"
FACTORY_SO_PIN = "87654321"  # netca-vkey's default: the key as it leaves the factory


@dataclass(frozen=True)
class PendingHolder:
    label: str
    person: str
    handler: HandlerIn


PENDING = PendingHolder(
    label="王五",
    person="王五",
    handler=HandlerIn(name="王五", id_number="44010119900307002X", mobile="13800138005"),
)


def _pay_as_staff(world: DemoWorld, order_no: str) -> None:
    """Review, approve and settle the fee in the RA's database, as staff would in the console."""
    from netca_ra.app import build_services
    from netca_ra.services import transitions
    from netca_ra.services.orders import lock_order
    from netca_ra.settings import RaSettings

    services = build_services(RaSettings(data_dir=world.ra_dir, dev_mode=True))
    try:
        actor = "staff:admin"
        services.orders.staff_move(order_no, to_state=OrderState.UNDER_REVIEW, actor=actor)
        services.orders.staff_move(order_no, to_state=OrderState.APPROVED, actor=actor)
        with services.sessions.begin() as session:
            order = lock_order(session, order_no)
            if order.state != OrderState.PAID.value:
                order.paid_fen = order.amount_fen
                transitions.move(order, OrderState.PAID, actor=actor, reason="演示：已缴费")
    finally:
        services.engine.dispose()


def paid_employee_order(world: DemoWorld, ra: RaClient, person: str, handler: HandlerIn) -> str:
    """A new employee-certificate order of the demo organisation, approved and paid."""
    from netca_demo.world import ORGANISATION, _org_code

    profile = next(p for p in ra.profiles() if p.certificate_kind.value == "employee")
    created = ra.create_order(
        OrderCreate(
            service_id=profile.service_id,
            business_type=BusinessType.NEW,
            validity_years=min(profile.validity_years),
            subject=SubjectIn(
                organisation_name=ORGANISATION,
                unified_social_credit_code=_org_code(),
                organisation_unit="市场部",
                person_name=person,
            ),
            handler=handler,
        )
    )
    _pay_as_staff(world, created.order.order_no)
    return created.order.order_no


def _admin(world: DemoWorld, ra: RaClient) -> StaffSession:
    username, password = (world.root / "staff-login.txt").read_text(encoding="utf-8").split()[:2]
    out = ra.staff_login(username, password)
    return StaffSession(
        world.ra_url, out.token, out.username, out.display_name, out.role.value, out.expires_at
    )


def prepare_pending_activation(world: DemoWorld) -> None:
    """Make 王五's key (once): provisioned at the 'counter', re-checked, awaiting activation."""
    if PENDING.label in world.existing_keys():
        return
    world.create_key(PENDING.label, pin=FACTORY_PIN, so_pin=FACTORY_SO_PIN)
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    library = TokenLibrary.load(world.module)
    try:
        with RaClient(world.ra_url) as ra:
            order_no = paid_employee_order(world, ra, PENDING.person, PENDING.handler)
            staff = _admin(world, ra)
            Provisioner(
                library, ra, ra_url=world.ra_url, journal=Journal(world.root / "journal")
            ).provision(staff, order_no, library.find(PENDING.label), factory_so_pin=FACTORY_SO_PIN)
            ra.recheck_order(order_no, staff_token=staff.token)
            ra.staff_logout(staff.token)
    finally:
        library.close()
