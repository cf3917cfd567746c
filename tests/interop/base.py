"""What every reader adapter is: a name and check_many over a batch of files."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from tests.interop.expectation import Expectation, Finding, Job


class Reader:
    """One independent PDF reader. ``check_many`` starts the reader's process(es) once per
    batch where it has a start-up cost (JVM, node) and returns one Finding per job, in
    order; a Finding's problems are sentences a person reads after the reader's name."""

    name = "reader"
    verifies = True  # checks signature integrity itself
    renders = True  # draws pages; stamps are checked in its images

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError

    def finding(self, path: Path, problems: list[str], started: float) -> Finding:
        return Finding(self.name, path, problems, time.monotonic() - started)

    def findings(
        self,
        jobs: Sequence[Job],
        results: Iterable[dict[str, Any]],
        judge: Callable[[dict[str, Any], Expectation], list[str]],
        *,
        started: float,
        source: str,
    ) -> list[Finding]:
        """One Finding per job from a checker process's per-file results (keyed "path"),
        judged by ``judge``; a file the process said nothing about is a problem, and the
        batch's time is shared out evenly."""
        by_path = {r.get("path"): r for r in results}
        share = (time.monotonic() - started) / max(1, len(jobs))
        missing = {"error": f"no result from {source}"}
        return [
            Finding(self.name, path, judge(by_path.get(str(path), missing), exp), share)
            for path, exp in jobs
        ]


def run(args: Sequence[str | Path], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=timeout, check=False
    )


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
