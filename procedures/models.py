"""Typed models for the data files and front matter that the foundation owns.

Every model forbids unknown keys and is immutable. Feature modules (amendments,
arrangements, thresholds, briefings) define their own models beside their logic and
register their data files in :mod:`procedures.registry`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*$")]
ChapterId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^(\d+(\.\d+)+|[A-Z]{2,4}-\d{2,3})$")]

AREAS = ("leicester", "leicestershire", "rutland")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- sections and owners -------------------------------------------------------------

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


# --- partners: organisations, lead and delegated safeguarding partners -----------------

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
    short: Text  # the agency label used in derived text, e.g. "Police", "ICB", "Leicester"
    type: Literal["police", "icb", "local-authority"]
    area: Literal["leicester", "leicestershire", "rutland", "llr"]
    lead: Person  # Lead Safeguarding Partner (LSP)
    delegate: Person  # Delegated Safeguarding Partner (DSP)
    source: Text


class PartnersFile(Model):
    organisations: list[Organisation] = Field(min_length=1)


# --- contacts ------------------------------------------------------------------------

class Contact(Model):
    key: Key
    name: Text
    area: Literal["all", "leicester", "leicestershire", "rutland", "llr"]
    purpose: Text
    phone: Text | None = None
    out_of_hours: Text | None = None
    email: Text | None = None
    hours: Text | None = None
    verified_on: date | None = None  # when someone checked the details with the service itself
    source: Text  # where the details came from
    note: Text | None = None

    @property
    def confirmed(self) -> bool:
        return self.verified_on is not None and self.phone is not None

    @field_validator("phone", "out_of_hours")
    @classmethod
    def _phone_shape(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d[\d ]{1,14}\d", v):
            raise ValueError("write phone numbers with digits and spaces only, e.g. 0116 305 0005")
        return v


class ContactsFile(Model):
    worried_about_a_child: list[Key] = Field(min_length=1)
    contacts: list[Contact] = Field(min_length=1)


# --- glossary ------------------------------------------------------------------------

class Term(Model):
    term: Text
    expansion: Text | None = None  # for acronyms: what the letters stand for
    definition: Text
    see: list[Text] = []

    @property
    def is_acronym(self) -> bool:
        return self.expansion is not None


class GlossaryFile(Model):
    terms: list[Term] = Field(min_length=1)


# --- search: what readers type for what the site says (procedures/search.py) ------------

class SearchSynonym(Model):
    words: list[Text] = Field(min_length=1)  # what a reader may type, e.g. "domestic violence"
    means: Text  # the words the site uses for it, e.g. "domestic abuse"


class SearchTermsFile(Model):
    synonyms: list[SearchSynonym] = []


# --- chapter front matter ----------------------------------------------------------------

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


class PageMeta(Model):
    """Front matter allowed on ordinary pages (home, section indexes, editor guide …)."""

    title: Text | None = None
    description: Text | None = None
    render_macros: bool = False
    hide: list[Literal["navigation", "toc", "footer", "feedback", "path", "tags"]] = []
    template: Text | None = None
    search: dict | None = None
