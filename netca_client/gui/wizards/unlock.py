"""忘记密码 (unlock): the handler's identity and the path → SMS code → new PIN.

The holder chooses the path (the RA's answer never depends on whether the details match
the record): an SMS code to the handler on record, or, when the organisation has a new
handler, the application materials (jpg/png/pdf, at most 5 MB each) for staff review first,
and the code to the new handler's mobile after approval.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from netca_client.core.workflows.key_request_job import KeyRequestJob
from netca_client.gui.wizards.key_request import KeyRequestWizard
from netca_client.gui.wizards.unlock_pages import HandlerForm, MaterialsPage
from netca_client.gui.wizards.workflows import KeyWorkflows
from netca_protocol.models import KeyRequestPurpose


class UnlockWizard(KeyRequestWizard):
    purpose = KeyRequestPurpose.UNLOCK

    def __init__(self, workflows: KeyWorkflows, serial: str, parent: QWidget | None = None) -> None:
        super().__init__(workflows, serial, self.tr("Forgot PIN"), parent)
        self.handler_form = HandlerForm()
        self.handler_form.changed.connect(self.refresh_next)
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
        self._uploaded: set[Path] = set()  # a retry after a failure does not send them twice

    def begin(self) -> None:
        self.show_page("handler")

    def _start(self) -> None:
        form, workflows, key = self.handler_form, self.workflows, self.key()
        handler, path = form.handler(), form.path()
        if handler is None:
            return
        if key is None:
            self._plug_in_first()
            return
        self.run(
            lambda: workflows.requests.start(
                key, KeyRequestPurpose.UNLOCK, handler=handler, unlock_path=path
            ),
            self.show_job,
            busy_text=self.tr("Asking the RA…"),
        )

    # --- materials ------------------------------------------------------------------

    def _choose_files(self) -> None:
        self.choose_files(self.tr("Choose application materials"), self.materials.add_paths)

    def _upload(self) -> None:
        job, workflows, paths = self.job, self.workflows, list(self.materials.paths)
        if job is None or not paths:
            return
        self.upload_then_submit(
            paths,
            progress=self.materials.progress,
            uploaded=self._uploaded,
            upload=lambda path: workflows.requests.upload(job, path),
            submit=lambda: workflows.requests.submit(job),
            submitted=self._submitted,
        )

    def _submitted(self, job: KeyRequestJob) -> None:
        self.materials.progress.hide()
        self.finished_job.emit()  # the banner lists it as unfinished now
        self.show_job(job)
