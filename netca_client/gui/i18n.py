"""Translations: zh_CN by default, English on request; .qm built from resources/translations."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
ZH_CN = "zh_CN"
EN = "en"
LANGUAGES = (ZH_CN, EN)

#: Qt's own texts that Qt's qtbase_zh_CN.qm (PySide6 6.11) leaves untranslated; our .ts
#: translates them in Qt's context, and our translator is asked first.
QT_TEXTS_MISSING = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def choose_language(configured: str | None) -> str:
    """NETCA_LANG, then the configured language, then zh_CN (the client is Chinese first)."""
    wanted = os.environ.get("NETCA_LANG") or configured or ZH_CN
    return EN if wanted.lower().startswith("en") else ZH_CN


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Source strings are English; zh_CN loads netca_zh_CN.qm. Returns the translator kept alive."""
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if language == ZH_CN else QLocale.Language.English)
    )
    if language == EN:
        return None
    # Qt's own texts (OK, Cancel, Close…) come from qtbase_<language>.qm in the Qt install.
    qt_texts = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_texts.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_texts)
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS / f"netca_{language}.qm")):
        return None
    app.installTranslator(translator)
    return translator
