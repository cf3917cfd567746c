"""WebSignDialog: the PIN for a web page's signature, with who asks, the certificate and what
is signed. The page never sees this dialog's PIN: the bridge takes it straight to the key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.token import PinStatus
from netca_client.gui.dialogs.parts import error_line, final_try_box
from netca_client.gui.error_text import tries_left_text
from netca_client.web.host import SignPrompt


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a page's words are never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WebSignDialog(QDialog):
    def __init__(
        self, prompt: SignPrompt, *, status: PinStatus | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.setWindowTitle(self.tr("Signature requested by a web site"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if prompt.kind == "login":
            headline = self.tr("{origin} asks you to log in with your USB key.")
        else:
            headline = self.tr("{origin} asks you to sign data with your USB key.")
        self.headline = _plain(headline.format(origin=prompt.origin))
        self.headline.setObjectName("title")
        layout.addWidget(self.headline)
        form = QFormLayout()
        self.origin_label = _plain(prompt.origin)
        form.addRow(self.tr("Web site"), self.origin_label)
        cert = prompt.certificate
        shown_o = cert.subject_o and cert.subject_o != cert.subject_cn
        holder = cert.subject_cn + (f"（{cert.subject_o}）" if shown_o else "")
        self.certificate_label = _plain(holder)
        form.addRow(self.tr("Certificate"), self.certificate_label)
        details = self.tr("Issued by {issuer} · serial {serial} · valid until {date}").format(
            issuer=cert.issuer_cn, serial=cert.serial, date=f"{cert.not_after:%Y-%m-%d}"
        )
        form.addRow("", _plain(details))
        form.addRow(self.tr("Key"), _plain(f"{prompt.key.label} ({prompt.key.serial})"))
        if prompt.kind == "data":
            form.addRow(self.tr("Description (from the site)"), _plain(prompt.text))
            form.addRow(self.tr("SHA-256 of the data"), _plain(_grouped(prompt.digest)))
        layout.addLayout(form)
        if prompt.kind == "login":
            layout.addWidget(QLabel(self.tr("What is signed:")))
            self.signed_text = QPlainTextEdit(prompt.text)
            self.signed_text.setReadOnly(True)
            self.signed_text.setFixedHeight(72)
            layout.addWidget(self.signed_text)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        layout.addWidget(self.pin_edit)
        self.tries_label = QLabel()
        self.tries_label.setObjectName("hint")
        layout.addWidget(self.tries_label)
        self.error_label = error_line()
        layout.addWidget(self.error_label)
        self.final_try_box = final_try_box()
        layout.addWidget(self.final_try_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pin_edit.textChanged.connect(self._update_ok)
        self.final_try_box.toggled.connect(self._update_ok)
        self.set_status(status)
        self.pin_edit.setFocus()

    @property
    def final_try(self) -> bool:
        return not self.final_try_box.isHidden()

    def set_status(self, status: PinStatus | None) -> None:
        self.tries_label.setText(tries_left_text(status.tries_left if status else None))
        self.final_try_box.setVisible(bool(status and status.final_try))
        self.final_try_box.setChecked(False)
        self._update_ok()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.pin_edit.clear()

    def pin(self) -> str:
        return self.pin_edit.text()

    def _update_ok(self) -> None:
        ready = bool(self.pin_edit.text()) and (
            self.final_try_box.isHidden() or self.final_try_box.isChecked()
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


def _grouped(digest: str) -> str:
    """A digest in groups of eight, easier to compare by eye."""
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))
