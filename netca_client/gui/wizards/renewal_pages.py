"""The pages of the 证书续期 wizard: the RA's offer, the agreement, the order details, the PIN,
the payment (QR code or bank transfer) and the install. They show and collect; the wizard
(renewal.py) runs the workflow's transitions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from netca_client.core.certs import CertificateSummary
from netca_client.core.token import PinStatus
from netca_client.gui.dialogs.parts import error_line, final_try_box
from netca_client.gui.error_text import tries_left_text
from netca_client.gui.wizards.steps import wrapping_label
from netca_protocol.limits import ID_NUMBER_PATTERN, MOBILE_PATTERN, matches
from netca_protocol.renewal import (
    EMAIL_PATTERN,
    RENEWAL_YEARS,
    TAX_ID_PATTERN,
    Approval,
    RenewalOffer,
    RenewalRefusal,
    RevokeOld,
)

translate = QCoreApplication.translate


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def day(value: dt.datetime | None) -> str:
    return f"{value.astimezone():%Y-%m-%d}" if value is not None else "-"


def refusal_text(offer: RenewalOffer) -> str:
    """Why the certificate cannot be renewed online, and what to do instead."""
    date, start, n = day(offer.not_after), day(offer.renewable_from), offer.window_days
    match offer.refusal:
        case RenewalRefusal.EXPIRED:
            return translate(
                "Renewal",
                "The certificate expired on {date}. An expired certificate cannot be renewed "
                "online: renew it at an acceptance point, or by mail, with the USB key and the "
                "application materials.",
            ).format(date=date)
        case RenewalRefusal.REVOKED:
            return translate(
                "Renewal",
                "The certificate is revoked and cannot be renewed. Apply for a new certificate "
                "at an acceptance point.",
            )
        case RenewalRefusal.TOO_EARLY:
            return translate(
                "Renewal",
                "The certificate expires on {date}. It can be renewed online within {n} days "
                "before that, from {start}.",
            ).format(date=date, n=n, start=start)
        case RenewalRefusal.NOT_ONLINE:
            return translate(
                "Renewal",
                "This service is not renewed online (the certificate expires on {date}): "
                "renew it at an acceptance point or by mail.",
            ).format(date=date)
        case RenewalRefusal.IN_PROGRESS:
            return translate(
                "Renewal",
                "A paid renewal of this certificate is under way: install it from the home "
                "page (Install certificate).",
            )
    return translate(
        "Renewal",
        "The RA has no record of this certificate, so it cannot be renewed online: renew it "
        "at an acceptance point.",
    )


class StepStrip(QLabel):
    """Where the renewal stands: 确认 › 信息 › 签署 › 支付 › 安装, the current one marked."""

    NAMES = ("confirm", "details", "sign", "pay", "install")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hint")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.current = ""
        self.show_step("confirm")

    def titles(self) -> tuple[str, ...]:
        return (
            self.tr("Confirm"),
            self.tr("Details"),
            self.tr("Sign"),
            self.tr("Pay"),
            self.tr("Install"),
        )

    def show_step(self, name: str) -> None:
        self.current = name
        index = len(self.NAMES) if name == "finished" else self.NAMES.index(name)
        parts = []
        for i, title in enumerate(self.titles()):
            text = f"{i + 1}. {title}"
            if i < index:
                parts.append(f"<span style='color:#2e7d32'>✓ {text}</span>")
            elif i == index:
                parts.append(f"<b>{text}</b>")
            else:
                parts.append(text)
        self.setText(" › ".join(parts))


class OfferPage(QWidget):
    """The certificate and what the RA offers for it (or why it cannot renew online)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for name, label in (
            ("holder", self.tr("Holder")),
            ("organisation", self.tr("Organisation")),
            ("serial", self.tr("Certificate serial")),
            ("expires", self.tr("Expires")),
            ("profile", self.tr("Service")),
            ("fee", self.tr("Fee")),
            ("approval", self.tr("Approval")),
        ):
            field = wrapping_label()
            self.fields[name] = field
            form.addRow(label, field)
        layout.addLayout(form)
        self.verdict = wrapping_label()
        layout.addWidget(self.verdict)
        layout.addStretch()

    def show_certificate(self, cert: CertificateSummary) -> None:
        self.fields["holder"].setText(cert.subject_cn or "-")
        self.fields["organisation"].setText(cert.subject_o or "-")
        self.fields["serial"].setText(cert.serial)
        self.fields["expires"].setText(
            self.tr("{date} ({n} days left)").format(date=day(cert.not_after), n=cert.days_left)
            if cert.days_left >= 0
            else self.tr("{date} (expired)").format(date=day(cert.not_after))
        )
        for name in ("profile", "fee", "approval"):
            self.fields[name].setText(self.tr("asking the RA…"))
        self.verdict.clear()

    def show_offer(self, offer: RenewalOffer) -> None:
        self.fields["profile"].setText(offer.profile_name or "-")
        self.fields["fee"].setText(
            self.tr("{fee} a year").format(fee=yuan(offer.per_year_fen)) if offer.eligible else "-"
        )
        self.fields["approval"].setText(
            self.tr("reviewed by staff")
            if offer.approval is Approval.STAFF
            else self.tr("automatic")
        )
        if offer.eligible:
            self.verdict.setObjectName("policyOk")
            revoke = (
                self.tr("The old certificate is revoked as soon as the new one is issued.")
                if offer.revoke_old is RevokeOld.IMMEDIATELY
                else self.tr("The old certificate stays usable until the new one is installed.")
            )
            self.verdict.setText(
                self.tr("This certificate can be renewed online. {revoke}").format(revoke=revoke)
            )
        else:
            self.verdict.setObjectName("error")
            self.verdict.setText(refusal_text(offer))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def show_failed(self) -> None:
        for name in ("profile", "fee", "approval"):
            self.fields[name].setText("-")


