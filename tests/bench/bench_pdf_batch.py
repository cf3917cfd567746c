"""Benchmark: batch throughput, 50 small PDFs stamped in one key session (one PIN).

Run: .venv/bin/python tests/bench/bench_pdf_batch.py
Two-page tender letters with Chinese text, the seal placed by keyword (pdfminer finds it in
each file) and again with a cross-page seal over both pages; B-B through the vkey key.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from netca_client.core.pdf import (  # noqa: E402
    BatchItem,
    ByKeyword,
    CrossPage,
    Placement,
    SignOptions,
    sign_batch,
)
from netca_client.core.seals import find_seal, key_seals, load_seal_trust  # noqa: E402
from netca_client.core.token import TokenLibrary  # noqa: E402
from tests.bench.pdf_key import LABEL, ORG, PIN, make_key  # noqa: E402
from tests.pdf.documents import tender  # noqa: E402

FILES = 50


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-pdf-batch-") as tmp:
        root = Path(tmp)
        world = make_key(root / "keys")
        inputs = root / "in"
        inputs.mkdir()
        sources = [
            tender(inputs / f"{i:02d}.pdf", pages=2, keyword_lines=[2]) for i in range(FILES)
        ]
        library = TokenLibrary.load(world.module)
        try:
            with library.open(library.find(LABEL)) as session:
                session.login(PIN)
                seal = find_seal(key_seals(session, trust=load_seal_trust(directories=())), ORG)
                runs: list[tuple[str, tuple[Placement, ...]]] = [
                    ("keyword 盖章", (ByKeyword("盖章"),)),
                    ("keyword + cross-page", (ByKeyword("盖章"), CrossPage())),
                ]
                for name, placements in runs:
                    out = root / name.replace(" ", "-")
                    out.mkdir()
                    items = [BatchItem(s, out / s.name) for s in sources]
                    began = time.perf_counter()
                    results = library.run(sign_batch, session, seal=seal, items=items,
                                          options=SignOptions(placements=placements))  # fmt: skip
                    seconds = time.perf_counter() - began
                    ok = sum(r.ok for r in results)
                    rate, each = ok / seconds, 1000 * seconds / FILES
                    print(f"{name}: {ok}/{FILES} files in {seconds:.2f} s, "
                          f"{rate:.1f} files/s, {each:.0f} ms a file")  # fmt: skip
        finally:
            library.close()


if __name__ == "__main__":
    main()
