"""PIN retry counters of the vkey module, seen through raw PKCS#11 calls."""

from __future__ import annotations

from pathlib import Path

from tests.vkey import p11
from tests.vkey.conftest import PIN, SO_PIN, Cli, run_python
from tests.vkey.p11 import Module, Retry

USER_FLAGS = p11.CKF_USER_PIN_COUNT_LOW | p11.CKF_USER_PIN_FINAL_TRY | p11.CKF_USER_PIN_LOCKED
SO_FLAGS = p11.CKF_SO_PIN_COUNT_LOW | p11.CKF_SO_PIN_FINAL_TRY | p11.CKF_SO_PIN_LOCKED


def expected_user_flags(left: int, maximum: int) -> int:
    flags = 0
    if left == 0:
        flags |= p11.CKF_USER_PIN_LOCKED
    elif left < maximum:
        flags |= p11.CKF_USER_PIN_COUNT_LOW
    if left == 1:
        flags |= p11.CKF_USER_PIN_FINAL_TRY
    return flags


def test_wrong_user_pins_count_down_to_locked_with_standard_flags(
    vkey: Cli, module: Module
) -> None:
    vkey("create", "--label", "alice", "--max-tries", "4")
    [slot] = module.slots()
    session = module.open(slot)
    assert module.retry(slot) == Retry(4, 4, 4, 4)
    assert module.token_info(slot).flags & (USER_FLAGS | SO_FLAGS) == 0
    for left in (3, 2, 1, 0):
        assert module.login(session, "0000") == p11.CKR_PIN_INCORRECT
        assert module.retry(slot) == Retry(left, 4, 4, 4)
        assert module.token_info(slot).flags & USER_FLAGS == expected_user_flags(left, 4)
    assert module.login(session, PIN) == p11.CKR_PIN_LOCKED
    assert module.login(session, "0000") == p11.CKR_PIN_LOCKED
    assert module.retry(slot).user_left == 0


def test_right_pin_resets_the_count(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    [slot] = module.slots()
    session = module.open(slot)
    for _ in range(3):
        module.login(session, "0000")
    assert module.retry(slot).user_left == 7
    assert module.login(session, PIN) == p11.CKR_OK
    assert module.retry(slot) == Retry(10, 10, 10, 10)
    assert module.token_info(slot).flags & USER_FLAGS == 0


def test_so_init_pin_unlocks_and_the_new_pin_works(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice", "--max-tries", "2")
    [slot] = module.slots()
    session = module.open(slot)
    module.login(session, "0000")
    module.login(session, "0000")
    assert module.login(session, PIN) == p11.CKR_PIN_LOCKED
    assert module.login(session, SO_PIN, so=True) == p11.CKR_OK
    assert module.init_pin(session, "New-Pin-1") == p11.CKR_OK
    assert module.logout(session) == p11.CKR_OK
    assert module.retry(slot) == Retry(2, 2, 2, 2)
    assert module.token_info(slot).flags & USER_FLAGS == 0
    assert module.login(session, "New-Pin-1") == p11.CKR_OK


def test_wrong_so_pins_lock_the_so_pin(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice", "--max-tries", "5", "--max-so-tries", "2")
    [slot] = module.slots()
    session = module.open(slot)
    assert module.login(session, "wrong-so", so=True) == p11.CKR_PIN_INCORRECT
    flags = module.token_info(slot).flags
    assert flags & SO_FLAGS == p11.CKF_SO_PIN_COUNT_LOW | p11.CKF_SO_PIN_FINAL_TRY
    assert module.login(session, "wrong-so", so=True) == p11.CKR_PIN_INCORRECT
    assert module.token_info(slot).flags & SO_FLAGS == p11.CKF_SO_PIN_LOCKED
    assert module.login(session, SO_PIN, so=True) == p11.CKR_PIN_LOCKED
    assert module.retry(slot) == Retry(5, 5, 0, 2)
    assert module.login(session, PIN) == p11.CKR_OK  # the user PIN is untouched


def test_set_pin_with_a_wrong_old_pin_costs_a_try(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    [slot] = module.slots()
    session = module.open(slot)
    assert module.set_pin(session, "0000", "Other-1") == p11.CKR_PIN_INCORRECT
    assert module.retry(slot).user_left == 9
    assert module.set_pin(session, PIN, "Other-1") == p11.CKR_OK
    assert module.retry(slot).user_left == 10
    assert module.login(session, "Other-1") == p11.CKR_OK


def test_so_set_pin_counts_against_the_so_pin(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    [slot] = module.slots()
    session = module.open(slot)
    assert module.login(session, SO_PIN, so=True) == p11.CKR_OK
    assert module.set_pin(session, "wrong-so", "New-So-1") == p11.CKR_PIN_INCORRECT
    assert module.retry(slot) == Retry(10, 10, 9, 10)


def test_count_survives_a_process_restart(vkey: Cli, module: Module, vkey_module: str) -> None:
    vkey("create", "--label", "alice")
    [slot] = module.slots()
    session = module.open(slot)
    for _ in range(3):
        module.login(session, "0000")
    module.close(session)
    assert module.finalize() == p11.CKR_OK
    code = (
        "import sys; from tests.vkey.p11 import Module\n"
        "m = Module(sys.argv[1]); s = m.open(1)\n"
        "print(m.retry(1).user_left, m.login(s, '0000'), m.retry(1).user_left)\n"
    )
    out = run_python(code, vkey_module).stdout.split()
    assert out == ["7", str(p11.CKR_PIN_INCORRECT), "6"]
    module.check(module.call("C_Initialize", None))
    assert module.retry(slot).user_left == 6


def test_vendor_function_answers_for_bad_slots_and_arguments(
    vkey: Cli, module: Module, vkey_dir: Path
) -> None:
    vkey("create", "--label", "alice", "--no-plug")
    assert module.retry_rv(1) == p11.CKR_TOKEN_NOT_PRESENT
    assert module.retry_rv(0) == p11.CKR_SLOT_ID_INVALID
    assert module.retry_rv(99) == p11.CKR_SLOT_ID_INVALID
    rv = module.call("NETCA_GetPinRetryInfo", p11.CK(1), None)
    assert rv == p11.CKR_ARGUMENTS_BAD
    module.finalize()
    assert module.retry_rv(1) == p11.CKR_CRYPTOKI_NOT_INITIALIZED
    module.check(module.call("C_Initialize", None))


def test_token_reports_netca_vkey_as_manufacturer(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice")
    vkey("create", "--label", "bob")
    one, two = (module.token_info(s) for s in module.slots())
    assert one.manufacturer.decode().rstrip() == "netca-vkey"
    assert one.model.decode().rstrip() == "vkey"
    assert one.label.decode().rstrip() == "alice"
    assert two.label.decode().rstrip() == "bob"
    assert one.serial != two.serial
