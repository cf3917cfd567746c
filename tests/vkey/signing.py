"""Signing through vkey with python-pkcs11 and pyhanko, run in a child process
by test_signing.py (python-pkcs11 keeps one initialised module per process).

    python -c "from tests.vkey.signing import main; main()" MODULE rsa|ec OUTDIR
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from io import BytesIO
from pathlib import Path

import pkcs11
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, KeyType, Mechanism
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

PIN = "12345678"


def minimal_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def certificate_for(
    public_der: bytes, ca_key: ec.EllipticCurvePrivateKey
) -> tuple[x509.Certificate, x509.Certificate]:
    now = dt.datetime.now(dt.UTC)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vkey test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vkey signer")]))
        .issuer_name(ca_name)
        .public_key(serialization.load_der_public_key(public_der))
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return ca, leaf


def generate(session: pkcs11.Session, kind: str) -> bytes:
    """A key pair on the token; returns the public key as SubjectPublicKeyInfo DER."""
    if kind == "rsa":
        pub, _ = session.generate_keypair(KeyType.RSA, 2048, id=b"\x01", label="signer", store=True)
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(pub[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(pub[Attribute.MODULUS], "big"),
        )
        return numbers.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    params = session.create_domain_parameters(
        KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True
    )
    pub, _ = params.generate_keypair(id=b"\x01", label="signer", store=True)
    return encode_ec_public_key(pub)


def sign_raw(session: pkcs11.Session, kind: str, public_der: bytes) -> None:
    """python-pkcs11 signs; cryptography checks the signature with the public key."""
    data = b"netca vkey python-pkcs11 test"
    key = session.get_key(object_class=pkcs11.ObjectClass.PRIVATE_KEY, label="signer")
    public = serialization.load_der_public_key(public_der)
    if kind == "rsa":
        assert isinstance(public, rsa.RSAPublicKey)
        signature = key.sign(data, mechanism=Mechanism.SHA256_RSA_PKCS)
        public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    else:
        assert isinstance(public, ec.EllipticCurvePublicKey)
        digest = hashlib.sha256(data).digest()
        raw = key.sign(digest, mechanism=Mechanism.ECDSA)  # SoftHSM2 has no hashed ECDSA
        r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
        der = utils.encode_dss_signature(r, s)
        public.verify(der, digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))


def sign_pdf(session: pkcs11.Session, kind: str, public_der: bytes, out: Path) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.pkcs11 import PKCS11Signer
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ca, leaf = certificate_for(public_der, ec.generate_private_key(ec.SECP256R1()))
    ca_asn1 = asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))
    leaf_asn1 = asn1_x509.Certificate.load(leaf.public_bytes(serialization.Encoding.DER))
    signer = PKCS11Signer(
        session,
        key_label="signer",
        signing_cert=leaf_asn1,
        ca_chain=[ca_asn1],
        use_raw_mechanism=kind == "ec",
    )
    writer = IncrementalPdfFileWriter(BytesIO(minimal_pdf()))
    meta = signers.PdfSignatureMetadata(field_name="Signature1")
    signed = signers.sign_pdf(writer, meta, signer=signer)
    out.write_bytes(signed.getvalue())

    reader = PdfFileReader(BytesIO(out.read_bytes()))
    [embedded] = reader.embedded_signatures
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[ca_asn1]))
    assert status.intact, status.pretty_print_details()
    assert status.valid, status.pretty_print_details()
    assert status.trusted, status.pretty_print_details()


def main() -> None:
    module, kind, outdir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    lib = pkcs11.lib(module)
    token = lib.get_token(token_label="alice")
    with token.open(rw=True, user_pin=PIN) as session:
        public_der = generate(session, kind)
        sign_raw(session, kind, public_der)
        sign_pdf(session, kind, public_der, outdir / f"signed-{kind}.pdf")
    print("signed", kind)
