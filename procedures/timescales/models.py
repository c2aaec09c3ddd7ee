"""The model of ``data/timescales.yml``: each statutory timescale, once.

A chapter shows a timescale with ``{{ timescale("icpc") }}`` and the at-a-glance box
lists it under "By when", both from ``phrase``, so two pages can never disagree. The
phrase must state the same number as ``amount`` (in digits or words), so the sentence
readers see and the recorded figure cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ..core.models import Key, Model, Text

UNITS = ("hours", "days", "working days", "weeks", "months", "school days")
WORDS = {1: ("one", "next"), 2: ("two",), 3: ("three",), 4: ("four",), 5: ("five",), 6: ("six",),
         7: ("seven",), 8: ("eight",), 9: ("nine",), 10: ("ten",), 11: ("eleven",), 12: ("twelve",),
         13: ("thirteen",), 14: ("fourteen",), 15: ("fifteen",), 20: ("twenty",), 26: ("twenty-six",)}
Range = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d+\s*(-|–|to)\s*\d+$")]


def numbers_in(amount: int | str) -> list[int]:
    """The number(s) an amount states: 15 -> [15]; "6 to 13" -> [6, 13]."""
    return [int(n) for n in re.findall(r"\d+", str(amount))]


def states(phrase: str, n: int) -> bool:
    """Whether ``phrase`` states the number ``n`` in digits or in words."""
    if re.search(rf"(?<![\d.]){n}(?![\d.])", phrase):
        return True
    return any(re.search(rf"\b{w}\b", phrase, re.I) for w in WORDS.get(n, ()))


class Timescale(Model):
    key: Key
    what: Text  # what must happen, e.g. "Initial child protection conference held"
    phrase: Text  # what pages show, e.g. "within 15 working days of the strategy discussion …"
    amount: Annotated[int, Field(ge=0)] | Range  # 15, a range such as "6 to 13", or 0 for "immediately"
    unit: Literal["hours", "days", "working days", "weeks", "months", "school days"]
    source: Text  # the statutory guidance or law, e.g. Working Together to Safeguard Children 2023
    ref: Text  # chapter and paragraph (or section), as precise as the source allows

    @model_validator(mode="after")
    def _phrase_states_amount(self) -> Timescale:
        if self.amount == 0:
            if not re.search(r"\bimmediately\b", self.phrase, re.I):
                raise ValueError(f"timescale '{self.key}': amount 0 means 'immediately' — say 'immediately' in the phrase, or give the number")
            return self
        missing = [n for n in numbers_in(self.amount) if not states(self.phrase, n)]
        if missing:
            raise ValueError(f"timescale '{self.key}': the phrase does not state the amount {self.amount} — write the same number in the phrase, or correct 'amount'")
        return self


class TimescalesFile(Model):
    timescales: list[Timescale] = Field(min_length=1)
