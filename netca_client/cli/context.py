"""Per-invocation state of the CLI: the settings (profile), the key modules (loaded on first
use), trust, and PIN input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netca_client.cli.i18n import t
from netca_client.core.config import ClientConfig, apply_environment, load_config
from netca_client.core.errors import KeyNotFound, UserCancelled
from netca_client.core.token import KeyRef, KeySession, TokenLibrary, choose_key

if TYPE_CHECKING:
    from netca_client.core.seals import SealTrust


@dataclass
class CliContext:
    #: --module / NETCA_PKCS11_MODULE: only these modules
    modules: tuple[str, ...] = ()
    _config: ClientConfig | None = field(default=None, repr=False)
    _library: TokenLibrary | None = field(default=None, repr=False)

    def config(self) -> ClientConfig:
        """The settings file in use (NETCA_CONFIG or --config: a profile such as the demo's)."""
        if self._config is None:
            self._config = load_config()
        return self._config

    def library(self) -> TokenLibrary:
        if self._library is None:
            config = self.config()
            apply_environment(config)
            extra = [config.pkcs11_module] if config.pkcs11_module else []
            self._library = TokenLibrary.load(self.modules or None, extra=extra)
        return self._library

    def keys(self, serial: str | None = None) -> list[KeyRef]:
        """The key named by ``serial`` (serial or label), or every key present.

        KeyNotFound when there is none: no key at all, or none of that name.
        """
        keys = self.library().keys()
        if serial is not None:
            return [choose_key(keys, serial)]
        if not keys:
            raise KeyNotFound()
        return keys

    def key(self, serial: str | None) -> KeyRef:
        return self.library().find(serial)

    def open(self, serial: str | None, *, rw: bool = False) -> KeySession:
        return self.library().open(self.key(serial), rw=rw)

    def seal_trust(self, trust_files: Sequence[Path] = ()) -> SealTrust:
        """Built-in roots, the user's trust directory, the profile's and --trust files."""
        files = [Path(p) for p in self.config().trust_files] + list(trust_files)
        from netca_client.core.seals import load_seal_trust  # seal checking, on use

        return load_seal_trust(extra_files=files)

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
