"""`netca-ra init` as a function: secrets, schema, CA, profiles, first admin (re-runnable)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from netca_ra.ca import keystore
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.db import make_engine, make_session_factory
from netca_ra.migrate import upgrade_to_head
from netca_ra.models import IssuedCertificate, Staff, utcnow
from netca_ra.services.certificates import record_certificate
from netca_ra.services.profiles import ProfileService
from netca_ra.services.renewal_policies import seed_policies
from netca_ra.services.staff import Role, StaffService
from netca_ra.settings import (
    SECRET_KEY_FILE,
    SO_PIN_MASTER_FILE,
    RaSettings,
    generate_secret,
    write_secret_file,
)


@dataclass(frozen=True)
class InitReport:
    created_secret: bool
    created_so_pin_master: bool
    created_ca: bool
    profiles_added: int
    admin_username: str | None
    admin_password: str | None


def _restrict_sqlite_file(database_url: str) -> None:
    """The SQLite file holds handlers' personal data: owner-only, like the keys."""
    prefix = "sqlite:///"
    if database_url.startswith(prefix):
        path = Path(database_url.removeprefix(prefix))
        if path.exists():
            os.chmod(path, 0o600)


def initialise(
    settings: RaSettings, *, organisation: str = "NETCA-RA", admin_username: str = "admin"
) -> InitReport:
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    created_secret = False
    key_file = settings.data_dir / SECRET_KEY_FILE
    if not settings.secret_key.get_secret_value() and not key_file.exists():
        write_secret_file(key_file, generate_secret())
        created_secret = True
    created_master = False
    master_file = settings.data_dir / SO_PIN_MASTER_FILE
    if not settings.so_pin_master.get_secret_value() and not master_file.exists():
        write_secret_file(master_file, generate_secret())
        created_master = True
    upgrade_to_head(settings.database_url)
    _restrict_sqlite_file(settings.database_url)
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    try:
        created_ca = not (settings.ca_dir / "root.key.pem").exists()
        if created_ca:
            BuiltinCa.create(
                settings.ca_dir,
                base_url=settings.public_base_url,
                organisation=organisation,
                now=utcnow(),
            )
        with sessions.begin() as session:
            for stem, profile in (("tsa", "tsa"), ("seal-maker", "seal_maker")):
                cert = keystore.load_certificate(settings.ca_dir / f"{stem}.crt.pem")
                if session.get(IssuedCertificate, format(cert.serial_number, "x")) is None:
                    record_certificate(session, cert, profile=profile)
        added = ProfileService(sessions).seed_defaults()
        seed_policies(sessions)  # 证书续期: a renewal policy for each profile that has none
        username: str | None = None
        password: str | None = None
        with sessions.begin() as session:
            has_staff = session.scalar(select(func.count()).select_from(Staff)) or 0
        if not has_staff:
            username, password = admin_username, secrets.token_urlsafe(12)
            StaffService(sessions, session_ttl_seconds=60).add(
                username=username, display_name="管理员", password=password, role=Role.ADMIN
            )
    finally:
        engine.dispose()
    return InitReport(
        created_secret=created_secret,
        created_so_pin_master=created_master,
        created_ca=created_ca,
        profiles_added=added,
        admin_username=username,
        admin_password=password,
    )
