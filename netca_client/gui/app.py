"""`netca-client`: the desktop client's entry point."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from netca_client.core.atomic_files import write_atomically
from netca_client.core.config import CONFIG_ENV, ClientConfig, apply_environment, load_config
from netca_client.core.errors import NetcaError
from netca_client.core.platform_paths import Autostart, bundled
from netca_client.core.seals import load_seal_trust
from netca_client.core.updates import UpdateOffer, UpdateRefused, update_source
from netca_client.gui.crash import install_excepthooks
from netca_client.gui.desktop import DesktopOptionsBox, SingleInstance, UpdateOfferDialog
from netca_client.gui.i18n import choose_language, install_translator
from netca_client.gui.icons import app_icon
from netca_client.gui.key_service import KeyService
from netca_client.gui.main_window import MainWindow
from netca_client.gui.pages.orders import OrderLookup
from netca_client.gui.style import apply_style
from netca_client.gui.tray import KeyTrayIcon


def _order_lookup(ra_url: str, ca_bundle: str | None) -> OrderLookup | None:
    """业务查询 through the RA client; None when no RA address is set."""
    if not ra_url:
        return None
    from netca_client.core.ra import RaClient  # requests loads on first use, not at start-up

    client = RaClient(ra_url, ca_bundle=ca_bundle)
    return lambda number, token: client.get_order(number, token=token)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="netca-client", description="netca-client desktop client")
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        help="use only this PKCS#11 module (repeatable; default: every module found)",
    )
    parser.add_argument(
        "--config", help=f"settings file (profile) to use (env {CONFIG_ENV}), e.g. the demo's"
    )
    parser.add_argument("--ra-url", help="RA address (overrides the settings)")
    parser.add_argument(
        "--trust",
        action="append",
        default=[],
        help="PEM file of a trusted root, added to the settings' (repeatable)",
    )
    parser.add_argument(
        "--picture",
        help="save a picture of the window to this PNG file now and then (a window on a "
        "display nobody sees, e.g. a virtual one)",
    )
    parser.add_argument("--picture-every", type=float, default=5.0, help="seconds (default 5)")
    parser.add_argument(
        "--minimized", action="store_true", help="start with the window minimised (at login)"
    )
    parser.add_argument(
        "--autostart",
        choices=("on", "off"),
        help="start netca-client at login for this user (on) or not (off), then exit",
    )
    # Benchmarks and installer tests: when the window is first shown, write what it shows
    # and the time to this JSON file, then quit.
    parser.add_argument("--startup-report", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.autostart:
        return _set_autostart(args.autostart == "on")
    if args.config:
        os.environ[CONFIG_ENV] = args.config
    try:
        config = load_config()
        # What the window uses is what 设置 shows: the settings, with this run's overrides.
        config = dataclasses.replace(
            config,
            ra_url=args.ra_url or config.ra_url,
            trust_files=(*config.trust_files, *args.trust),
        )
        apply_environment(config)
        trust = load_seal_trust(extra_files=[Path(f) for f in config.trust_files])
    except NetcaError as exc:
        print(exc, file=sys.stderr)
        return 1
    app = QApplication(sys.argv[:1])
    install_excepthooks()  # a bug anywhere is logged and shown, never silently swallowed
    app.setApplicationName("netca-client")
    instance = SingleInstance()
    if not args.startup_report and instance.notify_running():
        print("netca-client is already running: its window was brought to the front.")
        return 0
    instance.listen()
    app.setWindowIcon(app_icon())
    apply_style(app)
    translator = install_translator(app, choose_language(config.language))  # noqa: F841 - keep alive
    modules = args.module or None
    extra = [config.pkcs11_module] if config.pkcs11_module else []
    service = KeyService(modules, extra_modules=extra, trust=trust)
    tray = KeyTrayIcon() if QSystemTrayIcon.isSystemTrayAvailable() else None
    window = MainWindow(
        service,
        config,
        order_lookup=_order_lookup(config.ra_url, config.ra_ca_bundle),
        tray=tray,
        ra_url=config.ra_url,
    )
    if tray is not None:
        tray.quit_requested.connect(app.quit)
        tray.show()
    instance.raise_requested.connect(lambda: _bring_to_front(window))
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netca-updates")
    desktop = _attach_desktop_options(
        window, config, pool, language=choose_language(config.language)
    )
    if args.minimized:
        window.showMinimized()
    else:
        window.show()
    service.start()
    if config.web_bridge and not args.startup_report:
        window.web.start()
    if args.startup_report:
        QTimer.singleShot(0, lambda: _report_startup(window, Path(args.startup_report), app))
    elif desktop.source is not None:
        QTimer.singleShot(3000, desktop.check_now)
    # SIGTERM/SIGINT quit like the tray's Quit, so clean-up below runs. Python handles
    # signals only between bytecodes: a timer lets it run now and then.
    signal.signal(signal.SIGTERM, lambda signum, frame: app.quit())
    signal.signal(signal.SIGINT, lambda signum, frame: app.quit())
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    pictures = QTimer()
    if args.picture:
        target = Path(args.picture)
        pictures.timeout.connect(lambda: save_picture(window, target))
        pictures.start(int(args.picture_every * 1000))
        QTimer.singleShot(1500, lambda: save_picture(window, target))
    try:
        return app.exec()
    finally:
        window.web.stop()
        service.stop()
        pool.shutdown(wait=False, cancel_futures=True)


def _set_autostart(on: bool) -> int:
    autostart = Autostart()
    try:
        autostart.enable() if on else autostart.disable()
    except OSError as exc:
        print(f"netca-client: {exc}", file=sys.stderr)
        return 1
    print(f"{'on' if on else 'off'}: {autostart.location}")
    return 0


def _bring_to_front(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _attach_desktop_options(
    window: MainWindow, config: ClientConfig, pool: ThreadPoolExecutor, *, language: str
) -> DesktopOptionsBox:
    """设置 gets a 桌面 box (start at login, updates); an offer opens its dialog."""
    try:
        source = update_source(config)
    except UpdateRefused as exc:
        logging.getLogger(__name__).warning("update check off: %s", exc)
        source = None
    box = DesktopOptionsBox(source, pool, parent=window.settings)
    layout = window.settings.layout()
    layout.insertWidget(layout.count() - 1, box)  # above the page's closing stretch

    def offer(found: UpdateOffer) -> None:
        dialog = UpdateOfferDialog(found, pool, language=language, parent=window)
        dialog.show()

    box.offer_found.connect(offer)
    return box


def _report_startup(window: MainWindow, path: Path, app: QApplication) -> None:
    report = {
        "shown_at": time.time(),
        "title": window.windowTitle(),
        "visible": window.isVisible(),
        "platform": app.platformName(),
        "bundled": bundled(),
    }
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    app.quit()


def save_picture(window: MainWindow, path: Path) -> None:
    """The window as it looks now, written atomically (a viewer never sees half a file)."""
    png = QBuffer()
    png.open(QIODevice.OpenModeFlag.WriteOnly)
    if window.grab().save(png, "PNG"):
        write_atomically(path, bytes(png.data().data()))


if __name__ == "__main__":
    sys.exit(main())
