"""Seals on real keys: SoftHSM2 keys with certificates (tests/token), virtual keys (tests/vkey),
seal makers with their own roots, and seals made by netca_seal.make_seal for the key's
certificates. The user's data directory is a temporary one, so no real trust roots leak in."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from PIL import Image, ImageDraw

from netca_seal import CertListType, SealType, make_seal
from tests.seal.conftest import Issued, issue
from tests.token.conftest import (  # noqa: F401 (fixtures)
    issued_key,
    library,
    readback_library,
    readback_module,
)
from tests.vkey.conftest import vkey, vkey_dir, vkey_module  # noqa: F401 (fixtures)

SEAL_NAME = "广州测试科技有限公司合同专用章"

MakeSeal = Callable[..., bytes]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Per-user data and config directories of this test's own (platformdirs follows XDG)."""
    home = tmp_path / "user"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NETCA_CONFIG", raising=False)
    return home


@pytest.fixture(scope="session")
def seal_root() -> Issued:
    return issue("测试制章根证书", ca=True)


@pytest.fixture(scope="session")
def seal_maker(seal_root: Issued) -> Issued:
    return issue("测试电子印章制章系统", issuer=seal_root)


@pytest.fixture(scope="session")
def stranger_maker() -> Issued:
    """A maker under a root nobody here trusts."""
    return issue("陌生制章系统", issuer=issue("陌生根证书", ca=True))


@pytest.fixture(scope="session")
def picture_png() -> bytes:
    """A 40 mm red ring at 300 dpi with a transparent background."""
    image = Image.new("RGBA", (472, 472), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, 463, 463), outline=(230, 0, 18, 255), width=24)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@pytest.fixture
def trust_pem(tmp_path: Path, seal_root: Issued) -> Path:
    """The test seal-maker root as a PEM file, for `netca seals --trust`."""
    path = tmp_path / "seal-root.pem"
    path.write_bytes(seal_root.cert.public_bytes(Encoding.PEM))
    return path


@pytest.fixture
def make(seal_maker: Issued, picture_png: bytes) -> MakeSeal:
    """make(allowed=[certs], ...) -> DER of a GB/T 38540 seal by the test maker, valid now."""

    def build(
        *,
        allowed: Sequence[x509.Certificate],
        name: str = SEAL_NAME,
        maker: Issued = seal_maker,
        valid_from: datetime | None = None,
        valid_to: datetime | None = None,
        seal_id: str = "44010000000001",
        cert_list_type: CertListType = CertListType.CERTIFICATES,
        picture: bytes = picture_png,
    ) -> bytes:
        now = datetime.now(UTC).replace(microsecond=0)
        return make_seal(
            picture_png=picture,
            name=name,
            seal_type=SealType.CONTRACT,
            allowed_certs=list(allowed),
            valid_from=valid_from or now - timedelta(days=1),
            valid_to=valid_to or now + timedelta(days=365),
            maker_cert=maker.cert,
            maker_key=maker.key,
            vendor_id="NETCA-OSS",
            seal_id=seal_id,
            cert_list_type=cert_list_type,
        )

    return build
