"""Runtime hook of the bundle: runs before the program, inside the frozen process.

The development tree finds the virtual key module by building it (netca_vkey.module); the
bundle ships it built, so the tool is pointed at that file unless the user named another.
Nothing else is changed: the client loads the virtual key module only when told to
(``--module``, ``NETCA_PKCS11_MODULE`` or ``pkcs11_module`` in the settings).
"""

import os
import sys

_vkey = os.path.join(getattr(sys, "_MEIPASS", ""), "vkey", "libnetca-vkey.so")
if os.path.isfile(_vkey):
    os.environ.setdefault("NETCA_VKEY_MODULE", _vkey)
