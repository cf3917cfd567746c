"""50 sequential web logins in one page session: does anything grow?

The real parts: the demo world (its RA and OCSP over HTTP, vkey keys), the client's bridge
with its GUI host (the PIN dialog answered as soon as it opens), one page connection that
logs in 50 times, and the demo site's verifier checking every answer (chain, OCSP, origin,
freshness). Printed every 10 logins: the process's resident memory, Python's traced memory,
open file descriptors, threads, live PKCS#11 session objects on the Python side, and the
token's own session count (C_GetTokenInfo, when the module reports one).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_web_logins.py [--logins 50]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from netca_client.core.config import ClientConfig
from netca_client.core.seals import load_seal_trust
from netca_client.core.token.open_session import OpenSession
from netca_client.core.weblogin.limits import Rate
from netca_client.core.weblogin.origins import OriginDecision
from netca_client.gui.key_service import KeyService
from netca_client.gui.web_bridge import WebBridge
from netca_demo.relying_party.server import verifier_for
from netca_demo.world import KEYS, DemoWorld, free_port
from tests.web.page import Page, in_thread

ORIGIN = "https://rp.example"
ORG_KEY = KEYS[0]
UNAVAILABLE = 2**64 - 1  # CK_UNAVAILABLE_INFORMATION


def rss_kib() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def live_sessions() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, OpenSession))


def token_sessions(service: KeyService) -> str:
    library = service.library
    assert library is not None
    key = next(iter(service.snapshots.values())).key
    module = library.module_for(key)
    rv, info = module.run(lambda: module.cryptoki.token_info(key.slot_id))
    count = int(info.session_count)
    return "n/a" if rv != 0 or count == UNAVAILABLE else str(count)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=50)
    args = parser.parse_args()
    app = QApplication([])
    root = Path(tempfile.mkdtemp(prefix="bench-web-"))
    world = DemoWorld(root / "demo")
    world.claim_port(free_port())
    world.prepare()
    world.start_ra()
    os.environ["NETCA_VKEY_DIR"] = str(world.vkey_dir)
    os.environ["NETCA_WEB_ADMIN_ORIGINS"] = str(root / "none.toml")
    try:
        trust = load_seal_trust(extra_files=list(world.seal_trust))
        service = KeyService(world.module, poll_interval=0.2, trust=trust)
        bridge = WebBridge(service, ClientConfig(), origins_file=root / "origins.json")
        bridge.load_policy().set(ORIGIN, OriginDecision.ALLOW)
        service.start()
        deadline = time.monotonic() + 30
        while len(service.snapshots) < 2 and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        port = bridge.start(ports=(0,))
        assert port, bridge.error
        assert bridge.server is not None
        # A person needs seconds per PIN dialog; the bench answers at once, so the per-origin
        # signature limit (5 at once, then one per 2 s) is lifted for it.
        bridge.server.limiter.rates["sign"] = Rate(burst=10_000, per_second=10_000.0)

        def answer(dialog: object) -> None:  # the user types the PIN at once
            dialog.pin_edit.setText(ORG_KEY.pin)  # type: ignore[attr-defined]
            QTimer.singleShot(0, dialog.accept)  # type: ignore[attr-defined]

        bridge.host.sign_opened.connect(answer)
        verifier = verifier_for(world.ra_dir / "ca", ORIGIN)
        page = in_thread(lambda: Page(port, ORIGIN))
        while not page.done():
            app.processEvents()
        connection = page.result()
        keys = connection.request({"type": "keys"})["result"]["keys"]
        certificate = next(
            c["id"] for k in keys if k["label"] == ORG_KEY.label for c in k["certificates"]
        )

        def one_login() -> str:
            challenge = verifier.issue_challenge()
            request = {"type": "login", "certificate": certificate, "challenge": challenge}
            reply = connection.request(request)
            assert "result" in reply, reply
            answer = reply["result"]
            return verifier.verify(challenge=challenge, signed_data=answer["signed_data"]).subject

        tracemalloc.start()
        print(f"{'logins':>6} {'RSS KiB':>9} {'traced KiB':>10} {'fds':>4} {'threads':>7} "
              f"{'sessions (py)':>13} {'sessions (token)':>16} {'ms/login':>8}")  # fmt: skip
        started = time.perf_counter()
        times: list[float] = []
        for done in range(args.logins + 1):
            if done % 10 == 0:
                import threading

                traced = tracemalloc.get_traced_memory()[0] // 1024
                mean = sum(times[-10:]) / len(times[-10:]) * 1000 if times else 0.0
                print(f"{done:>6} {rss_kib():>9} {traced:>10} {open_fds():>4} "
                      f"{threading.active_count():>7} {live_sessions():>13} "
                      f"{token_sessions(service):>16} {mean:>8.1f}", flush=True)  # fmt: skip
            if done == args.logins:
                break
            begun = time.perf_counter()
            job = in_thread(one_login)
            while not job.done():
                app.processEvents()
                time.sleep(0.001)
            assert job.result()
            times.append(time.perf_counter() - begun)
        total = time.perf_counter() - started
        print(f"{args.logins} logins in {total:.1f} s; median "
              f"{sorted(times)[len(times) // 2] * 1000:.0f} ms a login (PIN dialog, C_Login, "
              f"C_Sign, CMS, and the site's check with OCSP)")  # fmt: skip
        connection.close()
        bridge.stop()
        service.stop()
    finally:
        world.stop_ra()
    return 0


if __name__ == "__main__":
    sys.exit(main())
