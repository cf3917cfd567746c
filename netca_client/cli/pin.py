"""`netca pin status` and `netca pin change`. PINs come from a prompt or --pin-stdin, never argv."""

from __future__ import annotations

import sys

import click

from netca_client.cli.context import CliContext, pass_context, read_pins
from netca_client.cli.i18n import t
from netca_client.cli.keys import each_key, json_option, key_heading, key_option, pin_state_text
from netca_client.cli.output import emit_json
from netca_client.core.errors import FinalTryNotConfirmed, PinPolicyViolation
from netca_client.core.token import pin_policy_problems


@click.group()
def pin() -> None:
    """PIN state and PIN change."""


@pin.command("status")
@key_option
@json_option
@pass_context
def status(cli: CliContext, serial: str | None, as_json: bool) -> None:
    """How many PIN tries are left and whether the PIN is locked, for every key (or --key)."""
    found = list(each_key(cli, serial, lambda session: session.pin_status()))
    if as_json:
        emit_json([{"key": key, "pin": current} for key, current in found])
        return
    for key, current in found:
        click.echo(t("key-pin-state", heading=key_heading(key), state=pin_state_text(current)))


@pin.command("change")
@key_option
@click.option(
    "--pin-stdin", is_flag=True, help="Read the old and the new PIN, a line each, from stdin."
)
@click.option(
    "--final-try-ok",
    is_flag=True,
    help="Allow spending the final try without asking (for scripts).",
)
@pass_context
def change(cli: CliContext, serial: str | None, pin_stdin: bool, final_try_ok: bool) -> None:
    """Change the PIN (policy: 8+ characters, 3 of 4 character classes, not 12345678)."""
    if pin_stdin:
        old, new = read_pins(
            stdin=True, prompts=["prompt-old-pin", "prompt-new-pin"], what="old, new"
        )
    else:
        old, new, again = read_pins(
            stdin=False,
            prompts=["prompt-old-pin", "prompt-new-pin", "prompt-repeat-pin"],
            what="",
        )
        if new != again:
            raise click.UsageError(t("pins-differ"))
    # Check the policy before the old PIN is spent on the key.
    problems = pin_policy_problems(new, old_pin=old)
    if problems:
        raise PinPolicyViolation(problems)
    with cli.open(serial, rw=True) as session:
        try:
            session.change_pin(old, new, allow_final_try=final_try_ok)
        except FinalTryNotConfirmed:
            if pin_stdin or not sys.stdin.isatty():
                raise
            click.confirm(t("final-try-confirm"), abort=True, err=True)
            session.change_pin(old, new, allow_final_try=True)
    click.echo(t("pin-changed"))
