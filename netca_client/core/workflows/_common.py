"""What the key workflows share: the key's offline activation mark and fault points."""

from __future__ import annotations

import os
import signal

#: a public data object the client writes at provisioning and removes at activation, so a
#: key awaiting activation is recognised without asking the RA (CKA_APPLICATION, CKA_LABEL)
ACTIVATION_MARK = ("netca-client", "awaiting-activation")

#: test facility: ``NETCA_FAULT_INJECT=<point>`` kills this process (SIGKILL) at that point,
#: to prove the journal finishes a job cut short there (tests/e2e/test_key_workflows.py)
FAULT_ENV = "NETCA_FAULT_INJECT"


def fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
