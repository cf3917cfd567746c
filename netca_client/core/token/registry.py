"""The driver registry (drivers/models.toml) and PKCS#11 module discovery."""

from __future__ import annotations

import os
import sys
import sysconfig
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netca_client.core.errors import ConfigError
from netca_client.core.token.mechanisms import MechanismProfile, profile_from_table

MODULE_ENV = "NETCA_PKCS11_MODULE"
REGISTRY_ENV = "NETCA_DRIVER_REGISTRY"
VENDOR_RETRY_COUNT = "vendor_retry_count"

_REPO_ROOT = Path(__file__).resolve().parents[3]


def current_os() -> str:
    """The registry's name for this platform: linux, windows or macos."""
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


@dataclass(frozen=True)
class KeyModel:
    """One [[model]] entry of drivers/models.toml."""

    id: str
    vendor: str
    model: str
    usb_ids: tuple[str, ...]
    modules: Mapping[str, tuple[str, ...]]
    max_pin_tries: int
    capabilities: tuple[str, ...]
    manufacturer_ids: tuple[str, ...]
    verified: bool
    source: str
    retry_count_function: str | None = None
    #: the id of its [[mechanism_profile]] (SM2 mechanisms), None when none is known
    mechanism_profile: str | None = None

    def module_names(self, os_name: str | None = None) -> tuple[str, ...]:
        return self.modules.get(os_name or current_os(), ())

    def has(self, capability: str) -> bool:
        return capability in self.capabilities


@dataclass(frozen=True)
class ModuleCandidate:
    """A module file found on this machine and the model it belongs to (None: override)."""

    path: str
    model: KeyModel | None
    origin: str  # "argument" (--module), "environment", "config" or "registry"


def default_registry_path() -> Path:
    override = os.environ.get(REGISTRY_ENV)
    if override:
        return Path(override)
    for candidate in (
        _REPO_ROOT / "drivers" / "models.toml",
        Path(sys.prefix) / "share" / "netca-client" / "models.toml",
    ):
        if candidate.is_file():
            return candidate
    return _REPO_ROOT / "drivers" / "models.toml"


