"""The holder's side of a seal order over plain HTTP: a key provisioned with a private key this
test holds, proofs of possession signed with it, the form, scans, review in the console."""

from __future__ import annotations

import base64
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from netca_protocol.possession import possession_message
from netca_protocol.seals import SealApplicationIn
from tests.ra import helpers
from tests.ra.servers import RaServer

HANDLER = {"name": "张三", "id_number": "44010119900101123X", "mobile": "13800138000"}


def details(
    name: str = "广州示例科技有限公司", kind: str = "official", **changes: Any
) -> dict[str, Any]:
    body = {"seal_kind": kind, "seal_name": name, "size_mm": 42, "handler": dict(HANDLER)}
    body.update(changes)
    return body


class SealKey(helpers.KeySetup):
    """An activated key whose signing key this test holds (to sign proofs of possession)."""

    def __init__(self, ra: RaServer) -> None:
        super().__init__(ra)
        self.private = ec.generate_private_key(ec.SECP256R1())

    def provision(self) -> SealKey:
        ticket = self.staff_post(
            f"/orders/{self.order_no}/provision",
            json={"key_serial": self.serial, "key_model": "vkey"},
        )
        assert ticket.status_code == 200, ticket.text
        csr = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "k")]))
            .sign(self.private, hashes.SHA256())
        )
        issued = self.staff_post(
            f"/orders/{self.order_no}/certificate",
            headers={**self.counter, "Idempotency-Key": helpers.key()},
            json={
                "key_serial": self.serial,
                "csr_pem": csr.public_bytes(serialization.Encoding.PEM).decode(),
            },
        )
        assert issued.status_code == 201, issued.text
        self.certificate = issued.json()
        registered = self.staff_post(
            f"/keys/{self.serial}/register",
            json={"certificate_serial": self.certificate["serial_hex"]},
        )
        assert registered.status_code == 200, registered.text
        return self

    @classmethod
    def ready(cls, ra: RaServer) -> SealKey:
        made = cls(ra).provision()
        made.recheck().activate()
        return made

    def nonce(self) -> str:
        response = requests.post(f"{self.ra.api}/possession/nonces", timeout=30)
        assert response.status_code == 201, response.text
        return str(response.json()["nonce"])

    def signed(
        self, application: dict[str, Any], *, nonce: str | None = None, sign_as: str | None = None
    ) -> dict[str, Any]:
        nonce = nonce or self.nonce()
        serial = self.certificate["serial_hex"]
        message = possession_message(
            purpose="seal-order", key_serial=sign_as or self.serial, certificate_serial=serial,
            nonce=nonce, body=SealApplicationIn.model_validate(application),
        )  # fmt: skip
        signature = self.private.sign(message, ec.ECDSA(hashes.SHA256()))
        proof = {
            "certificate_serial": serial,
            "nonce": nonce,
            "algorithm": "sha256_ecdsa",
            "signature": base64.b64encode(signature).decode(),
        }
        return {"application": application, "proof": proof}

    def apply(self, business_type: str = "seal_apply", **details_changes: Any) -> requests.Response:
        application = {"business_type": business_type, "details": details(**details_changes)}
        return requests.post(
            f"{self.ra.api}/keys/{self.serial}/seal-orders",
            json=self.signed(application),
            headers={"Idempotency-Key": helpers.key()},
            timeout=60,
        )


class SealOrder:
    """One seal order as its holder drives it (the token from the creation)."""

    def __init__(self, ra: RaServer, created: dict[str, Any]) -> None:
        self.ra = ra
        self.created = created
        self.order_no: str = created["application"]["order_no"]
        self.token: str = created["access_token"]

    def url(self, path: str = "") -> str:
        return f"{self.ra.api}/seal-orders/{self.order_no}{path}"

    def headers(self, idempotent: bool = False) -> dict[str, str]:
        headers = {"X-Order-Token": self.token}
        if idempotent:
            headers["Idempotency-Key"] = helpers.key()
        return headers

    def get(self) -> dict[str, Any]:
        response = requests.get(self.url(), headers=self.headers(), timeout=30)
        assert response.status_code == 200, response.text
        out: dict[str, Any] = response.json()
        return out

    def form(self) -> bytes:
        response = requests.get(self.url("/form"), headers=self.headers(), timeout=60)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        return response.content

    def upload(self, name: str, content: bytes, media_type: str) -> requests.Response:
        return requests.post(
            self.url("/materials"), headers=self.headers(),
            files={"file": (name, content, media_type)}, timeout=60,
        )  # fmt: skip

    def post(self, path: str, json: Any = None, idempotent: bool = False) -> requests.Response:
        return requests.post(
            self.url(path), headers=self.headers(idempotent), json=json, timeout=120
        )
