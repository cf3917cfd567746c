"""`netca diagnostics`: modules found, the loaded module, keys, capabilities; serials redacted."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.output import emit_json, redact, to_jsonable
from netca_client.core.errors import NetcaError
from netca_client.core.token import DriverRegistry
from netca_client.core.token.registry import default_registry_path


def collect(cli: CliContext) -> dict[str, object]:
    registry_path = default_registry_path()
    registry = DriverRegistry.load(registry_path)
    report: dict[str, object] = {
        "netca_client": metadata.version("netca-client"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "registry": str(registry_path),
        "modules_found": [
            {
                "path": c.path,
                "origin": c.origin,
                "model": c.model.id if c.model else None,
                "verified": c.model.verified if c.model else None,
            }
            for c in registry.discover()
        ],
    }
    try:
        library = cli.library()
        report["module"] = library.module_info()
        keys = []
        for key in library.keys():
            model = library.model_for(key)
            keys.append(
                {
                    "slot": key.slot_id,
                    "serial": redact(key.serial),
                    "label": key.label,
                    "manufacturer": key.manufacturer,
                    "model": key.model,
                    "registry_model": key.model_id,
                    "initialized": key.initialized,
                    "capabilities": list(model.capabilities) if model else [],
                    "max_pin_tries": model.max_pin_tries if model else None,
                }
            )
        report["keys"] = keys
    except NetcaError as exc:
        report["module_error"] = f"{type(exc).__name__}: {exc}"
    return report


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def diagnostics(cli: CliContext, as_json: bool) -> None:
    """What the client sees: modules, keys, capabilities. Safe to share (serials redacted)."""
    report = collect(cli)
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
