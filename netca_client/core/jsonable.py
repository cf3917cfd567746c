"""JSON-ready views of the core's frozen dataclasses, for `--json` output and reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

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
