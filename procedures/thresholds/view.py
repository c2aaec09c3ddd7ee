"""The validated thresholds data arranged for pages, the finder and the JSON export.

``thresholds(site)`` returns ``None`` when ``data/thresholds.yml`` failed to load; the
build stops on any error, so page code may assume the data is consistent.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import AGE_BANDS, Domain, Indicator, Level, SubDomain, ThresholdsFile

if TYPE_CHECKING:
    from ..core.site import Site

LEVEL_PAGES = "thresholds/levels/"  # docs/ folder that holds one page per level


def normalise(text: str) -> str:
    """Text as compared for duplicates: case, spacing, quotes and the final stop ignored."""
    text = text.casefold().replace("\u2019", "'").replace("\u2013", "-")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(".").strip()


def indicator_id(text: str) -> str:
    """A stable id for an indicator, derived from its text (unique because text is)."""
    return "ind-" + hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:10]


def level_page(level_key: str) -> str:
    return f"{LEVEL_PAGES}{level_key}.md"


def level_label(level: Level) -> str:
    return f"Level {level.number}: {level.name}"


def ages_label(ages: list[str]) -> str:
    return ", ".join(AGE_BANDS[a] for a in ages)


@dataclass
class Thresholds:
    data: ThresholdsFile
    levels: list[Level]  # in number order
    level_by_key: dict[str, Level]
    domain_by_key: dict[str, Domain]
    subdomain_by_key: dict[tuple[str, str], SubDomain]
    indicators: list[Indicator]

    @property
    def domains(self) -> list[Domain]:
        return list(self.data.domains)

    @property
    def any_unconfirmed(self) -> bool:
        return any(lv.unconfirmed for lv in self.levels)

    def id_of(self, ind: Indicator) -> str:
        return indicator_id(ind.text)

    def at(self, level: str | None = None, domain: str | None = None, subdomain: str | None = None) -> list[Indicator]:
        return [
            i for i in self.indicators
            if (level is None or i.level == level)
            and (domain is None or i.domain == domain)
            and (subdomain is None or i.subdomain == subdomain)
        ]

    def neighbours(self, level: Level) -> tuple[Level | None, Level | None]:
        pos = self.levels.index(level)
        lower = self.levels[pos - 1] if pos > 0 else None
        higher = self.levels[pos + 1] if pos + 1 < len(self.levels) else None
        return lower, higher


def thresholds(site: Site) -> Thresholds | None:
    data: ThresholdsFile | None = site.data.get("thresholds")
    if data is None:
        return None
    cached = site.extra.get("thresholds_view")
    if cached is not None and cached.data is data:
        return cached
    levels = sorted(data.levels, key=lambda lv: lv.number)
    view = Thresholds(
        data=data,
        levels=levels,
        level_by_key={lv.key: lv for lv in levels},
        domain_by_key={d.key: d for d in data.domains},
        subdomain_by_key={(d.key, s.key): s for d in data.domains for s in d.subdomains},
        indicators=list(data.indicators),
    )
    site.extra["thresholds_view"] = view
    return view
