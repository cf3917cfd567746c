"""A key left holding an SO PIN version that was released to another request and never
confirmed (its client died inside C_SetPIN, and the request itself died later) is still
unlocked: the next release names that version among ``unconfirmed_so_pins`` and the client
logs in with it. Real parts: a vkey key, the live RA, the `netca` CLI in its own process."""

from __future__ import annotations

import pytest
import requests

from netca_ra.models import KeyRecord
from tests.e2e.test_key_workflows import (
    HANDLER,
    Provisioned,
    World,
    monkeypatch_module,
    provisioned,
    world,
)
from tests.ra.helpers import KeyFlow, database

__all__ = ["monkeypatch_module", "provisioned", "world"]  # fixtures shared with the e2e tests


def _handler_args(phone: str) -> list[str]:
    return ["--name", HANDLER["name"], "--id-number", HANDLER["id_number"], "--mobile", phone]


@pytest.fixture
def active(world: World, provisioned: Provisioned) -> Provisioned:
    order_no = provisioned.order["order"]["order_no"]
    rechecked = requests.post(
        f"{world.ra.api}/staff/orders/{order_no}/recheck",
        headers=world.bearer("reviewer1"),
        timeout=10,
    )
    assert rechecked.status_code == 200, rechecked.text
    pin = "Holder-Pin-2026!"
    world.secrets.add(pin)
    done = world.netca(
        "activate", "--key", provisioned.serial, "--stdin",
        answers=[world.code_for(provisioned.phone), pin],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    return provisioned


def test_a_key_left_at_an_unconfirmed_version_is_still_unlocked(
    world: World, active: Provisioned
) -> None:
    serial, phone = active.serial, active.phone
    # Another client: its request got the SO PIN released, it set the key's SO PIN to the
    # next version and died before confirming; then its request died too.
    handler = {**HANDLER, "mobile": phone}
    dead = KeyFlow.start(world.ra, serial, purpose="unlock", handler=handler)
    assert dead.verify(dead.code(phone)).status_code == 200
    released = dead.release()
    world.secrets.update({released["so_pin"], released["next_so_pin"]})
    assert (released["version"], released["next_version"]) == (2, 3)
    with world.library.open(world.key(serial), rw=True) as session:
        session.login_so(released["so_pin"])
        session.set_so_pin(released["so_pin"], released["next_so_pin"])
        session.logout()

    world.a_minute_passes()
    new_pin = "After-Another-9?"
    world.secrets.add(new_pin)
    done = world.netca(
        "unlock", "--key", serial, "--stdin", *_handler_args(phone),
        answers=[world.code_for(phone), new_pin],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "解锁成功" in done.stdout
    with database(world.ra) as session:
        record = session.get(KeyRecord, serial)
        assert record is not None
        assert record.so_pin_version == 4  # version 3 was told to the dead request only
    with world.library.open(world.key(serial), rw=True) as session:
        session.login_so(world.so_pin(serial, 4))
        session.logout()
        session.login(new_pin)
        session.logout()
