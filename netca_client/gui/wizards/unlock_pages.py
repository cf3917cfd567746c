"""The pages only 忘记密码 has: who the handler is (and which way to go), and the materials.

Every rule checked here is the protocol's (netca_protocol.limits and its models): a field
the RA would refuse is named on the page, and nothing is sent until all of them pass.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.gui.dialogs.parts import error_line
from netca_client.gui.wizards.steps import wrapping_label
from netca_protocol import HandlerIn, UnlockPath
from netca_protocol.limits import (
    ID_NUMBER_LENGTH,
    ID_NUMBER_PATTERN,
    MAX_MATERIAL_BYTES,
    MAX_MATERIALS_PER_REQUEST,
    MAX_NAME_LENGTH,
    MOBILE_LENGTH,
    MOBILE_PATTERN,
    matches,
    material_suffix_allowed,
)
from netca_protocol.models import unsafe_characters


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class HandlerForm(QWidget):
    """经办人: name, ID number (18 characters, the last may be X) and mobile; and the path:
    an SMS code to the handler on record, or materials because the handler changed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, unlock: bool = True) -> None:
        """``unlock=False``: the handler's fields only (the seal wizard's), no unlock paths."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = wrapping_label(
            self.tr(
                "Enter the handler (经办人) of your organisation. If they are the handler "
                "on record for this key, an SMS code goes to the mobile on record. If your "
                "organisation has a new handler, say so below: the application materials "
                "are then reviewed at the acceptance point first."
            )
        )
        intro.setVisible(unlock)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(ID_NUMBER_LENGTH)
        self.id_edit.setPlaceholderText(self.tr("18 characters; the last may be X"))
        self.id_edit.setValidator(  # typing aid only: the protocol's pattern decides
            QRegularExpressionValidator(
                QRegularExpression(rf"[0-9]{{0,{ID_NUMBER_LENGTH - 1}}}[0-9Xx]?"), self.id_edit
            )
        )
        self.mobile_edit = QLineEdit()
        self.mobile_edit.setMaxLength(MOBILE_LENGTH)
        self.mobile_edit.setPlaceholderText(self.tr("11-digit mobile number"))
        self.mobile_edit.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(rf"[0-9]{{0,{MOBILE_LENGTH}}}"), self.mobile_edit
            )
        )
        form.addRow(self.tr("Handler's name"), self.name_edit)
        form.addRow(self.tr("ID number"), self.id_edit)
        form.addRow(self.tr("Mobile"), self.mobile_edit)
        layout.addLayout(form)
        self.problems_label = error_line()
        layout.addWidget(self.problems_label)
        self.on_record = QRadioButton(
            self.tr("The handler on record: send an SMS code to their mobile")
        )
        self.changed_handler = QRadioButton(
            self.tr("The handler changed: upload materials for staff review")
        )
        self.on_record.setChecked(True)
        self.paths = QButtonGroup(self)
        for button in (self.on_record, self.changed_handler):
            self.paths.addButton(button)
            layout.addWidget(button)
            button.setVisible(unlock)
        layout.addStretch()
        for edit in (self.name_edit, self.id_edit, self.mobile_edit):
            edit.textChanged.connect(self._on_edited)
        self.paths.buttonToggled.connect(lambda *_: self.changed.emit())

    def path(self) -> UnlockPath:
        if self.changed_handler.isChecked():
            return UnlockPath.HANDLER_CHANGED
        return UnlockPath.HANDLER_ON_RECORD

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.name_edit.text().strip(),
            self.id_edit.text().strip().upper(),
            self.mobile_edit.text().strip(),
        )

    def problems(self) -> list[str]:
        """What the protocol refuses in the fields typed so far. A field still being typed
        (shorter than its length) is not judged yet."""
        name, id_number, mobile = self._fields()
        found = []
        if unsafe_characters(name):
            found.append(self.tr("The name contains invisible or control characters."))
        if len(id_number) == ID_NUMBER_LENGTH and not matches(ID_NUMBER_PATTERN, id_number):
            found.append(self.tr("An ID number has 17 digits and then a digit or X."))
        if len(mobile) == MOBILE_LENGTH and not matches(MOBILE_PATTERN, mobile):
            found.append(self.tr("A mobile number has 11 digits and starts with 13 to 19."))
        return found

    def _on_edited(self) -> None:
        problems = self.problems()
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self.changed.emit()

    def handler(self) -> HandlerIn | None:
        """The handler typed, or None while a field is missing or the protocol refuses it."""
        name, id_number, mobile = self._fields()
        if not name or self.problems():
            return None
        if len(id_number) != ID_NUMBER_LENGTH or len(mobile) != MOBILE_LENGTH:
            return None
        try:
            return HandlerIn(name=name, id_number=id_number, mobile=mobile)
        except ValidationError:  # anything else the wire contract refuses
            return None


class MaterialsPage(QWidget):
    """The files to upload, each with its size; too large or unknown types are marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping_label(
                self.tr(
                    "Your organisation has a new handler. Upload the application materials "
                    "(the unlock application with the organisation's seal and the new "
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
        self.too_many = error_line()
        layout.addWidget(self.too_many)
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
            elif not material_suffix_allowed(path.name):
                item.setText(text + "  " + self.tr("not JPG, PNG or PDF: will be refused"))
            self.files.addItem(item)
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
            p.stat().st_size <= MAX_MATERIAL_BYTES and material_suffix_allowed(p.name)
            for p in self.paths
            if p.exists()
        )
