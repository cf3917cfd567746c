"""What the last renewal order said about the handler and the invoice, to prefill the next.

Kept beside the journal (0600): personal data the holder typed on this computer, never a
secret. A file that does not parse is ignored.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from netca_client.core.atomic_files import write_atomically
from netca_client.core.workflows.journal import Journal
from netca_protocol import HandlerIn
from netca_protocol.renewal import InvoiceIn

log = logging.getLogger(__name__)
FILE = "renewal-defaults.json"


@dataclass(frozen=True)
class LastOrder:
    handler: HandlerIn | None = None
    invoice: InvoiceIn | None = None


def _path(journal: Journal) -> Path:
    return journal.directory.parent / FILE


def load_last_order(journal: Journal) -> LastOrder:
    try:
        data = json.loads(_path(journal).read_text(encoding="utf-8"))
        return LastOrder(
            handler=HandlerIn.model_validate(data["handler"]) if data.get("handler") else None,
            invoice=InvoiceIn.model_validate(data["invoice"]) if data.get("invoice") else None,
        )
    except FileNotFoundError:
        return LastOrder()
    except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:
        log.warning("%s unreadable: %s", FILE, exc)
        return LastOrder()


def save_last_order(journal: Journal, handler: HandlerIn, invoice: InvoiceIn) -> None:
    body = {"handler": handler.model_dump(mode="json"), "invoice": invoice.model_dump(mode="json")}
    path = _path(journal)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, json.dumps(body, ensure_ascii=False).encode("utf-8"), mode=0o600)
