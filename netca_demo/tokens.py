"""Provision demo keys through the vkey module with OpenSC's pkcs11-tool.

Key pairs are generated on the key and the CSR is signed by the key, as at an
acceptance point. The client's own provisioning workflow (issue 8) will replace
pkcs11-tool here.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import csr as asn1_csr
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509


class ProvisioningError(RuntimeError):
    """pkcs11-tool refused or failed."""


@dataclass(frozen=True)
class TokenTool:
    """pkcs11-tool bound to one module and one environment (NETCA_VKEY_DIR)."""

    module: str
    env: dict[str, str]

    def run(self, label: str, *args: str, pin: str | None = None) -> str:
        command = ["pkcs11-tool", "--module", self.module, "--token-label", label]
        if pin is not None:
            # pkcs11-tool takes the PIN on argv: acceptable for throw-away demo keys only.
            command += ["--login", "--pin", pin]
        done = subprocess.run(
            [*command, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            raise ProvisioningError(f"pkcs11-tool {' '.join(args[:2])}: {done.stderr.strip()}")
        return done.stdout

    def generate(self, label: str, *, pin: str, key_type: str, key_id: str) -> bytes:
        """Generate a key pair on the key; return the public key (DER SubjectPublicKeyInfo)."""
        self.run(label, "--keypairgen", "--key-type", key_type, "--id", key_id,
                 "--label", f"key-{key_id}", pin=pin)  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pub.der"
            self.run(label, "--read-object", "--type", "pubkey", "--id", key_id, "-o", str(out))
            return out.read_bytes()

    def sign(self, label: str, data: bytes, *, pin: str, key_id: str, ec: bool) -> bytes:
        """Sign with the key's private key: SHA-256 with RSA PKCS#1 v1.5, or ECDSA (DER)."""
        with tempfile.TemporaryDirectory() as tmp:
            source, target = Path(tmp) / "in.bin", Path(tmp) / "sig.bin"
            if ec:
                # SoftHSM2 has no hashed ECDSA (docs/dependencies.md): hash here, sign raw.
                source.write_bytes(hashlib.sha256(data).digest())
                mechanism = ["--mechanism", "ECDSA", "--signature-format", "openssl"]
            else:
                source.write_bytes(data)
                mechanism = ["--mechanism", "SHA256-RSA-PKCS"]
            self.run(
                label,
                "--sign",
                *mechanism,
                "--id",
                key_id,
                "-i",
                str(source),
                "-o",
                str(target),
                pin=pin,
            )
            return target.read_bytes()

    def write_certificate(
        self, label: str, cert: x509.Certificate, *, pin: str, key_id: str
    ) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        self._write(label, cert.public_bytes(Encoding.DER), "--type", "cert", "--id", key_id,
                    "--label", f"cert-{key_id}", pin=pin)  # fmt: skip

    def write_data(self, label: str, data: bytes, *, pin: str, name: str, application: str) -> None:
        self._write(label, data, "--type", "data", "--label", name,
                    "--application-label", application, pin=pin)  # fmt: skip

    def _write(self, label: str, data: bytes, *args: str, pin: str) -> None:
        fd, name = tempfile.mkstemp()
        try:
            os.write(fd, data)
            os.close(fd)
            self.run(label, "--write-object", name, *args, pin=pin)
        finally:
            os.unlink(name)


def build_csr(
    tool: TokenTool, label: str, *, pin: str, key_id: str, public_der: bytes, subject: str
) -> x509.CertificateSigningRequest:
    """A PKCS#10 request for the key's public key, signed on the key."""
    public = asn1_keys.PublicKeyInfo.load(public_der)
    ec = public.algorithm == "ec"
    info = asn1_csr.CertificationRequestInfo(
        {
            "version": "v1",
            "subject": asn1_x509.Name.build({"common_name": subject}),
            "subject_pk_info": public,
            "attributes": [],
        }
    )
    signature = tool.sign(label, info.dump(), pin=pin, key_id=key_id, ec=ec)
    request = asn1_csr.CertificationRequest(
        {
            "certification_request_info": info,
            "signature_algorithm": {"algorithm": "sha256_ecdsa" if ec else "sha256_rsa"},
            "signature": signature,
        }
    )
    return x509.load_der_x509_csr(request.dump())
