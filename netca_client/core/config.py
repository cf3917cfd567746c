"""Client settings: frozen dataclasses loaded from config.toml in the per-user config directory."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from netca_client.core.errors import ConfigError

CONFIG_ENV = "NETCA_CONFIG"
VKEY_DIR_ENV = "NETCA_VKEY_DIR"
APP_NAME = "netca-client"
TSA_PATH = "/api/v1/ca/tsa"


@dataclass(frozen=True)
class ClientConfig:
    """What a holder can set (设置). Unknown keys in the file are an error, not ignored.

    A config file is also a *profile*: the demo writes one for its world (its RA, TSA,
    trusted roots, module and virtual keys), and NETCA_CONFIG points the GUI and the CLI
    at it.
    """

    ra_url: str = "https://127.0.0.1:8443"
    ra_ca_bundle: str | None = None
    #: a PKCS#11 module loaded besides those the driver registry finds
    pkcs11_module: str | None = None
    language: str = "zh_CN"
    reminder_days: tuple[int, ...] = field(default=(90, 30, 7))
    #: time-stamp authority for B-T and B-LT signatures; None: the RA's own
    tsa_url: str | None = None
    #: PEM files of more trusted roots (seal makers, PDF signers, time stamps)
    trust_files: tuple[str, ...] = ()
    #: state directory of the virtual USB keys (development and the demo)
    vkey_dir: str | None = None
    #: signed release manifest (https) and the base64 Ed25519 key that signs it
    #: (core/updates.py); unset, a release bundle uses the source it carries and a source
    #: tree checks nothing
    update_url: str | None = None
    update_public_key: str | None = None
    #: the loopback service web pages log in through (docs/web-bridge.md): on/off, its port
    #: (the documented 24790 tries a short fallback range after it), and whether pages served
    #: over http from localhost/127.0.0.1 may use it (development and the demo only)
    web_bridge: bool = True
    web_bridge_port: int = 24790
    web_allow_http_loopback: bool = False

    @property
    def time_stamp_url(self) -> str:
        """The TSA to use: ``tsa_url``, else the RA's."""
        return self.tsa_url or self.ra_url.rstrip("/") + TSA_PATH


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_config(path: Path | None = None) -> ClientConfig:
    """The settings in ``path`` (default: config_path()); defaults when the file is absent."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ClientConfig()
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    known = {f.name for f in fields(ClientConfig)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown settings {sorted(unknown)}")
    try:
        if "reminder_days" in data:
            data["reminder_days"] = tuple(int(d) for d in data["reminder_days"])
        if "trust_files" in data:
            data["trust_files"] = tuple(_relative_to(path, str(p)) for p in data["trust_files"])
        for name in ("web_bridge", "web_allow_http_loopback"):
            if name in data and not isinstance(data[name], bool):
                raise ValueError(f"{name} must be true or false")
        if "web_bridge_port" in data and not (
            isinstance(data["web_bridge_port"], int) and 0 <= data["web_bridge_port"] < 65536
        ):
            raise ValueError("web_bridge_port must be a port number")
        for name in ("pkcs11_module", "vkey_dir", "ra_ca_bundle"):
            if isinstance(data.get(name), str):
                data[name] = _relative_to(path, data[name])
        return ClientConfig(**data)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _relative_to(config: Path, value: str) -> str:
    """A relative path in a config file is relative to the file's directory."""
    candidate = Path(value).expanduser()
    return str(candidate if candidate.is_absolute() else config.parent / candidate)


def apply_environment(config: ClientConfig) -> None:
    """Hand the profile's vkey directory to the vkey module, which reads NETCA_VKEY_DIR in
    C_Initialize; a variable already set wins. Call before loading the key modules."""
    if config.vkey_dir and not os.environ.get(VKEY_DIR_ENV):
        os.environ[VKEY_DIR_ENV] = config.vkey_dir


def save_config(config: ClientConfig, path: Path | None = None) -> Path:
    """Write the settings atomically (core.atomic_files). Returns the path."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in fields(ClientConfig):
        value = getattr(config, f.name)
        if value is None:
            continue
        if isinstance(value, bool):
            lines.append(f"{f.name} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{f.name} = {value}")
        elif isinstance(value, tuple):
            items = (_toml_string(v) if isinstance(v, str) else str(v) for v in value)
            lines.append(f"{f.name} = [{', '.join(items)}]")
        else:
            lines.append(f"{f.name} = {_toml_string(str(value))}")
    from netca_client.core.atomic_files import write_atomically  # on saving only

    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
