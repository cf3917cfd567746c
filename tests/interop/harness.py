"""Run signed PDFs through every independent reader and say, per file and per reader, what
each one found wrong.

    from tests.interop.harness import check_many
    report = check_many([(path, Expectation(signatures=2, stamps=(Box(1, x0, y0, x1, y1), …),
                                            timestamps=1, trust=(root,)))], workdir=tmp)
    assert report.ok, report.text()

Each reader starts its process once per call (one JVM for PDFBox, one for iText, one node for
pdf.js, one mutool); the subprocess readers run side by side on a small thread pool.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.interop.base import Reader
from tests.interop.expectation import Finding, Job
from tests.interop.itext import IText
from tests.interop.mupdf import MuPdf
from tests.interop.pdfbox import PdfBox
from tests.interop.pdfium import Pdfium
from tests.interop.pdfjs import PdfJs
from tests.interop.poppler import Poppler
from tests.interop.pyhanko_check import PyHanko
from tests.interop.qpdf import Qpdf


def all_readers() -> list[Reader]:
    # The slowest (JVMs, node) first, so that they start while the quick ones run.
    return [PdfBox(), IText(), PdfJs(), MuPdf(), Poppler(), Qpdf(), PyHanko(), Pdfium()]


READER_NAMES = tuple(r.name for r in all_readers())
VERIFYING = tuple(r.name for r in all_readers() if r.verifies)
RENDERING = tuple(r.name for r in all_readers() if r.renders)
IN_PROCESS = ("pyhanko", "pdfium")  # Python in this process: not on the thread pool


@dataclass
class Report:
    """Every reader's finding on every file of one batch."""

    jobs: list[Job]
    findings: dict[tuple[Path, str], Finding] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per reader
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings.values())

    def problems(self, path: Path, reader: str) -> list[str]:
        return self.findings[(path, reader)].problems

    def failing(self, path: Path) -> list[str]:
        """The readers that found something wrong with ``path``."""
        return [r for (p, r), f in self.findings.items() if p == path and not f.ok]

    def text(self, paths: Iterable[Path] | None = None, *, label: dict[Path, str] | None = None
             ) -> str:  # fmt: skip
        """A table (file × reader: ok / number of problems) and every problem, reader-named."""
        label = label or {}
        chosen = list(paths) if paths is not None else [p for p, _ in self.jobs]
        readers = [r for r in READER_NAMES if any((p, r) in self.findings for p in chosen)]
        names = {p: label.get(p, p.name) for p in chosen}
        width = max([len(n) for n in names.values()] + [4])
        lines = ["file".ljust(width) + " | " + " | ".join(r.ljust(7) for r in readers)]
        for path in chosen:
            cells = []
            for reader in readers:
                finding = self.findings.get((path, reader))
                cell = (
                    "-" if finding is None else "ok" if finding.ok else f"{len(finding.problems)} ✗"
                )
                cells.append(cell.ljust(max(7, len(reader))))
            lines.append(names[path].ljust(width) + " | " + " | ".join(cells))
        for path in chosen:
            for reader in readers:
                finding = self.findings.get((path, reader))
                for problem in finding.problems if finding else ():
                    lines.append(f"{names[path]}: {reader}: {problem}")
        return "\n".join(lines)

    def timing(self) -> str:
        return ", ".join(
            f"{r} {s:.1f}s" for r, s in sorted(self.seconds.items(), key=lambda x: -x[1])
        )


def check_many(
    jobs: Sequence[Job],
    *,
    readers: Sequence[Reader] | None = None,
    workdir: Path | None = None,
    threads: int = 3,
) -> Report:
    """Every reader on every file; a reader that cannot run at all fails every file."""
    jobs = [(Path(p), e) for p, e in jobs]
    readers = list(readers) if readers is not None else all_readers()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="netca-interop-"))
    workdir.mkdir(parents=True, exist_ok=True)
    report = Report(jobs)

    def one(reader: Reader) -> tuple[Reader, list[Finding], float]:
        started = time.monotonic()
        place = workdir / reader.name.replace(".", "")
        place.mkdir(exist_ok=True)
        try:
            found = reader.check_many(jobs, place)
        except Exception as exc:  # the reader did not run: every file fails, loudly
            text = f"did not run: {type(exc).__name__}: {exc}"
            found = [Finding(reader.name, path, [text]) for path, _ in jobs]
        return reader, found, time.monotonic() - started

    outside = [r for r in readers if r.name not in IN_PROCESS]
    inside = [r for r in readers if r.name in IN_PROCESS]
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        futures = [pool.submit(one, r) for r in outside]
        results = [one(r) for r in inside]  # meanwhile, in this thread
        results += [f.result() for f in futures]
    for reader, found, seconds in results:
        report.seconds[reader.name] = seconds
        try:
            report.versions[reader.name] = reader.version()
        except Exception as exc:
            report.versions[reader.name] = f"unknown ({exc})"
        for finding in found:
            report.findings[(finding.path, reader.name)] = finding
    return report
