"""证书续期 and 证书安装 in the desktop client: one wizard over the core renewal workflow.

The workflow decides (core/workflows/renewals.py, renewal_record.py); this wizard shows the
page the job's ``next_step()`` names and runs the transition the user chose, so a renewal
started now and one resumed from the journal (the window closed, the computer crashed, the
key unplugged) take the same path:

offer (the RA says whether it may renew online, or why not) → agreement and encryption
warning → years, fee, handler, e-invoice → PIN (a new key pair, the request signed by it and
proven by the old key) → pay (QR code, or a bank transfer staff confirm) → waiting, asking
the RA again with backoff → install with the PIN (guarded: the window stays open) → done.
PINs live in the PIN fields only, and are cleared once handed to the job.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from netca_client.core.certs import CertificateSummary
from netca_client.core.errors import KeyRemoved, NetcaError, PinIncorrect, PinLocked
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.renewal_defaults import load_last_order, save_last_order
from netca_client.core.workflows.renewal_install import install as install_on_key
from netca_client.core.workflows.renewal_record import RenewalJob, RenewalResult
from netca_client.core.workflows.renewals import RenewalDetails, RenewalPart
from netca_client.core.workflows.steps import Step, StepKind, StopReason
from netca_client.gui.error_text import error_text
from netca_client.gui.job_bridge import ignore_error
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.renewal_pages import (
    AgreementPage,
    DetailsPage,
    KeyPinPage,
    OfferPage,
    PaymentWaitPage,
    PayPage,
    StepStrip,
    day,
    refusal_text,
    yuan,
)
from netca_client.gui.wizards.steps import MessagePage
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import BankTransferIn, HandlerIn, OrderState, PaymentIn, PaymentMethod
from netca_protocol.renewal import InvoiceIn, RenewalOffer

#: seconds between questions to the RA while a payment or a review is pending: 1, 2, 4 … 15
FIRST_POLL, LAST_POLL = 1.0, 15.0

_STRIP = {
    "offer": "confirm", "agreement": "confirm", "details": "details", "pin": "sign",
    "pay": "pay", "paying": "pay", "waiting": "pay", "install": "install", "plug": "install",
    "done": "finished", "stop": "install", "refused": "confirm",
}  # fmt: skip


class RenewalWizard(WizardDialog):
    """Renew one key's certificate (or finish a renewal left unfinished) and install it."""

    def __init__(self, workflows: KeyWorkflows, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(workflows, self.tr("Renew certificate"), parent)
        self.setMinimumSize(620, 560)
        self.serial = serial
        self.certificate: CertificateSummary | None = None
        self.offer: RenewalOffer | None = None
        self.job: RenewalJob | None = None
        self.outcome: RenewalResult | None = None
        self._resume_when_plugged: JournalEntry | None = None
        self._delay = FIRST_POLL
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.timeout.connect(self._ask_again)

        self.strip = StepStrip()
        self.layout().insertWidget(1, self.strip)
        self.offer_page = OfferPage()
        self.add_page(
            "offer", self.offer_page, title=self.tr("Renew certificate"),
            next_text=self.tr("Next"), action=lambda: self.show_page("agreement"),
            ready=lambda: self.offer is not None and self.offer.eligible,
        )  # fmt: skip
        self.agreement_page = AgreementPage()
        self.agreement_page.changed.connect(self.refresh_next)
        self.add_page(
            "agreement", self.agreement_page, title=self.tr("Service agreement"),
            next_text=self.tr("Next"), action=self._to_details, ready=self.agreement_page.ready,
        )  # fmt: skip
        self.details_page = DetailsPage()
        self.details_page.changed.connect(self.refresh_next)
        self.add_page(
            "details", self.details_page, title=self.tr("Years, handler and invoice"),
            next_text=self.tr("Next"), action=self._to_pin, ready=self.details_page.ready,
        )  # fmt: skip
        self.pin_page = KeyPinPage()
        self.pin_page.intro.setText(
            self.tr(
                "Enter the PIN of the key. A new key pair is made on the key; the renewal "
                "request is signed by it and proven by your current certificate's key."
            )
        )
        self.pin_page.changed.connect(self.refresh_next)
        self.add_page(
            "pin", self.pin_page, title=self.tr("Sign the renewal request"),
            next_text=self.tr("Submit"), action=self._submit, ready=self.pin_page.ready,
        )  # fmt: skip
        self.pay_page = PayPage()
        self.pay_page.changed.connect(self.refresh_next)
        self.add_page(
            "pay", self.pay_page, title=self.tr("Pay"), next_text=self.tr("Pay"),
            action=self._pay, ready=self.pay_page.ready,
        )  # fmt: skip
        self.paying_page = PaymentWaitPage()
        self.add_page("paying", self.paying_page, title=self.tr("Waiting for the payment"))
        self.waiting_page = MessagePage()
        self.refresh_button = self.waiting_page.add_button(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self._ask_now)
        self.add_page("waiting", self.waiting_page, title=self.tr("Renewal under way"))
        self.install_page = KeyPinPage()
        self.install_page.intro.setText(
            self.tr(
                "The new certificate is issued. Enter the PIN to write it to the key. Your "
                "current certificate stays usable until the new one is written and checked."
            )
        )
        self.install_page.changed.connect(self.refresh_next)
        self.add_page(
            "install", self.install_page, title=self.tr("Install certificate"),
            next_text=self.tr("Install"), action=self._install, ready=self.install_page.ready,
        )  # fmt: skip
        self.plug_page = MessagePage()
        self.add_page("plug", self.plug_page, title=self.tr("Plug in the key"))
        self.done_page = MessagePage()
        self.add_page("done", self.done_page, title=self.tr("Done"), next_text=self.tr("Finish"))
        self.stop_page = MessagePage()
        self.add_page("stop", self.stop_page, title=self.tr("Cannot continue"))
        self.refused_page = MessagePage()
        self.add_page("refused", self.refused_page, title=self.tr("Online renewal is not possible"))
        self.page_shown.connect(self._on_page_shown)
        workflows.service.snapshot_loaded.connect(self._on_snapshot_loaded)
        workflows.service.key_removed.connect(self._on_key_removed)
        self.finished.connect(lambda _: self._poll.stop())

    # --- the key -------------------------------------------------------------------

    def key(self) -> KeyRef | None:
        return self.workflows.key_of(self.serial)

    def snapshot(self) -> KeySnapshot | None:
        return self.workflows.snapshot_of(self.serial)

    def _on_page_shown(self, name: str) -> None:
        self.strip.show_step(_STRIP.get(name, "confirm"))
        if name in ("pin", "install"):
            snapshot = self.snapshot()
            page = self.pin_page if name == "pin" else self.install_page
            page.set_status(snapshot.pin if snapshot else None)
            page.summary.setText(self._summary())

    def _summary(self) -> str:
        job, details = self.job, self.details_page
        if job is not None and job.renewal is not None:
            return self.tr("Order {order} · {years} years · {amount}").format(
                order=job.renewal.order_no, years=job.renewal.validity_years,
                amount=yuan(job.renewal.amount_fen),
            )  # fmt: skip
        return self.tr("{years} years · {amount}").format(
            years=details.chosen_years(), amount=yuan(details.amount_fen())
        )

    def _on_snapshot_loaded(self, snapshot: KeySnapshot) -> None:
        entry = self._resume_when_plugged
        if entry is not None and snapshot.key.serial == self.serial:
            self._resume_when_plugged = None
            self.resume(entry)

    def _on_key_removed(self, key: KeyRef) -> None:
        """The key went away while its PIN was asked for: wait for it (nothing changed)."""
        if key.serial != self.serial or self.busy:
            return
        if self.current == "install":
            self._show_install()  # the plug page; the install page again once it is back
        elif self.current == "pin":
            self._plug_in_first()

    def _refresh_key(self) -> None:
        key = self.key()
        if key is not None:
            self.workflows.service.refresh(key)

    # --- a new renewal -------------------------------------------------------------

    def begin(self) -> None:
        """Show the key's certificate and ask the RA whether it may renew online."""
        snapshot = self.snapshot()
        cert = snapshot.signing_certificate if snapshot else None
        if cert is None:
            self.stop_page.say(self.tr("This key holds no certificate to renew."))
            self.show_page("stop", closing=True)
            return
        self.certificate = cert
        self.offer_page.show_certificate(cert)
        self.show_page("offer")
        workflows = self.workflows
        serial = format(int(cert.serial, 16), "x")

        def ask() -> tuple[RenewalOffer, HandlerIn | None, InvoiceIn | None]:
            offer = workflows.ra.renewal_offer(serial)
            last = load_last_order(workflows.journal)
            return offer, last.handler, last.invoice

        self.run(
            ask, self._on_offer, busy_text=self.tr("Asking the RA about this certificate…"),
            on_error=self._offer_failed,
        )  # fmt: skip

    def _on_offer(self, answer: tuple[RenewalOffer, HandlerIn | None, InvoiceIn | None]) -> None:
        offer, handler, invoice = answer
        cert = self.certificate
        assert cert is not None
        self.offer = offer
        self.offer_page.show_offer(offer)
        if offer.eligible:
            self.agreement_page.show_offer(offer)
            self.details_page.show_offer(offer)
            self.details_page.prefill(
                name=handler.name if handler else "",
                id_number=handler.id_number if handler else "",
                mobile=handler.mobile if handler else "",
                title=(invoice.title if invoice else "") or cert.subject_o,
                tax_id=(invoice.tax_id if invoice else None) or cert.org_code or "",
                email=(invoice.email if invoice else None) or "",
                invoice_mobile=(invoice.mobile if invoice else None) or "",
            )
        else:
            self.refused_page.say(
                refusal_text(offer),
                self.tr("{holder}, certificate {serial}, expires {date}").format(
                    holder=cert.subject_cn, serial=cert.serial, date=day(cert.not_after)
                ),
            )
            self.show_page("refused", closing=True)
        self.refresh_next()

    def _offer_failed(self, error: NetcaError) -> None:
        self.offer_page.show_failed()
        self.show_error(error_text(error))

    def _to_details(self) -> None:
        self.show_page("details")

    def _to_pin(self) -> None:
        self.show_page("pin")

    def _details(self) -> RenewalDetails:
        page, offer = self.details_page, self.offer
        assert offer is not None
        email = page.invoice_email.text().strip() or None
        mobile = page.invoice_mobile.text().strip() or None
        return RenewalDetails(
            validity_years=page.chosen_years(),
            handler=HandlerIn(
                name=page.handler_name.text().strip(),
                id_number=page.handler_id.text().strip().upper(),
                mobile=page.handler_mobile.text().strip(),
            ),
            invoice=InvoiceIn(
                title=page.invoice_title.text().strip(),
                tax_id=page.tax_id.text().strip().upper() or None,
                email=email,
                mobile=mobile,
            ),
            agreement_version=offer.agreement_version,
        )

    def _submit(self) -> None:
        key, cert = self.key(), self.certificate
        if key is None or cert is None:
            self._plug_in_first()
            return
        try:
            details = self._details()
        except ValueError as exc:  # the protocol's rules, should the page have missed one
            self.show_error(str(exc))
            return
        part = RenewalPart(key, cert, self.pin_page.pin(), allow_final_try=self.pin_page.final_try)
        self.pin_page.clear()
        workflows = self.workflows

        def start() -> RenewalJob:
            (job,) = workflows.renewals.start([part], details)
            save_last_order(workflows.journal, details.handler, details.invoice)
            return job

        self.run(
            start, self._after_key_change,
            busy_text=self.tr("Making a new key pair and sending the request… do not unplug "
                              "the key."),
            on_error=lambda error: self._key_failed(error, "pin"), guarded=True,
        )  # fmt: skip

    def _key_failed(self, error: NetcaError, page: str) -> None:
        self._refresh_key()
        if isinstance(error, KeyRemoved):
            self.show_error(
                self.tr(
                    "The key was unplugged. Your current certificate is still usable; plug the "
                    "key in again and continue from the home page."
                )
            )
            self.finished_job.emit()
            return
        if isinstance(error, PinIncorrect | PinLocked):
            snapshot = self.snapshot()
            (self.pin_page if page == "pin" else self.install_page).set_status(
                snapshot.pin if snapshot else None
            )
        self.show_error(error_text(error))
        self.finished_job.emit()

    def _after_key_change(self, job: RenewalJob) -> None:
        self._refresh_key()
        self.show_job(job)
        self.finished_job.emit()  # the journal holds (or dropped) the job: the home page knows

    def _plug_in_first(self) -> None:
        self.show_error(
            self.tr("Plug in the USB key with serial {serial}.").format(serial=self.serial)
        )

    # --- a renewal left unfinished -------------------------------------------------

    def resume(self, entry: JournalEntry) -> None:
        """Continue a renewal of the journal (paid elsewhere, the window closed, a crash)."""
        self.serial = entry.key_serial
        workflows = self.workflows
        self.run(
            lambda: workflows.renewals.resume(entry), self.show_job,
            busy_text=self.tr("Asking the RA how far the renewal got…"),
            on_error=self._resume_failed,
        )  # fmt: skip

    def _resume_failed(self, error: NetcaError) -> None:
        self.waiting_page.say(
            self.tr("The RA could not be asked about the renewal."), error_text(error)
        )
        self.show_page("waiting", closing=True)

    # --- the step the job is at ----------------------------------------------------

    def show_job(self, job: RenewalJob) -> None:
        self.job = job
        self._poll.stop()
        step = job.next_step()
        renewal = job.renewal
        match step.kind:
            case StepKind.ENTER_PIN:
                # The order was never opened: drop the half-made job and begin again.
                workflows = self.workflows
                self.run(
                    lambda: workflows.renewals.forget(job), lambda _: self.begin(),
                    busy_text=self.tr("Starting again…"),
                )  # fmt: skip
            case StepKind.WAIT_FOR_REVIEW:
                self.waiting_page.say(
                    self.tr("The renewal is being reviewed by staff."),
                    self.tr("Once approved you can pay here. You may close this window."),
                )
                self.show_page("waiting", closing=True)
                self._schedule()
            case StepKind.PAY:
                assert renewal is not None
                self.pay_page.show_amount(renewal.amount_fen, renewal.order_no)
                self.show_page("pay")
            case StepKind.WAIT_FOR_PAYMENT:
                self._show_payment(job)
                self._schedule()
            case StepKind.INSTALL:
                self._show_install()
            case StepKind.DONE:
                assert job.result is not None
                self._show_done(job.result)
            case StepKind.FAILED:
                self._stop(step)
        if step.over:
            self.finished_job.emit()

    def _show_payment(self, job: RenewalJob) -> None:
        renewal, payment = job.renewal, job.payment
        url = payment.payment_url if payment is not None else None
        if url and renewal is not None and renewal.order_state is OrderState.AWAITING_PAYMENT:
            if self.paying_page.url != url:
                self.paying_page.show_qr(url, renewal.amount_fen)
            self.show_page("paying", closing=True)
            return
        if renewal is not None and renewal.order_state is OrderState.PAID:
            text = self.tr("Paid. The RA is issuing the new certificate…")
            detail = ""
        elif payment is not None and payment.method is PaymentMethod.BANK_TRANSFER:
            text = self.tr(
                "Bank transfer reported: waiting for the acceptance point to confirm it."
            )
            detail = self.tr(
                "Staff check the transfer against the bank statement. You may close this "
                "window; the certificate installs from the home page once it is confirmed."
            )
        else:
            text = self.tr("Waiting for the payment to be confirmed…")
            detail = self.tr("You may close this window; the renewal goes on from the home page.")
        self.paying_page.show_waiting(text, detail)
        self.show_page("paying", closing=True)

    def _schedule(self) -> None:
        """Ask the RA again after the current backoff delay (then twice as long, up to 15 s)."""
        self._poll.start(int(self._delay * 1000))
        self._delay = min(self._delay * 2, LAST_POLL)

    def _ask_now(self) -> None:
        self._delay = FIRST_POLL
        self._ask_again()

    def _ask_again(self) -> None:
        job, workflows = self.job, self.workflows
        if job is None or not self.isVisible() or self.busy:
            return
        self.jobs.on_pool(
            workflows.pool,
            lambda: workflows.renewals.refresh(job),  # keeps the payment (and its QR link)
            done=self._polled,
            failed=self._poll_failed,
        )

    def _polled(self, job: RenewalJob) -> None:
        before = self.job.next_step().kind if self.job is not None else None
        self.show_job(job)
        if job.next_step().kind is not before:
            self._delay = FIRST_POLL

    def _poll_failed(self, error: NetcaError) -> None:
        ignore_error(error)  # the RA is unreachable for a moment: ask again later
        self._schedule()

    # --- paying --------------------------------------------------------------------

    def _pay(self) -> None:
        job, page = self.job, self.pay_page
        if job is None:
            return
        if page.by_bank():
            payment = PaymentIn(
                method=PaymentMethod.BANK_TRANSFER,
                bank_transfer=BankTransferIn(
                    payer_account=page.payer_account.text().strip(),
                    payer_name=page.payer_name.text().strip(),
                    amount_fen=page.amount_fen,
                    transfer_date=page.transfer_day(),
                ),
            )
        else:
            payment = PaymentIn(method=PaymentMethod.SIMULATED)
        workflows = self.workflows
        self._delay = FIRST_POLL
        self.run(
            lambda: workflows.renewals.pay(job, payment), self.show_job,
            busy_text=self.tr("Starting the payment…"),
        )  # fmt: skip

    # --- installing ----------------------------------------------------------------

    def _show_install(self) -> None:
        if self.key() is None:
            self.plug_page.say(
                self.tr(
                    "The new certificate is issued and waits to be installed. Plug in the USB "
                    "key with serial {serial}."
                ).format(serial=self.serial)
            )
            self.show_page("plug", closing=True)
            if self.job is not None:
                self._resume_when_plugged = self.job.entry
            return
        self.show_page("install")

    def _install(self) -> None:
        job, key = self.job, self.key()
        if job is None:
            return
        if key is None:
            self._show_install()
            return
        pin, final = self.install_page.pin(), self.install_page.final_try
        self.install_page.clear()
        workflows = self.workflows
        self.run(
            lambda: install_on_key(workflows.renewals, job, key, pin, allow_final_try=final),
            self._after_key_change,
            busy_text=self.tr("Writing the new certificate to the key… do not unplug it."),
            on_error=lambda error: self._key_failed(error, "install"), guarded=True,
        )  # fmt: skip

    def _show_done(self, result: RenewalResult) -> None:
        self.outcome = result
        try:
            until = day(dt.datetime.fromisoformat(result.not_after))
        except ValueError:
            until = result.not_after[:10]
        detail = self.tr("New certificate {serial}, valid until {date}.").format(
            serial=result.new_serial, date=until
        )
        if result.archived_old:
            detail += " " + self.tr(
                "The old key can decrypt: it was kept on the key, labelled archived."
            )
        self.done_page.say(self.tr("The certificate was renewed and installed."), detail)
        self.show_page("done", closing=True)

    def _stop(self, step: Step) -> None:
        match step.reason:
            case StopReason.CANCELLED:
                text, detail = self.tr("The renewal order was cancelled."), ""
            case StopReason.REJECTED:
                text = self.tr("The renewal was rejected.")
                detail = self.tr("Reason: {reason}").format(reason=step.detail or "-")
            case StopReason.ALREADY_COMPLETED:
                text = self.tr("The new certificate was already installed elsewhere.")
                detail = ""
            case _:
                text, detail = self.tr("The renewal cannot go on."), ""
        self.stop_page.say(text, detail)
        self.show_page("stop", closing=True)
