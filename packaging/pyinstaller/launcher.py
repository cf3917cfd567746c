"""The bundle's one entry point: the name it was started by picks the program.

`netca` runs the command line, `netca-vkey` the virtual key tool, anything else (the
`netca-client` executable, the desktop entry, the Start menu) the desktop client. On Linux
`netca` and `netca-vkey` are symbolic links to `netca-client`, so the three share one
executable and one archive of Python modules.
"""

from __future__ import annotations

import os
import sys


def program_name(argv0: str) -> str:
    """``netca``, ``netca-vkey`` or ``netca-client`` for the path the process was started by."""
    name = os.path.basename(argv0).lower()
    if name.endswith(".exe"):
        name = name[: -len(".exe")]
    return name if name in ("netca", "netca-vkey") else "netca-client"


def run() -> int | None:
    name = program_name(sys.argv[0])
    if name == "netca":
        from netca_client.cli.main import main as cli_main

        return cli_main()  # type: ignore[func-returns-value]
    if name == "netca-vkey":
        from netca_vkey.cli import main as vkey_main

        vkey_main()
        return 0
    from netca_client.gui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(run())
