"""The demo's RA process: serves the RA on the listening socket the demo bound and handed over.

`python -m netca_demo.ra_server FD`, settings from NETCA_RA_* (data directory, dev mode,
public URL). The demo binds the port itself, so whatever answers there is this process:
a demo never talks to another RA that happens to hold the port.
"""

from __future__ import annotations

import os
import socket
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].isdigit():
        print("usage: python -m netca_demo.ra_server FD", file=sys.stderr)
        return 2
    os.umask(0o077)  # everything the RA writes is for its own user only (as netca-ra does)
    listening = socket.socket(fileno=int(args[0]))
    import uvicorn

    from netca_ra.app import create_app
    from netca_ra.settings import RaSettings

    app = create_app(RaSettings())
    level = os.environ.get("NETCA_RA_LOG_LEVEL", "warning")
    server = uvicorn.Server(uvicorn.Config(app, log_level=level, proxy_headers=True))
    server.run(sockets=[listening])
    return 0


if __name__ == "__main__":
    sys.exit(main())
