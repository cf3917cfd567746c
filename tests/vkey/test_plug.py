"""Plug and unplug: fixed ports, presence re-read on every call, sessions die with the key."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.vkey import p11
from tests.vkey.conftest import PIN, Cli, run_cli
from tests.vkey.p11 import Module


def test_ports_are_fixed_and_only_plugged_keys_are_present(vkey: Cli, module: Module) -> None:
    assert module.slots(present=False) == list(range(1, 9))
    assert module.slots() == []
    vkey("create", "--label", "alice", "--no-plug")
    assert module.slots() == []
    vkey("plug", "alice", "--port", "3")
    assert module.slots() == [3]
    assert module.token_info(3).label.decode().rstrip() == "alice"


def test_key_created_after_initialize_appears_without_reinitialising(
    vkey: Cli, module: Module
) -> None:
    vkey("create", "--label", "alice")
    assert module.slots() == [1]
    vkey("create", "--label", "bob")
    assert module.slots() == [1, 2]
    assert module.token_info(2).label.decode().rstrip() == "bob"
    session = module.open(2)
    assert module.login(session, PIN) == p11.CKR_OK


def test_unplug_removes_the_key_at_once_and_its_sessions_answer_device_removed(
    vkey: Cli, module: Module
) -> None:
    vkey("create", "--label", "alice")
    session = module.open(1)
    other = module.open(1)
    assert module.login(session, PIN) == p11.CKR_OK
    vkey("unplug", "alice")
    assert module.slots() == []
    assert module.random(session)[0] == p11.CKR_DEVICE_REMOVED
    assert module.random(other)[0] == p11.CKR_DEVICE_REMOVED
    assert module.session_info(session)[0] == p11.CKR_DEVICE_REMOVED
    assert module.close(session) == p11.CKR_OK
    assert module.random(session)[0] == p11.CKR_SESSION_HANDLE_INVALID
    assert module.close(session) == p11.CKR_SESSION_HANDLE_INVALID
    assert module.call("C_OpenSession", p11.CK(1), p11.CK(6), None, None, None) == (
        p11.CKR_ARGUMENTS_BAD
    )
    handle = p11.CK(0)
    rv = module.call("C_OpenSession", p11.CK(1), p11.CK(6), None, None, p11.ctypes.byref(handle))
    assert rv == p11.CKR_TOKEN_NOT_PRESENT


def test_replug_brings_the_key_back_logged_out_with_data_intact(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    session = module.open(1)
    assert module.login(session, PIN) == p11.CKR_OK
    assert module.session_info(session)[1].state == p11.CKS_RW_USER_FUNCTIONS
    vkey("unplug", "alice")
    vkey("plug", "alice", "--port", "5")
    # The old session belonged to the earlier plug, even though the key is back.
    assert module.random(session)[0] == p11.CKR_DEVICE_REMOVED
    fresh = module.open(5)
    rv, info = module.session_info(fresh)
    assert rv == p11.CKR_OK
    assert info.state == p11.CKS_RW_PUBLIC_SESSION
    assert info.slot == 5
    assert module.login(fresh, PIN) == p11.CKR_OK


def test_unplug_and_replug_between_two_calls_still_kills_the_session(
    vkey: Cli, module: Module
) -> None:
    vkey("create", "--label", "alice")
    session = module.open(1)
    vkey("unplug", "alice")
    vkey("plug", "alice")  # same port 1 again, new plug id
    assert module.slots() == [1]
    assert module.random(session)[0] == p11.CKR_DEVICE_REMOVED


def test_other_keys_sessions_survive_an_unplug(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    vkey("create", "--label", "bob")
    alice, bob = module.open(1), module.open(2)
    vkey("unplug", "alice")
    assert module.random(alice)[0] == p11.CKR_DEVICE_REMOVED
    rv, data = module.random(bob)
    assert rv == p11.CKR_OK
    assert len(data) == 16


def test_deleted_key_disappears(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    vkey("create", "--label", "bob")
    session = module.open(1)
    vkey("delete", "alice")
    assert module.slots() == [2]
    assert module.random(session)[0] == p11.CKR_DEVICE_REMOVED
    assert module.close(session) == p11.CKR_OK
    assert module.token_info(2).label.decode().rstrip() == "bob"


def test_a_relative_state_directory_keeps_working_after_chdir(
    vkey_module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NETCA_VKEY_DIR", "relative-state")
    m = Module(vkey_module)  # the module writes softhsm2.conf first here
    try:
        run_cli("create", "--label", "alice")
        monkeypatch.chdir("/")
        assert m.slots() == [1]
        assert m.login(m.open(1), PIN) == p11.CKR_OK
    finally:
        m.finalize()


def test_threads_using_the_key_survive_unplug_and_replug(vkey: Cli, module: Module) -> None:
    # pyhanko signs on an executor thread: the module must stand calls from several.
    vkey("create", "--label", "alice")
    answers: Counter[tuple[str, int]] = Counter()
    guard = threading.Lock()
    stop = threading.Event()

    def note(what: str, rv: int) -> None:
        with guard:
            answers[what, rv] += 1

    def worker() -> None:
        session = None
        while not stop.is_set():
            if session is None:
                handle = p11.CK(0)
                flags = p11.CK(p11.CKF_SERIAL_SESSION)
                rv = module.call(
                    "C_OpenSession", p11.CK(1), flags, None, None, p11.ctypes.byref(handle)
                )
                note("open", rv)
                session = handle.value if rv == p11.CKR_OK else None
                continue
            rv, _ = module.random(session)
            note("random", rv)
            if rv != p11.CKR_OK:
                note("close", module.close(session))
                session = None
        if session is not None:
            note("close", module.close(session))

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for action in ("unplug", "plug", "unplug", "plug"):
            time.sleep(0.2)
            vkey(action, "alice")
        time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=10)
    assert set(answers) <= {
        ("open", p11.CKR_OK),
        ("open", p11.CKR_TOKEN_NOT_PRESENT),
        ("random", p11.CKR_OK),
        ("random", p11.CKR_DEVICE_REMOVED),
        ("close", p11.CKR_OK),
    }
    assert answers["random", p11.CKR_DEVICE_REMOVED] >= 3  # each thread saw the first unplug
    assert answers["random", p11.CKR_OK] > 0
    assert module.slots() == [1]
