"""Small shared pieces for the settings pages: titles, hints, inline errors, widgets sized by SETTINGS."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QSpinBox, QVBoxLayout, QWidget

from calmedi_desktop.api import SETTINGS, CalmediError, InvalidSettingError

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController


def title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setStyleSheet("font-size: 15pt; font-weight: 600; margin-bottom: 4px;")
    label.setAccessibleName(text)
    return label


def swatch(hex_colour: str, *, rounded: bool = False, size: int = 16) -> QIcon:
    """A colour's icon in a chooser: a square (a calendar's colour), or round like Google's event colours."""
    pixmap = QPixmap(size, size)
    if not rounded:
        pixmap.fill(QColor(hex_colour))
        return QIcon(pixmap)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(hex_colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    label.setStyleSheet("color: palette(placeholder-text);")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(True)
    return label


class Notice(QLabel):
    """A coloured, word-wrapped box for warnings and inline errors; hidden while empty."""

    STYLES: ClassVar[dict[str, str]] = {
        "error": "background:#fce8e6; color:#a50e0e; border:1px solid #f5c2c0;",
        "warning": "background:#fef7e0; color:#7a4f01; border:1px solid #f9e2a7;",
        "info": "background:#e8f0fe; color:#174ea6; border:1px solid #c6dafc;",
    }

    def __init__(self, kind: str = "error") -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(True)
        self.set_kind(kind)
        self.hide()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel {{ {self.STYLES[kind]} border-radius:6px; padding:8px; }}")

    def show_text(self, text: str, kind: str | None = None) -> None:
        if kind:
            self.set_kind(kind)
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


def spin_for(key: str, suffix: str, accessible_name: str) -> QSpinBox:
    spec = SETTINGS[key]
    spin = QSpinBox()
    spin.setRange(spec.minimum or 0, spec.maximum or 10_000)
    spin.setSuffix(suffix)
    spin.setAccessibleName(accessible_name)
    spin.setKeyboardTracking(False)  # typing "15" must not save "1" first
    spin.setMaximumWidth(180)
    return spin


def apply_setting(controller: PageController, key: str, value: Any, error: Notice) -> bool:
    """Save through the controller; a refused value is explained next to its widget, never in a popup."""
    try:
        controller.change_setting(key, value)
    except InvalidSettingError as exc:
        error.show_text(exc.message, "error")
        return False
    except CalmediError as exc:
        error.show_text(f"{exc.title}: {exc.message}", "error")
        return False
    error.clear_text()
    return True


def with_error(field: QWidget, error: Notice) -> QWidget:
    """The field with its error right under it (a Notice takes no room while hidden)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(field)
    column.addWidget(error)
    box.setFocusProxy(field)  # the form label's mnemonic focuses the field
    return box


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(12)
    return layout


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
