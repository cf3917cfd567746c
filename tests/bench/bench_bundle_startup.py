"""Benchmark: the installed bundle's start to the main window, against the virtualenv's.

Run: .venv/bin/python tests/bench/bench_bundle_startup.py [BUNDLE_DIR]
BUNDLE_DIR defaults to build/package/dist/netca-client (`make package`). Both programs are
started the same way: a fresh process with `--startup-report FILE`, offscreen, zh_CN, a
profile that loads the vkey module with two keys; the time is from just before the process
is spawned to the moment the window reports itself shown (wall clock, written by the
client). "Cold" drops the OS page cache first when this machine allows it (root); "warm" is
the median of the following starts. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.vkey import VkeyWorld  # noqa: E402

WARM_RUNS = 5


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start(command: list[str], env: dict[str, str], report: Path) -> float:
    report.unlink(missing_ok=True)
    began = time.time()
    subprocess.run([*command, "--startup-report", str(report)], env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["visible"], shown
    return float(shown["shown_at"]) - began


def measure(name: str, command: list[str], env: dict[str, str], report: Path) -> None:
    dropped = drop_caches()
    cold = start(command, env, report)
    warm = statistics.median(start(command, env, report) for _ in range(WARM_RUNS))
    how = "page cache dropped" if dropped else "first start; page cache not dropped"
    print(f"  {name:8} cold {cold:.2f} s ({how}), warm {warm:.2f} s (median of {WARM_RUNS})")


def main() -> None:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build/package/dist/netca-client"
    vkey = bundle / "_internal" / "vkey" / "libnetca-vkey.so"
    if not vkey.is_file():
        raise SystemExit(f"no bundle at {bundle}: run `make package` first")
    with tempfile.TemporaryDirectory() as tmp:
        world = VkeyWorld.create(Path(tmp) / "world")
        for label in ("bench1", "bench2"):
            world.init_token(label, pin="Bench-Pin-1", so_pin="Bench-So-Pin-1")
        profile = Path(tmp) / "profile.toml"
        profile.write_text(f'pkcs11_module = "{vkey}"\nvkey_dir = "{world.state_dir}"\n')
        env = {
            "HOME": tmp, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": tmp,
            "QT_QPA_PLATFORM": "offscreen", "NETCA_CONFIG": str(profile),
        }  # fmt: skip
        report = Path(tmp) / "startup.json"
        print("start to main window shown (offscreen, zh_CN, vkey module, 2 keys):")
        measure("bundle", [str(bundle / "netca-client")], env, report)
        measure("venv", [str(ROOT / ".venv" / "bin" / "netca-client")], env, report)


if __name__ == "__main__":
    main()
