"""Look of the client: fonts (CJK first) and one style sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# docs/dependencies.md: name the SC family explicitly; Qt otherwise prefers the HK variant.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
)

RED = "#c8161d"
GREEN = "#1f8a4c"
ORANGE = "#d9822b"
GREY = "#8a8f98"

STYLE_SHEET = f"""
QMainWindow, QWidget#page {{ background: #f5f6f8; }}
QListWidget#navigation {{
    background: #1f2a3a; color: #e6e9ef; border: none; font-size: 15px; padding-top: 8px;
    outline: none;
}}
QListWidget#navigation::item {{ padding: 12px 18px; }}
QListWidget#navigation::item:selected {{ background: {RED}; color: white; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: bold; color: #1f2a3a; }}
QLabel#hint {{ color: {GREY}; }}
QFrame#keyCard {{ background: white; border: 1px solid #dde1e7; border-radius: 8px; }}
QLabel#cardTitle {{ font-size: 16px; font-weight: bold; }}
QLabel#statusOk {{ color: {GREEN}; font-weight: bold; }}
QLabel#statusWarn {{ color: {ORANGE}; font-weight: bold; }}
QLabel#statusBad {{ color: {RED}; font-weight: bold; }}
QPushButton {{
    padding: 6px 14px; border-radius: 4px; border: 1px solid #c9ced6; background: white;
}}
QPushButton:hover {{ border-color: {RED}; }}
QPushButton#primary {{ background: {RED}; color: white; border-color: {RED}; }}
QPushButton:disabled {{ color: {GREY}; border-color: #e1e4e8; }}
QPushButton#primary:disabled {{ background: #e9a3a3; color: white; border-color: #e9a3a3; }}
QPushButton#later {{ color: {GREY}; border-style: dashed; }}
QLabel#policyOk {{ color: {GREEN}; }}
QLabel#policyBad {{ color: {GREY}; }}
QLabel#error {{ color: {RED}; }}
"""


def apply_style(app: QApplication) -> None:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            font = QFont(family)
            font.setPointSize(10)
            app.setFont(font)
            break
    app.setStyleSheet(STYLE_SHEET)
