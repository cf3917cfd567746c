"""Choosing one key among those listed: by serial or label, or the only one there is.
Pure functions over KeyRefs, any thread (TokenLibrary.find and choose_key_that use them)."""

from __future__ import annotations

from collections.abc import Sequence

from netca_client.core.errors import KeyAmbiguous, KeyNotFound
from netca_client.core.token.models import KeyRef


def matches(key: KeyRef, wanted: str) -> bool:
    """Whether ``wanted`` names this key: its serial or its label."""
    return wanted in (key.serial, key.label)


def choose_key(keys: Sequence[KeyRef], wanted: str | None = None) -> KeyRef:
    """The key named by ``wanted`` (serial or label), else the only key present.

    KeyNotFound when none fits (no key at all, or none of that name); KeyAmbiguous when
    several do (two keys plugged in and none named, or two keys with one label).
    """
    if wanted is None:
        if not keys:
            raise KeyNotFound()
        if len(keys) > 1:
            raise KeyAmbiguous("", keys)
        return keys[0]
    fitting = [k for k in keys if matches(k, wanted)]
    if not fitting:
        raise KeyNotFound(wanted)
    by_serial = [k for k in fitting if k.serial == wanted]
    if len(fitting) > 1 and len(by_serial) == 1:
        return by_serial[0]  # a serial beats a label that happens to be the same text
    if len(fitting) > 1:
        raise KeyAmbiguous(wanted, fitting)
    return fitting[0]
