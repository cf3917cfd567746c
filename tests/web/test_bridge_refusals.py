"""Who may talk to the bridge, and what the others get: nothing but "not allowed".

The real window and its bridge on a vkey key; pages are WebSocket clients sending the
headers a browser sends; the consent dialog is answered here with pytest-qt.
"""

from __future__ import annotations

import json
import socket
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from netca_client.core.weblogin.origins import OriginDecision
from tests.web.conftest import ORIGIN, PIN, Client
from tests.web.page import Page, in_thread, raw_http, wait


def _consent(qtbot: Any, client: Client, page_call: Any, button: str) -> Any:
    """Start ``page_call`` on a thread, answer the consent dialog with ``button``, return
    the call's outcome."""
    with qtbot.waitSignal(client.host.consent_opened, timeout=10000) as opened:
        future = in_thread(page_call)
    dialog = opened.args[0]
    assert ORIGIN in dialog.question.text()
    getattr(dialog, button).click()
    return wait(qtbot, future)


def test_a_refused_origin_gets_not_allowed_and_no_key_data(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    client, _ = keyed_client
    client.window.web.load_policy().set(ORIGIN, OriginDecision.DENY)

    def ask() -> list[Any]:
        page = Page(client.port, ORIGIN)
        received = [page.request({"type": "keys"})]
        try:
            received.append(page.receive(timeout=5))
        except ConnectionClosed as closed:
            received.append(closed.rcvd.code if closed.rcvd else None)
        return received

    answer, after = wait(qtbot, in_thread(ask))
    assert answer["type"] == "error"
    assert answer["error"] == {"code": "not_allowed", "message": "not allowed"}
    assert after == 4003  # and the connection is closed
    assert "certificates" not in json.dumps(answer)
    assert client.host.consent_dialogs == {}  # no dialog for a refused site


def test_never_in_the_consent_dialog_is_remembered(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    client, _ = keyed_client
    hello = _consent(
        qtbot, client, lambda: Page(client.port, ORIGIN).request({"type": "hello"}), "never_button"
    )
    assert hello["error"]["code"] == "not_allowed"
    stored = json.loads((client.config_dir / "web-origins.json").read_text())
    assert stored == {"origins": {ORIGIN: "deny"}}
    again = wait(qtbot, in_thread(lambda: Page(client.port, ORIGIN).request({"type": "keys"})))
    assert again["error"]["code"] == "not_allowed"
    assert client.host.consent_dialogs == {}


def test_allow_once_answers_this_connection_and_asks_the_next(
    keyed_client: tuple[Client, str], qtbot: Any
) -> None:
    client, serial = keyed_client
    page: list[Page] = []

    def first() -> dict[str, Any]:
        page.append(Page(client.port, ORIGIN))
        page[0].request({"type": "hello"})
        return page[0].request({"type": "keys"})

    keys = _consent(qtbot, client, first, "once_button")
    assert [k["serial"] for k in keys["result"]["keys"]] == [serial]
    certificate = keys["result"]["keys"][0]["certificates"][0]
    assert certificate["subject"] == "张三"
    assert set(certificate) >= {"id", "serial", "org_code", "certificate", "not_after"}
    assert not (client.config_dir / "web-origins.json").exists()  # once: not remembered
    with qtbot.waitSignal(client.host.consent_opened, timeout=10000) as opened:
        future = in_thread(lambda: Page(client.port, ORIGIN).request({"type": "hello"}))
    opened.args[0].reject()  # closed: not now
    assert wait(qtbot, future)["error"]["code"] == "not_allowed"


def test_a_foreign_host_header_is_refused(keyed_client: tuple[Client, str]) -> None:
    client, _ = keyed_client
    client.window.web.load_policy().set(ORIGIN, OriginDecision.ALLOW)
    port = client.port
    for path in ("/version", "/bridge"):
        status, text = raw_http(
            port,
            f"GET {path} HTTP/1.1\r\nHost: rebound.example:{port}\r\nOrigin: {ORIGIN}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        )
        assert status == 403, text
        assert "Access-Control-Allow-Origin" not in text
    status, _ = raw_http(port, f"GET /version HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
    assert status == 200


@pytest.mark.parametrize("origin", [None, "null", "http://evil.example", "file://"])
def test_a_websocket_without_a_usable_origin_is_refused(
    keyed_client: tuple[Client, str], origin: str | None
) -> None:
    client, _ = keyed_client
    with pytest.raises(InvalidStatus) as refused:
        Page(client.port, origin)
    assert refused.value.response.status_code == 403


def test_preflight_and_version_answer_cors_only_for_allowed_origins(
    keyed_client: tuple[Client, str],
) -> None:
    client, _ = keyed_client
    port = client.port
    preflight = (
        "OPTIONS /version HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {origin}\r\n"
        "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Private-Network: true\r\n\r\n"
    )
    status, text = raw_http(port, preflight.format(port=port, origin=ORIGIN))
    assert status == 403
    assert "Access-Control" not in text
    status, text = raw_http(
        port, f"GET /version HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: {ORIGIN}\r\n\r\n"
    )
    assert status == 403
    assert "Access-Control" not in text
    client.window.web.load_policy().set(ORIGIN, OriginDecision.ALLOW)
    status, text = raw_http(port, preflight.format(port=port, origin=ORIGIN))
    assert status == 204
    assert f"Access-Control-Allow-Origin: {ORIGIN}\r\n" in text
    assert "Access-Control-Allow-Private-Network: true\r\n" in text
    assert "*" not in text
    status, text = raw_http(
        port, f"GET /version HTTP/1.1\r\nHost: localhost:{port}\r\nOrigin: {ORIGIN}\r\n\r\n"
    )
    assert status == 200
    assert f"Access-Control-Allow-Origin: {ORIGIN}\r\n" in text
    assert '"service": "netca-client"' in text


def test_more_than_the_rate_limit_is_refused(keyed_client: tuple[Client, str], qtbot: Any) -> None:
    client, _ = keyed_client
    client.window.web.load_policy().set(ORIGIN, OriginDecision.ALLOW)
    burst = client.server.limiter.rates["message"].burst

    def flood() -> list[str]:
        page = Page(client.port, ORIGIN)
        answers = [page.request({"type": "hello"}) for _ in range(burst + 40)]
        return [a["result"]["service"] if "result" in a else a["error"]["code"] for a in answers]

    outcomes = wait(qtbot, in_thread(flood))
    assert outcomes[: burst - 1] == ["netca-client"] * (burst - 1)  # the handshake took one
    assert outcomes.count("rate_limited") >= 10  # 40 more in well under the 4 s they refill in


def test_a_replayed_challenge_is_refused(keyed_client: tuple[Client, str], qtbot: Any) -> None:
    client, _ = keyed_client
    client.window.web.load_policy().set(ORIGIN, OriginDecision.ALLOW)
    page = wait(qtbot, in_thread(lambda: Page(client.port, ORIGIN)))
    keys = wait(qtbot, in_thread(lambda: page.request({"type": "keys"})))
    certificate = keys["result"]["keys"][0]["certificates"][0]["id"]
    login = {"type": "login", "certificate": certificate, "challenge": "c" * 32}
    with qtbot.waitSignal(client.host.sign_opened, timeout=10000) as opened:
        first = in_thread(lambda: page.request(login))
    dialog = opened.args[0]
    dialog.pin_edit.setText(PIN)
    dialog.accept()
    assert wait(qtbot, first)["type"] == "result"
    again = wait(qtbot, in_thread(lambda: page.request(login)))
    assert again["error"]["code"] == "challenge_replayed"
    assert client.host.sign_dialog is None  # refused before any PIN dialog


def _outside_address() -> str | None:
    """An address of this machine that is not loopback (the one its default route uses)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_the_service_listens_on_loopback_only(keyed_client: tuple[Client, str]) -> None:
    client, _ = keyed_client
    assert client.server.sockets == [("127.0.0.1", client.port)]
    outside = _outside_address()
    assert outside is not None, "this machine has no non-loopback IPv4 address to try"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((outside, client.port), timeout=5).close()
