"""The Java checkers (tests/interop/java/*.java), compiled once per test session with javac
against Debian's jars, and run once per batch of files."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SOURCES = Path(__file__).parent / "java"
JARS = Path("/usr/share/java")
BOUNCYCASTLE = ("bcprov.jar", "bcpkix.jar", "bcutil.jar")
PDFBOX = ("pdfbox2.jar", "fontbox2.jar", "commons-logging.jar", *BOUNCYCASTLE)
ITEXT = ("itext5.jar", *BOUNCYCASTLE)

_lock = threading.Lock()
_build: Path | None = None


def classpath(jars: Sequence[str], *extra: Path) -> str:
    missing = [j for j in jars if not (JARS / j).exists()]
    if missing:
        raise RuntimeError(f"missing Debian jars {missing} (make sysdeps installs them)")
    return ":".join([*(str(JARS / j) for j in jars), *(str(e) for e in extra)])


def build() -> Path:
    """Compile every checker once per process; the classes' directory."""
    global _build
    with _lock:
        if _build is None:
            if shutil.which("javac") is None:
                raise RuntimeError("javac not found (make sysdeps installs default-jdk-headless)")
            out = Path(tempfile.mkdtemp(prefix="netca-interop-java-"))
            sources = sorted(str(p) for p in SOURCES.glob("*.java"))
            done = subprocess.run(
                ["javac", "-nowarn", "-encoding", "UTF-8", "-d", str(out),
                 "-cp", classpath(sorted(set(PDFBOX + ITEXT))), *sources],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"javac failed: {done.stderr[-2000:]}")
            _build = out
        return _build


def run_checker(
    main: str, jars: Sequence[str], args: Sequence[str], *, timeout: float = 600
) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """(hello line, one JSON result per file, stderr) of one checker run."""
    done = subprocess.run(
        ["java", "-Xss4m", "-Djava.awt.headless=true", "-cp", classpath(jars, build()), main,
         *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{main} exited {done.returncode}: {done.stderr[-2000:]}")
    return lines[0], lines[1:], done.stderr
