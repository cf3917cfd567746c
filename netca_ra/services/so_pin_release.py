"""Releasing a key's SO PIN to an authorised request, and which versions a release names.

A release tells the current version *v* (what the key holds) and a version for the next SO
PIN that no request was ever told before: ``KeyRecord.so_pin_issued`` counts every version
handed out, and a release takes the one after it. The version stays with its request, so a
client that crashed inside C_SetPIN gets the same pair again on the recovery path. Whoever
saw one release therefore never learns the SO PIN a later, legitimate unlock will set.

Versions released to requests that never confirmed may still be on the key (a client died
while setting one): a release lists them too, newest first, as candidates for the SO login.
"""

from __future__ import annotations

from collections.abc import Callable

from netca_protocol import SoPinRelease
from netca_ra.models import KeyRecord, KeyRequest

#: unconfirmed earlier versions named in one release (each wrong SO login costs a try)
MAX_UNCONFIRMED = 5


def next_version_for(record: KeyRecord, request: KeyRequest) -> int:
    """The request's next version: kept from an earlier release to it while the key is still
    where it was then, else a fresh one."""
    current = record.so_pin_version
    if request.next_version is not None and request.released_version == current:
        return request.next_version
    record.so_pin_issued = max(record.so_pin_issued, current) + 1
    return record.so_pin_issued


def unconfirmed_versions(record: KeyRecord, *, besides: int) -> list[int]:
    """Versions handed out after the current one and never confirmed, newest first."""
    newer = range(record.so_pin_issued, record.so_pin_version, -1)
    return [v for v in newer if v != besides][:MAX_UNCONFIRMED]


def release(
    record: KeyRecord, request: KeyRequest, *, derive: Callable[[str, int], str]
) -> SoPinRelease:
    """Record the release on ``request`` and build the answer (no commit, never stored)."""
    version = record.so_pin_version
    upcoming = next_version_for(record, request)
    request.released_version = version
    request.next_version = upcoming
    return SoPinRelease(
        so_pin=derive(record.serial, version),
        version=version,
        next_so_pin=derive(record.serial, upcoming),
        next_version=upcoming,
        unconfirmed_so_pins=[
            derive(record.serial, v) for v in unconfirmed_versions(record, besides=upcoming)
        ],
    )
