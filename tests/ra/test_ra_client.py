"""RaClient and `netca orders show` against the real RA; retries and TLS on tiny local servers."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netca_client.cli.errors import EXIT_RA
from netca_client.cli.main import main as netca
from netca_client.core.errors import RaRejected, RaUnavailable
from netca_client.core.ra import RaClient, new_request_id
from netca_protocol import OrderCreate, OrderState
from tests.ra.helpers import order_body
from tests.ra.servers import RaServer, free_port


def test_client_creates_and_queries_an_order(ra: RaServer) -> None:
    with RaClient(ra.base_url) as client:
        assert {p.service_id for p in client.profiles()} >= {"GD-ORG", "GD-EMP"}
        request_id = new_request_id()
        order = OrderCreate.model_validate(order_body("GD-EMP"))
        created = client.create_order(order, request_id=request_id)
        again = client.create_order(order, request_id=request_id)
        assert again == created
        fetched = client.get_order(created.order.order_no, token=created.access_token)
        assert fetched.state is OrderState.SUBMITTED
        assert fetched.amount_fen == 40000
        cancelled = client.cancel_order(created.order.order_no, token=created.access_token)
        assert cancelled.state is OrderState.CANCELLED


def test_problem_answers_become_ra_rejected_with_the_code(ra: RaServer) -> None:
    with RaClient(ra.base_url) as client:
        created = client.create_order(OrderCreate.model_validate(order_body()))
        with pytest.raises(RaRejected) as wrong_token:
            client.get_order(created.order.order_no, token="not-the-token")
        assert (wrong_token.value.code, wrong_token.value.status) == ("forbidden", 403)
        with pytest.raises(RaRejected) as illegal:
            client.report_installed(created.order.order_no, token=created.access_token)
        assert illegal.value.code == "illegal_transition"


def test_unreachable_ra_is_ra_unavailable() -> None:
    client = RaClient(f"http://127.0.0.1:{free_port()}", connect_timeout=1, retries=1, backoff=0)
    with pytest.raises(RaUnavailable):
        client.profiles()


class _Busy(http.server.BaseHTTPRequestHandler):
    """Always 503, counting requests: shows which calls the client retries."""

    hits = 0

    def _answer(self) -> None:
        type(self).hits += 1
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def busy_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Busy.hits = 0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_only_idempotent_calls_are_retried(busy_server: str) -> None:
    client = RaClient(busy_server, retries=2, backoff=0)
    with pytest.raises(RaUnavailable):
        client.get_order("00202611210000001", token="t")
    assert _Busy.hits == 3
    _Busy.hits = 0
    with pytest.raises(RaUnavailable):
        client.create_order(OrderCreate.model_validate(order_body()))
    assert _Busy.hits == 3  # same Idempotency-Key each time, so safe to repeat
    _Busy.hits = 0
    with pytest.raises(RaUnavailable):
        client.verify_otp("00202611210000001", "123456", token="t")
    assert _Busy.hits == 1


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "tls.pem", tmp_path / "tls.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Profiles(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps([]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


def test_tls_is_verified_against_the_configured_bundle(tmp_path: Path) -> None:
    cert_file, key_file = _self_signed(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Profiles)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        assert RaClient(url, ca_bundle=cert_file).profiles() == []
        with pytest.raises(RaUnavailable) as untrusted:
            RaClient(url, retries=0).profiles()
        assert "SSL" in str(untrusted.value)
    finally:
        server.shutdown()
        server.server_close()


def test_netca_orders_show_prints_state_and_audit(ra: RaServer) -> None:
    with RaClient(ra.base_url) as client:
        created = client.create_order(OrderCreate.model_validate(order_body()))
    order_no = created.order.order_no
    runner = CliRunner()
    base = ["orders", "show", order_no, "--ra-url", ra.base_url]
    shown = runner.invoke(netca, [*base, "--token", created.access_token])
    assert shown.exit_code == 0, shown.output
    assert f"业务单号  {order_no}" in shown.output
    assert "已提交" in shown.output
    assert "¥700.00" in shown.output
    as_json = runner.invoke(netca, [*base, "--token", created.access_token, "--json"])
    assert json.loads(as_json.output)["state"] == "submitted"
    refused = runner.invoke(netca, [*base, "--token", "wrong"])
    assert refused.exit_code == EXIT_RA
    assert "forbidden" in refused.output
