"""`netca diagnostics`: modules loaded and not, keys, capabilities, the RA; serials redacted."""

from __future__ import annotations

from typing import Any

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.output import emit_json
from netca_client.core.config import config_path
from netca_client.core.diagnostics import collect
from netca_client.core.errors import NetcaError


def _collect(cli: CliContext, *, check_ra: bool) -> dict[str, Any]:
    try:
        config = cli.config()
    except NetcaError:
        config = None
    ra_url = config.ra_url if config and check_ra else None
    bundle = config.ra_ca_bundle if config else None
    try:
        library = cli.library()
    except NetcaError as exc:
        return collect(
            None, load_error=exc, ra_url=ra_url, ra_ca_bundle=bundle, config_file=config_path()
        )
    return collect(library, ra_url=ra_url, ra_ca_bundle=bundle, config_file=config_path())


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--no-ra", is_flag=True, help="Do not ask the RA whether it answers.")
@pass_context
def diagnostics(cli: CliContext, as_json: bool, no_ra: bool) -> None:
    """What the client sees: modules, keys, capabilities, the RA. Safe to share (serials
    redacted, no PIN)."""
    report = _collect(cli, check_ra=not no_ra)
    if as_json:
        emit_json(report)
        return
    for line in report_lines(report):
        click.echo(line)


def report_lines(report: dict[str, Any]) -> list[str]:
    """The report for people, section by section."""
    lines = [
        t("diag-title", version=report["netca_client"]),
        t("diag-system", platform=report["platform"], python=report["python"]),
        t("diag-config", path=report.get("config") or "-"),
        t("diag-registry", path=report["registry"]),
        "",
        t("diag-modules", n=len(report["modules"])),
    ]
    for module in report["modules"]:
        lines.append(
            t(
                "diag-module",
                path=module["path"],
                model=module["model"] or "-",
                manufacturer=module["manufacturer"] or "",
                description=module["description"] or "",
                version=module["library_version"] or "",
                sha256=module["sha256"] or "-",
                keys=module.get("keys", 0),
            )
        )
    lines.append(t("diag-failures", n=len(report["module_failures"])))
    for failure in report["module_failures"]:
        lines.append(t("diag-failure", path=failure["path"], reason=failure["reason"]))
    if not report["module_failures"]:
        lines.append(t("diag-none"))
    if report.get("module_error"):
        lines.append("  " + report["module_error"])
    lines += ["", t("diag-keys", n=len(report["keys"]))]
    for key in report["keys"]:
        if "error" in key:
            lines.append("  " + key["error"])
            continue
        lines.append(
            t(
                "diag-key",
                label=key["label"] or "-",
                serial=key["serial"] or "-",
                module=key["module"],
                slot=key["slot"],
                model=key["registry_model"] or key["model"],
                capabilities=", ".join(key["capabilities"]) or "-",
            )
        )
    if not report["keys"]:
        lines.append(t("diag-none"))
    ra = report.get("ra")
    if ra:
        key = "diag-ra-ok" if ra["reachable"] else "diag-ra-bad"
        lines += ["", t(key, url=ra["url"], detail=ra["detail"])]
    return lines
