"""WebConsentDialog: may this web site use the USB key? 允许一次 / 始终允许 / 始终拒绝.

A top-level window (the client may be in the tray): it stays on top and names the site by
its full origin, scheme and port included, never by a title the page chose.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from netca_client.core.weblogin.origins import ConsentAnswer


class WebConsentDialog(QDialog):
    """``answer`` is set by the button pressed; closing the window is DECLINED (not now)."""

    def __init__(self, origin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.origin = origin
        self.answer = ConsentAnswer.DECLINED
        self.setWindowTitle(self.tr("Web login"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.question = QLabel(
            self.tr("Allow {origin} to use your USB key to log in?").format(origin=origin)
        )
        self.question.setObjectName("title")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.question)
        detail = QLabel(
            self.tr(
                "The site will see the certificates on your keys (name, organisation, serial) "
                "and can ask for signatures. Each signature still needs your PIN, entered "
                "here in netca-client; the site never sees the PIN.\n"
                "You can change this later in Settings → Web login."
            )
        )
        detail.setWordWrap(True)
        detail.setObjectName("hint")
        layout.addWidget(detail)
        self.buttons = QDialogButtonBox()
        self.once_button = self._add(self.tr("Allow once"), ConsentAnswer.ONCE)
        self.always_button = self._add(self.tr("Always allow"), ConsentAnswer.ALWAYS)
        self.never_button = self._add(self.tr("Never allow"), ConsentAnswer.NEVER)
        self.always_button.setObjectName("primary")
        layout.addWidget(self.buttons)

    def _add(self, text: str, answer: ConsentAnswer) -> QPushButton:
        role = (
            QDialogButtonBox.ButtonRole.RejectRole
            if answer is ConsentAnswer.NEVER
            else QDialogButtonBox.ButtonRole.AcceptRole
        )
        button = self.buttons.addButton(text, role)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(answer))
        return button

    def _choose(self, answer: ConsentAnswer) -> None:
        self.answer = answer
        if answer is ConsentAnswer.NEVER:
            self.reject()
        else:
            self.accept()
