"""`netca demo`: the demo world for newcomers, with or without the desktop window;
`netca demo env`: the shell line that points the CLI at it."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
import threading
import urllib.request
from pathlib import Path
from types import FrameType

import click

from netca_demo.texts import t
from netca_demo.world import DemoError, DemoWorld

#: seconds between pictures of the window on a virtual display (--virtual-display)
PICTURE_EVERY = 5

dir_option = click.option(
    "--dir",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="NETCA_DEMO_DIR",
    help="Demo data directory (default: the user data directory's netca-client/demo; "
    "env NETCA_DEMO_DIR).",
)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--no-gui", is_flag=True, help="Only the RA and the keys; run until interrupted.")
@dir_option
@click.option(
    "--port",
    type=int,
    default=None,
    help="RA port on 127.0.0.1 when the world is created (default: 8600 when free, else any).",
)
@click.option("--reset", is_flag=True, help="Delete the demo world first and build it again.")
@click.option(
    "--virtual-display",
    is_flag=True,
    help=f"The window is on a display nobody sees (make demo without one): save a picture "
    f"of it every {PICTURE_EVERY} s and say where.",
)
@click.pass_context
def demo(
    ctx: click.Context,
    no_gui: bool,
    root: Path | None,
    port: int | None,
    reset: bool,
    virtual_display: bool,
) -> None:
    """Start a local RA and virtual USB keys with realistic content, then the client.

    The demo writes a client profile (its RA, time-stamp service, trusted roots, key
    driver and virtual keys); `eval "$(netca demo env)"` points `netca` and `netca-vkey`
    in a shell at it, and the window started here uses it.
    """
    if ctx.invoked_subcommand is not None:
        return
    try:
        _run(root=root, port=port, reset=reset, no_gui=no_gui, virtual_display=virtual_display)
    except DemoError as exc:
        raise click.ClickException(t(f"err-{exc.code}", **exc.fields)) from None


def _run(
    *, root: Path | None, port: int | None, reset: bool, no_gui: bool, virtual_display: bool
) -> None:
    world = DemoWorld(root)
    if reset and world.root.exists():
        shutil.rmtree(world.root)
        world = DemoWorld(root)
    click.echo(t("preparing" if world.prepared() else "preparing-first"), err=True)
    world.claim_port(port)
    try:
        world.prepare()
        world.start_ra()
        world.prepare_counter()
        world.write_profile()
        world.start_relying_party()
        _serve(world, no_gui=no_gui, virtual_display=virtual_display)
    finally:
        world.stop_relying_party()
        world.stop_ra()


def _serve(world: DemoWorld, *, no_gui: bool, virtual_display: bool) -> None:
    from netca_demo.summary import read_key_states, summary_lines

    picture = world.root / "window.png" if virtual_display and not no_gui else None
    for line in summary_lines(world, read_key_states(world), picture=picture):
        click.echo(line)
    click.echo(t("ready" if no_gui else "ready-gui"))
    sys.stdout.flush()
    if no_gui:
        _wait_for_interrupt()
        return
    from netca_client.gui.app import main as gui_main

    # The window reads the same profile `netca demo env` hands to a shell.
    os.environ["NETCA_CONFIG"] = str(world.profile_path)
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    args = ["--picture", str(picture), "--picture-every", str(PICTURE_EVERY)] if picture else []
    sys.exit(gui_main(args))


@demo.command("env")
@dir_option
def env(root: Path | None) -> None:
    """Print the shell lines that point netca, netca-client and netca-vkey at the demo:
    eval "$(netca demo env)"."""
    world = DemoWorld(root)
    if not world.profile_path.exists():
        raise click.ClickException(t("err-no-profile", path=world.profile_path))
    click.echo(f"export NETCA_CONFIG={shlex.quote(str(world.profile_path))}")
    click.echo(f"export NETCA_VKEY_DIR={shlex.quote(str(world.vkey_dir))}")
    click.echo(f"export NETCA_DEMO_DIR={shlex.quote(str(world.root))}")
    url = world.planned_url
    try:
        with urllib.request.urlopen(f"{url}/api/v1/openapi.json", timeout=2):  # noqa: S310 - loopback
            pass
    except OSError:
        click.echo(t("warn-ra-down", url=url))


def _wait_for_interrupt() -> None:
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    stop.wait()
