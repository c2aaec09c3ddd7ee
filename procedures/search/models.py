"""The search feature's model: data/search-terms.yml (words readers use for what the site calls something else)."""

from __future__ import annotations

from pydantic import Field

from ..core.models import Model, Text


class SearchSynonym(Model):
    words: list[Text] = Field(min_length=1)  # what a reader may type, e.g. "domestic violence"
    means: Text  # the words the site uses for it, e.g. "domestic abuse"


class SearchTermsFile(Model):
    synonyms: list[SearchSynonym] = []
