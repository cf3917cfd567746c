"""Request bodies are bounded in the RA itself: a declared length over the limit is refused
before anything is read, a chunked body is cut off at the limit, and an upload is refused
for a wrong token before its body is read at all."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import requests

from netca_protocol import MAX_DER_BODY_BYTES, MAX_JSON_BODY_BYTES
from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    fresh_mobile,
    handler_of,
    key,
    order_body,
)
from tests.ra.servers import RaServer


def _problem(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == code


def test_oversized_json_ocsp_and_tsa_bodies_are_refused(ra: RaServer) -> None:
    big = order_body()
    big["subject"]["organisation_unit"] = "x" * (MAX_JSON_BODY_BYTES + 1)
    _problem(
        requests.post(ra.api + "/orders", json=big, headers={"Idempotency-Key": key()}, timeout=30),
        413,
        "payload_too_large",
    )
    for path in ("/ca/ocsp", "/ca/tsa"):
        answer = requests.post(ra.api + path, data=b"0" * (MAX_DER_BODY_BYTES + 1), timeout=30)
        _problem(answer, 413, "payload_too_large")


def test_a_chunked_body_is_cut_off_at_the_limit(ra: RaServer) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 4 MB in all, without a Content-Length
            sent.append(1)
            yield b"{" + b" " * 65535

    answer = requests.post(
        ra.api + "/orders",
        data=chunks(),
        headers={"Idempotency-Key": key(), "Content-Type": "application/json"},
        timeout=30,
    )
    _problem(answer, 413, "payload_too_large")


def _open_upload(ra: RaServer, request_id: str, token: str) -> http.client.HTTPConnection:
    """Start a chunked multipart upload: the headers and a first chunk, nothing more."""
    connection = http.client.HTTPConnection("127.0.0.1", ra.port, timeout=10)
    connection.putrequest("POST", f"/api/v1/key-requests/{request_id}/materials")
    connection.putheader("X-Request-Token", token)
    connection.putheader("Content-Type", "multipart/form-data; boundary=b0undary")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    part = (
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    )
    connection.send(b"%x\r\n%s\r\n" % (len(part), part))
    return connection


def test_an_upload_with_a_wrong_token_is_refused_before_its_body(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    connection = _open_upload(ra, flow.request_id, "x" * 43)
    try:
        answer = connection.getresponse()  # the body is far from complete
        assert answer.status == 403
        assert b'"forbidden"' in answer.read()
    finally:
        connection.close()


def test_a_chunked_upload_is_cut_off_at_one_file(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    connection = _open_upload(ra, flow.request_id, flow.secret)
    try:
        chunk = b"0" * 65536
        try:
            for _ in range(120):  # 7.5 MB: past one file's 5 MB and its multipart framing
                connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the RA stopped reading and closed: what this test wants
        answer = connection.getresponse()
        assert answer.status == 413
        assert b'"material_too_large"' in answer.read()
    finally:
        connection.close()
    assert flow.call("GET").json()["materials"] == 0
