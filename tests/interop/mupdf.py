"""MuPDF (Debian mupdf-tools 1.21; AGPL, test use only, run as its own process) through
`mutool run mupdf/mupdf_check.js`, one process per batch: every page widget's field type
(a stamp must be a "signature", not the "button" MuPDF makes of a widget it cannot tie to
its field), for signed ones MuPDF's digest check (what `mutool sign -v` prints, e.g.
"Signature invalidated by change to document."), and pages drawn with widgets.

MuPDF 1.21 treats a field whose value has /Type /DocTimeStamp as unsigned (it signs and
verifies only adbe.pkcs7.detached / ETSI.CAdES.detached): a document time-stamp is expected
there as an unsigned, invisible signature widget and is not verified by MuPDF."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import judge
from tests.interop.base import Reader, first_line, run
from tests.interop.expectation import Expectation, Finding, Job
from tests.interop.pixels import DPI

SCRIPT = Path(__file__).parent / "mupdf" / "mupdf_check.js"


class MuPdf(Reader):
    name = "mupdf"

    def version(self) -> str:
        return first_line(run(["mutool", "-v"]).stderr + run(["mutool", "-v"]).stdout)

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        if shutil.which("mutool") is None:
            raise RuntimeError("mutool not found (make sysdeps installs mupdf-tools)")
        started = time.monotonic()
        args = [str(SCRIPT), str(DPI)]
        for i, (path, _) in enumerate(jobs, 1):
            args += [str(path), str(workdir / f"mupdf-{i}")]
        done = subprocess.run(
            ["mutool", "run", *args], capture_output=True, text=True, timeout=600, check=False
        )
        lines = [json.loads(ln) for ln in done.stdout.splitlines() if ln.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"mutool run exited {done.returncode}: {done.stderr[-2000:]}")
        return self.findings(jobs, lines[1:], judge_result, started=started, source="mutool")


def judge_result(result: dict[str, Any], exp: Expectation) -> list[str]:
    if "error" in result:
        return [f"cannot read the file: {result['error'].splitlines()[0]}"]
    problems: list[str] = []
    heights = {p["number"]: float(p["height"]) for p in result["pages"]}
    signed = unsigned = 0
    tied = []
    for w in result["widgets"]:
        rect = _pdf_rect(w["rect"], heights[w["page"]])
        where = f"widget on page {w['page']} {_fmt(rect)}"
        if w["type"] != "signature":
            problems.append(f"{where} is a {w['type']} field, not a signature")
            continue
        if w.get("signed"):
            signed += 1
            if w.get("digest") != "OK":
                problems.append(f"signature {w['label']!r} on page {w['page']}: {w['digest']}")
        else:
            unsigned += 1
            if judge._visible(rect):
                problems.append(f"{where} is an unsigned signature field (phantom signature)")
        tied.append((w["page"], rect))
    problems += judge.counts(exp, signatures=signed)
    if unsigned > exp.timestamps:
        problems.append(
            f"finds {unsigned} unsigned signature fields, expected {exp.timestamps} "
            "(document time-stamps)"
        )
    problems += judge.widget_boxes(exp, tied)
    pages = {p["number"]: (Path(p["png"]), float(p["height"])) for p in result["pages"]}
    problems += judge.renders(exp, pages, page_count=len(result["pages"]))
    return problems


def _pdf_rect(rect: Sequence[float], height: float) -> list[float]:
    """MuPDF's rects are top-down; PDF's bottom-up."""
    x0, y0, x1, y1 = rect
    return [x0, height - y1, x1, height - y0]


def _fmt(rect: Sequence[float]) -> str:
    return "[" + ",".join(f"{v:.0f}" for v in rect) + "]"
