"""The built-in CA's SM2 side: an SM2 root, an SM2 issuing CA and an SM2 seal maker.

cryptography can neither hold SM2 keys nor sign with them, so certificates, CRLs and OCSP
answers are built with asn1crypto and signed by libcrypto (netca_gm) with SM2/SM3 and the
standard ID 1234567812345678; `openssl verify -vfyopt distid:1234567812345678` and
BouncyCastle check them (tests/ra/test_gm_ca.py). Files sit beside the RSA ones in the CA
directory, keys encrypted with the same passphrase.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import core as asn1_core
from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509

from netca_gm import Sm2PrivateKey, is_sm2_public_key
from netca_gm.x509 import csr_signature_valid, public_key_der
from netca_ra.ca import keystore
from netca_ra.ca.interface import RevocationEntry, StatusLookup, SubjectKind, SubjectProfile

SM2_FILES = ("sm2-root", "sm2-issuing", "sm2-seal-maker")
_ALGORITHM = {"algorithm": "sm3_sm2"}
_HASHES = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sm3": None}


def _time(moment: datetime) -> dict[str, datetime]:
    return {"utc_time" if moment.year < 2050 else "general_time": moment}


def _uri(url: str) -> asn1_x509.GeneralName:
    return asn1_x509.GeneralName(name="uniform_resource_identifier", value=url)


def _key_id(spki_der: bytes) -> bytes:
    """RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits."""
    bits = asn1_keys.PublicKeyInfo.load(spki_der)["public_key"].contents[1:]
    return hashlib.sha1(bits).digest()  # noqa: S324 - an identifier, not a signature


def _name(cert_name: x509.Name) -> asn1_x509.Name:
    return asn1_x509.Name.load(cert_name.public_bytes())


def sign_certificate(
    *,
    key: Sm2PrivateKey,
    issuer: x509.Name,
    issuer_spki: bytes,
    subject: x509.Name,
    subject_spki: bytes,
    not_before: datetime,
    not_after: datetime,
    extensions: list[dict[str, Any]],
) -> x509.Certificate:
    """An X.509 v3 certificate signed with SM2/SM3 by ``key`` (serial random, 159 bits)."""
    extensions = [
        *extensions,
        {"extn_id": "key_identifier", "critical": False, "extn_value": _key_id(subject_spki)},
        {
            "extn_id": "authority_key_identifier",
            "critical": False,
            "extn_value": {"key_identifier": _key_id(issuer_spki)},
        },
    ]
    tbs = asn1_x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": secrets.randbits(159) | 1 << 158,
            "signature": _ALGORITHM,
            "issuer": _name(issuer),
            "validity": {"not_before": _time(not_before), "not_after": _time(not_after)},
            "subject": _name(subject),
            "subject_public_key_info": asn1_keys.PublicKeyInfo.load(subject_spki),
            "extensions": extensions,
        }
    )
    cert = asn1_x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": _ALGORITHM,
            "signature_value": key.sign(tbs.dump()),
        }
    )
    return x509.load_der_x509_certificate(cert.dump())


def _ca_extensions(path_length: int) -> list[dict[str, Any]]:
    return [
        {"extn_id": "basic_constraints", "critical": True,
         "extn_value": {"ca": True, "path_len_constraint": path_length}},
        {"extn_id": "key_usage", "critical": True,
         "extn_value": {"digital_signature", "key_cert_sign", "crl_sign"}},
    ]  # fmt: skip


class GmCa:
    """The SM2 issuing CA (and its root); ``create`` makes the files, ``load`` reads them."""

    def __init__(
        self, *, root: x509.Certificate, issuing: x509.Certificate, key: Sm2PrivateKey, api: str
    ) -> None:
        self.root = root
        self.issuing = issuing
        self._key = key
        self._spki = public_key_der(issuing)
        self.crl_url = f"{api}/sm2/crl"
        self.ocsp_url = f"{api}/ocsp"  # one responder for both CAs: the CertID tells them apart
        self.issuer_url = f"{api}/sm2/issuing.crt"

    @classmethod
    def present(cls, ca_dir: Path) -> bool:
        return (ca_dir / "sm2-issuing.key.pem").exists()

    @classmethod
    def load(cls, ca_dir: Path, passphrase: bytes, *, api: str) -> GmCa:
        pem = (ca_dir / "sm2-issuing.key.pem").read_bytes()
        return cls(
            root=keystore.load_certificate(ca_dir / "sm2-root.crt.pem"),
            issuing=keystore.load_certificate(ca_dir / "sm2-issuing.crt.pem"),
            key=Sm2PrivateKey.from_pem(pem, passphrase),
            api=api,
        )

    @classmethod
    def create(
        cls, ca_dir: Path, passphrase: bytes, *, api: str, organisation: str, now: datetime
    ) -> GmCa:
        """The SM2 root (20 years), issuing CA (10) and seal maker (5); never overwrites."""
        if (ca_dir / "sm2-root.key.pem").exists():
            raise FileExistsError(f"an SM2 CA already exists in {ca_dir}")
        start = now - timedelta(minutes=5)
        root_key, issuing_key = Sm2PrivateKey.generate(), Sm2PrivateKey.generate()
        root_name = _ca_name(f"{organisation} SM2 Root CA", organisation)
        root = sign_certificate(
            key=root_key, issuer=root_name, issuer_spki=root_key.public_der(), subject=root_name,
            subject_spki=root_key.public_der(), not_before=start,
            not_after=now + timedelta(days=365 * 20), extensions=_ca_extensions(1),
        )  # fmt: skip
        issuing = sign_certificate(
            key=root_key, issuer=root_name, issuer_spki=root_key.public_der(),
            subject=_ca_name(f"{organisation} SM2 Issuing CA", organisation),
            subject_spki=issuing_key.public_der(), not_before=start,
            not_after=now + timedelta(days=365 * 10), extensions=_ca_extensions(0),
        )  # fmt: skip
        for stem, key, cert in (
            ("sm2-root", root_key, root),
            ("sm2-issuing", issuing_key, issuing),
        ):
            keystore.write_private(ca_dir / f"{stem}.key.pem", key.to_pem(passphrase))
            keystore.save_certificate(ca_dir / f"{stem}.crt.pem", cert)
        ca = cls(root=root, issuing=issuing, key=issuing_key, api=api)
        maker_key = Sm2PrivateKey.generate()
        maker = ca.sign_leaf(
            subject=SubjectProfile(kind=SubjectKind.SEAL_MAKER, organisation=organisation,
                                   common_name=f"{organisation} 电子印章制章系统（SM2）"),
            subject_spki=maker_key.public_der(), now=now,
            not_after=now + timedelta(days=365 * 5),
        )  # fmt: skip
        keystore.write_private(ca_dir / "sm2-seal-maker.key.pem", maker_key.to_pem(passphrase))
        keystore.save_certificate(ca_dir / "sm2-seal-maker.crt.pem", maker)
        return ca

    def chain(self) -> list[x509.Certificate]:
        return [self.issuing, self.root]

    def issue(
        self, *, csr_der: bytes, subject: SubjectProfile, not_after: datetime, now: datetime
    ) -> x509.Certificate:
        """An SM2 certificate for an SM2 CSR whose signature (standard ID) verifies."""
        from asn1crypto import csr as asn1_csr

        from netca_ra.ca.builtin import CsrRejected

        request = asn1_csr.CertificationRequest.load(csr_der)
        spki = bytes(request["certification_request_info"]["subject_pk_info"].dump())
        if not is_sm2_public_key(spki):
            raise CsrRejected("the SM2 CA certifies SM2 keys only")
        if not csr_signature_valid(csr_der):
            raise CsrRejected("the CSR's SM2 signature (ID 1234567812345678) does not verify")
        return self.sign_leaf(subject=subject, subject_spki=spki, now=now, not_after=not_after)

    def sign_leaf(
        self, *, subject: SubjectProfile, subject_spki: bytes, now: datetime, not_after: datetime
    ) -> x509.Certificate:
        from netca_ra.ca.builtin import _name as subject_name

        usage = {"digital_signature"}
        extensions: list[dict[str, Any]] = [
            {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": False}},
            {"extn_id": "crl_distribution_points", "critical": False, "extn_value": [
                {"distribution_point": {"full_name": [_uri(self.crl_url)]}}]},
            {"extn_id": "authority_information_access", "critical": False, "extn_value": [
                {"access_method": "ocsp",
                 "access_location": _uri(self.ocsp_url)},
                {"access_method": "ca_issuers",
                 "access_location": _uri(self.issuer_url)}]},
        ]  # fmt: skip
        if subject.kind is not SubjectKind.SEAL_MAKER:
            usage.add("non_repudiation")
            extensions.append({"extn_id": "extended_key_usage", "critical": False,
                               "extn_value": ["client_auth", "email_protection"]})  # fmt: skip
        extensions.append({"extn_id": "key_usage", "critical": True, "extn_value": usage})
        return sign_certificate(
            key=self._key, issuer=self.issuing.subject, issuer_spki=self._spki,
            subject=subject_name(subject), subject_spki=subject_spki,
            not_before=now - timedelta(minutes=5),
            not_after=min(not_after, self.issuing.not_valid_after_utc), extensions=extensions,
        )  # fmt: skip

    def crl_der(self, revoked: Sequence[RevocationEntry], *, now: datetime) -> bytes:
        from netca_ra.ca.builtin import CRL_VALIDITY

        entries = []
        for entry in revoked:
            item: dict[str, Any] = {"user_certificate": entry.serial,
                                    "revocation_date": _time(entry.revoked_at)}  # fmt: skip
            if entry.reason is not None:
                item["crl_entry_extensions"] = [
                    {"extn_id": "crl_reason", "extn_value": entry.reason.name}
                ]
            entries.append(item)
        tbs: dict[str, Any] = {
            "version": "v2",
            "signature": _ALGORITHM,
            "issuer": _name(self.issuing.subject),
            "this_update": _time(now),
            "next_update": _time(now + CRL_VALIDITY),
            "crl_extensions": [
                {"extn_id": "crl_number", "extn_value": int(now.timestamp() * 1000)},
                {"extn_id": "authority_key_identifier",
                 "extn_value": {"key_identifier": _key_id(self._spki)}},
            ],
        }  # fmt: skip
        if entries:
            tbs["revoked_certificates"] = entries
        tbs_list = asn1_crl.TbsCertList(tbs)
        return bytes(
            asn1_crl.CertificateList(
                {"tbs_cert_list": tbs_list, "signature_algorithm": _ALGORITHM,
                 "signature": self._key.sign(tbs_list.dump())}
            ).dump()
        )  # fmt: skip

    def ocsp_answer(
        self, request_der: bytes, *, lookup: StatusLookup, now: datetime
    ) -> bytes | None:
        """The SM2-signed answer to a single request about a certificate of this CA; None when
        the request is not one (the RSA side answers it then)."""
        try:
            request = asn1_ocsp.OCSPRequest.load(request_der)
            requests = request["tbs_request"]["request_list"]
            if len(requests) != 1:
                return None
            cert_id = requests[0]["req_cert"]
            algorithm = cert_id["hash_algorithm"]["algorithm"].native
            if not self._matches(cert_id, algorithm):
                return None
            serial = int(cert_id["serial_number"].native)
            extensions = request["tbs_request"]["request_extensions"]
            nonce = next((e for e in extensions if e["extn_id"].native == "nonce"), None)
        except (ValueError, TypeError, KeyError):
            return None
        return self._ocsp_response(cert_id, lookup(serial), nonce, now.replace(microsecond=0))

    def _matches(self, cert_id: Any, algorithm: str) -> bool:
        if algorithm not in _HASHES:
            return False
        name_der = self.issuing.subject.public_bytes()
        key_bits = asn1_keys.PublicKeyInfo.load(self._spki)["public_key"].contents[1:]
        name_hash = hashlib.new(algorithm, name_der).digest()
        key_hash = hashlib.new(algorithm, key_bits).digest()
        return bool(
            cert_id["issuer_name_hash"].native == name_hash
            and cert_id["issuer_key_hash"].native == key_hash
        )

    def _ocsp_response(self, cert_id: Any, status: Any, nonce: Any, now: datetime) -> bytes:
        from netca_ra.ca.builtin import OCSP_VALIDITY

        if not status.known:
            cert_status = asn1_ocsp.CertStatus(name="unknown", value=asn1_core.Null())
        elif status.revocation is not None:
            info: dict[str, Any] = {"revocation_time": status.revocation.revoked_at}
            if status.revocation.reason is not None:
                info["revocation_reason"] = status.revocation.reason.name
            cert_status = asn1_ocsp.CertStatus(name="revoked", value=info)
        else:
            cert_status = asn1_ocsp.CertStatus(name="good", value=asn1_core.Null())
        data: dict[str, Any] = {
            "responder_id": asn1_ocsp.ResponderId(name="by_key", value=_key_id(self._spki)),
            "produced_at": now,
            "responses": [{"cert_id": cert_id, "cert_status": cert_status, "this_update": now,
                           "next_update": now + OCSP_VALIDITY}],
        }  # fmt: skip
        if nonce is not None:
            value = nonce["extn_value"].native
            data["response_extensions"] = [{"extn_id": "nonce", "extn_value": value}]
        tbs = asn1_ocsp.ResponseData(data)
        basic = asn1_ocsp.BasicOCSPResponse(
            {"tbs_response_data": tbs, "signature_algorithm": _ALGORITHM,
             "signature": self._key.sign(tbs.dump())}
        )  # fmt: skip
        return bytes(
            asn1_ocsp.OCSPResponse(
                {"response_status": "successful",
                 "response_bytes": {"response_type": "basic_ocsp_response", "response": basic}}
            ).dump()
        )  # fmt: skip


def _ca_name(common_name: str, organisation: str) -> x509.Name:
    from netca_ra.ca.builtin import _ca_name as rsa_ca_name

    return rsa_ca_name(common_name, organisation)


def csr_public_key_der(csr: x509.CertificateSigningRequest) -> bytes:
    """The request's SubjectPublicKeyInfo, DER (read without cryptography: SM2 too)."""
    from asn1crypto import csr as asn1_csr

    info = asn1_csr.CertificationRequestInfo.load(csr.tbs_certrequest_bytes)
    return bytes(info["subject_pk_info"].dump())


def csr_is_sm2(csr: x509.CertificateSigningRequest) -> bool:
    """Whether a request carries an SM2 key (cryptography's public_key() cannot say)."""
    return is_sm2_public_key(csr_public_key_der(csr))
