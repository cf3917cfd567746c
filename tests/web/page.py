"""A web page's side of the bridge, for tests and the bench: a WebSocket with the headers a
browser sends (Origin; Host from the URL), talking JSON from a worker thread so the Qt
event loop keeps running (the dialogs are answered there)."""

from __future__ import annotations

import itertools
import json
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from websockets.sync.client import ClientConnection, connect

T = TypeVar("T")


def in_thread(fn: Callable[[], T]) -> Future[T]:
    """Run ``fn`` on a thread of its own; the Future has its outcome."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(fn())
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future


def wait(qtbot: Any, future: Future[T], timeout: float = 20) -> T:
    """The Future's result, the Qt event loop running meanwhile."""
    qtbot.waitUntil(future.done, timeout=int(timeout * 1000))
    return future.result()


class Page:
    """One connection, as a page at ``origin`` opens it."""

    def __init__(self, port: int, origin: str | None, *, host: str = "127.0.0.1") -> None:
        self.port = port
        self.origin = origin
        headers = {"Origin": origin} if origin else {}
        self.ws: ClientConnection = connect(
            f"ws://{host}:{port}/bridge",
            additional_headers=headers,
            open_timeout=10,
            max_size=4 * 1024 * 1024,
            legacy=True,  # a connection object that lives across calls, closed by close()
        )
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self._early: dict[Any, dict[str, Any]] = {}  # answers that came before asked for

    def send(self, body: dict[str, Any]) -> int:
        request_id = next(self._ids)
        self.ws.send(json.dumps({"id": request_id, **body}))
        return request_id

    def receive(self, timeout: float = 30) -> dict[str, Any]:
        return dict(json.loads(self.ws.recv(timeout=timeout)))

    def answer(self, request_id: int, timeout: float = 60) -> dict[str, Any]:
        """The answer to ``request_id``: answers may come in any order (the bridge works on
        requests side by side); events met on the way are kept in ``events``."""
        while request_id not in self._early:
            message = self.receive(timeout)
            if message.get("type") == "event":
                self.events.append(message)
            else:
                self._early[message.get("id")] = message
        return self._early.pop(request_id)

    def request(self, body: dict[str, Any], timeout: float = 60) -> dict[str, Any]:
        return self.answer(self.send(body), timeout)

    def close(self) -> None:
        self.ws.close()


def raw_http(port: int, request: str, *, address: str = "127.0.0.1") -> tuple[int, str]:
    """Send a hand-written HTTP request; (status, whole answer)."""
    with socket.create_connection((address, port), timeout=10) as sock:
        sock.sendall(request.encode())
        chunks = b""
        while b"\r\n\r\n" not in chunks:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks += chunk
    text = chunks.decode("latin-1")
    return int(text.split(" ", 2)[1]), text
