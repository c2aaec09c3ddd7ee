"""The field types and base model every feature's models use, and ordinary pages' front matter.

Every model forbids unknown keys and is immutable. Each feature defines the models of its
own data files and front matter beside its logic and declares them in its ``FEATURE``
(``procedures/core/feature.py``); the core only knows ordinary pages (:class:`PageMeta`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
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

    # procedures/editor/schemas.py turns "x-data-key" into the site's list of values
    return Annotated[Text, AfterValidator(check), Field(json_schema_extra={"x-data-key": kind})]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- sections and owners -------------------------------------------------------------


# --- partners: organisations, lead and delegated safeguarding partners -----------------


# contacts: procedures/contacts/models.py


# --- glossary ------------------------------------------------------------------------


# --- search: what readers type for what the site says (procedures/search/) ------------


# --- chapter front matter ----------------------------------------------------------------


class PageMeta(Model):
    """Front matter allowed on ordinary pages (home, section indexes, editor guide …)."""

    title: Text | None = None
    description: Text | None = None
    render_macros: bool = False
    hide: list[Literal["navigation", "toc", "footer", "feedback", "path", "tags"]] = []
    template: Text | None = None
    search: dict | None = None
