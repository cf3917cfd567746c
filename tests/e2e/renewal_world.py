"""The world the renewal tests drive: a live RA (SQLite or PostgreSQL), vkey keys holding a
certificate its CA issued for a key pair made on the key, and the `netca` CLI in its own
processes (fed PINs on standard input as it asks for them)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import func, select

from netca_client.core.certs.csr import build_csr
from netca_client.core.token import KeyRef, TokenLibrary
from netca_protocol import OrderState
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.interface import SubjectKind, SubjectProfile
from netca_ra.db import make_engine, make_session_factory
from netca_ra.models import IssuedCertificate, Payment, RenewalItem
from netca_ra.services import transitions
from netca_ra.services.certificates import record_certificate
from netca_ra.services.orders import lock_order
from tests.ra import helpers
from tests.ra.servers import RaServer
from tests.support.vkey import VkeyWorld

NETCA = [sys.executable, "-m", "netca_client.cli"]
PIN = "Renew-Pin-2026!"
ORGANISATION = "广州示例科技有限公司"
USCC = "91440101MA5ABCDE1X"
HANDLER = ["--handler-name", "王小明", "--handler-id", "44010119900307002X",
           "--handler-mobile", "13800138005"]  # fmt: skip
INVOICE = ["--invoice-title", ORGANISATION, "--tax-id", USCC, "--invoice-email", "fin@example.cn"]


def issue_for_order(
    ra: RaServer,
    csr: x509.CertificateSigningRequest,
    order_no: str,
    *,
    days_left: float,
    service_id: str,
) -> x509.Certificate:
    """The RA's CA certifies ``csr`` for the paid new order ``order_no``, valid ``days_left``
    more days (what the counter would have done, minus the waiting), and the order completes."""
    ca = BuiltinCa.load(ra.data_dir / "ca", base_url=ra.base_url)
    now = dt.datetime.now(dt.UTC)
    employee = service_id == "GD-EMP"
    subject = SubjectProfile(
        SubjectKind.EMPLOYEE if employee else SubjectKind.ORGANISATION,
        "李四" if employee else ORGANISATION, ORGANISATION,
        organisation_unit="信息部", organisation_identifier=USCC,
    )  # fmt: skip
    cert = ca.issue(csr=csr, subject=subject, not_after=now + dt.timedelta(days=days_left))
    engine = make_engine(ra.database_url)
    try:
        with make_session_factory(engine).begin() as session:
            order = lock_order(session, order_no)
            record_certificate(session, cert, profile=subject.kind.value, order_id=order.id)
            order.certificate_serial = format(cert.serial_number, "x")
            transitions.move(order, OrderState.ISSUED, actor="staff:test")
            transitions.move(order, OrderState.COMPLETED, actor="staff:test")
    finally:
        engine.dispose()
    return cert


@dataclass
class Planted:
    label: str
    serial: str  # the key's
    certificate: x509.Certificate
    key_id: str
    order_no: str

    @property
    def cert_serial(self) -> str:
        return format(self.certificate.serial_number, "x")


@dataclass
class RenewalWorld:
    ra: RaServer
    vkeys: VkeyWorld
    home: Path
    library: TokenLibrary
    runs: int = 0
    outputs: list[Path] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {
            **self.vkeys.env,
            "NETCA_RA_URL": self.ra.base_url,
            "NETCA_JOURNAL_DIR": str(self.home / "journal"),
            "NETCA_LANG": "zh_CN",
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }

    # --- the RA's database -----------------------------------------------------------------

    def db(self) -> Any:
        engine = make_engine(self.ra.database_url)
        return engine, make_session_factory(engine)

    def change_certificate(self, serial: str, **values: Any) -> None:
        engine, sessions = self.db()
        try:
            with sessions.begin() as session:
                row = session.get(IssuedCertificate, serial)
                assert row is not None
                for name, value in values.items():
                    setattr(row, name, value)
        finally:
            engine.dispose()

    def counts(self, old_serial: str) -> tuple[int, int]:
        """(renewal orders, payments) that replace ``old_serial``, cancelled ones included."""
        from netca_ra.models import Renewal

        engine, sessions = self.db()
        try:
            with sessions.begin() as session:
                orders = session.scalars(
                    select(Renewal.order_id)
                    .join(RenewalItem, RenewalItem.renewal_id == Renewal.renewal_id)
                    .where(RenewalItem.old_serial == old_serial)
                ).all()
                payments = session.scalar(
                    select(func.count()).select_from(Payment).where(Payment.order_id.in_(orders))
                )
                return len(orders), int(payments or 0)
        finally:
            engine.dispose()

    # --- keys ------------------------------------------------------------------------------

    def key(self, serial: str) -> KeyRef:
        self.library.reinitialize()
        return self.library.find(serial)

    def plant(
        self,
        label: str,
        *,
        days_left: float,
        service_id: str = "GD-EMP",
        ec: bool = True,
        algorithm: str | None = None,
    ) -> Planted:
        """A new key holding a certificate of a completed ``service_id`` order, for a key pair
        made on the key (EC P-256, RSA 2048 without ``ec``, or ``algorithm``), valid
        ``days_left`` more days."""
        serial = self.vkeys.init_token(label, pin=PIN, so_pin="So-Pin-8765")
        key = self.key(serial)
        created = helpers.paid_new_order(self.ra, service_id)
        order_no = created["order"]["order_no"]
        with self.library.open(key, rw=True) as session:
            session.login(PIN)
            public = session.generate_key_pair(
                algorithm or ("ec-p256" if ec else "rsa2048"), key_id="0a", label=label
            )
            csr = build_csr(public, common_name=label, sign=lambda d: session.sign(d, key_id="0a"))
            cert = issue_for_order(
                self.ra, csr, order_no, days_left=days_left, service_id=service_id
            )
            session.write_certificate(cert.public_bytes(Encoding.DER), key_id="0a", label=label)
        return Planted(label, serial, cert, "0a", order_no)

    def certificates(self, serial: str) -> list[tuple[str, x509.Certificate]]:
        with self.library.open(self.key(serial)) as session:
            return [(c.label, x509.load_der_x509_certificate(c.der))
                    for c in session.certificate_objects()]  # fmt: skip

    def signs_with(self, serial: str, key_id: str) -> bool:
        with self.library.open(self.key(serial)) as session:
            session.login(PIN)
            return bool(session.sign(b"still usable", key_id=key_id).value)

    # --- the CLI ---------------------------------------------------------------------------

    def netca(self, *args: str, pins: int = 0, env: dict[str, str] | None = None,
              pay_online: bool = False) -> subprocess.CompletedProcess[str]:  # fmt: skip
        """`netca ARGS --stdin` with ``pins`` PINs ready; ``pay_online``: the payer confirms
        the simulated payment as soon as the command shows its link."""
        self.runs += 1
        out = self.home / f"netca-{self.runs}.out"
        self.outputs.append(out)
        with out.open("w") as sink:
            process = subprocess.Popen(
                [*NETCA, *args, "--stdin"], env={**self.env, **(env or {})},
                stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            payer = threading.Thread(target=self._pay_when_shown, args=(out, process))
            if pay_online:
                payer.start()
            assert process.stdin is not None
            try:
                process.stdin.write(f"{PIN}\n" * pins)
                process.stdin.close()
            except BrokenPipeError:
                pass
            code = process.wait(timeout=240)
            if pay_online:
                payer.join(timeout=30)
        return subprocess.CompletedProcess(args, code, out.read_text(), "")

    def _pay_when_shown(self, out: Path, process: subprocess.Popen[str]) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            found = re.search(r"(http://\S+/pay/sim/[0-9a-f]+\?t=\S+)", out.read_text())
            if found:
                self.pay_link(found.group(1))
                return
            time.sleep(0.2)

    def pay_link(self, url: str) -> None:
        path, _, token = url.partition("?t=")
        response = requests.post(path, data={"t": token}, timeout=30)
        assert response.status_code == 200, response.text