class AgreementPage(QWidget):
    """The service agreement to accept and the encryption warning to acknowledge."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setMinimumHeight(140)
        layout.addWidget(self.text, 1)
        self.accept_box = QCheckBox()
        layout.addWidget(self.accept_box)
        self.warning = wrapping_label(
            self.tr(
                "If you encrypted files to the old certificate, decrypt them first. The old "
                "encryption key is kept on the USB key, labelled archived, and never deleted; "
                "the old signing key is removed once the new certificate is installed."
            ),
            name="error",
        )
        layout.addWidget(self.warning)
        self.warning_box = QCheckBox(self.tr("I have read this warning"))
        layout.addWidget(self.warning_box)
        self.accept_box.toggled.connect(self.changed)
        self.warning_box.toggled.connect(self.changed)

    def show_offer(self, offer: RenewalOffer) -> None:
        self.text.setPlainText(offer.agreement_text)
        self.accept_box.setText(
            self.tr("I have read and accept “{title}”").format(title=offer.agreement_title)
        )

    def ready(self) -> bool:
        return self.accept_box.isChecked() and self.warning_box.isChecked()


class DetailsPage(QWidget):
    """Years with the fee, the handler (经办人) and the e-invoice (电子发票)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Renew for")))
        self.years = QComboBox()
        row.addWidget(self.years)
        self.fee = QLabel()
        self.fee.setObjectName("cardTitle")
        row.addWidget(self.fee)
        row.addStretch()
        layout.addLayout(row)
        self.per_year_fen = 0
        handler = QGroupBox(self.tr("Handler"))
        handler_form = QFormLayout(handler)
        self.handler_name = QLineEdit()
        self.handler_id = QLineEdit()
        self.handler_id.setMaxLength(18)
        self.handler_mobile = QLineEdit()
        self.handler_mobile.setMaxLength(11)
        handler_form.addRow(self.tr("Name"), self.handler_name)
        handler_form.addRow(self.tr("ID card number"), self.handler_id)
        handler_form.addRow(self.tr("Mobile"), self.handler_mobile)
        layout.addWidget(handler)
        invoice = QGroupBox(self.tr("E-invoice"))
        invoice_form = QFormLayout(invoice)
        self.invoice_title = QLineEdit()
        self.tax_id = QLineEdit()
        self.tax_id.setMaxLength(20)
        self.invoice_email = QLineEdit()
        self.invoice_mobile = QLineEdit()
        self.invoice_mobile.setMaxLength(11)
        invoice_form.addRow(self.tr("Invoice title"), self.invoice_title)
        invoice_form.addRow(self.tr("Taxpayer ID"), self.tax_id)
        invoice_form.addRow(self.tr("Email"), self.invoice_email)
        invoice_form.addRow(self.tr("or mobile"), self.invoice_mobile)
        layout.addWidget(invoice)
        self.problem = error_line()
        layout.addWidget(self.problem)
        layout.addStretch()
        self.years.currentIndexChanged.connect(self._update)
        for edit in self.edits():
            edit.textChanged.connect(self._update)

    def edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.handler_name, self.handler_id, self.handler_mobile,
            self.invoice_title, self.tax_id, self.invoice_email, self.invoice_mobile,
        )  # fmt: skip

    def show_offer(self, offer: RenewalOffer) -> None:
        self.per_year_fen = offer.per_year_fen
        self.years.blockSignals(True)
        self.years.clear()
        for years in offer.validity_years or list(RENEWAL_YEARS):
            self.years.addItem(self.tr("{n} years").format(n=years), years)
        self.years.blockSignals(False)
        self._update()

    def prefill(
        self, *, name: str, id_number: str, mobile: str, title: str, tax_id: str,
        email: str, invoice_mobile: str,
    ) -> None:  # fmt: skip
        values = (name, id_number, mobile, title, tax_id, email, invoice_mobile)
        for edit, value in zip(self.edits(), values, strict=True):
            if not edit.text():
                edit.setText(value)

    def chosen_years(self) -> int:
        value = self.years.currentData()
        return int(value) if value is not None else 1

    def amount_fen(self) -> int:
        return self.per_year_fen * self.chosen_years()

    def problems(self) -> list[str]:
        """What is wrong with the details, in the protocol's rules; empty when all is fine."""
        found = []
        if not self.handler_name.text().strip():
            found.append(self.tr("Enter the handler's name."))
        if not matches(ID_NUMBER_PATTERN, self.handler_id.text().strip().upper()):
            found.append(self.tr("The handler's ID card number has 18 characters."))
        if not matches(MOBILE_PATTERN, self.handler_mobile.text().strip()):
            found.append(self.tr("The handler's mobile number has 11 digits and starts with 1."))
        if not self.invoice_title.text().strip():
            found.append(self.tr("Enter the invoice title."))
        tax = self.tax_id.text().strip().upper()
        if tax and not matches(TAX_ID_PATTERN, tax):
            found.append(self.tr("The taxpayer ID has 15 to 20 letters and digits."))
        email, mobile = self.invoice_email.text().strip(), self.invoice_mobile.text().strip()
        if email and not matches(EMAIL_PATTERN, email):
            found.append(self.tr("The email address is not valid."))
        if mobile and not matches(MOBILE_PATTERN, mobile):
            found.append(self.tr("The invoice mobile number has 11 digits and starts with 1."))
        if not email and not mobile:
            found.append(self.tr("Give an email address or a mobile number for the e-invoice."))
        return found

    def ready(self) -> bool:
        return not self.problems()

    def _update(self) -> None:
        self.fee.setText(self.tr("Fee: {amount}").format(amount=yuan(self.amount_fen())))
        problems = self.problems()
        typed = any(edit.text() for edit in self.edits())
        self.problem.setText(problems[0] if problems and typed else "")
        self.problem.setVisible(bool(problems) and typed)
        self.changed.emit()


