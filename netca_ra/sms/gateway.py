"""The SMS gateway interface and its two implementations; the dev outbox file and its readers."""

from __future__ import annotations

import json
import os
import re
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

OUTBOX_FILE = "sms-outbox.jsonl"
_CODE = re.compile(r"验证码为(\d{6})")


class SmsSendFailed(Exception):
    """The provider did not accept the message."""


class SmsGateway(Protocol):
    name: str

    def send(self, *, phone: str, text: str) -> None: ...


@dataclass(frozen=True)
class OutboxMessage:
    at: datetime
    phone: str
    text: str


class OutboxGateway:
    """Dev mode, the simulated handset: each message is appended to ``<data_dir>/sms-outbox.jsonl``.

    The file (0600, outside the database) is what the demo user reads codes from; the
    database keeps only the masked copy the caller records, as with a real provider.
    """

    name = "outbox"

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / OUTBOX_FILE

    def send(self, *, phone: str, text: str) -> None:
        line = json.dumps(
            {"at": datetime.now(UTC).isoformat(), "phone": phone, "text": text},
            ensure_ascii=False,
        )
        try:
            # One O_APPEND write per message, so processes sharing the file never interleave.
            fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode("utf-8"))
            finally:
                os.close(fd)
        except OSError as exc:
            raise SmsSendFailed(f"cannot write the outbox: {exc}") from exc


def read_outbox(data_dir: Path) -> list[OutboxMessage]:
    """Every message in the dev outbox, oldest first (an absent file is an empty outbox)."""
    try:
        lines = (data_dir / OUTBOX_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    messages = []
    for line in lines:
        try:
            record = json.loads(line)
            messages.append(
                OutboxMessage(
                    at=datetime.fromisoformat(record["at"]),
                    phone=str(record["phone"]),
                    text=str(record["text"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            continue  # a torn or foreign line is not a message
    return messages


def latest_code(data_dir: Path, phone: str) -> str | None:
    """The one-time code in the newest outbox message to ``phone`` that carries one."""
    for message in reversed(read_outbox(data_dir)):
        if message.phone == phone:
            found = _CODE.search(message.text)
            if found:
                return found.group(1)
    return None


class HttpGateway:
    """POSTs a JSON body built from a template with ``{phone}`` and ``{text}`` to a provider URL."""

    name = "http"

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
