"""RaClient and `netca orders show` against the real RA; retries and TLS on tiny local servers."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import logging
import ssl
import threading
import time
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
from netca_client.core.errors import ConfigError, RaProtocolError, RaRejected, RaUnavailable
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
    prompted = runner.invoke(netca, base, input=created.access_token + "\n")
    assert prompted.exit_code == 0, prompted.output
    assert f"业务单号  {order_no}" in prompted.output
    assert "已提交" in prompted.output
    assert "¥700.00" in prompted.output
    assert created.access_token not in prompted.output  # a hidden prompt: not echoed
    as_json = runner.invoke(netca, [*base, "--stdin", "--json"], input=created.access_token)
    assert json.loads(as_json.output)["state"] == "submitted"
    refused = runner.invoke(netca, [*base, "--stdin"], input="wrong\n")
    assert refused.exit_code == EXIT_RA
    assert "forbidden" in refused.output


def test_netca_orders_show_takes_no_token_on_the_command_line(ra: RaServer) -> None:
    with RaClient(ra.base_url) as client:
        created = client.create_order(OrderCreate.model_validate(order_body()))
    argv = ["orders", "show", created.order.order_no, "--ra-url", ra.base_url]
    on_argv = CliRunner().invoke(netca, [*argv, "--token", created.access_token])
    assert on_argv.exit_code == 2  # a usage error: the option is gone
    assert "No such option" in on_argv.output


def test_netca_orders_show_escapes_invisible_characters(ra: RaServer) -> None:
    from sqlalchemy import select

    from netca_ra.models import Order, OrderEvent
    from tests.ra.helpers import database

    with RaClient(ra.base_url) as client:
        created = client.create_order(OrderCreate.model_validate(order_body()))
    with database(ra) as session:  # a reason written before such characters were refused
        order_id = session.scalar(select(Order.id).where(Order.order_no == created.order.order_no))
        event = session.scalar(select(OrderEvent).where(OrderEvent.order_id == order_id))
        assert event is not None
        event.reason = "材料\u202egpj.exe\x1b[2J齐全"
    argv = ["orders", "show", created.order.order_no, "--ra-url", ra.base_url, "--stdin"]
    shown = CliRunner().invoke(netca, argv, input=created.access_token)
    assert shown.exit_code == 0, shown.output
    assert "材料\\u202egpj.exe\\u001b[2J齐全" in shown.output
    assert "\u202e" not in shown.output
    assert "\x1b" not in shown.output


# --- hardening (issue 13): redirects, size, deadline, plain http --------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Another origin: records every request it gets (it must get none)."""

    seen: list[dict[str, str]] = []  # noqa: RUF012 - shared by the handler instances

    def do_GET(self) -> None:
        type(self).seen.append(dict(self.headers))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        return None


def _serve(handler: type[http.server.BaseHTTPRequestHandler]) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_redirects_are_not_followed_and_tokens_stay_with_the_ra() -> None:
    other = _serve(_Recorder)
    _Recorder.seen = []

    class Redirecting(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{other.server_address[1]}{self.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return None

    ra = _serve(Redirecting)
    try:
        client = RaClient(f"http://127.0.0.1:{ra.server_address[1]}", retries=0)
        with pytest.raises(RaProtocolError) as refused:
            client.get_order("00202611210000001", token="order-token-secret")
        assert refused.value.status == 307
        assert "not followed" in str(refused.value)
        assert _Recorder.seen == []  # the token never reached the other origin
    finally:
        for server in (ra, other):
            server.shutdown()
            server.server_close()


class _Flood(http.server.BaseHTTPRequestHandler):
    """An answer of 64 MB (no Content-Length): counts what it managed to send."""

    sent = 0

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(1024):
                self.wfile.write(chunk)
                type(self).sent += len(chunk)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        return None


def test_an_oversized_answer_is_refused_without_reading_it_all() -> None:
    server = _serve(_Flood)
    _Flood.sent = 0
    try:
        client = RaClient(f"http://127.0.0.1:{server.server_address[1]}", retries=0)
        with pytest.raises(RaProtocolError) as refused:
            client.profiles()
        assert "larger than" in str(refused.value)
        time.sleep(0.5)
        assert _Flood.sent < 32 * 1024 * 1024  # it stopped reading long before the end
    finally:
        server.shutdown()
        server.server_close()


class _Dribble(http.server.BaseHTTPRequestHandler):
    """One byte every 0.2 s, for ever: each byte well within any read timeout."""

    in_headers = False

    def do_GET(self) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n\r\n"
        body = b"[" + b" " * 99990
        data = head + body if type(self).in_headers else body
        if not type(self).in_headers:
            self.wfile.write(head)
        try:
            for i in range(len(data)):
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_dribbling_answer_ends_at_the_deadline(in_headers: bool) -> None:
    _Dribble.in_headers = in_headers
    server = _serve(_Dribble)
    outcome: list[BaseException | None] = []

    def call() -> None:
        client = RaClient(
            f"http://127.0.0.1:{server.server_address[1]}",
            read_timeout=1.0,
            deadline=2.0,
            retries=1,
        )
        try:
            client.profiles()
            outcome.append(None)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    try:
        started = time.monotonic()
        worker = threading.Thread(target=call, daemon=True)
        worker.start()
        worker.join(timeout=15)
        elapsed = time.monotonic() - started
        assert not worker.is_alive(), "the client was still reading after 15 s"
        assert isinstance(outcome[0], RaUnavailable), outcome
        assert elapsed < 5.0  # the deadline (2 s) covers the retry too
    finally:
        server.shutdown()
        server.server_close()


def test_plain_http_is_refused_unless_the_ra_is_on_this_machine(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with pytest.raises(ConfigError, match="refused"):
        RaClient("http://ra.example.cn")
    with pytest.raises(ConfigError):
        RaClient("ftp://ra.example.cn")
    RaClient("https://ra.example.cn").close()
    RaClient("http://127.0.0.1:8600").close()  # development on this machine
    RaClient("http://localhost:8600").close()
    with caplog.at_level(logging.WARNING):
        RaClient("http://10.1.2.3:8600", allow_http=True).close()
    assert "nothing is encrypted" in caplog.text
