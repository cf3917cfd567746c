"""国密 renewal: an SM2 certificate (GD-SM2) on a vkey key renews online through the live RA
and the `netca` CLI: a new SM2 key pair made on the key, its CSR and the proof of possession
signed SM3-with-SM2, the RA's SM2 CA certifies it, the client checks the SM2 chain and
installs it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509

from netca_client.core import gm
from tests.e2e.renewal_world import RenewalWorld
from tests.e2e.test_renewal import RENEW


def test_an_sm2_certificate_renews_as_sm2(sqlite_world: RenewalWorld, tmp_path: Path) -> None:
    world = sqlite_world
    planted = world.plant("renew-sm2", days_left=20, service_id="GD-SM2", algorithm="sm2")
    old = planted.certificate
    assert gm.is_sm2_certificate(old)
    done = world.netca(*RENEW, "--key", planted.serial, "--pay", "simulated", pins=2,
                       pay_online=True)  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "证书安装成功" in done.stdout
    new = next(
        c for _, c in world.certificates(planted.serial) if c.serial_number != old.serial_number
    )
    assert gm.is_sm2_certificate(new)
    assert new.subject == old.subject
    assert gm.public_key_der(new) != gm.public_key_der(old)  # a new key pair
    issuing = x509.load_pem_x509_certificate(
        (world.ra.data_dir / "ca" / "sm2-issuing.crt.pem").read_bytes()
    )
    root = x509.load_pem_x509_certificate(
        (world.ra.data_dir / "ca" / "sm2-root.crt.pem").read_bytes()
    )
    assert gm.check_chain(new, roots=[root], intermediates=[issuing]).ok
    expected = old.not_valid_after_utc + dt.timedelta(days=730)
    assert abs(new.not_valid_after_utc - expected) < dt.timedelta(minutes=10)
