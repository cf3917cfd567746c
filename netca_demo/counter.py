"""The demo's keys made the way an acceptance point makes them: 李四 and 王五.

Each order is created over the RA protocol; review and payment are entered in the RA's
database (the demo has no reviewer at hand); then the client's own provisioning workflow
prepares a blank vkey key over HTTP, signed in as the demo's admin, and the order is marked
re-checked (复审). 李四 is then activated with the code from the outbox and locked with ten
wrong PINs (so 忘记密码 works on it); 王五 awaits activation. 赵六 and 钱七 are activated and
apply for a seal with the client's seal workflow (a stamped form's scan made like a holder's):
赵六's application is under review (审核中, 修改资料 works), 钱七's was approved in the RA's
review service and waits to be installed (印章待安装).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netca_client.core.ra.client import RaClient
from netca_client.core.token import TokenLibrary
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.key_requests import KeyRequests
from netca_client.core.workflows.provision import Provisioner
from netca_client.core.workflows.staff import StaffSession
from netca_protocol import (
    BusinessType,
    HandlerIn,
    OrderCreate,
    OrderState,
    SubjectIn,
)
from netca_protocol.models import KeyRequestPurpose

if TYPE_CHECKING:
    from netca_demo.world import DemoWorld

FACTORY_PIN = "12345678"
FACTORY_SO_PIN = "87654321"  # netca-vkey's default: the key as it leaves the factory


@dataclass(frozen=True)
class DemoHolder:
    label: str
    person: str
    handler: HandlerIn
    pin: str = ""  # set at activation; empty while the key awaits it


#: the organisation's handler (经办人) on record for both keys' orders
HANDLER = HandlerIn(name="王小明", id_number="44010119900307002X", mobile="13800138005")
LOCKED = DemoHolder(label="李四", person="李四", handler=HANDLER, pin="Demo-Pin-Emp3")
PENDING = DemoHolder(label="王五", person="王五", handler=HANDLER)
SEAL_REVIEW = DemoHolder(label="赵六", person="赵六", handler=HANDLER, pin="Demo-Pin-Emp4")
SEAL_READY = DemoHolder(label="钱七", person="钱七", handler=HANDLER, pin="Demo-Pin-Emp5")
SEAL_HOLDERS = (SEAL_REVIEW, SEAL_READY)


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


def _provision(world: DemoWorld, library: TokenLibrary, ra: RaClient, holder: DemoHolder) -> None:
    """Provisioned at the 'counter' with the client's workflow, then re-checked (复审)."""
    world.create_key(holder.label, pin=FACTORY_PIN, so_pin=FACTORY_SO_PIN)
    library.reinitialize()  # SoftHSM2 sees a key created after C_Initialize only then
    order_no = paid_employee_order(world, ra, holder.person, holder.handler)
    staff = _admin(world, ra)
    try:
        Provisioner(library, ra, ra_url=world.ra_url, journal=Journal(world.journal_dir)).provision(
            staff, order_no, library.find(holder.label), factory_so_pin=FACTORY_SO_PIN
        )
        ra.recheck_order(order_no, staff_token=staff.token)
    finally:
        ra.staff_logout(staff.token)


def _activate(world: DemoWorld, library: TokenLibrary, ra: RaClient, holder: DemoHolder) -> None:
    """The holder activates with the code from the outbox."""
    from netca_client.core.secrets import SecretStore
    from netca_ra.sms.gateway import latest_code

    jobs = KeyRequests(
        library, ra, ra_url=world.ra_url, journal=Journal(world.journal_dir),
        secrets=SecretStore(),
    )  # fmt: skip
    key = library.find(holder.label)
    job = jobs.start(key, KeyRequestPurpose.ACTIVATE)
    code = latest_code(world.ra_dir, holder.handler.mobile)
    if code is None:
        raise RuntimeError("the demo RA sent no activation code")
    job = jobs.reset_pin(jobs.verify(job, code), key, holder.pin)
    if job.result is None:
        raise RuntimeError(f"the demo activation stopped at {job.next_step()}")


def _lock(library: TokenLibrary, holder: DemoHolder) -> None:
    """The holder forgets the PIN: 10 wrong tries."""
    from netca_client.core.errors import PinIncorrect

    with library.open(library.find(holder.label)) as session:
        for _ in range(10):
            try:
                session.login("Wrong-Pin-000", allow_final_try=True)
            except PinIncorrect:
                continue
            raise RuntimeError("a wrong PIN was accepted")


def _apply_for_seal(
    world: DemoWorld, library: TokenLibrary, ra: RaClient, holder: DemoHolder, *, approve: bool
) -> None:
    """申请印章 with the client's workflow: signed on the key, the form stamped and scanned,
    submitted; with ``approve`` the RA's review service approves the extracted seal."""
    from netca_client.core.seals import load_seal_trust
    from netca_client.core.secrets import SecretStore
    from netca_client.core.workflows.seal_jobs import SealJobs
    from netca_demo.seal_scan import stamp_scan
    from netca_demo.world import ORGANISATION
    from netca_protocol.seals import SealDetailsIn, SealOrderKind
    from netca_ra.services.seal_form import SAMPLE_BOXES_MM

    jobs = SealJobs(
        library, ra, ra_url=world.ra_url, journal=Journal(world.journal_dir),
        secrets=SecretStore(), trust=load_seal_trust(extra_files=world.seal_trust),
    )  # fmt: skip
    kind = SealOrderKind.CONTRACT if approve else SealOrderKind.OFFICIAL
    name = f"{ORGANISATION}合同专用章" if approve else ORGANISATION
    details = SealDetailsIn(seal_kind=kind, seal_name=name, size_mm=42, handler=holder.handler)
    job = jobs.start(library.find(holder.label), holder.pin, details)
    scan = stamp_scan(jobs.form(job), organisation=ORGANISATION, boxes_mm=SAMPLE_BOXES_MM)
    path = world.root / f"{holder.label}-申请表扫描件.jpg"
    path.write_bytes(scan.jpeg)
    jobs.upload(job, path)
    job = jobs.submit(job)
    if approve:
        _approve_seal(world, job.order_no)


def _approve_seal(world: DemoWorld, order_no: str) -> None:
    """Staff approve the proposed seal picture, as the review console would."""
    from netca_ra.app import build_services
    from netca_ra.settings import RaSettings
    from netca_seal.extract import ExtractParams

    services = build_services(RaSettings(data_dir=world.ra_dir, dev_mode=True))
    try:
        services.seal_review.approve(
            order_no, actor="staff:admin", params=ExtractParams(), material_id=None
        )
    finally:
        services.engine.dispose()


def prepare_counter_keys(world: DemoWorld) -> None:
    """李四 (activated, then locked: 忘记密码), 王五 (awaiting activation), 赵六 (seal under
    review) and 钱七 (seal waiting to be installed), made once."""
    have = world.existing_keys()
    todo = [h for h in (LOCKED, PENDING, *SEAL_HOLDERS) if h.label not in have]
    if not todo:
        return
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    library = TokenLibrary.load(world.module)
    try:
        with RaClient(world.ra_url) as ra:
            for holder in todo:
                _provision(world, library, ra, holder)
                if holder is LOCKED:
                    _activate(world, library, ra, holder)
                    _lock(library, holder)
                elif holder in SEAL_HOLDERS:
                    _activate(world, library, ra, holder)
                    _apply_for_seal(world, library, ra, holder, approve=holder is SEAL_READY)
    finally:
        library.close()
