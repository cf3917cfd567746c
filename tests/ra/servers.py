"""Real servers for the RA tests: a throwaway PostgreSQL cluster and `netca-ra serve` processes.

Also used by tests/bench/bench_ra_load.py, so it imports nothing from pytest.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from netca_demo.world import die_with_parent

VENV_BIN = Path(sys.executable).parent
NETCA_RA = str(VENV_BIN / "netca-ra")
STAFF_PASSWORD = "Correct-Horse-9!"
#: Limits that count every client together or per client address: every test talks to the
#: RA from 127.0.0.1, so a shared test server raises them out of the way. Per-key and
#: per-user limits keep their defaults; tests/ra/test_limits.py runs servers with the
#: defaults (and lower values) to check each limit.
RELAXED_LIMITS = {
    "NETCA_RA_ORDERS_PER_CLIENT_PER_HOUR": "100000",
    "NETCA_RA_ORDERS_PER_HOUR": "100000",
    "NETCA_RA_SMS_PER_CLIENT_PER_HOUR": "100000",
    "NETCA_RA_SMS_PER_HOUR": "100000",
    "NETCA_RA_KEY_REQUESTS_PER_CLIENT_PER_HOUR": "100000",
    "NETCA_RA_MATERIAL_BYTES_PER_CLIENT_PER_HOUR": str(10**12),
    "NETCA_RA_MATERIAL_BYTES_PER_HOUR": str(10**12),
    "NETCA_RA_FAILED_LOGINS_PER_CLIENT": "100000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@dataclass
class PostgresCluster:
    """initdb + pg_ctl in a temp dir on a free port; run as the postgres user when we are root."""

    bin_dir: Path
    durable: bool = False  # tests trade durability for speed; the benchmark keeps fsync on
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="netca-pg-")))
    port: int = field(default_factory=free_port)

    def _as_owner(self, *args: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def start(self) -> None:
        data = self.root / "data"
        os.chmod(self.root, 0o700)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        subprocess.run(
            self._as_owner(
                str(self.bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--locale=C.UTF-8",
            ),
            check=True, capture_output=True,
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            self._as_owner(
                str(self.bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                "-l", str(self.root / "log"), "-w", "start",
            ),
            check=True, capture_output=True,
        )  # fmt: skip

    def create_database(self, name: str) -> str:
        subprocess.run(
            self._as_owner(
                str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                "-U", "postgres", name,
            ),
            check=True, capture_output=True,
        )  # fmt: skip
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            self._as_owner(
                str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "stop"
            ),
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class RaServer:
    """One initialised data directory and a `netca-ra serve` process on a free port."""

    database_url: str
    data_dir: Path
    port: int = field(default_factory=free_port)
    admin_password: str = ""
    process: subprocess.Popen[bytes] | None = None
    #: when set, the server's output goes to this file, with uvicorn's access lines (info)
    log_path: Path | None = None
    #: NETCA_RA_* settings for this server on top of RELAXED_LIMITS (None: the RA's defaults)
    limits: dict[str, str] | None = field(default_factory=lambda: dict(RELAXED_LIMITS))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return self.base_url + "/api/v1"

    @property
    def backend(self) -> str:
        return "postgresql" if self.database_url.startswith("postgresql") else "sqlite"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            NETCA_RA_DATA_DIR=str(self.data_dir),
            NETCA_RA_DEV_MODE="1",
            NETCA_RA_DATABASE_URL=self.database_url,
            NETCA_RA_PUBLIC_BASE_URL=self.base_url,
        )
        env.update(self.limits or {})
        return env

    def ra(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [NETCA_RA, *args], env=self.env(), input=stdin, capture_output=True, text=True,
            check=True, timeout=120,
        )  # fmt: skip
        return result.stdout

    def initialise(self) -> None:
        out = self.ra("init")
        self.admin_password = out.split("password (shown once, change it): ")[1].split()[0]
        for username, name, role in (
            ("reviewer1", "李审核", "reviewer"),
            ("counter1", "王柜员", "counter"),
        ):
            self.ra("staff", "add", username, "--name", name, "--role", role, "--password-stdin",
                    stdin=STAFF_PASSWORD + "\n")  # fmt: skip

    def start(self, *, workers: int = 1) -> None:
        env = self.env()
        output = None
        if self.log_path is not None:
            env["NETCA_RA_LOG_LEVEL"] = "info"
            output = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [NETCA_RA, "serve", "--port", str(self.port), "--workers", str(workers)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            preexec_fn=die_with_parent,  # a crashed pytest must not leave servers behind
        )
        if output is not None:
            output.close()  # the child has its own copy
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"netca-ra serve exited with {self.process.returncode}")
            try:
                if requests.get(self.api + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise RuntimeError("netca-ra serve did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
