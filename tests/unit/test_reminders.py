"""Expiry reminders fire once per threshold, the tightest one, never for expired items."""

from __future__ import annotations

from netca_client.core.certs.reminders import Expiring, due_reminders


def _item(days: int, ident: str = "a") -> Expiring:
    return Expiring(ident, "张三", days, "certificate")


def test_the_tightest_threshold_is_chosen() -> None:
    assert [r.threshold for r in due_reminders([_item(20)])] == [30]
    assert [r.threshold for r in due_reminders([_item(7)])] == [7]
    assert [r.threshold for r in due_reminders([_item(89)])] == [90]
    assert due_reminders([_item(91)]) == []


def test_expired_items_and_sent_reminders_are_skipped() -> None:
    assert due_reminders([_item(-1)]) == []
    first = due_reminders([_item(20)])
    assert due_reminders([_item(19)], already_sent=frozenset(r.key for r in first)) == []
    assert [
        r.threshold for r in due_reminders([_item(6)], already_sent=frozenset(r.key for r in first))
    ] == [7]


def test_seals_and_certificates_are_remembered_separately() -> None:
    cert = Expiring("x", "n", 5, "certificate")
    seal = Expiring("x", "n", 5, "seal")
    keys = {r.key for r in due_reminders([cert, seal])}
    assert len(keys) == 2
