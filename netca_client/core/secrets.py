"""Secrets at rest: the OS keyring when there is one, else this process's memory only.

Never a plain file: without a keyring backend (a headless Linux box has none) a secret lives
only as long as the process, and the caller asks again next time.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "netca-client"


def _usable(backend: KeyringBackend) -> bool:
    # keyring's fail/null backends (and chainers of nothing) have a priority below 1.
    try:
        return float(backend.priority) >= 1
    except Exception:
        return False


class SecretStore:
    """Named secrets for this user. ``persistent`` says whether they survive the process."""

    def __init__(self, *, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        chosen = backend if backend is not None else keyring.get_keyring()
        self._backend: KeyringBackend | None = chosen if _usable(chosen) else None
        self._memory: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        return self._backend is not None

    @property
    def backend_name(self) -> str:
        return type(self._backend).__name__ if self._backend else "memory"

    def get(self, name: str) -> str | None:
        if name in self._memory:
            return self._memory[name]
        if self._backend is None:
            return None
        try:
            return self._backend.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed (%s); using memory only", type(exc).__name__)
            return None

    def set(self, name: str, value: str) -> bool:
        """Keep ``value``; True when it went to the keyring, False when memory only."""
        if self._backend is not None:
            try:
                self._backend.set_password(self._service, name, value)
                self._memory.pop(name, None)
                return True
            except keyring.errors.KeyringError as exc:
                log.warning("keyring write failed (%s); using memory only", type(exc).__name__)
        self._memory[name] = value
        return False

    def delete(self, name: str) -> None:
        self._memory.pop(name, None)
        if self._backend is None:
            return
        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("keyring delete failed (%s)", type(exc).__name__)
