"""The RA's parts built from its settings: one of each per app, kept in ``app.state``.

Nothing is built at import time: ``create_app(settings)`` builds them and deps.py hands them
to the routes of that app.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.tsa import BuiltinTsa
from netca_ra.db import HotReads, make_engine, make_session_factory
from netca_ra.payments.simulated import SimulatedProvider
from netca_ra.services.certificates import CertificateService
from netca_ra.services.key_materials import KeyMaterialService
from netca_ra.services.key_requests import KeyRequestService
from netca_ra.services.keys import KeyService
from netca_ra.services.orders import OrderService
from netca_ra.services.payments import PaymentService
from netca_ra.services.possession import PossessionService
from netca_ra.services.profiles import ProfileService
from netca_ra.services.renewal_issue import Issuer
from netca_ra.services.renewals import RenewalParts, RenewalService
from netca_ra.services.seal_maker import SealMaker
from netca_ra.services.seal_orders import SealOrderService
from netca_ra.services.seal_review import SealReviewService
from netca_ra.services.sms import SmsService
from netca_ra.services.staff import LoginLimits, StaffService
from netca_ra.settings import RaSettings
from netca_ra.sms.gateway import HttpGateway, OutboxGateway, SmsGateway


@dataclass(frozen=True)
class Services:
    """Everything the routes of one app use; deps.py hands each part to the routes."""

    settings: RaSettings
    engine: Engine
    sessions: sessionmaker[Session]
    ca: BuiltinCa
    tsa: BuiltinTsa
    profiles: ProfileService
    orders: OrderService
    payments: PaymentService
    certificates: CertificateService
    sms: SmsService
    staff: StaffService
    keys: KeyService
    key_requests: KeyRequestService
    key_materials: KeyMaterialService
    renewals: RenewalService
    possession: PossessionService
    seal_orders: SealOrderService
    seal_review: SealReviewService


def build_services(settings: RaSettings) -> Services:
    settings.ensure_dev_so_pin_master()
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    ca = BuiltinCa.load(
        settings.ca_dir,
        base_url=settings.public_base_url,
        passphrase_file=settings.ca_passphrase_file,
    )
    gateway: SmsGateway = (
        OutboxGateway(settings.data_dir)
        if settings.sms_outbox
        else HttpGateway(settings.sms_http_url, settings.sms_http_template)
    )
    online = SimulatedProvider(settings.public_base_url) if settings.simulated_payments else None
    certificates = CertificateService(sessions, ca, seal_key=settings.effective_secret)
    keys = KeyService(sessions, settings, ca=ca, certificates=certificates, gateway=gateway)
    key_requests = KeyRequestService(sessions, settings, keys=keys, gateway=gateway)
    renewals = RenewalService(
        RenewalParts(sessions, settings, certificates, Issuer(ca, settings, gateway))
    )
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        ca=ca,
        tsa=BuiltinTsa.load(settings.ca_dir, passphrase_file=settings.ca_passphrase_file),
        profiles=ProfileService(sessions),
        orders=OrderService(sessions, settings, reads=HotReads(engine)),
        payments=PaymentService(
            sessions, online=online, seal_key=settings.effective_secret, on_paid=renewals.settled
        ),
        certificates=certificates,
        sms=SmsService(sessions, settings, gateway),
        staff=StaffService(
            sessions,
            session_ttl_seconds=settings.session_ttl_seconds,
            login_limits=LoginLimits(
                per_user_and_client=settings.failed_logins_per_user_and_client,
                per_client=settings.failed_logins_per_client,
                per_user=settings.failed_logins_per_user,
            ),
        ),
        keys=keys,
        key_requests=key_requests,
        key_materials=KeyMaterialService(sessions, requests=key_requests),
        renewals=renewals,
        possession=PossessionService(sessions),
        seal_orders=SealOrderService(sessions, settings),
        seal_review=SealReviewService(
            sessions,
            settings,
            maker=SealMaker.load(settings.ca_dir, passphrase_file=settings.ca_passphrase_file),
        ),
    )
