"""Typed model of ``data/thresholds.yml``.

Field-level rules live here (unknown keys, required text, allowed values). Rules that
compare one part of the file with another, or with other files (an indicator's level
exists, a contact key exists, no duplicate text), are in :mod:`.checks`, so every
problem can be reported at its own line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..core.models import DataKey, Key, Model, Text

# The age bands an indicator may be tagged with (optional), in display order.
AGE_BANDS: dict[str, str] = {
    "pre-birth": "Pre-birth",
    "0-4": "0 to 4 years",
    "5-11": "5 to 11 years",
    "12-17": "12 to 17 years",
}
AgeBand = Literal["pre-birth", "0-4", "5-11", "12-17"]

# The kinds of assessment a level's response can name.
ASSESSMENTS: dict[str, str] = {
    "none": "No formal assessment: the service's own routine checks and reviews",
    "early-help-assessment": "Early Help Assessment, with the family's agreement",
    "child-in-need": "Child in need assessment under section 17 of the Children Act 1989",
    "child-protection": "Child protection enquiries under section 47 of the Children Act 1989",
}
Assessment = Literal["none", "early-help-assessment", "child-in-need", "child-protection"]
# areas come from data/partnership.yml (procedures.partnership): names through area_names(site)
Area = DataKey("area")


class Document(Model):
    title: Text
    names_note: Text  # shown wherever level names appear while any name is unconfirmed
    source: Text  # where the content comes from


class Response(Model):
    summary: Text  # one or two sentences: what happens at this level
    who: list[Text] = Field(min_length=1)  # who acts
    assessment: list[Assessment] = Field(min_length=1)
    actions: list[Text] = Field(min_length=1)  # what a practitioner does, in order


class Route(Model):
    area: Area
    contact: Key  # a key in data/contacts.yml
    when: Text  # what to contact them for at this level


class LocalNote(Model):
    area: DataKey("local-area")  # an area or the whole area (data/partnership.yml)
    text: Text
    source: Text


class Level(Model):
    key: Key
    number: int = Field(ge=1, le=9)
    name: Text
    unconfirmed: Text | None = None  # why the name still awaits the partnership's confirmation
    summary: Text  # one sentence for tables and the quick sheet
    situation: Text  # the child's situation at this level
    signs: list[Text] = Field(min_length=1, max_length=6)  # short points for the quick sheet
    response: Response | None = None  # required: reported by the cross check with a clear message
    routes: list[Route] = []
    local: list[LocalNote] = []


class SubDomain(Model):
    key: Key
    name: Text
    description: Text | None = None


class Domain(Model):
    key: Key
    name: Text
    description: Text
    subdomains: list[SubDomain] = Field(min_length=1)


class Indicator(Model):
    text: Text
    level: Key
    domain: Key
    subdomain: Key
    ages: list[AgeBand] = []


class ThresholdsFile(Model):
    document: Document
    levels: list[Level] = Field(min_length=1)
    domains: list[Domain] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
