"""Per-invocation state of the CLI: the key library (loaded on first use) and PIN input."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import click

from netca_client.cli.i18n import t
from netca_client.core.config import load_config
from netca_client.core.errors import UserCancelled
from netca_client.core.token import KeyRef, KeySession, TokenLibrary


@dataclass
class CliContext:
    module: str | None = None
    _library: TokenLibrary | None = field(default=None, repr=False)

    def library(self) -> TokenLibrary:
        if self._library is None:
            module = self.module or load_config().pkcs11_module
            self._library = TokenLibrary.load(module)
        return self._library

    def key(self, serial: str | None) -> KeyRef:
        return self.library().find(serial)

    def open(self, serial: str | None, *, rw: bool = False) -> KeySession:
        return self.library().open(self.key(serial), rw=rw)

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


pass_context = click.make_pass_decorator(CliContext)


def read_pins(*, stdin: bool, prompts: list[str], what: str) -> list[str]:
    """PINs from standard input (one a line) or from hidden prompts — never from argv."""
    if stdin:
        lines = sys.stdin.read().splitlines()
        if len(lines) < len(prompts):
            raise click.UsageError(t("stdin-needs-lines", n=len(prompts), what=what))
        return lines[: len(prompts)]
    try:
        return [click.prompt(t(p), hide_input=True, err=True) for p in prompts]
    except click.Abort as exc:
        raise UserCancelled() from exc
