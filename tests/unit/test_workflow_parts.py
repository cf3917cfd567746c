"""The parts of the key workflows that need no key and no RA: journal, secret store,
staff-session expiry, material checks (the protocol's rules), the random provisioning PIN."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from netca_client.core.secrets import SecretStore
from netca_client.core.token import pin_policy_problems
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.key_request_record import KeyRequestRecord, Progress
from netca_client.core.workflows.materials import MaterialRejected, read_material
from netca_client.core.workflows.provision import random_user_pin
from netca_client.core.workflows.staff import StaffSessions
from netca_protocol.limits import MAX_MATERIAL_BYTES, material_media_type
from netca_protocol.models import KeyRequestPurpose


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in (headless Linux has none): a dict, priority like a real one."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.items:
            raise PasswordDeleteError(username)
        del self.items[(service, username)]


def test_journal_records_steps_durably_and_privately(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    record = KeyRequestRecord(KeyRequestPurpose.UNLOCK, Progress.STARTED, idempotency="a1")
    entry = journal.begin("unlock", record, key_serial="S1", ra_url="https://ra")
    record = record.at(Progress.RELEASED, released_version=3)
    entry = journal.save(entry, record)
    path = tmp_path / "journal" / f"{entry.entry_id}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = Journal(tmp_path / "journal").get(entry.entry_id)
    assert again is not None
    assert again.step == "released"
    assert (again.data["idempotency"], again.data["released_version"]) == ("a1", 3)
    assert [e.entry_id for e in journal.unfinished(kind="unlock")] == [entry.entry_id]
    assert journal.unfinished(kind="activate") == []
    journal.finish(entry)
    assert journal.unfinished() == []


def test_an_unreadable_journal_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    record = KeyRequestRecord(KeyRequestPurpose.ACTIVATE, Progress.STARTED, idempotency="a")
    good = journal.begin("activate", record, key_serial="S", ra_url="u")
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "partial.json").write_text(json.dumps({"entry_id": "x"}))
    assert [e.entry_id for e in journal.unfinished()] == [good.entry_id]


def test_secret_store_uses_a_real_keyring_and_never_a_file(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = SecretStore(backend=ring)
    assert store.persistent
    assert store.set("n", "v") is True
    assert ring.items == {("netca-client", "n"): "v"}
    assert SecretStore(backend=ring).get("n") == "v"
    store.delete("n")
    store.delete("n")  # deleting twice is fine
    assert store.get("n") is None


def test_without_a_keyring_secrets_live_in_memory_only(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    store = SecretStore(backend=fail.Keyring())
    assert not store.persistent
    assert store.set("n", "v") is False
    assert store.get("n") == "v"
    assert SecretStore(backend=fail.Keyring()).get("n") is None  # gone with the process
    assert set(os.listdir(tmp_path)) == before


def _store_session(sessions: StaffSessions, store: SecretStore, expires: dt.datetime) -> None:
    body = {"token": "tok-SECRET-123", "username": "u", "display_name": "U", "role": "counter"}
    store.set("staff-session:https://ra", json.dumps({**body, "expires_at": expires.isoformat()}))


def test_staff_sessions_expire_and_are_forgotten() -> None:
    store = SecretStore(backend=MemoryKeyring())
    sessions = StaffSessions(store, "https://ra/")
    now = dt.datetime.now(dt.UTC)
    _store_session(sessions, store, now + dt.timedelta(hours=1))
    current = sessions.current()
    assert current is not None
    assert current.token == "tok-SECRET-123"
    assert "SECRET" not in repr(current)
    _store_session(sessions, store, now + dt.timedelta(seconds=5))  # inside the 30 s margin
    assert sessions.current() is None
    assert store.get("staff-session:https://ra") is None


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("a.JPG", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        ("a.jpeg", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        ("a.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("a.gif", b"GIF89a", None),
        ("a.pdf", b"<html>%PDF-", None),
        ("a.png", b"", None),
        ("a.png", b"\xff\xd8\xff\xe0JFIF", None),  # a JPEG named .png: the RA refuses it too
        ("jpeg", b"\xff\xd8\xff\xe0JFIF", None),
    ],
)
def test_materials_are_judged_by_their_bytes_and_name(
    tmp_path: Path, name: str, content: bytes, expected: str | None
) -> None:
    assert material_media_type(name, content) == expected
    path = tmp_path / name
    path.write_bytes(content)
    if expected is None:
        with pytest.raises(MaterialRejected) as refused:
            read_material(path)
        assert refused.value.reason == "not-jpg-png-pdf"
    else:
        assert read_material(path).media_type == expected


def test_a_material_over_the_protocols_size_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-" + b"0" * MAX_MATERIAL_BYTES)
    with pytest.raises(MaterialRejected) as refused:
        read_material(path)
    assert refused.value.reason == "too-large"


def test_random_provisioning_pins_meet_the_policy_and_differ() -> None:
    pins = {random_user_pin() for _ in range(200)}
    assert len(pins) == 200
    assert all(not pin_policy_problems(pin) and len(pin) == 16 for pin in pins)
