"""The lifter's preferences, kept in QSettings: name, units, 1RM formula and rep cap,
folders, and the bar and plates the plate calculator loads."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings

from ...domain.calculations import DEFAULT_REP_CAP, E1rmRule, OneRepMaxFormula
from ...domain.exact import shown
from ...domain.plates import PlateSet
from ...domain.plates_owned import parse_plates_owned, plates_owned_text
from .theme import SCHEMES, SYSTEM

SECONDARY_FACTORS = (0.0, 0.5, 1.0)
DEFAULT_SECONDARY_FACTOR = 0.5


class AppSettings:
    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings()

    def _text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    @property
    def user_name(self) -> str:
        return self._text("user/name")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.store.setValue("user/name", value.strip())

    @property
    def user_id(self) -> str:
        """A short id from the name: "Apoorva Sharma" → "apoorva"."""
        words = re.findall(r"\w+", self.user_name.casefold())
        return words[0] if words else ""

    @property
    def unit(self) -> str:
        return "lb" if self._text("display/unit", "kg") == "lb" else "kg"

    @unit.setter
    def unit(self, value: str) -> None:
        self.store.setValue("display/unit", "lb" if value == "lb" else "kg")

    @property
    def formula(self) -> OneRepMaxFormula:
        try:
            return OneRepMaxFormula(self._text("display/formula", "epley"))
        except ValueError:
            return OneRepMaxFormula.EPLEY

    @formula.setter
    def formula(self, value: OneRepMaxFormula) -> None:
        self.store.setValue("display/formula", OneRepMaxFormula(value).value)

    @property
    def rep_cap(self) -> int:
        """Sets of more full reps than this give no estimated 1RM."""
        try:
            return E1rmRule(
                rep_cap=int(self.store.value("display/repCap", DEFAULT_REP_CAP))
            ).rep_cap
        except (TypeError, ValueError):
            return DEFAULT_REP_CAP

    @rep_cap.setter
    def rep_cap(self, value: int) -> None:
        self.store.setValue("display/repCap", E1rmRule(rep_cap=value).rep_cap)

    @property
    def e1rm_rule(self) -> E1rmRule:
        """How every estimated 1RM in the window is worked out."""
        return E1rmRule(self.formula, self.rep_cap)

    @property
    def colour_scheme(self) -> str:
        """The look: "system" (follow the desktop's light or dark), "light" or "dark"."""
        value = self._text("display/colourScheme", SYSTEM)
        return value if value in SCHEMES else SYSTEM

    @colour_scheme.setter
    def colour_scheme(self, value: str) -> None:
        self.store.setValue("display/colourScheme", value if value in SCHEMES else SYSTEM)

    @property
    def secondary_volume_factor(self) -> float:
        """How much of an exercise's volume counts toward a muscle group it works only as a
        secondary muscle: 0, 0.5 (the default) or 1."""
        try:
            value = float(self.store.value("volume/secondaryFactor", DEFAULT_SECONDARY_FACTOR))
        except (TypeError, ValueError):
            return DEFAULT_SECONDARY_FACTOR
        return value if value in SECONDARY_FACTORS else DEFAULT_SECONDARY_FACTOR

    @secondary_volume_factor.setter
    def secondary_volume_factor(self, value: float) -> None:
        if value not in SECONDARY_FACTORS:
            raise ValueError(f"secondary muscle factor {value} is not one of {SECONDARY_FACTORS}")
        self.store.setValue("volume/secondaryFactor", float(value))

    @property
    def data_dir(self) -> str:
        return self._text("folders/data")

    @data_dir.setter
    def data_dir(self, value: str) -> None:
        self.store.setValue("folders/data", value.strip())

    @property
    def sessions_dir(self) -> str:
        return self._text("folders/sessions")

    @sessions_dir.setter
    def sessions_dir(self, value: str) -> None:
        self.store.setValue("folders/sessions", value.strip())

    @property
    def plate_set(self) -> PlateSet:
        """The lifter's bar, plates and collars; the standard set of the display unit until
        they are set (or when what is stored can't be read)."""
        unit = self._text("plates/unit")
        if unit not in ("kg", "lb"):
            return PlateSet.standard(self.unit)
        try:
            return PlateSet(
                self._text("plates/bar"),
                parse_plates_owned(self._text("plates/owned")),
                self._text("plates/collars", "0") or "0",
                unit,
            )
        except ValueError:
            return PlateSet.standard(unit)

    @plate_set.setter
    def plate_set(self, plates: PlateSet) -> None:
        self.store.setValue("plates/unit", plates.unit)
        self.store.setValue("plates/bar", shown(plates.bar))
        self.store.setValue("plates/owned", plates_owned_text(plates))
        self.store.setValue("plates/collars", shown(plates.collars))
