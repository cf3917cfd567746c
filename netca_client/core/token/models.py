"""Frozen value types the key layer returns: key references, key info, PIN status, objects."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

#: what tells two keys apart: (module path, slot id, token serial)
KeyIdentity = tuple[str, int, str]


@dataclass(frozen=True)
class KeyRef:
    """A key present in a slot of a module: a hashable value, safe to pass between threads.

    Identity is (module, slot_id, serial); label and model are for display.
    """

    slot_id: int
    serial: str
    label: str
    manufacturer: str
    model: str
    model_id: str | None = None
    initialized: bool = True
    #: the PKCS#11 module (file path) the key was found through
    module: str = ""

    @property
    def identity(self) -> KeyIdentity:
        return (self.module, self.slot_id, self.serial)

    @property
    def module_name(self) -> str:
        """The module's file name, for people (the path is in ``module``)."""
        return self.module.replace("\\", "/").rsplit("/", 1)[-1]


class PinStatusSource(enum.StrEnum):
    """Where tries-left came from: the vendor's retry function or only the standard flags."""

    VENDOR = "vendor"
    FLAGS = "flags"


@dataclass(frozen=True)
class PinStatus:
    """State of the user PIN (and SO PIN) as the key reports it.

    ``tries_left`` is None when the module gives only the standard flags
    and the key is neither locked nor on its final try.
    """

    tries_left: int | None
    max_tries: int | None
    count_low: bool
    final_try: bool
    locked: bool
    to_be_changed: bool
    so_tries_left: int | None
    so_max_tries: int | None
    so_count_low: bool
    so_final_try: bool
    so_locked: bool
    source: PinStatusSource

    @property
    def state(self) -> str:
        """One word for the user PIN: locked, final-try, count-low, to-be-changed or ok."""
        if self.locked:
            return "locked"
        if self.final_try:
            return "final-try"
        if self.count_low:
            return "count-low"
        if self.to_be_changed:
            return "to-be-changed"
        return "ok"


@dataclass(frozen=True)
class KeyInfo:
    """What CK_TOKEN_INFO says about a key, plus the registry model when known."""

    key: KeyRef
    hardware_version: str
    firmware_version: str
    initialized: bool
    user_pin_initialized: bool
    login_required: bool
    write_protected: bool
    min_pin_length: int
    max_pin_length: int
    flags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CertificateObject:
    """A certificate object on the key as stored: what it says is read by core.certs."""

    der: bytes = field(repr=False)
    label: str
    #: CKA_ID in hex: the id of the key pair it certifies
    key_id: str


@dataclass(frozen=True)
class DataObjectSummary:
    """A CKO_DATA object on the key (seals are such objects)."""

    label: str
    application: str
    size: int
    private: bool
    value: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class ModuleInfo:
    """What C_GetInfo says about a loaded PKCS#11 module."""

    path: str
    manufacturer: str
    description: str
    cryptoki_version: str
    library_version: str
    model_id: str | None
    capabilities: tuple[str, ...]


@dataclass(frozen=True)
class ModuleFailure:
    """A module found but not usable: it did not load, refused C_Initialize or hung."""

    path: str
    model_id: str | None
    origin: str
    reason: str
