"""The local journal: one small JSON file per unfinished workflow, written before each
irreversible step, so a client that died half-way can finish (or safely redo) the job.

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

import platformdirs

from netca_client.core.atomic_files import write_atomically
from netca_client.core.config import APP_NAME

log = logging.getLogger(__name__)

JOURNAL_ENV = "NETCA_JOURNAL_DIR"
_SUFFIX = ".json"


def default_journal_dir() -> Path:
    override = os.environ.get(JOURNAL_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir(APP_NAME)) / "journal"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class JournalEntry:
    """One workflow in progress: what it is, on which key, against which RA, how far it got."""

    entry_id: str
    kind: str
    key_serial: str
    ra_url: str
    step: str
    created_at: str
    updated_at: str
    data: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.data.get(name)


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
            "data": dict(entry.data),
        }
        path = self._path(entry.entry_id)
        write_atomically(path, json.dumps(body, ensure_ascii=False, indent=1).encode(), mode=0o600)

    def begin(
        self, kind: str, *, key_serial: str, ra_url: str, data: Mapping[str, str] | None = None
    ) -> JournalEntry:
        now = _now()
        entry = JournalEntry(
            entry_id=uuid.uuid4().hex,
            kind=kind,
            key_serial=key_serial,
            ra_url=ra_url,
            step="started",
            created_at=now,
            updated_at=now,
            data=dict(data or {}),
        )
        self._write(entry)
        return entry

    def record(self, entry: JournalEntry, step: str, **data: str) -> JournalEntry:
        """Durably note that ``entry`` reached ``step`` (call it before the irreversible act)."""
        updated = replace(entry, step=step, updated_at=_now(), data={**entry.data, **data})
        self._write(updated)
        log.info("journal %s %s: %s", entry.kind, entry.entry_id[:8], step)
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
            return JournalEntry(
                entry_id=str(body["entry_id"]),
                kind=str(body["kind"]),
                key_serial=str(body["key_serial"]),
                ra_url=str(body["ra_url"]),
                step=str(body["step"]),
                created_at=str(body["created_at"]),
                updated_at=str(body["updated_at"]),
                data={str(k): str(v) for k, v in dict(body.get("data", {})).items()},
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("journal file %s unreadable: %s", path.name, exc)
            return None
