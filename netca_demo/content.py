"""What goes on each demo key: certificates from the RA's CA, the seal from its seal maker."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import TYPE_CHECKING

from cryptography import x509
from PIL import Image

from netca_client.core.seals import write_seal
from netca_client.core.token import TokenLibrary
from netca_demo.tokens import build_csr
from netca_ra.ca import keystore
from netca_ra.ca.builtin import BuiltinCa
from netca_ra.ca.interface import SubjectKind, SubjectProfile
from netca_ra.db import make_engine, make_session_factory
from netca_ra.services.certificates import record_certificate
from netca_ra.settings import RaSettings
from netca_seal import make_seal
from netca_seal.art import render_organisation_seal
from netca_seal.model import SealType

if TYPE_CHECKING:
    from netca_demo.world import DemoKey, DemoWorld


def _ca(world: DemoWorld) -> BuiltinCa:
    return BuiltinCa.load(world.ra_dir / "ca", base_url=world.planned_url)


def fill_key(world: DemoWorld, key: DemoKey) -> None:
    from netca_demo.world import ORGANISATION, _org_code

    ca = _ca(world)
    now = world.now()
    organisation = key.label == "示例单位"
    key_type = "rsa:2048" if organisation else "EC:prime256v1"
    public = world.tool.generate(key.label, pin=key.pin, key_type=key_type, key_id="01")
    csr = build_csr(
        world.tool, key.label, pin=key.pin, key_id="01", public_der=public, subject=key.label
    )
    if organisation:
        profile = SubjectProfile(SubjectKind.ORGANISATION, ORGANISATION, ORGANISATION,
                                 organisation_identifier=_org_code())  # fmt: skip
        not_after = now + dt.timedelta(days=730)
    else:
        profile = SubjectProfile(
            SubjectKind.EMPLOYEE, key.label, ORGANISATION, organisation_unit="市场部"
        )
        not_after = now + dt.timedelta(days=20, hours=6)  # 张三: the renewal reminder
    cert = ca.issue(csr=csr, subject=profile, not_after=not_after, now=now)
    _record(world, cert, profile=profile.kind.value)
    world.tool.write_certificate(key.label, cert, pin=key.pin, key_id="01")
    if organisation:
        _add_seal(world, key, cert)


def _record(world: DemoWorld, cert: x509.Certificate, *, profile: str) -> None:
    """Enter the certificate in the RA's database, so OCSP and revocation know it."""
    settings = RaSettings(data_dir=world.ra_dir, dev_mode=True)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as session:
            record_certificate(session, cert, profile=profile)
    finally:
        engine.dispose()


def _add_seal(world: DemoWorld, key: DemoKey, holder: x509.Certificate) -> None:
    from netca_demo.world import ORGANISATION

    ca_dir = world.ra_dir / "ca"
    maker_cert = keystore.load_certificate(ca_dir / "seal-maker.crt.pem")
    maker_key = keystore.load_key(ca_dir / "seal-maker.key.pem", keystore.read_passphrase(ca_dir))
    now = world.now()
    der = make_seal(
        picture_png=compact_png(render_organisation_seal(ORGANISATION).png),
        name=ORGANISATION,
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder],
        valid_from=now - dt.timedelta(minutes=5),
        valid_to=holder.not_valid_after_utc,
        maker_cert=maker_cert,
        maker_key=maker_key,
        vendor_id="netca-client-demo",
        seal_id=f"DEMO{now:%Y%m%d%H%M%S}",
    )
    # Through the client's key layer: pkcs11-tool 0.23 cuts objects at 5,000 bytes.
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    library = TokenLibrary.load(world.module)
    try:
        with library.open(library.find(key.label), rw=True) as session:
            session.login(key.pin)
            write_seal(session, der, label=ORGANISATION)
    finally:
        library.close()


def compact_png(png: bytes) -> bytes:
    """A 16-colour palette PNG: a seal is two colours and alpha; keys have little room."""
    image = Image.open(io.BytesIO(png))
    palette = image.quantize(colors=16, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True, dpi=image.info.get("dpi", (300, 300)))
    return out.getvalue()
