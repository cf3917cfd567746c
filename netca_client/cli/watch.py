"""`netca watch`: print keys as they are plugged in and pulled out, until interrupted."""

from __future__ import annotations

import datetime as dt
import queue
import signal
from types import FrameType

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.output import emit_json_line
from netca_client.core.token import KeyEvent, KeyMonitor


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.option(
    "--interval",
    default=KeyMonitor.DEFAULT_INTERVAL,
    show_default=True,
    help="Seconds between polls.",
)
@pass_context
def watch(cli: CliContext, as_json: bool, interval: float) -> None:
    """Watch for USB keys being inserted and removed (Ctrl+C to stop)."""
    events: queue.Queue[KeyEvent | None] = queue.Queue()
    monitor = KeyMonitor(cli.library(), events.put, interval=interval)

    def stop(signum: int, frame: FrameType | None) -> None:
        events.put(None)

    previous = signal.signal(signal.SIGTERM, stop)
    if not as_json:
        click.echo(t("watching"), err=True)
    monitor.start()
    try:
        while (event := events.get()) is not None:
            _print(event, as_json=as_json)
    except KeyboardInterrupt:
        pass
    finally:
        monitor.stop()
        signal.signal(signal.SIGTERM, previous)


def _print(event: KeyEvent, *, as_json: bool) -> None:
    now = dt.datetime.now().astimezone()
    if as_json:
        emit_json_line({"time": now, "event": event.kind, "key": event.key})
        return
    key = event.key
    click.echo(
        f"{now:%H:%M:%S} {t(event.kind.value)}\t{key.label or '-'}\t{key.serial or '-'}\t"
        f"{key.module_name}"
    )
