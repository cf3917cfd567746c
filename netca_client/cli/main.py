"""`netca`: the command-line front end. Errors become messages and exit codes in cli/errors."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Any

import click

from netca_client.cli.exit_codes import EXIT_CANCELLED, EXIT_ERROR
from netca_client.cli.i18n import t
from netca_client.core.config import CONFIG_ENV
from netca_client.core.errors import NetcaError, UserCancelled

log = logging.getLogger("netca_client.cli")

# Every command's module, imported only when that command runs (or --help lists it): `netca
# keys` loads the key layer, not the RA client, pydantic, keyring or pyhanko.
_COMMANDS = {
    "activate": "netca_client.cli.keyjobs",
    "certs": "netca_client.cli.keys",
    "diagnostics": "netca_client.cli.diagnostics",
    "install": "netca_client.cli.renew",
    "keys": "netca_client.cli.keys",
    "orders": "netca_client.cli.orders",
    "pin": "netca_client.cli.pin",
    "renew": "netca_client.cli.renew",
    "resume": "netca_client.cli.keyjobs",
    "seal": "netca_client.cli.seal",
    "seals": "netca_client.cli.seals_list",
    "sign": "netca_client.cli.pdf",
    "staff": "netca_client.cli.staff",
    "unlock": "netca_client.cli.keyjobs",
    "verify": "netca_client.cli.pdf",
    "watch": "netca_client.cli.watch",
}


class _Group(click.Group):
    """Maps our error tree to a message and exit code in one place; nothing else leaks a
    traceback to the user (it goes to the log: -v shows it)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NetcaError as exc:
            from netca_client.cli.errors import describe

            message, code = describe(exc)
            click.echo(message, err=True)
            ctx.exit(code)
        except (UserCancelled, KeyboardInterrupt):
            click.echo(t("cancelled"), err=True)
            ctx.exit(EXIT_CANCELLED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:
            log.debug("file or system error", exc_info=True)
            click.echo(t("err-os", detail=_one_line(exc)), err=True)
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # a bug: say so in one line, keep the traceback for -v
            log.debug("unexpected error", exc_info=True)
            click.echo(t("err-bug", kind=type(exc).__name__, detail=_one_line(exc)), err=True)
            ctx.exit(EXIT_ERROR)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "demo":
            return _demo_command()
        if name in _COMMANDS and name not in self.commands:
            command = getattr(importlib.import_module(_COMMANDS[name]), name)
            assert isinstance(command, click.Command)
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS, "demo"})


class _NoTraceback(logging.Formatter):
    """Without -v a log line is one line: tracebacks (pyhanko logs its own) stay out."""

    def formatException(self, ei: Any) -> str:
        return ""

    def formatStack(self, stack_info: str) -> str:
        return ""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = ""
        return super().format(record).rstrip()


def _log_to_stderr(*, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    text = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(text) if verbose else _NoTraceback(text))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Without -v: our own warnings, and only errors from the libraries underneath. A module
    # that cannot be used is reported by `netca diagnostics`, not on every call.
    root.setLevel(logging.DEBUG if verbose else logging.ERROR)
    if not verbose:
        logging.getLogger("netca_client").setLevel(logging.WARNING)
        logging.getLogger("netca_client.core.token").setLevel(logging.ERROR)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _demo_command() -> click.Command:
    """`netca demo` lives in the development package netca_demo (the `ra` extra): loaded on
    use, so `netca --help` works without it and `netca demo --help` shows its own options."""
    try:
        from netca_demo.cli import demo
    except ImportError as exc:
        reason = _one_line(exc)

        @click.command("demo", help="The demo world (needs the `ra` extra: pip install '.[ra]').")
        def missing() -> None:
            raise click.ClickException(t("demo-missing", detail=reason))

        return missing
    return demo


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--module",
    "modules",
    multiple=True,
    type=click.Path(dir_okay=False),
    envvar="NETCA_PKCS11_MODULE",
    help="Use only this PKCS#11 module (repeatable; env NETCA_PKCS11_MODULE, several "
    f"separated by '{os.pathsep}'). Default: every module drivers/models.toml finds, plus "
    "the configured one.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help=f"Settings file (profile) to use instead of the default (env {CONFIG_ENV}).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log to standard error.")
@click.version_option(package_name="netca-client")
@click.pass_context
def main(
    ctx: click.Context, modules: tuple[str, ...], config_file: str | None, verbose: bool
) -> None:
    """netca-client: USB keys, certificates, seals and PINs from the command line."""
    _log_to_stderr(verbose=verbose)
    if config_file:
        os.environ[CONFIG_ENV] = config_file  # every load_config() of this run reads it
    from netca_client.cli.context import CliContext

    cli = CliContext(modules=modules)
    ctx.obj = cli
    ctx.call_on_close(cli.close)
