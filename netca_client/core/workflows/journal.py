"""The local journal: one small JSON file per unfinished workflow, written before each
irreversible step, so a client that died half-way can finish (or safely redo) the job.

The journal stores an envelope (which workflow, which key, which RA, how far) around the
workflow's own typed record: a frozen dataclass with a format ``VERSION`` that the workflow
reads back, upgrading what an older release wrote (docs/workflows.md). The journal never
looks inside a record.

Entries never hold a PIN, SO PIN or SMS code. Files are the user's own (0600 in a 0700
directory) and replaced atomically; a finished workflow's file is removed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Protocol

import platformdirs

from netca_client.core.atomic_files import write_atomically
from netca_client.core.config import APP_NAME

log = logging.getLogger(__name__)

JOURNAL_ENV = "NETCA_JOURNAL_DIR"
_SUFFIX = ".json"
#: the format of files written before records carried a version: every value a string
UNVERSIONED = 1

#: what a record's fields may hold once written (JSON scalars)
JsonScalar = str | int | bool | None


def default_journal_dir() -> Path:
    override = os.environ.get(JOURNAL_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir(APP_NAME)) / "journal"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class JournalRecord(Protocol):
    """A workflow's typed state as the journal keeps it."""

    VERSION: ClassVar[int]

    @property
    def step(self) -> str:
        """How far the workflow got (shown in logs, kept beside the record)."""
        ...

    def to_data(self) -> dict[str, JsonScalar]: ...


@dataclass(frozen=True)
class JournalEntry:
    """One workflow in progress: what it is, on which key, against which RA, how far it got,
    and its record as written (``version`` is the record's format; read it with the
    workflow's record type, never field by field)."""

    entry_id: str
    kind: str
    key_serial: str
    ra_url: str
    step: str
    created_at: str
    updated_at: str
    version: int = UNVERSIONED
    data: Mapping[str, JsonScalar] = field(default_factory=dict)


class Journal:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_journal_dir()

    def _path(self, entry_id: str) -> Path:
        return self.directory / f"{entry_id}{_SUFFIX}"

    def _write(self, entry: JournalEntry) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = {
            "entry_id": entry.entry_id,
            "kind": entry.kind,
            "key_serial": entry.key_serial,
            "ra_url": entry.ra_url,
            "step": entry.step,
            "created_at": entry.created_at,
            "updated_at": entry.updated_at,
            "version": entry.version,
            "data": dict(entry.data),
        }
        path = self._path(entry.entry_id)
        write_atomically(path, json.dumps(body, ensure_ascii=False, indent=1).encode(), mode=0o600)

    def begin(
        self, kind: str, record: JournalRecord, *, key_serial: str, ra_url: str
    ) -> JournalEntry:
        """A new entry holding ``record``, on disk before this returns."""
        now = _now()
        entry = JournalEntry(
            entry_id=uuid.uuid4().hex,
            kind=kind,
            key_serial=key_serial,
            ra_url=ra_url,
            step=record.step,
            created_at=now,
            updated_at=now,
            version=record.VERSION,
            data=record.to_data(),
        )
        self._write(entry)
        log.info("journal %s %s: %s", kind, entry.entry_id[:8], record.step)
        return entry

    def save(self, entry: JournalEntry, record: JournalRecord) -> JournalEntry:
        """Durably note that ``entry`` now holds ``record`` (call it before the irreversible
        act the record's step names)."""
        updated = replace(
            entry,
            step=record.step,
            updated_at=_now(),
            version=record.VERSION,
            data=record.to_data(),
        )
        self._write(updated)
        log.info("journal %s %s: %s", entry.kind, entry.entry_id[:8], record.step)
        return updated

    def finish(self, entry: JournalEntry) -> None:
        self._path(entry.entry_id).unlink(missing_ok=True)
        log.info("journal %s %s: finished", entry.kind, entry.entry_id[:8])

    def get(self, entry_id: str) -> JournalEntry | None:
        return self._load(self._path(entry_id))

    def unfinished(
        self, *, kind: str | None = None, key_serial: str | None = None
    ) -> list[JournalEntry]:
        """Entries still open, oldest first (unreadable files are skipped and logged)."""
        if not self.directory.is_dir():
            return []
        entries = [self._load(p) for p in sorted(self.directory.glob(f"*{_SUFFIX}"))]
        found = [
            e
            for e in entries
            if e is not None
            and (kind is None or e.kind == kind)
            and (key_serial is None or e.key_serial == key_serial)
        ]
        return sorted(found, key=lambda e: e.created_at)

    @staticmethod
    def _load(path: Path) -> JournalEntry | None:
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            data = dict(body.get("data", {}))
            return JournalEntry(
                entry_id=str(body["entry_id"]),
                kind=str(body["kind"]),
                key_serial=str(body["key_serial"]),
                ra_url=str(body["ra_url"]),
                step=str(body["step"]),
                created_at=str(body["created_at"]),
                updated_at=str(body["updated_at"]),
                version=int(body.get("version", UNVERSIONED)),
                data={str(k): _scalar(v) for k, v in data.items()},
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("journal file %s unreadable: %s", path.name, exc)
            return None


def _scalar(value: object) -> JsonScalar:
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"a journal record holds scalars only, not {type(value).__name__}")
