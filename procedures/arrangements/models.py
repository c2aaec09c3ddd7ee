"""Typed models for the arrangements' data files.

Every model forbids unknown keys. Rules that need more than one row (business years in
sequence, references to partners or groups) are checked in :mod:`.checks`, where the
line of each mistake is known.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..core.models import DataKey, Key, Model, Text
from .years import BusinessYear

# a role held by a person in data/partners.yml: "<organisation key>-lsp" or "<organisation key>-dsp"
RoleRef = Text


# --- data/rotation.yml ---------------------------------------------------------------

class AsPublished(Model):
    """What the published table printed, kept when it disagrees with the data."""

    chairs: Text | None = None
    deputies: Text | None = None


class RotationRow(Model):
    year: Text  # "2024/25"
    starts: date | None = None  # only to split a year between chairs; default 1 April
    ends: date | None = None  # default 31 March
    chairs: list[RoleRef] = Field(min_length=1)
    deputies: list[RoleRef] = Field(min_length=1)
    as_published: AsPublished | None = None
    unconfirmed: Text | None = None  # why the partnership still has to confirm this row

    @field_validator("year")
    @classmethod
    def _year_label(cls, v: str) -> str:
        BusinessYear.parse(v)  # raises ValueError with an editor-friendly message
        return v

    @property
    def business_year(self) -> BusinessYear:
        return BusinessYear.parse(self.year)

    @property
    def start(self) -> date:
        return self.starts or self.business_year.start

    @property
    def end(self) -> date:
        return self.ends or self.business_year.end

    @property
    def split(self) -> bool:
        return self.starts is not None or self.ends is not None

    @model_validator(mode="after")
    def _dates_inside_year(self) -> RotationRow:
        by = self.business_year
        for name in ("starts", "ends"):
            d = getattr(self, name)
            if d is not None and not by.contains(d):
                raise ValueError(
                    f"'{name}: {d.isoformat()}' is outside business year {by.label} "
                    f"({by.start.isoformat()} to {by.end.isoformat()}) — use a date inside the year, or remove '{name}'"
                )
        if self.start > self.end:
            raise ValueError(f"this row ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()}) — swap or correct the dates")
        if self.as_published and not self.unconfirmed:
            raise ValueError("'as_published' records a disagreement with the published table — add 'unconfirmed:' saying what the partnership must confirm")
        return self


class RotationFile(Model):
    source: Text
    years: list[RotationRow] = Field(min_length=1)


# --- data/governance.yml ---------------------------------------------------------------

class Member(Model):
    """One member of a group: a partner role, the chair of another group, or a description."""

    role: RoleRef | None = None  # e.g. police-dsp
    chair_of: Key | None = None  # e.g. education-group
    name: Text | None = None  # e.g. "Business Managers"
    note: Text | None = None  # e.g. "where appropriate"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _exactly_one(self) -> Member:
        given = [k for k in ("role", "chair_of", "name") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("a member is one of 'role: <partner>-dsp', 'chair_of: <group key>' or 'name: <description>' — give exactly one")
        return self


class Group(Model):
    key: Key
    name: Text
    short: Text | None = None
    footprint: DataKey("footprint")  # the whole area, an area or a footprint in data/partnership.yml
    partnership: Key | None = None  # the partnership this group *is* (the two SCPs)
    remit: list[Text] = Field(min_length=1)
    frequency: Text | None = None  # None: the arrangements do not say
    members: list[Member] = []
    membership_note: Text | None = None
    in_attendance: list[Member] = []
    hears_annually_from: list[Text] = []
    reports_to: list[Key] = []  # solid lines in the chart
    feeds_into: list[Key] = []  # dotted lines in the chart
    scrutinises: list[Key] = []  # independent scrutiny, drawn beside the chart
    source: Text


class GovernanceFile(Model):
    source: Text
    chart_note: Text
    groups: list[Group] = Field(min_length=1)


# --- data/partnerships.yml ---------------------------------------------------------------

class Agency(Model):
    name: Text
    via: Key | None = None  # the governance group through which they take part
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        return {"name": value} if isinstance(value, str) else value


class Partnership(Model):
    key: Key
    name: Text
    short: Text
    areas: list[DataKey("area")] = Field(min_length=1)  # areas in data/partnership.yml
    group: Key  # its entry in data/governance.yml
    safeguarding_partners: list[Key] = Field(min_length=1)  # organisation keys (the checks name any missing) in data/partners.yml
    relevant_agencies: list[Agency] = Field(min_length=1)
    in_attendance: list[Text] = []


class PartnershipsFile(Model):
    source: Text
    partnerships: list[Partnership] = Field(min_length=1)
    relevant_to_all: list[Agency] = []


# --- data/arrangements.yml -------------------------------------------------------------------

PageFile = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*\.md$")]


class PdfSettings(Model):
    file: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*\.pdf$")]
    title: Text


class ArrangementsFile(Model):
    title: Text
    subtitle: Text
    edition: Text
    source: Text
    document_page: PageFile  # the whole document on one page (not in the nav; the PDF's source)
    pdf: PdfSettings
    sections: list[PageFile] = Field(min_length=1)


# --- data/arrangements-compliance.yml ------------------------------------------------------------

Target = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*\.md(#[a-z0-9_-]+)?$")]


class ComplianceItem(Model):
    key: Key
    requirement: Literal["must", "should"]
    text: Text
    covered_by: list[Target] = []  # empty: the build fails — every item must be covered
    coverage: Literal["full", "partial"] = "full"
    note: Text | None = None

    @model_validator(mode="after")
    def _partial_needs_note(self) -> ComplianceItem:
        if self.coverage == "partial" and not self.note:
            raise ValueError("'coverage: partial' needs a 'note:' saying what the arrangements do not yet cover")
        return self


class ComplianceFile(Model):
    guidance: Text
    items: list[ComplianceItem] = Field(min_length=1)
