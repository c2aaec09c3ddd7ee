"""The model of ``data/contacts.yml``: every route a chapter can send a reader to.

Each contact says where its details came from (``source``, ``source_kind``) and when
someone last checked them (``checked_on``). A route with no number, email or web page
from any source must say what to do instead (``unconfirmed``); a route that has a
number is never shown as "to be confirmed".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ..core.models import DataKey, Key, Model, Text

SOURCE_KINDS = ("partnership", "public", "national")
URL = re.compile(r"https?://[^\s/]+\.[^\s]+")


class Contact(Model):
    key: Key
    name: Text
    area: DataKey("contact-area")  # 'all', an area or the whole area (data/partnership.yml)
    purpose: Text
    phone: Text | None = None
    out_of_hours: Text | None = None
    email: Text | None = None
    web: Text | None = None  # the organisation's own page for this route
    hours: Text | None = None
    source: Text  # the public page read (its address), or "partnership", or the national service
    source_kind: Literal["partnership", "public", "national"]
    checked_on: date  # when someone last checked the details against the source
    organisation: Text | None = None  # whose website a public source is, for "from <organisation>'s website"
    unconfirmed: Text | None = None  # no source gives a number: what the reader should do instead
    note: Text | None = None

    @property
    def has_route(self) -> bool:
        """A number, email or web page the reader can use."""
        return bool(self.phone or self.out_of_hours or self.email or self.web)

    @field_validator("phone", "out_of_hours")
    @classmethod
    def _phone_shape(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d[\d ]{1,14}\d", v):
            raise ValueError("write phone numbers with digits and spaces only, e.g. 0116 305 0005")
        return v

    @field_validator("web")
    @classmethod
    def _web_is_address(cls, v: str | None) -> str | None:
        if v is not None and not URL.fullmatch(v):
            raise ValueError(f"'web' must be a web address starting https:// (found '{v}')")
        return v

    @model_validator(mode="after")
    def _honest_route(self) -> Contact:
        if self.source_kind == "public" and not URL.fullmatch(self.source):
            raise ValueError("a contact with 'source_kind: public' needs 'source:' to be the address (https://…) of the public page the details were read from")
        if not self.has_route and not self.unconfirmed:
            raise ValueError(f"contact '{self.key}' has no phone, email or web page — add 'unconfirmed:' saying what the reader should do instead (for example, ask their designated safeguarding lead)")
        if self.phone and self.unconfirmed:
            raise ValueError(f"contact '{self.key}' has a phone number, so it is not unconfirmed — remove 'unconfirmed:' (the number is shown with its source and check date)")
        return self


class ContactsFile(Model):
    worried_about_a_child: list[Key] = Field(min_length=1)
    contacts: list[Contact] = Field(min_length=1)
