"""验证: drop a signed PDF and see each signature as a card with its seal and a clear verdict.

Verification runs on the window's pool; the report comes back through the page's JobBridge.
It answers twice: first integrity, signature, trust and revocation (a fraction of a second
even on a 100 MB file), then, when pyhanko's analysis of the revisions after each signature
is done, the final verdict replaces the first.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netca_client.gui.job_bridge import JobBridge, show_text

if TYPE_CHECKING:
    from cryptography import x509
from netca_client.gui.pages.frame import card_grid, page_layout


class SignatureCard(QFrame):
    """One signature: seal picture, who signed and when, and the verdict in words."""

    def __init__(self, signature: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyCard")
        self.setMinimumWidth(640)
        layout = QHBoxLayout(self)
        picture = QLabel()
        picture.setFixedSize(150, 150)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        if signature.seal_png and pixmap.loadFromData(signature.seal_png):
            picture.setPixmap(
                pixmap.scaled(
                    140,
                    140,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            picture.setText(self.tr("(no seal image)"))
        layout.addWidget(picture)
        text = QVBoxLayout()
        verdict, tone = self.verdict_text(signature.verdict.value)
        self.verdict = QLabel(verdict)
        self.verdict.setObjectName(tone)
        text.addWidget(self.verdict)
        signer = signature.signer_cn + (
            f"（{signature.organisation}）"
            if signature.organisation and signature.organisation != signature.signer_cn
            else ""
        )
        lines = [
            self.tr("Signed by {signer}").format(signer=signer),
            self.tr("Signing time: {time}").format(time=_time(signature.signing_time)),
        ]
        if signature.timestamp_time is not None:
            lines.append(
                self.tr("Time-stamp: {time} ({tsa})").format(
                    time=_time(signature.timestamp_time), tsa=signature.timestamp_authority or "-"
                )
            )
        lines.append(self.detail_text(signature))
        for line in lines:
            label = QLabel(line)
            label.setWordWrap(True)
            text.addWidget(label)
        self.details = lines
        layout.addLayout(text, 1)

    def verdict_text(self, verdict: str) -> tuple[str, str]:
        return {
            "valid": (self.tr("Valid: signed by the holder and unchanged since"), "statusOk"),
            "changed": (
                self.tr("Signature intact, but the document was changed afterwards"),
                "statusWarn",
            ),
            "indeterminate": (
                self.tr("Intact, but the signer cannot be confirmed here"),
                "statusWarn",
            ),
            "invalid": (
                self.tr("Not valid: the signed document was altered or the certificate revoked"),
                "statusBad",
            ),
            "pending": (
                self.tr("Signature intact; checking the changes made after it…"),
                "hint",
            ),
        }.get(verdict, (verdict, "statusWarn"))

    def detail_text(self, signature: Any) -> str:
        parts = [
            self.tr("integrity OK") if signature.intact else self.tr("integrity broken"),
            self.tr("signer trusted") if signature.trusted else self.tr("signer not trusted here"),
            {
                "good": self.tr("certificate not revoked"),
                "revoked": self.tr("certificate revoked"),
                "not_checked": self.tr("revocation not checked"),
                "failed": self.tr("revocation check failed"),
            }.get(signature.revocation.value, signature.revocation.value),
            self.tr("covers the whole document")
            if signature.covers_whole_document
            else self.tr("later changes: being analysed")
            if not signature.changes_analysed
            else self.tr("later changes: {changes}").format(
                changes="; ".join(
                    [*signature.changes, *(f"{c.kind} {c.name}" for c in signature.stamp_changes)]
                )
                or "-"
            ),
        ]
        return " · ".join(parts)


def _time(value: object) -> str:
    return f"{value.astimezone():%Y-%m-%d %H:%M:%S}" if value is not None else "-"  # type: ignore[attr-defined]


class PdfVerifyPage(QWidget):
    def __init__(
        self,
        pool: ThreadPoolExecutor,
        trust_roots: Callable[[], list[x509.Certificate]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._jobs = JobBridge(self)
        self._trust_roots = trust_roots
        self.setAcceptDrops(True)
        layout = page_layout(self, self.tr("Verify"))
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open a signed PDF…"))
        self.open_button.clicked.connect(self._on_open_clicked)
        row.addWidget(self.open_button)
        self.status = QLabel(self.tr("Or drop a PDF here."))
        self.status.setObjectName("hint")
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.grid = card_grid(layout)
        self.cards: list[SignatureCard] = []
        self.report: Any = None
        self._checking = 0  # which verify() the answers arriving now belong to

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".pdf") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(".pdf"):
                self.verify(Path(url.toLocalFile()))
                return

    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a signed PDF"), "", "PDF (*.pdf)")
        if path:
            self.verify(Path(path))

    def verify(self, path: Path) -> None:
        self._checking += 1
        checking = self._checking
        self._clear_cards()
        self.status.setText(self.tr("Checking {name}…").format(name=path.name))

        roots: list[x509.Certificate] = []  # read by the first answer, kept for the second

        def check(analyse_changes: bool) -> Callable[[], Any]:
            def job() -> Any:
                from netca_client.core.pdf import verify_pdf

                if not roots:  # on the pool: reads the trusted certificates
                    roots.extend(self._trust_roots())
                return verify_pdf(path, trust_roots=roots, analyse_changes=analyse_changes)

            return job

        def quick_done(report: Any) -> None:
            if checking != self._checking:
                return  # another file was opened meanwhile
            self._show(report)
            if any(not s.changes_analysed for s in report.signatures):
                self.status.setText(
                    self.tr("{name}: {n} signatures; checking the changes after them…").format(
                        name=report.path.name, n=len(report.signatures)
                    )
                )
                self._jobs.on_pool(
                    self._pool,
                    check(True),
                    done=full_done,
                    failed=show_text(self.status.setText),
                )

        def full_done(report: Any) -> None:
            if checking == self._checking:
                self._show(report)

        self._jobs.on_pool(
            self._pool,
            check(False),
            done=quick_done,
            failed=show_text(self.status.setText),
        )

    def _clear_cards(self) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []

    def _show(self, report: Any) -> None:
        self._clear_cards()
        self.report = report
        if not report.signatures:
            self.status.setText(self.tr("{name} has no signature.").format(name=report.path.name))
            return
        self.status.setText(
            self.tr("{name}: {n} signatures").format(
                name=report.path.name, n=len(report.signatures)
            )
        )
        for index, signature in enumerate(report.signatures):
            card = SignatureCard(signature)
            self.grid.addWidget(card, index, 0)
            self.cards.append(card)
