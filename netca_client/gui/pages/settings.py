"""设置: what the client really uses — its settings file (a profile such as the demo's), the RA
and time-stamp service, trusted roots, language, the PKCS#11 drivers loaded, reminders."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from netca_client.core.config import TSA_PATH, VKEY_DIR_ENV, ClientConfig, config_path, save_config
from netca_client.core.errors import ConfigError
from netca_client.core.token import ModuleFailure
from netca_client.gui.i18n import EN, ZH_CN, choose_language
from netca_client.gui.pages.frame import page_layout


class SettingsPage(QWidget):
    def __init__(self, config: ClientConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        layout = page_layout(self, self.tr("Settings"))
        form = QFormLayout()
        self.config_file = _selectable(str(config_path()))
        form.addRow(self.tr("Settings file"), self.config_file)
        self.ra_url = QLineEdit(config.ra_url)
        form.addRow(self.tr("RA address"), self.ra_url)
        self.tsa_url = QLineEdit(config.tsa_url or "")
        self.tsa_url.setPlaceholderText(
            self.tr("The RA's: {url}").format(url=config.ra_url.rstrip("/") + TSA_PATH)
        )
        form.addRow(self.tr("Time-stamp service"), self.tsa_url)
        self.trust_files = QPlainTextEdit("\n".join(config.trust_files))
        self.trust_files.setPlaceholderText(
            self.tr("Only the built-in roots. One PEM file a line adds its roots.")
        )
        self.trust_files.setFixedHeight(64)
        form.addRow(self.tr("Trusted roots"), self.trust_files)
        self.language = QComboBox()
        self.language.addItem("简体中文", ZH_CN)
        self.language.addItem("English", EN)
        # The language in use: NETCA_LANG wins over the file, as at start-up.
        self.language.setCurrentIndex(0 if choose_language(config.language) == ZH_CN else 1)
        form.addRow(self.tr("Language"), self.language)
        self.module = QLineEdit(config.pkcs11_module or "")
        self.module.setPlaceholderText(self.tr("None: the drivers of known keys are found"))
        form.addRow(self.tr("Additional PKCS#11 driver"), self.module)
        self.modules_in_use = _selectable(self.tr("Loading…"))
        form.addRow(self.tr("Drivers in use"), self.modules_in_use)
        vkey_dir = os.environ.get(VKEY_DIR_ENV) or config.vkey_dir
        self.vkey_dir = _selectable(vkey_dir or "")
        if vkey_dir:
            form.addRow(self.tr("Virtual keys"), self.vkey_dir)
        self.reminders = QLineEdit(", ".join(str(d) for d in config.reminder_days))
        form.addRow(self.tr("Expiry reminders (days before)"), self.reminders)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch()

    def show_modules(self, paths: list[str], failures: list[ModuleFailure]) -> None:
        """The PKCS#11 modules the key service loaded, and those it could not use."""
        lines = [
            self.tr("{name} ({path})").format(name=Path(path).name, path=path) for path in paths
        ]
        lines += [
            self.tr("Not usable: {name}: {reason}").format(
                name=Path(failure.path).name, reason=failure.reason
            )
            for failure in failures
        ]
        self.modules_in_use.setText("\n".join(lines) or self.tr("None"))

    def show_modules_failed(self, text: str) -> None:
        self.modules_in_use.setText(text)

    def save(self) -> None:
        try:
            days = tuple(
                sorted(
                    {
                        int(d)
                        for d in self.reminders.text().replace("，", ",").split(",")
                        if d.strip()
                    },
                    reverse=True,
                )
            )
        except ValueError:
            self.status.setText(
                self.tr("Reminders must be whole numbers of days, separated by commas.")
            )
            return
        trust = tuple(
            line.strip() for line in self.trust_files.toPlainText().splitlines() if line.strip()
        )
        self.config = dataclasses.replace(
            self.config,
            ra_url=self.ra_url.text().strip(),
            tsa_url=self.tsa_url.text().strip() or None,
            trust_files=trust,
            language=str(self.language.currentData()),
            pkcs11_module=self.module.text().strip() or None,
            reminder_days=days,
        )
        try:
            path = save_config(self.config)
        except (OSError, ConfigError) as exc:
            self.status.setText(self.tr("Could not save the settings: {error}").format(error=exc))
            return
        self.status.setText(
            self.tr("Saved to {path}. Changes apply after a restart.").format(path=path)
        )


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
