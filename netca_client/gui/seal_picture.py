"""Turn a seal object from the key into a pixmap (the picture inside the SES_Seal)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from netca_seal import SealError, parse_seal


def seal_pixmap(seal: object, size: int) -> QPixmap | None:
    """The seal's picture scaled to ``size`` pixels, or None when it cannot be decoded."""
    der = getattr(seal, "der", b"")
    try:
        picture = parse_seal(der).picture
    except SealError:
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(picture.data):
        return None
    return pixmap.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
