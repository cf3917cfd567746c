"""PDF stamping with the key's seal (电子签章), verification and page previews.

Importing this package is cheap: pyhanko, pypdfium2 and pdfminer load on the first call.
sign_pdf and sign_batch run on the token thread; the others on worker-pool threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from netca_client.core.pdf.model import (
    AtPosition,
    BatchItem,
    BatchResult,
    ByKeyword,
    CrossPage,
    Placement,
    SignatureLevel,
    SignOptions,
    SignResult,
    StampBox,
    StampSignature,
)
from netca_client.core.pdf.report import (
    Revocation,
    SignatureReport,
    StampChange,
    Verdict,
    VerificationReport,
)

if TYPE_CHECKING:
    from netca_client.core.seals import KeySeal
    from netca_client.core.token import KeySession

__all__ = [
    "AtPosition",
    "BatchItem",
    "BatchResult",
    "ByKeyword",
    "CrossPage",
    "Placement",
    "Revocation",
    "SignOptions",
    "SignResult",
    "SignatureLevel",
    "SignatureReport",
    "StampBox",
    "StampChange",
    "StampSignature",
    "Verdict",
    "VerificationReport",
    "page_count",
    "page_size",
    "plan_stamps",
    "render_page",
    "sign_batch",
    "sign_pdf",
    "verify_pdf",
]


def page_count(path: Path) -> int:
    from netca_client.core.pdf import render

    return render.page_count(path)


def page_size(path: Path, page: int) -> tuple[float, float]:
    """Width and height of a 1-based page, in points."""
    from netca_client.core.pdf import render

    return render.page_size(path, page)


def render_page(path: Path, page: int, *, dpi: float = 96) -> bytes:
    """PNG of a 1-based page with signature appearances (seals) drawn."""
    from netca_client.core.pdf import render

    return render.render_page(path, page, dpi=dpi)


def plan_stamps(
    path: Path, *, placements: Sequence[Placement], seal_size_mm: tuple[float, float]
) -> list[StampBox]:
    """The boxes the placements resolve to (keywords found, cross-page slices cut); no PIN."""
    from netca_client.core.pdf import placement

    return placement.plan_stamps(path, placements=placements, seal_size_mm=seal_size_mm)


def sign_pdf(
    session: KeySession,
    *,
    seal: KeySeal,
    source: Path,
    target: Path,
    options: SignOptions,
    overwrite: bool = False,
) -> SignResult:
    """Stamp and sign one PDF (session logged in; token thread)."""
    from netca_client.core.pdf import signing

    return signing.sign_pdf(
        session, seal=seal, source=source, target=target, options=options, overwrite=overwrite
    )


def sign_batch(
    session: KeySession,
    *,
    seal: KeySeal,
    items: Sequence[BatchItem],
    options: SignOptions,
    progress: Callable[[int, int, Path], None] | None = None,
    cancel: threading.Event | None = None,
    overwrite: bool = False,
) -> list[BatchResult]:
    """Stamp many PDFs in one session; one result per item (token thread)."""
    from netca_client.core.pdf import batch

    return batch.sign_batch(
        session, seal=seal, items=items, options=options, progress=progress,
        cancel=cancel, overwrite=overwrite,
    )  # fmt: skip


def verify_pdf(
    path: Path,
    *,
    trust_roots: Sequence[x509.Certificate] = (),
    now: datetime | None = None,
    analyse_changes: bool = True,
) -> VerificationReport:
    """A report on every signature in the PDF (offline); ``analyse_changes=False`` is the
    quick answer without the analysis of later revisions (see ``verify.verify_pdf``)."""
    from netca_client.core.pdf import verify

    return verify.verify_pdf(
        path, trust_roots=trust_roots, now=now, analyse_changes=analyse_changes
    )
