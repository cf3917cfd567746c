"""Benchmark: time from process start to the main window shown, cold and warm.

Run: .venv/bin/python tests/bench/bench_startup.py
"Cold" is the first start after dropping the OS page cache when this machine allows it
(root, /proc/sys/vm/drop_caches writable); otherwise it says so and is a first start only.
"Warm" is the median of the following starts. The window loads the vkey module and shows
two demo-like keys (the key thread and monitor run as in real use). Our packages are
byte-compiled first, as an installed client is.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.vkey import VkeyWorld  # noqa: E402

CHILD = r"""
import time
started = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from netca_client.core.config import ClientConfig
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.style import apply_style
from netca_client.gui.i18n import install_translator
imported = time.perf_counter()
app = QApplication([])
apply_style(app)
translator = install_translator(app, "zh_CN")
service = KeyService(None, poll_interval=0.2)
window = MainWindow(service, ClientConfig())
window.show()
app.processEvents()
shown = time.perf_counter()
service.start()
def check():
    if len([c for c in window.home.cards.values() if c.snapshot]) >= 2:
        print(f"{imported - started:.3f} {shown - started:.3f} {time.perf_counter() - started:.3f}")
        service.stop()
        app.quit()
    else:
        QTimer.singleShot(10, check)
QTimer.singleShot(0, check)
app.exec()
"""


# The anchor: a bare PySide6 window, the least any Qt client pays from process start.
ANCHOR = r"""
import time
started = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
imported = time.perf_counter()
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("网证通"))
window.show()
app.processEvents()
shown = time.perf_counter()
print(f"{imported - started:.3f} {shown - started:.3f} {shown - started:.3f}")
"""


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start(env: dict[str, str], code: str = CHILD) -> tuple[float, float, float, float]:
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    total = time.perf_counter() - began
    imported, shown, keys = (float(x) for x in out.stdout.split())
    return total, imported, shown, keys


def main() -> None:
    packages = ("netca_client", "netca_seal", "netca_gm", "netca_protocol")
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        world = VkeyWorld.create(Path(tmp))
        for label in ("bench1", "bench2"):
            world.init_token(label, pin="Bench-Pin-1", so_pin="Bench-So-Pin-1")
        env = {**world.env, "QT_QPA_PLATFORM": "offscreen"}
        dropped = drop_caches()
        cold = start(env)
        dropped = drop_caches() and dropped
        anchor_cold = start(env, ANCHOR)
        warm, anchor_warm = [], []
        for _ in range(5):  # alternated, so both see the same load
            warm.append(start(env, CHILD))
            anchor_warm.append(start(env, ANCHOR))
    print("startup to main window (offscreen, zh_CN, vkey module, 2 keys):")
    label = (
        "cold (page cache dropped)"
        if dropped
        else "cold (first start; page cache could not be dropped)"
    )
    median = tuple(statistics.median(w[i] for w in warm) for i in range(4))
    anchor_median = tuple(statistics.median(w[i] for w in anchor_warm) for i in range(4))
    rows = [
        (f"ours, {label}", cold),
        (f"anchor (bare PySide6 window), {label}", anchor_cold),
        ("ours, warm (median of 5)", median),
        ("anchor (bare PySide6 window), warm (median of 5)", anchor_median),
    ]
    for name, (total, imported, shown, keys) in rows:
        print(
            f"  {name}: imports {imported:.3f} s, window shown {shown:.3f} s, "
            f"key cards filled {keys:.3f} s, process total {total:.3f} s"
        )
    print(
        f"  goal: window shown ≤ 1.0 s cold ({'met' if cold[2] <= 1.0 else 'not met'}), "
        f"≤ 0.4 s warm ({'met' if median[2] <= 0.4 else 'not met'})"
    )


if __name__ == "__main__":
    main()
