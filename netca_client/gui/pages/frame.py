"""What every page starts with: the page background, its title, and a scrolling card grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget


def page_layout(page: QWidget, title: str) -> QVBoxLayout:
    """Style ``page`` as a page and give it a title; returns its layout for the rest."""
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    layout.addWidget(heading)
    return layout


def card_grid(layout: QVBoxLayout) -> QGridLayout:
    """A scrolling area at the bottom of ``layout`` holding cards top-left aligned."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    holder = QWidget()
    holder.setObjectName("page")
    grid = QGridLayout(holder)
    grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    scroll.setWidget(holder)
    layout.addWidget(scroll, 1)
    return grid
