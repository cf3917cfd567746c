"""What `netca demo` prints: where things are, and each key as it is now (read from the keys,
not remembered from the first run), in the user's language."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netca_demo.texts import t

if TYPE_CHECKING:
    from netca_demo.world import DemoWorld


@dataclass(frozen=True)
class KeyState:
    plugged: bool
    tries_left: int | None = None
    max_tries: int | None = None
    locked: bool = False
    awaiting_activation: bool = False
    readable: bool = True
    days_left: int | None = None


def read_key_states(world: DemoWorld) -> dict[str, KeyState]:
    """Each demo key's PIN state and activation mark, through the client's key layer."""
    from netca_client.core.certs import key_certificates
    from netca_client.core.errors import NetcaError
    from netca_client.core.key_snapshot import awaiting_activation
    from netca_client.core.token import TokenLibrary

    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    states: dict[str, KeyState] = {}
    library = TokenLibrary.load(world.module)
    try:
        for key in library.keys():
            try:
                with library.open(key) as session:
                    pin = session.pin_status()
                    states[key.label] = KeyState(
                        plugged=True,
                        tries_left=pin.tries_left,
                        max_tries=pin.max_tries,
                        locked=pin.locked,
                        awaiting_activation=awaiting_activation(session),
                        days_left=min(
                            (c.days_left for c in key_certificates(session)), default=None
                        ),
                    )
            except NetcaError:
                states[key.label] = KeyState(plugged=True, readable=False)
    finally:
        library.close()
    return states


def _state_text(state: KeyState | None) -> str:
    if state is None:
        return t("state-unplugged")
    if not state.readable:
        return t("state-unknown")
    if state.awaiting_activation:
        return t("state-awaiting")
    if state.locked:
        return t("state-locked")
    if state.tries_left is not None and state.tries_left != state.max_tries:
        return t("state-low", n=state.tries_left)
    return t("state-ok", n=state.tries_left if state.tries_left is not None else "?")


def _days(states: dict[str, KeyState], label: str) -> object:
    state = states.get(label)
    return state.days_left if state is not None and state.days_left is not None else "?"


def command(name: str) -> str:
    """How to type one of this environment's commands: relative when under the current dir."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        return shutil.which(name) or name
    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return str(relative)


def summary_lines(
    world: DemoWorld, states: dict[str, KeyState], *, picture: Path | None = None
) -> list[str]:
    from netca_demo.counter import HANDLER, LOCKED, PENDING
    from netca_demo.world import KEYS

    url = world.ra_url or world.planned_url
    netca = command("netca")
    lines = [
        t("title", root=world.root),
        t("ra", url=url),
        t("staff", path=world.staff_login_path),
        t("sms", url=url),
        t("profile", path=world.profile_path),
        t("use-cli", netca=netca),
        *([t("web-login", url=world.rp_url)] if world.rp_url else []),
        t("keys"),
    ]
    org, employee = KEYS
    rows = [
        (org.label, org.pin, t("what-org")),
        (employee.label, employee.pin, t("what-employee", days=_days(states, employee.label))),
    ]
    for label, pin, what in rows:
        state = states.get(label)
        lines.append(t("key-line", label=label, pin=pin, what=what, state=_state_text(state)))
    locked = states.get(LOCKED.label)
    locked_pin = LOCKED.pin if locked is None or locked.locked else t("pin-own")
    lines.append(
        t("key-line", label=LOCKED.label, pin=locked_pin, what=t("what-locked"),
          state=_state_text(locked))
    )  # fmt: skip
    pending = states.get(PENDING.label)
    pending_pin = t("pin-none") if pending is None or pending.awaiting_activation else t("pin-own")
    lines.append(
        t("key-line", label=PENDING.label, pin=pending_pin, what=t("what-pending"),
          state=_state_text(pending))
    )  # fmt: skip
    lines.append(
        t("handler", name=HANDLER.name, id_number=HANDLER.id_number, mobile=HANDLER.mobile)
    )
    lines.append(t("plug", vkey=command("netca-vkey")))
    if picture is not None:
        from netca_demo.cli import PICTURE_EVERY

        lines.append(t("headless", path=picture, n=PICTURE_EVERY))
    return lines
