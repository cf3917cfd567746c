"""pdf.js (Firefox's PDF engine; npm `pdfjs-dist`, tests/interop/js) through
js/pdfjs_check.mjs, one node process per batch: the annotations of every page (a stamp is a
Widget whose field type is "Sig"), pdf.js's field objects (each signature widget must be a
widget of a field of type "signature"), every warning pdf.js prints (e.g. `Unimplemented
widget field type "null"`) and pages rendered with forms on @napi-rs/canvas.

pdf.js does not verify signatures, and it cannot tell a signed field from an unsigned one
or a document time-stamp from a signature: it is held to the number of signature fields."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import judge
from tests.interop.base import Reader
from tests.interop.expectation import Expectation, Finding, Job
from tests.interop.pixels import DPI

JS = Path(__file__).parent / "js"
SCRIPT = JS / "pdfjs_check.mjs"


class PdfJs(Reader):
    name = "pdf.js"
    verifies = False
    _version = "pdf.js (not run yet)"

    def version(self) -> str:
        return self._version

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        if not (JS / "node_modules" / "pdfjs-dist").is_dir():
            raise RuntimeError("pdfjs-dist is not installed: make interop-npm (npm ci)")
        if shutil.which("node") is None:
            raise RuntimeError("node not found (make sysdeps installs nodejs)")
        started = time.monotonic()
        spec = workdir / "pdfjs-jobs.json"
        spec.write_text(
            json.dumps({"dpi": DPI, "files": [
                {"path": str(path), "out": str(workdir / f"pdfjs-{i}")}
                for i, (path, _) in enumerate(jobs, 1)
            ]}),
            encoding="utf-8",
        )  # fmt: skip
        done = subprocess.run(
            ["node", str(SCRIPT), str(spec)], capture_output=True, text=True, timeout=600,
            check=False,
        )  # fmt: skip
        lines = [json.loads(ln) for ln in done.stdout.splitlines() if ln.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"pdfjs_check.mjs exited {done.returncode}: {done.stderr[-2000:]}")
        self._version = f"pdf.js {lines[0].get('version')} (node)"
        return self.findings(jobs, lines[1:], judge_result, started=started, source="node")


def judge_result(result: dict[str, Any], exp: Expectation) -> list[str]:
    if "error" in result:
        return [f"cannot read the file: {result['error'].splitlines()[0]}"]
    problems = [f"pdf.js warns: {w}" for w in result["warnings"]]
    fields = result.get("fields") or {}
    signature_widgets: dict[str, str] = {}  # widget id -> field name
    for name, entries in fields.items():
        for entry in entries:
            if entry.get("type") == "signature":
                signature_widgets[entry["id"]] = name
            elif entry.get("type") == "":
                missing = [k for k in entry.get("kidIds", []) if k not in _ids(entries)]
                if missing:
                    problems.append(
                        f"field {name!r} has kids {missing} that are no widgets of it "
                        f"(pdf.js gives the field type '' and no widget)"
                    )
    found = len({signature_widgets[i] for i in signature_widgets})
    if found != exp.fields:
        problems.append(f"finds {found} signature fields with a widget, expected {exp.fields}")
    tied = []
    for a in result["annotations"]:
        if a["subtype"] != "Widget":
            continue
        where = f"widget {a['id']} on page {a['page']} {_rect(a['rect'])}"
        if a["fieldType"] != "Sig":
            problems.append(f"{where} has field type {a['fieldType']!r}, not Sig")
        elif a["id"] not in signature_widgets:
            problems.append(f"{where} is no widget of any signature field")
        else:
            tied.append((a["page"], a["rect"]))
    problems += judge.widget_boxes(exp, tied)
    heights = {p["number"]: float(p["height"]) for p in result["pages"]}
    pages = {int(n): (Path(png), heights[int(n)]) for n, png in result["renders"].items()}
    problems += judge.renders(exp, pages, page_count=len(result["pages"]))
    return problems


def _ids(entries: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in entries if e.get("type") == "signature"}


def _rect(rect: Sequence[float] | None) -> str:
    return "[" + ",".join(f"{v:.0f}" for v in rect or ()) + "]"
