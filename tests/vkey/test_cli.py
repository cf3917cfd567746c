"""The netca-vkey command: what a developer sees, and the state it leaves behind."""

from __future__ import annotations

import json
from pathlib import Path

from tests.vkey import p11
from tests.vkey.conftest import Cli
from tests.vkey.p11 import Module


def listed(vkey: Cli) -> dict[str, dict[str, object]]:
    return {row["label"]: row for row in json.loads(vkey("list", "--json").stdout)}


def test_create_list_plug_unplug_delete(vkey: Cli, vkey_dir: Path) -> None:
    out = vkey("create", "--label", "alice", "--max-tries", "6").stdout
    assert "alice" in out
    assert "port 1" in out
    vkey("create", "--label", "bob", "--no-plug")
    rows = listed(vkey)
    assert rows["alice"]["port"] == 1
    assert rows["alice"]["plugged"] is True
    assert rows["alice"]["user_tries_left"] == 6
    assert rows["alice"]["user_max_tries"] == 6
    assert rows["alice"]["so_max_tries"] == 6
    assert rows["bob"]["port"] is None
    assert rows["bob"]["user_max_tries"] == 10
    assert len(str(rows["alice"]["serial"])) == 16
    assert rows["alice"]["serial"] != rows["bob"]["serial"]

    assert "port 2" in vkey("plug", "bob").stdout
    vkey("unplug", "alice")
    rows = listed(vkey)
    assert rows["alice"]["port"] is None
    assert rows["bob"]["port"] == 2

    vkey("delete", "alice")
    assert set(listed(vkey)) == {"bob"}
    assert len(list((vkey_dir / "softhsm").iterdir())) == 1
    text = vkey("list").stdout
    assert "bob" in text
    assert "port 2" in text


def test_serial_is_stable_across_unplug_and_plug(vkey: Cli) -> None:
    vkey("create", "--label", "alice")
    serial = listed(vkey)["alice"]["serial"]
    vkey("unplug", "alice")
    vkey("plug", "alice", "--port", "4")
    assert listed(vkey)["alice"]["serial"] == serial
    assert listed(vkey)["alice"]["port"] == 4


def test_pins_from_stdin_are_the_token_pins(vkey: Cli, module: Module) -> None:
    vkey(
        "create", "--label", "alice", "--so-pin-stdin", "--pin-stdin", stdin="So-Secret-1\nUser-1\n"
    )
    session = module.open(1)
    assert module.login(session, "User-1") == p11.CKR_OK
    module.logout(session)
    assert module.login(session, "So-Secret-1", so=True) == p11.CKR_OK


def test_pins_given_as_options_are_the_token_pins(vkey: Cli, module: Module) -> None:
    vkey("create", "--label", "alice", "--pin", "4321-abc", "--so-pin", "so-4321-abc")
    session = module.open(1)
    assert module.login(session, "4321-abc") == p11.CKR_OK


def test_mistakes_are_refused_with_a_message(vkey: Cli) -> None:
    vkey("create", "--label", "alice")
    done = vkey("create", "--label", "alice", check=False)
    assert done.returncode != 0
    assert "exists already" in done.stderr
    done = vkey("plug", "nobody", check=False)
    assert done.returncode == 1
    assert "no virtual key labelled 'nobody'" in done.stderr
    done = vkey("create", "--label", "bob", "--pin", "123", check=False)
    assert done.returncode == 2
    assert "4 to 255" in done.stderr
    done = vkey("create", "--label", "x" * 33, check=False)
    assert done.returncode == 2
    done = vkey("create", "--label", "bob", "--pin-stdin", stdin="", check=False)
    assert done.returncode == 2
    assert set(listed(vkey)) == {"alice"}


def test_all_ports_in_use_is_reported(vkey: Cli) -> None:
    for n in range(8):
        vkey("create", "--label", f"k{n}")
    done = vkey("create", "--label", "ninth", check=False)
    assert done.returncode == 1
    assert "all 8 ports are in use" in done.stderr
    assert "ninth" not in listed(vkey)


def test_pins_never_appear_in_the_output(vkey: Cli) -> None:
    done = vkey("create", "--label", "alice", "--pin", "Secret-Pin-9", "--so-pin", "Secret-So-9")
    shown = done.stdout + done.stderr + vkey("list").stdout + vkey("list", "--json").stdout
    assert "Secret" not in shown
