"""The demo site's process: `python -m netca_demo.relying_party.server FD` serves on the
listening socket the demo bound (so whatever answers there is this site).

NETCA_RP_CA_DIR: the demo RA's ca/ directory (root.crt.pem, issuing.crt.pem);
NETCA_RP_ORIGIN: this site's origin, e.g. http://127.0.0.1:8610.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from cryptography import x509

from netca_demo.relying_party.verify import LoginVerifier


def verifier_for(ca_dir: Path, origin: str) -> LoginVerifier:
    root = x509.load_pem_x509_certificate((ca_dir / "root.crt.pem").read_bytes())
    issuing = x509.load_pem_x509_certificate((ca_dir / "issuing.crt.pem").read_bytes())
    return LoginVerifier(origin=origin, roots=[root], intermediates=[issuing])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].isdigit():
        print("usage: python -m netca_demo.relying_party.server FD", file=sys.stderr)
        return 2
    listening = socket.socket(fileno=int(args[0]))
    import uvicorn

    from netca_demo.relying_party.app import create_app

    verifier = verifier_for(Path(os.environ["NETCA_RP_CA_DIR"]), os.environ["NETCA_RP_ORIGIN"])
    server = uvicorn.Server(uvicorn.Config(create_app(verifier), log_level="warning"))
    server.run(sockets=[listening])
    return 0


if __name__ == "__main__":
    sys.exit(main())
