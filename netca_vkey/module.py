"""Where the vkey PKCS#11 module is: NETCA_VKEY_MODULE, else the one `make` builds in the tree."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MODULE_ENV = "NETCA_VKEY_MODULE"
_SOURCE = Path(__file__).resolve().parents[1] / "drivers" / "vkey"


def module_path() -> str:
    """The module's path; builds it with make when the tree has not yet."""
    wanted = os.environ.get(MODULE_ENV)
    if wanted:
        if not Path(wanted).is_file():
            raise FileNotFoundError(f"{MODULE_ENV}={wanted} does not exist")
        return wanted
    subprocess.run(["make", "-s", "-C", str(_SOURCE)], check=True)
    return str(_SOURCE / "build" / "libnetca-vkey.so")
