"""Turn a seal from the key into a pixmap (the picture inside the SES_Seal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

if TYPE_CHECKING:
    from netca_client.core.seals import KeySeal


def seal_pixmap(seal: KeySeal, size: int) -> QPixmap | None:
    """The seal's picture scaled to ``size`` pixels, or None when it cannot be decoded."""
    if seal.seal is None:
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(seal.seal.picture.data):
        return None
    return pixmap.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
