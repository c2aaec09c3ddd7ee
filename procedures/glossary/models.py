"""The glossary's model: data/glossary.yml."""

from __future__ import annotations

from pydantic import Field

from ..core.models import Model, Text


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
