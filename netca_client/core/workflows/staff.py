"""Acceptance-point staff sessions (受理点模式) in the client.

The RA hands out an expiring Bearer token. It is kept in the OS keyring where there is one
(never in a plain file); without a keyring it lives only as long as the process.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from netca_client.core.errors import StaffLoginRequired
from netca_client.core.ra.client import RaClient
from netca_client.core.secrets import SecretStore

_MARGIN = dt.timedelta(seconds=30)


@dataclass(frozen=True)
class StaffSession:
    ra_url: str
    token: str
    username: str
    display_name: str
    role: str
    expires_at: dt.datetime

    def expired(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.UTC)) + _MARGIN >= self.expires_at

    def __repr__(self) -> str:  # never show the token
        return f"StaffSession({self.username!r} at {self.ra_url}, until {self.expires_at})"


def _name(ra_url: str) -> str:
    return f"staff-session:{ra_url.rstrip('/')}"


class StaffSessions:
    """The signed-in staff member for one RA, if any."""

    def __init__(self, secrets: SecretStore, ra_url: str) -> None:
        self._secrets = secrets
        self.ra_url = ra_url.rstrip("/")

    @property
    def persistent(self) -> bool:
        return self._secrets.persistent

    def current(self) -> StaffSession | None:
        """The stored session while it is valid; an expired one is forgotten."""
        raw = self._secrets.get(_name(self.ra_url))
        if not raw:
            return None
        try:
            body = json.loads(raw)
            session = StaffSession(
                ra_url=self.ra_url,
                token=str(body["token"]),
                username=str(body["username"]),
                display_name=str(body["display_name"]),
                role=str(body["role"]),
                expires_at=dt.datetime.fromisoformat(str(body["expires_at"])),
            )
        except (ValueError, KeyError, TypeError):
            self._secrets.delete(_name(self.ra_url))
            return None
        if session.expired():
            self._secrets.delete(_name(self.ra_url))
            return None
        return session

    def require(self) -> StaffSession:
        session = self.current()
        if session is None:
            raise StaffLoginRequired("no signed-in staff member for " + self.ra_url)
        return session

    def login(self, ra: RaClient, username: str, password: str) -> StaffSession:
        out = ra.staff_login(username, password)
        session = StaffSession(
            ra_url=self.ra_url,
            token=out.token,
            username=out.username,
            display_name=out.display_name,
            role=out.role.value,
            expires_at=out.expires_at,
        )
        body = {
            "token": out.token,
            "username": out.username,
            "display_name": out.display_name,
            "role": out.role.value,
            "expires_at": out.expires_at.isoformat(),
        }
        self._secrets.set(_name(self.ra_url), json.dumps(body))
        return session

    def logout(self, ra: RaClient | None = None) -> None:
        session = self.current()
        self._secrets.delete(_name(self.ra_url))
        if session is not None and ra is not None:
            ra.staff_logout(session.token)
