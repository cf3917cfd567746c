"""What the user types for the RA commands: codes, PINs and passwords from hidden prompts, or
with --stdin one a line from standard input as each is needed — never from argv."""

from __future__ import annotations

import sys

import click

from netca_client.cli.i18n import t
from netca_client.core.errors import PinPolicyViolation, UserCancelled
from netca_client.core.token import pin_policy_problems

stdin_option = click.option(
    "--stdin",
    "use_stdin",
    is_flag=True,
    help="Read codes, PINs and passwords from standard input, one a line, as each is needed.",
)


class Answers:
    """Secrets and codes from hidden prompts or, with --stdin, one line of stdin each."""

    def __init__(self, *, use_stdin: bool) -> None:
        self.use_stdin = use_stdin

    def read(self, prompt_key: str, *, hidden: bool = True, **fields: object) -> str:
        if self.use_stdin:
            line = sys.stdin.readline()
            if not line:
                raise click.UsageError(t("stdin-ended", what=t(prompt_key, **fields)))
            return line.rstrip("\r\n")
        try:
            return str(click.prompt(t(prompt_key, **fields), hide_input=hidden, err=True))
        except click.Abort as exc:
            raise UserCancelled() from exc

    def new_pin(self) -> str:
        pin = self.read("prompt-new-pin")
        if not self.use_stdin and self.read("prompt-repeat-pin") != pin:
            raise click.UsageError(t("pins-differ"))
        problems = pin_policy_problems(pin)
        if problems:
            raise PinPolicyViolation(problems)
        return pin
