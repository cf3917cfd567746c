"""The batch signing job the PDF签章 page hands to the token thread, and where outputs go."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from netca_client.core.seals import SealTrust
from netca_client.core.token import KeyRef, TokenLibrary


def parse_pages(text: str) -> tuple[int, ...] | None:
    """ "1-3,5" → (1, 2, 3, 5); empty → None (every page)."""
    pages: list[int] = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        first, _, last = part.partition("-")
        pages.extend(range(int(first), int(last or first) + 1))
    return tuple(pages) or None


def signed_name(source: Path, out_dir: Path | None) -> Path:
    """Where a stamped copy goes: never over its input."""
    return (out_dir or source.parent) / f"{source.stem}-signed.pdf"


def batch_job(
    *,
    key: KeyRef,
    pin: str,
    final_try: bool,
    seal_label: str,
    files: Sequence[Path],
    out_dir: Path | None,
    placements: Sequence[Any],
    level: str,
    trust: SealTrust | None,
    progress: Callable[[int, int, Path], None],
    cancel: threading.Event,
) -> Callable[[TokenLibrary], list[Any]]:
    """One login, then every file; results per file (the PIN lives only in this closure)."""
    from netca_client.core.pdf import BatchItem, SignatureLevel, SignOptions, sign_batch
    from netca_client.core.seals import find_seal, key_seals, load_seal_trust

    items = [BatchItem(source=path, target=signed_name(path, out_dir)) for path in files]
    options = SignOptions(placements=tuple(placements), level=SignatureLevel(level))

    def job(library: TokenLibrary) -> list[Any]:
        with library.open(key) as session:
            session.login(pin, allow_final_try=final_try)
            seals = key_seals(session, trust=trust or load_seal_trust())
            return sign_batch(
                session,
                seal=find_seal(seals, seal_label),
                items=items,
                options=options,
                progress=progress,
                cancel=cancel,
            )

    return job
