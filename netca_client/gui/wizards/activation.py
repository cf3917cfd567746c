"""激活证书: the holder of a key provisioned at an acceptance point sets their own PIN.

Pages: the key's certificate and what the RA says about it (masked handler phone, whether
the re-check allows activation) → SMS code (or staff authorisation) → new PIN → done.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from netca_client.core.errors import NetcaError
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.gui.error_text import error_text
from netca_client.gui.wizards.key_request import KeyRequestWizard
from netca_client.gui.wizards.steps import wrapping_label
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.models import KeyOut, KeyRequestPurpose


class CertificateOverview(QWidget):
    """The certificate on the key (holder, organisation, validity) and the RA's view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapping_label(
                self.tr(
                    "This key was prepared for you at an acceptance point. To use it, "
                    "confirm with an SMS code sent to your organisation's handler and set "
                    "your own PIN."
                )
            )
        )
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for name, label in (
            ("holder", self.tr("Holder")),
            ("organisation", self.tr("Organisation")),
            ("validity", self.tr("Valid")),
            ("serial", self.tr("Key serial")),
            ("phone", self.tr("Handler's mobile")),
        ):
            field = wrapping_label()
            self.fields[name] = field
            form.addRow(label, field)
        layout.addLayout(form)
        self.verdict = wrapping_label()
        layout.addWidget(self.verdict)
        layout.addStretch()

    def show_snapshot(self, snapshot: KeySnapshot | None) -> None:
        cert = snapshot.signing_certificate if snapshot else None
        self.fields["holder"].setText(cert.subject_cn if cert else "-")
        self.fields["organisation"].setText((cert.subject_o if cert else "") or "-")
        self.fields["validity"].setText(
            self.tr("{start} to {end}").format(
                start=f"{cert.not_before.astimezone():%Y-%m-%d}",
                end=f"{cert.not_after.astimezone():%Y-%m-%d}",
            )
            if cert
            else "-"
        )
        self.fields["serial"].setText(snapshot.key.serial if snapshot else "-")
        self.fields["phone"].setText(self.tr("asking the RA…"))

    def show_status(self, status: KeyOut) -> None:
        self.fields["phone"].setText(status.handler_mobile_masked or "-")
        if status.activation_allowed:
            self.verdict.setObjectName("policyOk")
            self.verdict.setText(
                self.tr("The code will be sent to {phone}.").format(
                    phone=status.handler_mobile_masked
                )
            )
        else:
            self.verdict.setObjectName("error")
            self.verdict.setText(
                self.tr(
                    "The re-check of your documents is not finished; the key cannot be "
                    "activated yet. Please try again later."
                )
            )
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)


class ActivationWizard(KeyRequestWizard):
    purpose = KeyRequestPurpose.ACTIVATE

    def __init__(self, workflows: KeyWorkflows, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(workflows, serial, self.tr("Activate certificate"), parent)
        self.status: KeyOut | None = None
        self.overview = CertificateOverview()
        self.add_page(
            "certificate",
            self.overview,
            title=self.tr("Activate certificate"),
            next_text=self.tr("Send code"),
            action=self._send_code,
            ready=lambda: self.status is not None and self.status.activation_allowed,
        )

    def begin(self) -> None:
        """Show the certificate and ask the RA about the key."""
        self.overview.show_snapshot(self.snapshot())
        self.show_page("certificate")
        workflows, serial = self.workflows, self.serial
        self.run(
            lambda: workflows.requests.key_status(serial),
            self._on_status,
            busy_text=self.tr("Asking the RA about this key…"),
            on_error=self._on_status_failed,
        )

    def _on_status(self, status: KeyOut) -> None:
        self.status = status
        self.overview.show_status(status)
        self.refresh_next()

    def _on_status_failed(self, error: NetcaError) -> None:
        self.overview.fields["phone"].setText("-")
        self.show_error(error_text(error))

    def _send_code(self) -> None:
        workflows, key = self.workflows, self.key()
        if key is None:
            self._plug_in_first()
            return
        self.run(
            lambda: workflows.requests.start(key, KeyRequestPurpose.ACTIVATE),
            self.show_job,
            busy_text=self.tr("Sending the code…"),
        )
