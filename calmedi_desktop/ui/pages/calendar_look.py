"""Calendar view: reminders, colours, places and which appointments are shown, with a made-up sample day drawn
as the destination calendar will show it. With a CalDAV calendar the page names it, and says that event colours
travel as iCalendar's COLOR, which not every calendar app shows.

Unlike the other pages, changes here wait for Apply: a colour or a reminder rewrites every event it concerns,
so the page first counts them (off the GUI thread, through the facade's ``settings_change_impact``) and says how
many, asks when there are any, and saves the whole change in one write. When the count cannot be made (Doctolib
unreachable, processing paused), it says so and still lets the change be applied.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calmedi_desktop.api import LOOK_KEYS, CalmediError
from calmedi_desktop.ui.destination_text import NO_EVENT_COLOURS, caldav_name, provider
from calmedi_desktop.ui.pages.common import Notice, hint, page_layout, title
from calmedi_desktop.ui.pages.looks_widgets import ColourCombo, ImpactBar, MotiveList
from calmedi_desktop.ui.pages.reminder_rows import ReminderRows
from calmedi_desktop.ui.tasks import BackgroundTask
from calmedi_desktop.ui.week_view import WeekEvent, WeekView

if TYPE_CHECKING:
    from calmedi_desktop.ui.page_api import PageController

PREVIEW_WIDTH = 240
UNREAD = object()  # the agendas and motives are to be read (again) at the next show


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 6px;")
    label.setAccessibleName(text)
    return label


def _same(key: str, draft: Any, saved: Any) -> bool:
    """Hidden motives are a set: the list shows them in its own order, the setting keeps the order typed."""
    if key == "filters.excluded_motives":
        return set(draft) == set(saved)
    return bool(draft == saved)


class CalendarLookPage(QWidget):
    def __init__(self, controller: PageController) -> None:
        super().__init__()
        self.controller = controller
        self.app = controller.app
        self.language = controller.translations.language
        self.saved = self._saved()
        self.draft = dict(self.saved)
        self.agendas: list[dict[str, Any]] | None = None
        self.motives: list[dict[str, Any]] | None = None
        self.agenda_combos: dict[str, ColourCombo] = {}
        self._loading: set[str] = set()
        self._read_for: object = UNREAD  # the chosen agendas (doctolib.agenda_ids) they were read for
        outer = page_layout(self)
        outer.addWidget(title(self.tr("Calendar view")))
        self.intro = hint("")
        outer.addWidget(self.intro)
        body = QHBoxLayout()
        controls = QWidget()
        self.form = QVBoxLayout(controls)
        self.form.setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(controls)
        body.addWidget(scroll, 1)
        body.addLayout(self._build_preview())
        outer.addLayout(body, 1)
        self._build_reminders()
        self._build_colours()
        self._build_shown()
        self.form.addStretch(1)
        self.error = Notice()
        outer.addWidget(self.error)
        self.bar = ImpactBar(self.app.settings_change_impact)
        self.bar.applyClicked.connect(self.apply)
        self.bar.revertClicked.connect(self.revert)
        outer.addWidget(self.bar)
        self.destination: str | None = None  # the CalDAV calendar's name; None: Google Calendar
        controller.accountsChanged.connect(self.name_destination)  # a switch of destination says so
        controller.accountsChanged.connect(self._accounts_changed)
        self.name_destination()
        self._show_draft()

    def name_destination(self) -> None:
        """The texts that name where the appointments go, for the destination in use."""
        self.destination = caldav = caldav_name(self.controller)
        self.reminders.set_destination(caldav)
        self.bar.set_destination(caldav)
        if caldav is None:
            self.intro.setText(
                self.tr(
                    "How your appointments look in Google Calendar and which ones are shown. None of this adds a "
                    "word about a patient; only a colour for new patients tells Google something (see below)."
                )
            )
            self.caption.setText(self.tr("A made-up day, as Google will show it:"))
            self.colour_note.clear_text()
        else:
            self.intro.setText(
                self.tr(
                    "How your appointments look in %1 and which ones are shown. None of this adds a word about a "
                    "patient; only a colour for new patients tells your calendar's provider something (see below)."
                ).replace("%1", caldav)
            )
            self.caption.setText(self.tr("A made-up day, as CalMedi writes it to %1:").replace("%1", caldav))
            if provider(self.controller) in NO_EVENT_COLOURS:
                note = self.tr(
                    "%1 shows every event in its calendar's colour: CalMedi still writes these colours with each "
                    "event (iCalendar's COLOR), but Apple Calendar does not show them."
                )
            else:
                note = self.tr(
                    "With %1, these colours are written with each event as iCalendar's COLOR (the nearest named "
                    "colour). Calendar apps that do not read it, Apple Calendar among them, show the calendar's "
                    "colour instead."
                )
            self.colour_note.show_text(note.replace("%1", caldav), "info")
        self._warn_new_patient()

    # -- building ----------------------------------------------------------------------------------------------
    def _build_preview(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.caption = caption = QLabel()
        caption.setObjectName("previewCaption")
        caption.setWordWrap(True)
        caption.setMaximumWidth(PREVIEW_WIDTH)
        side.addWidget(caption)
        self.preview = WeekView(days=1, first_hour=8, last_hour=16)
        self.preview.setObjectName("samplePreview")
        self.preview.header_text = self.tr("Sample day")
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        side.addWidget(self.preview, 1)
        return side

    def _build_reminders(self) -> None:
        self.form.addWidget(section(self.tr("Reminders")))
        self.reminders = ReminderRows()
        self.reminders.changed.connect(self._edit_reminders)
        self.form.addWidget(self.reminders)

    def _build_colours(self) -> None:
        self.form.addWidget(section(self.tr("Colours")))
        self.colour_note = Notice("info")  # with a CalDAV calendar: how the colours travel, and who shows them
        self.colour_note.setObjectName("colourNote")
        self.form.addWidget(self.colour_note)
        self.agenda_status = QLabel()
        self.agenda_status.setWordWrap(True)
        self.agenda_status.setObjectName("agendaStatus")
        self.form.addWidget(self.agenda_status)
        # One form for every colour, so that the choosers line up: the agendas' rows come first.
        self.colour_form = QFormLayout()
        self.colour_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        none = self.tr("As the calendar")
        self.teleconsultation = ColourCombo(self.tr("Colour of video consultations"), none)
        self.teleconsultation.currentIndexChanged.connect(
            lambda _i: self._edit("events.color_teleconsultation", self.teleconsultation.value())
        )
        self.colour_form.addRow(self.tr("Video consultations"), self.teleconsultation)
        self.new_patient = ColourCombo(self.tr("Colour of new patients' appointments"), none)
        self.new_patient.currentIndexChanged.connect(
            lambda _i: self._edit("events.color_new_patient", self.new_patient.value())
        )
        self.colour_form.addRow(self.tr("New patients"), self.new_patient)
        self.form.addLayout(self.colour_form)
        self.new_patient_warning = Notice("warning")
        self.new_patient_warning.setObjectName("newPatientWarning")
        self.form.addWidget(self.new_patient_warning)

    def _build_shown(self) -> None:
        self.form.addWidget(section(self.tr("Places and what is shown")))
        self.locations = QCheckBox(self.tr("Show the practice's address as the place"))
        self.locations.setAccessibleName(self.locations.text())
        self.locations.toggled.connect(lambda on: self._edit("events.locations", on))
        self.form.addWidget(self.locations)
        self.form.addWidget(hint(self.tr("“Video consultation” for a video visit. A patient's address is never sent.")))
        self.unconfirmed = QCheckBox(self.tr("Show appointments awaiting confirmation"))
        self.unconfirmed.setAccessibleName(self.unconfirmed.text())
        self.unconfirmed.toggled.connect(lambda on: self._edit("filters.show_unconfirmed", on))
        self.form.addWidget(self.unconfirmed)
        self.form.addWidget(hint(self.tr("They appear as tentative until you confirm them in Doctolib.")))
        motives_label = QLabel(self.tr("Hide the appointments of these visit motives:"))
        motives_label.setWordWrap(True)
        self.form.addWidget(motives_label)
        self.motive_list = MotiveList(self.tr("Visit motives whose appointments are hidden"))
        self.motive_list.toggled.connect(lambda: self._edit("filters.excluded_motives", self.motive_list.hidden()))
        self.form.addWidget(self.motive_list)

    # -- the draft: what the widgets hold, compared with what is saved --------------------------------------------
    def _saved(self) -> dict[str, Any]:
        return {key: self.app.get_setting(key) for key in LOOK_KEYS}

    def changes(self) -> dict[str, Any]:
        return {key: value for key, value in self.draft.items() if not _same(key, value, self.saved[key])}

    def _edit(self, key: str, value: Any) -> None:
        self.draft[key] = value
        self._refresh()

    def _edit_reminders(self) -> None:
        self.draft.update(self.reminders.values())
        self._refresh()

    def _edit_agenda_colour(self, agenda_id: str, color_id: str | None) -> None:
        colours = dict(self.draft["events.colors.agendas"])
        if color_id is None:
            colours.pop(agenda_id, None)
        else:
            colours[agenda_id] = color_id
        self._edit("events.colors.agendas", colours)

    def _show_draft(self) -> None:
        """Put the draft into the widgets (at start, after Revert), without counting each as an edit."""
        draft = self.draft
        self.reminders.show_values(draft)
        for box, key in ((self.locations, "events.locations"), (self.unconfirmed, "filters.show_unconfirmed")):
            box.blockSignals(True)
            box.setChecked(bool(draft[key]))
            box.blockSignals(False)
        self.teleconsultation.set_value(draft["events.color_teleconsultation"])
        self.new_patient.set_value(draft["events.color_new_patient"])
        self._fill_agendas()
        self._fill_motives()
        self._refresh()

    def _refresh(self) -> None:
        """After every edit: the warning, the sample day redrawn, and the change counted."""
        self._warn_new_patient()
        changes = self.changes()
        try:
            sample = self.app.presentation_preview(changes, self.agendas, self.language)
        except CalmediError as exc:
            self.error.show_text(exc.message, "error")
            self.bar.invalid()
            return
        self.error.clear_text()
        self._draw(sample)
        if changes != self.bar.changes or self.bar.state == "invalid":
            self.bar.set_changes(changes)  # a new count only when the change itself changed

    def _warn_new_patient(self) -> None:
        if not self.draft["events.color_new_patient"]:
            self.new_patient_warning.clear_text()
        elif self.destination is None:
            self.new_patient_warning.show_text(
                self.tr(
                    "Google will know which bookings are a patient's first visit: not who, nor why, but this is "
                    "sent at every privacy level, the most discreet one included."
                )
            )
        else:
            self.new_patient_warning.show_text(
                self.tr(
                    "Your calendar's provider (%1) will know which bookings are a patient's first visit: not who, "
                    "nor why, but this is sent at every privacy level, the most discreet one included."
                ).replace("%1", self.destination)
            )

    def _draw(self, sample: list[dict[str, Any]]) -> None:
        events = [
            WeekEvent(
                datetime.fromisoformat(item["start"]),
                datetime.fromisoformat(item["end"]),
                item["summary"],
                item["tentative"],
                item["color"],
                tuple(item["reminders"]) if isinstance(item["reminders"], list) else (),
                item["location"],
            )
            for item in sample
        ]
        day = events[0].start.date() if events else date.today()
        self.preview.set_calendar_colour(self.app.get_setting("calendar.color"))
        self.preview.set_week(day, events)

    # -- the practitioner's agendas and visit motives (read from Doctolib, off the GUI thread) --------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.changes() and self.saved != (saved := self._saved()):  # changed elsewhere (the command line)
            self.saved = saved
            self.draft = dict(saved)
            self._show_draft()
        if self._unread():
            self.load_from_doctolib()

    def _unread(self) -> bool:
        """Read once, not at every show: again after a failed read, a change of account or of chosen agendas."""
        stale = self._read_for != self.app.get_setting("doctolib.agenda_ids")
        return self.agendas is None or self.motives is None or stale

    def _accounts_changed(self) -> None:
        self._read_for = UNREAD
        if self.isVisible():
            self.load_from_doctolib()

    def load_from_doctolib(self) -> None:
        self._read_for = self.app.get_setting("doctolib.agenda_ids")
        if not (self.controller.accounts.get("doctolib") or {}).get("connected"):
            self.agendas, self.motives = None, None
            self._fill_agendas(self.tr("Connect Doctolib to give each practice site its colour."))
            self._fill_motives(self.tr("Connect Doctolib to choose visit motives."))
            return
        self._load(
            "agendas", self.app.doctolib_agendas, self._agendas_loaded, self.tr("Your agendas could not be read.")
        )
        self._load(
            "motives", self.app.visit_motives, self._motives_loaded, self.tr("The visit motives could not be read.")
        )

    def _load(self, name: str, work: Any, done: Any, failed: str) -> None:
        if name in self._loading:
            return
        self._loading.add(name)

        def finished(result: Any) -> None:
            self._loading.discard(name)
            done(result)

        def refused(_error: BaseException) -> None:
            self._loading.discard(name)
            if name == "agendas":
                self._fill_agendas(failed)
            else:
                self._fill_motives(failed)

        BackgroundTask(work, f"calmedi-{name}").start(finished, refused, self)

    def _agendas_loaded(self, agendas: list[dict[str, Any]]) -> None:
        self.agendas = agendas
        self._fill_agendas()
        self._refresh()

    def _motives_loaded(self, motives: list[dict[str, Any]]) -> None:
        self.motives = motives
        self._fill_motives()

    def _fill_agendas(self, status: str = "") -> None:
        for _ in self.agenda_combos:
            self.colour_form.removeRow(0)
        self.agenda_combos = {}
        chosen = dict(self.draft["events.colors.agendas"])
        rows = [(str(a["id"]), str(a["name"])) for a in self.agendas or ()]
        known = {agenda_id for agenda_id, _ in rows}
        rows += [(i, self.tr("Agenda %1 (not found)").replace("%1", i)) for i in sorted(chosen) if i not in known]
        for agenda_id, name in rows:
            combo = ColourCombo(self.tr("Colour of %1").replace("%1", name), self.tr("As the calendar"))
            combo.set_value(chosen.get(agenda_id))
            combo.currentIndexChanged.connect(lambda _i, a=agenda_id, c=combo: self._edit_agenda_colour(a, c.value()))
            self.colour_form.insertRow(len(self.agenda_combos), name, combo)
            self.agenda_combos[agenda_id] = combo
        if self.agendas is None and not status:
            status = self.tr("Reading your agendas…")
        self.agenda_status.setText(status)
        self.agenda_status.setVisible(bool(status))

    def _fill_motives(self, status: str = "") -> None:
        hidden = list(self.draft["filters.excluded_motives"])
        entries = [(int(m["id"]), f"{m['name']} — {', '.join(m['agendas'])}") for m in self.motives or ()]
        known = {motive_id for motive_id, _ in entries}
        entries += [
            (i, self.tr("Motive %1 (no longer offered)").replace("%1", str(i))) for i in hidden if i not in known
        ]
        if self.motives is None and not status:
            status = self.tr("Reading your visit motives…")
        elif self.motives == [] and not status:
            status = self.tr("Your agendas have no visit motive.")
        self.motive_list.fill(entries, hidden, status)

    # -- Apply and Revert ---------------------------------------------------------------------------------------
    def apply(self) -> None:
        changes = self.changes()
        if not changes or not self.bar.confirm(self) or not self.bar.save(self.controller, changes, self.error):
            return
        self.saved = self._saved()
        self.draft = dict(self.saved)

    def revert(self) -> None:
        self.saved = self._saved()
        self.draft = dict(self.saved)
        self._show_draft()