class KeyPinPage(QWidget):
    """The key's PIN, with tries left and the final-try guard; used to sign and to install."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.intro = wrapping_label()
        layout.addWidget(self.intro)
        self.summary = wrapping_label(name="cardTitle")
        layout.addWidget(self.summary)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        layout.addWidget(self.pin_edit)
        self.tries = wrapping_label(name="hint")
        layout.addWidget(self.tries)
        self.final_try_box = final_try_box()
        layout.addWidget(self.final_try_box)
        layout.addStretch()
        self.pin_edit.textChanged.connect(self.changed)
        self.final_try_box.toggled.connect(self.changed)

    def set_status(self, status: PinStatus | None) -> None:
        self.tries.setText(tries_left_text(status.tries_left if status else None))
        self.final_try_box.setVisible(bool(status and status.final_try))
        self.final_try_box.setChecked(False)
        self.changed.emit()

    @property
    def final_try(self) -> bool:
        return not self.final_try_box.isHidden()

    def ready(self) -> bool:
        return bool(self.pin_edit.text()) and (
            self.final_try_box.isHidden() or self.final_try_box.isChecked()
        )

    def pin(self) -> str:
        return self.pin_edit.text()

    def clear(self) -> None:
        self.pin_edit.clear()


class PayPage(QWidget):
    """How to pay the order: online (a QR code to scan) or a bank transfer staff confirm."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.amount = wrapping_label(name="cardTitle")
        layout.addWidget(self.amount)
        self.online = QRadioButton(self.tr("Pay online (scan a QR code with your phone)"))
        self.bank = QRadioButton(self.tr("Bank transfer (staff confirm it against the statement)"))
        self.online.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.online)
        group.addButton(self.bank)
        layout.addWidget(self.online)
        layout.addWidget(self.bank)
        self.bank_box = QGroupBox(self.tr("The transfer you made"))
        form = QFormLayout(self.bank_box)
        self.payer_account = QLineEdit()
        self.payer_name = QLineEdit()
        self.transfer_date = QDateEdit(QDate.currentDate())
        self.transfer_date.setCalendarPopup(True)
        self.transfer_date.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Paid from account"), self.payer_account)
        form.addRow(self.tr("Payer name"), self.payer_name)
        form.addRow(self.tr("Transfer date"), self.transfer_date)
        layout.addWidget(self.bank_box)
        layout.addStretch()
        self.amount_fen = 0
        self.bank.toggled.connect(self._update)
        for edit in (self.payer_account, self.payer_name):
            edit.textChanged.connect(self.changed)
        self._update()

    def show_amount(self, amount_fen: int, order_no: str) -> None:
        self.amount_fen = amount_fen
        self.amount.setText(
            self.tr("Order {order}: {amount} to pay").format(
                order=order_no, amount=yuan(amount_fen)
            )
        )

    def by_bank(self) -> bool:
        return self.bank.isChecked()

    def ready(self) -> bool:
        if not self.by_bank():
            return True
        account = self.payer_account.text().strip()
        return matches(r"^[0-9 -]{4,40}$", account) and bool(self.payer_name.text().strip())

    def transfer_day(self) -> dt.date:
        value = self.transfer_date.date()
        return dt.date(value.year(), value.month(), value.day())

    def _update(self) -> None:
        self.bank_box.setVisible(self.bank.isChecked())
        self.changed.emit()


