"""国密 in the demo: a dual-certificate key (RSA + SM2) with an SM2 seal.

Both key pairs are generated on the key through the client's key layer (the SM2 one with
vkey's vendor mechanism, drivers/models.toml profile "sansec"), both CSRs are signed on the
key, the built-in CA issues the RSA certificate from its RSA issuing CA and the SM2 one from
its SM2 issuing CA, and the SM2 seal maker signs a seal bound to the SM2 certificate.
tests/gm uses the same steps.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.certs import build_csr
from netca_client.core.seals import write_seal
from netca_gm import Sm2PrivateKey
from netca_ra.ca import keystore
from netca_ra.ca.interface import SubjectKind, SubjectProfile
from netca_seal import make_seal
from netca_seal.art import render_organisation_seal
from netca_seal.model import SealType

if TYPE_CHECKING:
    from netca_client.core.token import KeySession
    from netca_demo.world import DemoWorld
    from netca_ra.ca.builtin import BuiltinCa

DUAL_LABEL = "双证书单位"
DUAL_PIN = "Demo-Pin-Dual3"
RSA_ID, SM2_ID = "01", "02"


@dataclass(frozen=True)
class DualKey:
    rsa: x509.Certificate
    sm2: x509.Certificate
    seal_der: bytes


def fill_dual_key(
    session: KeySession,
    ca: BuiltinCa,
    ca_dir: Path,
    *,
    organisation: str,
    org_code: str | None,
    now: dt.datetime,
    days: int = 730,
) -> DualKey:
    """On a logged-in read-write session of a blank key: an RSA and an SM2 certificate for
    ``organisation`` and an SM2 seal bound to the SM2 one (named after the organisation)."""
    profile = SubjectProfile(SubjectKind.ORGANISATION, organisation, organisation,
                             organisation_identifier=org_code)  # fmt: skip
    issued = {}
    for key_id, algorithm, label in ((RSA_ID, "rsa2048", "RSA"), (SM2_ID, "sm2", "SM2")):
        public = session.generate_key_pair(
            algorithm, key_id=key_id, label=f"{organisation} {label}"
        )
        csr = build_csr(public, common_name=organisation,
                        sign=lambda data, k=key_id: session.sign(data, key_id=k))  # fmt: skip
        cert = ca.issue(csr=csr, subject=profile, not_after=now + dt.timedelta(days=days), now=now)
        session.write_certificate(cert.public_bytes(Encoding.DER), key_id=key_id,
                                  label=f"{organisation} {label}")  # fmt: skip
        issued[algorithm] = cert
    seal_der = sm2_seal(ca_dir, holder=issued["sm2"], organisation=organisation, now=now)
    write_seal(session, seal_der, label=f"{organisation}（国密）")
    return DualKey(rsa=issued["rsa2048"], sm2=issued["sm2"], seal_der=seal_der)


def sm2_seal(
    ca_dir: Path, *, holder: x509.Certificate, organisation: str, now: dt.datetime
) -> bytes:
    """A GB/T 38540 seal signed by the CA's SM2 seal maker, allowing ``holder``."""
    from netca_demo.content import compact_png

    passphrase = keystore.read_passphrase(ca_dir)
    maker_key = Sm2PrivateKey.from_pem((ca_dir / "sm2-seal-maker.key.pem").read_bytes(), passphrase)
    return make_seal(
        picture_png=compact_png(render_organisation_seal(organisation).png),
        name=organisation,
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder],
        valid_from=now - dt.timedelta(minutes=5),
        valid_to=holder.not_valid_after_utc,
        maker_cert=keystore.load_certificate(ca_dir / "sm2-seal-maker.crt.pem"),
        maker_key=maker_key,
        vendor_id="netca-client-demo",
        seal_id=f"GM{now:%Y%m%d%H%M%S}",
    )


def prepare_dual_key(world: DemoWorld) -> None:
    """The demo's third key: RSA + SM2 certificates and an SM2 seal (skipped, with a line on
    stdout, where this libcrypto has no SM2)."""
    import netca_gm
    from netca_client.core.token import TokenLibrary
    from netca_demo.content import _ca, _record
    from netca_demo.world import DEMO_SO_PIN, ORGANISATION, _org_code

    if not netca_gm.available() or DUAL_LABEL in world.existing_keys():
        return
    ca = _ca(world)
    if ca.gm is None:
        print(f"demo: the RA's CA has no SM2 issuing CA; no {DUAL_LABEL} key")
        return
    world.create_key(DUAL_LABEL, pin=DUAL_PIN, so_pin=DEMO_SO_PIN)
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)  # the key layer loads vkey here
    library = TokenLibrary.load(world.module)
    try:
        with library.open(library.find(DUAL_LABEL), rw=True) as session:
            session.login(DUAL_PIN)
            dual = fill_dual_key(session, ca, world.ra_dir / "ca", organisation=ORGANISATION,
                                 org_code=_org_code(), now=world.now())  # fmt: skip
    finally:
        library.close()
    for cert in (dual.rsa, dual.sm2):
        _record(world, cert, profile=SubjectKind.ORGANISATION.value)
