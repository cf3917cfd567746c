"""OCSP and TSA under fuzzing: whatever arrives, the answer is a protocol answer, never a 500.

hypothesis builds requests from the ASN.1 up (one to three CertIDs, any hash algorithm, odd
hash lengths, huge or negative serials, nonces of any size, unknown and critical extensions;
any imprint algorithm and length, policies, huge nonces), mutates valid ones (cut short, bytes
flipped or inserted) and sends plain garbage, by POST and, for OCSP, by GET.
"""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest
import requests
from asn1crypto import cms, core, tsp
from asn1crypto import ocsp as asn1_ocsp
from cryptography.x509 import ocsp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ra.servers import RaServer

HASHES = ["sha1", "sha256", "sha384", "sha512", "md5", "sha3_256", "1.2.3.4", "2.999.1"]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _TimeStampResp(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """RFC 3161 TimeStampResp whose token is optional (asn1crypto's class insists on one)."""

    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


@pytest.fixture(scope="module")
def http() -> requests.Session:
    return requests.Session()


def _cert_id(draw: st.DrawFn) -> dict[str, object]:
    return {
        "hash_algorithm": {"algorithm": draw(st.sampled_from(HASHES))},
        "issuer_name_hash": draw(st.binary(min_size=0, max_size=70)),
        "issuer_key_hash": draw(st.binary(min_size=0, max_size=70)),
        "serial_number": draw(st.integers(min_value=-(2**200), max_value=2**400)),
    }


@st.composite
def ocsp_requests(draw: st.DrawFn) -> bytes:
    singles = [{"req_cert": _cert_id(draw)} for _ in range(draw(st.integers(1, 3)))]
    extensions = []
    if draw(st.booleans()):
        extensions.append(
            {"extn_id": "nonce", "critical": draw(st.booleans()),
             "extn_value": draw(st.binary(min_size=0, max_size=200))}
        )  # fmt: skip
    if draw(st.booleans()):
        extensions.append(
            {"extn_id": "1.3.6.1.4.1.99999.1", "critical": draw(st.booleans()),
             "extn_value": draw(st.binary(max_size=40))}
        )  # fmt: skip
    tbs: dict[str, object] = {"request_list": singles}
    if extensions:
        tbs["request_extensions"] = extensions
    return bytes(asn1_ocsp.OCSPRequest({"tbs_request": tbs}).dump())


@st.composite
def tsa_requests(draw: st.DrawFn) -> bytes:
    request: dict[str, object] = {
        "version": draw(st.sampled_from(["v1", 2, 0])),
        "message_imprint": {
            "hash_algorithm": {"algorithm": draw(st.sampled_from(HASHES))},
            "hashed_message": draw(st.binary(min_size=0, max_size=80)),
        },
        "cert_req": draw(st.booleans()),
    }
    if draw(st.booleans()):
        request["req_policy"] = draw(st.sampled_from(["2.999.3161.1", "1.2.3", "2.5.29.32.0"]))
    if draw(st.booleans()):
        request["nonce"] = draw(st.integers(min_value=-(2**300), max_value=2**600))
    if draw(st.booleans()):
        request["extensions"] = [
            {"extn_id": "1.3.6.1.4.1.99999.2", "critical": draw(st.booleans()),
             "extn_value": core.OctetString(draw(st.binary(max_size=30))).dump()}
        ]  # fmt: skip
    return bytes(tsp.TimeStampReq(request).dump())


@st.composite
def mutated(draw: st.DrawFn, valid: st.SearchStrategy[bytes]) -> bytes:
    data = bytearray(draw(valid))
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data) or b"\x00"


def _any_ocsp() -> st.SearchStrategy[bytes]:
    return st.one_of(ocsp_requests(), mutated(ocsp_requests()), st.binary(min_size=1, max_size=300))


def _any_tsa() -> st.SearchStrategy[bytes]:
    return st.one_of(tsa_requests(), mutated(tsa_requests()), st.binary(min_size=1, max_size=300))


@FUZZ
@given(request_der=_any_ocsp())
def test_ocsp_answers_every_request_with_an_ocsp_response(
    sqlite_ra: RaServer, http: requests.Session, request_der: bytes
) -> None:
    answers = [
        http.post(
            sqlite_ra.api + "/ca/ocsp",
            data=request_der,
            headers={"Content-Type": "application/ocsp-request"},
            timeout=30,
        )
    ]
    if len(request_der) <= 700:  # RFC 6960 A.1: GET for small requests
        encoded = quote(base64.b64encode(request_der).decode(), safe="")
        answers.append(http.get(f"{sqlite_ra.api}/ca/ocsp/{encoded}", timeout=30))
    for answer in answers:
        assert answer.status_code == 200, answer.text
        response = ocsp.load_der_ocsp_response(answer.content)
        assert response.response_status in (
            ocsp.OCSPResponseStatus.SUCCESSFUL,
            ocsp.OCSPResponseStatus.MALFORMED_REQUEST,
            ocsp.OCSPResponseStatus.UNAUTHORIZED,
        )


@FUZZ
@given(request_der=_any_tsa())
def test_tsa_answers_every_request_with_a_time_stamp_response(
    sqlite_ra: RaServer, http: requests.Session, request_der: bytes
) -> None:
    answer = http.post(
        sqlite_ra.api + "/ca/tsa",
        data=request_der,
        headers={"Content-Type": "application/timestamp-query"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    parsed = _TimeStampResp.load(answer.content)
    status = parsed["status"]["status"].native
    assert status in ("granted", "rejection")
    assert (status == "granted") == (parsed["time_stamp_token"].native is not None)
