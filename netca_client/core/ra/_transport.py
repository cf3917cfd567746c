"""HTTP exchanges with the RA, hardened: no redirects, answers of bounded size, a deadline.

requests' read timeout bounds each wait for the next byte, not the exchange: a server that
sends one byte every few seconds never trips it. Here a watchdog shuts the connection's socket
down when the exchange's deadline passes, while the headers or the body are read. Redirects
are never followed, so the order, request and staff tokens in our headers only ever go to the
RA's own origin (requests would forward custom headers to wherever a redirect points).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

log = logging.getLogger(__name__)

#: the largest answer read from the RA (its biggest, a certificate with its chain, is ~10 KB)
MAX_ANSWER_BYTES = 2 * 1024 * 1024
#: one exchange (connect, send, headers, body) and its retries end by then at the latest
DEFAULT_DEADLINE = 60.0
#: set to 1 to allow plain http to an RA that is not on this machine (a test network)
ALLOW_HTTP_ENV = "NETCA_RA_ALLOW_HTTP"

_current = threading.local()


class DeadlinePassed(Exception):
    """The exchange did not finish before its deadline (the socket was shut down)."""


class AnswerTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the answer is larger than {limit} bytes")


class Redirected(Exception):
    def __init__(self, status: int, location: str) -> None:
        self.status = status
        self.location = location
        super().__init__(f"the RA answered {status} to {location!r}; redirects are not followed")


class InsecureUrl(Exception):
    """A plain-http RA URL for a host that is not this machine."""


@dataclass(frozen=True)
class Answer:
    """A complete answer from the RA (its body read, within the size limit)."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def ok(self) -> bool:
        return self.status_code < 400

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.content)


def check_base_url(base_url: str, *, allow_http: bool) -> None:
    """https, or plain http to this machine (development); elsewhere http is refused unless
    ``allow_http``, and then only with a warning in the log."""
    parts = urlsplit(base_url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme != "http" or not parts.hostname:
        raise InsecureUrl(f"the RA address must be an https:// URL, not {base_url!r}")
    if _is_local(parts.hostname):
        return
    if not allow_http:
        raise InsecureUrl(
            f"plain http to the RA at {parts.hostname} is refused: tokens, codes and SO PINs "
            f"would travel unencrypted; use https (or set {ALLOW_HTTP_ENV}=1 on a test network)"
        )
    log.warning("plain http to the RA at %s: nothing is encrypted", parts.hostname)


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Watch:
    """Shuts the exchange's connection down when ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._connection: HTTPConnection | None = None
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def attach(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connection = connection

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connection = self._connection
        sock = connection.sock if connection is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watch:
        _current.watch = self
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        _current.watch = None


def _attach(connection: HTTPConnection) -> None:
    watch = getattr(_current, "watch", None)
    if isinstance(watch, _Watch):
        watch.attach(connection)


class _WatchedHTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach(self)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _use_watched_pools(self.poolmanager)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(*args, **kwargs)
        _use_watched_pools(manager)
        return manager


def _use_watched_pools(manager: PoolManager) -> None:
    manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def prepare(session: requests.Session) -> requests.Session:
    """Mount the watched adapter for both schemes; redirects are refused per request."""
    adapter = _WatchedAdapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def exchange(
    session: requests.Session,
    method: str,
    url: str,
    *,
    seconds: float,
    max_bytes: int,
    **kwargs: Any,
) -> Answer:
    """One request and its whole answer, within ``seconds`` and ``max_bytes``."""
    started = time.monotonic()
    with _Watch(seconds) as watch:
        try:
            response = session.request(method, url, allow_redirects=False, stream=True, **kwargs)
            try:
                body = _read(response, max_bytes)
            finally:
                response.close()
        except requests.RequestException as exc:
            if watch.expired:
                raise DeadlinePassed(f"no complete answer within {seconds:.0f} s") from exc
            raise
    if watch.expired or time.monotonic() - started > seconds:
        raise DeadlinePassed(f"no complete answer within {seconds:.0f} s")
    if response.is_redirect or 300 <= response.status_code < 400:
        raise Redirected(response.status_code, response.headers.get("Location", ""))
    return Answer(response.status_code, response.headers, body)


def _read(response: requests.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise AnswerTooLarge(max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise AnswerTooLarge(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
