"""Output for humans and for scripts (--json): one JSON document per command, UTF-8."""

from __future__ import annotations

import json
from typing import Any

import click

from netca_client.core.jsonable import to_jsonable


def emit_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def emit_json_line(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False))
