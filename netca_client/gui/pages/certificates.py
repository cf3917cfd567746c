"""我的证书: certificates of all keys, their details, and export of the public certificate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from netca_client.core.atomic_files import write_atomically
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyIdentity, KeyRef
from netca_client.gui.pages.frame import page_layout

if TYPE_CHECKING:  # X.509 loads with the first snapshot, after the window is shown
    from netca_client.core.certs import CertificateSummary

CERT_ROLE = Qt.ItemDataRole.UserRole + 1


class CertificateDetailsView(QWidget):
    """Every field a holder or a help desk asks about, selectable for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.fields: dict[str, QLabel] = {}
        for name, label in (
            ("subject", self.tr("Holder")),
            ("organisation", self.tr("Organisation")),
            ("org_code", self.tr("Unified social credit code")),
            ("kind", self.tr("Certificate kind")),
            ("purpose", self.tr("Purpose")),
            ("issuer", self.tr("Issuer")),
            ("serial", self.tr("Serial number")),
            ("validity", self.tr("Valid")),
            ("days_left", self.tr("Days left")),
            ("algorithm", self.tr("Key")),
            ("sha256", self.tr("SHA-256 fingerprint")),
        ):
            value = QLabel("-")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[name] = value
            self.form.addRow(label, value)

    def show_certificate(self, cert: CertificateSummary) -> None:
        values = {
            "subject": cert.subject_cn,
            "organisation": cert.subject_o or "-",
            "org_code": cert.org_code or "-",
            "kind": self.kind_text(cert),
            "purpose": self.purpose_text(cert),
            "issuer": cert.issuer_cn,
            "serial": cert.serial,
            "validity": f"{cert.not_before:%Y-%m-%d} — {cert.not_after:%Y-%m-%d}",
            "days_left": str(cert.days_left) if cert.days_left >= 0 else self.tr("expired"),
            "algorithm": self.algorithm_text(cert),
            "sha256": cert.sha256,
        }
        for name, value in values.items():
            self.fields[name].setText(value)

    def algorithm_text(self, cert: CertificateSummary) -> str:
        """The key's algorithm and size (RSA 2048, EC secp256r1 256), SM2 named as 国密; an
        algorithm none of our libraries know is named by its OID."""
        if cert.key_algorithm == "SM2":
            return self.tr("SM2 (Chinese national standard)")
        if cert.key_size:
            return f"{cert.key_algorithm} {cert.key_size}"
        return cert.key_algorithm

    def kind_text(self, cert: CertificateSummary) -> str:
        kinds = {
            "organisation": self.tr("Organisation certificate"),
            "employee": self.tr("Employee certificate"),
            "personal": self.tr("Personal certificate"),
            "unknown": self.tr("Unknown"),
        }
        return kinds[cert.holder_kind.value]

    def purpose_text(self, cert: CertificateSummary) -> str:
        purposes = {
            "signing": self.tr("Signing"),
            "encryption": self.tr("Encryption"),
            "both": self.tr("Signing and encryption"),
            "unknown": self.tr("Unknown"),
        }
        return purposes[cert.purpose.value]


class CertificatesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, self.tr("My certificates"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("Holder"),
                self.tr("Purpose"),
                self.tr("Algorithm"),
                self.tr("Valid until"),
                self.tr("Days left"),
            ]
        )
        self.tree.setColumnWidth(0, 300)
        layout.addWidget(self.tree, 1)
        self.details = CertificateDetailsView()
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.export_button = QPushButton(self.tr("Export certificate…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        self._snapshots: dict[KeyIdentity, KeySnapshot] = {}
        self.tree.currentItemChanged.connect(self._on_current_changed)

    def show_snapshot(self, snapshot: KeySnapshot) -> None:
        self._snapshots[snapshot.key.identity] = snapshot
        self._rebuild()

    def remove_key(self, key: KeyRef) -> None:
        self._snapshots.pop(key.identity, None)
        self._rebuild()

    def select_key(self, key: KeyRef) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == key.identity and item.childCount():
                self.tree.setCurrentItem(item.child(0))

    def selected(self) -> CertificateSummary | None:
        item = self.tree.currentItem()
        from netca_client.core.certs import CertificateSummary

        value = item.data(0, CERT_ROLE) if item else None
        return value if isinstance(value, CertificateSummary) else None

    def _rebuild(self) -> None:
        self.tree.clear()
        for identity, snapshot in self._snapshots.items():
            key_item = QTreeWidgetItem([snapshot.key.label or snapshot.key.serial])
            key_item.setData(0, Qt.ItemDataRole.UserRole, identity)
            for cert in snapshot.certificates:
                days = str(cert.days_left) if cert.days_left >= 0 else self.tr("expired")
                child = QTreeWidgetItem(
                    [
                        cert.subject_cn,
                        self.details.purpose_text(cert),
                        self.details.algorithm_text(cert),
                        f"{cert.not_after:%Y-%m-%d}",
                        days,
                    ]
                )
                child.setData(0, CERT_ROLE, cert)
                key_item.addChild(child)
            self.tree.addTopLevelItem(key_item)
            key_item.setExpanded(True)

    def _on_current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        cert = self.selected()
        self.export_button.setEnabled(cert is not None)
        if cert is not None:
            self.details.show_certificate(cert)

    def _on_export_clicked(self) -> None:
        cert = self.selected()
        if cert is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export certificate"),
            f"{cert.subject_cn}.cer",
            self.tr("Certificate (*.cer *.pem)"),
        )
        if path:
            self.export(cert, Path(path))

    def export(self, cert: CertificateSummary, path: Path) -> None:
        """Write the public certificate: PEM for .pem, DER otherwise; atomically."""
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        data = cert.der
        if path.suffix.lower() == ".pem":
            data = x509.load_der_x509_certificate(cert.der).public_bytes(Encoding.PEM)
        write_atomically(path, data)
        self.status.setText(self.tr("Certificate saved to {path}").format(path=path))
