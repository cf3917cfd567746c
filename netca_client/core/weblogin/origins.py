"""Which web origins may use the key through the loopback bridge: the user's answers
(允许一次/始终允许/始终拒绝) in a file of their own, and an administrator's read-only list.

Any thread: OriginPolicy guards its state with a lock. An origin is the browser's
``Origin`` header (scheme, host, port) compared in its normal form; never a pattern.
"""

from __future__ import annotations

import enum
import ipaddress
import json
import os
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from netca_client.core.atomic_files import write_atomically
from netca_client.core.errors import ConfigError

#: the administrator's list (a TOML file the user cannot change); this variable overrides
#: the system place (platformdirs.site_config_dir, e.g. /etc/xdg/netca-client on Linux)
ADMIN_ORIGINS_ENV = "NETCA_WEB_ADMIN_ORIGINS"
ADMIN_FILE_NAME = "web-origins.toml"
USER_FILE_NAME = "web-origins.json"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class OriginDecision(enum.StrEnum):
    """What the client does with an origin's requests."""

    ALLOW = "allow"  # on a list: answer
    DENY = "deny"  # on a list: 不允许 and nothing else
    ASK = "ask"  # nobody decided yet: the consent dialog asks the user


class ConsentAnswer(enum.StrEnum):
    """The consent dialog's buttons."""

    ONCE = "once"  # this connection only; asked again next time
    ALWAYS = "always"  # remembered
    NEVER = "never"  # remembered
    DECLINED = "declined"  # the dialog closed: not now, asked again next time


class OriginRefused(ValueError):
    """The header is no origin a page may have, or one the bridge never serves."""


@dataclass(frozen=True)
class OriginEntry:
    """One remembered origin, for 设置."""

    origin: str
    decision: OriginDecision
    #: from the administrator's file: shown, never changed by the user
    managed: bool


def normal_origin(header: str, *, allow_http_loopback: bool = False) -> str:
    """The origin in normal form (lower-case scheme and host, default port dropped).

    https only, except ``http://localhost`` and ``http://127.0.0.1`` (any port) when
    ``allow_http_loopback`` (development). ``null`` (sandboxed frames, file:) is refused.
    """
    text = header.strip()
    if not text or text == "null" or len(text) > 300:
        raise OriginRefused("no usable Origin")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise OriginRefused(f"not an origin: {text!r}")
    try:
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as exc:
        raise OriginRefused(f"not an origin: {text!r}") from exc
    if not host or any(c in host for c in " \t\\@"):
        raise OriginRefused(f"not an origin: {text!r}")
    if scheme == "https":
        default = 443
    elif scheme == "http" and allow_http_loopback and _loopback(host):
        default = 80
    elif scheme == "http":
        raise OriginRefused("http origins are refused (only https, or loopback in development)")
    else:
        raise OriginRefused(f"scheme {scheme!r} refused")
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}" + ("" if port in (None, default) else f":{port}")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_host(header: str, port: int) -> bool:
    """Whether a ``Host`` header names this service: 127.0.0.1 or localhost, on ``port``.

    The DNS-rebinding defence: a page at evil.example whose name now resolves to 127.0.0.1
    still sends ``Host: evil.example``.
    """
    text = header.strip().lower()
    return any(text in (name, f"{name}:{port}") for name in ("127.0.0.1", "localhost"))


def admin_origins_path() -> Path:
    override = os.environ.get(ADMIN_ORIGINS_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.site_config_dir("netca-client", appauthor=False)) / ADMIN_FILE_NAME


def user_origins_path(config_dir: Path) -> Path:
    return config_dir / USER_FILE_NAME


def read_admin_origins(path: Path, *, allow_http_loopback: bool) -> dict[str, OriginDecision]:
    """``allow = [...]`` and ``deny = [...]`` from the administrator's TOML file; none when
    the file is absent. A deny wins over an allow of the same origin."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    unknown = set(data) - {"allow", "deny"}
    if unknown:
        raise ConfigError(f"{path}: unknown settings {sorted(unknown)}")
    found: dict[str, OriginDecision] = {}
    for key, decision in (("allow", OriginDecision.ALLOW), ("deny", OriginDecision.DENY)):
        values = data.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{path}: {key} must be a list of origins")
        for value in values:
            try:
                found[normal_origin(value, allow_http_loopback=allow_http_loopback)] = decision
            except OriginRefused as exc:
                raise ConfigError(f"{path}: {exc}") from exc
    return found


class OriginPolicy:
    """The allow-list: the administrator's entries (read-only) over the user's answers."""

    def __init__(
        self,
        *,
        user_file: Path,
        admin_file: Path | None = None,
        allow_http_loopback: bool = False,
    ) -> None:
        self.user_file = user_file
        self.admin_file = admin_file or admin_origins_path()
        self.allow_http_loopback = allow_http_loopback
        self._lock = threading.Lock()
        self._admin = read_admin_origins(self.admin_file, allow_http_loopback=allow_http_loopback)
        self._user = self._read_user()

    def normal(self, header: str) -> str:
        """The header's origin in normal form; OriginRefused for one never served."""
        return normal_origin(header, allow_http_loopback=self.allow_http_loopback)

    def decision(self, origin: str) -> OriginDecision:
        with self._lock:
            return self._admin.get(origin) or self._user.get(origin) or OriginDecision.ASK

    def managed(self, origin: str) -> bool:
        return origin in self._admin

    def remember(self, origin: str, answer: ConsentAnswer) -> None:
        """Keep an ALWAYS or NEVER answer (the others are not remembered)."""
        if answer not in (ConsentAnswer.ALWAYS, ConsentAnswer.NEVER):
            return
        decision = OriginDecision.ALLOW if answer is ConsentAnswer.ALWAYS else OriginDecision.DENY
        self.set(origin, decision)

    def set(self, origin: str, decision: OriginDecision) -> None:
        """Change the user's answer for ``origin`` (ASK forgets it). An administrator's entry
        cannot be changed: ConfigError."""
        origin = self.normal(origin)
        with self._lock:
            if origin in self._admin:
                raise ConfigError(f"{origin} is set by the administrator")
            if decision is OriginDecision.ASK:
                self._user.pop(origin, None)
            else:
                self._user[origin] = decision
            self._write_user()

    def entries(self) -> list[OriginEntry]:
        """Every remembered origin, the administrator's first."""
        with self._lock:
            admin = [OriginEntry(o, d, True) for o, d in sorted(self._admin.items())]
            user = [
                OriginEntry(o, d, False)
                for o, d in sorted(self._user.items())
                if o not in self._admin
            ]
        return admin + user

    def _read_user(self) -> dict[str, OriginDecision]:
        try:
            data = json.loads(self.user_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read {self.user_file}: {exc}") from exc
        found: dict[str, OriginDecision] = {}
        for origin, value in dict(data.get("origins", {})).items():
            try:
                decision = OriginDecision(value)
                if decision is not OriginDecision.ASK:
                    found[self.normal(origin)] = decision
            except (ValueError, OriginRefused):
                continue  # an entry this version no longer accepts is dropped, not fatal
        return found

    def _write_user(self) -> None:
        body = {"origins": {o: d.value for o, d in sorted(self._user.items())}}
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        write_atomically(self.user_file, text.encode("utf-8"))
