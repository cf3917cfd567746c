"""RFC 3161 time-stamp authority: TimeStampReq in, TimeStampResp out (asn1crypto's tsp)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from pathlib import Path

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from netca_gm import register as register_gm_names
from netca_ra.ca import keystore

register_gm_names()  # asn1crypto reads SM3 imprints by name

# A policy OID under the ASN.1 "example" arc (2.999): this reference TSA asserts no real policy.
TSA_POLICY = "2.999.3161.1"
#: SM3 imprints (SM2 PDF signatures) too: the token stays RSA-signed
ACCEPTED_DIGESTS = {"sha256": 32, "sha384": 48, "sha512": 64, "sm3": 32}


class BuiltinTsa:
    """Signs TSTInfo with the TSA key; the TSA certificate carries critical EKU timeStamping."""

    def __init__(
        self, *, key: rsa.RSAPrivateKey, cert: x509.Certificate, chain: list[x509.Certificate]
    ) -> None:
        self._key = key
        self._cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
        self._chain = [
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain
        ]

    @classmethod
    def load(cls, ca_dir: Path, *, passphrase_file: Path | None = None) -> BuiltinTsa:
        passphrase = keystore.read_passphrase(ca_dir, passphrase_file)
        return cls(
            key=keystore.load_key(ca_dir / "tsa.key.pem", passphrase),
            cert=keystore.load_certificate(ca_dir / "tsa.crt.pem"),
            chain=[keystore.load_certificate(ca_dir / "issuing.crt.pem")],
        )

    def respond(self, request_der: bytes, *, now: datetime) -> bytes:
        try:
            request = tsp.TimeStampReq.load(request_der)
            request.native  # noqa: B018 - parse everything now, not lazily later
            imprint = request["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            hashed = imprint["hashed_message"].native
            policy = request["req_policy"].native
            nonce = request["nonce"].native
            cert_req = bool(request["cert_req"].native)
        except (ValueError, TypeError, KeyError):
            return _rejection("bad_data_format")
        if algorithm not in ACCEPTED_DIGESTS or len(hashed) != ACCEPTED_DIGESTS[algorithm]:
            return _rejection("bad_alg")
        if policy is not None and policy != TSA_POLICY:
            return _rejection("unaccepted_policy")
        info = {
            "version": "v1",
            "policy": TSA_POLICY,
            "message_imprint": imprint,
            "serial_number": secrets.randbits(63),
            "gen_time": now,
            "accuracy": {"seconds": 1},
            "ordering": False,
        }
        if nonce is not None:
            info["nonce"] = nonce
        tst_info = tsp.TSTInfo(info)
        token = self._sign(tst_info, cert_req=cert_req)
        response = tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})
        return bytes(response.dump())

    def _sign(self, tst_info: tsp.TSTInfo, *, cert_req: bool) -> cms.ContentInfo:
        content = tst_info.dump()
        cert_hash = hashlib.sha256(self._cert.dump()).digest()
        signing_certificate = tsp.SigningCertificateV2(
            {
                "certs": [
                    {
                        "hash_algorithm": {"algorithm": "sha256"},
                        "cert_hash": cert_hash,
                        "issuer_serial": {
                            "issuer": [
                                asn1_x509.GeneralName(
                                    name="directory_name", value=self._cert.issuer
                                )
                            ],
                            "serial_number": self._cert.serial_number,
                        },
                    }
                ]
            }
        )
        signed_attrs = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
                cms.CMSAttribute(
                    {"type": "message_digest", "values": [hashlib.sha256(content).digest()]}
                ),
                cms.CMSAttribute(
                    {"type": "signing_certificate_v2", "values": [signing_certificate]}
                ),
            ]
        )
        signature = self._key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
        signer = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    name="issuer_and_serial_number",
                    value=cms.IssuerAndSerialNumber(
                        {
                            "issuer": self._cert.issuer,
                            "serial_number": self._cert.serial_number,
                        }
                    ),
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signed_attrs": signed_attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
                "signature": signature,
            }
        )
        certificates = [self._cert, *self._chain] if cert_req else []
        signed_data = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {
                    "content_type": "tst_info",
                    "content": core.ParsableOctetString(content),
                },
                "certificates": certificates or None,
                "signer_infos": [signer],
            }
        )
        return cms.ContentInfo({"content_type": "signed_data", "content": signed_data})


class _StatusOnlyResp(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    """TimeStampResp without a token (asn1crypto's class insists on one)."""

    _fields = [("status", tsp.PKIStatusInfo)]  # noqa: RUF012 - asn1crypto's declaration style


def _rejection(fail: str) -> bytes:
    response = _StatusOnlyResp(
        {"status": {"status": "rejection", "fail_info": tsp.PKIFailureInfo({fail})}}
    )
    return bytes(response.dump())
