"""Stamping many PDFs in one key session (one PIN); token thread, like sign_pdf.

A cancel is checked between files: the file being signed is finished or, if it fails,
leaves nothing behind (sign_pdf writes a temporary file and renames it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netca_client.core.errors import NetcaError, TokenError
from netca_client.core.pdf.model import BatchItem, BatchResult, SignOptions
from netca_client.core.pdf.signing import sign_pdf

if TYPE_CHECKING:
    from netca_client.core.seals import KeySeal
    from netca_client.core.token import KeySession

Progress = Callable[[int, int, Path], None]


def sign_batch(
    session: KeySession,
    *,
    seal: KeySeal,
    items: Sequence[BatchItem],
    options: SignOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    overwrite: bool = False,
) -> list[BatchResult]:
    """One result per item, in order. A file's PdfError is its own result and the batch goes
    on; a key error (removed, logged out) stops the batch and is raised. After a cancel the
    files not started are results with ``cancelled=True`` and no output."""
    results: list[BatchResult] = []
    total = len(items)
    for done, item in enumerate(items):
        if cancel is not None and cancel.is_set():
            results.extend(
                BatchResult(i.source, i.target, ok=False, cancelled=True) for i in items[done:]
            )
            return results
        if progress is not None:
            progress(done, total, item.source)
        try:
            result = sign_pdf(
                session, seal=seal, source=item.source, target=item.target,
                options=options, overwrite=overwrite,
            )  # fmt: skip
        except TokenError:
            raise
        except NetcaError as exc:
            results.append(BatchResult(item.source, item.target, ok=False, error=exc))
            continue
        results.append(BatchResult(item.source, item.target, ok=True, result=result))
    if progress is not None and items:
        progress(total, total, items[-1].source)
    return results
