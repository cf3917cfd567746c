"""Logging in to a key from a command: --pin-stdin, --final-try-ok, and the final-try question.

Shared by `netca seal write|delete` and `netca sign`; PINs from a prompt or stdin, never argv.
"""

from __future__ import annotations

import sys

import click

from netca_client.cli.context import read_pins
from netca_client.cli.i18n import t
from netca_client.core.errors import FinalTryNotConfirmed
from netca_client.core.token import KeySession

pin_stdin_option = click.option(
    "--pin-stdin", is_flag=True, help="Read the PIN from the first line of standard input."
)
final_try_option = click.option(
    "--final-try-ok", is_flag=True, help="Allow spending the final PIN try without asking."
)


def login_with_pin(session: KeySession, *, pin_stdin: bool, final_try_ok: bool) -> None:
    """Ask for the PIN and log in; on the final try ask first (a terminal only)."""
    (pin,) = read_pins(stdin=pin_stdin, prompts=["prompt-pin"], what="PIN")
    try:
        session.login(pin, allow_final_try=final_try_ok)
    except FinalTryNotConfirmed:
        if pin_stdin or not sys.stdin.isatty():
            raise
        click.confirm(t("final-try-confirm"), abort=True, err=True)
        session.login(pin, allow_final_try=True)
