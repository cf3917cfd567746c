"""Sign a release manifest for the client's update check (netca_client/core/updates.py).

    python packaging/release/sign_manifest.py keygen            # prints a new private key (PEM)
    python packaging/release/sign_manifest.py public KEY.pem    # its public key, base64, for
                                                                 # update_public_key
    python packaging/release/sign_manifest.py sign MANIFEST.json -o releases.json
        # the private key from NETCA_UPDATE_SIGNING_KEY (PEM), else --key FILE

Keep the private key off the build machines that anyone else can reach; CI reads it from a
secret. The signature is Ed25519 over the exact bytes of MANIFEST.json.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_ENV = "NETCA_UPDATE_SIGNING_KEY"


def envelope(payload: bytes, key: Ed25519PrivateKey) -> bytes:
    """The signed envelope the client fetches: payload and signature, both base64."""
    signature = key.sign(payload)
    return json.dumps(
        {
            "payload": base64.b64encode(payload).decode("ascii"),
            "signature": base64.b64encode(signature).decode("ascii"),
        },
        indent=1,
    ).encode("utf-8")


def public_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _load(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SystemExit("the signing key is not an Ed25519 key")
    return key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("keygen")
    public = sub.add_parser("public")
    public.add_argument("key", type=Path)
    sign = sub.add_parser("sign")
    sign.add_argument("manifest", type=Path)
    sign.add_argument("-o", "--output", type=Path, required=True)
    sign.add_argument("--key", type=Path)
    args = parser.parse_args(argv)
    if args.command == "keygen":
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        sys.stdout.write(pem.decode("ascii"))
        return 0
    if args.command == "public":
        print(public_key_text(_load(args.key.read_bytes())))
        return 0
    pem = os.environ.get(KEY_ENV, "").encode() or (args.key.read_bytes() if args.key else b"")
    if not pem:
        raise SystemExit(f"no signing key: set {KEY_ENV} or pass --key")
    payload = args.manifest.read_bytes()
    json.loads(payload)  # a manifest that is not JSON is not signed
    args.output.write_bytes(envelope(payload, _load(pem)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
