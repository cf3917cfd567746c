"""poppler (Debian 12: 22.12, what Evince and Okular use): `pdfsig` for signatures and
`pdftoppm` for pages.

pdfsig runs without certificate or OCSP checks (-nocert -no-ocsp): its verdict is about the
signed bytes. It prints a block per signature field. poppler 22.12 cannot verify an
ETSI.RFC3161 document time-stamp: it lists it ("Signature Type: unknown", "Signature has not
yet been verified") and warns "Unable to validate this type of signature" once; both are
accepted as a found, unverified time-stamp. Every other syntax warning or error counts
(e.g. "Field can't have both Widget AND Field as kids").
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path

from tests.interop import judge
from tests.interop.base import Reader, first_line, run
from tests.interop.expectation import Expectation, Finding, Job
from tests.interop.pixels import DPI

VALID = "Signature is Valid."
UNVERIFIED_TIMESTAMP = "Signature has not yet been verified."
TIMESTAMP_NOTICE = "Unimplemented Feature (0): Unable to validate this type of signature"


class Poppler(Reader):
    name = "poppler"

    def version(self) -> str:
        return first_line(run(["pdfsig", "-v"]).stderr)

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        return [self._check(i, path, exp, workdir) for i, (path, exp) in enumerate(jobs, 1)]

    def _check(self, index: int, path: Path, exp: Expectation, workdir: Path) -> Finding:
        started = time.monotonic()
        problems: list[str] = []
        done = run(["pdfsig", "-nocert", "-no-ocsp", path])
        blocks = parse_pdfsig(done.stdout)
        timestamps = [
            b for b in blocks
            if b.get("type") == "unknown" and b.get("validation") == UNVERIFIED_TIMESTAMP
        ]  # fmt: skip
        unsigned = [b for b in blocks if b.get("unsigned")]
        signed = [b for b in blocks if b not in timestamps and b not in unsigned]
        for block in signed:
            if block.get("validation") != VALID:
                verdict = block.get("validation", "no verdict")
                problems.append(f"signature {block.get('field')!r} does not verify: {verdict}")
        problems += judge.counts(exp, signatures=len(signed), timestamps=len(timestamps))
        problems += judge.phantoms(str(b.get("field")) for b in unsigned)
        for line in done.stderr.splitlines():
            if not line.strip():
                continue
            if line.strip() == TIMESTAMP_NOTICE and timestamps:
                continue
            problems.append(f"pdfsig says: {line.strip()}")
        # pdfsig exits 2 on a file without signatures ("does not contain any signatures").
        if done.returncode != 0 and (blocks or done.returncode != 2):
            problems.append(f"pdfsig exited {done.returncode}")
        problems += self._render(workdir / f"poppler-{index}", path, exp)
        return self.finding(path, problems, started)

    def _render(self, prefix: Path, path: Path, exp: Expectation) -> list[str]:
        done = run(["pdftoppm", "-q", "-r", str(DPI), "-png", path, prefix])
        if done.returncode != 0:
            return [f"pdftoppm exited {done.returncode}: {done.stderr.strip()[:200]}"]
        pages = {}
        for png in sorted(prefix.parent.glob(f"{prefix.name}-*.png")):
            number = int(png.stem.rsplit("-", 1)[1])
            pages[number] = (png, _height(png))
        return judge.renders(exp, pages, page_count=None)


def _height(png: Path) -> float:
    from PIL import Image

    with Image.open(png) as image:
        return image.height * 72 / DPI


def parse_pdfsig(text: str) -> list[dict[str, object]]:
    """One dict per "Signature #N:" block: field, type, validation, unsigned."""
    blocks: list[dict[str, object]] = []
    for line in text.splitlines():
        if re.match(r"^Signature #\d+:", line):
            blocks.append({})
            continue
        if not blocks:
            continue
        block = blocks[-1]
        stripped = line.strip()
        if stripped.startswith("- Signature Field Name:"):
            block["field"] = stripped.split(":", 1)[1].strip()
        elif stripped.startswith("- Signature Type:"):
            block["type"] = stripped.split(":", 1)[1].strip()
        elif stripped.startswith("- Signature Validation:"):
            block["validation"] = stripped.split(":", 1)[1].strip()
        elif "signature form field is not signed" in stripped:
            block["unsigned"] = True
    return blocks
