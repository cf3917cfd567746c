"""qpdf: `qpdf --check` (syntax and streams; any warning counts) and qpdf's own view of the
form (`qpdf --json --json-key=acroform`, its QPDFAcroFormDocumentHelper): every signature
field signed, as many signed fields as signatures and time-stamps. qpdf neither verifies
signatures nor renders."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import judge
from tests.interop.base import Reader, first_line, run
from tests.interop.expectation import Expectation, Finding, Job

CLEAN = "No syntax or stream encoding errors found"


class Qpdf(Reader):
    name = "qpdf"
    verifies = False
    renders = False

    def version(self) -> str:
        return first_line(run(["qpdf", "--version"]).stdout)

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        return [self._check(path, exp) for path, exp in jobs]

    def _check(self, path: Path, exp: Expectation) -> Finding:
        started = time.monotonic()
        problems: list[str] = []
        done = run(["qpdf", "--check", path])
        if done.returncode != 0 or CLEAN not in done.stdout:
            lines = [ln for ln in (done.stdout + done.stderr).splitlines() if "WARNING" in ln
                     or "ERROR" in ln.upper()]  # fmt: skip
            problems.append(
                f"qpdf --check exited {done.returncode}: " + "; ".join(lines[:5] or ["no verdict"])
            )
        form = run(["qpdf", "--json", "--json-key=acroform", path])
        if form.returncode not in (0, 3):
            problems.append(f"qpdf --json exited {form.returncode}: {form.stderr.strip()[:200]}")
        else:
            problems += _form(json.loads(form.stdout).get("acroform", {}), exp)
        return self.finding(path, problems, started)


def _form(acroform: dict[str, Any], exp: Expectation) -> list[str]:
    problems: list[str] = []
    fields = acroform.get("fields", [])
    signed = set()
    unsigned = []
    for field in fields:
        if field.get("fieldtype") != "/Sig":
            problems.append(
                f"widget {field.get('annotation', {}).get('object')} on page "
                f"{field.get('pageposfrom1')} belongs to a field of type "
                f"{field.get('fieldtype')!r}, not a signature"
            )
            continue
        if field.get("value") is None:
            unsigned.append(field.get("fullname"))
        else:
            signed.add(field["value"])
    if len(signed) != exp.fields:
        problems.append(f"finds {len(signed)} signed signature fields, expected {exp.fields}")
    return problems + judge.phantoms(unsigned)