def qr_pixmap(text: str, *, scale: int = 6) -> QPixmap:
    """The QR code of ``text`` (qrcode's module matrix, drawn here: no image library)."""
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * scale
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, black)
    painter.end()
    return QPixmap.fromImage(image)


class PaymentWaitPage(QWidget):
    """A payment under way: the QR code and its link, or the bank transfer awaiting staff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.text = wrapping_label()
        self.text.setStyleSheet("font-size: 16px;")
        layout.addWidget(self.text)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.qr)
        self.link = wrapping_label(name="hint")
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.link)
        self.detail = wrapping_label(name="hint")
        layout.addWidget(self.detail)
        layout.addStretch()
        self.url = ""

    def show_qr(self, url: str, amount_fen: int) -> None:
        self.url = url
        self.text.setText(
            self.tr("Scan the code with your phone to pay {amount}.").format(
                amount=yuan(amount_fen)
            )
        )
        self.qr.setPixmap(qr_pixmap(url))
        self.qr.show()
        self.link.setText(url)
        self.link.show()
        self.detail.setText(
            self.tr(
                "The client checks the payment by itself. You may close this window: the "
                "order is kept, and the renewal goes on from the home page."
            )
        )

    def show_waiting(self, text: str, detail: str) -> None:
        self.url = ""
        self.text.setText(text)
        self.qr.clear()
        self.qr.hide()
        self.link.hide()
        self.detail.setText(detail)
