"""Wizard pages that activation and unlock share: the SMS code, the new PIN, a message."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.gui.dialogs.parts import PinPolicyChecklist
from netca_client.gui.dialogs.pin_change import pin_edit
from netca_protocol.limits import OTP_CODE_LENGTH, OTP_CODE_PATTERN, matches
from netca_protocol.models import KeyRequestOut


def wrapping_label(text: str = "", *, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class MessagePage(QWidget):
    """A page that only says something (done, waiting, refused); buttons may be added below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.text = wrapping_label()
        self.text.setStyleSheet("font-size: 16px;")
        self.layout_.addWidget(self.text)
        self.detail = wrapping_label(name="hint")
        self.layout_.addWidget(self.detail)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch()
        self.layout_.addLayout(self.buttons)
        self.layout_.addStretch()

    def say(self, text: str, detail: str = "") -> None:
        self.text.setText(text)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def add_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button


class CodePage(QWidget):
    """The SMS code: 6 digits, tries left, 重新发送 after a countdown, or staff authorisation."""

    changed = Signal()
    resend_clicked = Signal()
    staff_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.notice = wrapping_label(name="error")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.sent_to = wrapping_label()
        layout.addWidget(self.sent_to)
        row = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(OTP_CODE_LENGTH)
        self.code_edit.setPlaceholderText(self.tr("6-digit code"))
        self.code_edit.setValidator(
            QRegularExpressionValidator(
                QRegularExpression(rf"[0-9]{{0,{OTP_CODE_LENGTH}}}"), self.code_edit
            )
        )
        self.code_edit.textChanged.connect(self.changed)
        row.addWidget(self.code_edit, 1)
        self.resend_button = QPushButton(self.tr("Resend"))
        self.resend_button.clicked.connect(self.resend_clicked)
        row.addWidget(self.resend_button)
        layout.addLayout(row)
        self.attempts = wrapping_label(name="hint")
        layout.addWidget(self.attempts)
        self.staff_hint = wrapping_label(
            self.tr("At an acceptance point, the staff member signed in may authorise instead.")
        )
        self.staff_hint.setObjectName("hint")
        layout.addWidget(self.staff_hint)
        self.staff_button = QPushButton(self.tr("Authorised by acceptance-point staff"))
        self.staff_button.clicked.connect(self.staff_clicked)
        staff_row = QHBoxLayout()
        staff_row.addWidget(self.staff_button)
        staff_row.addStretch()
        layout.addLayout(staff_row)
        layout.addStretch()
        self.set_staff(None)
        self._resend_at: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    def code(self) -> str:
        return self.code_edit.text().strip()

    def complete(self) -> bool:
        return matches(OTP_CODE_PATTERN, self.code())

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def set_staff(self, name: str | None) -> None:
        """Show the staff button when ``name`` (a signed-in staff member) is given."""
        self.staff_hint.setVisible(name is not None)
        self.staff_button.setVisible(name is not None)
        if name is not None:
            self.staff_button.setText(
                self.tr("Authorised by acceptance-point staff ({name})").format(name=name)
            )

    def show_request(self, out: KeyRequestOut) -> None:
        if out.sent_to:
            self.sent_to.setText(
                self.tr("A code was sent by SMS to {phone}. Enter it within 5 minutes.").format(
                    phone=out.sent_to
                )
            )
        self.attempts.setText(self.tr("{n} tries left").format(n=out.attempts_left))
        self._resend_at = out.resend_after
        self._tick()
        self._timer.start()

    def show_attempts(self, attempts_left: int) -> None:
        self.attempts.setText(self.tr("{n} tries left").format(n=attempts_left))

    def clear_code(self) -> None:
        self.code_edit.clear()
        self.code_edit.setFocus()

    def seconds_to_resend(self, now: dt.datetime | None = None) -> int:
        if self._resend_at is None:
            return 0
        now = now or dt.datetime.now(dt.UTC)
        return max(0, math.ceil((self._resend_at - now).total_seconds()))

    def _tick(self) -> None:
        seconds = self.seconds_to_resend()
        self.resend_button.setEnabled(seconds == 0)
        if seconds:
            self.resend_button.setText(self.tr("Resend ({n} s)").format(n=seconds))
        else:
            self.resend_button.setText(self.tr("Resend"))
            self._timer.stop()


class NewPinPage(QWidget):
    """The holder's new PIN, twice, with the policy ticked off as they type."""

    changed = Signal()

    def __init__(self, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapping_label(intro))
        form = QFormLayout()
        self.new_edit = pin_edit()
        self.repeat_edit = pin_edit()
        form.addRow(self.tr("New PIN"), self.new_edit)
        form.addRow(self.tr("Repeat new PIN"), self.repeat_edit)
        layout.addLayout(form)
        self.checklist = PinPolicyChecklist()
        layout.addWidget(self.checklist)
        layout.addStretch()
        self._ready = False
        for edit in (self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._update)

    def _update(self) -> None:
        self._ready = self.checklist.check(self.new_edit.text(), self.repeat_edit.text())
        self.changed.emit()

    def ready(self) -> bool:
        return self._ready

    def pin(self) -> str:
        return self.new_edit.text()

    def clear(self) -> None:
        """Forget the PIN typed (after use, or when the page is left)."""
        self.new_edit.clear()
        self.repeat_edit.clear()
