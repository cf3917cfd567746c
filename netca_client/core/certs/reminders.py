"""Expiry reminders: certificates and seals within a 90/30/7-day threshold, announced once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Expiring:
    """Anything with an end date the holder should hear about: a certificate or a seal."""

    ident: str  # stable across restarts: a certificate's SHA-256, a seal's id
    name: str
    days_left: int
    kind: str  # "certificate" or "seal"


@dataclass(frozen=True)
class Reminder:
    """Tell the holder once per item and threshold."""

    item: Expiring
    threshold: int

    @property
    def key(self) -> str:
        return f"{self.item.kind}:{self.item.ident}:{self.threshold}"


def due_reminders(
    items: Iterable[Expiring],
    *,
    thresholds: Iterable[int] = (90, 30, 7),
    already_sent: frozenset[str] = frozenset(),
) -> list[Reminder]:
    """The tightest threshold each item is within, unless sent before; expired items skip."""
    ordered = sorted(set(thresholds))
    due: list[Reminder] = []
    for item in items:
        if item.days_left < 0:
            continue
        within = [t for t in ordered if item.days_left <= t]
        if not within:
            continue
        reminder = Reminder(item, within[0])
        if reminder.key not in already_sent:
            due.append(reminder)
    return due
