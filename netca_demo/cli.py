"""`netca demo`: the demo world for newcomers, with or without the desktop window."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click

from netca_demo.world import DemoWorld


@click.command()
@click.option("--no-gui", is_flag=True, help="Only the RA and the keys; run until interrupted.")
@click.option(
    "--dir", "root", type=click.Path(file_okay=False, path_type=Path), help="Demo data directory."
)
@click.option("--port", type=int, default=None, help="RA port on 127.0.0.1 (default: a free one).")
@click.option("--reset", is_flag=True, help="Delete the demo world first and build it again.")
def demo(no_gui: bool, root: Path | None, port: int | None, reset: bool) -> None:
    """Start a local RA and virtual USB keys with realistic content, then the client."""
    world = DemoWorld(root)
    if reset and world.root.exists():
        import shutil

        shutil.rmtree(world.root)
        world = DemoWorld(root)
    click.echo("preparing the demo world (first run: about half a minute)…", err=True)
    world.prepare()
    world.start_ra(port)
    try:
        world.prepare_counter()
        click.echo(world.summary())
        sys.stdout.flush()
        if no_gui:
            _wait_for_interrupt()
        else:
            from netca_client.gui.app import main as gui_main

            os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
            trust = [arg for path in world.seal_trust for arg in ("--trust", str(path))]
            sys.exit(gui_main(["--module", world.module, "--ra-url", world.ra_url, *trust]))
    finally:
        world.stop_ra()


def _wait_for_interrupt() -> None:
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    stop.wait()
