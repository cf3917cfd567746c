"""What the key workflows share: the key's offline activation mark and fault points."""

from __future__ import annotations

import os
import signal

from netca_client.core.key_snapshot import ACTIVATION_MARK

#: test facility: ``NETCA_FAULT_INJECT=<point>`` kills this process (SIGKILL) at that point,
#: to prove the journal finishes a job cut short there (tests/e2e/test_key_workflows.py)
FAULT_ENV = "NETCA_FAULT_INJECT"


def fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


__all__ = ["ACTIVATION_MARK", "FAULT_ENV", "fault_point"]
