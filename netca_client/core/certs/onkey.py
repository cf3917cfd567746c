"""Reading a key's certificates through a KeySession: each stored object summarised.

Any thread may call it; the session hops to the token thread, parsing runs in the caller's.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from netca_client.core.certs.summary import CertificateSummary, summarize

if TYPE_CHECKING:
    from netca_client.core.token.session import KeySession

log = logging.getLogger(__name__)


def key_certificates(
    session: KeySession, *, now: dt.datetime | None = None
) -> list[CertificateSummary]:
    """X.509 certificates on the key, soonest expiry first; one that does not parse is
    logged and left out."""
    found: list[CertificateSummary] = []
    for stored in session.certificate_objects():
        try:
            found.append(summarize(stored.der, now=now, label=stored.label, key_id=stored.key_id))
        except ValueError as exc:
            log.warning("certificate %r on %s does not parse: %s", stored.label, session.key, exc)
    return sorted(found, key=lambda c: c.not_after)
