"""Signing through the bridge: the PIN dialog shows who asks and what, a wrong PIN is asked
again, an unplugged key is a clear error and the client stays usable, a page opens renewal."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.weblogin.cms import parse_login_statement, verify_signed_data
from netca_client.core.weblogin.origins import OriginDecision
from tests.support.pki import MiniCa
from tests.support.vkey import VkeyWorld
from tests.web.conftest import ORIGIN, PIN, Client
from tests.web.page import Page, in_thread, wait


def _allowed_page(client: Client, qtbot: Any) -> tuple[Page, dict[str, Any]]:
    client.window.web.load_policy().set(ORIGIN, OriginDecision.ALLOW)
    page = wait(qtbot, in_thread(lambda: Page(client.port, ORIGIN)))
    keys = wait(qtbot, in_thread(lambda: page.request({"type": "keys"})))
    key = keys["result"]["keys"][0]
    return page, key


def test_login_signs_the_statement_for_the_page_origin_after_a_wrong_pin(
    keyed_client: tuple[Client, str], qtbot: Any, test_ca: MiniCa, tmp_path: Path
) -> None:
    client, _ = keyed_client
    page, key = _allowed_page(client, qtbot)
    certificate = key["certificates"][0]
    login = {"type": "login", "certificate": certificate["id"], "challenge": "Zm9v" * 8}
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as opened:
        answer = in_thread(lambda: page.request(login))
    dialog = opened.args[0]
    assert dialog.origin_label.text() == ORIGIN
    assert ORIGIN in dialog.headline.text()
    assert "张三" in dialog.certificate_label.text()
    assert f"challenge:{'Zm9v' * 8}" in dialog.signed_text.toPlainText()
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as again:
        dialog.pin_edit.setText("Wrong-Pin-1")
        dialog.accept()
    retry = again.args[0]
    assert retry.error_label.text()  # why it asks again (the wrong PIN)
    assert "9" in retry.tries_label.text()  # one try spent, nine left
    retry.pin_edit.setText(PIN)
    retry.accept()
    result = wait(qtbot, answer)["result"]
    der = base64.b64decode(result["signed_data"])
    verified = verify_signed_data(der)
    assert parse_login_statement(verified.content) == (ORIGIN, "Zm9v" * 8)
    # An independent check: OpenSSL verifies the CMS against the test CA.
    (tmp_path / "sig.der").write_bytes(der)
    (tmp_path / "ca.pem").write_bytes(test_ca.cert.public_bytes(Encoding.PEM))
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-inform", "DER", "-in", "sig.der", "-CAfile", "ca.pem",
         "-purpose", "any", "-out", "content.txt"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "content.txt").read_text().startswith("netca-web-login:v1\n")
    signer = x509.load_der_x509_certificate(base64.b64decode(result["certificate"]))
    assert signer.public_bytes(Encoding.DER) == base64.b64decode(certificate["certificate"])


def test_unplugging_during_a_signature_tells_the_page_and_the_client_goes_on(
    keyed_client: tuple[Client, str], qtbot: Any, vkeys: VkeyWorld
) -> None:
    client, _ = keyed_client
    page, key = _allowed_page(client, qtbot)
    certificate = key["certificates"][0]["id"]
    login = {"type": "login", "certificate": certificate, "challenge": "a" * 40}
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000):
        answer = in_thread(lambda: page.request(login))
    with qtbot.waitSignal(client.window.service.key_removed, timeout=10000):
        vkeys.unplug("web-key")
    refused = wait(qtbot, answer)
    assert refused["error"]["code"] == "key_removed"
    assert client.host.sign_dialog is None  # the dialog closed with the key
    # Plugged again, the same page logs in.
    with qtbot.waitSignal(client.window.service.snapshot_loaded, timeout=10000):
        vkeys.plug("web-key")
    login["challenge"] = "b" * 40
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as opened:
        answer = in_thread(lambda: page.request(login))
    opened.args[0].pin_edit.setText(PIN)
    opened.args[0].accept()
    assert wait(qtbot, answer)["type"] == "result"


def test_unplugging_after_the_pin_is_entered_is_key_removed(
    keyed_client: tuple[Client, str], qtbot: Any, vkeys: VkeyWorld
) -> None:
    client, _ = keyed_client
    page, key = _allowed_page(client, qtbot)
    login = {"type": "login", "certificate": key["certificates"][0]["id"], "challenge": "d" * 40}
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as opened:
        answer = in_thread(lambda: page.request(login))
    dialog = opened.args[0]
    dialog.pin_edit.setText(PIN)
    vkeys.unplug("web-key")  # gone before the monitor notices: the sign job meets it
    dialog.accept()
    assert wait(qtbot, answer)["error"]["code"] == "key_removed"
    listed = wait(qtbot, in_thread(lambda: page.request({"type": "keys"})))
    assert listed["result"]["keys"] == []


def test_sign_data_shows_the_description_and_digest_and_verify_checks_it(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    client, _ = keyed_client
    page, key = _allowed_page(client, qtbot)
    data = "投标文件 2026-001".encode()
    request = {
        "type": "sign",
        "certificate": key["certificates"][0]["id"],
        "data": base64.b64encode(data).decode(),
        "description": "投标文件摘要",
    }
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as opened:
        answer = in_thread(lambda: page.request(request))
    dialog = opened.args[0]
    import hashlib

    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.origin_label)))
    assert "投标文件摘要" in shown
    digest = hashlib.sha256(data).hexdigest()
    assert digest[:8] in shown
    assert digest[-8:] in shown
    dialog.pin_edit.setText(PIN)
    dialog.accept()
    signed = wait(qtbot, answer)["result"]["signed_data"]
    check = {"type": "verify", "signed_data": signed, "data": request["data"]}
    verdict = wait(qtbot, in_thread(lambda: page.request(check)))["result"]
    assert verdict["valid"] is True
    assert verdict["signer"]["subject"] == "张三"
    assert verdict["trusted"] is False  # the test CA is not one of the client's roots
    tampered = {**check, "data": base64.b64encode(b"other").decode()}
    verdict = wait(qtbot, in_thread(lambda: page.request(tampered)))["result"]
    assert verdict["valid"] is False
    assert "digest" in verdict["reason"]


def test_a_page_opens_renewal_for_the_plugged_key(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    client, serial = keyed_client
    page, _ = _allowed_page(client, qtbot)
    from netca_client.gui.wizards.renewal import RenewalWizard

    window = client.window
    window.open_page("settings")
    with (
        qtbot.waitSignal(client.host.page_opened, timeout=10000) as opened,
        qtbot.waitSignal(window.key_jobs.wizard_opened, timeout=10000) as wizard,
    ):
        answer = in_thread(lambda: page.request({"type": "open", "page": "renewal", "key": serial}))
    assert wait(qtbot, answer)["result"] == {"opened": True}
    assert opened.args[0] == "renewal"
    assert opened.args[1].serial == serial
    assert isinstance(wizard.args[0], RenewalWizard)  # the 证书续期 wizard, for that key
    assert window.stack.currentWidget() is window.home
    wizard.args[0].close()
    unknown = wait(
        qtbot, in_thread(lambda: page.request({"type": "open", "page": "renewal", "key": "X1"}))
    )
    assert unknown["error"]["code"] == "key_not_found"


def test_fifty_logins_in_one_page_session_leave_no_session_thread_or_descriptor_behind(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    """tests/bench/bench_web_logins.py prints the memory numbers; here the counts that must
    come back exactly: PKCS#11 session objects, threads, open file descriptors."""
    import gc
    import os
    import threading

    from netca_client.core.token.open_session import OpenSession
    from netca_client.core.weblogin.limits import Rate

    client, _ = keyed_client
    client.server.limiter.rates["sign"] = Rate(burst=1000, per_second=1000.0)  # no person here
    page, key = _allowed_page(client, qtbot)
    certificate = key["certificates"][0]["id"]

    def answer(dialog: Any) -> None:
        dialog.pin_edit.setText(PIN)
        dialog.accept()

    client.host.sign_opened.connect(answer)

    def counts() -> tuple[int, int, int]:
        gc.collect()
        sessions = sum(1 for o in gc.get_objects() if isinstance(o, OpenSession))
        return sessions, threading.active_count(), len(os.listdir("/proc/self/fd"))

    def logins(n: int, start: int) -> None:
        for i in range(start, start + n):
            body = {"type": "login", "certificate": certificate, "challenge": f"{i:032d}"}
            assert page.request(body)["type"] == "result"

    wait(qtbot, in_thread(lambda: logins(5, 0)), timeout=60)  # warm: pools, caches
    before = counts()
    wait(qtbot, in_thread(lambda: logins(50, 100)), timeout=120)
    # The key monitor polls on: what it holds for a moment is let go before comparing.
    qtbot.waitUntil(
        lambda: all(a <= b for a, b in zip(counts(), before, strict=True)), timeout=5000
    )
    after = counts()
    assert after[0] <= before[0]  # no PKCS#11 session left open
    assert after[1] <= before[1]  # no thread left running
    assert after[2] <= before[2]  # no descriptor (socket, file) left open


def test_subscribed_pages_hear_of_keys_plugged_and_unplugged(
    keyed_client: tuple[Client, str], qtbot: Any, vkeys: VkeyWorld
) -> None:
    client, serial = keyed_client
    page, _ = _allowed_page(client, qtbot)
    assert wait(qtbot, in_thread(lambda: page.request({"type": "subscribe"})))["result"] == {}
    with qtbot.waitSignal(client.window.service.key_removed, timeout=10000):
        vkeys.unplug("web-key")
    removed = wait(qtbot, in_thread(page.receive))
    assert removed["event"] == "key_removed"
    assert removed["key"]["serial"] == serial
    with qtbot.waitSignal(client.window.service.key_inserted, timeout=10000):
        vkeys.plug("web-key")
    inserted = wait(qtbot, in_thread(page.receive))
    assert inserted["event"] == "key_inserted"
    assert [c["subject"] for c in inserted["key"]["certificates"]] == ["张三"]
