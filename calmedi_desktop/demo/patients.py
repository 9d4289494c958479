"""Deterministic fake patients whose every sensitive string carries a unique, greppable marker.

A marker is ``Mk`` + one digit + six ``[0-9a-z]`` characters (``Mk3f9a1cz``). Each sensitive string (names,
phone, e-mail, birth date, address, visit motive name, raw appointment id) gets its own marker, so a leak test
can grep any file, log or request for ``MARKER_RE`` and name exactly what leaked. Practice data (the
practitioner's own name and address) is deliberately unmarked: it is allowed to reach Google as a location.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, Protocol

MARKER_RE = re.compile(r"Mk[0-9][0-9a-z]{6}")
_TAIL = string.digits + string.ascii_lowercase

FIRST_NAMES = (
    "Jean", "Marie", "Pierre", "Camille", "Louis", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Jules", "Inès",
    "Gabriel", "Sarah", "Arthur", "Élodie", "Raphaël", "Zoé", "Noël", "Anaïs", "Théo", "Margaux", "Étienne",
    "Juliette", "Mathis", "Océane", "Benoît", "Clémence", "Yannick", "Hélène",
)  # fmt: skip
LAST_NAMES = (
    "Dupont", "Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
    "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Perrin",
)  # fmt: skip
STREETS = ("rue de la Roquette", "avenue Parmentier", "boulevard Voltaire", "rue Oberkampf", "rue de Charonne")
CITIES = (("93100", "Montreuil"), ("94300", "Vincennes"), ("92130", "Issy-les-Moulineaux"), ("75020", "Paris"))
MOTIVES = (
    ("Première consultation", 30),
    ("Consultation de suivi", 20),
    ("Renouvellement d'ordonnance", 15),
    ("Bilan annuel", 45),
)

_ASCII = str.maketrans("àâäçéèêëîïôöùûüÿÀÂÇÉÈÊÎÔÙÛ", "aaaceeeeiioouuuyAACEEEIOUU")


class Markers:
    """Hands out markers from a seeded RNG, each at most once."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.issued: set[str] = set()

    def new(self) -> str:
        while True:
            marker = "Mk" + self._rng.choice(string.digits) + "".join(self._rng.choice(_TAIL) for _ in range(6))
            if marker not in self.issued:
                self.issued.add(marker)
                return marker


@dataclass
class Patient:
    first_name: str
    last_name: str
    phone_number: str
    birthdate: str
    email: str
    address: str
    zipcode: str
    city: str

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def strings(self) -> list[str]:
        return [getattr(self, f.name) for f in fields(self)]


def make_patient(rng: random.Random, markers: Markers) -> Patient:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    born = date(1935, 1, 1) + timedelta(days=rng.randrange(80 * 365))
    zipcode, city = rng.choice(CITIES)
    digits = " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
    email_local = f"{first.translate(_ASCII).lower()}.{last.translate(_ASCII).lower()}"
    return Patient(
        first_name=f"{first}-{markers.new()}",
        last_name=f"{last}-{markers.new()}",
        phone_number=f"+33 6 {digits} {markers.new()}",
        birthdate=f"{born.isoformat()} {markers.new()}",
        # The marker keeps its case inside the address so that MARKER_RE still finds it.
        email=f"{email_local}.{markers.new()}@example.org",
        address=f"{rng.randrange(1, 120)} {rng.choice(STREETS)} {markers.new()}",
        zipcode=f"{zipcode} {markers.new()}",
        city=f"{city} {markers.new()}",
    )


def marked_name(rng: random.Random, markers: Markers) -> tuple[str, str]:
    """A (first, last) pair for renames, each with its own marker."""
    return f"{rng.choice(FIRST_NAMES)}-{markers.new()}", f"{rng.choice(LAST_NAMES)}-{markers.new()}"


def appointment_id(rng: random.Random, markers: Markers) -> str:
    return f"{rng.getrandbits(48):012x}-{markers.new()}"


class _HasSensitiveStrings(Protocol):
    def sensitive_strings(self) -> list[str]: ...


def markers_of(sim: _HasSensitiveStrings) -> set[str]:
    """Every marker in the simulator's data: patients, motive names, raw appointment ids.

    The simulator also reports strings it no longer serves (a patient renamed, an appointment moved out of
    reach), since those may have reached a log before the change.
    """
    return {m for text in sim.sensitive_strings() for m in MARKER_RE.findall(text)}
