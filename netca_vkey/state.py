"""The state directory of the virtual USB keys, shared with the C module.

Layout (drivers/vkey/src/vkey_state.c reads `ports` and `pin-counters`):
    softhsm2.conf               SoftHSM2 configuration, tokendir = softhsm/
    softhsm/<uuid>/             SoftHSM2's token directories
    ports                       "<port> <serial> <plug-id>" per plugged key
    keys/<serial>/key.json      label, SoftHSM2 directory, creation time
    keys/<serial>/pin-counters  user/SO tries left and maximum
    softhsm.lock                flock()ed around SoftHSM2 file access and counter
                                updates, by the module and by the CLI
    .lock                       flock()ed by the CLI around every change
Files the module reads are replaced with rename(), so it never sees half a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from netca_client.core.atomic_files import write_atomically

PORTS = 8  # VKEY_PORTS in drivers/vkey/src/vkey_internal.h

SOFTHSM_CONF = """\
# written by netca-vkey: SoftHSM2 under the virtual USB keys
directories.tokendir = {root}/softhsm/
objectstore.backend = file
log.level = ERROR
slots.removable = true
slots.mechanisms = ALL
library.reset_on_fork = false
"""


def default_dir() -> Path:
    """NETCA_VKEY_DIR, else the per-user data directory (same rule as the C module)."""
    env = os.environ.get("NETCA_VKEY_DIR", "")
    return Path(env) if env else Path(platformdirs.user_data_dir("netca-vkey", appauthor=False))


@dataclass(frozen=True)
class PinCounters:
    user_tries_left: int
    user_max_tries: int
    so_tries_left: int
    so_max_tries: int


@dataclass(frozen=True)
class VirtualKey:
    label: str
    serial: str
    softhsm_dir: str
    created: str
    port: int | None
    counters: PinCounters


def _write_atomic(path: Path, text: str) -> None:
    write_atomically(path, text.encode("utf-8"))


@contextmanager
def _flock(path: Path) -> Iterator[None]:
    with open(path, "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


class StateDir:
    """One state directory; every change runs under its lock (`locked()`)."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()

    @property
    def softhsm_conf(self) -> Path:
        return self.root / "softhsm2.conf"

    @property
    def softhsm_tokens(self) -> Path:
        return self.root / "softhsm"

    def prepare(self) -> None:
        self.softhsm_tokens.mkdir(parents=True, exist_ok=True, mode=0o700)
        (self.root / "keys").mkdir(exist_ok=True, mode=0o700)
        if not self.softhsm_conf.exists():
            _write_atomic(self.softhsm_conf, SOFTHSM_CONF.format(root=self.root))

    @contextmanager
    def locked(self) -> Iterator[None]:
        self.prepare()
        with _flock(self.root / ".lock"):
            yield

    @contextmanager
    def softhsm_locked(self) -> Iterator[None]:
        """The module's lock (vkey_store_lock in vkey_state.c): SoftHSM2 rewrites token
        files in place, so nobody may read them while the CLI creates or deletes one."""
        with _flock(self.root / "softhsm.lock"):
            yield

    # --- ports ---------------------------------------------------------------

    def ports(self) -> dict[int, tuple[str, int]]:
        """port -> (serial, plug id) for every plugged key."""
        result: dict[int, tuple[str, int]] = {}
        try:
            text = (self.root / "ports").read_text(encoding="ascii")
        except FileNotFoundError:
            return result
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 3 and not line.startswith("#"):
                result[int(parts[0])] = (parts[1], int(parts[2]))
        return result

    def _write_ports(self, ports: dict[int, tuple[str, int]]) -> None:
        lines = ["# netca-vkey ports: <port> <serial> <plug-id>"]
        lines += [f"{port} {serial} {plug}" for port, (serial, plug) in sorted(ports.items())]
        _write_atomic(self.root / "ports", "\n".join(lines) + "\n")

    def plug(self, serial: str, port: int | None = None) -> int:
        """Plugs the key into `port` or the first free one; returns the port."""
        ports = self.ports()
        for used, (plugged, _) in ports.items():
            if plugged == serial:
                return used
        free = [p for p in range(1, PORTS + 1) if p not in ports]
        if port is None:
            if not free:
                raise PortsFull
            port = free[0]
        elif port not in free:
            raise PortBusy(port)
        # A fresh plug id tells the module that sessions of an earlier plug are gone.
        ports[port] = (serial, time.time_ns())
        self._write_ports(ports)
        return port

    def unplug(self, serial: str) -> int | None:
        ports = self.ports()
        for port, (plugged, _) in list(ports.items()):
            if plugged == serial:
                del ports[port]
                self._write_ports(ports)
                return port
        return None

    # --- keys ----------------------------------------------------------------

    def _key_dir(self, serial: str) -> Path:
        return self.root / "keys" / serial

    def counters(self, serial: str) -> PinCounters:
        values: dict[str, int] = {}
        text = (self._key_dir(serial) / "pin-counters").read_text(encoding="ascii")
        for line in text.splitlines():
            name, _, value = line.partition("=")
            values[name.strip()] = int(value)
        return PinCounters(**values)

    def write_counters(self, serial: str, counters: PinCounters) -> None:
        text = "".join(f"{name}={value}\n" for name, value in vars(counters).items())
        with self.softhsm_locked():
            _write_atomic(self._key_dir(serial) / "pin-counters", text)

    def add_key(self, *, serial: str, label: str, softhsm_dir: str, counters: PinCounters) -> None:
        key_dir = self._key_dir(serial)
        key_dir.mkdir(mode=0o700)
        self.write_counters(serial, counters)
        meta = {
            "label": label,
            "serial": serial,
            "softhsm_dir": softhsm_dir,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _write_atomic(key_dir / "key.json", json.dumps(meta, ensure_ascii=False, indent=1))

    def keys(self) -> list[VirtualKey]:
        port_of = {serial: port for port, (serial, _) in self.ports().items()}
        result = []
        for meta_path in sorted((self.root / "keys").glob("*/key.json")):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            serial = meta["serial"]
            result.append(
                VirtualKey(
                    label=meta["label"],
                    serial=serial,
                    softhsm_dir=meta["softhsm_dir"],
                    created=meta["created"],
                    port=port_of.get(serial),
                    counters=self.counters(serial),
                )
            )
        return result

    def find(self, label: str) -> VirtualKey:
        for key in self.keys():
            if label in (key.label, key.serial):
                return key
        raise UnknownKey(label)

    def remove_key(self, key: VirtualKey) -> None:
        self.unplug(key.serial)
        with self.softhsm_locked():
            if key.softhsm_dir:
                shutil.rmtree(self.softhsm_tokens / key.softhsm_dir, ignore_errors=True)
            shutil.rmtree(self._key_dir(key.serial))

    def softhsm_entries(self) -> set[str]:
        return {p.name for p in self.softhsm_tokens.iterdir()}


class StateError(Exception):
    """A request the state directory cannot satisfy; the message is for the user."""


class UnknownKey(StateError):
    def __init__(self, label: str) -> None:
        super().__init__(f"no virtual key labelled {label!r}")


class PortsFull(StateError):
    def __init__(self) -> None:
        super().__init__(f"all {PORTS} ports are in use: unplug a key first")


class PortBusy(StateError):
    def __init__(self, port: int) -> None:
        super().__init__(f"port {port} is in use or does not exist (ports 1-{PORTS})")
