"""Our own integrity check of a signature's CMS against the bytes a reader says it signs
(used for PDFium, which only hands out the byte range and /Contents): the messageDigest
attribute against the hash of the signed ranges, then the signer's signature over the
signed attributes with `cryptography`. A document time-stamp (ETSI.RFC3161) is a
time-stamp token: its message imprint is the hash of the signed ranges."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from asn1crypto import cms, tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def signed_bytes(data: bytes, byte_range: Sequence[int]) -> bytes:
    if len(byte_range) % 2 or not byte_range:
        raise ValueError(f"byte range {list(byte_range)}")
    return b"".join(
        data[byte_range[i] : byte_range[i] + byte_range[i + 1]]
        for i in range(0, len(byte_range), 2)
    )


def problems(contents: bytes, signed: bytes, *, timestamp: bool) -> list[str]:
    """What is wrong with one signature ([] when it verifies)."""
    try:
        info = cms.ContentInfo.load(contents)  # not strict: the zero padding after it is ignored
        signed_data = info["content"]
        [signer] = list(signed_data["signer_infos"])
        digest_name = signer["digest_algorithm"]["algorithm"].native
        if timestamp:
            content = bytes(signed_data["encap_content_info"]["content"].contents)
            tst = tsp.TSTInfo.load(content)
            imprint = tst["message_imprint"]
            algo = imprint["hash_algorithm"]["algorithm"].native
            if hashlib.new(algo, signed).digest() != imprint["hashed_message"].native:
                return ["time-stamp message imprint does not match the signed bytes"]
        else:
            content = signed
        attrs = signer["signed_attrs"]
        digest = next(a["values"][0].native for a in attrs if a["type"].native == "message_digest")
        if hashlib.new(digest_name, content).digest() != digest:
            return ["messageDigest does not match the signed bytes"]
        cert = _signer_certificate(signed_data, signer)
        data = b"\x31" + attrs.dump()[1:]  # the SET OF the signature is computed over
        _verify(cert, signer, data, digest_name)
    except InvalidSignature:
        return ["the signer's signature over the signed attributes does not verify"]
    except Exception as exc:
        return [f"cannot check the CMS: {type(exc).__name__}: {exc}"]
    return []


def _signer_certificate(signed_data: cms.SignedData, signer: cms.SignerInfo) -> x509.Certificate:
    sid = signer["sid"]
    for choice in signed_data["certificates"]:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (cert.issuer == wanted["issuer"]
                    and cert.serial_number == wanted["serial_number"].native):  # fmt: skip
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    raise ValueError("the signer's certificate is not in the CMS")


def _verify(cert: x509.Certificate, signer: cms.SignerInfo, data: bytes, digest: str) -> None:
    key = cert.public_key()
    signature = signer["signature"].native
    algorithm = signer["signature_algorithm"]
    try:
        hash_name = algorithm.hash_algo  # sha256_rsa, sha256_ecdsa …
    except ValueError:  # rsaEncryption, ecPublicKey: the signer info's digest algorithm
        hash_name = digest
    hash_cls = HASHES[hash_name]
    if isinstance(key, rsa.RSAPublicKey):
        if algorithm.signature_algo == "rsassa_pss":
            params = algorithm["parameters"]
            pad: padding.AsymmetricPadding = padding.PSS(
                mgf=padding.MGF1(
                    HASHES[params["mask_gen_algorithm"]["parameters"]["algorithm"].native]()
                ),
                salt_length=params["salt_length"].native,
            )
        else:
            pad = padding.PKCS1v15()
        key.verify(signature, data, pad, hash_cls())
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(hash_cls()))
    else:
        raise ValueError(f"unsupported key {type(key).__name__}")
