"""Key monitor differences: only changes are reported, removals before insertions."""

from __future__ import annotations

from netca_client.core.token import KeyEventKind, KeyRef, diff_keys


def _key(slot: int, serial: str) -> KeyRef:
    return KeyRef(slot_id=slot, serial=serial, label=serial, manufacturer="m", model="x")


def test_no_change_no_event() -> None:
    a = _key(1, "A")
    assert diff_keys({a.identity: a}, [a]) == []


def test_swap_in_the_same_slot_is_a_removal_then_an_insertion() -> None:
    a, b = _key(1, "A"), _key(1, "B")
    events = diff_keys({a.identity: a}, [b])
    assert [(e.kind, e.key.serial) for e in events] == [
        (KeyEventKind.REMOVED, "A"),
        (KeyEventKind.INSERTED, "B"),
    ]
