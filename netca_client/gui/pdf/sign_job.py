"""The batch signing job the PDF签章 page hands to the token thread, and where outputs go."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netca_client.core.token import KeyRef

if TYPE_CHECKING:
    from netca_client.core.seals import SealTrust
    from netca_client.core.token import TokenLibrary


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


def output_clashes(files: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
    """Outputs that would hit a file: one that exists, an input, or another file's output."""
    inputs = {_same(f) for f in files}
    seen: set[Path] = set()
    clashes: list[Path] = []
    for target in targets:
        key = _same(target)
        if target.exists() or key in inputs or key in seen:
            clashes.append(target)
        seen.add(key)
    return clashes


def renamed_outputs(files: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
    """The targets with every clash moved to a free name: 合同-signed (2).pdf, (3) …"""
    taken = {_same(f) for f in files}
    out: list[Path] = []
    for target in targets:
        candidate, number = target, 1
        while candidate.exists() or _same(candidate) in taken:
            number += 1
            candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
        taken.add(_same(candidate))
        out.append(candidate)
    return out


def _same(path: Path) -> Path:
    return path.resolve()


def batch_job(
    *,
    key: KeyRef,
    pin: str,
    final_try: bool,
    seal_label: str,
    files: Sequence[Path],
    targets: Sequence[Path],
    overwrite: bool = False,
    placements: Sequence[Any],
    level: str,
    tsa_url: str | None = None,
    trust: SealTrust | None,
    progress: Callable[[int, int, Path], None],
    cancel: threading.Event,
) -> Callable[[TokenLibrary], list[Any]]:
    """One login, then every file; results per file (the PIN lives only in this closure)."""
    from netca_client.core.pdf import BatchItem, SignatureLevel, SignOptions, sign_batch
    from netca_client.core.seals import find_seal, key_seals, load_seal_trust

    items = [
        BatchItem(source=path, target=target) for path, target in zip(files, targets, strict=True)
    ]
    chosen = SignatureLevel(level)
    options = SignOptions(
        placements=tuple(placements),
        level=chosen,
        tsa_url=tsa_url if chosen is not SignatureLevel.B_B else None,
        trust_roots=trust.roots if trust else (),
        extra_certificates=trust.intermediates if trust else (),
    )

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
                overwrite=overwrite,
            )

    return job
