"""Fail when a .ts file is stale, unfinished, or a translation drops or adds a placeholder.

Usage: python tools/i18n_check.py [--ts-dir DIR] [--sources DIR]
Run by `make test`. Exit 0 when every .ts matches the sources and every translation is sound.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d")


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation text, None when unfinished or empty."""
    found: dict[tuple[str, str], str | None] = {}
    # Our own files from the repository, not untrusted input.
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            unfinished = translation is None or translation.get("type") in (
                "unfinished",
                "obsolete",
                "vanished",
            )
            text = None if unfinished or translation is None else (translation.text or None)
            found[(name, source)] = text
    return found


def lupdate(sources: list[Path], ts: Path) -> None:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(tool), *map(str, sources), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def check(ts_dir: Path, source_dir: Path) -> list[str]:
    problems: list[str] = []
    sources = sorted(source_dir.rglob("*.py"))
    files = sorted(ts_dir.glob("*.ts"))
    if not files:
        return [f"no .ts files in {ts_dir}"]
    for ts in files:
        committed = messages(ts)
        with tempfile.TemporaryDirectory() as tmp:
            fresh_path = Path(tmp) / ts.name
            shutil.copy(ts, fresh_path)
            lupdate(sources, fresh_path)
            fresh = messages(fresh_path)
        for key in sorted(set(fresh) - set(committed)):
            problems.append(f"{ts.name}: stale, new text not in the file: {key[0]}: {key[1]!r}")
        for key in sorted(set(committed) - set(fresh)):
            problems.append(
                f"{ts.name}: stale, text no longer in the sources: {key[0]}: {key[1]!r}"
            )
        for (context, source), text in sorted(committed.items()):
            if text is None:
                problems.append(f"{ts.name}: unfinished: {context}: {source!r}")
                continue
            if not ts.stem.endswith("_en") and text == source and re.search("[A-Za-z]{2}", source):
                problems.append(f"{ts.name}: untranslated (English kept): {context}: {source!r}")
                continue
            wanted, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(text))
            if wanted != got:
                problems.append(
                    f"{ts.name}: placeholders differ in {context}: {source!r} has {wanted}, "
                    f"translation {text!r} has {got}"
                )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ts-dir", type=Path, default=ROOT / "resources" / "translations")
    parser.add_argument("--sources", type=Path, default=ROOT / "netca_client" / "gui")
    args = parser.parse_args()
    problems = check(args.ts_dir, args.sources)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            "Run `make translations-update`, translate, and commit the .ts files.", file=sys.stderr
        )
        return 1
    print(f"translations ok: {len(list(args.ts_dir.glob('*.ts')))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
