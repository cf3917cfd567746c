"""Fault points: where a test may kill the client to prove the journal finishes the job.

``NETCA_FAULT_INJECT=<point>`` kills this process (SIGKILL) at that point
(tests/e2e/test_key_workflows.py, tests/gui/test_key_wizards.py).
"""

from __future__ import annotations

import os
import signal

FAULT_ENV = "NETCA_FAULT_INJECT"


def fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
