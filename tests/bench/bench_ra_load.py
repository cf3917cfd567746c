"""Load check: N parallel clients create and query orders on PostgreSQL for a bounded time.

Run: python tests/bench/bench_ra_load.py [--clients 16] [--seconds 20] [--workers 2]

Starts its own PostgreSQL (fsync on) and `netca-ra serve --workers W` (W stateless processes
sharing the database) on 127.0.0.1, then checks that no order was lost or duplicated: every
201 answer's number is distinct, each one reads back, and the database holds exactly those.
Prints requests/s and latency percentiles. A benchmark: it prints numbers, asserts nothing
about speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ra.helpers import order_body  # noqa: E402
from tests.ra.servers import PostgresCluster, RaServer, postgres_bin  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.created: dict[str, str] = {}  # order_no -> token
        self.duplicates = 0
        self.errors: list[str] = []

    def record(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)


def client_loop(ra: RaServer, tally: Tally, deadline: float) -> None:
    http = requests.Session()
    while time.monotonic() < deadline:
        started = time.perf_counter()
        response = http.post(
            ra.api + "/orders",
            json=order_body(),
            headers={"Idempotency-Key": uuid.uuid4().hex},
            timeout=30,
        )
        tally.record(time.perf_counter() - started)
        if response.status_code != 201:
            tally.errors.append(f"create {response.status_code} {response.text[:120]}")
            continue
        created = response.json()
        order_no = created["order"]["order_no"]
        with tally.lock:
            if order_no in tally.created:
                tally.duplicates += 1
            tally.created[order_no] = created["access_token"]
        started = time.perf_counter()
        fetched = http.get(
            f"{ra.api}/orders/{order_no}",
            headers={"X-Order-Token": created["access_token"]},
            timeout=30,
        )
        tally.record(time.perf_counter() - started)
        if fetched.status_code != 200 or fetched.json()["order_no"] != order_no:
            tally.errors.append(f"query {order_no}: {fetched.status_code}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bin_dir = postgres_bin()
    if bin_dir is None:
        print("PostgreSQL binaries missing (make sysdeps)", file=sys.stderr)
        return 2
    cluster = PostgresCluster(bin_dir, durable=True)
    cluster.start()
    data_dir = Path(tempfile.mkdtemp(prefix="netca-bench-"))
    ra = RaServer(database_url=cluster.create_database("netca_ra_bench"), data_dir=data_dir)
    try:
        ra.initialise()
        ra.start(workers=args.workers)
        tally = Tally()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client_loop, args=(ra, tally, deadline))
            for _ in range(args.clients)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        with psycopg.connect(ra.database_url) as connection:
            stored = {row[0] for row in connection.execute("SELECT order_no FROM orders")}
    finally:
        ra.stop()
        cluster.stop()
    lost = set(tally.created) - stored
    extra = stored - set(tally.created)
    latencies = tally.latencies
    print(
        f"clients={args.clients} workers={args.workers} seconds={elapsed:.1f} PostgreSQL fsync=on"
    )
    print(f"requests={len(latencies)}  requests/s={len(latencies) / elapsed:.1f}")
    print(f"orders created={len(tally.created)}  orders/s={len(tally.created) / elapsed:.1f}")
    if latencies:
        print(
            "latency ms: p50={:.1f} p90={:.1f} p99={:.1f} max={:.1f} mean={:.1f}".format(
                *(1000 * percentile(latencies, f) for f in (0.5, 0.9, 0.99)),
                1000 * max(latencies),
                1000 * statistics.fmean(latencies),
            )
        )
    print(
        f"duplicated numbers={tally.duplicates}  lost (answered 201, not stored)={len(lost)}  "
        f"stored but never answered={len(extra)}  errors={len(tally.errors)}"
    )
    for error in tally.errors[:5]:
        print("  ", error)
    ok = not (tally.duplicates or lost or extra or tally.errors)
    print("consistency: OK" if ok else "consistency: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
