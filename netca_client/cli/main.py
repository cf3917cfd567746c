"""`netca`: the command-line front end. Errors become messages and exit codes in cli/errors."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from netca_client.cli.context import CliContext
from netca_client.cli.diagnostics import diagnostics
from netca_client.cli.errors import EXIT_CANCELLED, describe
from netca_client.cli.i18n import t
from netca_client.cli.keyjobs import activate, resume, staff, unlock
from netca_client.cli.keys import certs, keys, seals
from netca_client.cli.orders import orders
from netca_client.cli.pdf import sign, verify
from netca_client.cli.pin import pin
from netca_client.cli.seal import seal
from netca_client.cli.watch import watch
from netca_client.core.errors import NetcaError, UserCancelled


class _Group(click.Group):
    """Maps our error tree to a message and exit code in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NetcaError as exc:
            message, code = describe(exc)
            click.echo(message, err=True)
            ctx.exit(code)
        except UserCancelled:
            click.echo(t("cancelled"), err=True)
            ctx.exit(EXIT_CANCELLED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--module",
    envvar="NETCA_PKCS11_MODULE",
    help="PKCS#11 module to load (default: found through drivers/models.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log to standard error.")
@click.version_option(package_name="netca-client")
@click.pass_context
def main(ctx: click.Context, module: str | None, verbose: bool) -> None:
    """netca-client: USB keys, certificates, seals and PINs from the command line."""
    _configure_logging(verbose=verbose)
    cli = CliContext(module=module)
    ctx.obj = cli
    ctx.call_on_close(cli.close)


class _OwnWarningsOnly(logging.Filter):
    """Without --verbose, standard error carries our own warnings, one line each: libraries
    (pyhanko logs a traceback for every certificate path it cannot build) stay quiet, since
    every failure reaches the user as a message of ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = record.exc_text = None
        return record.name.startswith("netca")


def _configure_logging(*, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    if not verbose:
        handler.addFilter(_OwnWarningsOnly())
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])


main.add_command(keys)
main.add_command(certs)
main.add_command(seals)
main.add_command(seal)
main.add_command(pin)
main.add_command(watch)
main.add_command(diagnostics)
main.add_command(orders)
main.add_command(sign)
main.add_command(verify)
main.add_command(activate)
main.add_command(unlock)
main.add_command(resume)
main.add_command(staff)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def demo(ctx: click.Context) -> None:
    """The demo world: local RA and virtual USB keys (needs the `ra` extra)."""
    from netca_demo.cli import demo as demo_command  # development tool, imported on use

    demo_command.main(args=ctx.args, prog_name="netca demo", standalone_mode=True)
