"""Widgets of the Calendar view page: a colour chooser on Google's event palette, the list of visit motives to
hide, and the bar that counts what a change touches before it is applied."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QWidget

from calmedi_desktop.api import EVENT_COLORS, CalmediError
from calmedi_desktop.api import tr as core_text  # the core's catalogue (colour names), not Qt's
from calmedi_desktop.ui import dialogs
from calmedi_desktop.ui.pages.common import Notice, swatch
from calmedi_desktop.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

COUNT_DELAY_MS = 400  # a burst of clicks (a spin box held down) is counted once


class ColourCombo(QComboBox):
    """None (the calendar's colour) or one of Google's eleven event colours, by name, with a swatch."""

    def __init__(self, accessible_name: str, none_text: str) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.addItem(none_text, None)
        for color_id, hex_colour in EVENT_COLORS.items():
            self.addItem(swatch(hex_colour, rounded=True), core_text(f"color.{color_id}"), color_id)
        self.setMaximumWidth(200)

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data is not None else None

    def set_value(self, color_id: str | None) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(color_id)))
        self.blockSignals(False)


class MotiveList(QListWidget):
    """The visit motives, each checked when its appointments are hidden."""

    toggled = Signal()

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setObjectName("motiveList")
        self.setAccessibleName(accessible_name)
        self.setMaximumHeight(140)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(lambda _item: self.toggled.emit())

    def fill(self, motives: Iterable[tuple[int, str]], hidden: Iterable[int], placeholder: str = "") -> None:
        """``motives``: (id, text) to show; ``hidden``: the ids checked."""
        checked = set(hidden)
        self.blockSignals(True)
        self.clear()
        for motive_id, text in motives:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, motive_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if motive_id in checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        if placeholder:
            note = QListWidgetItem(placeholder)
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(note)
        self.blockSignals(False)

    def items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def hidden(self) -> list[int]:
        return sorted(
            int(i.data(Qt.ItemDataRole.UserRole))
            for i in self.items()
            if i.data(Qt.ItemDataRole.UserRole) is not None and i.checkState() == Qt.CheckState.Checked
        )


class ImpactBar(QWidget):
    """What the pending change touches in the destination calendar, counted off the GUI thread, with Revert and
    Apply. ``set_destination`` names a CalDAV calendar (None: Google Calendar, with Google's own wording).

    States: ``none`` (nothing pending), ``invalid`` (a value is refused), ``counting``, ``known`` (``impact``
    holds the facade's counts) and ``unknown`` (the count failed, ``reason`` says why: the change may still be
    applied). Only the latest change's answer is shown: an older count that finishes late is dropped.
    """

    applyClicked = Signal()
    revertClicked = Signal()
    settled = Signal(str)  # the state, once a count is known or unknown (tests wait on it)

    def __init__(self, count: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        super().__init__()
        self.setObjectName("impactBar")
        self._count = count
        self._generation = 0
        self._counting = self._count_again = False
        self.changes: dict[str, Any] = {}
        self.state = "none"
        self.impact: dict[str, Any] | None = None
        self.reason = ""
        self.destination: str | None = None
        self._applied = False  # the label says a change was applied (and where it goes)
        self.label = QLabel()
        self.label.setObjectName("impactText")
        self.label.setWordWrap(True)
        self.revert = QPushButton(self.tr("Revert"))
        self.apply = QPushButton(self.tr("Apply"))
        self.apply.setDefault(True)
        self.revert.clicked.connect(self.revertClicked.emit)
        self.apply.clicked.connect(self.applyClicked.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.revert)
        row.addWidget(self.apply)
        self._timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._timer.timeout.connect(self._start_count)
        self.set_changes({})

    def set_changes(self, changes: dict[str, Any]) -> None:
        self._generation += 1
        self.changes, self.impact, self.reason = dict(changes), None, ""
        if not changes:
            self._timer.stop()
            self._show(
                "none",
                self.tr(
                    "Changes on this page apply when you press Apply, once CalMedi has counted the events they change."
                ),
            )
            return
        self._show("counting", self.tr("Counting the events this change touches…"))
        self._timer.start()

    def set_destination(self, caldav: str | None) -> None:
        self.destination = caldav
        if self.state == "known":
            self._show("known", self.summary())
        elif self._applied:
            self.applied()

    def invalid(self) -> None:
        self._generation += 1
        self._timer.stop()
        self._show("invalid", "")

    def applied(self) -> None:
        self._generation += 1
        self.changes, self.impact = {}, None
        if self.destination is None:
            text = self.tr("Applied. Google shows it after the next sync, in a few seconds.")
        else:
            text = self.tr("Applied. It reaches %1 after the next sync, in a few seconds.").replace(
                "%1", self.destination
            )
        self._show("none", text)
        self._applied = True

    def save(self, controller: PageController, changes: dict[str, Any], error: Notice) -> bool:
        """Save ``changes`` in one write and say so; a refusal is shown in ``error`` and the change stays pending."""
        try:
            controller.change_settings(changes)
        except CalmediError as exc:
            error.show_text(f"{exc.title}: {exc.message}", "error")
            return False
        self.applied()
        return True

    def summary(self) -> str:
        """The count in words (for the label and the confirmation)."""
        impact = self.impact or {}
        touched = int(impact.get("touched", 0))
        caldav = self.destination
        if not touched:
            if caldav is None:
                return self.tr("This change touches no event in Google.")
            return self.tr("This change touches no event in %1.").replace("%1", caldav)
        parts = []
        if impact.get("inserts"):
            parts.append(self.tr("%n to add", "", int(impact["inserts"])))
        if impact.get("updates"):
            parts.append(self.tr("%n to update", "", int(impact["updates"])))
        if impact.get("deletes"):
            parts.append(self.tr("%n to remove", "", int(impact["deletes"])))
        if caldav is None:
            text = self.tr("This change touches %n event(s) in Google", "", touched)
        else:
            text = self.tr("This change touches %n event(s) in %1", "", touched).replace("%1", caldav)
        text += " (" + ", ".join(parts) + ")."
        if impact.get("held"):
            text += " " + self.tr(
                "That is more than half of your events: CalMedi will hold the removals back until you confirm them."
            )
        return text

    def confirm(self, parent: QWidget, warning: tuple[str, str] | None = None) -> bool:
        """Whether to apply the pending change: asks with the count when it touches events, or says the count is
        unknown. ``warning`` (title, text) is a question the change needs whatever its count (showing patient
        names): it leads, with the count below it, and Cancel is the default."""
        if self.state not in ("known", "unknown") or not self.changes:
            return False
        count = self.summary() if self.state == "known" else ""
        if warning is not None:
            return dialogs.ask(parent, warning[0], f"{warning[1]}\n\n{count}".strip(), danger=True)
        if self.state == "unknown":
            text = self.tr("CalMedi could not count the events this change touches: %1 Apply it anyway?")
            return dialogs.ask(parent, self.tr("Apply without a count?"), text.replace("%1", self.reason))
        if (self.impact or {}).get("touched"):
            if self.destination is None:
                after = self.tr("Google shows it at the next sync, in a few seconds.")
            else:
                after = self.tr("It reaches %1 at the next sync, in a few seconds.").replace("%1", self.destination)
            return dialogs.ask(parent, self.tr("Apply this change?"), f"{count}\n\n{after}")
        return True

    def _start_count(self) -> None:
        if self._counting:  # one read of Doctolib at a time: the latest change is counted when it ends
            self._count_again = True
            return
        self._counting, self._count_again = True, False
        generation, changes = self._generation, dict(self.changes)
        BackgroundTask(lambda: self._count(changes), "calmedi-impact").start(
            lambda impact: self._counted(generation, impact), lambda error: self._failed(generation, error), self
        )

    def _ended(self, generation: int) -> bool:
        """A count ended: start the one that waited; True when this answer is for the change shown."""
        self._counting = False
        if self._count_again and self.state == "counting":
            self._start_count()
        return generation == self._generation

    def _counted(self, generation: int, impact: dict[str, Any]) -> None:
        if not self._ended(generation):
            return
        self.impact = impact
        self._show("known", self.summary())
        self.settled.emit(self.state)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not self._ended(generation):
            return
        reason = str(getattr(error, "message", "")).strip() or type(error).__name__
        self.reason = reason if reason.endswith((".", "!", "?", "…")) else reason + "."
        text = self.tr("The number of events this change touches is unknown: %1 You can still apply it.")
        self._show("unknown", text.replace("%1", self.reason))
        self.settled.emit(self.state)

    def _show(self, state: str, text: str) -> None:
        self._applied = False
        self.state = state
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.apply.setEnabled(state in ("known", "unknown"))
        self.revert.setEnabled(state not in ("none",))
