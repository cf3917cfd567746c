"""The PIN policy holders are asked to follow when they choose a PIN (DOMAIN.md)."""

from __future__ import annotations

import string

DEFAULT_PIN = "12345678"
MIN_LENGTH = 8

# Reason codes: front ends turn them into sentences (gui/error_text.py, cli).
TOO_SHORT = "too-short"
TOO_FEW_CLASSES = "too-few-classes"
IS_DEFAULT = "is-default"
SAME_AS_OLD = "same-as-old"
TOO_LONG = "too-long"


def character_classes(pin: str) -> int:
    """How many of lower case, upper case, digits and other characters the PIN mixes."""
    classes = (
        any(c in string.ascii_lowercase for c in pin),
        any(c in string.ascii_uppercase for c in pin),
        any(c in string.digits for c in pin),
        any(not c.isascii() or not c.isalnum() for c in pin),
    )
    return sum(classes)


def pin_policy_problems(
    new_pin: str,
    *,
    old_pin: str | None = None,
    max_length: int = 0,
) -> tuple[str, ...]:
    """Reason codes the new PIN breaks; empty when it is acceptable.

    Policy: at least 8 characters, at least three of the four character
    classes, not the shipped default 12345678, not the old PIN, and not
    longer than the key accepts (``max_length``, 0 = unknown).
    """
    problems: list[str] = []
    if len(new_pin) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if character_classes(new_pin) < 3:
        problems.append(TOO_FEW_CLASSES)
    if new_pin == DEFAULT_PIN:
        problems.append(IS_DEFAULT)
    if old_pin is not None and new_pin == old_pin:
        problems.append(SAME_AS_OLD)
    if max_length and len(new_pin.encode("utf-8")) > max_length:
        problems.append(TOO_LONG)
    return tuple(problems)
