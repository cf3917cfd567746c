"""The SMS gateway interface and its two implementations."""

from __future__ import annotations

import json
import urllib.request
from typing import Protocol


class SmsSendFailed(Exception):
    """The provider did not accept the message."""


class SmsGateway(Protocol):
    name: str
    #: whether the stored copy of a message may keep its one-time code (dev outbox only)
    keeps_codes: bool

    def send(self, *, phone: str, text: str) -> None: ...


class OutboxGateway:
    """Dev mode: the message is only stored (the caller records it) and shown on a staff page."""

    name = "outbox"
    keeps_codes = True

    def send(self, *, phone: str, text: str) -> None:
        return None


class HttpGateway:
    """POSTs a JSON body built from a template with ``{phone}`` and ``{text}`` to a provider URL."""

    name = "http"
    keeps_codes = False

    def __init__(self, url: str, template: str, *, timeout: float = 10.0) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("the SMS provider URL must be http(s)")
        self._url = url
        self._template = template
        self._timeout = timeout

    def body(self, *, phone: str, text: str) -> bytes:
        escaped = {k: json.dumps(v)[1:-1] for k, v in (("phone", phone), ("text", text))}
        rendered = self._template.replace("{phone}", escaped["phone"]).replace(
            "{text}", escaped["text"]
        )
        json.loads(rendered)  # the template must render to JSON
        return rendered.encode("utf-8")

    def send(self, *, phone: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self._url,
            data=self.body(phone=phone, text=text),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                if response.status >= 300:
                    raise SmsSendFailed(f"provider answered {response.status}")
        except OSError as exc:
            raise SmsSendFailed(str(exc)) from exc
