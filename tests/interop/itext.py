"""iText 5 (Debian libitext5-java 5.5.13; AGPL, test use only, run as its own process)
through java/ITextCheck.java: AcroFields.getSignatureNames() (what an iText-based tender
platform calls "the signatures"), getBlankSignatureNames() (phantoms), verifySignature(name)
.verify() for each, and every page widget tied to an AcroFields field of type signature.
iText does not render.

iText 5.5.13 knows no ECDSA: verifying an ECDSA signature fails with
"SHA256with1.2.840.10045.4.3.2 Signature not available". That is reported as what it is
(a platform on iText 5 cannot verify such a signature), not hidden."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import java, judge
from tests.interop.base import Reader
from tests.interop.expectation import Expectation, Finding, Job

TIMESTAMP = "ETSI.RFC3161"
FIELD_TYPES = {0: "none", 1: "push button", 2: "check box", 3: "radio button", 4: "text",
               5: "list", 6: "combo", 7: "signature"}  # fmt: skip


class IText(Reader):
    name = "itext"
    renders = False
    _version = "iText 5 (not run yet)"

    def version(self) -> str:
        return self._version

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        started = time.monotonic()
        listing = workdir / "itext-files.txt"
        listing.write_text("".join(f"{path}\n" for path, _ in jobs), encoding="utf-8")
        hello, results, _ = java.run_checker("ITextCheck", java.ITEXT, [str(listing)])
        self._version = str(hello.get("version"))
        return self.findings(jobs, results, judge_result, started=started, source="the checker")


def judge_result(result: dict[str, Any], exp: Expectation) -> list[str]:
    if "error" in result:
        return [f"cannot read the file: {result['error'].splitlines()[0]}"]
    problems: list[str] = []
    sigs = result["signatures"]
    regular = [s for s in sigs if s.get("subfilter") != TIMESTAMP]
    stamps = [s for s in sigs if s.get("subfilter") == TIMESTAMP]
    problems += judge.counts(exp, signatures=len(regular), timestamps=len(stamps))
    problems += judge.phantoms(result["blank"])
    for sig in sigs:
        if not sig.get("verified"):
            problems.append(
                f"signature {sig['name']!r} does not verify: {sig.get('error', 'verify() false')}"
            )
    tied = []
    signature_type = result["signatureType"]
    for w in result["widgets"]:
        where = f"widget on page {w['page']} {_rect(w['rect'])}"
        if w["field"] is None:
            problems.append(f"{where} is a widget of no field")
        elif w["fieldType"] != signature_type:
            kind = FIELD_TYPES.get(w["fieldType"], w["fieldType"])
            problems.append(f"{where} belongs to field {w['field']!r} of type {kind}")
        else:
            tied.append((w["page"], w["rect"]))
    problems += judge.widget_boxes(exp, tied)
    return problems


def _rect(rect: Sequence[float] | None) -> str:
    return "[" + ",".join(f"{v:.0f}" for v in rect or ()) + "]"
