"""Benchmark: the `netca keys` process beside python-pkcs11 listing the same slots, and the
floor of starting Python at all.

Run: .venv/bin/python tests/bench/bench_cli_keys.py [--runs 7]
Two vkey keys on the vkey module (NETCA_PKCS11_MODULE), fresh processes, alternated:
- floor: `python -c pass` (the interpreter and site start-up every row pays);
- anchor: python-pkcs11 loading the module and listing the slots with a token (labels and
  serials), what `netca keys` must do at the least;
- ours: `python -m netca_client.cli keys` as a user runs it (plain text output).
Prints the median and spread of each and ours against the goal (≤ 0.2 s, issue 16).
Our packages are byte-compiled first, as an installed client is (pip and the bundle ship
.pyc files): otherwise every run would compile the sources again (PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.vkey import VkeyWorld  # noqa: E402

_ANCHOR = """
import os, pkcs11
lib = pkcs11.lib(os.environ["NETCA_PKCS11_MODULE"])
for slot in lib.get_slots(token_present=True):
    token = slot.get_token()
    print(token.label, token.serial)
"""

ROWS = {
    "floor: python -c pass": [sys.executable, "-c", "pass"],
    "anchor: python-pkcs11 slot listing": [sys.executable, "-c", _ANCHOR],
    "ours: netca keys": [sys.executable, "-m", "netca_client.cli", "keys"],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    packages = ("netca_client", "netca_seal", "netca_gm", "netca_protocol")
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-cli-keys-") as tmp:
        world = VkeyWorld.create(Path(tmp))
        for label in ("bench1", "bench2"):
            world.init_token(label, pin="Bench-Pin-1", so_pin="Bench-So-Pin-1")
        env = {**world.env, "PYTHONPATH": str(ROOT), "HOME": tmp}
        seconds: dict[str, list[float]] = {name: [] for name in ROWS}
        for _ in range(runs):
            for name, args in ROWS.items():
                began = time.perf_counter()
                done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
                seconds[name].append(time.perf_counter() - began)
                if done.returncode != 0 or ("bench2" not in done.stdout and "pass" not in name):
                    raise SystemExit(f"{name} failed:\n{done.stdout}\n{done.stderr}")
    print(f"`netca keys`, 2 vkey keys, {runs} fresh processes each (median, min–max):")
    for name, values in seconds.items():
        print(f"  {name}: {statistics.median(values):.3f} s "
              f"({min(values):.3f}–{max(values):.3f})")  # fmt: skip
    ours = statistics.median(seconds["ours: netca keys"])
    print(f"  goal ≤ 0.200 s: {'met' if ours <= 0.2 else 'not met'} ({ours:.3f} s)")


if __name__ == "__main__":
    main()
