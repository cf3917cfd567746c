"""DemoWorld: a local RA (SQLite, dev mode) and vkey keys a newcomer can try every state on."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from netca_demo.tokens import TokenTool
from netca_vkey.module import module_path

REPO = Path(__file__).resolve().parents[1]
ORGANISATION = "广州示例科技有限公司"
ORG_CODE = "91440101MA59EXAM0X"  # completed with its check character in _org_code()
DEMO_SO_PIN = "Demo-SO-Pin-2026"


@dataclass(frozen=True)
class DemoKey:
    label: str
    pin: str
    description: str


KEYS = (
    DemoKey(
        "示例单位", "Demo-Pin-Org1", "organisation certificate (RSA-2048, 2 years) with its seal"
    ),
    DemoKey("张三", "Demo-Pin-Emp2", "employee certificate (EC P-256) expiring in 20 days"),
)


def _org_code() -> str:
    from netca_client.core.certs import make_uscc

    return make_uscc(ORG_CODE[:17])


def default_root() -> Path:
    return (
        Path(os.environ.get("NETCA_DEMO_DIR") or platformdirs.user_data_dir("netca-client"))
        / "demo"
    )


def _script(name: str) -> str:
    """A console script of this environment (beside the running Python)."""
    return str(Path(sys.executable).with_name(name))


def die_with_parent() -> None:
    """Linux: the RA gets SIGTERM when the demo process dies, however it dies."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoWorld:
    """Everything under one directory; `prepare` is idempotent, `reset` starts over."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()
        self.ra_dir = self.root / "ra"
        self.vkey_dir = self.root / "vkey"
        self.module = module_path()
        self.env = {**os.environ, "NETCA_VKEY_DIR": str(self.vkey_dir)}
        self.env["NETCA_RA_PUBLIC_BASE_URL"] = self.planned_url
        self.tool = TokenTool(self.module, self.env)
        self.ra_process: subprocess.Popen[bytes] | None = None
        self.ra_url = ""

    @property
    def seal_trust(self) -> list[Path]:
        """The demo RA's root and issuing CA, which certify its seal maker."""
        return [self.ra_dir / "ca" / "root.crt.pem", self.ra_dir / "ca" / "issuing.crt.pem"]

    @property
    def port(self) -> int:
        """The RA's port, chosen once: certificates carry its OCSP and CRL addresses."""
        path = self.root / "ra-port"
        if path.exists():
            return int(path.read_text().strip())
        port = 8600 if _port_is_free(8600) else free_port()
        self.root.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{port}\n")
        return port

    @property
    def planned_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- RA --------------------------------------------------------------------------

    def _ra(self, *args: str) -> str:
        done = subprocess.run(
            [_script("netca-ra"), "--data-dir", str(self.ra_dir), "--dev", *args],
            env=self.env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"netca-ra {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def prepare_ra(self) -> None:
        if (self.ra_dir / "ca" / "root.key.pem").exists():
            return
        out = self._ra("init", "--organisation", "网证通示例 CA")  # public URL from self.env
        staff = self.root / "staff-login.txt"
        for line in out.splitlines():
            if line.startswith("password"):
                staff.write_text(f"admin\n{line.split(':', 1)[1].strip()}\n", encoding="utf-8")
                staff.chmod(0o600)

    def start_ra(self, port: int | None = None) -> str:
        port = port or self.port
        self.ra_url = f"http://127.0.0.1:{port}"
        env = {**self.env, "NETCA_RA_PUBLIC_BASE_URL": self.ra_url}
        self.ra_process = subprocess.Popen(
            [_script("netca-ra"), "--data-dir", str(self.ra_dir), "--dev",
             "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            preexec_fn=die_with_parent,  # only sets the parent-death signal
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.ra_url}/api/v1/openapi.json", timeout=1):  # noqa: S310 - loopback
                    return self.ra_url
            except OSError:
                if self.ra_process.poll() is not None:
                    raise RuntimeError("the demo RA exited at start") from None
                time.sleep(0.2)
        raise RuntimeError("the demo RA did not answer within 30 s")

    def stop_ra(self) -> None:
        if self.ra_process is not None and self.ra_process.poll() is None:
            self.ra_process.terminate()
            try:
                self.ra_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.ra_process.kill()
        self.ra_process = None

    # --- keys ------------------------------------------------------------------------

    def _vkey(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "netca_vkey", *args],
            env=self.env, input=stdin, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"netca-vkey {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def create_key(self, label: str, *, pin: str, so_pin: str) -> None:
        self._vkey("create", "--label", label, "--pin-stdin", "--so-pin-stdin",
                   stdin=f"{so_pin}\n{pin}\n")  # fmt: skip

    def existing_keys(self) -> set[str]:
        return {k["label"] for k in json.loads(self._vkey("list", "--json"))}

    def prepare_keys(self) -> None:
        from netca_demo.content import fill_key

        have = self.existing_keys()
        for key in KEYS:
            if key.label in have:
                continue
            self.create_key(key.label, pin=key.pin, so_pin=DEMO_SO_PIN)
            fill_key(self, key)

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.prepare_ra()
        self.prepare_keys()

    def prepare_counter(self) -> None:
        """Keys that need the running RA: made with the client's own workflows."""
        from netca_demo.counter import prepare_counter_keys

        prepare_counter_keys(self)

    def summary(self) -> str:
        lines = [
            f"RA:            {self.ra_url or '(not running)'}",
            f"RA staff:      {self.root / 'staff-login.txt'} (user admin)",
            f"vkey dir:      {self.vkey_dir}  (export NETCA_VKEY_DIR={self.vkey_dir})",
            f"PKCS#11:       {self.module}",
            "seal trust:    " + " ".join(f"--trust {p}" for p in self.seal_trust),
            "demo keys (label / PIN / what it shows):",
        ]
        lines += [f"  {k.label:<6} {k.pin:<15} {k.description}" for k in KEYS]
        from netca_demo.counter import HANDLER, LOCKED, PENDING

        lines += [
            f"  {LOCKED.label:<6} {LOCKED.pin:<15} provisioned at the counter and activated, "
            "then locked after 10 wrong PINs (忘记密码)",
            f"  {PENDING.label:<6} {'(none yet)':<15} provisioned at the counter, awaiting "
            "activation (激活证书)",
            f"handler:       {HANDLER.name} / {HANDLER.id_number} / {HANDLER.mobile} "
            "(for 激活证书 and 忘记密码)",
            f"SMS codes:     {self.ra_url or self.planned_url}/console/sms (RA staff login)",
        ]
        lines.append("plug/unplug: netca-vkey plug LABEL / netca-vkey unplug LABEL")
        return "\n".join(lines)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
