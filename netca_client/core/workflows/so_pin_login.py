"""Logging in as SO with the SO PINs the RA released: which to try, in what order, and never
the final try (a locked SO PIN would leave the key to the counter for good)."""

from __future__ import annotations

import logging

from netca_client.core.errors import FinalTryNotConfirmed, PinIncorrect, PinLocked, SoPinUnusable
from netca_client.core.token import KeySession
from netca_protocol.models import SoPinRelease

log = logging.getLogger(__name__)


def so_pin_candidates(release: SoPinRelease, *, rotating: bool) -> list[str]:
    """The SO PINs to try, most likely first. After a crash inside this request's SO PIN
    change the key holds the next one or v; otherwise v, or one an earlier request that
    never confirmed set; the next one last (an RA that still answers v+1 for every request
    left it there when such a request died)."""
    current = [release.so_pin, *release.unconfirmed_so_pins]
    candidates = [release.next_so_pin, *current] if rotating else [*current, release.next_so_pin]
    return list(dict.fromkeys(candidates))


def so_login(session: KeySession, candidates: list[str]) -> str:
    """Log in as SO with the first candidate that opens the key; never spend the final try."""
    for so_pin in candidates:
        try:
            session.login_so(so_pin)
            return so_pin
        except PinIncorrect as exc:
            log.warning("released SO PIN candidate refused (SO tries left %s)", exc.tries_left)
            continue
        except FinalTryNotConfirmed:
            raise SoPinUnusable(1) from None
        except PinLocked:
            raise SoPinUnusable(0) from None
    raise SoPinUnusable(session.pin_status().so_tries_left)
