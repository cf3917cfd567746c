"""设置: RA address, language, PKCS#11 module override, expiry reminders."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from netca_client.core.config import ClientConfig, save_config
from netca_client.core.errors import ConfigError
from netca_client.gui.i18n import EN, ZH_CN
from netca_client.gui.pages.frame import page_layout


class SettingsPage(QWidget):
    def __init__(self, config: ClientConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        layout = page_layout(self, self.tr("Settings"))
        form = QFormLayout()
        self.ra_url = QLineEdit(config.ra_url)
        form.addRow(self.tr("RA address"), self.ra_url)
        self.language = QComboBox()
        self.language.addItem("简体中文", ZH_CN)
        self.language.addItem("English", EN)
        self.language.setCurrentIndex(0 if config.language.startswith("zh") else 1)
        form.addRow(self.tr("Language"), self.language)
        self.module = QLineEdit(config.pkcs11_module or "")
        self.module.setPlaceholderText(self.tr("Automatic (from the list of known keys)"))
        form.addRow(self.tr("PKCS#11 module"), self.module)
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
        layout.addWidget(self.status)
        layout.addStretch()

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
        self.config = dataclasses.replace(
            self.config,
            ra_url=self.ra_url.text().strip(),
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
            self.tr("Saved to {path}. Language and module changes apply after a restart.").format(
                path=path
            )
        )