def _model_from_table(table: Mapping[str, Any]) -> KeyModel:
    try:
        modules = {k: tuple(v) for k, v in dict(table.get("modules", {})).items()}
        return KeyModel(
            id=str(table["id"]),
            vendor=str(table["vendor"]),
            model=str(table["model"]),
            usb_ids=tuple(str(u).lower() for u in table.get("usb", [])),
            modules=modules,
            max_pin_tries=int(table.get("max_pin_tries", 0)),
            capabilities=tuple(str(c) for c in table.get("capabilities", [])),
            manufacturer_ids=tuple(str(m) for m in table.get("manufacturer_ids", [])),
            verified=bool(table.get("verified", False)),
            source=str(table.get("source", "")),
            retry_count_function=table.get("retry_count_function"),
            mechanism_profile=table.get("mechanism_profile"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"bad driver registry entry {table.get('id', '?')}: {exc}") from exc


class DriverRegistry:
    """Known key models, in the registry's order of preference."""

    def __init__(
        self, models: Iterable[KeyModel], profiles: Iterable[MechanismProfile] = ()
    ) -> None:
        self.models: tuple[KeyModel, ...] = tuple(models)
        self.profiles: dict[str, MechanismProfile] = {p.id: p for p in profiles}

    def mechanism_profile(self, model: KeyModel | None) -> MechanismProfile | None:
        """The SM2 mechanism profile of ``model``; None when it names none (or an unknown
        one: ConfigError is raised at load for that)."""
        if model is None or model.mechanism_profile is None:
            return None
        return self.profiles.get(model.mechanism_profile)

    @classmethod
    def load(cls, path: Path | None = None) -> DriverRegistry:
        path = path or default_registry_path()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read driver registry {path}: {exc}") from exc
        profiles = [profile_from_table(t) for t in data.get("mechanism_profile", [])]
        models = [_model_from_table(t) for t in data.get("model", [])]
        known = {p.id for p in profiles}
        for model in models:
            if model.mechanism_profile is not None and model.mechanism_profile not in known:
                raise ConfigError(
                    f"model {model.id} names an unknown mechanism profile "
                    f"{model.mechanism_profile!r}"
                )
        return cls(models, profiles)

    def by_id(self, model_id: str) -> KeyModel | None:
        return next((m for m in self.models if m.id == model_id), None)

    def for_module(self, path: str) -> KeyModel | None:
        """The model whose module list names this file (by path or file name)."""
        name = Path(path).name
        for model in self.models:
            for os_name in model.modules:
                for entry in model.module_names(os_name):
                    if entry == path or Path(entry).name == name:
                        return model
        return None

    def for_manufacturer(self, manufacturer_id: str) -> KeyModel | None:
        wanted = manufacturer_id.strip().casefold()
        for model in self.models:
            if any(m.casefold() == wanted for m in model.manufacturer_ids):
                return model
        return None

    def discover(
        self, *, extra: Sequence[str] = (), os_name: str | None = None
    ) -> list[ModuleCandidate]:
        """Every module file present on this machine: ``extra`` (configured) first, then the
        registry top to bottom. A file reached twice (a symlink) is listed once."""
        found: list[ModuleCandidate] = []
        # The same file is often reachable twice (Debian's /usr/lib/softhsm symlink).
        seen: set[str] = set()
        for path in extra:
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                found.append(ModuleCandidate(path, self.for_module(path), "config"))
        dirs = library_dirs(os_name or current_os())
        for model in self.models:
            for entry in model.module_names(os_name):
                located = _locate(entry, dirs)
                if located and os.path.realpath(located) not in seen:
                    seen.add(os.path.realpath(located))
                    found.append(ModuleCandidate(located, model, "registry"))
        return found

    def searched(self, os_name: str | None = None) -> tuple[str, ...]:
        """The module names discovery looks for on this platform (for messages)."""
        return tuple(n for m in self.models for n in m.module_names(os_name))

    def candidates(self, paths: Sequence[str], origin: str) -> list[ModuleCandidate]:
        """Modules named by the user (``--module``, NETCA_PKCS11_MODULE), once each."""
        out: list[ModuleCandidate] = []
        seen: set[str] = set()
        for path in paths:
            if path and os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                out.append(ModuleCandidate(path, self.for_module(path), origin))
        return out


def module_override() -> tuple[str, ...]:
    """NETCA_PKCS11_MODULE: one module path, or several separated by os.pathsep."""
    value = os.environ.get(MODULE_ENV, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


def library_dirs(os_name: str) -> tuple[Path, ...]:
    """Where vendor installers put PKCS#11 modules on each platform."""
    dev_build = _REPO_ROOT / "drivers" / "vkey" / "build"
    if os_name == "windows":
        root = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"))
        return (root / "System32", root / "SysWOW64", dev_build)
    if os_name == "macos":
        return (
            Path("/usr/local/lib"),
            Path("/opt/homebrew/lib"),
            Path("/Library/Frameworks"),
            Path("/usr/lib"),
            dev_build,
        )
    multiarch = sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu"
    return (
        Path("/usr/lib"),
        Path("/usr/lib") / multiarch,
        Path("/usr/lib") / multiarch / "pkcs11",
        Path("/usr/lib/pkcs11"),
        Path("/usr/lib64"),
        Path("/usr/local/lib"),
        Path("/opt/lib"),
        dev_build,
    )


def _locate(entry: str, dirs: Iterable[Path]) -> str | None:
    candidate = Path(entry)
    if candidate.is_absolute():
        return str(candidate) if candidate.is_file() else None
    for directory in dirs:
        full = directory / entry
        if full.is_file():
            return str(full)
    return None
