"""申请印章 / 变更印章 / 修改资料 / 安装印章: the seal wizard, from the details to the seal on
the key.

details (印章名称, kind, handler; signed on the key with the PIN) → the form page (下载申请表,
print, stamp three samples in each box, colour-scan, upload, 提交申请) → waiting (审核中;
修改资料 back to the details, then a new form and scan) → install (印章待安装: PIN, write, read
back, verify, replace the old seal) → 印章安装成功. Every step is the core workflow's
(core/workflows/seal_jobs.py); the wizard switches on ``job.next_step()``, so a job resumed
from 有未完成的业务 opens on the page it stopped at.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFormLayout, QWidget

from netca_client.core.atomic_files import write_atomically
from netca_client.core.errors import NetcaError
from netca_client.core.workflows.journal import JournalEntry
from netca_client.core.workflows.seal_record import SealJob
from netca_client.core.workflows.steps import StepKind, StopReason
from netca_client.gui.dialogs.pin_change import pin_edit
from netca_client.gui.wizards.frame import WizardDialog
from netca_client.gui.wizards.seal_pages import SealDetailsPage, SealFormPage
from netca_client.gui.wizards.steps import MessagePage, wrapping_label
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol import BusinessType
from netca_protocol.seals import SealOrderState


class SealWizard(WizardDialog):
    """One seal application of one key: apply, change, or an unfinished one resumed."""

    def __init__(
        self,
        workflows: KeyWorkflows,
        serial: str,
        business: BusinessType = BusinessType.SEAL_APPLY,
        *,
        replaces_seal_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workflows, "", parent)
        self.serial = serial
        self.business = business
        self._set_title()
        self.replaces_seal_id = replaces_seal_id
        self.job: SealJob | None = None
        self.editing = False
        self._uploaded: set[Path] = set()  # a retry after a failure does not send them twice

        self.details_page = SealDetailsPage()
        self.details_page.changed.connect(self.refresh_next)
        self.add_page(
            "details",
            self.details_page,
            title=self.tr("Seal details"),
            next_text=self.tr("Apply"),
            action=self._details_done,
            ready=lambda: self.details_page.ready(signing=not self.editing),
        )
        self.form_page = SealFormPage()
        self.form_page.save_form_button.clicked.connect(self._choose_form_path)
        self.form_page.add_button.clicked.connect(self._choose_scans)
        self.form_page.edit_button.clicked.connect(self.edit_details)
        self.form_page.files.model().rowsInserted.connect(self.refresh_next)
        self.form_page.files.model().rowsRemoved.connect(self.refresh_next)
        self.add_page(
            "form",
            self.form_page,
            title=self.tr("Application form and scans"),
            next_text=self.tr("Submit application"),
            action=self._upload,
            ready=self.form_page.acceptable,
        )
        self.waiting_page = MessagePage()
        self.refresh_button = self.waiting_page.add_button(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.edit_button = self.waiting_page.add_button(self.tr("Edit details"))
        self.edit_button.clicked.connect(self.edit_details)
        self.query_code = wrapping_label(name="hint")
        self.query_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.query_code.hide()
        self.waiting_page.layout_.insertWidget(2, self.query_code)
        self.add_page("waiting", self.waiting_page, title=self.tr("Under review"))
        self.install_page = MessagePage()
        pin_row = QWidget()
        pin_form = QFormLayout(pin_row)
        self.install_pin = pin_edit()
        self.install_pin.textChanged.connect(self.refresh_next)
        pin_form.addRow(self.tr("PIN"), self.install_pin)
        self.install_page.layout_.insertWidget(2, pin_row)
        self.add_page(
            "install",
            self.install_page,
            title=self.tr("Install seal"),
            next_text=self.tr("Install seal"),
            action=self._install,
            ready=lambda: bool(self.install_pin.text()),
        )
        self.done_page = MessagePage()
        self.add_page(
            "done", self.done_page, title=self.tr("Seal installed"), next_text=self.tr("Done")
        )
        self.stop_page = MessagePage()
        self.add_page("stop", self.stop_page, title=self.tr("Seal application"))

    def _set_title(self) -> None:
        change = self.business is BusinessType.SEAL_CHANGE
        self.setWindowTitle(self.tr("Change seal") if change else self.tr("Apply for a seal"))

    # --- entry points ---------------------------------------------------------------

    def begin(self) -> None:
        """A new application: the details first."""
        self.editing = False
        self.details_page.set_signing(True)
        self.details_page.intro.setText(
            self.tr(
                "A changed seal replaces the seal on the key once the new one is installed and "
                "verified. Enter the new seal's details."
            )
            if self.business is BusinessType.SEAL_CHANGE
            else self.tr(
                "Enter the seal's name exactly as on the physical seal, and the handler "
                "(经办人). The application is signed on the key with its signing certificate."
            )
        )
        self._set_details_button(self.tr("Apply"))
        self.show_page("details")

    def resume(self, entry: JournalEntry, *, edit: bool = False) -> None:
        """An unfinished application: ask the RA where it stands, show that page (or, with
        ``edit``, the details to correct)."""
        workflows = self.workflows

        def resumed(job: SealJob) -> None:
            self.business = job.record.business_type
            self._set_title()
            self.show_job(job)
            if edit and job.next_step().kind in (
                StepKind.UPLOAD_MATERIALS,
                StepKind.WAIT_FOR_REVIEW,
            ):
                self.edit_details()

        self.run(
            lambda: workflows.seals.resume(entry), resumed, busy_text=self.tr("Asking the RA…")
        )

    def show_job(self, job: SealJob) -> None:
        self.job = job
        step = job.next_step()
        order = job.order
        if order is not None:
            self.form_page.show_order(job.order_no, order.revision)
        match step.kind:
            case StepKind.UPLOAD_MATERIALS:
                self.show_page("form")
            case StepKind.WAIT_FOR_REVIEW:
                self.waiting_page.say(
                    self.tr("Under review (审核中). Order {order}.").format(order=job.order_no),
                    self.tr(
                        "Staff at the acceptance point check the stamped form. You may close "
                        "this window: the application is listed under unfinished jobs. Until "
                        "it is decided you may still edit the details."
                    ),
                )
                self.show_page("waiting", closing=True)
                self._show_query_code(job)
            case StepKind.INSTALL:
                name = order.details.seal_name if order is not None else ""
                self.install_page.say(
                    self.tr("Seal waiting to be installed (印章待安装): {name}").format(name=name),
                    self.tr(
                        "Keep the key plugged in. The new seal is written to the key, read "
                        "back and verified; a seal it replaces is removed only after that."
                    ),
                )
                self.show_page("install")
            case StepKind.DONE:
                result = job.result
                assert result is not None
                detail = (
                    self.tr("It replaced the previous seal.") if result.replaced_seal_id else ""
                )
                self.done_page.say(
                    self.tr("Seal installed (印章安装成功): {name}").format(name=result.seal_name),
                    detail,
                )
                self.finished_job.emit()
                self.show_page("done", closing=True)
            case StepKind.FAILED:
                self._stopped(step.reason, step.detail)

    def _show_query_code(self, job: SealJob) -> None:
        """业务查询 takes the order number and its 查询码 (read on the pool: the keyring)."""
        workflows = self.workflows

        def show(token: str) -> None:
            self.query_code.setText(
                self.tr("Order query (业务查询): order {order}, query code {token}").format(
                    order=job.order_no, token=token
                )
            )
            self.query_code.show()

        self.jobs.on_pool(
            workflows.pool, lambda: workflows.seals.order_token(job), done=show,
            failed=lambda _: self.query_code.hide(),
        )  # fmt: skip

    def _stopped(self, reason: StopReason | None, detail: str) -> None:
        if reason is StopReason.REJECTED:
            self.stop_page.say(
                self.tr("The acceptance point rejected the seal application."),
                self.tr("Reason: {reason}").format(reason=detail or "-"),
            )
        elif reason is StopReason.CANCELLED:
            self.stop_page.say(self.tr("The seal application was withdrawn."))
        else:
            self.stop_page.say(self.tr("This seal application is already finished."))
        self.finished_job.emit()
        self.show_page("stop", closing=True)

    def refresh(self) -> None:
        job, workflows = self.job, self.workflows
        if job is None:
            return
        still = self.current

        def answered(new: SealJob) -> None:
            self.show_job(new)
            if self.current == still == "waiting":
                self.waiting_page.detail.setText(self.tr("Still under review."))

        self.run(
            lambda: workflows.seals.refresh(job), answered, busy_text=self.tr("Asking the RA…")
        )

    # --- details: apply, change, 修改资料 ----------------------------------------------

    def edit_details(self) -> None:
        """修改资料: the details as the RA has them, to correct; a new form and scan follow."""
        job = self.job
        if job is None or job.order is None:
            return
        if job.order.state not in (SealOrderState.MATERIALS_REQUIRED, SealOrderState.UNDER_REVIEW):
            return
        self.editing = True
        self.details_page.set_signing(False)
        self.details_page.fill(job.order.details)
        self.details_page.intro.setText(
            self.tr(
                "Correct the details. The earlier ones are kept in the application's history; "
                "then save the new form, stamp it and upload its scan again."
            )
        )
        self._set_details_button(self.tr("Save changes"))
        self.show_page("details")

    def _set_details_button(self, text: str) -> None:
        self._pages["details"].next_text = text

    def _details_done(self) -> None:
        details, workflows = self.details_page.details(), self.workflows
        if details is None:
            return
        if self.editing:
            job = self.job
            assert job is not None

            def edited(new: SealJob) -> None:
                self.editing = False
                self.form_page.clear()
                self._uploaded.clear()
                self.show_job(new)

            self.run(
                lambda: workflows.seals.edit(job, details), edited, busy_text=self.tr("Saving…")
            )
            return
        key = workflows.key_of(self.serial)
        if key is None:
            self.show_error(self.tr("Plug in the key {serial} first.").format(serial=self.serial))
            return
        pin = self.details_page.pin_edit.text()
        self.details_page.pin_edit.clear()
        business, replaces = self.business, self.replaces_seal_id

        def started(job: SealJob) -> None:
            self.finished_job.emit()  # listed under unfinished jobs from now on
            self.show_job(job)

        self.run(
            lambda: workflows.seals.start(
                key, pin, details, business_type=business, replaces_seal_id=replaces
            ),
            started,
            busy_text=self.tr("Signing the application on the key and sending it…"),
        )

    # --- the form and its scans ---------------------------------------------------------

    def _choose_form_path(self) -> None:
        name = f"电子印章申请表-{self.job.order_no if self.job else ''}.pdf"
        dialog = QFileDialog(
            self, self.tr("Save application form"), str(Path.home() / name), self.tr("PDF (*.pdf)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(lambda path: self.save_form(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def save_form(self, path: Path) -> None:
        job, workflows = self.job, self.workflows
        if job is None:
            return

        def fetch_and_write() -> Path:
            write_atomically(path, workflows.seals.form(job), replace=True)
            return path

        self.run(
            fetch_and_write, self.form_page.form_saved, busy_text=self.tr("Downloading the form…")
        )

    def _choose_scans(self) -> None:
        self.choose_files(self.tr("Choose the scans of the stamped form"), self.form_page.add_paths)

    def _upload(self) -> None:
        job, workflows, paths = self.job, self.workflows, list(self.form_page.paths)
        if job is None or not paths:
            return
        self.upload_then_submit(
            paths,
            progress=self.form_page.progress,
            uploaded=self._uploaded,
            upload=lambda path: workflows.seals.upload(job, path),
            submit=lambda: workflows.seals.submit(job),
            submitted=self._submitted,
        )

    def _submitted(self, job: SealJob) -> None:
        self.form_page.progress.hide()
        self.form_page.clear()
        self._uploaded.clear()
        self.finished_job.emit()
        self.show_job(job)

    # --- install ------------------------------------------------------------------------

    def _install(self) -> None:
        job, workflows = self.job, self.workflows
        if job is None:
            return
        key = workflows.key_of(job.key_serial)
        if key is None:
            self.show_error(
                self.tr("Plug in the key {serial} first.").format(serial=job.key_serial)
            )
            return
        pin = self.install_pin.text()
        self.install_pin.clear()

        def install() -> SealJob:
            try:
                return workflows.seals.install(job, key, pin)
            except NetcaError:
                workflows.seals.abandon_failed_write(job)
                raise

        def installed(done: SealJob) -> None:
            self.job = done
            workflows.service.refresh(key)  # 我的印章 and 主页 read the key again
            self.show_job(done)

        self.run(
            install,
            installed,
            busy_text=self.tr("Writing the seal to the key and verifying it…"),
            guarded=True,
        )
