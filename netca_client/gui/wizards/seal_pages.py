"""The pages only the seal wizard has: the seal's details (印章名称, kind, size, handler) and the
stamped form's scans. Every rule checked here is the protocol's (netca_protocol)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netca_client.gui.dialogs.parts import error_line
from netca_client.gui.dialogs.pin_change import pin_edit
from netca_client.gui.wizards.steps import wrapping_label
from netca_client.gui.wizards.unlock_pages import HandlerForm, size_text
from netca_protocol.limits import (
    MAX_MATERIAL_BYTES,
    MAX_MATERIALS_PER_REQUEST,
    MAX_NAME_LENGTH,
    material_suffix_allowed,
)
from netca_protocol.models import unsafe_characters
from netca_protocol.seals import OFFERED_SEAL_KINDS, SealDetailsIn, SealOrderKind


class SealDetailsPage(QWidget):
    """印章名称, kind and size, the handler (经办人) and, to sign the application on the key,
    the PIN (hidden for 修改资料: nothing is signed then)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = wrapping_label()
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for kind in OFFERED_SEAL_KINDS:
            self.kind_combo.addItem(self._kind_text(kind), kind.value)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setPlaceholderText(
            self.tr("As on the physical seal, e.g. 广州示例科技有限公司")
        )
        self.size_spin = QSpinBox()
        self.size_spin.setRange(20, 60)
        self.size_spin.setValue(42)
        self.size_spin.setSuffix(" mm")
        form.addRow(self.tr("Seal kind"), self.kind_combo)
        form.addRow(self.tr("Seal name"), self.name_edit)
        form.addRow(self.tr("Seal size"), self.size_spin)
        layout.addLayout(form)
        self.handler_form = HandlerForm(unlock=False)  # the fields; no unlock paths
        layout.addWidget(self.handler_form)
        self.pin_row = QWidget()
        pin_layout = QFormLayout(self.pin_row)
        pin_layout.setContentsMargins(0, 0, 0, 0)
        self.pin_edit = pin_edit()
        pin_layout.addRow(self.tr("PIN (signs the application on the key)"), self.pin_edit)
        layout.addWidget(self.pin_row)
        self.problems_label = error_line()
        layout.addWidget(self.problems_label)
        layout.addStretch()
        self.name_edit.textChanged.connect(self._on_edited)
        self.pin_edit.textChanged.connect(self.changed)
        self.handler_form.changed.connect(self.changed)

    def _kind_text(self, kind: SealOrderKind) -> str:
        if kind is SealOrderKind.OFFICIAL:
            return self.tr("Official seal (公章)")
        if kind is SealOrderKind.CONTRACT:
            return self.tr("Contract seal (合同专用章)")
        return kind.value

    def set_signing(self, signing: bool) -> None:
        """Apply and change sign the application (PIN); 修改资料 does not."""
        self.pin_row.setVisible(signing)
        self.pin_edit.clear()

    def fill(self, details: SealDetailsIn) -> None:
        index = self.kind_combo.findData(details.seal_kind.value)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)
        self.name_edit.setText(details.seal_name)
        self.size_spin.setValue(details.size_mm)
        form = self.handler_form
        form.name_edit.setText(details.handler.name)
        form.id_edit.setText(details.handler.id_number)
        form.mobile_edit.setText(details.handler.mobile)

    def _on_edited(self) -> None:
        unsafe = unsafe_characters(self.name_edit.text())
        self.problems_label.setText(
            self.tr("The seal name contains invisible or control characters.") if unsafe else ""
        )
        self.problems_label.setVisible(bool(unsafe))
        self.changed.emit()

    def details(self) -> SealDetailsIn | None:
        """The details typed, or None while one is missing or the protocol refuses it."""
        handler = self.handler_form.handler()
        name = self.name_edit.text().strip()
        if handler is None or not name:
            return None
        try:
            return SealDetailsIn(
                seal_kind=SealOrderKind(self.kind_combo.currentData()),
                seal_name=name,
                size_mm=self.size_spin.value(),
                handler=handler,
            )
        except ValidationError:
            return None

    def ready(self, *, signing: bool) -> bool:
        return self.details() is not None and (not signing or bool(self.pin_edit.text()))


class SealFormPage(QWidget):
    """下载申请表 → print, stamp, scan → the scans to upload, each with its size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.order_label = wrapping_label(name="cardTitle")
        layout.addWidget(self.order_label)
        layout.addWidget(
            wrapping_label(
                self.tr(
                    "1. Save the seal application form (电子印章申请表) and print it.\n"
                    "2. Stamp it with the physical seal: three samples in each box, clear and "
                    "complete.\n"
                    "3. Scan it in colour and add the scan here (JPG, PNG or PDF, at most 5 MB "
                    "each), then submit."
                )
            )
        )
        row = QHBoxLayout()
        self.save_form_button = QPushButton(self.tr("Save application form…"))
        row.addWidget(self.save_form_button)
        row.addStretch()
        layout.addLayout(row)
        self.saved_label = wrapping_label(name="hint")
        self.saved_label.hide()
        layout.addWidget(self.saved_label)
        self.files = QListWidget()
        layout.addWidget(self.files, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add scans…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        self.edit_button = QPushButton(self.tr("Edit details"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.edit_button)
        layout.addLayout(buttons)
        self.too_many = error_line()
        layout.addWidget(self.too_many)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.paths: list[Path] = []

    def show_order(self, order_no: str, revision: int) -> None:
        self.order_label.setText(
            self.tr("Order {order} (revision {revision})").format(order=order_no, revision=revision)
        )

    def form_saved(self, path: Path) -> None:
        self.saved_label.setText(self.tr("Form saved to {path}").format(path=str(path)))
        self.saved_label.show()

    def clear(self) -> None:
        self.files.clear()
        self.paths = []
        self._count_files()

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path in self.paths:
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            self.paths.append(path)
            text = f"{path.name}  ({size_text(size)})"
            if size > MAX_MATERIAL_BYTES:
                text += "  " + self.tr("larger than 5 MB: will be refused")
            elif not material_suffix_allowed(path.name):
                text += "  " + self.tr("not JPG, PNG or PDF: will be refused")
            self.files.addItem(QListWidgetItem(text))
        self._count_files()

    def _remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.paths):
            self.files.takeItem(row)
            del self.paths[row]
        self._count_files()

    def _count_files(self) -> None:
        over = len(self.paths) > MAX_MATERIALS_PER_REQUEST
        self.too_many.setText(
            self.tr("At most {n} files per application.").format(n=MAX_MATERIALS_PER_REQUEST)
            if over
            else ""
        )
        self.too_many.setVisible(over)

    def acceptable(self) -> bool:
        return 0 < len(self.paths) <= MAX_MATERIALS_PER_REQUEST and all(
            p.exists()
            and p.stat().st_size <= MAX_MATERIAL_BYTES
            and material_suffix_allowed(p.name)
            for p in self.paths
        )
