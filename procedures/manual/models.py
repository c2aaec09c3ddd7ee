"""The manual's models: sections, owners and partners (data/), and a chapter's front matter."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..core.models import ChapterId, DataKey, Key, Model, Text


class Section(Model):
    key: Annotated[str, StringConstraints(pattern=r"^\d+$")]
    title: Text
    summary: Text


class SectionsFile(Model):
    sections: list[Section] = Field(min_length=1)


class Owner(Model):
    key: Key
    name: Text
    contact: Key | None = None


class OwnersFile(Model):
    default: Key
    owners: list[Owner] = Field(min_length=1)


class Person(Model):
    name: Text
    title: Text
    interim: bool = False
    unconfirmed: Text | None = None  # why the partnership still has to confirm this entry

    @field_validator("name")
    @classmethod
    def _no_interim_in_name(cls, v: str) -> str:
        if re.search(r"\binterim\b", v, re.I):
            raise ValueError("write 'interim: true' instead of putting 'interim' in the name")
        return v


class Organisation(Model):
    key: Key
    name: Text
    short: Text  # the agency label used in derived text, e.g. "Police", "ICB", "City"
    type: Literal["police", "icb", "local-authority"]
    area: DataKey("local-area")  # an area or the whole area, from data/partnership.yml
    lead: Person  # Lead Safeguarding Partner (LSP)
    delegate: Person  # Delegated Safeguarding Partner (DSP)
    source: Text


class PartnersFile(Model):
    organisations: list[Organisation] = Field(min_length=1)


class Reference(Model):
    title: Text
    ref: Text | None = None


class AtAGlance(Model):
    """The box at the top of every chapter: what to do now, whom to call, by when.

    ``call`` names contact keys in data/contacts.yml and ``by_when`` names timescale
    keys in data/timescales.yml; the build refuses a key that does not exist.
    """

    do_now: list[Text] = Field(min_length=1, max_length=5)
    call: list[Key] = []
    by_when: list[Key] = []


class ChapterMeta(Model):
    id: ChapterId
    title: Text
    section: Annotated[str, StringConstraints(pattern=r"^\d+$")]
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=250)]
    scope: Text
    owner: Key | None = None
    last_reviewed: date
    next_review: date
    status: Literal["draft", "published", "archived"]
    related: list[ChapterId] = []
    legislation: list[Reference] = []
    guidance: list[Reference] = []
    keywords: list[Text] = []
    at_a_glance: AtAGlance | None = None
    # Local details the partnership still has to confirm for this chapter. Shown to
    # editors on the review dashboard, not to practitioners: the page itself tells the
    # reader what to do without relying on them.
    to_confirm: list[Text] = []
    superseded_by: ChapterId | None = None
    amendment: Text | None = None  # fallback note until the amendments log covers the chapter
    render_macros: bool = False

    @model_validator(mode="after")
    def _dates_and_archive(self) -> ChapterMeta:
        if self.next_review <= self.last_reviewed:
            raise ValueError(
                f"next_review ({self.next_review}) must be after last_reviewed ({self.last_reviewed}) — set a later next_review date"
            )
        if self.status == "archived" and not self.superseded_by:
            raise ValueError("a chapter with 'status: archived' needs 'superseded_by: <chapter id>' so readers are sent to the current one")
        return self
