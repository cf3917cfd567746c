"""Benchmark: the RA answering `GET /orders/{no}` beside a bare FastAPI app, one worker each.

Run: .venv/bin/python tests/bench/bench_ra_reads.py [--seconds 10] [--connections 64] [--runs 3]
Needs `wrk` (Debian package). For each database (SQLite, and PostgreSQL when its binaries are
installed) it initialises an RA, creates one order, serves it with `netca-ra serve --workers 1`
and loads `GET /api/v1/orders/{no}` (with its X-Order-Token) with wrk from another process;
the anchor is a bare FastAPI app with one `def` route answering a small JSON object, served
by the same uvicorn the same way. Runs alternate anchor and RA; prints requests/s and p99
latency, median over the runs, and the RA's share of the anchor's throughput; then each run's
range (lowest–highest) and the load average when the database's runs ended.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ra.helpers import order_body  # noqa: E402
from tests.ra.servers import PostgresCluster, RaServer, free_port, postgres_bin  # noqa: E402

_BARE = """
from fastapi import FastAPI
app = FastAPI()

@app.get("/api/v1/hello")
def hello() -> dict[str, str]:
    return {"order_no": "00202611300000001", "state": "submitted"}
"""


def _wrk(
    url: str, *, seconds: int, connections: int, headers: dict[str, str]
) -> tuple[float, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None, out
    value, unit = float(p99.group(1)), p99.group(2)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} answers were not 200\n{out}")
    return rate, value * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def _spread(values: list[float], spec: str = ".0f") -> str:
    return f"{min(values):{spec}}–{max(values):{spec}}"


def _load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0]


def _serve_bare(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    (directory / "bare_app.py").write_text(_BARE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port),
         "--log-level", "warning", "--workers", "1"],
        cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/v1/hello"
    for _ in range(100):
        try:
            requests.get(url, timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("the bare app did not start")


def _order(ra: RaServer) -> tuple[str, str]:
    created = requests.post(
        ra.api + "/orders", json=order_body(), headers={"Idempotency-Key": "bench-reads-0001"},
        timeout=30,
    )  # fmt: skip
    created.raise_for_status()
    body = created.json()
    return body["order"]["order_no"], body["access_token"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = {"seconds": args.seconds, "connections": args.connections}
    with tempfile.TemporaryDirectory(prefix="bench-ra-reads-") as tmp:
        root = Path(tmp)
        bare, bare_url = _serve_bare(root)
        databases = {"SQLite": f"sqlite:///{root / 'ra.sqlite3'}"}
        cluster = None
        bin_dir = postgres_bin()
        if bin_dir is not None:
            cluster = PostgresCluster(bin_dir, durable=True)
            cluster.start()
            databases["PostgreSQL"] = cluster.create_database("bench_reads")
        try:
            print(f"wrk: {args.connections} connections, {args.seconds} s, {args.runs} runs each;"
                  f" one uvicorn worker each; load average {_load()}")  # fmt: skip
            for name, url in databases.items():
                ra = RaServer(database_url=url, data_dir=root / f"data-{name}")
                ra.initialise()
                ra.start(workers=1)
                try:
                    order_no, token = _order(ra)
                    target = f"{ra.api}/orders/{order_no}"
                    anchor, ours = [], []
                    for _ in range(args.runs):
                        anchor.append(_wrk(bare_url, headers={}, **load))
                        ours.append(_wrk(target, headers={"X-Order-Token": token}, **load))
                finally:
                    ra.stop()
                a_rate = statistics.median(r for r, _ in anchor)
                a_p99 = statistics.median(p for _, p in anchor)
                o_rate = statistics.median(r for r, _ in ours)
                o_p99 = statistics.median(p for _, p in ours)
                print(f"  {name}: RA GET /orders/{{no}} {o_rate:.0f} req/s, "
                      f"p99 {1000 * o_p99:.0f} ms | bare FastAPI {a_rate:.0f} req/s, "
                      f"p99 {1000 * a_p99:.0f} ms | RA/bare {o_rate / a_rate:.2f}x, "
                      f"p99 {o_p99 / a_p99:.1f}x")  # fmt: skip
                # each run's pair (anchor and ours ran one after the other): the spread
                ratios = [o[0] / a[0] for a, o in zip(anchor, ours, strict=True)]
                p99s = [o[1] / a[1] for a, o in zip(anchor, ours, strict=True)]
                print(f"    runs: RA {_spread([r for r, _ in ours])} req/s, p99 "
                      f"{_spread([1000 * p for _, p in ours])} ms | bare "
                      f"{_spread([r for r, _ in anchor])} req/s, p99 "
                      f"{_spread([1000 * p for _, p in anchor])} ms | RA/bare "
                      f"{_spread(ratios, '.2f')}x, p99 {_spread(p99s, '.1f')}x | load average "
                      f"{_load()}")  # fmt: skip
        finally:
            bare.terminate()
            bare.wait()
            if cluster is not None:
                cluster.stop()


if __name__ == "__main__":
    main()
