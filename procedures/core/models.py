"""Typed models for the data files and front matter that the foundation owns.

Every model forbids unknown keys and is immutable. Feature modules (amendments,
arrangements, thresholds, briefings) define their own models beside their logic and
register their data files in :mod:`procedures.registry`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*$")]
ChapterId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^(\d+(\.\d+)+|[A-Z]{2,4}-\d{2,3})$")]



def _quoted(keys: list[str]) -> str:
    q = [f"'{k}'" for k in keys]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " or " + q[-1]


def DataKey(kind: str):  # noqa: N802 - used like a type: area: DataKey("contact-area")
    """A key whose allowed values another data file declares while the site loads.

    ``procedures.core.site.load_data`` passes ``context={"keys": {kind: [...]}}``, gathered from
    the ``validation_keys()`` of the files loaded before (e.g. the areas in
    data/partnership.yml). Without a context (a model used on its own) any key passes.
    """

    def check(value: str, info: ValidationInfo) -> str:
        keys = ((info.context or {}).get("keys") or {}).get(kind)
        if keys is None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            raise ValueError(f"'{value}' is not a valid key — use lower-case letters, digits and hyphens")
        if keys is not None and value not in keys:
            # the same one-line message as a fixed list of values ("must be one of …")
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": _quoted(list(keys))})
        return value

    # procedures/schemas.py turns "x-data-key" into the site's list of values
    return Annotated[Text, AfterValidator(check), Field(json_schema_extra={"x-data-key": kind})]


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
    short: Text  # the agency label used in derived text, e.g. "Police", "ICB", "City"
    type: Literal["police", "icb", "local-authority"]
    area: DataKey("local-area")  # an area or the whole area, from data/partnership.yml
    lead: Person  # Lead Safeguarding Partner (LSP)
    delegate: Person  # Delegated Safeguarding Partner (DSP)
    source: Text


class PartnersFile(Model):
    organisations: list[Organisation] = Field(min_length=1)


# contacts: procedures/contacts/models.py


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


class PageMeta(Model):
    """Front matter allowed on ordinary pages (home, section indexes, editor guide …)."""

    title: Text | None = None
    description: Text | None = None
    render_macros: bool = False
    hide: list[Literal["navigation", "toc", "footer", "feedback", "path", "tags"]] = []
    template: Text | None = None
    search: dict | None = None
