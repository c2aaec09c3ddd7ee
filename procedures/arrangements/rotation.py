"""The partnership chair rotation: who chairs on a given date, said in one sentence.

The sentence is decided twice: at build time (the fallback written into the HTML,
using ``site.today`` — ``SOURCE_DATE_EPOCH`` when set) and again in the reader's
browser from the same rows (``arrangements.js``), so a page read years after it was
built still names the right chair, or says plainly that none is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..core.dates import long_date
from .roles import Role, dsps
from .years import BusinessYear

if TYPE_CHECKING:
    from ..core.site import Site
    from .models import RotationRow


@dataclass(frozen=True)
class Period:
    row: RotationRow
    index: int  # position in data/rotation.yml
    chairs: tuple[Role, ...]
    deputies: tuple[Role, ...]

    @property
    def year(self) -> BusinessYear:
        return self.row.business_year

    @property
    def start(self) -> date:
        return self.row.start

    @property
    def end(self) -> date:
        return self.row.end

    @property
    def joint(self) -> bool:
        return len(self.chairs) > 1

    @property
    def unconfirmed(self) -> str | None:
        return self.row.unconfirmed

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def period_text(self) -> str:
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def statement(self) -> str:
        """'the partnership chair is the City DSP, A. Name, and the deputy chair is …'."""
        chairs = _and([f"the {r.label}" for r in self.chairs])
        deputies = _and([f"the {r.label}" for r in self.deputies])
        if self.joint:
            text = f"the partnership is chaired jointly by {chairs}"
        else:
            text = f"the partnership chair is {chairs}"
        deputy_word = "deputy chairs are" if len(self.deputies) > 1 else "deputy chair is"
        text += f", and the {deputy_word} {deputies}"
        if self.unconfirmed:
            text += " (not yet confirmed by the partnership — see the note under the rotation table)"
        return text + "."


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def periods(site: Site) -> list[Period]:
    """The rotation rows with their roles resolved (unknown roles are left out: the
    checks report them)."""
    data = site.data.get("rotation")
    if not data:
        return []
    known = dsps(site)
    out = []
    for i, row in enumerate(data.years):
        chairs = tuple(known[k] for k in row.chairs if k in known)
        deputies = tuple(known[k] for k in row.deputies if k in known)
        out.append(Period(row, i, chairs, deputies))
    return out


def period_for(site: Site, d: date) -> Period | None:
    return next((p for p in periods(site) if p.contains(d)), None)


def coverage(site: Site) -> tuple[BusinessYear, BusinessYear] | None:
    ps = periods(site)
    if not ps:
        return None
    return BusinessYear.of(ps[0].start), BusinessYear.of(ps[-1].end)


def browser_none_template(site: Site) -> str:
    """The "no chair recorded" message with ``{year}`` left for the browser to fill in."""
    span = coverage(site)
    if span is None:
        return "No chair is recorded for {year}: the rotation table is empty."
    first, last = span
    return f"No chair is recorded for {{year}}: the published rotation runs from {first.label} to {last.label}."


def no_chair_message(site: Site, d: date) -> str:
    """Said instead of a chair when the date is outside the table (never an exception)."""
    return browser_none_template(site).replace("{year}", BusinessYear.of(d).label)


def sentence(site: Site, d: date, *, built: bool = False) -> str:
    """The whole sentence for date ``d``."""
    period = period_for(site, d)
    if period is None:
        return no_chair_message(site, d)
    when = f"On {long_date(d)}" + (", the date this page was built," if built else ",")
    return f"{when} in business year {period.year.label}, {period.statement()}"


def browser_rows(site: Site) -> list[dict[str, str]]:
    """What ``arrangements.js`` needs to decide the same sentence in the reader's browser."""
    return [
        {"start": p.start.isoformat(), "end": p.end.isoformat(), "year": p.year.label, "text": p.statement()}
        for p in periods(site)
    ]
