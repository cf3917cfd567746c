"""Archived key pairs: an encryption-capable pair a renewal replaced is kept, never destroyed,
under a label that says so (files encrypted to it must stay readable). Archived certificates
are not the key's current ones: no expiry warnings, never chosen for signing."""

from __future__ import annotations

ARCHIVED_PREFIX = "已归档 "


def archived_label(label: str) -> str:
    return label if is_archived(label) else ARCHIVED_PREFIX + label


def is_archived(label: str) -> bool:
    return label.startswith(ARCHIVED_PREFIX)
