"""OutputClashDialog: signed files would replace existing ones — save under new names,
overwrite, or cancel; asked before the PIN."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

SHOWN = 8


class OutputClashDialog(QMessageBox):
    """Emits ``rename_chosen``, ``overwrite_chosen`` or ``cancelled``."""

    rename_chosen = Signal()
    overwrite_chosen = Signal()
    cancelled = Signal()

    def __init__(
        self, clashes: list[Path], *, inputs_hit: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Output files exist"))
        self.setText(
            self.tr("{n} signed file(s) would replace existing files:").format(n=len(clashes))
        )
        names = "\n".join(f"• {path.name}" for path in clashes[:SHOWN])
        if len(clashes) > SHOWN:
            names += "\n" + self.tr("… and {n} more").format(n=len(clashes) - SHOWN)
        self.setInformativeText(names)
        self.rename_button = self.addButton(
            self.tr("Save under new names"), QMessageBox.ButtonRole.AcceptRole
        )
        self.overwrite_button = self.addButton(
            self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.rename_button)
        self.overwrite_button.setEnabled(not inputs_hit)  # an input is never overwritten
        self.buttonClicked.connect(self._on_button_clicked)

    def _on_button_clicked(self, button: object) -> None:
        if button is self.rename_button:
            self.rename_chosen.emit()
        elif button is self.overwrite_button:
            self.overwrite_chosen.emit()
        else:
            self.cancelled.emit()
