"""DemoWorld: a local RA (SQLite, dev mode) and vkey keys a newcomer can try every state on."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
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
SAMPLE = Path(__file__).resolve().parent / "samples" / "投标函.pdf"
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


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read, private from the moment it exists (0600 at
    creation, not chmod after the secret is in it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # it existed with other bits: private before anything is in it
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def die_with_parent() -> None:
    """Linux: the RA gets SIGTERM when the demo process dies, however it dies."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


DEMO_PORT = 8600
RP_PORT = 8610
PROFILE_NAME = "client.toml"


class DemoError(RuntimeError):
    """The demo cannot go on; the message says why and what to do (cli words it)."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"{code}: {fields}")


def _listening(port: int) -> socket.socket | None:
    """A socket listening on 127.0.0.1:port, or None when another process holds the port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":  # a port in TIME_WAIT after the last demo is free to take
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
        sock.listen(128)
    except OSError:
        sock.close()
        return None
    sock.set_inheritable(True)
    return sock


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
        self.tool = TokenTool(self.module, self.env)
        self.ra_process: subprocess.Popen[bytes] | None = None
        self.ra_url = ""
        self._listening: socket.socket | None = None
        self.rp_process: subprocess.Popen[bytes] | None = None
        #: the demo web site (relying party) for web login, once started
        self.rp_url = ""

    @property
    def journal_dir(self) -> Path:
        """The client's journal in this world (NETCA_JOURNAL_DIR): the demo's unfinished seal
        applications are there, and the demo's jobs stay out of the user's own journal."""
        return self.root / "journal"

    @property
    def seal_trust(self) -> list[Path]:
        """The demo RA's root and issuing CA, which certify its seal maker, signers and TSA,
        and its SM2 root and issuing CA (the SM2 seal maker and signers) where it has them."""
        ca = self.ra_dir / "ca"
        sm2 = [ca / "sm2-root.crt.pem", ca / "sm2-issuing.crt.pem"]
        return [ca / "root.crt.pem", ca / "issuing.crt.pem", *(p for p in sm2 if p.exists())]

    @property
    def profile_path(self) -> Path:
        """The client profile of this world (NETCA_CONFIG points the GUI and CLI at it)."""
        return self.root / PROFILE_NAME

    @property
    def staff_login_path(self) -> Path:
        return self.root / "staff-login.txt"

    def prepared(self) -> bool:
        """Whether the RA and the first keys exist already (a later run is quick)."""
        return (self.ra_dir / "ca" / "root.key.pem").exists() and self.vkey_dir.exists()

    # --- the RA's port -----------------------------------------------------------------

    def _recorded_port(self) -> int | None:
        path = self.root / "ra-port"
        return int(path.read_text().strip()) if path.exists() else None

    def _record_port(self, port: int) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "ra-port").write_text(f"{port}\n")
        self.env["NETCA_RA_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"

    @property
    def port(self) -> int:
        """The RA's port, chosen once: certificates carry its OCSP and CRL addresses."""
        recorded = self._recorded_port()
        if recorded is None:
            probe = _listening(DEMO_PORT)
            recorded = DEMO_PORT if probe is not None else free_port()
            if probe is not None:
                probe.close()
            self._record_port(recorded)
        return recorded

    @property
    def planned_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def claim_port(self, wanted: int | None = None) -> int:
        """Bind the RA's port now and keep it until the RA serves on it, so that whatever
        answers there is this demo's own RA. A new world takes ``wanted``, else 8600 when
        free, else any free port; a world made before keeps its port (its certificates
        name it) and stops with DemoError when another process holds it."""
        recorded = self._recorded_port()
        if recorded is not None:
            if wanted is not None and wanted != recorded:
                raise DemoError("port-fixed", port=recorded, wanted=wanted)
            sock = _listening(recorded)
            if sock is None:
                raise DemoError("port-taken", port=recorded, root=self.root)
        elif wanted is not None:
            sock = _listening(wanted)
            if sock is None:
                raise DemoError("port-taken-new", port=wanted)
        else:
            sock = _listening(DEMO_PORT) or _listening(0)
            if sock is None:
                raise DemoError("no-port")
        port = int(sock.getsockname()[1])
        if recorded is None:
            self._record_port(port)
        self.env["NETCA_RA_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
        self._listening = sock
        return port

    # --- RA --------------------------------------------------------------------------

    def _ra(self, *args: str) -> str:
        done = subprocess.run(
            [_script("netca-ra"), "--data-dir", str(self.ra_dir), "--dev", *args],
            env={**self.env, "NETCA_RA_PUBLIC_BASE_URL": self.planned_url},
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"netca-ra {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def prepare_ra(self) -> None:
        if (self.ra_dir / "ca" / "root.key.pem").exists():
            return
        out = self._ra("init", "--organisation", "网证通示例 CA")  # public URL from self.env
        for line in out.splitlines():
            if line.startswith("password"):
                password = line.split(":", 1)[1].strip()
                write_private(self.staff_login_path, f"admin\n{password}\n")

    def start_ra(self) -> str:
        """Serve the RA on the port claim_port bound (claimed here if it was not yet)."""
        if self._listening is None:
            self.claim_port()
        assert self._listening is not None
        port = int(self._listening.getsockname()[1])
        self.ra_url = f"http://127.0.0.1:{port}"
        env = {
            **self.env,
            "NETCA_RA_DATA_DIR": str(self.ra_dir.absolute()),
            "NETCA_RA_DEV_MODE": "1",
            "NETCA_RA_PUBLIC_BASE_URL": self.ra_url,
        }
        fd = self._listening.fileno()
        self.ra_process = subprocess.Popen(
            [sys.executable, "-m", "netca_demo.ra_server", str(fd)],
            env=env,
            pass_fds=(fd,),
            preexec_fn=die_with_parent,  # only sets the parent-death signal
        )  # fmt: skip
        # The RA process holds the socket now; connections wait in its queue meanwhile.
        self._listening.close()
        self._listening = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.ra_url}/api/v1/openapi.json", timeout=5):  # noqa: S310 - loopback
                    return self.ra_url
            except OSError:
                if self.ra_process.poll() is not None:
                    raise DemoError("ra-exited", code=self.ra_process.returncode) from None
                time.sleep(0.2)
        raise DemoError("ra-silent")

    def stop_ra(self) -> None:
        if self._listening is not None:
            self._listening.close()
            self._listening = None
        if self.ra_process is not None and self.ra_process.poll() is None:
            self.ra_process.terminate()
            try:
                self.ra_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.ra_process.kill()
        self.ra_process = None

    # --- the demo web site ---------------------------------------------------------------

    def start_relying_party(self) -> str:
        """Serve the demo web site (web login with the key) on 127.0.0.1: 8610 when free,
        else any port; the demo binds the socket and hands it over, as for the RA."""
        sock = _listening(RP_PORT) or _listening(0)
        if sock is None:
            raise DemoError("no-port")
        port = int(sock.getsockname()[1])
        url = f"http://127.0.0.1:{port}"
        env = {
            **self.env,
            "NETCA_RP_CA_DIR": str((self.ra_dir / "ca").absolute()),
            "NETCA_RP_ORIGIN": url,
        }
        fd = sock.fileno()
        try:
            self.rp_process = subprocess.Popen(
                [sys.executable, "-m", "netca_demo.relying_party.server", str(fd)],
                env=env, pass_fds=(fd,), preexec_fn=die_with_parent,
            )  # fmt: skip
        finally:
            sock.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/netca.js", timeout=5):  # noqa: S310 - loopback
                    self.rp_url = url + "/"
                    return self.rp_url
            except OSError:
                if self.rp_process.poll() is not None:
                    raise DemoError("rp-exited", code=self.rp_process.returncode) from None
                time.sleep(0.2)
        raise DemoError("rp-silent")

    def stop_relying_party(self) -> None:
        process, self.rp_process = self.rp_process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    # --- the client profile ------------------------------------------------------------

    def write_profile(self) -> Path:
        """The settings the GUI and the CLI use in this world: its RA and TSA, its CA roots,
        the vkey module and directory. `netca demo env` prints the line that selects it."""
        from netca_client.core.config import TSA_PATH, ClientConfig, load_config, save_config
        from netca_client.core.errors import ConfigError

        try:  # the holder's own language choice carries over into the demo
            language = load_config().language
        except ConfigError:
            language = ClientConfig().language
        url = self.ra_url or self.planned_url
        profile = ClientConfig(
            language=language,
            ra_url=url,
            tsa_url=url + TSA_PATH,
            trust_files=tuple(str(p) for p in self.seal_trust),
            pkcs11_module=self.module,
            vkey_dir=str(self.vkey_dir),
            # the demo web site is http://127.0.0.1:…: pages from loopback http may ask
            web_allow_http_loopback=True,
        )
        return save_config(profile, self.profile_path)

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
        from netca_demo.gm_demo import prepare_dual_key

        prepare_dual_key(self)  # 国密: RSA + SM2 certificates, an SM2 seal

    @property
    def sample_pdf(self) -> Path:
        """A tender letter to stamp (the README's `netca sign` example)."""
        return self.root / SAMPLE.name

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.prepare_ra()
        self.prepare_keys()
        if not self.sample_pdf.exists():
            shutil.copyfile(SAMPLE, self.sample_pdf)

    def prepare_counter(self) -> None:
        """Keys that need the running RA: made with the client's own workflows."""
        from netca_demo.counter import prepare_counter_keys

        prepare_counter_keys(self)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
