"""The client's key layer over vkey: tries left from the vendor function, lockout,
SO unlock, persistence across processes, and a key pulled out mid-session."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from netca_client.core.errors import KeyRemoved, PinIncorrect, PinLocked
from netca_client.core.token import PinStatusSource, TokenLibrary
from tests.vkey.conftest import PIN, SO_PIN, Cli, run_python

NEW_PIN = "Neu-Pin-2468"


@pytest.fixture
def library(vkey_module: str, vkey: Cli) -> Iterator[TokenLibrary]:
    vkey("create", "--label", "alice")
    lib = TokenLibrary.load(vkey_module)
    yield lib
    lib.close()


def test_ten_wrong_pins_lock_the_key_and_an_so_init_pin_unlocks_it(library: TokenLibrary) -> None:
    [key] = library.keys()
    assert key.manufacturer == "netca-vkey"
    assert key.model_id == "netca-vkey"
    with library.open(key, rw=True) as session:
        status = session.pin_status()
        assert status.source == PinStatusSource.VENDOR
        assert (status.tries_left, status.max_tries) == (10, 10)
        assert (status.count_low, status.final_try, status.locked) == (False, False, False)
        for left in range(9, -1, -1):
            with pytest.raises(PinIncorrect) as wrong:
                session.login("Wrong-Pin-0", allow_final_try=True)
            assert wrong.value.tries_left == left
            status = session.pin_status()
            assert status.tries_left == left
            assert status.max_tries == 10
            assert status.count_low == (0 < left < 10)
            assert status.final_try == (left == 1)
            assert status.locked == (left == 0)
        with pytest.raises(PinLocked):
            session.login(PIN, allow_final_try=True)

        session.login_so(SO_PIN)
        session.init_pin(NEW_PIN)
        session.logout()
        status = session.pin_status()
        assert (status.tries_left, status.max_tries, status.locked) == (10, 10, False)
        assert not status.count_low
        session.login(NEW_PIN)


def test_the_count_survives_a_process_restart(library: TokenLibrary, vkey_module: str) -> None:
    [key] = library.keys()
    with library.open(key, rw=True) as session:
        for _ in range(3):
            with pytest.raises(PinIncorrect):
                session.login("Wrong-Pin-0")
    library.close()
    code = (
        "import sys\n"
        "from netca_client.core.token import TokenLibrary\n"
        "with TokenLibrary.load(sys.argv[1]) as lib:\n"
        "    [key] = lib.keys()\n"
        "    with lib.open(key) as s:\n"
        "        st = s.pin_status()\n"
        "        print(st.tries_left, st.max_tries, st.count_low)\n"
    )
    assert run_python(code, vkey_module).stdout.split() == ["7", "10", "True"]


def test_a_key_unplugged_during_a_session_gives_key_removed(
    library: TokenLibrary, vkey: Cli
) -> None:
    [key] = library.keys()
    with library.open(key, rw=True) as session:
        session.login(PIN)
        vkey("unplug", "alice")
        started = time.monotonic()
        with pytest.raises(KeyRemoved):
            session.pin_status()
        with pytest.raises(KeyRemoved):
            session.login(PIN)
        assert time.monotonic() - started < 2
    assert library.keys() == []
    vkey("plug", "alice")
    [again] = library.keys()
    assert again.serial == key.serial
    with library.open(again) as session:
        session.login(PIN)


def test_listing_certificates_on_an_unplugged_key_raises_only_key_removed(
    library: TokenLibrary, vkey: Cli
) -> None:
    [key] = library.keys()
    with library.open(key) as session:
        vkey("unplug", "alice")
        with pytest.raises(KeyRemoved):
            session.certificate_objects()
