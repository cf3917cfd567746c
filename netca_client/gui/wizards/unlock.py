"""忘记密码 (unlock): the handler's identity → SMS code → new PIN; materials when it does not match.

The RA compares name, ID number and mobile with the handler of the key's last order. A match
sends the code at once; otherwise the holder uploads the application materials (jpg/png/pdf,
at most 5 MB each) for staff review, and the code follows approval.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.errors import NetcaError
from netca_client.core.workflows.pin_reset import MAX_MATERIAL_BYTES
from netca_client.gui.error_text import error_text
from netca_client.gui.wizards.key_request import KeyRequestWizard
from netca_client.gui.wizards.steps import wrapping_label
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import HandlerIn
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose

ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")
MOBILE = re.compile(r"^1[0-9]{10}$")
MATERIAL_SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf")


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class HandlerForm(QWidget):
    """经办人: name, ID number (18 characters, the last may be X) and mobile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping_label(
                self.tr(
                    "Enter the handler (经办人) of your organisation as given on the last "
                    "application for this key. When they match the RA's record, an SMS code "
                    "is sent to this mobile number."
                )
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(18)
        self.id_edit.setPlaceholderText(self.tr("18 characters; the last may be X"))
        self.id_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,17}[0-9Xx]?"), self.id_edit)
        )
        self.mobile_edit = QLineEdit()
        self.mobile_edit.setMaxLength(11)
        self.mobile_edit.setPlaceholderText(self.tr("11-digit mobile number"))
        self.mobile_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,11}"), self.mobile_edit)
        )
        form.addRow(self.tr("Handler's name"), self.name_edit)
        form.addRow(self.tr("ID number"), self.id_edit)
        form.addRow(self.tr("Mobile"), self.mobile_edit)
        layout.addLayout(form)
        layout.addStretch()

    def handler(self) -> HandlerIn | None:
        """The handler typed, or None while a field is missing or malformed."""
        name = self.name_edit.text().strip()
        id_number = self.id_edit.text().strip().upper()
        mobile = self.mobile_edit.text().strip()
        if not name or not ID_NUMBER.match(id_number) or not MOBILE.match(mobile):
            return None
        return HandlerIn(name=name, id_number=id_number, mobile=mobile)


class MaterialsPage(QWidget):
    """The files to upload, each with its size; too large or unknown types are marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping_label(
                self.tr(
                    "The handler does not match the RA's record. Upload the application "
                    "materials (the unlock application with the organisation's seal and the "
                    "handler's ID card): JPG, PNG or PDF, at most 5 MB each. Staff at the "
                    "acceptance point review them."
                )
            )
        )
        self.files = QListWidget()
        layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch()
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.paths: list[Path] = []

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
            item = QListWidgetItem(text)
            if size > MAX_MATERIAL_BYTES:
                item.setText(text + "  " + self.tr("larger than 5 MB: will be refused"))
            elif path.suffix.lower() not in MATERIAL_SUFFIXES:
                item.setText(text + "  " + self.tr("not JPG, PNG or PDF: will be refused"))
            self.files.addItem(item)

    def _remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.paths):
            self.files.takeItem(row)
            del self.paths[row]

    def acceptable(self) -> bool:
        return bool(self.paths) and all(
            p.stat().st_size <= MAX_MATERIAL_BYTES and p.suffix.lower() in MATERIAL_SUFFIXES
            for p in self.paths
            if p.exists()
        )


class UnlockWizard(KeyRequestWizard):
    purpose = KeyRequestPurpose.UNLOCK

    def __init__(self, workflows: KeyWorkflows, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(workflows, serial, self.tr("Forgot PIN"), parent)
        self.handler_form = HandlerForm()
        for edit in (
            self.handler_form.name_edit,
            self.handler_form.id_edit,
            self.handler_form.mobile_edit,
        ):
            edit.textChanged.connect(self.refresh_next)
        self.add_page(
            "handler",
            self.handler_form,
            title=self.tr("Forgot PIN: who is the handler?"),
            next_text=self.tr("Next"),
            action=self._start,
            ready=lambda: self.handler_form.handler() is not None,
        )
        self.materials = MaterialsPage()
        self.materials.add_button.clicked.connect(self._choose_files)
        self.materials.files.model().rowsInserted.connect(self.refresh_next)
        self.materials.files.model().rowsRemoved.connect(self.refresh_next)
        self.add_page(
            "materials",
            self.materials,
            title=self.tr("Upload application materials"),
            next_text=self.tr("Submit for review"),
            action=self._upload,
            ready=self.materials.acceptable,
        )
        self.file_dialog: QFileDialog | None = None
        self._uploaded: set[Path] = set()  # a retry after a failure does not send them twice

    def begin(self) -> None:
        self.show_page("handler")

    def _start(self) -> None:
        handler, requests, key = self.handler_form.handler(), self.workflows.requests, self.key()
        if handler is None:
            return
        if key is None:
            self.show_error(
                self.tr("Plug in the USB key with serial {serial}.").format(serial=self.serial)
            )
            return
        self.run(
            lambda: requests.start(key, KeyRequestPurpose.UNLOCK, handler=handler),
            lambda opened: self.opened(*opened),
            busy_text=self.tr("Asking the RA…"),
        )

    def materials_required(self, out: KeyRequestOut) -> None:
        self.show_page("materials")

    # --- materials ------------------------------------------------------------------

    def _choose_files(self) -> None:
        dialog = QFileDialog(
            self,
            self.tr("Choose application materials"),
            str(Path.home()),
            self.tr("Images and PDF (*.jpg *.jpeg *.png *.pdf)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.materials.add_paths(list(map(Path, files))))
        self.file_dialog = dialog
        dialog.open()

    def _upload(self) -> None:
        entry, requests, paths = self.entry, self.workflows.requests, list(self.materials.paths)
        if entry is None or not paths:
            return
        progress = self.materials.progress
        progress.setRange(0, len(paths))
        progress.setValue(0)
        progress.show()

        def upload_next(index: int) -> None:
            progress.setValue(index)
            if index == len(paths):
                self.run(
                    lambda: requests.submit(entry),
                    self._submitted,
                    busy_text=self.tr("Submitting…"),
                    on_error=self._upload_failed,
                )
                return
            path = paths[index]
            if path in self._uploaded:
                upload_next(index + 1)
                return

            def uploaded(_: object) -> None:
                self._uploaded.add(path)
                upload_next(index + 1)

            self.run(
                lambda: requests.upload(entry, path),
                uploaded,
                busy_text=self.tr("Uploading {name} ({i} of {n})…").format(
                    name=path.name, i=index + 1, n=len(paths)
                ),
                on_error=self._upload_failed,
            )

        upload_next(0)

    def _upload_failed(self, error: NetcaError) -> None:
        self.materials.progress.hide()
        self.show_error(error_text(error))

    def _submitted(self, out: KeyRequestOut) -> None:
        self.materials.progress.hide()
        self.finished_job.emit()  # the banner lists it as unfinished now
        self.follow(out)
