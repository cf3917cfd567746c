"""Expiry reminders: which certificates crossed a 90/30/7-day threshold not yet announced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netca_client.core.certs.summary import CertificateSummary


@dataclass(frozen=True)
class Reminder:
    """Tell the holder once per certificate and threshold."""

    sha256: str
    subject_cn: str
    days_left: int
    threshold: int

    @property
    def key(self) -> str:
        return f"{self.sha256}:{self.threshold}"


def due_reminders(
    certificates: Iterable[CertificateSummary],
    *,
    thresholds: Iterable[int] = (90, 30, 7),
    already_sent: frozenset[str] = frozenset(),
) -> list[Reminder]:
    """The tightest threshold each certificate is within, unless sent before; expired ones skip."""
    ordered = sorted(set(thresholds))
    due: list[Reminder] = []
    for cert in certificates:
        if cert.days_left < 0:
            continue
        within = [t for t in ordered if cert.days_left <= t]
        if not within:
            continue
        reminder = Reminder(cert.sha256, cert.subject_cn, cert.days_left, within[0])
        if reminder.key not in already_sent:
            due.append(reminder)
    return due
