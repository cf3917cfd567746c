"""Virtual USB keys for tests: created, plugged and unplugged with `netca-vkey`, filled by
OpenSC's pkcs11-tool through the vkey module (the same PKCS#11 path the client uses)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from netca_vkey.module import module_path
from tests.support.softhsm import SoftHsm

REPO = Path(__file__).resolve().parents[2]


@dataclass
class VkeyWorld(SoftHsm):
    """A vkey state directory; pkcs11-tool and the client both go through libnetca-vkey."""

    @property
    def state_dir(self) -> Path:
        return self.root / "vkey"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NETCA_VKEY_DIR": str(self.state_dir),
            "NETCA_PKCS11_MODULE": self.module,
        }

    @classmethod
    def create(cls, root: Path) -> VkeyWorld:
        root.mkdir(parents=True, exist_ok=True)
        return cls(root, module_path())

    def vkey(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "netca_vkey", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"netca-vkey {' '.join(args)}: {done.stderr}")
        return done.stdout

    def init_token(
        self, label: str, *, pin: str, so_pin: str, max_tries: int = 10, plug: bool = True
    ) -> str:
        self.vkey(
            "create", "--label", label, "--max-tries", str(max_tries),
            "--pin-stdin", "--so-pin-stdin", *([] if plug else ["--no-plug"]),
            stdin=f"{so_pin}\n{pin}\n",
        )  # fmt: skip
        import json

        for key in json.loads(self.vkey("list", "--json")):
            if key["label"] == label:
                return str(key["serial"])
        raise RuntimeError(f"vkey {label} not listed after create")

    def plug(self, label: str) -> None:
        self.vkey("plug", label)

    def unplug(self, label: str) -> None:
        self.vkey("unplug", label)
