"""The journal record of an activation or unlock: how far it got and what it must remember.

Version 2 (this one) holds typed values. Version 1, written by releases before issue 15,
held every value as a string (``version``, ``next_version``, ``reached``); ``from_entry``
reads both, so a job left by an older client is finished by this one.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from netca_client.core.errors import WorkflowError
from netca_client.core.workflows.journal import JournalEntry, JsonScalar
from netca_protocol.models import KeyRequestPurpose


class Progress(enum.StrEnum):
    """Journal steps, in order. Each is written before the act it names is attempted."""

    STARTED = "started"
    REQUESTED = "requested"
    RELEASING = "releasing"
    RELEASED = "released"  # the RA gave out the SO PIN; the key is untouched so far
    PIN_RESET = "pin_reset"  # the user PIN was set; the SO PIN is still version v
    ROTATING = "rotating"  # C_SetPIN(SO) v → v+1 under way: the key holds v or v+1
    ROTATED = "rotated"  # the key holds v+1: only the confirmation is left


#: steps after which nothing on the key may have changed: the job may simply be dropped
UNTOUCHED = frozenset({Progress.STARTED, Progress.REQUESTED})


@dataclass(frozen=True)
class KeyRequestRecord:
    """What an activation or unlock keeps across a crash (never a PIN, SO PIN or code)."""

    VERSION: ClassVar[int] = 2

    purpose: KeyRequestPurpose
    progress: Progress
    #: the Idempotency-Key of the request's creation (a retry never opens a second one)
    idempotency: str
    request_id: str | None = None
    #: the request's bearer secret, only when no OS keyring could keep it
    request_secret: str | None = None
    #: the SO PIN versions of the last release (v and the one this request sets)
    released_version: int | None = None
    next_version: int | None = None
    #: a C_SetPIN(SO) to ``next_version`` was begun at some point: after a crash the key may
    #: hold the next SO PIN already, so it is tried first
    so_pin_change_begun: bool = False

    @property
    def step(self) -> str:
        return self.progress.value

    def at(self, progress: Progress, **changes: Any) -> KeyRequestRecord:
        """This record moved on to ``progress`` (with ``changes``)."""
        return replace(self, progress=progress, **changes)

    def to_data(self) -> dict[str, JsonScalar]:
        return {
            "purpose": self.purpose.value,
            "idempotency": self.idempotency,
            "request_id": self.request_id,
            "request_secret": self.request_secret,
            "released_version": self.released_version,
            "next_version": self.next_version,
            "so_pin_change_begun": self.so_pin_change_begun,
        }

    @classmethod
    def from_entry(cls, entry: JournalEntry) -> KeyRequestRecord:
        if entry.version > cls.VERSION:
            raise WorkflowError(
                f"journal entry {entry.entry_id} was written by a newer netca-client "
                f"(record version {entry.version})"
            )
        purpose = KeyRequestPurpose(entry.kind)
        progress = Progress(entry.step)
        data = entry.data
        if entry.version < cls.VERSION:
            return _from_version_1(purpose, progress, data)
        return cls(
            purpose=purpose,
            progress=progress,
            idempotency=_text(data.get("idempotency")) or "",
            request_id=_text(data.get("request_id")),
            request_secret=_text(data.get("request_secret")),
            released_version=_number(data.get("released_version")),
            next_version=_number(data.get("next_version")),
            so_pin_change_begun=data.get("so_pin_change_begun") is True,
        )


def _from_version_1(
    purpose: KeyRequestPurpose, progress: Progress, values: Mapping[str, JsonScalar]
) -> KeyRequestRecord:
    """Version 1: strings only; ``version`` was the released one, and ``reached`` said
    "rotating" once an SO PIN change had begun."""
    return KeyRequestRecord(
        purpose=purpose,
        progress=progress,
        idempotency=_text(values.get("idempotency")) or "",
        request_id=_text(values.get("request_id")),
        request_secret=_text(values.get("request_secret")),
        released_version=_number(values.get("version")),
        next_version=_number(values.get("next_version")),
        so_pin_change_begun=values.get("reached") == Progress.ROTATING.value,
    )


def _text(value: JsonScalar) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: JsonScalar) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None
