"""`netca seal export|write|delete`: one seal on a key. PINs from a prompt or stdin, never argv."""

from __future__ import annotations

from pathlib import Path

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import key_option
from netca_client.cli.pin_login import final_try_option, login_with_pin, pin_stdin_option
from netca_client.cli.seal_report import seal_trust
from netca_client.core.atomic_files import TargetExists, write_atomically
from netca_client.core.seals import key_holding_seal, write_seal


@click.group()
def seal() -> None:
    """Seals: apply, change, edit, submit, install and follow an application (申请印章 /
    变更印章 / 修改资料 / 安装印章); save a seal's picture, write or delete it."""


@seal.command("export")
@click.argument("name")
@key_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to save the picture (PNG for the seals our RA makes).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@pass_context
def export(cli: CliContext, name: str, serial: str | None, output: Path, force: bool) -> None:
    """Save the picture of the seal NAME (its label, or its seal id) to a file."""
    if output.exists() and not force:
        raise click.ClickException(t("file-exists", path=str(output)))
    # Trust does not matter for the picture; skip loading more roots.
    _key, chosen = key_holding_seal(cli.library(), name, trust=seal_trust(()), wanted=serial)
    try:
        write_atomically(output, chosen.picture_png(), replace=force)
    except TargetExists:
        raise click.ClickException(t("file-exists", path=str(output))) from None
    click.echo(t("seal-exported", name=chosen.name, path=str(output)))


@seal.command("write")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@key_option
@click.option("--label", help="Object label (default: the seal's name).")
@pin_stdin_option
@final_try_option
@pass_context
def write(
    cli: CliContext,
    file: Path,
    serial: str | None,
    label: str | None,
    pin_stdin: bool,
    final_try_ok: bool,
) -> None:
    """Write the seal in FILE (DER) to the key, replacing a seal with the same label.

    For developers: seals normally come from the RA. The new object is read back and
    parsed before the old one is deleted. A seal that parses but fails its checks is
    written anyway (`netca seals` reports why); bytes that are not a seal are refused.
    """
    der = file.read_bytes()
    with cli.open(serial, rw=True) as session:
        login_with_pin(session, pin_stdin=pin_stdin, final_try_ok=final_try_ok)
        written = write_seal(session, der, label=label)
    click.echo(t("seal-written", label=written.label, size=written.size))


@seal.command("delete")
@click.argument("name")
@key_option
@pin_stdin_option
@final_try_option
@pass_context
def delete(
    cli: CliContext, name: str, serial: str | None, pin_stdin: bool, final_try_ok: bool
) -> None:
    """Delete the seal(s) labelled NAME from the key that holds it (or from --key)."""
    if serial is not None:
        key = cli.key(serial)
    else:
        key, _seal = key_holding_seal(cli.library(), name, trust=seal_trust(()))
    with cli.library().open(key, rw=True) as session:
        login_with_pin(session, pin_stdin=pin_stdin, final_try_ok=final_try_ok)
        count = session.delete_seal(name)
    click.echo(t("seal-deleted", n=count, label=name))


# 申请 / 变更 / 修改资料 / 安装: the seal applications (issue 18) live in their own module
from netca_client.cli.seal_orders import SEAL_ORDER_COMMANDS  # noqa: E402

for _command in SEAL_ORDER_COMMANDS:
    seal.add_command(_command)
