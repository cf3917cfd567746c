"""The netca-vkey command: create, list, plug, unplug and delete virtual USB keys.

A development tool. `create` accepts PINs on the command line (visible to other
users in the process list, acceptable for throw-away test keys only) or, better,
on standard input with --pin-stdin / --so-pin-stdin. PINs are never printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from netca_vkey.softhsm import SoftHsmError, init_token
from netca_vkey.state import (
    PORTS,
    PinCounters,
    PortsFull,
    StateDir,
    StateError,
    default_dir,
)

DEFAULT_PIN = "12345678"
DEFAULT_SO_PIN = "87654321"
PIN_MIN, PIN_MAX = 4, 255  # SoftHSM2's limits


def _state(ctx: click.Context) -> StateDir:
    return StateDir(ctx.obj)


@click.group()
@click.option(
    "--dir",
    "state_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="State directory (default: $NETCA_VKEY_DIR, else the per-user data directory).",
)
@click.pass_context
def cli(ctx: click.Context, state_dir: Path | None) -> None:
    """Virtual USB keys for development and tests (PKCS#11 module libnetca-vkey.so)."""
    ctx.obj = state_dir if state_dir is not None else default_dir()


def _check_pin(value: str, what: str) -> str:
    if not PIN_MIN <= len(value.encode()) <= PIN_MAX:
        raise click.BadParameter(f"{what} must be {PIN_MIN} to {PIN_MAX} bytes long")
    return value


def _read_pins(
    *, pin: str | None, so_pin: str | None, pin_stdin: bool, so_pin_stdin: bool
) -> tuple[str, str]:
    if (pin_stdin and pin is not None) or (so_pin_stdin and so_pin is not None):
        raise click.UsageError("give each PIN either as an option or on standard input")
    lines = iter(sys.stdin.read().splitlines()) if (pin_stdin or so_pin_stdin) else iter(())
    try:
        if so_pin_stdin:
            so_pin = next(lines)
        if pin_stdin:
            pin = next(lines)
    except StopIteration:
        raise click.UsageError("standard input holds fewer PIN lines than asked for") from None
    return (
        _check_pin(pin if pin is not None else DEFAULT_PIN, "the PIN"),
        _check_pin(so_pin if so_pin is not None else DEFAULT_SO_PIN, "the SO PIN"),
    )


@cli.command()
@click.option("--label", required=True, help="Token label (at most 32 bytes), unique here.")
@click.option("--max-tries", type=click.IntRange(1, 255), default=10, show_default=True)
@click.option(
    "--max-so-tries", type=click.IntRange(1, 255), default=None, help="Default: --max-tries."
)
@click.option("--pin", default=None, help=f"User PIN (default {DEFAULT_PIN}); visible in ps.")
@click.option("--so-pin", default=None, help=f"SO PIN (default {DEFAULT_SO_PIN}); visible in ps.")
@click.option("--pin-stdin", is_flag=True, help="Read the user PIN from standard input.")
@click.option(
    "--so-pin-stdin",
    is_flag=True,
    help="Read the SO PIN from standard input (first line when both are read).",
)
@click.option("--plug/--no-plug", default=True, show_default=True, help="Plug it in at once.")
@click.pass_context
def create(
    ctx: click.Context,
    *,
    label: str,
    max_tries: int,
    max_so_tries: int | None,
    pin: str | None,
    so_pin: str | None,
    pin_stdin: bool,
    so_pin_stdin: bool,
    plug: bool,
) -> None:
    """Create a virtual key (a new SoftHSM2 token with PIN retry counters)."""
    if not label or len(label.encode()) > 32:
        raise click.BadParameter("the label must be 1 to 32 bytes long", param_hint="--label")
    user_pin, so = _read_pins(
        pin=pin, so_pin=so_pin, pin_stdin=pin_stdin, so_pin_stdin=so_pin_stdin
    )
    state = _state(ctx)
    so_max = max_so_tries if max_so_tries is not None else max_tries
    with state.locked():
        if any(key.label == label for key in state.keys()):
            raise click.ClickException(f"a virtual key labelled {label!r} exists already")
        if plug and len(state.ports()) >= PORTS:
            raise PortsFull
        before = state.softhsm_entries()
        try:
            with state.softhsm_locked():
                serial = init_token(conf=state.softhsm_conf, label=label, so_pin=so, pin=user_pin)
        except SoftHsmError as exc:
            raise click.ClickException(str(exc)) from exc
        new_dirs = state.softhsm_entries() - before
        state.add_key(
            serial=serial,
            label=label,
            softhsm_dir=new_dirs.pop() if len(new_dirs) == 1 else "",
            counters=PinCounters(max_tries, max_tries, so_max, so_max),
        )
        where = f", plugged into port {state.plug(serial)}" if plug else ", not plugged"
    click.echo(f"created virtual key {label!r} (serial {serial}){where}")


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for scripts.")
@click.pass_context
def list_keys(ctx: click.Context, *, as_json: bool) -> None:
    """List the virtual keys, their ports and PIN tries."""
    keys = _state(ctx).keys()
    if as_json:
        rows = [
            {
                "label": k.label,
                "serial": k.serial,
                "plugged": k.port is not None,
                "port": k.port,
                **vars(k.counters),
                "created": k.created,
            }
            for k in keys
        ]
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not keys:
        click.echo("no virtual keys")
        return
    for k in keys:
        c = k.counters
        where = f"port {k.port}" if k.port is not None else "unplugged"
        click.echo(
            f"{k.label}\tserial {k.serial}\t{where}\t"
            f"PIN {c.user_tries_left}/{c.user_max_tries}\tSO PIN {c.so_tries_left}/{c.so_max_tries}"
        )


@cli.command()
@click.argument("label")
@click.option("--port", type=click.IntRange(1, PORTS), default=None, help="Default: first free.")
@click.pass_context
def plug(ctx: click.Context, *, label: str, port: int | None) -> None:
    """Plug a virtual key into a port (nothing happens if it is plugged already)."""
    state = _state(ctx)
    with state.locked():
        key = state.find(label)
        used = state.plug(key.serial, port)
    click.echo(f"{key.label} plugged into port {used}")


@cli.command()
@click.argument("label")
@click.pass_context
def unplug(ctx: click.Context, *, label: str) -> None:
    """Unplug a virtual key: its sessions everywhere become invalid."""
    state = _state(ctx)
    with state.locked():
        key = state.find(label)
        port = state.unplug(key.serial)
    click.echo(f"{key.label} unplugged" if port is not None else f"{key.label} was not plugged")


@cli.command()
@click.argument("label")
@click.pass_context
def delete(ctx: click.Context, *, label: str) -> None:
    """Unplug and delete a virtual key with everything on it."""
    state = _state(ctx)
    with state.locked():
        key = state.find(label)
        state.remove_key(key)
    click.echo(f"{key.label} deleted")


def main() -> None:
    try:
        cli()
    except StateError as exc:
        click.echo(f"netca-vkey: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # the state directory cannot be made or written: say so, no traceback
        click.echo(
            f"netca-vkey: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True
        )
        sys.exit(1)
