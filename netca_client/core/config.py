"""Client settings: frozen dataclasses loaded from config.toml in the per-user config directory."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from netca_client.core.errors import ConfigError

CONFIG_ENV = "NETCA_CONFIG"
APP_NAME = "netca-client"


@dataclass(frozen=True)
class ClientConfig:
    """What a holder can set (设置). Unknown keys in the file are an error, not ignored."""

    ra_url: str = "https://127.0.0.1:8443"
    ra_ca_bundle: str | None = None
    pkcs11_module: str | None = None
    language: str = "zh_CN"
    reminder_days: tuple[int, ...] = field(default=(90, 30, 7))


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
    if "reminder_days" in data:
        data["reminder_days"] = tuple(int(d) for d in data["reminder_days"])
    try:
        return ClientConfig(**data)
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def save_config(config: ClientConfig, path: Path | None = None) -> Path:
    """Write the settings atomically (temporary file, then rename). Returns the path."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in fields(ClientConfig):
        value = getattr(config, f.name)
        if value is None:
            continue
        if isinstance(value, tuple):
            lines.append(f"{f.name} = [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{f.name} = {_toml_string(str(value))}")
    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half of it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
