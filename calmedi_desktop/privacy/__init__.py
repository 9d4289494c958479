"""Privacy: what Google may see, what the practitioner can export and erase, and what logs may hold."""
