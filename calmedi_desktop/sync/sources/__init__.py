"""Where appointments come from: Doctolib, iCalendar feeds."""
