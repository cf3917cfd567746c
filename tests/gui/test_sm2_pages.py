"""国密 in the desktop client: an SM2 certificate made by the openssl CLI beside an RSA one on
a vkey key (我的证书 lists both with their algorithms; the home card and diagnostics still
work), and a dual RSA + SM2 key with an SM2 seal (我的印章 shows the seal valid).

NETCA_SCREENSHOTS=docs/screenshots saves the pictures there."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtWidgets import QWidget

from netca_client.core.config import ClientConfig
from netca_client.core.seals import load_seal_trust
from netca_client.core.token import TokenLibrary
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.tray import KeyTrayIcon
from netca_demo.gm_demo import fill_dual_key
from netca_ra.ca.builtin import BuiltinCa
from tests.gm.oracles import STANDARD_ID, openssl
from tests.gui.conftest import ORG, PIN, SO_PIN
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld


def _picture(widget: QWidget, name: str) -> None:
    image = widget.grab()
    assert not image.isNull()
    assert image.width() > 200
    target = os.environ.get("NETCA_SCREENSHOTS")
    if target:
        image.save(str(Path(target) / f"{name}.png"))


def _card_loaded(window: MainWindow, serial: str) -> bool:
    return any(c.snapshot and c.key.serial == serial for c in window.home.cards.values())


def _rows(window: MainWindow) -> list[list[str]]:
    tree = window.certificates.tree
    rows = []
    for index in range(tree.topLevelItemCount()):
        key_item = tree.topLevelItem(index)
        for child in range(key_item.childCount()):
            item = key_item.child(child)
            rows.append([item.text(column) for column in range(tree.columnCount())])
    return rows


def _openssl_sm2_certificate(tmp_path: Path) -> x509.Certificate:
    """A self-signed SM2/SM3 certificate made by the openssl CLI, outside the project."""
    key, cert = tmp_path / "sm2.key", tmp_path / "sm2.pem"
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(key)).returncode == 0  # fmt: skip
    done = openssl("req", "-new", "-x509", "-key", str(key), "-sm3", "-sigopt",
                   f"distid:{STANDARD_ID}", "-subj", f"/CN=国密持有人/O={ORG}", "-utf8",
                   "-days", "90", "-out", str(cert))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return x509.load_pem_x509_certificate(cert.read_bytes())


def test_an_openssl_made_sm2_certificate_is_listed_beside_the_rsa_one(
    qtbot, start_window, vkeys: VkeyWorld, test_ca: MiniCa, tmp_path: Path
) -> None:
    serial = vkeys.init_token("双算法Key", pin=PIN, so_pin=SO_PIN)
    now = dt.datetime.now(dt.UTC)
    public = vkeys.generate_key_pair("双算法Key", pin=PIN, key_type="rsa:2048", key_id="01")
    rsa_cert = test_ca.issue(public, cn="张三", org=ORG, not_before=now - dt.timedelta(days=1),
                             not_after=now + dt.timedelta(days=200))  # fmt: skip
    vkeys.write_certificate("双算法Key", rsa_cert.public_bytes(Encoding.DER), pin=PIN, key_id="01")
    sm2 = _openssl_sm2_certificate(tmp_path)
    vkeys.write_certificate("双算法Key", sm2.public_bytes(Encoding.DER), pin=PIN, key_id="02")

    window = start_window()
    qtbot.waitUntil(lambda: _card_loaded(window, serial), timeout=10000)
    window.open_page("certificates")
    assert window.stack.currentWidget() is window.certificates
    pairs = sorted((r[0], r[2]) for r in _rows(window))
    assert pairs == sorted([("张三", "RSA 2048"), ("国密持有人", "SM2（国密）")])
    assert window.certificates.tree.headerItem().text(2) == "算法"
    tree = window.certificates.tree
    key_item = tree.topLevelItem(0)
    sm2_item = next(key_item.child(i) for i in range(key_item.childCount())
                    if key_item.child(i).text(0) == "国密持有人")  # fmt: skip
    tree.setCurrentItem(sm2_item)
    fields = window.certificates.details.fields
    assert fields["algorithm"].text() == "SM2（国密）"
    assert fields["organisation"].text() == ORG
    assert fields["validity"].text().endswith(f"{sm2.not_valid_after_utc:%Y-%m-%d}")
    assert fields["sha256"].text()
    assert fields["serial"].text() != "-"
    window.resize(1000, 700)
    _picture(window, "certificates-sm2-zh_CN")

    # the rest of the client still works on this key: home card, diagnostics
    card = next(c for c in window.home.cards.values() if c.key.serial == serial)
    assert card.snapshot is not None
    assert len(card.snapshot.certificates) == 2
    window.tools.run_diagnostics()
    qtbot.waitUntil(lambda: bool(window.tools.report), timeout=10000)
    shown = window.tools.report_view.toPlainText()
    assert "双算法Key" in shown


@pytest.fixture
def dual_key(vkeys: VkeyWorld, tmp_path: Path) -> tuple[str, Path]:
    """A vkey key made as `make demo` makes its dual key: RSA and SM2 pairs generated on the
    key, both certified by the built-in CA, an SM2 seal from its SM2 seal maker. Yields the
    key's serial and a PEM file of the roots to trust."""
    ca_dir = tmp_path / "ca"
    now = dt.datetime.now(dt.UTC)
    BuiltinCa.create(ca_dir, base_url="http://127.0.0.1:9", organisation="测试 CA", now=now)
    ca = BuiltinCa.load(ca_dir, base_url="http://127.0.0.1:9")
    assert ca.gm is not None
    serial = vkeys.init_token("双证书Key", pin=PIN, so_pin=SO_PIN)
    library = TokenLibrary.load(vkeys.module)
    try:
        with library.open(library.find("双证书Key"), rw=True) as session:
            session.login(PIN)
            fill_dual_key(session, ca, ca_dir, organisation=ORG, org_code=None, now=now)
    finally:
        library.close()
    trust = tmp_path / "trust.pem"
    # as the demo's profile: each root and the issuing CA under it (the seal maker's issuer)
    certs = (ca.root, ca.issuing, ca.gm.root, ca.gm.issuing)
    trust.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in certs))
    return serial, trust


def test_a_dual_key_shows_both_certificates_and_its_sm2_seal_valid(
    qtbot, zh_cn, vkeys: VkeyWorld, dual_key: tuple[str, Path]
) -> None:
    serial, trust = dual_key
    service = KeyService(vkeys.module, poll_interval=0.3,
                         trust=load_seal_trust(extra_files=[trust]))  # fmt: skip
    window = MainWindow(service, ClientConfig(), tray=KeyTrayIcon())
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(service.library_loaded, timeout=10000):
            service.start()
        qtbot.waitUntil(lambda: _card_loaded(window, serial), timeout=10000)
        assert sorted((r[0], r[2]) for r in _rows(window)) == [
            (ORG, "RSA 2048"),
            (ORG, "SM2（国密）"),
        ]
        window.open_page("seals")
        (card,) = window.seals.cards
        assert card.seal.name == ORG
        assert card.verdict.text() == "印章有效", card.verdict.text()
        window.resize(1000, 700)
        _picture(window, "seals-sm2-zh_CN")
    finally:
        service.stop()
