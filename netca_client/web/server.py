"""BridgeServer: the loopback WebSocket service web pages use the key through.

Its own thread runs an asyncio loop with a `websockets` server on 127.0.0.1 only (never
0.0.0.0 or ::): the documented port, else the next of a short fallback range. Every HTTP
request is checked before anything else: ``Host`` must be 127.0.0.1 or localhost (DNS
rebinding), a WebSocket must carry an ``Origin`` the client may ever serve (https, or http
loopback in development). ``GET /version`` and Chrome's Private Network Access preflight
answer with CORS headers for allowed origins only, never a wildcard. An origin nobody has
decided on gets the consent dialog at its first message; a refused one gets ``not_allowed``
and the connection closes. Per-origin rate limits apply to connections, messages,
signatures and consent dialogs.

Call start(), stop() and key_event() from any thread; everything else runs on the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from pydantic import ValidationError
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from netca_client.core.seals import SealTrust
from netca_client.core.token import KeyRef, TokenLibrary
from netca_client.core.weblogin.limits import RateLimiter
from netca_client.core.weblogin.origins import (
    ConsentAnswer,
    OriginDecision,
    OriginPolicy,
    OriginRefused,
    loopback_host,
)
from netca_client.web.actions import BridgeActions, BridgeRefusal, KeyCertificates, key_info
from netca_client.web.host import BridgeHost
from netca_client.web.messages import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    REQUESTS,
    SERVICE_NAME,
    ErrorBody,
    ErrorCode,
    ErrorMessage,
    HelloRequest,
    HelloResult,
    KeyEventMessage,
    KeysRequest,
    LoginRequest,
    OpenPageRequest,
    SignRequest,
    SubscribeRequest,
    VerifyRequest,
)
from netca_client.web.messages import (
    Request as BridgeRequest,
)
from netca_client.web.ports import DEFAULT_PORT, FALLBACK_PORTS, WEBSOCKET_PATH

log = logging.getLogger(__name__)

BIND_ADDRESS = "127.0.0.1"
#: requests one connection may have running at once
MAX_IN_FLIGHT = 8
#: close code for a refused origin (4000-4999: the application's own)
CLOSE_NOT_ALLOWED = 4003


class BridgeUnavailable(RuntimeError):
    """No port of the range could be bound (or the loop did not start)."""


def client_version() -> str:
    try:
        return metadata.version("netca-client")
    except metadata.PackageNotFoundError:
        return "0"


@dataclass(eq=False)
class _Peer:
    """One page's connection."""

    connection: ServerConnection
    origin: str
    allowed: bool = False
    subscribed: bool = False
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def send(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.connection.send(json.dumps(message, ensure_ascii=False))


class BridgeServer:
    """The service; ``port`` and ``sockets`` tell where it listens once started."""

    def __init__(
        self,
        *,
        host: BridgeHost,
        policy: OriginPolicy,
        library: Callable[[], TokenLibrary | None],
        trust: Callable[[], SealTrust | None] = lambda: None,
        ports: Sequence[int] = (DEFAULT_PORT, *FALLBACK_PORTS),
        limiter: RateLimiter | None = None,
    ) -> None:
        self.policy = policy
        self.limiter = limiter or RateLimiter()
        self._host = host
        self._library = library
        self._trust = trust
        self._ports = tuple(ports)
        self.port: int | None = None
        self.sockets: list[tuple[str, int]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._peers: set[_Peer] = set()
        self._consents: dict[str, asyncio.Future[ConsentAnswer]] = {}
        self.actions: BridgeActions | None = None

    # --- lifecycle (any thread) ---------------------------------------------------------

    def start(self, *, timeout: float = 10) -> int:
        """Bind and serve on the bridge's own thread; returns the port."""
        self._thread = threading.Thread(target=self._run, name="netca-web-bridge", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise BridgeUnavailable("the web bridge did not start")
        if self._failure is not None:
            raise BridgeUnavailable(str(self._failure)) from self._failure
        assert self.port is not None
        return self.port

    def stop(self) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            with contextlib.suppress(RuntimeError):  # the loop ended already
                loop.call_soon_threadsafe(stop.set)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def key_event(self, event: str, key: KeyRef) -> None:
        """``key_inserted`` or ``key_removed``: told to the subscribed pages (any thread)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(lambda: loop.create_task(self._broadcast(event, key)))

    # --- the loop ------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to start(), which raises it on its thread
            self._failure = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.actions = BridgeActions(library=self._library, host=self._host, trust=self._trust)
        server = await self._bind()
        self.sockets = [sock.getsockname()[:2] for sock in server.sockets]
        self.port = self.sockets[0][1]
        self._ready.set()
        log.info("web bridge listening on %s", self.sockets)
        try:
            await self._stop.wait()
        finally:
            server.close()
            for peer in list(self._peers):
                for task in peer.tasks:
                    task.cancel()
            await server.wait_closed()

    async def _bind(self) -> Server:
        last: OSError | None = None
        for port in self._ports:
            try:
                return await serve(
                    self._serve_connection,
                    BIND_ADDRESS,
                    port,
                    process_request=self._check_request,
                    max_size=MAX_MESSAGE_BYTES,
                    server_header=None,
                    ping_interval=20,
                    ping_timeout=20,
                )
            except OSError as exc:  # taken: the next port of the range
                last = exc
        raise BridgeUnavailable(f"no port of {list(self._ports)} is free: {last}")

    # --- HTTP: every request, before any WebSocket -----------------------------------------

    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        headers = request.headers
        port = self.port or 0
        if not loopback_host(headers.get("Host", ""), port):
            return _plain(http.HTTPStatus.FORBIDDEN, "foreign Host\n")
        method = getattr(request, "method", "GET")
        raw_origin = headers.get("Origin")
        origin = self._normal(raw_origin)
        path = request.path.split("?", 1)[0]
        if method == "OPTIONS":
            return self._preflight(origin, headers)
        if method != "GET":
            return _plain(http.HTTPStatus.METHOD_NOT_ALLOWED, "GET only\n")
        if path == "/version":
            return self._version(raw_origin, origin)
        if path != WEBSOCKET_PATH:
            return _plain(http.HTTPStatus.NOT_FOUND, "not found\n")
        if origin is None:  # missing, null, or one never served (http of another host)
            return _plain(http.HTTPStatus.FORBIDDEN, "not allowed\n")
        if not self.limiter.allow(origin, "message"):
            return _plain(http.HTTPStatus.TOO_MANY_REQUESTS, "rate limited\n")
        return None  # the WebSocket handshake goes on

    def _normal(self, raw: str | None) -> str | None:
        if raw is None:
            return None
        try:
            return self.policy.normal(raw)
        except OriginRefused:
            return None

    def _allowed(self, origin: str | None) -> bool:
        return origin is not None and self.policy.decision(origin) is OriginDecision.ALLOW

    def _version(self, raw_origin: str | None, origin: str | None) -> Response:
        if raw_origin is not None and not self._allowed(origin):
            return _plain(http.HTTPStatus.FORBIDDEN, "not allowed\n")
        body = json.dumps(
            {"service": SERVICE_NAME, "version": client_version(), "protocol": PROTOCOL_VERSION}
        ).encode()
        headers = Headers(
            {
                "Content-Type": "application/json",
                "Cache-Control": "no-store",
                "Content-Length": str(len(body)),
            }
        )
        if origin is not None:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Vary"] = "Origin"
        return Response(200, "OK", headers, body)

    def _preflight(self, origin: str | None, headers: Headers) -> Response:
        """CORS and Private Network Access preflight: allowed origins, GET /version only."""
        if not self._allowed(origin) or headers.get("Access-Control-Request-Method") != "GET":
            return _plain(http.HTTPStatus.FORBIDDEN, "not allowed\n")
        assert origin is not None
        answer = Headers(
            {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET",
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
                "Content-Length": "0",
            }
        )
        if headers.get("Access-Control-Request-Private-Network") == "true":
            answer["Access-Control-Allow-Private-Network"] = "true"
        return Response(204, "No Content", answer, b"")

    # --- WebSocket -----------------------------------------------------------------------

    async def _serve_connection(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        origin = self._normal(connection.request.headers.get("Origin"))
        if origin is None:  # checked in the handshake already
            return
        peer = _Peer(connection, origin)
        self._peers.add(peer)
        try:
            async for raw in connection:
                await self._receive(peer, raw)
                if connection.state.name == "CLOSED":
                    break
        except ConnectionClosed:
            pass
        finally:
            self._peers.discard(peer)
            for task in peer.tasks:
                task.cancel()

    async def _receive(self, peer: _Peer, raw: str | bytes) -> None:
        request_id: Any = None
        try:
            data = json.loads(raw)
            if isinstance(data, dict):
                request_id = data.get("id") if isinstance(data.get("id"), int | str) else None
        except ValueError:
            data = None
        if not self.limiter.allow(peer.origin, "message"):
            await _error(peer, request_id, ErrorCode.RATE_LIMITED, "too many requests")
            return
        if not await self._admitted(peer):
            await _error(peer, request_id, ErrorCode.NOT_ALLOWED, "not allowed")
            await peer.connection.close(CLOSE_NOT_ALLOWED, "not allowed")
            return
        try:
            request = REQUESTS.validate_python(data)
        except ValidationError as exc:
            where = "; ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
            await _error(peer, request_id, ErrorCode.BAD_REQUEST, f"invalid message: {where}")
            return
        if len(peer.tasks) >= MAX_IN_FLIGHT:
            await _error(peer, request.id, ErrorCode.BUSY, "too many requests at once")
            return
        task = asyncio.get_running_loop().create_task(self._answer(peer, request))
        peer.tasks.add(task)
        task.add_done_callback(peer.tasks.discard)

    async def _admitted(self, peer: _Peer) -> bool:
        """Whether the page may be answered: the lists, else the user in the consent dialog."""
        decision = self.policy.decision(peer.origin)
        if decision is OriginDecision.DENY:
            return False
        if decision is OriginDecision.ALLOW or peer.allowed:
            return True
        pending = self._consents.get(peer.origin)
        if pending is None:
            if not self.limiter.allow(peer.origin, "consent"):
                return False
            pending = asyncio.wrap_future(self._host.ask_consent(peer.origin))
            self._consents[peer.origin] = pending
            pending.add_done_callback(lambda _: self._consents.pop(peer.origin, None))
        answer = await asyncio.shield(pending)
        if answer in (ConsentAnswer.ALWAYS, ConsentAnswer.NEVER):
            try:
                self.policy.remember(peer.origin, answer)
            except Exception:  # a file that cannot be written: the answer holds for now
                log.exception("could not remember the answer for %s", peer.origin)
        peer.allowed = answer in (ConsentAnswer.ONCE, ConsentAnswer.ALWAYS)
        return peer.allowed

    async def _answer(self, peer: _Peer, request: BridgeRequest) -> None:
        actions = self.actions
        assert actions is not None
        try:
            result: dict[str, Any]
            if isinstance(request, HelloRequest):
                result = HelloResult(version=client_version(), origin=peer.origin).model_dump()
            elif isinstance(request, KeysRequest):
                result = (await actions.keys()).model_dump()
            elif isinstance(request, SubscribeRequest):
                peer.subscribed = True
                result = {}
            elif isinstance(request, LoginRequest | SignRequest):
                if not self.limiter.allow(peer.origin, "sign"):
                    raise BridgeRefusal(ErrorCode.RATE_LIMITED, "too many signatures")
                if isinstance(request, LoginRequest):
                    signed = await actions.login(peer.origin, request)
                else:
                    signed = await actions.sign(peer.origin, request)
                result = signed.model_dump(exclude_none=True)
            elif isinstance(request, VerifyRequest):
                result = (await actions.verify(request)).model_dump()
            elif isinstance(request, OpenPageRequest):
                await actions.open_page(request)
                result = {"opened": True}
            else:  # pragma: no cover - the union is closed
                raise BridgeRefusal(ErrorCode.BAD_REQUEST, "unknown request")
        except BridgeRefusal as refusal:
            await _error(peer, request.id, refusal.code, str(refusal))
            return
        await peer.send({"id": request.id, "type": "result", "result": result})

    async def _broadcast(self, event: str, key: KeyRef) -> None:
        listeners = [p for p in self._peers if p.subscribed and self._still_allowed(p)]
        if not listeners:
            return
        certificates: tuple[Any, ...] = ()
        if event == "key_inserted" and self.actions is not None:
            with contextlib.suppress(BridgeRefusal):
                for found in await self.actions.read_keys():
                    if found.key.identity == key.identity:
                        certificates = found.certificates
        info = key_info(KeyCertificates(key, certificates))
        message = KeyEventMessage(event=event, key=info).model_dump()  # type: ignore[arg-type]
        for peer in listeners:
            await peer.send(message)

    def _still_allowed(self, peer: _Peer) -> bool:
        decision = self.policy.decision(peer.origin)
        return decision is OriginDecision.ALLOW or (
            peer.allowed and decision is not OriginDecision.DENY
        )


async def _error(peer: _Peer, request_id: Any, code: ErrorCode, message: str) -> None:
    body = ErrorMessage(id=request_id, error=ErrorBody(code=code, message=message))
    await peer.send(body.model_dump(mode="json"))


def _plain(status: http.HTTPStatus, text: str) -> Response:
    body = text.encode()
    headers = Headers(
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Cache-Control": "no-store",
            "Content-Length": str(len(body)),
        }
    )
    return Response(status.value, status.phrase, headers, body)
