"""`netca seals`: the seals on every key (or one), each checked; no PIN needed. Its own
module so that `netca keys` loads no seal checking."""

from __future__ import annotations

from pathlib import Path

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import each_key, json_option, key_heading, key_option
from netca_client.cli.output import emit_json
from netca_client.cli.seal_report import seal_advice, seal_line, trust_option
from netca_client.core.seals import key_seals


@click.command()
@key_option
@trust_option
@json_option
@pass_context
def seals(
    cli: CliContext, serial: str | None, trust_files: tuple[Path, ...], as_json: bool
) -> None:
    """List the seals on every key (or on --key SERIAL) and check each one; no PIN needed.

    A seal is valid when its maker's signature verifies, the maker chains to a trusted
    seal-maker root, it is within its validity and a certificate on the key may use it.
    An intact seal whose maker is unknown here is "not trusted here", not invalid.
    """
    trust = cli.seal_trust(trust_files)
    found = list(each_key(cli, serial, lambda session: key_seals(session, trust=trust)))
    if as_json:
        emit_json(
            [{"key": key, "seals": [seal.as_dict() for seal in on_key]} for key, on_key in found]
        )
        return
    verdicts: set[str] = set()
    for key, on_key in found:
        click.echo(key_heading(key))
        if not on_key:
            click.echo("  " + t("no-seals"))
        for seal in on_key:
            click.echo("  " + seal_line(seal))
            verdicts.add(seal.verdict)
    for advice in seal_advice(verdicts):
        click.echo(advice)
