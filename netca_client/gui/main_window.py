"""The main window: navigation on the left, one page per entry, key state from KeyService."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from netca_client.core.config import ClientConfig
from netca_client.core.errors import NetcaError
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.seal_record import SealJob
from netca_client.gui.error_text import error_text
from netca_client.gui.icons import app_icon
from netca_client.gui.key_service import KeyService
from netca_client.gui.pages.certificates import CertificatesPage
from netca_client.gui.pages.home import HomePage, key_display_name
from netca_client.gui.pages.orders import OrderLookup, OrdersPage
from netca_client.gui.pages.seals import SealsPage
from netca_client.gui.pages.settings import SettingsPage
from netca_client.gui.pages.tools import ToolsPage
from netca_client.gui.pages.web_settings import WebBridgeBox
from netca_client.gui.pdf.sign_page import PdfSignPage
from netca_client.gui.pdf.verify_page import PdfVerifyPage
from netca_client.gui.pin_flows import PinFlows
from netca_client.gui.tray import KeyTrayIcon
from netca_client.gui.web_bridge import WebBridge
from netca_client.gui.wizards.launcher import KeyJobsLauncher
from netca_client.gui.wizards.workflows import KeyWorkflows

if TYPE_CHECKING:
    from cryptography import x509

    from netca_client.core.secrets import SecretStore  # keyring: loaded when first used

PAGES = ("home", "certificates", "seals", "pdf", "verify", "orders", "tools", "settings")


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: KeyService,
        config: ClientConfig,
        *,
        order_lookup: OrderLookup | None = None,
        tray: KeyTrayIcon | None = None,
        ra_url: str | None = None,
        secrets: SecretStore | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.config = config
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="netca-gui-pool")
        self.setWindowTitle(self.tr("netca-client security client"))
        self.setWindowIcon(app_icon())
        self.resize(1100, 720)
        self.home = HomePage()
        self.certificates = CertificatesPage()
        self.seals = SealsPage()
        self.pdf = PdfSignPage(service, self.pool, tsa_url=config.time_stamp_url)
        self.verify = PdfVerifyPage(self.pool, lambda: _verify_roots(service))
        self.orders = OrdersPage(order_lookup, self.pool)
        self.tools = ToolsPage(
            service, self.pool, ra_url=ra_url or config.ra_url, ra_ca_bundle=config.ra_ca_bundle
        )
        self.settings = SettingsPage(config)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        titles = (
            self.tr("Home"),
            self.tr("My certificates"),
            self.tr("My seals"),
            self.tr("PDF signing"),
            self.tr("Verify"),
            self.tr("Order query"),
            self.tr("Tools"),
            self.tr("Settings"),
        )
        pages = (
            self.home,
            self.certificates,
            self.seals,
            self.pdf,
            self.verify,
            self.orders,
            self.tools,
            self.settings,
        )
        for title, page in zip(titles, pages, strict=True):
            self.navigation.addItem(title)
            if page is self.settings:
                # 设置 grows with every box (desktop, updates, web login…): it scrolls rather
                # than make the window taller than a 1366×768 laptop's screen.
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setWidget(page)
                self.stack.addWidget(scroll)
            else:
                self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.setCurrentRow(0)
        self.tray = tray
        self.pin_flows = PinFlows(service, self)
        self.pin_flows.message.connect(self.show_message)
        # 激活证书, 忘记密码, 受理点模式 and the unfinished jobs of the journal
        self.workflows = KeyWorkflows(
            service,
            self.pool,
            ra_url=ra_url or config.ra_url,
            ca_bundle=config.ra_ca_bundle,
            secrets=secrets,
            parent=self,
        )
        self.key_jobs = KeyJobsLauncher(self.workflows, self.home.pending, self)
        self.key_jobs.message.connect(self.show_message)
        self.key_jobs.seal_jobs_changed.connect(self._on_seal_jobs)
        self.seals.seal_requested.connect(self.key_jobs.seal)
        self.pin_flows.forgot_requested.connect(self.key_jobs.unlock)
        self.tools.provisioning_requested.connect(self.key_jobs.provision)
        self.key_jobs.renewals_changed.connect(self.home.show_renewals)
        service.library_loaded.connect(self.key_jobs.start)
        service.library_loaded.connect(self._on_library_loaded)
        self._reminded: set[str] = set()
        self._plugged_now: set[object] = set()  # keys whose first snapshot is still to come
        service.key_inserted.connect(self._on_key_inserted)
        service.key_removed.connect(self._on_key_removed)
        service.snapshot_loaded.connect(self._on_snapshot_loaded)
        service.library_failed.connect(self._on_library_failed)
        if tray is not None:
            tray.page_requested.connect(self.open_page)
        # 网页登录: the loopback service (app.py starts it when 设置 has it on)
        self.web = WebBridge(service, config, parent=self)
        self.web.host.pages.update(
            {
                "forgot_pin": self._open_forgot_pin,
                "renewal": self.open_renewal,
                "seal_install": self.open_seal_install,
            }
        )
        settings_layout = self.settings.layout()
        settings_layout.insertWidget(
            settings_layout.count() - 1, WebBridgeBox(self.web, settings=self.settings)
        )

    def open_page(self, name: str) -> None:
        self.navigation.setCurrentRow(PAGES.index(name))
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # --- pages a web site may open (web bridge "open") -------------------------------------

    def _open_forgot_pin(self, key: KeyRef) -> None:
        self.open_page("home")
        self.key_jobs.unlock(key)

    def open_renewal(self, key: KeyRef) -> None:
        """证书续期 for ``key``: the renewal wizard (or the renewal already under way)."""
        self.open_page("home")
        self.key_jobs.renew(key)

    def open_seal_install(self, key: KeyRef) -> None:
        """印章安装 for ``key``. Hook like open_renewal: the key's seals for now."""
        self.open_page("seals")
        self.show_message(
            self.tr("Seal installation for key “{label}”").format(label=key_display_name(key))
        )

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def closeEvent(self, event: object) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.web.stop()
        super().closeEvent(event)  # type: ignore[arg-type]

    # --- key events ----------------------------------------------------------------

    def _on_key_inserted(self, key: KeyRef) -> None:
        card = self.home.add_key(key)
        card.verify_pin_requested.connect(self.pin_flows.verify_pin)
        card.change_pin_requested.connect(self.pin_flows.change_pin)
        card.seals_requested.connect(lambda _: self.open_page("seals"))
        card.certificates_requested.connect(self._open_certificates_of)
        card.activate_requested.connect(self.key_jobs.activate)
        card.forgot_requested.connect(self.key_jobs.unlock)
        card.renew_requested.connect(self.key_jobs.renew)
        card.install_requested.connect(self.key_jobs.install_renewed)
        self._plugged_now.add(key.identity)
        card.seal_requested.connect(self.key_jobs.seal)
        card.set_seal_job(self.key_jobs.seal_jobs.get(key.serial))
        label = key_display_name(key)
        self.show_message(self.tr("USB key “{label}” plugged in").format(label=label))
        if self.tray is not None:
            self.tray.notify(self.tr("USB key plugged in"), label, page="home")

    def _on_key_removed(self, key: KeyRef) -> None:
        self.home.remove_key(key)
        self.certificates.remove_key(key)
        self.seals.remove_key(key)
        self.pdf.refresh_seals()
        label = key_display_name(key)
        self.show_message(self.tr("USB key “{label}” removed").format(label=label))
        if self.tray is not None:
            self.tray.notify(self.tr("USB key removed"), label, page="home")

    def _on_snapshot_loaded(self, snapshot: KeySnapshot) -> None:
        if snapshot.key.identity not in self.home.cards:
            return  # removed meanwhile
        self.home.show_snapshot(snapshot)
        self.certificates.show_snapshot(snapshot)
        self.seals.show_snapshot(snapshot)
        self.pdf.refresh_seals()
        self._remind(snapshot)
        if snapshot.key.identity in self._plugged_now:
            self._plugged_now.discard(snapshot.key.identity)
            self.key_jobs.offer_install(snapshot.key, plugged_now=True)  # 证书安装 on plug-in

    def _on_seal_jobs(self, jobs: dict[str, SealJob]) -> None:
        for card in self.home.cards.values():
            card.set_seal_job(jobs.get(card.key.serial))
        self.seals.show_seal_jobs(jobs)

    def _open_certificates_of(self, key: KeyRef) -> None:
        self.open_page("certificates")
        self.certificates.select_key(key)

    def _remind(self, snapshot: KeySnapshot) -> None:
        from netca_client.core.certs.reminders import due_reminders  # loaded with the snapshot

        for reminder in due_reminders(
            snapshot.expiring(),
            thresholds=self.config.reminder_days,
            already_sent=frozenset(self._reminded),
        ):
            self._reminded.add(reminder.key)
            item = reminder.item
            if item.kind == "seal":
                title, page = self.tr("Seal expiring"), "seals"
                text = self.tr("The seal {name} expires in {n} days.")
            else:
                title, page = self.tr("Certificate expiring"), "certificates"
                text = self.tr("The certificate of {holder} expires in {n} days.")
            text = text.format(name=item.name, holder=item.name, n=item.days_left)
            self.show_message(text)
            if self.tray is not None:
                self.tray.notify(title, text, page=page)

    def _on_library_loaded(self) -> None:
        library = self.service.library
        if library is not None:
            paths = [module.module_path for module in library.modules]
            self.settings.show_modules(paths, list(library.failures))

    def _on_library_failed(self, error: NetcaError) -> None:
        self.home.empty.setText(error_text(error))
        self.settings.show_modules_failed(error_text(error))
        self.show_message(error_text(error))


def _verify_roots(service: KeyService) -> list[x509.Certificate]:
    """What 验证 trusts, read when a file is first checked (on the pool, not at start-up):
    load_seal_trust() always includes the built-in and user directories; --trust adds to it."""
    from netca_client.core.seals import load_seal_trust

    trust = service.trust or load_seal_trust()
    return [*trust.roots, *trust.intermediates]
