"""Staff accounts (argon2 passwords, roles) and console sessions stored in the DB."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import StaffRole
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import Staff, StaffSession, utcnow
from netca_ra.services import ratelimit

MIN_PASSWORD_LENGTH = 10
USERNAME_PATTERN = r"^[A-Za-z0-9_.@-]{1,64}$"
LOGIN_WINDOW_SECONDS = 900


@dataclass(frozen=True)
class LoginLimits:
    """Failed sign-ins allowed per 15-minute window (RaSettings.failed_logins_*)."""

    per_user_and_client: int = 10
    per_client: int = 30
    per_user: int = 100


class LoginThrottled(Exception):
    """Too many failed logins for this user name; try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"login throttled for {retry_after} s")


#: a staff member's role: the protocol's, which the staff API answers with
Role = StaffRole


class Permission(StrEnum):
    VIEW = "view"
    REVIEW = "review"
    CONFIRM_PAYMENT = "confirm_payment"
    REVOKE = "revoke"
    PROVISION = "provision"  # prepare keys, issue onto them, register, return, authorise
    RECHECK = "recheck"  # 复审: mark an installed order's key ready for activation
    REVIEW_MATERIALS = "review_materials"  # unlock materials: approve or reject


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.REVIEWER: frozenset(
        {Permission.VIEW, Permission.REVIEW, Permission.RECHECK, Permission.REVIEW_MATERIALS}
    ),
    Role.COUNTER: frozenset({Permission.VIEW, Permission.CONFIRM_PAYMENT, Permission.PROVISION}),
    Role.ADMIN: frozenset(Permission),
}

ROLE_NAMES = {Role.REVIEWER: "审核员", Role.COUNTER: "受理点柜员", Role.ADMIN: "管理员"}


@dataclass(frozen=True)
class StaffPrincipal:
    staff_id: int
    username: str
    display_name: str
    role: Role
    csrf_token: str
    expires_at: datetime

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"

    def may(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise ApiError(ErrorCode.FORBIDDEN, 403, f"角色 {ROLE_NAMES[self.role]} 无此权限")


def _session_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"passwords need at least {MIN_PASSWORD_LENGTH} characters")


class StaffService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        session_ttl_seconds: int,
        login_limits: LoginLimits | None = None,
    ) -> None:
        self._sessions = sessions
        self._ttl = timedelta(seconds=session_ttl_seconds)
        self._limits = login_limits or LoginLimits()
        self._hasher = PasswordHasher()
        # Verified against when the user does not exist, so both paths cost one argon2 hash.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    def add(self, *, username: str, display_name: str, password: str, role: Role) -> None:
        if not re.fullmatch(USERNAME_PATTERN, username):
            raise ValueError("user names are 1-64 of A-Z a-z 0-9 _ . @ -")
        _check_password(password)
        with self._sessions.begin() as session:
            if session.scalar(select(Staff).where(Staff.username == username)) is not None:
                raise ValueError(f"staff {username!r} already exists")
            session.add(
                Staff(
                    username=username,
                    display_name=display_name,
                    password_hash=self._hasher.hash(password),
                    role=role,
                    active=True,
                )
            )

    def set_password(self, username: str, password: str) -> None:
        """A new password; every open session of the user ends (ValueError: no such user)."""
        _check_password(password)
        hashed = self._hasher.hash(password)
        with self._sessions.begin() as session:
            staff = self._find(session, username)
            staff.password_hash = hashed
            session.execute(delete(StaffSession).where(StaffSession.staff_id == staff.id))

    def set_active(self, username: str, *, active: bool) -> None:
        """Disable (sessions end at once, sign-ins are refused) or enable a staff account."""
        with self._sessions.begin() as session:
            staff = self._find(session, username)
            staff.active = active
            if not active:
                session.execute(delete(StaffSession).where(StaffSession.staff_id == staff.id))

    @staticmethod
    def _find(session: Session, username: str) -> Staff:
        staff = session.scalar(select(Staff).where(Staff.username == username))
        if staff is None:
            raise ValueError(f"no staff member {username!r}")
        return staff

    def _login_counters(self, username: str, client: str) -> list[tuple[str, str, int]]:
        name = username.casefold()[:64]
        limits = self._limits
        return [
            ("login", ratelimit.counter_key(name, client), limits.per_user_and_client),
            ("login-client", ratelimit.counter_key(client), limits.per_client),
            ("login-user", ratelimit.counter_key(name), limits.per_user),
        ]

    def login(self, *, username: str, password: str, client: str) -> str | None:
        """A new session token for good credentials, else None (same cost either way).

        Each try takes a slot in three counters first (one atomic upsert each, so parallel
        guesses cannot slip past a limit): this user name from this client, this client for
        any name, this user name from anywhere. Past any limit the try is refused before the
        password is looked at. The password is checked outside any transaction (argon2 takes
        tens of milliseconds; SQLite would hold its write lock for them); a right one gives
        its slots back.
        """
        counters = self._login_counters(username, client)
        with self._sessions.begin() as session:
            waits = []
            for scope, key, limit in counters:
                count, left = ratelimit.bump(
                    session, scope=scope, key=key, window_seconds=LOGIN_WINDOW_SECONDS
                )
                if count > limit:
                    waits.append(left)
            if waits:
                raise LoginThrottled(max(waits))  # rolls the slots back: no password was tried
            staff = session.scalar(select(Staff).where(Staff.username == username))
            stored = staff.password_hash if staff is not None else self._dummy_hash
            usable = staff is not None and staff.active
        try:
            self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if not usable or staff is None:
            return None
        return self._open_session(staff.id, password, counters)

    def _open_session(
        self, staff_id: int, password: str, counters: list[tuple[str, str, int]]
    ) -> str:
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._sessions.begin() as session:
            for scope, key, _ in counters:
                ratelimit.give_back(
                    session, scope=scope, key=key, window_seconds=LOGIN_WINDOW_SECONDS
                )
            staff = session.get(Staff, staff_id)
            assert staff is not None
            if self._hasher.check_needs_rehash(staff.password_hash):
                staff.password_hash = self._hasher.hash(password)
            session.add(
                StaffSession(
                    token_hash=_session_hash(token),
                    staff_id=staff_id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + self._ttl,
                )
            )
            session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
        return token

    def principal(self, token: str | None) -> StaffPrincipal | None:
        if not token:
            return None
        with self._sessions.begin() as session:
            row = session.get(StaffSession, _session_hash(token))
            if row is None or row.expires_at < utcnow() or not row.staff.active:
                return None
            return StaffPrincipal(
                staff_id=row.staff.id,
                username=row.staff.username,
                display_name=row.staff.display_name,
                role=row.staff.role,
                csrf_token=row.csrf_token,
                expires_at=row.expires_at,
            )

    def logout(self, token: str) -> None:
        with self._sessions.begin() as session:
            session.execute(
                delete(StaffSession).where(StaffSession.token_hash == _session_hash(token))
            )
