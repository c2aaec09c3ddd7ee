"""The model of ``data/case-reviews.yml``."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from pydantic import field_validator, model_validator

from ..core.models import Key, Model, Text

NAME = "case-reviews"
FILE = "data/case-reviews.yml"
MIN_MONTHS = 12  # Working Together 2023: reports are published for at least 12 months
_REPORT_FILE = re.compile(r"^case-reviews/[a-z0-9][a-z0-9._-]*\.pdf$")


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter: 29 Feb -> 28 Feb)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


class CaseReview(Model):
    key: Key
    title: Text
    published: date
    themes: list[Key] = []  # keys in data/briefing-themes.yml
    briefing: Key | None = None  # the 7-Minute Briefing it led to (its file name in docs/briefings/, without .md)
    summary: Text | None = None
    report_url: str | None = None  # the report on the partnership's website (https://…)
    report_file: str | None = None  # or the report in docs/, e.g. case-reviews/child-a.pdf
    expires: date | None = None  # only to keep the report longer than 12 months

    @field_validator("report_url")
    @classmethod
    def _https(cls, v: Any) -> Any:
        if v is not None and not str(v).startswith("https://"):
            raise ValueError(f"report_url must be a full https:// address (found '{v}')")
        return v

    @field_validator("report_file")
    @classmethod
    def _file(cls, v: Any) -> Any:
        if v is not None and not _REPORT_FILE.match(str(v)):
            raise ValueError(f"report_file must be a PDF in docs/case-reviews/, written like case-reviews/child-a.pdf (found '{v}')")
        return v

    @model_validator(mode="after")
    def _report_and_period(self) -> CaseReview:
        if bool(self.report_url) == bool(self.report_file):
            raise ValueError("give the report as report_url (a link) or report_file (a PDF in docs/case-reviews/) — exactly one of them")
        earliest = add_months(self.published, MIN_MONTHS)
        if self.expires is not None and self.expires < earliest:
            raise ValueError(f"expires ({self.expires}) is earlier than {MIN_MONTHS} months after publication ({self.published}) "
                             f"— a review stays published for at least {MIN_MONTHS} months: remove expires or set it to {earliest} or later")
        return self

    @property
    def expiry(self) -> date:
        """The first day the report is no longer shown."""
        return self.expires or add_months(self.published, MIN_MONTHS)

    def shown_on(self, day: date) -> bool:
        """Is the report itself shown on ``day``? (Otherwise: the national repository.)"""
        return day < self.expiry


class CaseReviewsFile(Model):
    repository_url: str  # the NSPCC national case review repository
    repository_checked_on: date
    reviews: list[CaseReview] = []
