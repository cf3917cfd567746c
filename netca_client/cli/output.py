"""Output for humans and for scripts (--json): one JSON document per command, UTF-8."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from typing import Any

import click

# Bytes fields (DER, object values) never go to the terminal; export commands write files.
_SKIP_FIELDS = frozenset({"der", "value"})


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIP_FIELDS
        }
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def emit_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def emit_json_line(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False))
