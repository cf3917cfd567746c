"""The built-in CA: a root and an issuing CA on disk, keys encrypted; issues, CRL and OCSP."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from netca_gm import available as sm2_available
from netca_ra.ca import keystore
from netca_ra.ca.gm_ca import GmCa, csr_is_sm2
from netca_ra.ca.interface import (
    CertificateStatus,
    RevocationEntry,
    StatusLookup,
    SubjectKind,
    SubjectProfile,
)

CA_FILES = ("root", "issuing", "tsa", "seal-maker")
ROOT_YEARS = 20
ISSUING_YEARS = 10
SERVICE_YEARS = 5
OCSP_VALIDITY = timedelta(hours=1)
CRL_VALIDITY = timedelta(days=1)


class CsrRejected(ValueError):
    """The CSR cannot be used (bad signature or a key we do not certify)."""


def _name(profile: SubjectProfile) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, profile.organisation))
    if profile.organisation_unit:
        attributes.append(
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, profile.organisation_unit)
        )
    if profile.organisation_identifier:
        attributes.append(
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, profile.organisation_identifier)
        )
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, profile.common_name))
    return x509.Name(attributes)


def _ca_name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _new_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _leaf_usage(*, non_repudiation: bool, key_encipherment: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=non_repudiation,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass(frozen=True)
class _Urls:
    crl: str
    ocsp: str
    issuer: str


class BuiltinCa:
    """Implements ``CertificateAuthority`` with keys from ``ca_dir`` (created by ``create``)."""

    def __init__(
        self,
        *,
        root: x509.Certificate,
        issuing: x509.Certificate,
        issuing_key: rsa.RSAPrivateKey,
        base_url: str,
        gm: GmCa | None = None,
    ) -> None:
        self.root = root
        self.issuing = issuing
        self._key = issuing_key
        self.api = base_url.rstrip("/") + "/api/v1/ca"
        api = self.api
        self._urls = _Urls(crl=f"{api}/crl", ocsp=f"{api}/ocsp", issuer=f"{api}/issuing.crt")
        #: the SM2 issuing CA (gm_ca.py), None on a CA made before it or without SM2 here
        self.gm = gm

    # --- lifecycle ---------------------------------------------------------------

    @classmethod
    def load(cls, ca_dir: Path, *, base_url: str, passphrase_file: Path | None = None) -> BuiltinCa:
        passphrase = keystore.read_passphrase(ca_dir, passphrase_file)
        api = base_url.rstrip("/") + "/api/v1/ca"
        gm = None
        if GmCa.present(ca_dir) and sm2_available():
            gm = GmCa.load(ca_dir, passphrase, api=api)
        return cls(
            root=keystore.load_certificate(ca_dir / "root.crt.pem"),
            issuing=keystore.load_certificate(ca_dir / "issuing.crt.pem"),
            issuing_key=keystore.load_key(ca_dir / "issuing.key.pem", passphrase),
            base_url=base_url,
            gm=gm,
        )

    @classmethod
    def create(cls, ca_dir: Path, *, base_url: str, organisation: str, now: datetime) -> BuiltinCa:
        """Make the root and issuing CA, the TSA and the seal-maker; refuse to overwrite."""
        ca_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if (ca_dir / "root.key.pem").exists():
            raise FileExistsError(f"a CA already exists in {ca_dir}")
        passphrase = secrets.token_urlsafe(32).encode("ascii")
        keystore.write_private(ca_dir / keystore.PASSPHRASE_FILE, passphrase)
        root_key = _new_key(3072)
        root_name = _ca_name(f"{organisation} Root CA", organisation)
        root = cls._ca_certificate(
            subject=root_name, issuer=root_name, key=root_key, public=root_key.public_key(),
            now=now, years=ROOT_YEARS, path_length=1,
        )  # fmt: skip
        issuing_key = _new_key()
        issuing = cls._ca_certificate(
            subject=_ca_name(f"{organisation} Issuing CA", organisation), issuer=root_name,
            key=root_key, public=issuing_key.public_key(), now=now, years=ISSUING_YEARS,
            path_length=0,
        )  # fmt: skip
        for stem, key, cert in (("root", root_key, root), ("issuing", issuing_key, issuing)):
            keystore.save_key(ca_dir / f"{stem}.key.pem", key, passphrase)
            keystore.save_certificate(ca_dir / f"{stem}.crt.pem", cert)
        ca = cls(root=root, issuing=issuing, issuing_key=issuing_key, base_url=base_url)
        for stem, kind, name in (
            ("tsa", SubjectKind.TSA, f"{organisation} Time-Stamp Authority"),
            ("seal-maker", SubjectKind.SEAL_MAKER, f"{organisation} 电子印章制章系统"),
        ):
            key = _new_key()
            cert = ca._sign_leaf(
                subject=SubjectProfile(kind=kind, common_name=name, organisation=organisation),
                public=key.public_key(),
                now=now,
                not_after=now + timedelta(days=365 * SERVICE_YEARS),
            )
            keystore.save_key(ca_dir / f"{stem}.key.pem", key, passphrase)
            keystore.save_certificate(ca_dir / f"{stem}.crt.pem", cert)
        if sm2_available():  # an SM2 root, issuing CA and seal maker beside (gm_ca.py)
            ca.gm = GmCa.create(ca_dir, passphrase, api=ca.api, organisation=organisation, now=now)
        return ca

    @staticmethod
    def _ca_certificate(
        *,
        subject: x509.Name,
        issuer: x509.Name,
        key: rsa.RSAPrivateKey,
        public: rsa.RSAPublicKey,
        now: datetime,
        years: int,
        path_length: int,
    ) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
            .add_extension(_ca_usage(), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()),
                critical=False,
            )
        )
        return builder.sign(key, hashes.SHA256())

    # --- CertificateAuthority -------------------------------------------------------

    def chain(self) -> list[x509.Certificate]:
        return [self.issuing, self.root]

    def chain_for(self, cert: x509.Certificate) -> list[x509.Certificate]:
        """The chain above ``cert``: the SM2 one for what the SM2 CA issued."""
        if self.gm is not None and cert.issuer == self.gm.issuing.subject:
            return self.gm.chain()
        return self.chain()

    def issue(
        self,
        *,
        csr: x509.CertificateSigningRequest,
        subject: SubjectProfile,
        not_after: datetime,
        now: datetime | None = None,
    ) -> x509.Certificate:
        if csr_is_sm2(csr):  # cryptography cannot read SM2 keys: the SM2 CA certifies them
            if self.gm is None:
                raise CsrRejected("this CA has no SM2 issuing CA")
            start = now or datetime.now(not_after.tzinfo)
            return self.gm.issue(
                csr_der=csr.public_bytes(serialization.Encoding.DER),
                subject=subject, not_after=not_after, now=start,
            )  # fmt: skip
        if not csr.is_signature_valid:
            raise CsrRejected("the CSR signature does not verify")
        public = csr.public_key()
        if isinstance(public, rsa.RSAPublicKey):
            if public.key_size < 2048:
                raise CsrRejected("RSA keys must have at least 2048 bits")
        elif isinstance(public, ec.EllipticCurvePublicKey):
            if public.curve.name not in ("secp256r1", "secp384r1"):
                raise CsrRejected("EC keys must be on P-256 or P-384")
        else:
            raise CsrRejected("only RSA and EC keys are certified")
        start = now or datetime.now(not_after.tzinfo)
        return self._sign_leaf(subject=subject, public=public, now=start, not_after=not_after)

    def _sign_leaf(
        self,
        *,
        subject: SubjectProfile,
        public: rsa.RSAPublicKey | ec.EllipticCurvePublicKey,
        now: datetime,
        not_after: datetime,
    ) -> x509.Certificate:
        not_after = min(not_after, self.issuing.not_valid_after_utc)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(self.issuing.subject)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            full_name=[x509.UniformResourceIdentifier(self._urls.crl)],
                            relative_name=None,
                            reasons=None,
                            crl_issuer=None,
                        )
                    ]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityInformationAccess(
                    [
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.OCSP,
                            x509.UniformResourceIdentifier(self._urls.ocsp),
                        ),
                        x509.AccessDescription(
                            AuthorityInformationAccessOID.CA_ISSUERS,
                            x509.UniformResourceIdentifier(self._urls.issuer),
                        ),
                    ]
                ),
                critical=False,
            )
        )
        if subject.kind is SubjectKind.TSA:
            builder = builder.add_extension(
                _leaf_usage(non_repudiation=True, key_encipherment=False), critical=True
            ).add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        elif subject.kind is SubjectKind.SEAL_MAKER:
            builder = builder.add_extension(
                _leaf_usage(non_repudiation=False, key_encipherment=False), critical=True
            )
        else:
            builder = builder.add_extension(
                _leaf_usage(
                    non_repudiation=True, key_encipherment=isinstance(public, rsa.RSAPublicKey)
                ),
                critical=True,
            ).add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
                ),
                critical=False,
            )
        return builder.sign(self._key, hashes.SHA256())

    def crl_der(self, revoked: Sequence[RevocationEntry], *, now: datetime) -> bytes:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.issuing.subject)
            .last_update(now)
            .next_update(now + CRL_VALIDITY)
            # Numbers from the clock stay increasing across stateless processes.
            .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
        )
        for entry in revoked:
            item = (
                x509.RevokedCertificateBuilder()
                .serial_number(entry.serial)
                .revocation_date(entry.revoked_at)
            )
            if entry.reason is not None:
                item = item.add_extension(x509.CRLReason(entry.reason), critical=False)
            builder = builder.add_revoked_certificate(item.build())
        crl = builder.sign(self._key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)

    def sm2_crl_der(self, revoked: Sequence[RevocationEntry], *, now: datetime) -> bytes | None:
        """The SM2 issuing CA's CRL; None when this CA has no SM2 side."""
        return None if self.gm is None else self.gm.crl_der(revoked, now=now)

    def ocsp_der(self, request_der: bytes, *, lookup: StatusLookup, now: datetime) -> bytes:
        """RFC 6960 answer to one OCSPRequest. Anything but exactly one well-formed request is
        ``malformedRequest``; a CertID this CA cannot have issued (another issuer, or a hash
        algorithm it cannot compute) is ``unauthorized`` (RFC 6960 2.3). A CertID of the SM2
        issuing CA gets its SM2-signed answer."""
        if self.gm is not None:
            answer = self.gm.ocsp_answer(request_der, lookup=lookup, now=now)
            if answer is not None:
                return answer
        try:
            request = ocsp.load_der_ocsp_request(request_der)
            serial = request.serial_number
            extensions = list(request.extensions)
        except (ValueError, NotImplementedError):  # undecodable, or a list of 0 or 2+ requests
            return _unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
        try:
            algorithm = request.hash_algorithm
            name_hash, key_hash = _issuer_hashes(self.issuing, algorithm)
        except (UnsupportedAlgorithm, ValueError):
            return _unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED)
        if request.issuer_name_hash != name_hash or request.issuer_key_hash != key_hash:
            return _unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED)
        try:
            return self._ocsp_answer(
                serial=serial, extensions=extensions, algorithm=algorithm,
                hashes_=(name_hash, key_hash), status=lookup(serial), now=now,
            )  # fmt: skip
        except ValueError:  # e.g. a nonce the response cannot carry
            return _unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)

    def _ocsp_answer(
        self,
        *,
        serial: int,
        extensions: list[x509.Extension[x509.ExtensionType]],
        algorithm: hashes.HashAlgorithm,
        hashes_: tuple[bytes, bytes],
        status: CertificateStatus,
        now: datetime,
    ) -> bytes:
        name_hash, key_hash = hashes_
        if not status.known:
            cert_status = ocsp.OCSPCertStatus.UNKNOWN
        elif status.revocation is not None:
            cert_status = ocsp.OCSPCertStatus.REVOKED
        else:
            cert_status = ocsp.OCSPCertStatus.GOOD
        revocation = status.revocation
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response_by_hash(
                issuer_name_hash=name_hash,
                issuer_key_hash=key_hash,
                serial_number=serial,
                algorithm=algorithm,
                cert_status=cert_status,
                this_update=now,
                next_update=now + OCSP_VALIDITY,
                revocation_time=revocation.revoked_at if revocation else None,
                revocation_reason=revocation.reason if revocation else None,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.issuing)
        )
        for extension in extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        response = builder.sign(self._key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)


def _issuer_hashes(
    issuer: x509.Certificate, algorithm: hashes.HashAlgorithm
) -> tuple[bytes, bytes]:
    name_digest = hashes.Hash(algorithm)
    name_digest.update(issuer.subject.public_bytes())
    key_der = issuer.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.PKCS1
    )
    key_digest = hashes.Hash(algorithm)
    key_digest.update(key_der)
    return name_digest.finalize(), key_digest.finalize()


def _unsuccessful(status: ocsp.OCSPResponseStatus) -> bytes:
    return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(
        serialization.Encoding.DER
    )
