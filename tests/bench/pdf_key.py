"""For the PDF benchmarks: a vkey key with an EC P-256 certificate and a seal bound to it,
and generated PDFs (a large one of noise images, small tender letters)."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from netca_client.core.seals import write_seal
from netca_client.core.token import TokenLibrary
from netca_demo.content import compact_png
from netca_seal import make_seal
from netca_seal.art import render_organisation_seal
from netca_seal.model import SealType
from tests.seal.conftest import issue
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld

PIN = "Bench-Pin-1"
LABEL = "bench"
ORG = "广州测试科技有限公司"


def make_key(root: Path) -> VkeyWorld:
    """A vkey world with one key holding a certificate and the seal ORG (B-B signing only);
    the certificate's CA is written to ``root / "ca.pem"`` for verifying."""
    world = VkeyWorld.create(root)
    world.init_token(LABEL, pin=PIN, so_pin="Bench-So-Pin-1")
    public = world.generate_key_pair(LABEL, pin=PIN, key_type="EC:prime256v1", key_id="01")
    now = dt.datetime.now(dt.UTC)
    ca = MiniCa.create()
    (root / "ca.pem").write_bytes(ca.cert.public_bytes(Encoding.PEM))
    cert = ca.issue(public, cn="张三", org=ORG, not_before=now - dt.timedelta(days=1),
                    not_after=now + dt.timedelta(days=365))  # fmt: skip
    world.write_certificate(LABEL, cert.public_bytes(Encoding.DER), pin=PIN, key_id="01")
    maker = issue("测试电子印章制章系统", issuer=issue("测试制章根证书", ca=True))
    seal = make_seal(
        picture_png=compact_png(render_organisation_seal(ORG).png), name=ORG,
        seal_type=SealType.ORGANISATION, allowed_certs=[cert],
        valid_from=now - dt.timedelta(minutes=5), valid_to=now + dt.timedelta(days=365),
        maker_cert=maker.cert, maker_key=maker.key, vendor_id="bench", seal_id="BENCH0001",
    )  # fmt: skip
    os.environ["NETCA_VKEY_DIR"] = str(world.state_dir)
    library = TokenLibrary.load(world.module)
    try:
        with library.open(library.find(LABEL), rw=True) as session:
            session.login(PIN)
            write_seal(session, seal, label=ORG)
    finally:
        library.close()
    return world


def large_pdf(path: Path, *, pages: int = 2000, image_px: int = 114) -> Path:
    """About 100 MB: every page carries its own incompressible noise image (~50 KB)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for number in range(pages):
        noise = Image.frombytes("RGB", (image_px, image_px), os.urandom(image_px * image_px * 3))
        buffer = io.BytesIO()
        noise.save(buffer, format="PNG")
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 72, 400, 300, 300)
        pdf.drawString(72, 80, f"page {number + 1}")
        pdf.showPage()
    pdf.save()
    return path
