"""Where events go: Google Calendar, and the in-memory reference target."""
