"""Loopback simulators of Doctolib and Google Calendar, used by demo mode and the tests."""
