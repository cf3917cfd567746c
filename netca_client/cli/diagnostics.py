"""`netca diagnostics`: modules found, the loaded module, keys, capabilities; serials redacted."""

from __future__ import annotations

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.output import emit_json
from netca_client.core.diagnostics import collect
from netca_client.core.errors import NetcaError
from netca_client.core.jsonable import to_jsonable


def _collect(cli: CliContext) -> dict[str, object]:
    try:
        return collect(cli.library())
    except NetcaError as exc:
        return collect(None, load_error=exc)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def diagnostics(cli: CliContext, as_json: bool) -> None:
    """What the client sees: modules, keys, capabilities. Safe to share (serials redacted)."""
    report = _collect(cli)
    if as_json:
        emit_json(report)
        return
    for name, value in to_jsonable(report).items():
        if isinstance(value, list):
            click.echo(f"{name}:")
            for item in value:
                click.echo("  - " + _one_line(item))
        elif isinstance(value, dict):
            click.echo(f"{name}: " + _one_line(value))
        else:
            click.echo(f"{name}: {value}")


def _one_line(item: object) -> str:
    if isinstance(item, dict):
        return ", ".join(f"{k}={v}" for k, v in item.items())
    return str(item)
