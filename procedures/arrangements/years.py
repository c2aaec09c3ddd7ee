"""Business years: 1 April to 31 March, written "2024/25".

The same rule is applied again in the browser by
``overrides/assets/javascripts/arrangements.js`` (keep the two in step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..core.dates import long_date

_LABEL = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True, order=True)
class BusinessYear:
    first: int  # the calendar year in which it starts (on 1 April)

    @classmethod
    def of(cls, d: date) -> BusinessYear:
        """The business year that contains ``d``: 31 March belongs to the year before."""
        return cls(d.year if d.month >= 4 else d.year - 1)

    @classmethod
    def parse(cls, label: str) -> BusinessYear:
        m = _LABEL.match(str(label).strip())
        hint = "a business year runs from 1 April to 31 March and is written like 2024/25"
        if not m:
            raise ValueError(f"'{label}' is not a business year — {hint}")
        first, second = int(m.group(1)), int(m.group(2))
        if second != (first + 1) % 100:
            expected = f"{first}/{(first + 1) % 100:02d}"
            raise ValueError(f"'{label}' is not a business year — {hint}: did you mean {expected}?")
        return cls(first)

    @property
    def label(self) -> str:
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def next(self) -> BusinessYear:
        return BusinessYear(self.first + 1)

    @property
    def span(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def __str__(self) -> str:
        return self.label
