"""PDFBox 2 (Debian libpdfbox2-java) + BouncyCastle, through java/PdfBoxCheck.java: the
signature fields PDFBox lists, each signature verified the way PDFBox's ShowSignature
example does (BouncyCastle SignerInformation.verify over the signed ranges; a document
time-stamp's token and imprint), every page widget tied to its field the way a relying
party goes from a page to a form field, and PDFRenderer's pages. PDFBox's own warnings
(other than font substitution) count."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import java, judge
from tests.interop.base import Reader
from tests.interop.expectation import Expectation, Finding, Job
from tests.interop.pixels import DPI

TIMESTAMP = "ETSI.RFC3161"


class PdfBox(Reader):
    name = "pdfbox"
    _version = "PDFBox (not run yet)"

    def version(self) -> str:
        return self._version

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        started = time.monotonic()
        listing = workdir / "pdfbox-files.txt"
        listing.write_text(
            "".join(f"{path}\t{workdir / f'pdfbox-{i}'}\n" for i, (path, _) in enumerate(jobs, 1)),
            encoding="utf-8",
        )
        hello, results, _ = java.run_checker("PdfBoxCheck", java.PDFBOX, [str(DPI), str(listing)])
        self._version = f"PDFBox {hello.get('version')}"
        return self.findings(jobs, results, judge_result, started=started, source="the checker")


def judge_result(result: dict[str, Any], exp: Expectation) -> list[str]:
    if "error" in result:
        return [f"cannot read the file: {result['error'].splitlines()[0]}"]
    problems: list[str] = []
    signed = [s for s in result["signatures"] if s["signed"]]
    regular = [s for s in signed if s.get("subfilter") != TIMESTAMP]
    stamps = [s for s in signed if s.get("subfilter") == TIMESTAMP]
    problems += judge.counts(exp, signatures=len(regular), timestamps=len(stamps))
    problems += judge.phantoms(s["name"] for s in result["signatures"] if not s["signed"])
    for sig in signed:
        if not sig.get("verified"):
            problems.append(
                f"signature {sig['name']!r} does not verify: {sig.get('error', 'verify() false')}"
            )
    tied = []
    for w in result["widgets"]:
        where = f"widget on page {w['page']} {_rect(w['rect'])}"
        if w["field"] is None:
            problems.append(f"{where} reaches no field from the page (no /T, no /Parent)")
        elif w["fieldType"] != "Sig":
            problems.append(f"{where} belongs to field {w['field']!r} of type {w['fieldType']}")
        elif not w["listedByField"]:
            problems.append(f"{where}: its field {w['field']!r} does not list it as a widget")
        else:
            tied.append((w["page"], w["rect"]))
    problems += judge.widget_boxes(exp, tied)
    problems += [f"PDFBox warns: {text}" for text in result.get("warnings", [])]
    pages = {p["number"]: (Path(p["png"]), float(p["height"])) for p in result["pages"]}
    problems += judge.renders(exp, pages, page_count=len(result["pages"]))
    return problems


def _rect(rect: Sequence[float] | None) -> str:
    return "[" + ",".join(f"{v:.0f}" for v in rect or ()) + "]"
