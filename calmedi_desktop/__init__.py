"""CalMedi Desktop: a private, one-way sync of a practitioner's agenda into Google Calendar."""

__version__ = "0.1.0"
